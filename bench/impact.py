"""The impact dashboard with 100,000 assessments and 20,000 training bookings.

Builds two years of a large hub with bulk_create (invented data only): a referral
for each assessment (plus one declined in ten), each assessment on its clock (due
dates from the rule's length, one in twelve of the checks-permitting ones paused
for DBS or medical checks), nine in ten filed with a report (QA rounds,
recommendation, whether the authority changed its plan), and training sessions
of every course with 20,000 places booked. Then times, as the performance
viewer, the dashboard for the last twelve months (every section), the same
narrowed to one authority and type, and the Excel file of every table: median
and p95 server time, CPU, and the query count.

    .venv/bin/python -m bench.impact
    scripts/with-postgres.sh .venv/bin/python -m bench.impact
    .venv/bin/python -m bench.impact --assessments 5000 --bookings 1000 --repetitions 5
    .venv/bin/python -m bench.impact --data-dir /tmp/impact-data   # SQLite: made once, reused by the next run
"""

from __future__ import annotations

import argparse
import datetime
import random
import time
from pathlib import Path
from typing import Any

from bench import database_vendor, machine, setup_django, sign_in, time_page, write_results

TYPES = [
    ("parenting", 56, 40),
    ("kinship_viability", 14, 20),
    ("joint_fostering_sgo", 70, 10),
    ("special_guardianship", 70, 10),
    ("full_fostering", 70, 8),
    ("parenting_addendum", 56, 12),
]


