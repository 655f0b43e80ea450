"""Workspace rules that need no database: partly known dates, working days, the
DfE Children in Need census factor codes, and the completeness panel.

Plain Python with dataclasses in and out, so the pages, the benchmark and the
tests ask the same questions of the same code in microseconds.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

from hub.core import census_factors
from hub.core.calendar import WorkingCalendar

# --- Dates that are only partly known -------------------------------------------------


class DatePrecision(IntEnum):
    """How much of a chronology date is known.

    The number is also the sort order inside one period: "2019" sorts before
    "March 2019", which sorts before "5 March 2019". A partly known date is kept
    as the first day of its period, so sorting by (date, precision) puts each
    event at the start of the period it belongs to, and never after something
    we know happened later.
    """

    YEAR = 0
    MONTH = 1
    DAY = 2


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def period_start(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)


class PartialDateError(ValueError):
    pass


def parse_partial_date(day: str, month: str, year: str) -> PartialDate:
    """Day, month and year boxes, where the day, or the day and the month, may be left empty."""
    day, month, year = day.strip(), month.strip(), year.strip()
    if not year:
        raise PartialDateError("Enter at least the year")
    if not year.isdigit() or len(year) != 4:
        raise PartialDateError("The year must be 4 numbers, for example 2019")
    if day and not month:
        raise PartialDateError("Enter the month as well as the day")
    if (day and not day.isdigit()) or (month and not month.isdigit()):
        raise PartialDateError("The date must be a real date, for example 5 3 2019, 3 2019 or 2019")
    partial = PartialDate(int(year), int(month) if month else None, int(day) if day else None)
    try:
        partial.period_start()
    except ValueError:
        raise PartialDateError("The date must be a real date, for example 5 3 2019, 3 2019 or 2019") from None
    return partial


def format_partial_date(start: date, precision: DatePrecision) -> str:
    """How a chronology date reads: "5 March 2019", "March 2019 (day not known)", "2019 (month not known)".

    A date known to the month is exact as far as it goes, not approximate: it is
    partial, so the label says which part is missing.
    """
    if precision == DatePrecision.DAY:
        return f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    if precision == DatePrecision.MONTH:
        return f"{MONTHS[start.month - 1]} {start.year} (day not known)"
    return f"{start.year} (month not known)"


def split_partial_date(start: date, precision: DatePrecision) -> tuple[str, str, str]:
    """Back into the three boxes, leaving empty what was never known."""
    day = str(start.day) if precision == DatePrecision.DAY else ""
    month = str(start.month) if precision >= DatePrecision.MONTH else ""
    return day, month, str(start.year)


# --- Working days --------------------------------------------------------------------


# How long an agency has to answer before the completeness panel says so. Not from the
# source documents: the Worcestershire guidance's standard letter to professionals (003)
# leaves "This information is required by [date/time]" for the worker to fill in, and
# no source sets a time. 10 working days is the hub's own choice; change it here.
AGENCY_REPLY_WORKING_DAYS = 10


def reply_by(asked_on: date, calendar: WorkingCalendar) -> date:
    """When an agency's answer is due: 10 working days after it was asked, on the hub's calendar."""
    return calendar.add_working_days(asked_on, AGENCY_REPLY_WORKING_DAYS)


# --- Children in Need census: factors identified at the end of assessment ------------
# The codes live in hub/core/census_factors.py (hub/cin records them too).

CIN_FACTORS = census_factors.CIN_FACTORS
NO_FACTORS = census_factors.NO_FACTORS
cin_factor_sort_key = census_factors.factor_sort_key


def cin_factor_problems(codes: Iterable[str]) -> list[str]:
    """What is wrong with a child's set of factor codes, if anything."""
    chosen = list(codes)
    problems = [f"{code} is not a Children in Need census factor code" for code in chosen if code not in CIN_FACTORS]
    if NO_FACTORS in chosen and len(set(chosen)) > 1:
        problems.append("21 (no factors identified) cannot be recorded with any other factor")
    return problems


# --- The completeness panel ----------------------------------------------------------


class Section(StrEnum):
    """The workspace's pages, in the order an assessor usually meets them."""

    SESSIONS = "sessions"
    CHRONOLOGY = "chronology"
    SOURCES = "sources"
    HOUSEHOLD = "household"
    TRIANGLE = "triangle"
    CAPACITY = "capacity"
    RISK = "risk"
    EQUALITY = "equality"
    QUESTIONS = "questions"
    FACTORS = "factors"


