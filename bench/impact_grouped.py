"""The impact dashboard's filed assessments: one row per assessment against the grouped count.

Times `figures.filed_in_period` (the rows the dashboard used to read) and
`figures.filed_counts` (what it reads now) in one process, one after the other,
on the same data (bench.impact's, without training bookings), so the database
server's work is in the comparison and both meet the same load.

    .venv/bin/python -m bench.impact_grouped --data-dir /tmp/impact-data
    scripts/with-postgres.sh .venv/bin/python -m bench.impact_grouped
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import time
from pathlib import Path

from bench import database_vendor, setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=100_000)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, default=None, help="Keep the SQLite data here and reuse it")
    args = parser.parse_args()
    setup_django(var_dir=args.data_dir)
    from django.utils import timezone

    from bench.impact import build
    from hub.assessments.models import Assessment
    from hub.impact import figures

    if Assessment.objects.count() < args.assessments:
        build(assessments=args.assessments, bookings=0)
    today = timezone.localdate()
    two_years = today - datetime.timedelta(days=729)
    cases = {
        "last 12 months": figures.Filters(*figures.default_period(today)),
        "two years": figures.Filters(two_years, today),
        "two years, one LA and type": figures.Filters(
            two_years, today, local_authority=figures.authorities()[4][0], assessment_type="parenting"
        ),
    }
    print(f"{database_vendor()}: {'period':<28} {'rows ms':>9} {'grouped ms':>11}")
    for label, filters in cases.items():
        rows, grouped = [], []
        for _ in range(args.repetitions):
            started = time.perf_counter()
            figures.filed_in_period(filters)
            rows.append(time.perf_counter() - started)
            started = time.perf_counter()
            figures.filed_counts(filters)
            grouped.append(time.perf_counter() - started)
        print(
            f"{database_vendor()}: {label:<28} {1000 * statistics.median(rows):>9.1f} "
            f"{1000 * statistics.median(grouped):>11.1f}"
        )


if __name__ == "__main__":
    main()
