"""Every change to a clock goes through one of these functions.

Each one records what changed and why (TimescaleEvent) and has the engine work
the dates out again, so the dates stored on the clock are always the engine's.
"""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from hub.accounts.models import Role, User
from hub.assessments.models import Assessment, AssessmentStatus
from hub.core import calendar
from hub.core.usage import last_used_mark
from hub.referrals.models import Referral
from hub.timescales import engine, seeds
from hub.timescales.models import (
    CalendarFeed,
    Clock,
    ClockPause,
    ClosureDay,
    CourtDateChange,
    CourtDateKind,
    ReminderPoint,
    ReminderPreference,
    TimescaleEvent,
    TimescaleEventKind,
    TimescaleExtension,
    TimescaleRule,
    TimescaleRuleVersion,
    hash_feed_token,
)


class ClockError(Exception):
    """A change to a clock that cannot be made; the message says why, for the page."""


def today() -> datetime.date:
    return timezone.localdate()


def working_calendar() -> calendar.WorkingCalendar:
    return calendar.WorkingCalendar(ClosureDay.objects.values_list("day", flat=True))


def version_in_force(candidates: list[TimescaleRuleVersion], at: datetime.datetime) -> TimescaleRuleVersion:
    """The rule version in force at a moment (the first version for a moment before any)."""
    in_force = [v for v in candidates if v.created_at <= at]
    return max(in_force, key=lambda v: v.number) if in_force else min(candidates, key=lambda v: v.number)


def _version_for(assessment: Assessment, versions: dict[str, list[TimescaleRuleVersion]]) -> TimescaleRuleVersion:
    """The rule version in force when the clock started."""
    candidates = versions.get(assessment.assessment_type)
    if not candidates:
        raise ClockError(f"There is no timescale rule for {assessment.get_assessment_type_display()}")
    return version_in_force(candidates, assessment.clock_started_at)


def _court_dates(referral: Referral, changes: list[CourtDateChange]) -> engine.CourtDates:
    latest: dict[str, datetime.date] = {}
    for change in sorted(changes, key=lambda c: (c.recorded_at, c.pk)):
        latest[change.kind] = change.new_date
    return engine.CourtDates(
        filing_date=latest.get(CourtDateKind.FILING_DATE, referral.filing_date),
        irh_date=latest.get(CourtDateKind.IRH_DATE, referral.irh_date),
        final_hearing_date=latest.get(CourtDateKind.FINAL_HEARING_DATE, referral.final_hearing_date),
        proceedings_issued_on=referral.proceedings_issued_on,
        twenty_six_week_date_extended_to=latest.get(CourtDateKind.TWENTY_SIX_WEEK_DATE),
    )


def _apply_dates(
    clock: Clock,
    *,
    version: TimescaleRuleVersion,
    pauses: list[ClockPause],
    court: engine.CourtDates,
    calendar_: calendar.WorkingCalendar,
    as_of: datetime.date,
    extensions: Sequence[TimescaleExtension] = (),
) -> None:
    """Set the clock's stored dates from the engine (does not save)."""
    rule = version.as_engine_rule()
    engine_pauses = [pause.as_engine_pause() for pause in pauses]
    due = engine.due_date(rule, clock_start=clock.clock_start, calendar_=calendar_, pauses=engine_pauses, as_of=as_of)
    # The court's latest agreed date replaces the timescale's: the work is due then.
    latest = max(extensions, key=lambda e: (e.recorded_at, e.pk), default=None)
    clock.extended_to = latest.extended_to if latest else None
    if latest is not None:
        due = latest.extended_to
    milestones = engine.milestone_dates(rule, due=due, clock_start=clock.clock_start, calendar_=calendar_)
    open_pauses = [pause for pause in pauses if pause.ended_on is None]
    clock.due_date = due
    clock.draft_due_date = milestones.get("draft_to_qa")
    clock.qa_due_date = milestones.get("qa_done")
    clock.paused_since = min((p.started_on for p in open_pauses), default=None)
    clock.paused_reason = open_pauses[0].reason if open_pauses else ""
    clock.paused_days = engine.paused_days(engine_pauses, clock_start=clock.clock_start, as_of=as_of)
    clock.filing_date = court.filing_date
    clock.irh_date = court.irh_date
    clock.final_hearing_date = court.final_hearing_date
    clock.twenty_six_week_date = court.twenty_six_week_date
    clock.court_conflict = bool(engine.court_flags(due=due, court=court))
    clock.recomputed_at = timezone.now()


