"""Children in need rules that need no database: thresholds, assessment deadlines,
sharing the analysis before a decision, plan reviews, family meetings and closure.

Plain Python with dataclasses in and out. Every number here quotes the
Worcestershire children in need guidance (sources/003, "Leaflet B/1"), which is
what an authority running the statutory route on the hub's engine follows; the
deadlines are counted by the hub's own timescale engine on England and Wales
working days, so a Christmas or an Easter is counted the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum

from hub.core.calendar import WorkingCalendar, add_months
from hub.timescales.engine import Rule, Unit, due_date

# --- Thresholds -------------------------------------------------------------------


class Tier(IntEnum):
    """The Thresholds Guidance's four tiers of need (sources/003, Leaflet B/1)."""

    UNIVERSAL = 1
    ADDITIONAL = 2
    COMPLEX = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return TIER_LABELS[self]


TIER_LABELS: dict[Tier, str] = {
    Tier.UNIVERSAL: "Tier 1: universal needs",
    Tier.ADDITIONAL: "Tier 2: additional needs",
    Tier.COMPLEX: "Tier 3: complex needs",
    Tier.CRITICAL: "Tier 4: critical or acute needs, including a child in need of protection",
}

# Tier 2 factors a referrer can tick. "An accumulation of factors in Tier 2 (additional
# needs) may be an early indicator of chronic neglect or increased risk" (003): the list
# is what makes an accumulation visible, not a scoring scheme.
TIER_TWO_FACTORS: dict[str, str] = {
    "attendance": "Poor or falling school or nursery attendance",
    "health_appointments": "Missed health appointments or immunisations",
    "home_conditions": "Poor home conditions or hygiene",
    "parental_mental_health": "A parent's low-level mental health difficulty",
    "parental_substance": "A parent's occasional alcohol or drug misuse",
    "housing": "Insecure housing or frequent moves",
    "boundaries": "Inconsistent boundaries or supervision",
    "development": "Some delay in the child's development",
    "isolation": "Family isolated from support",
    "conflict": "Conflict between adults at home",
}

# How many tier 2 factors together prompt the worker to consider the cumulative risk. The
# guidance gives no number ("an accumulation"); three is this service's choice, stated
# here so an authority can change it in one place.
CUMULATIVE_RISK_FACTORS = 3

CUMULATIVE_RISK_PROMPT = (
    "{count} tier 2 factors are recorded. Needs that do not meet the threshold one by one may do so "
    "together: an accumulation of tier 2 factors may be an early indicator of chronic neglect or "
    "increased risk. Consider a chronology from the agencies and whether an assessment is needed."
)


def cumulative_risk_prompt(tier: Tier | int | None, factors: Iterable[str]) -> str | None:
    """The prompt a worker sees when several tier 2 factors accumulate, or None."""
    chosen = {factor for factor in factors if factor in TIER_TWO_FACTORS}
    if tier is not None and int(tier) >= Tier.COMPLEX:
        return None  # already at the threshold for a social care assessment
    if len(chosen) >= CUMULATIVE_RISK_FACTORS:
        return CUMULATIVE_RISK_PROMPT.format(count=len(chosen))
    return None


def likely_needs_social_care(tier: Tier | int) -> bool:
    """Tiers 3 and 4 "are most likely to need ... an assessment or intervention from a Social Care professional"."""
    return int(tier) >= Tier.COMPLEX


@dataclass(frozen=True)
class ReferralFacts:
    unborn: bool
    unborn_circumstances: str = ""
    midwife: str = ""
    decision: str = ""
    decision_reason: str = ""


def referral_problems(facts: ReferralFacts) -> list[str]:
    """What a referral decision still lacks, in words the worker can act on.

    An unborn child is opened "on the individual circumstances of that child and
    their parents", never "purely on the basis of the EDD"; once open, "there needs
    to be inclusion of the midwife at the earliest stage" (003).
    """
    problems: list[str] = []
    if facts.unborn:
        if not facts.unborn_circumstances.strip():
            problems.append(
                "Describe the unborn child's and parents' circumstances: the decision cannot rest on the "
                "expected date of delivery alone"
            )
        if not facts.midwife.strip():
            problems.append("Name the midwife: the midwife is included from the earliest stage")
    if facts.decision and not facts.decision_reason.strip():
        problems.append("Give the reason for the decision")
    return problems


# --- Assessments ------------------------------------------------------------------


class AssessmentKind(StrEnum):
    INITIAL = "initial"
    CORE = "core"
    SINGLE = "single"

    @property
    def label(self) -> str:
        return {
            AssessmentKind.INITIAL: "Initial assessment",
            AssessmentKind.CORE: "Core assessment",
            AssessmentKind.SINGLE: "Single assessment",
        }[self]


class AssessmentModel(StrEnum):
    """Which assessments an authority uses: the guidance's initial and core, or the single assessment."""

    INITIAL_AND_CORE = "initial_and_core"
    SINGLE = "single"


