"""Referral rules that need no database: what a complete LOI holds, and which
state changes are allowed. Plain Python, so the views, the API and the tests all
ask the same questions of the same code.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Step(StrEnum):
    """The pages of the Letter of Instruction, in the order the referrer meets them."""

    COURT = "court"
    TIMETABLE = "timetable"
    CHILDREN = "children"
    ADULTS = "adults"
    ASSESSMENT = "assessment"
    QUESTIONS = "questions"
    BACKGROUND = "background"
    READING = "reading"
    CONTACTS = "contacts"
    BUNDLE = "bundle"


STEP_TITLES: dict[Step, str] = {
    Step.COURT: "Court and permission",
    Step.TIMETABLE: "The court's timetable",
    Step.CHILDREN: "Children",
    Step.ADULTS: "Adults to be assessed",
    Step.ASSESSMENT: "Assessment requested",
    Step.QUESTIONS: "Questions approved by the court",
    Step.BACKGROUND: "Background and context",
    Step.READING: "Essential reading",
    Step.CONTACTS: "Parties and professionals",
    Step.BUNDLE: "Court bundle",
}


@dataclass(frozen=True)
class ChildFacts:
    name: str
    has_birth_or_due_date: bool


@dataclass(frozen=True)
class AdultFacts:
    name: str
    children_related_to: frozenset[int]


@dataclass(frozen=True)
class LetterFacts:
    """What completeness needs to know about a Letter of Instruction."""

    court_chosen: bool = False
    case_number: str = ""
    judge: str = ""
    permission_order_date: date | None = None
    eligibility_agreed_by_judge: bool = False
    proceedings_issued_on: date | None = None
    filing_date: date | None = None
    irh_date: date | None = None
    final_hearing_date: date | None = None
    children: dict[int, ChildFacts] = field(default_factory=dict)
    adults: list[AdultFacts] = field(default_factory=list)
    assessment_types: list[str] = field(default_factory=list)
    referral_reason: str = ""
    referral_reason_detail: str = ""
    question_count: int = 0
    family_background: str = ""
    reading_count: int = 0
    contact_roles: frozenset[str] = frozenset()
    bundle_count: int = 0


@dataclass(frozen=True)
class Gap:
    """One thing missing from the letter, and the page where the referrer fixes it."""

    step: Step
    message: str


def letter_gaps(facts: LetterFacts) -> list[Gap]:
    """Everything still missing before the hub can receive the referral, in page order."""
    gaps: list[Gap] = []

    def need(condition: bool, step: Step, message: str) -> None:
        if not condition:
            gaps.append(Gap(step, message))

    need(facts.court_chosen, Step.COURT, "Choose the court")
    need(bool(facts.case_number.strip()), Step.COURT, "Enter the case number")
    need(bool(facts.judge.strip()), Step.COURT, "Enter the judge's name")
    need(facts.permission_order_date is not None, Step.COURT, "Enter the date of the order giving permission")
    need(
        facts.eligibility_agreed_by_judge,
        Step.COURT,
        "Confirm the judge agreed the hub's eligibility criteria are met",
    )
    need(facts.proceedings_issued_on is not None, Step.COURT, "Enter the date proceedings were issued")

    need(facts.filing_date is not None, Step.TIMETABLE, "Enter the date the assessment must be filed")
    need(facts.irh_date is not None, Step.TIMETABLE, "Enter the date of the issues resolution hearing")
    for _, problem in timetable_problems(facts):
        gaps.append(Gap(Step.TIMETABLE, problem))

    need(bool(facts.children), Step.CHILDREN, "Add at least one child")
    for child in facts.children.values():
        need(
            child.has_birth_or_due_date,
            Step.CHILDREN,
            f"Enter a date of birth or expected date of delivery for {child.name}",
        )

    need(bool(facts.adults), Step.ADULTS, "Add at least one adult to be assessed")
    for adult in facts.adults:
        missing = [facts.children[c].name for c in facts.children if c not in adult.children_related_to]
        if missing:
            gaps.append(Gap(Step.ADULTS, f"Give {adult.name}'s relationship to {', '.join(missing)}"))

    need(bool(facts.assessment_types), Step.ASSESSMENT, "Choose the assessment or assessments requested")
    need(bool(facts.referral_reason), Step.ASSESSMENT, "Choose the reason for referral")
    need(
        facts.referral_reason != "other" or bool(facts.referral_reason_detail.strip()),
        Step.ASSESSMENT,
        "Describe the other reason for referral",
    )
    need(facts.question_count > 0, Step.QUESTIONS, "Add the questions the court has approved")
    need(
        bool(facts.family_background.strip()),
        Step.BACKGROUND,
        "Describe the family's ethnic, cultural, religious and linguistic background",
    )
    need(facts.reading_count > 0, Step.READING, "Add the essential reading list")
    need(
        "childrens_guardian" in facts.contact_roles,
        Step.CONTACTS,
        "Add the children's guardian",
    )
    need(facts.bundle_count > 0, Step.BUNDLE, "Upload the court bundle")
    return gaps


def timetable_problems(facts: LetterFacts) -> list[tuple[str, str]]:
    """Dates that cannot all be right, each with the date field to correct: the court's timetable runs in order."""
    problems = []
    if facts.proceedings_issued_on and facts.filing_date and facts.filing_date < facts.proceedings_issued_on:
        problems.append(("filing_date", "The filing date must be after the date proceedings were issued"))
    if facts.filing_date and facts.irh_date and facts.filing_date > facts.irh_date:
        problems.append(("filing_date", "The filing date must be on or before the issues resolution hearing"))
    if facts.irh_date and facts.final_hearing_date and facts.irh_date > facts.final_hearing_date:
        problems.append(("final_hearing_date", "The final hearing must be after the issues resolution hearing"))
    return problems


class Action(StrEnum):
    SUBMIT = "submit"
    RAISE_QUERY = "raise_query"
    ANSWER_QUERY = "answer_query"
    ACCEPT = "accept"
    DECLINE = "decline"


# status before -> action -> status after. Anything not listed is refused.
TRANSITIONS: dict[str, dict[Action, str]] = {
    "draft": {Action.SUBMIT: "submitted"},
    "submitted": {Action.RAISE_QUERY: "query_raised", Action.ACCEPT: "accepted", Action.DECLINE: "declined"},
    "query_raised": {
        Action.ANSWER_QUERY: "submitted",
        Action.RAISE_QUERY: "query_raised",
        Action.ACCEPT: "accepted",
        Action.DECLINE: "declined",
    },
    "accepted": {},
    "declined": {},
}


class TransitionNotAllowed(Exception):
    def __init__(self, status: str, action: Action) -> None:
        super().__init__(f"A referral that is {status.replace('_', ' ')} cannot be given the action {action.value}.")
        self.status = status
        self.action = action


def next_status(status: str, action: Action) -> str:
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        raise TransitionNotAllowed(status, action) from None


def allowed_actions(status: str) -> frozenset[Action]:
    """What may happen next to a referral in this state: the one source for services,
    views and templates alike."""
    return frozenset(TRANSITIONS.get(status, {}))