def _recompute(clock: Clock, *, calendar_: calendar.WorkingCalendar | None = None) -> None:
    referral = clock.assessment.referral
    _apply_dates(
        clock,
        version=clock.rule_version,
        pauses=list(clock.pauses.all()),
        court=_court_dates(referral, list(referral.court_date_changes.all())),
        calendar_=calendar_ or working_calendar(),
        as_of=today(),
        extensions=list(clock.extensions.all()),
    )
    clock.save()


def _locked(clock: Clock) -> Clock:
    return Clock.objects.select_for_update().select_related("rule_version", "assessment__referral").get(pk=clock.pk)


def rules_ensure_published() -> None:
    """The published rules are seeded by a migration; put them back if the table is empty.

    A database emptied and refilled without its migrations' rows (the browser tests'
    transactional flush does this) would otherwise have no timescales at all.
    """
    if not TimescaleRuleVersion.objects.exists():
        seeds.seed(TimescaleRule, TimescaleRuleVersion, ReminderPoint)


@transaction.atomic
def timescales_ensure_started(
    *, assessments: list[Assessment] | None = None, calendar_: calendar.WorkingCalendar | None = None
) -> int:
    """Start a clock for each given assessment (or every live one) that has none yet.

    Accepting a referral starts its assessments' clocks at once; the timeline
    and the daily job also start any that are missing (assessments made before
    this app, or by data imports). Running this twice at once is safe: a clock
    already made is skipped. Returns how many were started.
    """
    candidates = Assessment.objects.filter(clock__isnull=True).exclude(status=AssessmentStatus.FILED)
    if assessments is not None:
        candidates = candidates.filter(pk__in=[assessment.pk for assessment in assessments])
    missing = list(candidates.select_related("referral"))
    if not missing:
        return 0
    rules_ensure_published()
    versions: dict[str, list[TimescaleRuleVersion]] = {}
    for version in TimescaleRuleVersion.objects.filter(rule__assessment_type__isnull=False).select_related("rule"):
        versions.setdefault(version.rule.assessment_type or "", []).append(version)
    referral_ids = {assessment.referral_id for assessment in missing}
    changes: dict[int, list[CourtDateChange]] = {}
    for change in CourtDateChange.objects.filter(referral_id__in=referral_ids):
        changes.setdefault(change.referral_id, []).append(change)
    calendar_ = calendar_ or working_calendar()
    clocks = []
    for assessment in missing:
        clock = Clock(
            assessment=assessment,
            rule_version=_version_for(assessment, versions),
            clock_start=calendar.start_date(assessment.clock_started_at),
        )
        _apply_dates(
            clock,
            version=clock.rule_version,
            pauses=[],
            court=_court_dates(assessment.referral, changes.get(assessment.referral_id, [])),
            calendar_=calendar_,
            as_of=today(),
        )
        clocks.append(clock)
    Clock.objects.bulk_create(clocks, ignore_conflicts=True)
    started = {
        t.assessment_id: t.pk
        for t in Clock.objects.filter(assessment__in=missing, events__isnull=True).only("pk", "assessment")
    }
    TimescaleEvent.objects.bulk_create(
        TimescaleEvent(
            clock_id=started[clock.assessment_id],
            kind=TimescaleEventKind.STARTED,
            message=f"Clock started under {clock.rule_version}",
            due_date_after=clock.due_date,
        )
        for clock in clocks
        if clock.assessment_id in started
    )
    return len(started)


