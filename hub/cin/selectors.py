"""Reads for children in need: who may see which child, and what each page shows.

The one rule for who sees a child's record: a worker of the child's local
authority (a signed-in user whose organisation is that authority). The hub's own
staff do not see an authority's children in need cases: the hub assesses for the
family court on instruction, and a child in need record is the authority's own
casework, shared with the hub only through a referral (a Letter of Instruction).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from hub.accounts.models import OrganisationKind, User
from hub.cin import rules
from hub.cin.models import Assessment, AuthoritySettings, Child, FamilyMeeting, Plan, Referral, TeamMembership
from hub.core.calendar import WorkingCalendar


def authority_of(user: User) -> int | None:
    """The local authority a worker belongs to, or None for anyone else."""
    org = user.organisation
    if user.is_active and org is not None and org.kind == OrganisationKind.LOCAL_AUTHORITY:
        return org.pk
    return None


def is_cin_worker(user: User) -> bool:
    return authority_of(user) is not None


def is_cin_manager(user: User) -> bool:
    return is_cin_worker(user) and TeamMembership.objects.filter(user=user, is_manager=True).exists()


def children_visible_to(user: User) -> QuerySet[Child]:
    la = authority_of(user)
    if la is None:
        return Child.objects.none()
    return Child.objects.filter(local_authority_id=la)


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    return Referral.objects.filter(child__in=children_visible_to(user)).select_related("child", "decided_by")


def assessments_visible_to(user: User) -> QuerySet[Assessment]:
    return Assessment.objects.filter(referral__child__in=children_visible_to(user)).select_related(
        "referral__child", "worker"
    )


def plans_visible_to(user: User) -> QuerySet[Plan]:
    return Plan.objects.filter(child__in=children_visible_to(user)).select_related("child", "referral", "key_worker")


def family_meetings_visible_to(user: User) -> QuerySet[FamilyMeeting]:
    return FamilyMeeting.objects.filter(child__in=children_visible_to(user)).select_related("child", "decided_by")


def assessment_model_for(la_id: int) -> str:
    found = (
        AuthoritySettings.objects.filter(local_authority_id=la_id).values_list("assessment_model", flat=True).first()
    )
    return found or rules.AssessmentModel.INITIAL_AND_CORE


def calendar() -> WorkingCalendar:
    """An authority's working days: Monday to Friday less England and Wales bank holidays.

    The hub's own closure days are the hub's, not the authority's, so they are not used.
    """
    return WorkingCalendar()


@dataclass(frozen=True)
class PlanRow:
    plan: Plan
    next_review_due: datetime.date
    review_status: str


def plan_row(plan: Plan, *, today: datetime.date) -> PlanRow:
    reviews = list(plan.reviews.all())
    last = reviews[-1].held_on if reviews else None
    due = rules.next_review_due(started_on=plan.started_on, last_review_on=last, stable_long_term=plan.stable_long_term)
    return PlanRow(plan=plan, next_review_due=due, review_status=rules.review_status(due, today))


def caseload(user: User) -> QuerySet[Child]:
    """The authority's children, with what the list shows, in a fixed number of queries."""
    return children_visible_to(user).prefetch_related(
        Prefetch("referrals", queryset=Referral.objects.order_by("-referral_date", "-id")),
        Prefetch("plans", queryset=Plan.objects.filter(ended_on=None).prefetch_related("reviews")),
        Prefetch("referrals__assessments", queryset=Assessment.objects.order_by("started_on", "id")),
    )
