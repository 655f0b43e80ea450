"""The service manager's QA queue with 1,000 then 10,000 reports waiting.

Worst case: every report is in QA at once, so the page counts, sorts by QA
deadline (a join to each assessment's clock) and pages all of them. The
assessments and their clocks are made as in `bench.timescales_timeline`; the
reports are added with bulk_create (invented data only). Times `/reports/qa/`
(page 1 and a page deep in the queue) as the manager: median and p95 server
time, and the query count, which must be the same at every size.

    .venv/bin/python -m bench.qa_queue
    scripts/with-postgres.sh .venv/bin/python -m bench.qa_queue
    .venv/bin/python -m bench.qa_queue --sizes 500,5000 --repetitions 10

Exits with status 1 when a page's query count differs between sizes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from typing import Any

from bench import database_vendor, machine, setup_django, sign_in, time_page, write_results


def reports_grow_to(size: int, *, rng: random.Random, state: dict[str, Any]) -> float:
    """Assessments, clocks and an in-QA report for each, until `size` reports exist; seconds taken."""
    from django.utils import timezone

    from bench.timescales_timeline import grow_to
    from hub.assessments.models import Assessment
    from hub.reports.models import Report, ReportState, ReportTemplate

    started = time.perf_counter()
    grow_to(size, rng=rng, state=state)
    sections = {t.assessment_type: t.sections for t in ReportTemplate.objects.all()}
    now = timezone.now()
    missing = Assessment.objects.filter(report__isnull=True).values_list("pk", "assessment_type")
    Report.objects.bulk_create(
        [
            Report(
                assessment_id=pk,
                sections=sections.get(kind, []),
                template_name="Synthetic",
                state=ReportState.IN_QA,
                qa_rounds=rng.choice([1, 1, 1, 2, 3]),
                submitted_at=now - timedelta(hours=rng.randrange(0, 24 * 20)),
            )
            for pk, kind in missing
        ],
        batch_size=2000,
    )
    Assessment.objects.filter(report__isnull=False).update(status="in_qa")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    setup_django()
    from django.test import Client

    rng = random.Random(10)
    state: dict[str, Any] = {}
    results: dict[str, Any] = {"database": database_vendor(), "machine": machine(), "sizes": {}}
    print(f"QA queue benchmark on {results['database']}, {args.repetitions} repetitions after {args.warmup} warm-up")
    print(f"{'reports in QA':>14} {'page':<22} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8}")
    for size in sizes:
        seconds = reports_grow_to(size, rng=rng, state=state)
        client = Client()
        sign_in(client, state["manager"])
        pages = {}
        for label, url in [("queue, page 1", "/reports/qa/"), ("queue, page 30", "/reports/qa/?page=30")]:
            timing = time_page(client, url, repetitions=args.repetitions, warmup=args.warmup)
            pages[label] = timing.as_dict()
            print(
                f"{size:>14,} {label:<22} {timing.median_ms:>10.1f} {timing.p95_ms:>8.1f} "
                f"{timing.cpu_median_ms:>7.1f} {timing.queries:>8}"
            )
        results["sizes"][size] = {"data_seconds": round(seconds, 1), "pages": pages}
        print(f"{'':>14} (data built in {seconds:.1f} s)")
    path = write_results(f"qa_queue_{results['database']}", results)
    print(f"Written to {path}")
    counts = {
        label: {results["sizes"][s]["pages"][label]["queries"] for s in sizes}
        for label in results["sizes"][sizes[0]]["pages"]
    }
    if any(len(seen) > 1 for seen in counts.values()):
        print(f"Query counts differ between sizes: {counts}")
        sys.exit(1)
    print("Query counts are the same at every size.")


if __name__ == "__main__":
    main()