def clock_for(assessment: Assessment) -> Clock:
    """The assessment's clock, started now if it had none."""
    try:
        return assessment.clock
    except Clock.DoesNotExist:
        timescales_ensure_started()
        return Clock.objects.get(assessment=assessment)


def _event(
    clock: Clock,
    *,
    kind: TimescaleEventKind,
    actor: User | None,
    message: str,
    before: datetime.date | None,
) -> TimescaleEvent:
    return TimescaleEvent.objects.create(
        clock=clock,
        kind=kind,
        actor=actor,
        message=message[:600],
        due_date_before=before,
        due_date_after=clock.due_date,
    )


@transaction.atomic
def clock_pause(*, clock: Clock, actor: User, reason: str, started_on: datetime.date, detail: str = "") -> ClockPause:
    clock = _locked(clock)
    if not clock.rule_version.pausable:
        raise ClockError(
            f"The {clock.rule_version.rule.name.lower()} timescale cannot be paused: the hub's timescales "
            "allow pauses only for full fostering and special guardianship (checks permitting). "
            "Record an extension agreed with the court instead"
        )
    if clock.extended_to is not None:
        raise ClockError(
            f"The court has extended this timescale to {engine.short_date(clock.extended_to)}: "
            "record a further extension instead of a pause"
        )
    if started_on < clock.clock_start:
        raise ClockError("The pause cannot start before the clock started")
    if started_on > today():
        raise ClockError("The pause cannot start in the future")
    if clock.pauses.filter(reason=reason, ended_on__isnull=True).exists():
        raise ClockError("The clock is already paused for this reason")
    pause = ClockPause.objects.create(
        clock=clock, reason=reason, detail=detail, started_on=started_on, recorded_by=actor
    )
    before = clock.due_date
    _recompute(clock)
    _event(
        clock,
        kind=TimescaleEventKind.PAUSED,
        actor=actor,
        message=f"{pause.get_reason_display()} from {started_on:%d %b %Y}" + (f": {detail}" if detail else ""),
        before=before,
    )
    return pause


@transaction.atomic
def clock_resume(*, pause: ClockPause, actor: User, ended_on: datetime.date) -> ClockPause:
    clock = _locked(pause.clock)
    pause = ClockPause.objects.select_for_update().get(pk=pause.pk)
    if pause.ended_on is not None:
        raise ClockError("This pause has already ended")
    if ended_on < pause.started_on:
        raise ClockError("The clock cannot restart before it was paused")
    if ended_on > today():
        raise ClockError("The clock cannot restart in the future")
    pause.ended_on = ended_on
    pause.save(update_fields=["ended_on"])
    before = clock.due_date
    _recompute(clock)
    days = (ended_on - pause.started_on).days
    _event(
        clock,
        kind=TimescaleEventKind.RESUMED,
        actor=actor,
        message=f"Restarted on {ended_on:%d %b %Y} after {days} day{'s' if days != 1 else ''} "
        f"({pause.get_reason_display()})",
        before=before,
    )
    return pause


@transaction.atomic
def clock_apply_rule_version(*, clock: Clock, version: TimescaleRuleVersion, actor: User, reason: str) -> Clock:
    """The manager moves a running clock onto a newer version of its rule, on the record."""
    clock = _locked(clock)
    if version.rule_id != clock.rule_version.rule_id:
        raise ClockError("That version belongs to another rule")
    if version.pk == clock.rule_version_id:
        raise ClockError("The clock already runs under this version")
    before = clock.due_date
    old = clock.rule_version
    clock.rule_version = version
    _recompute(clock)
    _event(
        clock,
        kind=TimescaleEventKind.RULE_APPLIED,
        actor=actor,
        message=f"From version {old.number} ({old.describe()}) to version {version.number} "
        f"({version.describe()}): {reason}",
        before=before,
    )
    return clock