# "An initial assessment must be completed within 10 working days"; "An ICS core
# assessment must be completed within 35 working days" (003). Working Together's single
# assessment: "within 45 working days" (glossary; Working Together to Safeguard Children).
ASSESSMENT_RULES: dict[AssessmentKind, Rule] = {
    AssessmentKind.INITIAL: Rule(10, Unit.WORKING_DAYS),
    AssessmentKind.CORE: Rule(35, Unit.WORKING_DAYS),
    AssessmentKind.SINGLE: Rule(45, Unit.WORKING_DAYS),
}


def kinds_for(model: AssessmentModel | str) -> tuple[AssessmentKind, ...]:
    """The assessments an authority may start under its model."""
    if AssessmentModel(model) == AssessmentModel.SINGLE:
        return (AssessmentKind.SINGLE,)
    return (AssessmentKind.INITIAL, AssessmentKind.CORE)


def assessment_due(kind: AssessmentKind | str, started_on: date, calendar_: WorkingCalendar) -> date:
    """When the assessment must be completed: the timescale engine on working days.

    The day the assessment starts is day 0, as for every clock the engine counts.
    """
    return due_date(ASSESSMENT_RULES[AssessmentKind(kind)], clock_start=started_on, calendar_=calendar_)


# "The information within the core assessment, especially the analysis and
# recommendations, must be shared with the child and their family at least 7 working
# days before any meeting or timescale set for decision-making" (003).
SHARE_BEFORE_DECISION_WORKING_DAYS = 7


def share_analysis_by(meeting_on: date, calendar_: WorkingCalendar) -> date:
    """The last day the analysis can be shared for a decision meeting on `meeting_on`."""
    return calendar_.add_working_days(meeting_on, -SHARE_BEFORE_DECISION_WORKING_DAYS)


def analysis_sharing_problem(shared_on: date | None, meeting_on: date | None, calendar_: WorkingCalendar) -> str | None:
    """Why a decision meeting cannot go ahead on this date yet, or None if the family had time."""
    if meeting_on is None:
        return None
    latest = share_analysis_by(meeting_on, calendar_)
    if shared_on is None:
        return (
            f"Share the analysis with the family by {latest:%-d %B %Y}: at least "
            f"{SHARE_BEFORE_DECISION_WORKING_DAYS} working days before the decision meeting"
        )
    if shared_on > latest:
        given = calendar_.working_days_between(shared_on, meeting_on)
        return (
            f"The analysis was shared {given} working days before the decision meeting; the family must have it "
            f"at least {SHARE_BEFORE_DECISION_WORKING_DAYS} working days before (by {latest:%-d %B %Y})"
        )
    return None


@dataclass(frozen=True)
class AssessmentFacts:
    kind: AssessmentKind
    consent_recorded: bool
    agreement_signed: bool
    seen_alone: bool
    reason_not_seen_alone: str
    analysis: str
    factors: Sequence[str]
    completed_on: date | None = None


def completion_problems(facts: AssessmentFacts) -> list[str]:
    """What an assessment still needs before it can be completed (authorised)."""
    problems: list[str] = []
    if not facts.consent_recorded:
        problems.append("Record the family's consent, or why the assessment goes ahead without it")
    if not facts.agreement_signed:
        problems.append("Record the Standard Agreement for Assessment")
    if not facts.seen_alone and not facts.reason_not_seen_alone.strip():
        problems.append("Record that the child was seen alone, or the reason they were not")
    if not facts.analysis.strip():
        problems.append("Write the analysis: the conclusion must be based on an analysis of the evidence")
    if not facts.factors:
        problems.append("Record the factors identified at the end of the assessment (census codes)")
    return problems


# --- Plans and reviews ------------------------------------------------------------


class PlanKind(StrEnum):
    CIN = "cin"
    CHILD_PROTECTION = "child_protection"
    LOOKED_AFTER = "looked_after"

    @property
    def label(self) -> str:
        return {
            PlanKind.CIN: "Child and Young Person's Plan (child in need plan)",
            PlanKind.CHILD_PROTECTION: "Child protection plan",
            PlanKind.LOOKED_AFTER: "Looked after child plan",
        }[self]


# "A review of the Plan for the child must be held at least every 6 months"; plans
# "where the needs of the child are stable and enduring ... are reviewed with the
# family annually" (003).
REVIEW_MONTHS = 6
STABLE_REVIEW_MONTHS = 12


def next_review_due(*, started_on: date, last_review_on: date | None, stable_long_term: bool) -> date:
    """When the plan must next be reviewed, counted from the last review (or the plan's start)."""
    months = STABLE_REVIEW_MONTHS if stable_long_term else REVIEW_MONTHS
    return add_months(last_review_on or started_on, months)


def review_status(due_on: date, today: date) -> str:
    if today > due_on:
        return "overdue"
    if (due_on - today).days <= 28:
        return "due_soon"
    return "on_track"


@dataclass(frozen=True)
class PlanFacts:
    objectives: str
    who_does_what: str
    what_must_change: str
    unacceptable: str
    contingency: str
    urgent_review_triggers: str


