"""Reads for allocation: the queue, the facts the rules need, the workload and the history."""

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from hub.accounts.models import AssessorProfile, Role, User
from hub.allocation import rules
from hub.allocation.models import AllocationRecord, AssessorDetails, LeavePeriod, MatchingWeights
from hub.assessments.models import Assessment, AssessmentStatus
from hub.core.calendar import WorkingCalendar
from hub.referrals.models import AssessmentType
from hub.timescales import seeds


def current_weights() -> rules.Weights:
    row = MatchingWeights.objects.order_by("pk").first()
    return row.as_rules() if row else rules.Weights()


def assessment_deadline(assessment: Assessment) -> date:
    """The due date on the assessment's clock (it knows pauses and agreed changes);
    before a clock exists, the due date under the rule as first published."""
    # A missing reverse one-to-one raises a subclass of AttributeError: getattr's default covers it.
    clock = getattr(assessment, "clock", None)
    due = getattr(clock, "due_date", None)
    return _deadline(assessment.assessment_type, assessment.clock_started_at, due if isinstance(due, date) else None)


def _deadline(assessment_type: str, clock_started_at: datetime, due: date | None) -> date:
    if due is not None:
        return due
    return seeds.first_published_due_date(assessment_type, timezone.localdate(clock_started_at), _calendar())


def unallocated_by_deadline() -> list[tuple[date, int]]:
    """(deadline, assessment id) of the whole queue, earliest first, read as plain rows.

    The queue is sorted on a deadline worked out in Python (a clock's due date, or the
    rule's), so every row is read; plain rows keep that cheap when thousands wait.
    """
    rows = unallocated_queue().values_list("pk", "assessment_type", "clock_started_at", "clock__due_date")
    return sorted((_deadline(kind, started, due), pk) for pk, kind, started, due in rows)


@functools.cache
def _calendar() -> WorkingCalendar:
    # Bank holidays only: this fallback is for assessments not yet on a clock.
    return WorkingCalendar()


def live_assessments() -> QuerySet[Assessment]:
    """Assessments an assessor holds: allocated and not yet filed."""
    return Assessment.objects.filter(assessor__isnull=False).exclude(status=AssessmentStatus.FILED)


def live_count(user_id: int) -> int:
    return live_assessments().filter(assessor_id=user_id).count()


def unallocated_queue() -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(status=AssessmentStatus.AWAITING_ALLOCATION, assessor__isnull=True)
        .select_related("referral__local_authority", "clock")
        .order_by("clock_started_at", "id")
    )


def assessor_profiles(today: date) -> QuerySet[AssessorProfile]:
    return (
        AssessorProfile.objects.filter(user__is_active=True, user__role=Role.ASSESSOR)
        .select_related("user", "seconded_from", "details")
        .prefetch_related(
            "details__skills",
            "details__travel_areas",
            Prefetch("leave_periods", queryset=LeavePeriod.objects.filter(ends__gte=today)),
        )
        .order_by("user__full_name", "pk")
    )


