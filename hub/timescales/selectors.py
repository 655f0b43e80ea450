"""Reads of clocks. Who may see which assessment's clock is decided here."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Case, CharField, Count, F, Prefetch, Q, QuerySet, Value, When

from hub.accounts.models import User
from hub.assessments.models import Assessment
from hub.assessments.selectors import assessment_access
from hub.core import calendar
from hub.timescales import engine
from hub.timescales.models import Clock, ClockPause, Status


def timescales_visible_to(user: User) -> QuerySet[Clock]:
    """The clocks of the assessments this person may see (hub.assessments.selectors.assessment_access)."""
    access = assessment_access(user, via="assessment__")
    clocks = Clock.objects.all()
    return clocks.none() if access is None else clocks.filter(access)


def with_status(clocks: QuerySet[Clock], *, as_of: datetime.date, at_risk_from: datetime.date) -> QuerySet:
    """The engine's status (engine.assess) as a database expression, to filter and count by.

    Paused first, then overdue, then extended by the court (outside the
    timescale, whatever else is true), then at risk (no draft and due within
    engine.AT_RISK_WORKING_DAYS working days, or the draft late, or a clash with
    the court's timetable), otherwise on track.
    """
    no_draft = Q(draft_submitted_on__isnull=True, qa_completed_on__isnull=True)
    return clocks.annotate(
        status=Case(
            When(paused_since__isnull=False, then=Value(Status.PAUSED.value)),
            When(due_date__lt=as_of, then=Value(Status.OVERDUE.value)),
            When(extended_to__isnull=False, then=Value(Status.EXTENDED.value)),
            When(
                (no_draft & Q(due_date__lte=at_risk_from))
                | (no_draft & Q(draft_due_date__lt=as_of))
                | Q(court_conflict=True),
                then=Value(Status.AT_RISK.value),
            ),
            default=Value(Status.ON_TRACK.value),
            output_field=CharField(),
        ),
        filed_after_court=Case(
            When(filing_date__isnull=False, due_date__gt=F("filing_date"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


@dataclass(frozen=True)
class TimelineFilters:
    local_authority: int | None = None
    assessment_type: str = ""
    assessor: int | None = None
    status: str = ""


def live_timeline(
    user: User, *, filters: TimelineFilters, as_of: datetime.date, calendar_: calendar.WorkingCalendar
) -> QuerySet:
    """Live (not yet filed) assessments' clocks by due date, with everything a row shows, in one query."""
    clocks = (
        timescales_visible_to(user)
        .filter(ended_on__isnull=True)
        .select_related("assessment__referral__local_authority", "assessment__assessor", "rule_version__rule")
    )
    if filters.local_authority:
        clocks = clocks.filter(assessment__referral__local_authority_id=filters.local_authority)
    if filters.assessment_type:
        clocks = clocks.filter(assessment__assessment_type=filters.assessment_type)
    if filters.assessor:
        clocks = clocks.filter(assessment__assessor_id=filters.assessor)
    clocks = with_status(clocks, as_of=as_of, at_risk_from=engine.at_risk_from(as_of, calendar_))
    if filters.status:
        clocks = clocks.filter(status=filters.status)  # type: ignore[misc]  # an annotation mypy cannot see
    # Live clocks are found and sorted by their own partial index (clock_live_by_due_date).
    return clocks.order_by("due_date", "id")


def status_counts(clocks: QuerySet) -> dict[str, int]:
    """How many clocks are in each status (one query)."""
    rows = clocks.order_by().values("status").annotate(n=Count("id"))
    counts = {status.value: 0 for status in Status}
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def clock_facts(clock: Clock, *, as_of: datetime.date) -> engine.ClockFacts:
    """What the engine needs to explain a clock's status; pauses come from a prefetch or one query."""
    pauses = tuple(pause.as_engine_pause() for pause in clock.pauses.all())
    open_pauses = [pause for pause in pauses if pause.ended_on is None]
    court = engine.CourtDates(
        filing_date=clock.filing_date,
        irh_date=clock.irh_date,
        final_hearing_date=clock.final_hearing_date,
        twenty_six_week_date_extended_to=clock.twenty_six_week_date,
    )
    milestones = {}
    if clock.draft_due_date:
        milestones["draft_to_qa"] = clock.draft_due_date
    if clock.qa_due_date:
        milestones["qa_done"] = clock.qa_due_date
    return engine.ClockFacts(
        due=clock.due_date,
        milestones=milestones,
        draft_submitted_on=clock.draft_submitted_on,
        qa_completed_on=clock.qa_completed_on,
        open_pause=min(open_pauses, key=lambda p: p.started_on) if open_pauses else None,
        pauses=pauses,
        clock_start=clock.clock_start,
        court_flags=tuple(engine.court_flags(due=clock.due_date, court=court)),
        extended_to=clock.extended_to,
    )


def clock_detail(user: User) -> QuerySet[Clock]:
    """The clocks this person may see, each with its pauses, events and rule, for its own page."""
    return (
        timescales_visible_to(user)
        .select_related(
            "assessment__referral__local_authority",
            "assessment__referral__court",
            "assessment__assessor",
            "rule_version__rule",
        )
        .prefetch_related(
            "pauses__recorded_by",
            "extensions__recorded_by",
            "events__actor",
            "assessment__referral__court_date_changes",
        )
    )


def feed_clocks(user: User) -> QuerySet[Clock]:
    return (
        timescales_visible_to(user)
        .filter(ended_on__isnull=True)
        .select_related("assessment__referral")
        .order_by("due_date", "id")
    )


@dataclass(frozen=True)
class AssessmentClock:
    """One assessment with its clock and the engine's status, or no clock if it has not started."""

    assessment: Assessment
    clock: Clock | None
    report: engine.StatusReport | None


def with_clocks(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """The clock and its pauses in two extra queries however many assessments there are."""
    return assessments.select_related("clock").prefetch_related(
        Prefetch("clock__pauses", queryset=ClockPause.objects.order_by("started_on"))
    )


def assessment_clocks(
    assessments: QuerySet[Assessment], *, as_of: datetime.date, calendar_: calendar.WorkingCalendar
) -> list[AssessmentClock]:
    rows = []
    for assessment in with_clocks(assessments):
        # A missing reverse one-to-one raises a subclass of AttributeError: getattr's default covers it.
        clock: Clock | None = getattr(assessment, "clock", None)
        report = engine.assess(clock_facts(clock, as_of=as_of), as_of=as_of, calendar_=calendar_) if clock else None
        rows.append(AssessmentClock(assessment=assessment, clock=clock, report=report))
    return rows


@dataclass(frozen=True)
class DuePreview:
    """What a referral's assessment would be due by if accepted now, against the court's date."""

    label: str
    rule_length: str  # the timescale itself, e.g. "8 weeks"
    due: datetime.date
    after_filing_date: bool


def due_date_previews(
    *, assessment_types: list[str], received_at: datetime.datetime, filing_date: datetime.date | None
) -> list[DuePreview]:
    """For the triage decision: each requested assessment's due date under the rules in force now."""
    from hub.referrals.models import AssessmentType
    from hub.timescales.models import TimescaleRule
    from hub.timescales.services import version_in_force, working_calendar

    # The same version the clock will run under if the referral is accepted: the one in force on receipt.
    rules = {
        rule.assessment_type: version_in_force(list(rule.versions.all()), received_at)
        for rule in TimescaleRule.objects.filter(assessment_type__in=assessment_types).prefetch_related("versions")
        if rule.versions.all()
    }
    calendar_ = working_calendar()
    start = calendar.start_date(received_at)
    previews = []
    for kind in assessment_types:
        version = rules.get(kind)
        if version is None:
            continue
        due = engine.due_date(version.as_engine_rule(), clock_start=start, calendar_=calendar_)
        previews.append(
            DuePreview(
                label=AssessmentType(kind).label,
                rule_length=version.describe(),
                due=due,
                after_filing_date=filing_date is not None and due > filing_date,
            )
        )
    return previews
