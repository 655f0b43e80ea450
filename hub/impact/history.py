"""Reading the hub's earlier records (a spreadsheet of past referrals and assessments).

Plain Python, no Django: rows in (cells as the CSV or Excel reader gives them),
checked referrals out, or every bad row's line and reason. Nothing is loaded
unless every row is good; the service that loads them (services.history_import)
does so in one transaction.

One row is one assessment. Rows with the same `reference` are one referral with
several assessments (say a viability and a special guardianship assessment for
the same carers); the referral's own columns must then agree on every row. A
declined referral is one row with no assessment dates.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# (column, required, what goes in it): the README's table and the template come from here.
COLUMNS: list[tuple[str, bool, str]] = [
    ("reference", True, "The hub's own reference for the referral; rows sharing one are one referral"),
    ("local_authority", True, "The referring authority: its name, ONS code (E08000012) or DfE code (341)"),
    ("assessment_type", True, "parenting, parenting_addendum, kinship_viability, full_fostering, "
     "special_guardianship or joint_fostering_sgo (or the type's full name)"),
    ("reason", False, "disagreement, previous_quality, disputed_fostering or other (or the reason's full name)"),
    ("received", True, "The day the complete letter of instruction and bundle were received: the clock starts"),
    ("decision", True, "accepted or declined"),
    ("decided", False, "The day the hub accepted or declined (the day received if empty)"),
    ("allocated", False, "The day an assessor was allocated"),
    ("assessor_email", False, "The assessor's email, if they have an account here (never from the same authority)"),
    ("draft_to_qa", False, "The day the draft went to quality assurance"),
    ("qa_done", False, "The day quality assurance was completed"),
    ("qa_rounds", False, "How many times the draft went to QA (1 if empty and QA was done)"),
    ("filed", False, "The day the report was filed with the court"),
    ("court_filing_date", False, "The filing date the court set"),
    ("pauses", False, "Only for timescales that allow pauses (checks permitting): cause start/end, separated "
     "by semicolons, e.g. \"dbs_check 2025-01-06/2025-01-20; medical 2025-02-03/2025-02-10\""),
    ("recommendation", False, "positive or negative (filed reports only)"),
    ("la_changed_plan", False, "yes or no: did the local authority change its plan after the report"),
]  # fmt: skip
COLUMN_NAMES = [name for name, _, _ in COLUMNS]
REQUIRED = {name for name, required, _ in COLUMNS if required}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")

Cell = str | int | float | datetime.date | datetime.datetime | None


@dataclass(frozen=True)
class HistoryPause:
    cause: str
    started_on: datetime.date
    ended_on: datetime.date


@dataclass(frozen=True)
class HistoryAssessment:
    line: int
    assessment_type: str
    allocated_on: datetime.date | None
    assessor_id: int | None
    draft_to_qa_on: datetime.date | None
    qa_done_on: datetime.date | None
    qa_rounds: int
    filed_on: datetime.date | None
    pauses: tuple[HistoryPause, ...]
    recommendation: str
    la_changed_plan: bool | None


@dataclass
class HistoryReferral:
    reference: str
    line: int
    local_authority_id: int
    reason: str
    received_on: datetime.date
    accepted: bool
    decided_on: datetime.date
    court_filing_date: datetime.date | None
    assessments: list[HistoryAssessment] = field(default_factory=list)
    # The types the court asked for (a declined referral's too, though it has no assessment).
    requested_types: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.reason}"


@dataclass(frozen=True)
class Lookups:
    """What the rows are checked against, read from the database by the caller."""

    # Authority name, ONS code and DfE code, each lower-cased, to the authority's id.
    authorities: Mapping[str, int]
    # Type value and label, lower-cased, to the type's value.
    assessment_types: Mapping[str, str]
    reasons: Mapping[str, str]
    pause_causes: Mapping[str, str]
    # The types whose timescale may pause ("checks permitting").
    pausable_types: frozenset[str]
    # Assessor email (lower-cased) to (user id, the authority they are seconded from).
    assessors: Mapping[str, tuple[int, int]]
    # References loaded by an earlier import.
    already_imported: frozenset[str]
    today: datetime.date


@dataclass
class Checked:
    referrals: list[HistoryReferral]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


class _RowProblem(Exception):
    pass


def header_positions(header: Sequence[Cell]) -> tuple[dict[str, int], list[str]]:
    """Where each known column is, and what is wrong with the header row."""
    positions: dict[str, int] = {}
    problems: list[str] = []
    for index, cell in enumerate(header):
        name = str(cell or "").strip().lower().replace(" ", "_")
        if not name:
            continue
        if name not in COLUMN_NAMES:
            problems.append(f'unknown column "{cell}" (the columns are: {", ".join(COLUMN_NAMES)})')
        elif name in positions:
            problems.append(f'the column "{name}" appears twice')
        else:
            positions[name] = index
    missing = [name for name in COLUMN_NAMES if name in REQUIRED and name not in positions]
    if missing:
        problems.append(f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    return positions, problems


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Cell, column: str, *, today: datetime.date) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        text = _text(value)
        for pattern in DATE_FORMATS:
            try:
                day = datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007  # a date, no time
                break
            except ValueError:
                continue
        else:
            raise _RowProblem(f'{column} "{text}" is not a date (write it as 2025-03-06 or 06/03/2025)')
    if day > today:
        raise _RowProblem(f"{column} {day:%d %b %Y} is in the future")
    return day


def _choice(value: Cell, column: str, options: Mapping[str, str], *, required: bool) -> str:
    text = _text(value)
    if not text:
        if required:
            raise _RowProblem(f"{column} is empty")
        return ""
    found = options.get(text.lower())
    if found is None:
        raise _RowProblem(f'{column} "{text}" is not one the hub knows')
    return found


def _pauses(value: Cell, lookups: Lookups) -> tuple[HistoryPause, ...]:
    text = _text(value)
    pauses = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        cause_text, _, span = part.partition(" ")
        start_text, slash, end_text = span.strip().partition("/")
        if not slash:
            raise _RowProblem(f'pause "{part}" must read cause start/end, e.g. "dbs_check 2025-01-06/2025-01-20"')
        cause = _choice(cause_text, "pause cause", lookups.pause_causes, required=True)
        started = _date(start_text.strip(), "pause start", today=lookups.today)
        ended = _date(end_text.strip(), "pause end", today=lookups.today)
        if started is None or ended is None:
            raise _RowProblem(f'pause "{part}" needs a start and an end')
        if ended < started:
            raise _RowProblem(f'pause "{part}" ends before it starts')
        pauses.append(HistoryPause(cause, started, ended))
    return tuple(pauses)


def _in_order(steps: list[tuple[str, datetime.date | None]]) -> None:
    """Each step on or after the one before it (empty steps skipped)."""
    previous: tuple[str, datetime.date] | None = None
    for label, day in steps:
        if day is None:
            continue
        if previous is not None and day < previous[1]:
            raise _RowProblem(f"{label} ({day:%d %b %Y}) is before {previous[0]} ({previous[1]:%d %b %Y})")
        previous = (label, day)


def _row(cells: Mapping[str, Cell], line: int, lookups: Lookups) -> HistoryReferral:
    for name in REQUIRED:
        if not _text(cells.get(name)):
            raise _RowProblem(f"{name} is empty")
    reference = _text(cells["reference"])
    if len(reference) > 60:
        raise _RowProblem("reference is longer than 60 characters")
    if reference in lookups.already_imported:
        raise _RowProblem(f'reference "{reference}" was loaded by an earlier import')
    authority = lookups.authorities.get(_text(cells["local_authority"]).lower())
    if authority is None:
        raise _RowProblem(f'local_authority "{_text(cells["local_authority"])}" is not one of the hub\'s authorities')
    kind = _choice(cells["assessment_type"], "assessment_type", lookups.assessment_types, required=True)
    reason = _choice(cells.get("reason"), "reason", lookups.reasons, required=False)
    decision = _text(cells["decision"]).lower()
    if decision not in ("accepted", "declined"):
        raise _RowProblem(f'decision "{_text(cells["decision"])}" must be accepted or declined')
    today = lookups.today
    received = _date(cells["received"], "received", today=today)
    assert received is not None
    decided = _date(cells.get("decided"), "decided", today=today) or received
    allocated = _date(cells.get("allocated"), "allocated", today=today)
    draft = _date(cells.get("draft_to_qa"), "draft_to_qa", today=today)
    qa_done = _date(cells.get("qa_done"), "qa_done", today=today)
    filed = _date(cells.get("filed"), "filed", today=today)
    court_date = _date_any(cells.get("court_filing_date"), "court_filing_date")
    pauses = _pauses(cells.get("pauses"), lookups)
    recommendation = _text(cells.get("recommendation")).lower()
    changed_text = _text(cells.get("la_changed_plan")).lower()
    rounds_text = _text(cells.get("qa_rounds"))
    assessor_email = _text(cells.get("assessor_email")).lower()

    _in_order(
        [("received", received), ("decided", decided), ("allocated", allocated), ("draft_to_qa", draft),
         ("qa_done", qa_done), ("filed", filed)]
    )  # fmt: skip
    if decision == "declined":
        given = [
            name
            for name in ("allocated", "assessor_email", "draft_to_qa", "qa_done", "qa_rounds", "filed", "pauses",
                         "recommendation", "la_changed_plan")
            if _text(cells.get(name))
        ]  # fmt: skip
        if given:
            raise _RowProblem(f"a declined referral has no assessment, but {', '.join(given)} is filled in")
        return HistoryReferral(
            reference, line, authority, reason, received, False, decided, court_date, requested_types=[kind]
        )

    if qa_done is not None and draft is None:
        raise _RowProblem("qa_done is filled in but draft_to_qa is empty: QA follows the draft")
    if filed is not None and qa_done is None:
        raise _RowProblem("filed is filled in but qa_done is empty: every report is quality-assured before filing")
    if rounds_text:
        if not rounds_text.isdigit() or int(rounds_text) < 1:
            raise _RowProblem(f'qa_rounds "{rounds_text}" must be a whole number, 1 or more')
        if draft is None:
            raise _RowProblem("qa_rounds is filled in but draft_to_qa is empty")
    rounds = int(rounds_text) if rounds_text else (1 if draft is not None else 0)
    if recommendation and recommendation not in ("positive", "negative"):
        raise _RowProblem(f'recommendation "{recommendation}" must be positive or negative')
    if changed_text and changed_text not in ("yes", "no"):
        raise _RowProblem(f'la_changed_plan "{changed_text}" must be yes or no')
    if (recommendation or changed_text) and filed is None:
        raise _RowProblem("an outcome is recorded only for a filed report, but filed is empty")
    if pauses and kind not in lookups.pausable_types:
        raise _RowProblem(f"{kind} timescales cannot pause (only checks-permitting timescales do); leave pauses empty")
    end = filed or today
    for pause in pauses:
        if pause.started_on < received or pause.ended_on > end:
            raise _RowProblem(
                f"the {pause.cause} pause from {pause.started_on:%d %b %Y} is outside the assessment "
                f"({received:%d %b %Y} to {end:%d %b %Y})"
            )
    assessor_id = None
    if assessor_email:
        found = lookups.assessors.get(assessor_email)
        if found is None:
            raise _RowProblem(f'assessor_email "{assessor_email}" is not an assessor here')
        assessor_id, seconded_from = found
        if seconded_from == authority:
            raise _RowProblem("the assessor is seconded from the referring authority: assessors are independent")
        if allocated is None:
            raise _RowProblem("assessor_email is filled in but allocated is empty")
    referral = HistoryReferral(
        reference, line, authority, reason, received, True, decided, court_date, requested_types=[kind]
    )
    referral.assessments.append(
        HistoryAssessment(
            line=line,
            assessment_type=kind,
            allocated_on=allocated,
            assessor_id=assessor_id,
            draft_to_qa_on=draft,
            qa_done_on=qa_done,
            qa_rounds=rounds,
            filed_on=filed,
            pauses=pauses,
            recommendation=recommendation,
            la_changed_plan=None if not changed_text else changed_text == "yes",
        )
    )
    return referral


def _date_any(value: Cell, column: str) -> datetime.date | None:
    """A date that may be in the future (the court's date for a live assessment)."""
    return _date(value, column, today=datetime.date.max)


def _merge(into: HistoryReferral, row: HistoryReferral) -> None:
    """A further assessment of a referral already read: the referral's columns must agree."""
    if not into.accepted or not row.accepted:
        raise _RowProblem(f'reference "{row.reference}" is a declined referral on another line ({into.line})')
    for label, mine, theirs in (
        ("local_authority", into.local_authority_id, row.local_authority_id),
        ("reason", into.reason, row.reason),
        ("received", into.received_on, row.received_on),
        ("decided", into.decided_on, row.decided_on),
        ("court_filing_date", into.court_filing_date, row.court_filing_date),
    ):
        if mine != theirs:
            raise _RowProblem(f'{label} differs from line {into.line} of the same reference "{row.reference}"')
    kinds = {a.assessment_type for a in into.assessments}
    for assessment in row.assessments:
        if assessment.assessment_type in kinds:
            raise _RowProblem(
                f'reference "{row.reference}" already has a {assessment.assessment_type} assessment on line {into.line}'
            )
        into.assessments.append(assessment)
        into.requested_types.append(assessment.assessment_type)


def check_rows(rows: Iterable[Sequence[Cell]], lookups: Lookups, *, first_line: int = 1) -> Checked:
    """Every row checked: the referrals to load, or every problem with its line.

    The first row is the header. Lines are counted as a spreadsheet shows them
    (the header is line `first_line`); wholly empty rows are skipped.
    """
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        return Checked([], [RowError(first_line, "the file is empty: it needs a header row and at least one row")])
    positions, problems = header_positions(header)
    if problems:
        return Checked([], [RowError(first_line, problem) for problem in problems])
    referrals: dict[str, HistoryReferral] = {}
    errors: list[RowError] = []
    seen_rows = 0
    for offset, raw in enumerate(iterator, start=1):
        line = first_line + offset
        if not any(_text(cell) for cell in raw):
            continue
        seen_rows += 1
        cells = {name: raw[index] if index < len(raw) else None for name, index in positions.items()}
        try:
            referral = _row(cells, line, lookups)
            existing = referrals.get(referral.reference)
            if existing is None:
                referrals[referral.reference] = referral
            else:
                _merge(existing, referral)
        except _RowProblem as problem:
            errors.append(RowError(line, str(problem)))
    if not seen_rows and not errors:
        errors.append(RowError(first_line, "the file has a header but no rows"))
    return Checked(list(referrals.values()) if not errors else [], errors)
