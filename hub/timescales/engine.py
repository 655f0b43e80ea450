"""Deadline arithmetic for the hub: plain Python, no Django.

Everything here takes dates and returns dates, so the pages, the reminders, the
calendar feed, the benchmarks and the tests all ask the same questions of the
same code.

How a clock counts. The clock starts on the day the complete Letter of
Instruction and court bundle were received (day 0). Each following day counts
towards the timescale unless the clock is paused on it (and, for a rule in
working days, unless it is a weekend, an England and Wales bank holiday or a
local closure day). The due date is the day the last counted day is reached.
A pause is the days from the day it started up to, but not including, the day
the clock restarted; overlapping pauses are merged, so a day is paused once.

A due date counted in calendar days, weeks or months that lands on a day the
hub is closed moves to the next working day, as the Family Procedure Rules
(r.2.8) do for anything to be done at a court office.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from hub.core.calendar import WorkingCalendar, add_months, short_date

# How close to the due date an assessment counts as at risk without a draft.
AT_RISK_WORKING_DAYS = 10
# Children Act 1989 s.32(1)(a): care proceedings finish within 26 weeks of issue.
PROCEEDINGS_WEEKS = 26


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    CALENDAR_WEEKS = "calendar_weeks"
    CALENDAR_MONTHS = "calendar_months"
    WORKING_DAYS = "working_days"

    @property
    def label(self) -> str:
        return _LABELS[self]


class PauseReason(StrEnum):
    DBS_CHECK = "dbs_check"
    MEDICAL = "medical"
    LA_CHECKS = "la_checks"
    COURT_ADJOURNMENT = "court_adjournment"
    FAMILY_UNAVAILABLE = "family_unavailable"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    PAUSED = "paused"
    # The court agreed a later date: outside the timescale, in every figure.
    EXTENDED = "extended"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[StrEnum, str] = {
    Unit.CALENDAR_DAYS: "calendar days",
    Unit.CALENDAR_WEEKS: "weeks",
    Unit.CALENDAR_MONTHS: "months",
    Unit.WORKING_DAYS: "working days",
    PauseReason.DBS_CHECK: "DBS check outstanding",
    PauseReason.MEDICAL: "Medical outstanding",
    PauseReason.LA_CHECKS: "Awaiting local authority checks",
    PauseReason.COURT_ADJOURNMENT: "Court adjournment",
    PauseReason.FAMILY_UNAVAILABLE: "Family unavailable",
    PauseReason.OTHER: "Other",
    Status.ON_TRACK: "On track",
    Status.AT_RISK: "At risk",
    Status.OVERDUE: "Overdue",
    Status.PAUSED: "Paused",
    Status.EXTENDED: "Extended by the court",
}


# ---------------------------------------------------------------------------
# Pauses


@dataclass(frozen=True)
class Pause:
    """The clock stopped from `started_on` and restarted on `ended_on` (None: still stopped)."""

    started_on: date
    ended_on: date | None
    reason: PauseReason = PauseReason.OTHER


@dataclass(frozen=True)
class _Span:
    first: date  # first paused day
    last: date  # last paused day


def _merged_spans(pauses: Iterable[Pause], *, clock_start: date, as_of: date) -> list[_Span]:
    """Paused days as non-overlapping spans after the clock start, a day counted once.

    A pause still open is taken to end today: the clock restarts tomorrow at the
    earliest, so the due date shown is the soonest it could now be.
    """
    spans: list[tuple[date, date]] = []
    for pause in pauses:
        last = (pause.ended_on - timedelta(days=1)) if pause.ended_on is not None else max(as_of, pause.started_on)
        first = max(pause.started_on, clock_start + timedelta(days=1))
        if last >= first:
            spans.append((first, last))
    spans.sort()
    merged: list[_Span] = []
    for first, last in spans:
        if merged and first <= merged[-1].last + timedelta(days=1):
            if last > merged[-1].last:
                merged[-1] = _Span(merged[-1].first, last)
        else:
            merged.append(_Span(first, last))
    return merged


def paused_days(pauses: Iterable[Pause], *, clock_start: date, as_of: date) -> int:
    """Calendar days the clock has been stopped, overlapping pauses counted once."""
    return sum(
        (span.last - span.first).days + 1 for span in _merged_spans(pauses, clock_start=clock_start, as_of=as_of)
    )


def paused_days_by_reason(pauses: Iterable[Pause], *, clock_start: date, as_of: date) -> dict[PauseReason, int]:
    """Each cause's own paused days (two overlapping causes each count their days)."""
    totals: dict[PauseReason, int] = {}
    for pause in pauses:
        days = paused_days([pause], clock_start=clock_start, as_of=as_of)
        if days:
            totals[pause.reason] = totals.get(pause.reason, 0) + days
    return totals


