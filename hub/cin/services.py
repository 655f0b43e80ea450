"""Writes for children in need: one function per step of the statutory route.

Each checks what the guidance (sources/003) asks of that step through the plain
rules in hub/cin/rules.py and refuses with the reasons, so a page and a test get
the same answer.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import Organisation, User
from hub.cin import census_rules, rules, selectors
from hub.cin.models import (
    Assessment,
    AssessmentOutcome,
    Child,
    Closure,
    CoWorkingAgreement,
    FamilyMeeting,
    FamilyProposal,
    Invitation,
    Plan,
    PlanReview,
    Referral,
    ReferralDecision,
    Section47,
    TeamMeeting,
    TeamMember,
)


class CinError(Exception):
    """A step refused, with every reason (each a sentence the worker can act on)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def _refuse_if(problems: Sequence[str]) -> None:
    if problems:
        raise CinError(problems)


def today() -> datetime.date:
    return timezone.localdate()


# --- Children and referrals -----------------------------------------------------


@transaction.atomic
def child_create(
    *,
    local_authority: Organisation,
    la_child_id: str,
    full_name: str,
    birth_date: datetime.date | None = None,
    expected_birth_date: datetime.date | None = None,
    sex: str = "",
    upn: str = "",
    upn_unknown: str = "",
    ethnicity: str = "",
    disabilities: Sequence[str] = (),
) -> Child:
    problems = []
    if birth_date is None and expected_birth_date is None:
        problems.append("Enter the date of birth, or the expected date of birth for an unborn child")
    if birth_date is not None and expected_birth_date is not None:
        problems.append("Enter either the date of birth or the expected date of birth, not both")
    if Child.objects.filter(local_authority=local_authority, la_child_id=la_child_id).exists():
        problems.append(f"Another child already has the LA child ID {la_child_id}")
    _refuse_if(problems)
    return Child.objects.create(
        local_authority=local_authority,
        la_child_id=la_child_id,
        full_name=full_name,
        birth_date=birth_date,
        expected_birth_date=expected_birth_date,
        # An unborn child's sex is returned as U (the census's rule 8750).
        sex="U" if birth_date is None else sex,
        upn=upn.upper(),
        upn_unknown=upn_unknown,
        ethnicity=ethnicity,
        disabilities=list(disabilities),
    )


CHILD_FIELDS = (
    "full_name",
    "la_child_id",
    "birth_date",
    "expected_birth_date",
    "sex",
    "upn",
    "upn_unknown",
    "ethnicity",
    "disabilities",
)


