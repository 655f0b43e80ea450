"""Referral intake and triage at scale: the triage queue and a referral page.

Generates synthetic referrals (see `bench.synthetic`) in steps, 1,000 then
10,000 by default, and at each size times, as the hub's service manager:

- the triage queue, `/referrals/triage/` (one in ten referrals waits on triage,
  so the queue grows with the dataset: 100 rows, then 1,000);
- one referral's page, `/referrals/<pk>/`: the same referral at every size, one
  waiting on triage with four children and three adults (the fullest page).

For each page: median and p95 server time over the repetitions after a warm-up,
and the number of SQL queries, which must not grow with the number of referrals.
The figures are printed as a table and written to `bench/results/intake.json`.

    .venv/bin/python -m bench.intake
    scripts/with-postgres.sh .venv/bin/python -m bench.intake
    .venv/bin/python -m bench.intake --sizes 200,2000 --repetitions 10

Exits with status 1 when a page's query count differs between sizes.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

from bench import PageTiming, database_vendor, machine, setup_django, sign_in, time_page, write_results

if TYPE_CHECKING:
    from bench.synthetic import World


def referral_to_view(*, world: World) -> int:
    """The fullest referral waiting on triage: the page with the most to show."""
    from django.db.models import Count

    from hub.referrals.models import Referral, ReferralStatus

    referral = (
        Referral.objects.filter(status__in=[ReferralStatus.SUBMITTED, ReferralStatus.QUERY_RAISED])
        .annotate(kids=Count("children", distinct=True), grown_ups=Count("adults", distinct=True))
        .order_by("-kids", "-grown_ups", "id")
        .values_list("pk", flat=True)
        .first()
    )
    if referral is None:
        raise RuntimeError("No referral is waiting on triage: generate more referrals")
    return referral


def measure(*, world: World, referral_pk: int, repetitions: int, warmup: int) -> dict[str, Any]:
    """Time both pages once, signed in as the service manager."""
    from django.test import Client

    from hub.referrals.models import Referral, ReferralStatus

    client = Client()
    sign_in(client, world.manager)
    triage = time_page(client, "/referrals/triage/", repetitions=repetitions, warmup=warmup)
    detail = time_page(client, f"/referrals/{referral_pk}/", repetitions=repetitions, warmup=warmup)
    return {
        "referrals": Referral.objects.count(),
        "awaiting_triage": Referral.objects.filter(
            status__in=[ReferralStatus.SUBMITTED, ReferralStatus.QUERY_RAISED]
        ).count(),
        "triage_queue": triage.as_dict(),
        "referral_page": detail.as_dict(),
        "machine": machine(),
    }


def _analyse() -> None:
    # Refresh the planner's statistics after a bulk load, as a live database's would be.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _row(label: str, size: dict[str, Any], page: str) -> str:
    timing = PageTiming(**{**size[page], "query_counts_seen": tuple(size[page]["query_counts_seen"])})
    varying = "" if len(timing.query_counts_seen) == 1 else f" (varied: {list(timing.query_counts_seen)})"
    return (
        f"{label:<16} {size['referrals']:>10,} {size['awaiting_triage']:>9,} "
        f"{timing.median_ms:>11.1f} {timing.p95_ms:>9.1f} {timing.cpu_median_ms:>9.1f} {timing.queries:>8}{varying}"
    )


def report_table(results: dict[str, Any]) -> str:
    lines = [
        f"Referral intake benchmark on {results['database']}: {results['repetitions']} repetitions "
        f"after {results['warmup']} warm-up requests, signed in as the service manager",
        f"{'Page':<16} {'Referrals':>10} {'In queue':>9} {'Median ms':>11} {'p95 ms':>9} {'CPU ms':>9} {'Queries':>8}",
    ]
    for page, label in (("triage_queue", "Triage queue"), ("referral_page", "Referral page")):
        lines += [_row(label, size, page) for size in results["sizes"]]
    for size in results["sizes"]:
        lines.append(
            f"Load average while timing {size['referrals']:,}: {size['machine']['load_average_1_5_15'][0]} "
            f"on {size['machine']['cpus']} CPUs"
        )
        lines.append(f"Generated {size['generated']:,} referrals ({size['rows']:,} rows) in {size['seconds']:.1f} s")
    return "\n".join(lines)


def query_counts_constant(results: dict[str, Any]) -> list[str]:
    """What grew with the dataset, in words; empty when every page's query count held still."""
    problems = []
    for page in ("triage_queue", "referral_page"):
        counts = {size["referrals"]: size[page]["query_counts_seen"] for size in results["sizes"]}
        if len({tuple(c) for c in counts.values()}) > 1 or any(len(c) > 1 for c in counts.values()):
            problems.append(f"{page}: query counts by number of referrals {counts}")
    return problems


def run(*, sizes: list[int], repetitions: int, warmup: int, seed: int, batch_size: int) -> dict[str, Any]:
    from bench import synthetic

    world = synthetic.world_ensure(seed=seed)
    results: dict[str, Any] = {
        "database": database_vendor(),
        "repetitions": repetitions,
        "warmup": warmup,
        "seed": seed,
        "sizes": [],
    }
    made = 0
    referral_pk: int | None = None
    for size in sorted(sizes):
        report = synthetic.referrals_generate(
            world=world, count=size - made, start=made, seed=seed, batch_size=batch_size
        )
        made = size
        _analyse()
        if referral_pk is None:
            # Chosen at the smallest size, then kept, so every size shows the same page.
            referral_pk = referral_to_view(world=world)
        print(
            f"Generated {report.referrals:,} referrals ({report.total_rows:,} rows) in {report.seconds:.1f} s; "
            f"timing the pages at {size:,}",
            file=sys.stderr,
        )
        figures = measure(world=world, referral_pk=referral_pk, repetitions=repetitions, warmup=warmup)
        results["sizes"].append(
            {**figures, "generated": report.referrals, "rows": report.total_rows, "seconds": round(report.seconds, 2)}
        )
    results["referral_pk"] = referral_pk
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.intake", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of referrals, comma-separated")
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    setup_django()
    began = time.perf_counter()
    results = run(
        sizes=sizes, repetitions=args.repetitions, warmup=args.warmup, seed=args.seed, batch_size=args.batch_size
    )
    results["total_seconds"] = round(time.perf_counter() - began, 1)
    print(report_table(results))
    path = write_results("intake", results)
    print(f"Written to {path}")
    problems = query_counts_constant(results)
    for problem in problems:
        print(f"QUERY COUNT GREW: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
