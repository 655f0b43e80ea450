"""Writes for the hub's decision on a referral: queries and answers, accept, decline.

Each is one transaction that moves the referral through the state machine in
hub/referrals/rules.py and keeps the change in its history (which emails the
people who need to know).
"""

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import User
from hub.assessments.models import Assessment
from hub.referrals import rules
from hub.referrals.models import Referral, ReferralEvent, ReferralEventKind
from hub.referrals.selectors import referral_letter_facts
from hub.referrals.services import ReferralIncomplete, referral_event_record
from hub.timescales.services import timescales_ensure_started
from hub.workspace.services import family_ensure_for_referral


@transaction.atomic
def referral_raise_query(*, referral: Referral, actor: User, message: str) -> ReferralEvent:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    return referral_event_record(
        referral, actor=actor, action=rules.Action.RAISE_QUERY, kind=ReferralEventKind.QUERY_RAISED, message=message
    )


@transaction.atomic
def referral_answer_query(*, referral: Referral, actor: User, message: str) -> ReferralEvent:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    gaps = rules.letter_gaps(referral_letter_facts(referral))
    if gaps:
        raise ReferralIncomplete(gaps)
    return referral_event_record(
        referral, actor=actor, action=rules.Action.ANSWER_QUERY, kind=ReferralEventKind.QUERY_ANSWERED, message=message
    )


@transaction.atomic
def referral_accept(*, referral: Referral, actor: User, message: str = "") -> list[Assessment]:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    referral.decided_at = timezone.now()
    referral_event_record(
        referral, actor=actor, action=rules.Action.ACCEPT, kind=ReferralEventKind.ACCEPTED, message=message
    )
    assert referral.received_at is not None
    created = [
        Assessment.objects.create(referral=referral, assessment_type=kind, clock_started_at=referral.received_at)
        for kind in referral.assessment_types
    ]
    # Each assessment's clock runs from the moment the hub received the letter and bundle,
    # and the referral joins its family, so the assessor opens with what is already known.
    timescales_ensure_started(assessments=created)
    family_ensure_for_referral(referral=referral)
    return created


@transaction.atomic
def referral_decline(*, referral: Referral, actor: User, reason: str) -> ReferralEvent:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    referral.decided_at = timezone.now()
    referral.decline_reason = reason
    return referral_event_record(
        referral, actor=actor, action=rules.Action.DECLINE, kind=ReferralEventKind.DECLINED, message=reason
    )
