"""The assessor's workspace at scale: a family with 5,000 chronology entries and 200 agency requests.

Builds one allocated assessment (synthetic data), first with a small family
history, then grows the same family to the full size, and at each size times the
workspace pages as the allocated assessor: the overview with its completeness
panel, the chronology (first and last page), the agency requests, the household,
the risk tool, the four questions and the history of changes. For each page:
median and p95 server time, and the number of SQL queries, which must not grow
with the size of the family.

    .venv/bin/python -m bench.workspace_pages
    scripts/with-postgres.sh .venv/bin/python -m bench.workspace_pages
    .venv/bin/python -m bench.workspace_pages --entries 5000 --sources 200 --repetitions 30

Exits with status 1 when a page's query count differs between sizes.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from typing import Any

from bench import database_vendor, machine, setup_django, sign_in, time_page, write_results

PAGES = ["overview", "chronology", "chronology-last", "sources", "household", "risk", "questions", "history"]


def _grow(*, assessment: Any, assessor: Any, entries: int, sources: int, seed: int) -> None:
    from hub.workspace import services
    from hub.workspace.models import ChronologyEntry, InformationRequest, RecordVersion
    from hub.workspace.rules import DatePrecision

    rng = random.Random(seed)
    family = services.family_ensure_for_referral(referral=assessment.referral)
    have = ChronologyEntry.objects.filter(family=family).count()
    start = datetime.date(2005, 1, 1)
    batch = []
    for i in range(have, entries):
        precision = rng.choice([DatePrecision.DAY] * 6 + [DatePrecision.MONTH] * 3 + [DatePrecision.YEAR])
        day = start + datetime.timedelta(days=rng.randrange(0, 7300))
        if precision == DatePrecision.MONTH:
            day = day.replace(day=1)
        elif precision == DatePrecision.YEAR:
            day = day.replace(month=1, day=1)
        batch.append(
            ChronologyEntry(
                family=family,
                recorded_in=assessment,
                event_date=day,
                precision=precision,
                what_happened=f"Synthetic event {i}: police attended after a reported argument",
                source=rng.choice(["Police disclosure", "Health visitor records", "Mother's account", "School"]),
                bundle_reference=f"C{rng.randrange(1, 400)}",
                significance="Synthetic significance",
            )
        )
    ChronologyEntry.objects.bulk_create(batch, batch_size=1000)
    agencies = ["police", "gp", "health_visitor", "school", "housing", "camhs", "probation", "nursery"]
    have_sources = InformationRequest.objects.filter(assessment=assessment).count()
    InformationRequest.objects.bulk_create(
        [
            InformationRequest(
                assessment=assessment,
                agency=rng.choice(agencies),
                organisation_name=f"Synthetic service {i}",
                basis="statutory",
                asked_on=datetime.date(2026, 1, 5) + datetime.timedelta(days=i % 60),
                reply_by=datetime.date(2026, 1, 19) + datetime.timedelta(days=i % 60),
                answered_on=datetime.date(2026, 1, 12) + datetime.timedelta(days=i % 60) if i % 3 else None,
                what_they_said="Synthetic answer" if i % 3 else "",
                weight="specialist" if i % 3 else "",
            )
            for i in range(have_sources, sources)
        ]
    )
    # A history to page through: one version per chronology entry, as the pages would have made.
    RecordVersion.objects.bulk_create(
        [
            RecordVersion(
                assessment=assessment,
                family=family,
                record_type="chronologyentry",
                record_id=entry_id,
                number=1,
                data={"what_happened": "Synthetic"},
                changed_by=assessor,
            )
            for entry_id in ChronologyEntry.objects.filter(family=family)
            .exclude(pk__in=RecordVersion.objects.filter(record_type="chronologyentry").values("record_id"))
            .values_list("pk", flat=True)
        ],
        batch_size=1000,
    )


def _analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(*, assessment: Any, assessor: Any, repetitions: int, warmup: int) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from hub.workspace.models import ChronologyEntry

    client = Client()
    sign_in(client, assessor)
    entries = ChronologyEntry.objects.filter(family__referral_links__referral=assessment.referral).count()
    last_page = max(1, -(-entries // 100))
    urls = {name: reverse(f"workspace:{name}", args=[assessment.pk]) for name in PAGES if name != "chronology-last"}
    urls["chronology-last"] = urls["chronology"] + f"?page={last_page}"
    timings = {name: time_page(client, urls[name], repetitions=repetitions, warmup=warmup).as_dict() for name in PAGES}
    return {"entries": entries, "pages": timings, "machine": machine()}


def report_table(results: dict[str, Any]) -> str:
    lines = [
        f"Workspace pages on {results['database']}: {results['repetitions']} repetitions after "
        f"{results['warmup']} warm-up requests, signed in as the allocated assessor",
        f"{'Page':<17} {'Entries':>8} {'Sources':>8} {'Median ms':>10} {'p95 ms':>8} {'Queries':>8}",
    ]
    for name in PAGES:
        for size in results["sizes"]:
            page = size["pages"][name]
            varied = "" if len(page["query_counts_seen"]) == 1 else f" (varied {page['query_counts_seen']})"
            lines.append(
                f"{name:<17} {size['entries']:>8,} {size['sources']:>8,} {page['median_ms']:>10.1f} "
                f"{page['p95_ms']:>8.1f} {page['queries']:>8}{varied}"
            )
    for size in results["sizes"]:
        lines.append(f"Load average at {size['entries']:,} entries: {size['machine']['load_average_1_5_15'][0]}")
    return "\n".join(lines)


def query_counts_constant(results: dict[str, Any]) -> list[str]:
    problems = []
    for name in PAGES:
        seen = {tuple(size["pages"][name]["query_counts_seen"]) for size in results["sizes"]}
        if len(seen) > 1 or any(len(counts) > 1 for counts in seen):
            problems.append(f"{name}: query counts {sorted(seen)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.workspace_pages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    setup_django()
    from tests import factories

    assessor = factories.assessor()
    assessment = factories.accepted_assessment(assessor_user=assessor, children=3)
    results: dict[str, Any] = {
        "database": database_vendor(),
        "repetitions": args.repetitions,
        "warmup": args.warmup,
        "sizes": [],
    }
    for entries, sources in ((50, 2), (args.entries, args.sources)):
        _grow(assessment=assessment, assessor=assessor, entries=entries, sources=sources, seed=args.seed)
        _analyse()
        print(f"Timing the workspace with {entries:,} chronology entries and {sources} sources", file=sys.stderr)
        figures = measure(assessment=assessment, assessor=assessor, repetitions=args.repetitions, warmup=args.warmup)
        results["sizes"].append({**figures, "sources": sources})
    path = write_results("workspace_pages", results)
    print(report_table(results))
    print(f"Figures written to {path}")
    problems = query_counts_constant(results)
    for problem in problems:
        print(f"Query count grew with the family: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