def assessor_facts(today: date, profiles: Sequence[AssessorProfile] | None = None) -> list[rules.AssessorFacts]:
    profiles = list(profiles if profiles is not None else assessor_profiles(today))
    counts = dict(
        live_assessments()
        .filter(assessor_id__in=[p.user_id for p in profiles])
        .values_list("assessor_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [profile_facts(p, live=counts.get(p.user_id, 0), today=today) for p in profiles]


def profile_facts(profile: AssessorProfile, *, live: int, today: date) -> rules.AssessorFacts:
    try:
        details: AssessorDetails | None = profile.details
    except AssessorDetails.DoesNotExist:
        details = None
    skills = list(details.skills.all()) if details else []
    return rules.AssessorFacts(
        id=profile.user_id,
        name=profile.user.full_name,
        seconded_from_id=profile.seconded_from_id,
        seconded_from_name=profile.seconded_from.name,
        # Capped at the hub's maximum whatever the profile says (AssessorProfile.assessment_limit).
        max_concurrent=profile.assessment_limit,
        live_count=live,
        skills=frozenset(s.code for s in skills if s.is_active),
        languages=frozenset(rules.normalise_language(x) for x in details.language_list()) if details else frozenset(),
        travel_area_ids=frozenset(o.pk for o in details.travel_areas.all()) if details else frozenset(),
        leave=tuple(
            rules.LeavePeriod(starts=p.starts, ends=p.ends, kind=p.get_kind_display().lower())
            for p in profile.leave_periods.all()
            if p.ends >= today
        ),
        secondment_starts=profile.secondment_starts,
        secondment_ends=profile.secondment_ends,
        skill_names={s.code: s.name for s in skills},
    )


def with_family(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    return queryset.select_related("referral__local_authority", "clock").prefetch_related(
        "referral__adults", "referral__children"
    )


def assessment_facts(assessments: Iterable[Assessment]) -> list[rules.AssessmentFacts]:
    """The facts about each assessment and its family that the rules weigh.

    Call with `with_family(...)` to keep to a fixed number of queries.
    """
    return [_facts(a) for a in assessments]


def _facts(assessment: Assessment) -> rules.AssessmentFacts:
    referral = assessment.referral
    adults = list(referral.adults.all())
    languages = {rules.normalise_language(a.first_language) for a in adults}
    languages |= {rules.normalise_language(c.first_language) for c in referral.children.all()}
    return rules.AssessmentFacts(
        id=assessment.pk,
        reference=referral.reference,
        assessment_type=assessment.assessment_type,
        local_authority_id=referral.local_authority_id,
        local_authority_name=referral.local_authority.name,
        deadline=assessment_deadline(assessment),
        skills_needed=rules.skills_needed(
            assessment.assessment_type, learning_needs=any(a.learning_needs for a in adults)
        ),
        family_languages=frozenset(languages - rules.NO_MATCH_NEEDED),
        original_assessor_id=original_report_writer(assessment),
    )


def original_report_writer(assessment: Assessment) -> int | None:
    """For an addendum: the assessor of the parenting assessment it follows, on the
    same referral or an earlier one in the same proceedings."""
    if assessment.assessment_type != AssessmentType.PARENTING_ADDENDUM:
        return None
    referral = assessment.referral
    same_case = Q(referral=referral)
    if referral.case_number:
        same_case |= Q(
            referral__case_number=referral.case_number, referral__local_authority=referral.local_authority_id
        )
    original = (
        Assessment.objects.filter(same_case, assessment_type=AssessmentType.PARENTING, assessor__isnull=False)
        .order_by("-clock_started_at")
        .values_list("assessor_id", flat=True)
        .first()
    )
    return original


def allocation_history(assessment: Assessment) -> QuerySet[AllocationRecord]:
    return assessment.allocations.select_related("assessor", "previous_assessor", "decided_by").order_by(
        "decided_at", "id"
    )


@dataclass(frozen=True)
class LiveCase:
    assessment: Assessment
    deadline: date
    working_days_left: int


@dataclass(frozen=True)
class WorkloadRow:
    assessor: User
    facts: rules.AssessorFacts
    cases: list[LiveCase]
    weeks: list[rules.WeekCapacity]


def workload(
    today: date, *, calendar_: WorkingCalendar, weeks: int = 6, profiles: Sequence[AssessorProfile] | None = None
) -> list[WorkloadRow]:
    """Each assessor's live cases (of `profiles`, a page of them, or everyone), with working days left
    on the timescales clock's calendar."""
    profiles = list(profiles if profiles is not None else assessor_profiles(today))
    facts = assessor_facts(today, profiles)
    cases: dict[int, list[LiveCase]] = {p.user_id: [] for p in profiles}
    for assessment in (
        live_assessments().filter(assessor_id__in=cases).select_related("referral__local_authority", "clock")
    ):
        deadline = assessment_deadline(assessment)
        assert assessment.assessor_id is not None
        cases[assessment.assessor_id].append(
            LiveCase(assessment, deadline, calendar_.working_days_between(today, deadline))
        )
    rows = []
    for profile, fact in zip(profiles, facts, strict=True):
        mine = sorted(cases[profile.user_id], key=lambda c: c.deadline)
        rows.append(
            WorkloadRow(
                assessor=profile.user,
                facts=fact,
                cases=mine,
                weeks=rules.capacity_by_week(
                    max_concurrent=fact.max_concurrent,
                    deadlines=[c.deadline for c in mine],
                    leave=fact.leave,
                    today=today,
                    weeks=weeks,
                ),
            )
        )
    return rows
