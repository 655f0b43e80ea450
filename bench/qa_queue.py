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

import random
import time
from datetime import timedelta
from typing import Any

from bench import pages_at_sizes


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
    pages_at_sizes(
        name="qa_queue",
        title="QA queue benchmark",
        size_label="reports in QA",
        grow=reports_grow_to,
        pages=lambda state: [("queue, page 1", "/reports/qa/"), ("queue, page 30", "/reports/qa/?page=30")],
        seed=10,
        description=__doc__.splitlines()[0],
    )


if __name__ == "__main__":
    main()