# ---------------------------------------------------------------------------
# Rules and due dates


@dataclass(frozen=True)
class Milestone:
    """An internal milestone inside the timescale, counted back from the due date."""

    code: str
    label: str
    working_days_before_due: int


@dataclass(frozen=True)
class Rule:
    amount: int
    unit: Unit
    milestones: tuple[Milestone, ...] = ()


def due_date(
    rule: Rule,
    *,
    clock_start: date,
    calendar_: WorkingCalendar,
    pauses: Sequence[Pause] = (),
    as_of: date | None = None,
) -> date:
    """When the timescale ends, the clock having stood still while paused."""
    if rule.amount < 1:
        raise ValueError("A timescale must be at least one day, week or month")
    spans = _merged_spans(pauses, clock_start=clock_start, as_of=as_of or clock_start)
    if rule.unit == Unit.WORKING_DAYS:
        return _advance(
            clock_start,
            rule.amount,
            spans,
            count=calendar_.working_days_between,
            advance=calendar_.add_working_days,
        )
    if rule.unit == Unit.CALENDAR_MONTHS:
        days = (add_months(clock_start, rule.amount) - clock_start).days
    elif rule.unit == Unit.CALENDAR_WEEKS:
        days = rule.amount * 7
    else:
        days = rule.amount
    end = _advance(
        clock_start,
        days,
        spans,
        count=lambda after, until: (until - after).days,
        advance=lambda start, n: start + timedelta(days=n),
    )
    return calendar_.next_working_day(end)


def _advance(start: date, amount: int, spans: list[_Span], *, count, advance) -> date:  # type: ignore[no-untyped-def]
    """Walk from the start through the pauses until `amount` counted days have run."""
    remaining = amount
    cursor = start
    for span in spans:
        available = count(cursor, span.first - timedelta(days=1))
        if available >= remaining:
            break
        remaining -= max(available, 0)
        cursor = max(cursor, span.last)
    return advance(cursor, remaining)


def milestone_dates(rule: Rule, *, due: date, clock_start: date, calendar_: WorkingCalendar) -> dict[str, date]:
    """Each internal milestone's date: never before the clock started, never after the due date."""
    dates: dict[str, date] = {}
    for milestone in rule.milestones:
        when = (
            calendar_.add_working_days(due, -milestone.working_days_before_due)
            if milestone.working_days_before_due
            else due
        )
        dates[milestone.code] = min(max(when, clock_start), due)
    return dates


def deadline_before(event: date, *, working_days: int, calendar_: WorkingCalendar) -> date:
    """The last day to do something at least `working_days` working days before an event.

    For example, the analysis shared with the family at least 7 working days
    before the decision meeting.
    """
    return calendar_.add_working_days(event, -working_days)


# ---------------------------------------------------------------------------
# Court dates


@dataclass(frozen=True)
class CourtDates:
    filing_date: date | None = None
    irh_date: date | None = None
    final_hearing_date: date | None = None
    proceedings_issued_on: date | None = None
    # An extension of the 26-week limit (s.32(5)) replaces the date, with a reason kept elsewhere.
    twenty_six_week_date_extended_to: date | None = None

    @property
    def twenty_six_week_date(self) -> date | None:
        if self.twenty_six_week_date_extended_to is not None:
            return self.twenty_six_week_date_extended_to
        if self.proceedings_issued_on is None:
            return None
        return self.proceedings_issued_on + timedelta(weeks=PROCEEDINGS_WEEKS)