def plan_problems(facts: PlanFacts) -> list[str]:
    """The parts the guidance asks every plan to be clear about (003, section 4)."""
    parts = [
        (facts.objectives, "the objectives of the plan"),
        (facts.who_does_what, "who will do what"),
        (facts.what_must_change, "what needs to change"),
        (facts.unacceptable, "what is unacceptable care of the child"),
        (facts.contingency, "the contingency if the plan does not work"),
        (facts.urgent_review_triggers, "the risk factors that call for an urgent review"),
    ]
    return [f"Say {label}" for value, label in parts if not value.strip()]


# --- Family meetings --------------------------------------------------------------


class RiskDecision(StrEnum):
    """When a family member may pose a risk, the manager decides (003, section 5)."""

    GO_AHEAD = "go_ahead"
    WITH_SAFEGUARDS = "with_safeguards"
    EXCLUDE_PERSON = "exclude_person"
    NOT_HELD = "not_held"

    @property
    def label(self) -> str:
        return {
            RiskDecision.GO_AHEAD: "Go ahead",
            RiskDecision.WITH_SAFEGUARDS: "Go ahead with safeguards in place",
            RiskDecision.EXCLUDE_PERSON: "Go ahead without the person who poses a risk",
            RiskDecision.NOT_HELD: "Do not hold the family meeting",
        }[self]


def risk_decision_problems(*, risk_identified: bool, decision: str, reason: str, decided_by_manager: bool) -> list[str]:
    problems: list[str] = []
    if risk_identified:
        if not decision:
            problems.append("Decide whether the family meeting goes ahead, given the risk")
        if not decided_by_manager:
            problems.append("The team manager or consultant social worker with case responsibility makes this decision")
    if decision in (RiskDecision.NOT_HELD, RiskDecision.EXCLUDE_PERSON, RiskDecision.WITH_SAFEGUARDS) and not (
        reason.strip()
    ):
        problems.append("Give the reasons: they must be explained to the family")
    return problems


class Agreement(StrEnum):
    AGREED = "agreed"
    NOT_AGREED = "not_agreed"


@dataclass(frozen=True)
class ProposalFacts:
    proposal: str
    agreement: str  # "", "agreed" or "not_agreed"
    reason: str


class PlanOutcome(StrEnum):
    UNDECIDED = "undecided"
    AGREED = "agreed"
    PARTLY_AGREED = "partly_agreed"
    NOT_AGREED = "not_agreed"

    @property
    def label(self) -> str:
        return {
            PlanOutcome.UNDECIDED: "Not yet decided",
            PlanOutcome.AGREED: "Agreed",
            PlanOutcome.PARTLY_AGREED: "Partly agreed",
            PlanOutcome.NOT_AGREED: "Not agreed",
        }[self]


def family_plan_outcome(proposals: Sequence[ProposalFacts]) -> PlanOutcome:
    decided = [p for p in proposals if p.agreement]
    if not proposals or len(decided) < len(proposals):
        return PlanOutcome.UNDECIDED
    agreed = sum(1 for p in decided if p.agreement == Agreement.AGREED)
    if agreed == len(decided):
        return PlanOutcome.AGREED
    return PlanOutcome.PARTLY_AGREED if agreed else PlanOutcome.NOT_AGREED


def proposal_problems(proposal: ProposalFacts) -> list[str]:
    """A part of the family's plan not agreed needs its reason: "the reasons must be stated clearly to the family"."""
    if proposal.agreement == Agreement.NOT_AGREED and not proposal.reason.strip():
        return ["Give the reason this part of the family's plan is not agreed (risk of significant harm, on evidence)"]
    return []


# --- Ending involvement -----------------------------------------------------------

# "For all children when involvement ceases ... the following people/agencies must be
# formally notified and provided with any 'step-down' plan where appropriate" (003).
MUST_NOTIFY: dict[str, str] = {
    "parental_responsibility": "The person with parental responsibility",
    "carer": "The carer",
    "child": "The child, if of sufficient age and understanding",
    "agencies": "Agencies and professionals involved in the assessment, plan or enquiry",
    "new_agencies": "New agencies named in any step-down plan",
}


@dataclass(frozen=True)
class ClosureFacts:
    decided_by_manager: bool
    family_views: str
    agency_views: str
    step_down: bool
    caf_lead_professional: str
    notified: Sequence[str]
    child_old_enough: bool = True


def closure_problems(facts: ClosureFacts) -> list[str]:
    problems: list[str] = []
    if not facts.decided_by_manager:
        problems.append(
            "Only the team manager (or a consultant social worker with their agreement) can end involvement"
        )
    if not facts.family_views.strip():
        problems.append("Record the views of the child and family on ending involvement")
    if not facts.agency_views.strip():
        problems.append("Record the views of the agencies involved")
    if facts.step_down and not facts.caf_lead_professional.strip():
        problems.append("Name the lead professional for the CAF the child steps down to")
    needed = set(MUST_NOTIFY) - ({"new_agencies"} if not facts.step_down else set())
    if not facts.child_old_enough:
        needed.discard("child")
    for key in MUST_NOTIFY:
        if key in needed and key not in facts.notified:
            problems.append(f"Notify: {MUST_NOTIFY[key].lower()}")
    return problems
