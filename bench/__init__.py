"""Benchmarks: `python -m bench.<module>` scripts that build synthetic data and print figures.

Shared helpers live here so every benchmark measures the same way:

- `setup_django()` points the hub at a throwaway database (a SQLite file in a
  temporary directory, or the PostgreSQL server in `DATABASE_URL`), configures
  Django as production runs it (DEBUG off) and migrates;
- `sign_in()` signs a user in on the test client, second factor included;
- `time_page()` times a page through the Django test client: median and p95 of
  the server time, and the number of SQL queries it runs;
- `write_results()` keeps the figures as JSON in `bench/results/` (not committed);
- `pages_at_sizes()` is the `main()` of the benchmarks that time pages as the data grows.

Nothing here imports a model at module level, so this package can be imported
before Django is set up.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.test import Client

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def setup_django(*, migrate: bool = True, var_dir: Path | None = None) -> Path:
    """Configure Django against a fresh, throwaway database and return its data folder.

    Must run before any model is imported. Without `DATABASE_URL` the database is
    a SQLite file in a new temporary directory (or in `var_dir`, for a benchmark
    that keeps its generated database between runs); with it (for example under
    `scripts/with-postgres.sh`) that database is used and must be empty.
    """
    if var_dir is None:
        var_dir = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ["HUB_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Time the pages as production serves them: DEBUG off (no SQL log kept in
    # memory, no debug template machinery). The test client's host must be allowed.
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    # Mail from state changes goes nowhere; tasks run in-process.
    os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    os.environ.setdefault("HUB_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
    os.environ.setdefault("HUB_LOG_LEVEL", "WARNING")
    # WhiteNoise warns when the static root is missing; it is empty here on purpose.
    (var_dir / "static").mkdir(exist_ok=True)

    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    return var_dir


def database_vendor() -> str:
    from django.db import connection

    return connection.vendor


def percentile(samples: list[float], fraction: float) -> float:
    """The `fraction` quantile (0.95 for p95), interpolated between the nearest samples."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


@dataclass(frozen=True)
class PageTiming:
    url: str
    repetitions: int
    median_ms: float
    p95_ms: float
    # The fastest request: on a shared machine, the nearest to an unhurried server.
    min_ms: float
    # This process's CPU time per request: less disturbed than wall time when the
    # machine is shared, but it leaves out the PostgreSQL server's own work.
    cpu_median_ms: float
    # Every repetition's count; more than one value means the page does not run a fixed set of queries.
    queries: int
    query_counts_seen: tuple[int, ...]
    status_code: int
    bytes: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def sign_in(client: Client, user: Any) -> None:
    """Sign `user` in on the test client, second factor included.

    Pages refuse a session whose second factor was not checked, so when
    django-otp is installed the session is marked as verified with a device made
    for the benchmark: the same state the sign-in pages leave after a good code.
    """
    from django.apps import apps

    client.force_login(user)
    if not apps.is_installed("django_otp.plugins.otp_static"):
        return
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(user=user, name="benchmark", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def time_page(client: Client, url: str, *, repetitions: int = 30, warmup: int = 3) -> PageTiming:
    """Server time of `client.get(url)`: wall time around the call, after a warm-up.

    The test client calls the WSGI handler in-process, so this is the time the
    server spends (middleware, view, queries, template), without any network.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
    times: list[float] = []
    cpu_times: list[float] = []
    counts: list[int] = []
    status_code = 0
    size = 0
    for _ in range(repetitions):
        with CaptureQueriesContext(connection) as captured:
            cpu_started = time.process_time()
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            cpu_elapsed = time.process_time() - cpu_started
        times.append(elapsed * 1000)
        cpu_times.append(cpu_elapsed * 1000)
        counts.append(len(captured.captured_queries))
        status_code = response.status_code
        size = len(response.content)
    return PageTiming(
        url=url,
        repetitions=repetitions,
        median_ms=round(statistics.median(times), 2),
        p95_ms=round(percentile(times, 0.95), 2),
        min_ms=round(min(times), 2),
        cpu_median_ms=round(statistics.median(cpu_times), 2),
        queries=max(counts),
        query_counts_seen=tuple(sorted(set(counts))),
        status_code=status_code,
        bytes=size,
    )


def machine() -> dict[str, Any]:
    """What the figures were measured on; the load says whether others shared the CPUs."""
    import platform

    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_1_5_15": [round(n, 2) for n in load],
    }


def write_results(name: str, results: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")
    return path


def pages_at_sizes(
    *,
    name: str,
    title: str,
    size_label: str,
    grow: Callable[..., float],
    pages: Callable[[dict[str, Any]], list[tuple[str, str]]],
    seed: int,
    repetitions: int = 30,
    warmup: int = 3,
    description: str = "",
) -> None:
    """Time the same pages as the data grows: the shared `main()` of the page benchmarks.

    `grow(size, rng=, state=)` adds synthetic rows until `size` exist (keeping what it
    made, and the manager to sign in as, in `state`) and returns the seconds taken;
    `pages(state)` names the pages to time. Prints median, p95, CPU and queries per
    page and size, keeps them in `bench/results/<name>_<database>.json`, and exits
    with status 1 when a page's query count differs between sizes (a query per row).
    """
    import argparse
    import random
    import sys

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repetitions", type=int, default=repetitions)
    parser.add_argument("--warmup", type=int, default=warmup)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    setup_django()
    from django.test import Client

    rng = random.Random(seed)  # synthetic data, not secrets
    state: dict[str, Any] = {}
    results: dict[str, Any] = {"database": database_vendor(), "machine": machine(), "sizes": {}}
    width = max(len(size_label), 10)
    print(f"{title} on {results['database']}, {args.repetitions} repetitions after {args.warmup} warm-up")
    print(f"{size_label:>{width}} {'page':<28} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8}")
    for size in sizes:
        seconds = grow(size, rng=rng, state=state)
        client = Client()
        sign_in(client, state["manager"])
        timed = {}
        for label, url in pages(state):
            timing = time_page(client, url, repetitions=args.repetitions, warmup=args.warmup)
            timed[label] = timing.as_dict()
            print(
                f"{size:>{width},} {label:<28} {timing.median_ms:>10.1f} {timing.p95_ms:>8.1f} "
                f"{timing.cpu_median_ms:>7.1f} {timing.queries:>8}"
            )
        results["sizes"][size] = {"data_seconds": round(seconds, 1), "pages": timed}
        print(f"{'':>{width}} (data built in {seconds:.1f} s)")
    path = write_results(f"{name}_{results['database']}", results)
    print(f"Written to {path}")
    counts = {label: {results["sizes"][s]["pages"][label]["queries"] for s in sizes} for label in timed}
    if any(len(seen) > 1 for seen in counts.values()):
        print(f"Query counts differ between sizes: {counts}")
        sys.exit(1)
    print("Query counts are the same at every size.")