def court_flags(*, due: date, court: CourtDates) -> list[str]:
    """What a manager must know about the hub's date against the court's timetable."""
    flags: list[str] = []
    if court.filing_date is not None and due > court.filing_date:
        flags.append(
            f"The hub's due date {short_date(due)} is after the court's filing date {short_date(court.filing_date)}"
        )
    if court.filing_date is not None and court.irh_date is not None and court.filing_date > court.irh_date:
        flags.append(f"The filing date {short_date(court.filing_date)} is after the IRH {short_date(court.irh_date)}")
    limit = court.twenty_six_week_date
    if limit is not None and court.final_hearing_date is not None and court.final_hearing_date > limit:
        flags.append(
            f"The final hearing {short_date(court.final_hearing_date)} is after the 26-week date {short_date(limit)}"
        )
    return flags


# ---------------------------------------------------------------------------
# Status


@dataclass(frozen=True)
class ClockFacts:
    due: date
    milestones: dict[str, date] = field(default_factory=dict)
    draft_submitted_on: date | None = None
    qa_completed_on: date | None = None
    open_pause: Pause | None = None
    pauses: tuple[Pause, ...] = ()
    clock_start: date | None = None
    court_flags: tuple[str, ...] = ()
    # The date the court agreed when the timescale could not be kept (and could not pause).
    extended_to: date | None = None


@dataclass(frozen=True)
class StatusReport:
    status: Status
    explanation: str
    working_days_left: int


def at_risk_from(as_of: date, calendar_: WorkingCalendar) -> date:
    """A due date on or before this day is at risk if there is no draft yet."""
    return calendar_.add_working_days(as_of, AT_RISK_WORKING_DAYS)


def assess(facts: ClockFacts, *, as_of: date, calendar_: WorkingCalendar) -> StatusReport:
    """On track, at risk, overdue, paused or extended by the court, with the reasons in plain English.

    An assessment the court gave more time is outside its timescale whatever else is
    true of it, so it is never "on track" or "at risk" again; past the court's new
    date it is overdue.

    The same conditions are written as a database expression for the timeline
    (selectors.with_status); the tests hold the two to the same answers.
    """
    parts: list[str] = []
    if facts.extended_to is not None:
        parts.append(f"Extended by the court to {short_date(facts.extended_to)}")
    if facts.open_pause is not None:
        days = (as_of - facts.open_pause.started_on).days
        # "0 days" on the first day reads as if nothing were outstanding.
        since = "since today" if days == 0 else f"{days} day{'s' if days != 1 else ''}"
        parts.append(f"{facts.open_pause.reason.label} {since}")
    elif facts.pauses and facts.clock_start is not None:
        total = paused_days(facts.pauses, clock_start=facts.clock_start, as_of=as_of)
        if total:
            parts.append(f"paused {total} day{'s' if total != 1 else ''} in all")

    left = calendar_.working_days_between(as_of, facts.due)
    if as_of > facts.due:
        parts.append(f"{-left} working day{'s' if left != -1 else ''} overdue")
    elif as_of == facts.due:
        parts.append("due today")
    else:
        parts.append(f"{left} working day{'s' if left != 1 else ''} left")

    draft_due = facts.milestones.get("draft_to_qa")
    if facts.qa_completed_on is not None:
        parts.append("QA done")
    elif facts.draft_submitted_on is not None:
        parts.append(f"draft with QA since {short_date(facts.draft_submitted_on)}")
    elif draft_due is not None and as_of > draft_due:
        parts.append(f"no draft yet (was due {short_date(draft_due)})")
    else:
        parts.append("no draft yet")
    # Court flags read as sentences on their own; inside the explanation they follow a semicolon.
    parts.extend(flag[:1].lower() + flag[1:] for flag in facts.court_flags)

    no_draft = facts.draft_submitted_on is None and facts.qa_completed_on is None
    if facts.open_pause is not None:
        status = Status.PAUSED
    elif as_of > facts.due:
        status = Status.OVERDUE
    elif facts.extended_to is not None:
        status = Status.EXTENDED
    elif (
        (no_draft and facts.due <= at_risk_from(as_of, calendar_))
        or (no_draft and draft_due is not None and as_of > draft_due)
        or facts.court_flags
    ):
        status = Status.AT_RISK
    else:
        status = Status.ON_TRACK
    explanation = "; ".join(parts)
    return StatusReport(status=status, explanation=explanation[:1].upper() + explanation[1:], working_days_left=left)