@transaction.atomic
def rule_version_publish(
    *,
    rule: TimescaleRule,
    actor: User | None,
    amount: int,
    unit: str,
    draft_to_qa_working_days_before: int,
    qa_done_working_days_before: int,
    pausable: bool = True,
    note: str = "",
) -> TimescaleRuleVersion:
    """A new version of a rule. Clocks already running keep theirs until a manager applies it."""
    rule = TimescaleRule.objects.select_for_update().get(pk=rule.pk)
    latest = rule.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return TimescaleRuleVersion.objects.create(
        rule=rule,
        number=latest + 1,
        amount=amount,
        unit=unit,
        draft_to_qa_working_days_before=draft_to_qa_working_days_before,
        qa_done_working_days_before=qa_done_working_days_before,
        pausable=pausable,
        note=note,
        created_by=actor,
    )


@transaction.atomic
def clock_extend(
    *,
    clock: Clock,
    actor: User,
    cause: str,
    extended_to: datetime.date,
    agreed_on: datetime.date,
    detail: str = "",
) -> TimescaleExtension:
    """The court agreed a later date: the due date moves to it, and the assessment counts
    as outside its timescale from now on. How a delay is recorded where a pause is not allowed."""
    clock = _locked(clock)
    if agreed_on < clock.clock_start or agreed_on > today():
        raise ClockError("The date the court agreed it must be between the clock's start and today")
    if extended_to <= clock.due_date:
        raise ClockError(f"The new date must be after the date now due, {engine.short_date(clock.due_date)}")
    extension = TimescaleExtension.objects.create(
        clock=clock,
        cause=cause,
        detail=detail,
        extended_to=extended_to,
        agreed_on=agreed_on,
        due_date_before=clock.due_date,
        recorded_by=actor,
    )
    before = clock.due_date
    _recompute(clock)
    _event(
        clock,
        kind=TimescaleEventKind.EXTENDED,
        actor=actor,
        message=f"Extended to {extended_to:%d %b %Y}, agreed with the court on {agreed_on:%d %b %Y}: "
        f"{extension.get_cause_display()}" + (f", {detail}" if detail else ""),
        before=before,
    )
    return extension


_MILESTONE_FIELDS = {"draft_to_qa": "draft_submitted_on", "qa_done": "qa_completed_on"}


class QualityAssuranceRefused(ClockError):
    """Someone other than a service manager tried to record (or clear) that QA is done."""


def may_record_qa(user: User) -> bool:
    """Quality assurance is the service manager's: "Completed by Service Manager" (good
    practice event, 000); "All assessments were quality assured by the service manager"
    (practice guide, 001). The assessor records that the draft went to QA."""
    return user.role == Role.SERVICE_MANAGER


@transaction.atomic
def milestone_record(*, clock: Clock, actor: User, milestone: str, reached_on: datetime.date | None) -> Clock:
    """The draft went to QA, or QA was done, on a day (None clears a mistaken entry)."""
    if milestone not in _MILESTONE_FIELDS:
        raise ClockError("No such milestone")
    if milestone == "qa_done" and not may_record_qa(actor):
        raise QualityAssuranceRefused("Only a service manager can record that quality assurance is done")
    clock = _locked(clock)
    if reached_on is not None and (reached_on < clock.clock_start or reached_on > today()):
        raise ClockError("The date must be between the clock's start and today")
    setattr(clock, _MILESTONE_FIELDS[milestone], reached_on)
    clock.save(update_fields=[_MILESTONE_FIELDS[milestone]])
    label = "Draft sent to QA" if milestone == "draft_to_qa" else "QA done"
    _event(
        clock,
        kind=TimescaleEventKind.MILESTONE,
        actor=actor,
        message=f"{label} on {reached_on:%d %b %Y}" if reached_on else f"{label}: date cleared",
        before=clock.due_date,
    )
    return clock


