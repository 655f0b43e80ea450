"""Every allocation and reallocation goes through one of these functions.

Capacity is enforced here, inside the database transaction, not only in the form:
the assessor's profile row is locked (SELECT ... FOR UPDATE on PostgreSQL; on
SQLite the IMMEDIATE transaction mode already serialises writers) and their live
assessments are counted after the lock is held. Two managers allocating to the
same assessor at once therefore queue on that row, and the second one counts the
first one's allocation.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import AssessorProfile, Role, User
from hub.allocation import rules, selectors, tasks
from hub.allocation.models import AllocationKind, AllocationRecord
from hub.assessments.models import Assessment, AssessmentStatus


class AllocationRefused(Exception):
    """The allocation would break a rule; the message says which, for the manager."""


class ReasonRequired(Exception):
    """The manager chose someone other than the best match without saying why."""


def _locked_assessor(assessor_id: int, *, today: date) -> tuple[AssessorProfile, rules.AssessorFacts]:
    try:
        profile = (
            AssessorProfile.objects.select_for_update(of=("self",))
            .select_related("user", "seconded_from")
            .get(user_id=assessor_id, user__is_active=True, user__role=Role.ASSESSOR)
        )
    except AssessorProfile.DoesNotExist:
        raise AllocationRefused("That assessor is not an active assessor of the hub.") from None
    # Counted after the lock: any allocation to them that committed first is included.
    live = selectors.live_count(profile.user_id)
    return profile, selectors.profile_facts(profile, live=live, today=today)


def _locked_assessment(assessment_id: int) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment_id)
    # Related rows read separately: FOR UPDATE cannot take the nullable side of a join.
    return selectors.with_family(Assessment.objects.filter(pk=locked.pk)).get()


def _rank_of(
    chosen: rules.AssessorFacts, assessment: rules.AssessmentFacts, *, today: date, exclude: int | None = None
) -> tuple[int, rules.Match]:
    """The chosen assessor's place among everyone eligible: 1 plus those who match better."""
    others = [a for a in selectors.assessor_facts(today) if a.id not in (chosen.id, exclude)]
    weights = selectors.current_weights()
    eligible, _ = rules.rank([*others, chosen], assessment, weights, today)
    mine = next(m for m in eligible if m.assessor.id == chosen.id)
    return 1 + sum(1 for m in eligible if m.score > mine.score), mine


def _refusal(assessor: rules.AssessorFacts, breaches: Sequence[str]) -> AllocationRefused:
    return AllocationRefused(f"{assessor.name} cannot take this assessment: " + "; ".join(breaches) + ".")


def _notify_after_commit(record: AllocationRecord) -> None:
    # Only once the allocation is saved for good: a rolled-back one must not email anyone.
    transaction.on_commit(lambda: tasks.email_assessors_about_allocation.enqueue(record_id=record.pk))


@transaction.atomic
def assessment_allocate(
    *,
    assessment_id: int,
    assessor_id: int,
    actor: User,
    reason: str = "",
    from_batch: bool = False,
    today: date | None = None,
) -> AllocationRecord:
    """Allocate an unallocated assessment to an assessor, within the hard rules.

    A manual choice of anyone but the best match needs a reason; a batch proposal
    the manager confirms was already the best overall, so it does not.
    """
    today = today or timezone.localdate()
    _, assessor = _locked_assessor(assessor_id, today=today)
    assessment = _locked_assessment(assessment_id)
    if assessment.assessor_id is not None or assessment.status != AssessmentStatus.AWAITING_ALLOCATION:
        raise AllocationRefused(f"{assessment} has already been allocated.")
    facts = selectors.assessment_facts([assessment])[0]
    breaches = rules.hard_rule_breaches(assessor, facts)
    if breaches:
        raise _refusal(assessor, breaches)
    position, chosen = _rank_of(assessor, facts, today=today)
    reason = reason.strip()
    if position > 1 and not from_batch and not reason:
        raise ReasonRequired(f"Explain why you chose {assessor.name} over a better match")
    assessment.assessor_id = assessor.id
    assessment.status = AssessmentStatus.IN_PROGRESS
    assessment.save(update_fields=["assessor", "status"])
    return _record(
        assessment,
        kind=AllocationKind.ALLOCATED,
        assessor_id=assessor.id,
        actor=actor,
        reason=reason,
        ranked=(position, chosen),
        deadline=facts.deadline,
        from_batch=from_batch,
    )


