"""The children in need census return built from an authority's record.

The rules and the XML are plain Python (census_rules.py); this reads the database
into them, in a fixed number of queries whatever the number of children.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch

from hub.accounts.models import Organisation
from hub.cin import census_rules as cr
from hub.cin.models import Assessment, Child, Plan, Referral
from hub.cin.rules import PlanKind


def census_return(
    local_authority: Organisation, *, year: int, made_at: datetime.datetime | None = None
) -> cr.CensusReturn:
    start, end = datetime.date(year - 1, 4, 1), datetime.date(year, 3, 31)
    in_year = Referral.objects.filter(referral_date__lte=end).exclude(closure_date__lt=start)
    children = (
        Child.objects.filter(local_authority=local_authority, referrals__in=in_year)
        .distinct()
        .order_by("la_child_id")
        .prefetch_related(
            Prefetch(
                "referrals",
                queryset=in_year.filter(decision__gt="")
                .order_by("referral_date", "id")
                .prefetch_related(
                    Prefetch("assessments", queryset=Assessment.objects.order_by("started_on", "id")),
                    Prefetch("plans", queryset=Plan.objects.order_by("started_on", "id").prefetch_related("reviews")),
                    "section47s",
                ),
            )
        )
    )
    return cr.CensusReturn(
        year=year,
        la_code=local_authority.dfe_code,
        children=tuple(_child(child, start=start, end=end) for child in children),
        made_at=made_at,
    )


def _in_year(day: datetime.date | None, start: datetime.date, end: datetime.date) -> datetime.date | None:
    """A date the census only takes inside its year (an end after 31 March is still open)."""
    return day if day is not None and day <= end else None


def _child(child: Child, *, start: datetime.date, end: datetime.date) -> cr.CensusChild:
    episodes = []
    for referral in child.referrals.all():
        plans = [p for p in referral.plans.all() if p.started_on <= end]
        episodes.append(
            cr.CensusEpisode(
                referral_date=referral.referral_date,
                referral_source=referral.referral_source,
                primary_need=referral.primary_need,
                closure_date=_in_year(referral.closure_date, start, end),
                reason_for_closure=referral.reason_for_closure if _in_year(referral.closure_date, start, end) else "",
                referral_nfa=referral.referral_nfa,
                assessments=tuple(
                    cr.CensusAssessment(
                        start=a.started_on,
                        authorised=_in_year(a.completed_on, start, end),
                        factors=tuple(a.factors) if _in_year(a.completed_on, start, end) else (),
                    )
                    for a in referral.assessments.all()
                    if a.started_on <= end
                ),
                plans=tuple(
                    cr.CensusPlan(start=p.started_on, end=_in_year(p.ended_on, start, end))
                    for p in plans
                    if p.kind != PlanKind.CHILD_PROTECTION
                ),
                section47s=tuple(
                    cr.CensusSection47(
                        start=s.started_on,
                        icpc_target=s.conference_target,
                        icpc_date=_in_year(s.conference_on, start, end),
                        icpc_not_required=s.conference_not_required,
                    )
                    for s in referral.section47s.all()
                    if s.started_on <= end
                ),
                protection_plans=tuple(
                    cr.CensusProtectionPlan(
                        start=p.started_on,
                        end=_in_year(p.ended_on, start, end),
                        initial_category=p.initial_category,
                        latest_category=p.latest_category,
                        previous_plans=p.previous_protection_plans,
                        reviews=tuple(r.held_on for r in p.reviews.all() if r.held_on <= end),
                    )
                    for p in plans
                    if p.kind == PlanKind.CHILD_PROTECTION
                ),
            )
        )
    return cr.CensusChild(
        la_child_id=child.la_child_id,
        label=f"{child.full_name} ({child.la_child_id})",
        upn=child.upn,
        upn_unknown=child.upn_unknown,
        birth_date=child.birth_date,
        expected_birth_date=child.expected_birth_date,
        sex=child.sex,
        death_date=child.death_date,
        ethnicity=child.ethnicity,
        disabilities=tuple(child.disabilities),
        episodes=tuple(episodes),
    )
