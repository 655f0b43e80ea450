"""The manager's timeline with 1,000 then 10,000 live assessments.

Builds synthetic referrals and assessments with bulk_create (no names of real
people; an LA, a type, an assessor and a receipt date each), starts their
clocks in bulk, pauses one in twenty, and times `/timescales/` (page 1, then a
status filter) as the service manager through the Django test client: median
and p95 server time, and the query count, which must be the same at every size.

    .venv/bin/python -m bench.timescales_timeline
    scripts/with-postgres.sh .venv/bin/python -m bench.timescales_timeline
    .venv/bin/python -m bench.timescales_timeline --sizes 500,5000 --repetitions 10

Exits with status 1 when a page's query count differs between sizes.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from bench import pages_at_sizes


def grow_to(size: int, *, rng: random.Random, state: dict[str, Any]) -> float:
    """Add referrals and assessments until `size` live assessments exist; return the seconds taken."""
    from hub.accounts.models import AssessorProfile, Organisation, OrganisationKind, Role, User
    from hub.assessments.models import Assessment
    from hub.referrals.models import AssessmentType, Referral, ReferralStatus
    from hub.timescales import services
    from hub.timescales.models import Clock, ClockPause

    started = time.perf_counter()
    if not state:
        las = [
            Organisation.objects.create(name=f"Synthetic Authority {n}", kind=OrganisationKind.LOCAL_AUTHORITY)
            for n in range(9)
        ]
        hub = Organisation.objects.create(name="Synthetic Hub", kind=OrganisationKind.HUB)
        referrer = User.objects.create(
            username="referrer@bench", full_name="Ref Bench", role=Role.REFERRER, organisation=las[0]
        )
        manager = User.objects.create(
            username="manager@bench", full_name="Manager Bench", role=Role.SERVICE_MANAGER, organisation=hub
        )
        assessors = []
        for n in range(40):
            person = User.objects.create(
                username=f"assessor{n}@bench", full_name=f"Assessor Bench {n}", role=Role.ASSESSOR, organisation=hub
            )
            AssessorProfile.objects.create(user=person, seconded_from=las[n % 9])
            assessors.append(person)
        state.update(las=las, referrer=referrer, manager=manager, assessors=assessors, made=0)
    need = size - state["made"]
    today = services.today()
    referrals = []
    for n in range(state["made"], state["made"] + need):
        received = datetime.combine(today - timedelta(days=rng.randrange(0, 80)), datetime.min.time(), tzinfo=UTC)
        filing = today + timedelta(days=rng.randrange(-10, 90))
        referrals.append(
            Referral(
                reference=f"BENCH-{n:07d}",
                status=ReferralStatus.ACCEPTED,
                local_authority=rng.choice(state["las"]),
                created_by=state["referrer"],
                received_at=received,
                decided_at=received,
                filing_date=filing,
                irh_date=filing + timedelta(days=14),
                proceedings_issued_on=(received - timedelta(days=60)).date(),
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=2000)
    saved = Referral.objects.filter(reference__in=[r.reference for r in referrals]).only("pk", "received_at")
    types = [
        AssessmentType.PARENTING,
        AssessmentType.KINSHIP_VIABILITY,
        AssessmentType.FULL_FOSTERING,
        AssessmentType.SPECIAL_GUARDIANSHIP,
        AssessmentType.JOINT_FOSTERING_SGO,
        AssessmentType.PARENTING_ADDENDUM,
    ]
    Assessment.objects.bulk_create(
        [
            Assessment(
                referral_id=referral.pk,
                assessment_type=rng.choice(types),
                status="in_progress",
                clock_started_at=referral.received_at,
                assessor=rng.choice(state["assessors"]),
            )
            for referral in saved
        ],
        batch_size=2000,
    )
    services.timescales_ensure_started()
    new_clocks = list(Clock.objects.filter(pauses__isnull=True).order_by("-id")[:need].values_list("pk", "clock_start"))
    ClockPause.objects.bulk_create(
        [
            ClockPause(
                clock_id=pk,
                reason="dbs_check",
                started_on=max(start, today - timedelta(days=10)),
                recorded_by=state["manager"],
            )
            for pk, start in new_clocks[::20]
        ]
    )
    Clock.objects.filter(pk__in=[pk for pk, _ in new_clocks[::20]]).update(
        paused_since=today - timedelta(days=5), paused_reason="dbs_check"
    )
    state["made"] = size
    return time.perf_counter() - started


def main() -> None:
    pages_at_sizes(
        name="timescales_timeline",
        title="Timeline benchmark",
        size_label="live assessments",
        grow=grow_to,
        pages=lambda state: [
            ("timeline, page 1", "/timescales/"),
            ("timeline, at risk only", "/timescales/?status=at_risk"),
            ("timeline, one LA, page 2", f"/timescales/?local_authority={state['las'][3].pk}&page=2"),
        ],
        seed=3,
        description=__doc__.splitlines()[0],
    )


if __name__ == "__main__":
    main()