@transaction.atomic
def assessment_reallocate(
    *, assessment_id: int, assessor_id: int, actor: User, reason: str, today: date | None = None
) -> AllocationRecord:
    """Move a live assessment to another assessor, for example when its assessor
    leaves or is off sick. The history and the reason are kept; the deadline runs
    from the same clock, so it does not move."""
    today = today or timezone.localdate()
    reason = reason.strip()
    if not reason:
        raise ReasonRequired("Enter the reason for reallocating")
    _, assessor = _locked_assessor(assessor_id, today=today)
    assessment = _locked_assessment(assessment_id)
    previous = assessment.assessor_id
    if previous is None or assessment.status == AssessmentStatus.FILED:
        raise AllocationRefused(f"{assessment} is not held by an assessor, so it cannot be reallocated.")
    if previous == assessor.id:
        raise AllocationRefused(f"{assessor.name} already holds {assessment}.")
    facts = selectors.assessment_facts([assessment])[0]
    breaches = rules.hard_rule_breaches(assessor, facts)
    if breaches:
        raise _refusal(assessor, breaches)
    position, chosen = _rank_of(assessor, facts, today=today, exclude=previous)
    assessment.assessor_id = assessor.id
    assessment.save(update_fields=["assessor"])
    return _record(
        assessment,
        kind=AllocationKind.REALLOCATED,
        assessor_id=assessor.id,
        actor=actor,
        reason=reason,
        ranked=(position, chosen),
        deadline=facts.deadline,
        previous_assessor_id=previous,
    )


def _record(
    assessment: Assessment,
    *,
    kind: AllocationKind,
    assessor_id: int,
    actor: User,
    reason: str,
    ranked: tuple[int, rules.Match],
    deadline: date,
    from_batch: bool = False,
    previous_assessor_id: int | None = None,
) -> AllocationRecord:
    """Keep the decision in the history, with the ranking the manager saw, and tell the assessors."""
    position, chosen = ranked
    record = AllocationRecord.objects.create(
        assessment=assessment,
        kind=kind,
        assessor_id=assessor_id,
        previous_assessor_id=previous_assessor_id,
        decided_by=actor,
        reason=reason,
        from_batch=from_batch,
        rank=position,
        score=chosen.score,
        match_reasons="; ".join(chosen.reasons),
        deadline=deadline,
    )
    _notify_after_commit(record)
    return record


@dataclass(frozen=True)
class BatchOutcome:
    allocated: list[AllocationRecord]
    refused: list[tuple[int, str]]  # assessment id, why


def allocations_confirm(*, pairs: Sequence[tuple[int, int]], actor: User, today: date | None = None) -> BatchOutcome:
    """Confirm the pairs of a proposal the manager ticked, each in its own transaction.

    Not one transaction for the batch on purpose: a pair that can no longer be made
    (someone allocated that assessment, or filled that assessor, since the proposal
    was drawn) is reported and the others still go through; and each assessor's
    row is locked only for the moment its allocation takes.
    """
    return _each_pair(
        pairs,
        lambda assessment_id, assessor_id: assessment_allocate(
            assessment_id=assessment_id, assessor_id=assessor_id, actor=actor, from_batch=True, today=today
        ),
    )


def assessments_reallocate(
    *, pairs: Sequence[tuple[int, int]], actor: User, reason: str, today: date | None = None
) -> BatchOutcome:
    """Move several assessments at once, say all of an assessor's when they leave or
    are off sick, each in its own transaction for the same reasons as `allocations_confirm`."""
    if not reason.strip():
        raise ReasonRequired("Enter the reason for reallocating")
    return _each_pair(
        pairs,
        lambda assessment_id, assessor_id: assessment_reallocate(
            assessment_id=assessment_id, assessor_id=assessor_id, actor=actor, reason=reason, today=today
        ),
    )


def _each_pair(pairs: Sequence[tuple[int, int]], decide: Callable[[int, int], AllocationRecord]) -> BatchOutcome:
    """Make each (assessment, assessor) decision on its own; report the ones that can no longer be made."""
    allocated, refused = [], []
    for assessment_id, assessor_id in pairs:
        try:
            allocated.append(decide(assessment_id, assessor_id))
        except (AllocationRefused, Assessment.DoesNotExist) as refusal:
            refused.append((assessment_id, str(refusal) or "That assessment no longer exists."))
    return BatchOutcome(allocated=allocated, refused=refused)