@transaction.atomic
def child_update(*, child: Child, **values: object) -> Child:
    """Correct or complete a child's identifiers and characteristics (what the census found missing, say)."""
    unknown = set(values) - set(CHILD_FIELDS)
    if unknown:
        raise TypeError(f"Unknown child fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(child, name, value)
    problems = []
    if child.birth_date is None and child.expected_birth_date is None:
        problems.append("Enter the date of birth, or the expected date of birth for an unborn child")
    if child.birth_date is not None and child.expected_birth_date is not None:
        problems.append("Enter either the date of birth or the expected date of birth, not both")
    if (
        Child.objects.filter(local_authority_id=child.local_authority_id, la_child_id=child.la_child_id)
        .exclude(pk=child.pk)
        .exists()
    ):
        problems.append(f"Another child already has the LA child ID {child.la_child_id}")
    _refuse_if(problems)
    if child.birth_date is None:
        child.sex = "U"
    child.upn = child.upn.upper()
    child.save()
    return child


@transaction.atomic
def referral_record(
    *,
    child: Child,
    by: User,
    referral_date: datetime.date,
    referral_source: str,
    referrer_name: str,
    referrer_agency: str,
    concerns: str,
    tier: int | None,
    tier_two_factors: Sequence[str] = (),
    unborn_circumstances: str = "",
    midwife: str = "",
) -> Referral:
    if child.referrals.filter(closure_date=None).exists():
        raise CinError(["This child already has an open referral: record the new information on it"])
    _refuse_if(
        rules.referral_problems(
            rules.ReferralFacts(unborn=child.unborn, unborn_circumstances=unborn_circumstances, midwife=midwife)
        )
    )
    referral = Referral.objects.create(
        child=child,
        referral_date=referral_date,
        referral_source=referral_source,
        referrer_name=referrer_name,
        referrer_agency=referrer_agency,
        concerns=concerns,
        tier=tier,
        tier_two_factors=[f for f in tier_two_factors if f in rules.TIER_TWO_FACTORS],
        unborn_circumstances=unborn_circumstances,
        midwife=midwife,
        created_by=by,
    )
    if child.unborn and midwife:
        # "Once an unborn child is 'open' then there needs to be inclusion of the midwife at the earliest stage."
        TeamMember.objects.get_or_create(
            child=child, kind=TeamMember.Kind.PROFESSIONAL, name=midwife, defaults={"role": "Midwife"}
        )
    return referral


@transaction.atomic
def referral_decide(
    *, referral: Referral, by: User, decision: str, reason: str, primary_need: str = "", on: datetime.date | None = None
) -> Referral:
    problems = rules.referral_problems(
        rules.ReferralFacts(
            unborn=referral.child.unborn,
            unborn_circumstances=referral.unborn_circumstances,
            midwife=referral.midwife,
            decision=decision,
            decision_reason=reason,
        )
    )
    if referral.decision:
        problems.append("A decision has already been recorded on this referral")
    if decision in (ReferralDecision.ASSESS, ReferralDecision.STRATEGY) and not primary_need:
        problems.append("Choose the child's primary need")
    _refuse_if(problems)
    referral.decision = decision
    referral.decision_reason = reason
    referral.primary_need = primary_need
    referral.decided_by = by
    referral.decided_at = timezone.now()
    if decision in (ReferralDecision.NO_FURTHER_ACTION, ReferralDecision.SIGNPOST):
        # A referral with no further action is closed the day it is decided (census: ReferralNFA).
        referral.closure_date = on or today()
        referral.reason_for_closure = "RC7"
    referral.save()
    return referral


# --- Assessments -------------------------------------------------------------------


@transaction.atomic
def assessment_start(
    *, referral: Referral, by: User, kind: str, started_on: datetime.date, worker: User | None = None
) -> Assessment:
    allowed = rules.kinds_for(selectors.assessment_model_for(referral.child.local_authority_id))
    problems = []
    if rules.AssessmentKind(kind) not in allowed:
        problems.append(
            f"{rules.AssessmentKind(kind).label} is not used by this authority: it uses "
            + " and ".join(k.label.lower() for k in allowed)
        )
    if referral.decision not in (ReferralDecision.ASSESS, ReferralDecision.STRATEGY):
        problems.append("Record the decision to assess before starting an assessment")
    if referral.closure_date is not None:
        problems.append("This referral is closed")
    if referral.assessments.filter(completed_on=None).exists():
        problems.append("Complete the assessment already under way first")
    if started_on < referral.referral_date:
        problems.append("The assessment cannot start before the referral")
    _refuse_if(problems)
    return Assessment.objects.create(
        referral=referral,
        kind=kind,
        started_on=started_on,
        due_on=rules.assessment_due(kind, started_on, selectors.calendar()),
        worker=worker or by,
    )


ASSESSMENT_FIELDS = (
    "consent_recorded_on",
    "consent_note",
    "agreement_signed_on",
    "seen_alone_on",
    "reason_not_seen_alone",
    "analysis",
    "analysis_shared_on",
    "decision_meeting_on",
    "factors",
)


@transaction.atomic
def assessment_record(*, assessment: Assessment, by: User, **values: object) -> Assessment:
    if assessment.completed_on is not None:
        raise CinError(["This assessment has been completed and can no longer be changed"])
    unknown = set(values) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown assessment fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(assessment, name, value)
    factors = list(assessment.factors)
    problems = [
        f"{code} is not a census factor code" for code in factors if code not in census_rules.ASSESSMENT_FACTORS
    ]
    if "21" in factors and len(set(factors)) > 1:
        problems.append('"21 No factors identified" cannot be recorded with any other factor')
    _refuse_if(problems)
    assessment.save()
    return assessment


def assessment_problems(assessment: Assessment) -> list[str]:
    """What stands between the assessment and its completion today."""
    problems = rules.completion_problems(
        rules.AssessmentFacts(
            kind=rules.AssessmentKind(assessment.kind),
            consent_recorded=assessment.consent_recorded_on is not None or bool(assessment.consent_note.strip()),
            agreement_signed=assessment.agreement_signed_on is not None,
            seen_alone=assessment.seen_alone_on is not None,
            reason_not_seen_alone=assessment.reason_not_seen_alone,
            analysis=assessment.analysis,
            factors=assessment.factors,
        )
    )
    sharing = rules.analysis_sharing_problem(
        assessment.analysis_shared_on, assessment.decision_meeting_on, selectors.calendar()
    )
    if sharing:
        problems.append(sharing)
    return problems


@transaction.atomic
def assessment_complete(*, assessment: Assessment, by: User, completed_on: datetime.date, outcome: str) -> Assessment:
    problems = assessment_problems(assessment)
    if assessment.completed_on is not None:
        problems.append("This assessment has already been completed")
    if completed_on < assessment.started_on:
        problems.append("The assessment cannot be completed before it started")
    if assessment.decision_meeting_on is None and assessment.analysis_shared_on is None:
        problems.append("Record the day the analysis and recommendations were shared with the family")
    _refuse_if(problems)
    assessment.completed_on = completed_on
    assessment.outcome = outcome
    assessment.authorised_by = by
    assessment.save()
    return assessment


@transaction.atomic
def section47_start(
    *,
    referral: Referral,
    started_on: datetime.date,
    conference_target: datetime.date | None = None,
    conference_on: datetime.date | None = None,
    conference_not_required: bool = False,
) -> Section47:
    problems = []
    if started_on < referral.referral_date:
        problems.append("The section 47 enquiry cannot start before the referral")
    if referral.closure_date is not None:
        problems.append("This referral is closed")
    if referral.section47s.filter(conference_on=None, conference_not_required=False).exists():
        problems.append("Record the outcome of the enquiry already under way first")
    _refuse_if(problems)
    return Section47.objects.create(
        referral=referral,
        started_on=started_on,
        conference_target=conference_target,
        conference_on=conference_on,
        conference_not_required=conference_not_required,
    )


@transaction.atomic
def section47_conference_record(
    *, enquiry: Section47, conference_on: datetime.date | None, conference_not_required: bool
) -> Section47:
    if conference_on is not None and conference_on < enquiry.started_on:
        raise CinError(["The conference cannot be before the enquiry started"])
    if conference_on is not None and conference_not_required:
        raise CinError(["Either record the conference, or that none is required, not both"])
    enquiry.conference_on = conference_on
    enquiry.conference_not_required = conference_not_required
    enquiry.save(update_fields=["conference_on", "conference_not_required"])
    return enquiry


# --- Plans and reviews -------------------------------------------------------------


@transaction.atomic
def plan_start(
    *,
    child: Child,
    referral: Referral,
    by: User,
    kind: str,
    started_on: datetime.date,
    objectives: str,
    who_does_what: str,
    what_must_change: str,
    unacceptable: str,
    contingency: str,
    urgent_review_triggers: str,
    stable_long_term: bool = False,
    tac_meeting_frequency: str = "",
    key_worker: User | None = None,
    initial_category: str = "",
    previous_protection_plans: int = 0,
) -> Plan:
    problems = rules.plan_problems(
        rules.PlanFacts(objectives, who_does_what, what_must_change, unacceptable, contingency, urgent_review_triggers)
    )
    if referral.child_id != child.pk:
        problems.append("The plan must belong to the child the referral is about")
    if referral.closure_date is not None:
        problems.append("This referral is closed")
    if started_on < referral.referral_date:
        problems.append("The plan cannot start before the referral")
    if kind == rules.PlanKind.CHILD_PROTECTION and not initial_category:
        problems.append("Choose the category of abuse for the child protection plan")
    _refuse_if(problems)
    # One plan per child at a time: a new plan (an escalation from a child in need plan to a
    # child protection plan, say) ends the one before on the day it starts.
    Plan.objects.filter(child=child, ended_on=None).update(ended_on=started_on)
    return Plan.objects.create(
        child=child,
        referral=referral,
        kind=kind,
        started_on=started_on,
        key_worker=key_worker or by,
        objectives=objectives,
        who_does_what=who_does_what,
        what_must_change=what_must_change,
        unacceptable=unacceptable,
        contingency=contingency,
        urgent_review_triggers=urgent_review_triggers,
        stable_long_term=stable_long_term,
        tac_meeting_frequency=tac_meeting_frequency,
        initial_category=initial_category,
        latest_category=initial_category,
        previous_protection_plans=previous_protection_plans,
    )


@transaction.atomic
def plan_review_record(
    *,
    plan: Plan,
    by: User,
    held_on: datetime.date,
    progress: str,
    changes: str = "",
    urgent: bool = False,
    trigger: str = "",
    consultant_participated: bool = True,
) -> PlanReview:
    problems = []
    if plan.ended_on is not None:
        problems.append("This plan has ended")
    if held_on < plan.started_on:
        problems.append("The review cannot be before the plan started")
    if held_on > today():
        problems.append("The review date cannot be in the future")
    if urgent and not trigger.strip():
        problems.append("Say which risk factor called for the urgent review")
    if not progress.strip():
        problems.append("Record the progress against the plan, and what has not changed")
    if not urgent and not consultant_participated:
        # "The 6-monthly review must include participation by a Consultant Social Worker or a Social Worker."
        problems.append("A consultant social worker or social worker must take part in the review")
    _refuse_if(problems)
    return PlanReview.objects.create(
        plan=plan,
        held_on=held_on,
        urgent=urgent,
        trigger=trigger,
        progress=progress,
        changes=changes,
        consultant_participated=consultant_participated,
        recorded_by=by,
    )


# --- Team Around the Child in Need -----------------------------------------------


@transaction.atomic
def team_member_add(
    *,
    child: Child,
    kind: str,
    name: str,
    role: str,
    agency: str = "",
    contact: str = "",
    lead_professional: bool = False,
) -> TeamMember:
    if lead_professional:
        child.team.update(lead_professional=False)
    return TeamMember.objects.create(
        child=child,
        kind=kind,
        name=name,
        role=role,
        agency=agency,
        contact=contact,
        lead_professional=lead_professional,
    )


@transaction.atomic
def team_meeting_arrange(
    *, child: Child, held_on: datetime.date, venue: str, chair: str, reason: str, invited: Sequence[TeamMember]
) -> TeamMeeting:
    if not invited:
        raise CinError(["Choose who to invite from the meeting invitation list"])
    if any(member.child_id != child.pk for member in invited):
        raise CinError(["Only members of this child's team can be invited"])
    meeting = TeamMeeting.objects.create(child=child, held_on=held_on, venue=venue, chair=chair, reason=reason)
    Invitation.objects.bulk_create([Invitation(meeting=meeting, member=member) for member in invited])
    return meeting


@transaction.atomic
def team_meeting_minutes_record(*, meeting: TeamMeeting, minutes: str, attending: Sequence[int]) -> TeamMeeting:
    if not minutes.strip():
        raise CinError(["Write the minutes"])
    meeting.minutes = minutes
    meeting.save(update_fields=["minutes"])
    for invitation in meeting.invitations.all():
        invitation.attending = invitation.member_id in set(attending)
        invitation.save(update_fields=["attending"])
    return meeting


@transaction.atomic
def co_working_agreement_record(
    *,
    child: Child,
    agreed_on: datetime.date,
    review_on: datetime.date,
    team_manager: User,
    key_worker: User,
    co_worker: User,
    co_worker_title: str,
    responsibilities: str,
) -> CoWorkingAgreement:
    problems = []
    if review_on <= agreed_on:
        problems.append("The review date must be after the date of the agreement")
    if key_worker.pk == co_worker.pk:
        problems.append("The co-worker must be someone other than the key worker")
    la = child.local_authority_id
    if any(selectors.authority_of(person) != la for person in (team_manager, key_worker, co_worker)):
        problems.append("Everyone in the agreement must work for the child's local authority")
    _refuse_if(problems)
    return CoWorkingAgreement.objects.create(
        child=child,
        agreed_on=agreed_on,
        review_on=review_on,
        team_manager=team_manager,
        key_worker=key_worker,
        co_worker=co_worker,
        co_worker_title=co_worker_title,
        responsibilities=responsibilities,
    )


# --- Family meetings -----------------------------------------------------------------


@transaction.atomic
def family_meeting_propose(
    *,
    child: Child,
    by: User,
    coordinator: str,
    planned_on: datetime.date,
    venue: str = "",
    requested_by_family: bool = False,
    risk_identified: bool = False,
) -> FamilyMeeting:
    return FamilyMeeting.objects.create(
        child=child,
        created_by=by,
        coordinator=coordinator,
        planned_on=planned_on,
        venue=venue,
        requested_by_family=requested_by_family,
        risk_identified=risk_identified,
        risk_decision="" if risk_identified else rules.RiskDecision.GO_AHEAD,
    )


@transaction.atomic
def family_meeting_decide(*, meeting: FamilyMeeting, by: User, decision: str, reason: str) -> FamilyMeeting:
    _refuse_if(
        rules.risk_decision_problems(
            risk_identified=meeting.risk_identified,
            decision=decision,
            reason=reason,
            decided_by_manager=selectors.is_cin_manager(by),
        )
    )
    meeting.risk_decision = decision
    meeting.risk_reason = reason
    meeting.decided_by = by
    meeting.save(update_fields=["risk_decision", "risk_reason", "decided_by"])
    return meeting


def family_meeting_can_be_held(meeting: FamilyMeeting) -> list[str]:
    if not meeting.risk_decision:
        return ["The team manager must first decide whether the meeting goes ahead, given the risk"]
    if meeting.risk_decision == rules.RiskDecision.NOT_HELD:
        return ["The team manager decided this family meeting will not be held"]
    return []


@transaction.atomic
def family_meeting_record(
    *,
    meeting: FamilyMeeting,
    held_on: datetime.date,
    agreement_signed_by: str,
    information_shared: str,
    family_time: str,
    plan_notes: str,
) -> FamilyMeeting:
    problems = family_meeting_can_be_held(meeting)
    if not agreement_signed_by.strip():
        problems.append("Record who signed the Agreement for Family Meeting")
    if not information_shared.strip():
        problems.append("Record stage 1: the information shared")
    if not family_time.strip():
        problems.append("Record stage 2: the family's time to make their plan")
    _refuse_if(problems)
    meeting.held_on = held_on
    meeting.agreement_signed_by = agreement_signed_by
    meeting.information_shared = information_shared
    meeting.family_time = family_time
    meeting.plan_notes = plan_notes
    meeting.save()
    return meeting


@transaction.atomic
def family_proposal_add(*, meeting: FamilyMeeting, proposal: str, who: str) -> FamilyProposal:
    if meeting.held_on is None:
        raise CinError(["Record the meeting's stages first: the family's plan comes from family time"])
    return FamilyProposal.objects.create(meeting=meeting, proposal=proposal, who=who)


@transaction.atomic
def family_proposal_decide(*, proposal: FamilyProposal, agreement: str, reason: str) -> FamilyProposal:
    _refuse_if(rules.proposal_problems(rules.ProposalFacts(proposal.proposal, agreement, reason)))
    proposal.agreement = agreement
    proposal.reason = reason
    proposal.save(update_fields=["agreement", "reason"])
    return proposal


def family_plan_outcome(meeting: FamilyMeeting) -> rules.PlanOutcome:
    return rules.family_plan_outcome(
        [rules.ProposalFacts(p.proposal, p.agreement, p.reason) for p in meeting.proposals.all()]
    )


# --- Ending involvement ----------------------------------------------------------


@transaction.atomic
def involvement_end(
    *,
    referral: Referral,
    by: User,
    closed_on: datetime.date,
    reason_for_closure: str,
    reason: str,
    family_views: str,
    agency_views: str,
    step_down: bool,
    caf_lead_professional: str = "",
    step_down_plan: str = "",
    notified: Sequence[str] = (),
) -> Closure:
    child = referral.child
    old_enough = child.birth_date is not None and (closed_on - child.birth_date).days >= 365 * 5
    problems = rules.closure_problems(
        rules.ClosureFacts(
            decided_by_manager=selectors.is_cin_manager(by),
            family_views=family_views,
            agency_views=agency_views,
            step_down=step_down,
            caf_lead_professional=caf_lead_professional,
            notified=notified,
            child_old_enough=old_enough,
        )
    )
    if referral.closure_date is not None:
        problems.append("Involvement on this referral has already ended")
    if closed_on < referral.referral_date:
        problems.append("Involvement cannot end before the referral")
    if referral.assessments.filter(completed_on=None).exists():
        problems.append("Complete the assessment under way first")
    if step_down and reason_for_closure not in ("RC7", "RC9"):
        problems.append("A step-down to early help closes with reason RC9 (after assessment) or RC7")
    _refuse_if(problems)
    Plan.objects.filter(referral=referral, ended_on=None).update(ended_on=closed_on)
    referral.closure_date = closed_on
    referral.reason_for_closure = reason_for_closure
    referral.save(update_fields=["closure_date", "reason_for_closure"])
    return Closure.objects.create(
        referral=referral,
        closed_on=closed_on,
        reason=reason,
        family_views=family_views,
        agency_views=agency_views,
        step_down=step_down,
        caf_lead_professional=caf_lead_professional,
        step_down_plan=step_down_plan,
        notified=list(notified),
        decided_by=by,
    )


def outcome_label(code: str) -> str:
    return dict(AssessmentOutcome.choices).get(code, "")