def build(*, assessments: int, bookings: int, seed: int = 0) -> dict[str, Any]:
    """Make the data; returns the viewer and what the filtered page asks for."""
    from django.db import transaction
    from django.utils import timezone

    from bench import synthetic
    from hub.accounts.models import Role, User
    from hub.assessments.models import Assessment, AssessmentStatus
    from hub.referrals.models import Referral, ReferralStatus
    from hub.reports.models import Report, ReportState
    from hub.timescales.models import Clock, ClockPause, TimescaleRuleVersion
    from hub.training.models import Booking, BookingStatus, Course, TrainingSession

    rng = random.Random(seed)
    world = synthetic.world_ensure(seed=seed)
    viewer, _ = User.objects.get_or_create(
        username="bench.viewer@example.org",
        defaults={"email": "bench.viewer@example.org", "full_name": "Bench Viewer", "role": Role.VIEWER,
                  "organisation": world.hub},
    )  # fmt: skip
    versions = {
        v.rule.assessment_type: v for v in TimescaleRuleVersion.objects.select_related("rule") if v.rule.assessment_type
    }
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    kinds = [(kind, days) for kind, days, _ in TYPES]
    weights = [weight for _, _, weight in TYPES]
    batch = 5_000
    made = 0
    while made < assessments:
        count = min(batch, assessments - made)
        with transaction.atomic():
            plans = []
            for n in range(made, made + count):
                kind, days = rng.choices(kinds, weights)[0]
                received_on = today - datetime.timedelta(days=rng.randint(20, 730))
                received = datetime.datetime.combine(received_on, datetime.time(10), tzinfo=zone)
                la = rng.choice(world.local_authorities)
                instructed = days + rng.choice([0, 7, 14, 21])
                plans.append((n, kind, days, received_on, received, la, instructed))
            referrals = [
                Referral(
                    reference=f"IMPACT-{n:07d}",
                    status=ReferralStatus.ACCEPTED,
                    local_authority=la,
                    created_by=world.referrers[la.pk],
                    created_at=received,
                    received_at=received,
                    decided_at=received,
                    filing_date=received_on + datetime.timedelta(days=instructed),
                    assessment_types=[kind],
                    referral_reason=rng.choice(["disagreement", "previous_quality", "disputed_fostering", "other"]),
                )
                for n, kind, days, received_on, received, la, instructed in plans
            ]
            referrals += [
                Referral(
                    reference=f"IMPACT-D{n:07d}",
                    status=ReferralStatus.DECLINED,
                    local_authority=la,
                    created_by=world.referrers[la.pk],
                    created_at=received,
                    received_at=received,
                    decided_at=received,
                    assessment_types=[kind],
                    referral_reason="other",
                )
                for n, kind, days, received_on, received, la, instructed in plans[::10]
            ]
            Referral.objects.bulk_create(referrals, batch_size=1000)
            rows = []
            for referral, (_, kind, days, received_on, received, la, _) in zip(referrals, plans, strict=False):
                paused = days == 70 and rng.random() < 1 / 12
                pause_days = rng.randint(7, 30) if paused else 0
                taken = days + pause_days - rng.choice([-7, 1, 3, 7, 10, 14])
                filed_on = received_on + datetime.timedelta(days=max(taken, 3))
                filed = filed_on < today and rng.random() < 0.9
                assessor = rng.choice([a for a in world.assessors if world.assessor_home[a.pk] != la.pk])
                rows.append((referral, kind, days, received_on, received, filed, filed_on, pause_days, assessor))
            made_assessments = Assessment.objects.bulk_create(
                [
                    Assessment(
                        referral=referral,
                        assessment_type=kind,
                        status=AssessmentStatus.FILED if filed else AssessmentStatus.IN_PROGRESS,
                        clock_started_at=received,
                        assessor=assessor,
                        created_at=received,
                    )
                    for referral, kind, days, received_on, received, filed, filed_on, pause_days, assessor in rows
                ],
                batch_size=1000,
            )
            clocks = Clock.objects.bulk_create(
                [
                    Clock(
                        assessment=assessment,
                        rule_version=versions[kind],
                        clock_start=received_on,
                        due_date=received_on + datetime.timedelta(days=days + pause_days),
                        paused_days=pause_days,
                        filing_date=assessment.referral.filing_date,
                        draft_submitted_on=filed_on - datetime.timedelta(days=4) if filed else None,
                        qa_completed_on=filed_on - datetime.timedelta(days=1) if filed else None,
                        ended_on=filed_on if filed else None,
                    )
                    for assessment, (_, kind, days, received_on, _, filed, filed_on, pause_days, _) in zip(
                        made_assessments, rows, strict=True
                    )
                ],
                batch_size=1000,
            )
            ClockPause.objects.bulk_create(
                [
                    ClockPause(
                        clock=clock,
                        reason=rng.choice(["dbs_check", "dbs_check", "medical", "la_checks"]),
                        started_on=received_on + datetime.timedelta(days=5),
                        ended_on=received_on + datetime.timedelta(days=5 + pause_days),
                        recorded_by=world.manager,
                    )
                    for clock, (_, _, _, received_on, _, _, _, pause_days, _) in zip(clocks, rows, strict=True)
                    if pause_days
                ],
                batch_size=1000,
            )
            Report.objects.bulk_create(
                [
                    Report(
                        assessment=assessment,
                        sections=[],
                        template_name="Synthetic",
                        state=ReportState.FILED,
                        qa_rounds=rng.choices([1, 2, 3], [70, 24, 6])[0],
                        filed_on=filed_on,
                        recommendation=rng.choice(["positive", "negative", ""]),
                        la_changed_plan=rng.choice([True, False, None]),
                    )
                    for assessment, (_, _, _, _, _, filed, filed_on, _, _) in zip(made_assessments, rows, strict=True)
                    if filed
                ],
                batch_size=1000,
            )
        made += count
    courses = list(Course.objects.all())
    sessions = TrainingSession.objects.bulk_create(
        [
            TrainingSession(
                course=courses[n % len(courses)],
                starts_at=datetime.datetime.combine(
                    today - datetime.timedelta(days=700 - n * 2), datetime.time(10), tzinfo=zone
                ),
                ends_at=datetime.datetime.combine(
                    today - datetime.timedelta(days=700 - n * 2), datetime.time(16), tzinfo=zone
                ),
                places=max(40, bookings // 350 + 10),
                venue="Synthetic venue",
            )
            for n in range(360)
        ]
    )
    Booking.objects.bulk_create(
        [
            Booking(
                session=sessions[n % len(sessions)],
                local_authority=(la := rng.choice(world.local_authorities)),
                booked_by=world.referrers[la.pk],
                attendee_name=f"Attendee {n}",
                attendee_email=f"attendee.{n}@example.org",
                status=BookingStatus.BOOKED if rng.random() < 0.95 else BookingStatus.CANCELLED,
                attended=rng.random() < 0.85,
            )
            for n in range(bookings)
        ],
        batch_size=2000,
    )
    return {"viewer": viewer, "local_authority": world.local_authorities[4].pk}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=100_000)
    parser.add_argument("--bookings", type=int, default=20_000)
    parser.add_argument("--repetitions", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--data-dir", type=Path, default=None, help="Keep the SQLite data here and reuse it")
    args = parser.parse_args()
    setup_django(var_dir=args.data_dir)
    from django.test import Client

    from hub.accounts.models import Organisation, User
    from hub.assessments.models import Assessment

    started = time.perf_counter()
    if args.data_dir is not None and Assessment.objects.count() >= args.assessments:
        made = {
            "viewer": User.objects.get(username="bench.viewer@example.org"),
            "local_authority": Organisation.objects.filter(kind="local_authority").order_by("pk")[4].pk,
        }
    else:
        made = build(assessments=args.assessments, bookings=args.bookings)
    seconds = time.perf_counter() - started
    client = Client()
    sign_in(client, made["viewer"])
    results: dict[str, Any] = {
        "database": database_vendor(),
        "machine": machine(),
        "assessments": args.assessments,
        "bookings": args.bookings,
        "data_seconds": round(seconds, 1),
        "pages": {},
    }
    print(
        f"Impact dashboard on {results['database']}: {args.assessments:,} assessments, {args.bookings:,} bookings "
        f"(made in {seconds:.0f} s); {args.repetitions} repetitions after {args.warmup} warm-up"
    )
    print(f"{'page':<40} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8}")
    from django.utils import timezone

    ends = timezone.localdate()
    starts = ends - datetime.timedelta(days=729)
    two_years = (
        f"starts_day={starts.day}&starts_month={starts.month}&starts_year={starts.year}"
        f"&ends_day={ends.day}&ends_month={ends.month}&ends_year={ends.year}"
    )
    for label, url in [
        ("dashboard, last 12 months", "/impact/"),
        ("dashboard, two years", f"/impact/?{two_years}"),
        ("dashboard, two years, one LA and type",
         f"/impact/?{two_years}&local_authority={made['local_authority']}&assessment_type=parenting"),
        ("every table as Excel, last 12 months", "/impact/download/all.xlsx"),
    ]:  # fmt: skip
        timing = time_page(client, url, repetitions=args.repetitions, warmup=args.warmup)
        results["pages"][label] = timing.as_dict()
        print(
            f"{label:<40} {timing.median_ms:>10.1f} {timing.p95_ms:>8.1f} {timing.cpu_median_ms:>7.1f} "
            f"{timing.queries:>8}"
        )
    path = write_results(f"impact_{results['database']}", results)
    print(f"Written to {path}")


if __name__ == "__main__":
    main()