@transaction.atomic
def clock_end(*, clock: Clock, actor: User, ended_on: datetime.date, reason: str) -> Clock:
    """The clock stops for good (the report was filed): its dates stay as they were, on the record.

    A filed assessment drops out of the timeline and the calendar feed (they take
    clocks with no end), the reminders and the daily recomputation (they leave
    FILED out); this records when and why it stopped.
    """
    clock = _locked(clock)
    if ended_on < clock.clock_start or ended_on > today():
        raise ClockError("The date must be between the clock's start and today")
    clock.ended_on = ended_on
    clock.save(update_fields=["ended_on"])
    _event(
        clock,
        kind=TimescaleEventKind.MILESTONE,
        actor=actor,
        message=f"Clock ended on {ended_on:%d %b %Y}: {reason}",
        before=clock.due_date,
    )
    return clock


@transaction.atomic
def court_date_change_record(
    *, referral: Referral, actor: User, kind: str, new_date: datetime.date, reason: str
) -> CourtDateChange:
    """The court moved a date or extended the 26 weeks; every clock of the referral follows."""
    change = CourtDateChange.objects.create(
        referral=referral, kind=kind, new_date=new_date, reason=reason, recorded_by=actor
    )
    calendar_ = working_calendar()
    for clock in Clock.objects.select_for_update().filter(assessment__referral=referral):
        clock = _locked(clock)
        before = clock.due_date
        _recompute(clock, calendar_=calendar_)
        _event(
            clock,
            kind=TimescaleEventKind.COURT_DATE,
            actor=actor,
            message=f"{change.get_kind_display()} now {new_date:%d %b %Y}: {reason}",
            before=before,
        )
    return change


@transaction.atomic
def timescales_refresh_paused() -> int:
    """Move on the due dates of paused clocks: each paused day pushes them a day further."""
    return _recompute_clocks(Clock.objects.filter(paused_since__isnull=False))


@transaction.atomic
def reminder_preference_set(*, user: User, daily_digest: bool) -> ReminderPreference:
    preference, _ = ReminderPreference.objects.update_or_create(user=user, defaults={"daily_digest": daily_digest})
    return preference


@transaction.atomic
def calendar_feed_issue(*, user: User) -> tuple[CalendarFeed, str]:
    """A new private calendar address; any earlier one stops working."""
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    raw = CalendarFeed.new_token()
    return CalendarFeed.objects.create(user=user, token_hash=hash_feed_token(raw)), raw


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


@transaction.atomic
def timescales_recompute_live() -> int:
    """Work every live clock's dates out again, e.g. after a closure day is added or removed."""
    return _recompute_clocks(Clock.objects.exclude(assessment__status=AssessmentStatus.FILED))


def _recompute_clocks(clocks_to_do: QuerySet[Clock]) -> int:
    """Work these clocks' dates out again in a fixed number of queries, whatever their number."""
    calendar_ = working_calendar()
    clocks = list(
        clocks_to_do.select_for_update()
        .select_related("rule_version", "assessment__referral")
        .prefetch_related("pauses", "extensions", "assessment__referral__court_date_changes")
    )
    for clock in clocks:
        referral = clock.assessment.referral
        _apply_dates(
            clock,
            version=clock.rule_version,
            pauses=list(clock.pauses.all()),
            court=_court_dates(referral, list(referral.court_date_changes.all())),
            calendar_=calendar_,
            as_of=today(),
            extensions=list(clock.extensions.all()),
        )
    fields = [
        "due_date",
        "draft_due_date",
        "qa_due_date",
        "paused_since",
        "paused_reason",
        "paused_days",
        "court_conflict",
        "filing_date",
        "irh_date",
        "final_hearing_date",
        "twenty_six_week_date",
        "extended_to",
        "recomputed_at",
    ]
    Clock.objects.bulk_update(clocks, fields, batch_size=500)
    return len(clocks)


def calendar_feed_mark_used(*, feed: CalendarFeed) -> None:
    """Calendar apps poll often: the use is noted at most once a minute, not a write per poll."""
    last_used_mark(feed)
