"""Load test: 50 people browsing and searching the hub while large court bundles upload.

    python -m bench.load_locust [--users 50] [--seconds 60] [--bundle-mb 30] [--referrals 2000]

Runs everything on loopback and tears it down afterwards:
1. a throwaway PostgreSQL (scripts/with-postgres.sh; the script re-runs itself
   under it when DATABASE_URL is not set);
2. the production configuration: DJANGO_DEBUG=false, a random secret key,
   `migrate`, `collectstatic`, and gunicorn (gthread workers) on 127.0.0.1;
3. synthetic data (bench.synthetic): referrals in every state, plus one account per
   simulated person with an authenticator and one recovery code, so each signs in
   through the real two-step sign-in;
4. locust, headless, for a bounded time (bench/load_locustfile.py): service managers
   browse the triage queue, referral pages, the timeline and the allocation queue;
   referrers browse their lists and referrals and search them through the API;
   four case systems upload a large bundle PDF through the API, again and again.

Prints the request count, the error count (the run fails if it is not 0) and the
median and p95 per endpoint. Production cookies are Secure; the load clients send
them over plain http on loopback, as a TLS-terminating proxy in front would.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-password-for-load-users"
MANAGERS = 10
UPLOADERS = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HUB_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "HUB_LOG_LEVEL": "WARNING",
        "HUB_BUNDLE_MAX_BYTES": str(200 * 1024 * 1024),
    }


def _big_pdf(path: Path, megabytes: int) -> None:
    """A valid bundle PDF of about `megabytes`: real pages plus one large incompressible image."""
    import io

    import pikepdf

    from hub.core.documents import make_bundle_pdf

    pdf = pikepdf.open(io.BytesIO(make_bundle_pdf(title="Synthetic large bundle", pages=40)))
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
    image = pikepdf.Stream(pdf, os.urandom(side * side * 3))
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = side, side, 8
    image.ColorSpace = pikepdf.Name.DeviceRGB
    page = pdf.pages[0]
    page.Resources.XObject = pikepdf.Dictionary(Im1=image)
    pdf.save(path, compress_streams=False)


def seed(accounts_path: Path, referrals: int, users: int) -> None:
    """Runs in its own process with the production environment: data and accounts for the load."""
    import django

    django.setup()
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bench import synthetic
    from hub.accounts.models import ApiToken, Role, User
    from hub.referrals.models import Referral, ReferralStatus

    world = synthetic.world_ensure()
    synthetic.referrals_generate(world=world, count=referrals)

    def account(username: str, role: str, organisation: object) -> dict[str, object]:
        user = User.objects.create_user(
            username=username,
            email=username,
            password=PASSWORD,
            full_name=username,
            role=role,
            organisation=organisation,
        )
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        code = StaticToken.random_token()
        StaticToken.objects.create(device=device, token=code)
        return {"username": username, "code": code, "organisation": getattr(organisation, "pk", None)}

    managers = [account(f"load.manager.{n}@example.org", Role.SERVICE_MANAGER, world.hub) for n in range(MANAGERS)]
    referrers = [
        account(f"load.referrer.{n}@example.org", Role.REFERRER, world.local_authorities[n % 9]) for n in range(users)
    ]
    visible = {
        la.pk: list(Referral.objects.filter(local_authority=la).values_list("pk", flat=True)[:200])
        for la in world.local_authorities
    }
    submitted = list(Referral.objects.exclude(status=ReferralStatus.DRAFT).values_list("pk", flat=True)[:2000])
    tokens = []
    for n in range(UPLOADERS):
        la = world.local_authorities[n % 9]
        _token, raw = ApiToken.issue(organisation=la, acting_user=world.referrers[la.pk], name=f"Load {n}")
        tokens.append(raw)
    accounts_path.write_text(
        json.dumps(
            {
                "password": PASSWORD,
                "managers": managers,
                "referrers": referrers,
                "visible": {str(k): v for k, v in visible.items()},
                "submitted": submitted,
                "tokens": tokens,
                "court": world.courts[0].name,
            }
        )
    )


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer at {url}")


def _report(prefix: Path, seconds: int, users: int) -> int:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    failures = 0
    print(f"\nLocust on loopback: {users} users for {seconds} s against gunicorn + PostgreSQL, DEBUG off")
    print(f"{'endpoint':58} {'requests':>8} {'errors':>6} {'median ms':>9} {'p95 ms':>7} {'max ms':>7}")
    for row in rows:
        name = f"{row['Type']} {row['Name']}".strip()
        print(
            f"{name:58.58} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Median Response Time']):>9.0f} {row['95%']:>7} {float(row['Max Response Time']):>7.0f}"
        )
        if row["Name"] != "Aggregated":
            failures += int(row["Failure Count"])
    failures_file = Path(f"{prefix}_failures.csv")
    if failures_file.exists():
        for row in list(csv.DictReader(failures_file.open()))[:10]:
            print("failure:", row)
    print(f"\nerrors: {failures}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--bundle-mb", type=int, default=30)
    parser.add_argument("--referrals", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seed-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.seed_only:
        seed(args.seed_only, args.referrals, args.users)
        return 0
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # Re-run under a throwaway PostgreSQL server.
        script = ROOT / "scripts" / "with-postgres.sh"
        os.execv(str(script), [str(script), sys.executable, "-m", "bench.load_locust", *sys.argv[1:]])

    work = Path(tempfile.mkdtemp(prefix="hub-load-"))
    env = _env(work)
    python = sys.executable
    manage = [python, str(ROOT / "manage.py")]
    gunicorn: subprocess.Popen[bytes] | None = None
    try:
        started = time.monotonic()
        subprocess.run([*manage, "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*manage, "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
        accounts = work / "accounts.json"
        referrers = max(args.users - MANAGERS - UPLOADERS, 1)
        subprocess.run(
            [
                python,
                "-m",
                "bench.load_locust",
                "--seed-only",
                str(accounts),
                "--referrals",
                str(args.referrals),
                "--users",
                str(referrers),
            ],
            env=env,
            check=True,
            cwd=ROOT,
        )
        bundle = work / "large-bundle.pdf"
        subprocess.run(
            [
                python,
                "-c",
                f"from bench.load_locust import _big_pdf; from pathlib import Path; "
                f"_big_pdf(Path({str(bundle)!r}), {args.bundle_mb})",
            ],
            env=env,
            check=True,
            cwd=ROOT,
        )
        print(
            f"Prepared in {time.monotonic() - started:.0f} s: {args.referrals} referrals, "
            f"bundle {bundle.stat().st_size / 1_048_576:.1f} MB"
        )

        port = _free_port()
        gunicorn = subprocess.Popen(
            [
                python,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--worker-class",
                "gthread",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        host = f"http://127.0.0.1:{port}"
        _wait_for(f"{host}/accounts/sign-in/", gunicorn)

        prefix = work / "locust"
        load_env = {**env, "LOAD_ACCOUNTS": str(accounts), "LOAD_BUNDLE": str(bundle)}
        subprocess.run(
            [
                python,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "load_locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                "10",
                "--run-time",
                f"{args.seconds}s",
                "--stop-timeout",
                "60",
                "--host",
                host,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env=load_env,
            cwd=ROOT,
            check=False,
        )
        failures = _report(prefix, args.seconds, args.users)
        return 1 if failures else 0
    finally:
        if gunicorn is not None and gunicorn.poll() is None:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