SECTION_TITLES: dict[Section, str] = {
    Section.SESSIONS: "Sessions",
    Section.CHRONOLOGY: "Chronology",
    Section.SOURCES: "Information from agencies",
    Section.HOUSEHOLD: "Household and views",
    Section.TRIANGLE: "Assessment triangle",
    Section.CAPACITY: "Capacity to change",
    Section.RISK: "Risk management",
    Section.EQUALITY: "Equality impact",
    Section.QUESTIONS: "The four questions",
    Section.FACTORS: "Factors at the end of assessment",
}


@dataclass(frozen=True)
class ChildFacts:
    child_id: int
    name: str
    seen_alone: bool = False
    # A reason recorded in at least one session where the child was not seen alone.
    reason_not_seen_alone: bool = False
    considered: bool = False
    views_recorded: bool = False
    factors_recorded: bool = False


@dataclass(frozen=True)
class AdultFacts:
    adult_id: int
    name: str
    capacity_recorded: bool = False


@dataclass(frozen=True)
class RequestFacts:
    request_id: int
    agency: str
    asked_on: date | None
    answered_on: date | None
    # The reply-by date given to the agency in its letter, when one was recorded.
    reply_by: date | None = None


@dataclass(frozen=True)
class WorkspaceFacts:
    today: date
    children: list[ChildFacts] = field(default_factory=list)
    adults: list[AdultFacts] = field(default_factory=list)
    session_count: int = 0
    chronology_count: int = 0
    requests: list[RequestFacts] = field(default_factory=list)
    hypothesis_count: int = 0
    protective_factors: str = ""
    risk_level_recorded: bool = False
    # The hub's working days (bank holidays and local closures): one calendar for every deadline.
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)


@dataclass(frozen=True)
class Gap:
    section: Section
    message: str
    # Where on the section's page to fix it ("" for the page itself).
    anchor: str = ""


def workspace_gaps(facts: WorkspaceFacts) -> list[Gap]:
    """Everything still missing, in section order. An empty list means nothing is known to be missing."""
    gaps: list[Gap] = []
    if facts.session_count == 0:
        gaps.append(Gap(Section.SESSIONS, "No session has been recorded yet"))
    for child in facts.children:
        if not child.seen_alone and not child.reason_not_seen_alone:
            gaps.append(
                Gap(
                    Section.SESSIONS,
                    f"{child.name} has not been seen alone, and no reason is recorded",
                    f"child-{child.child_id}",
                )
            )
    if facts.chronology_count == 0:
        gaps.append(Gap(Section.CHRONOLOGY, "The chronology has no entries"))
    if not facts.requests:
        gaps.append(Gap(Section.SOURCES, "No agency has been asked for information"))
    for request in facts.requests:
        if request.answered_on is not None:
            continue
        if request.asked_on is None:
            gaps.append(
                Gap(Section.SOURCES, f"{request.agency} has not been asked yet", f"request-{request.request_id}")
            )
            continue
        # The date the agency was given is the one that counts; work it out only for a
        # request recorded without one.
        due = request.reply_by or reply_by(request.asked_on, facts.calendar)
        if facts.today > due:
            gaps.append(
                Gap(
                    Section.SOURCES,
                    f"{request.agency} was asked on {request.asked_on.day} {MONTHS[request.asked_on.month - 1]} "
                    f"{request.asked_on.year} and has not answered after {AGENCY_REPLY_WORKING_DAYS} working days",
                    f"request-{request.request_id}",
                )
            )
    for child in facts.children:
        if not child.considered and not child.views_recorded:
            gaps.append(Gap(Section.HOUSEHOLD, f"Nothing is recorded about {child.name}", f"child-{child.child_id}"))
    for adult in facts.adults:
        if not adult.capacity_recorded:
            gaps.append(
                Gap(Section.CAPACITY, f"Capacity to change is not recorded for {adult.name}", f"adult-{adult.adult_id}")
            )
    if not facts.protective_factors.strip():
        gaps.append(Gap(Section.RISK, "No protective factor is recorded", "id_protective_factors"))
    if not facts.risk_level_recorded:
        gaps.append(Gap(Section.RISK, "The level of risk of harm is not recorded", "id_risk_level"))
    if facts.hypothesis_count == 0:
        gaps.append(Gap(Section.QUESTIONS, "No hypothesis is recorded", "hypotheses"))
    for child in facts.children:
        if not child.factors_recorded:
            gaps.append(
                Gap(
                    Section.FACTORS,
                    f"No census factors are recorded for {child.name} (use 21 if none)",
                    f"child-{child.child_id}",
                )
            )
    return gaps
