"""Timescale rules, each assessment's clock, its pauses and the court's dates.

The arithmetic lives in engine.py. What is kept here is what people decided
(rules, pauses, extensions, milestones reached) and, on each clock, the dates
the engine last worked out from them, so that the timeline can sort and filter
thousands of assessments in the database.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.assessments.models import Assessment
from hub.referrals.models import AssessmentType, Referral
from hub.timescales import engine


class Unit(models.TextChoices):
    CALENDAR_DAYS = engine.Unit.CALENDAR_DAYS.value, "Calendar days"
    CALENDAR_WEEKS = engine.Unit.CALENDAR_WEEKS.value, "Weeks"
    CALENDAR_MONTHS = engine.Unit.CALENDAR_MONTHS.value, "Months"
    WORKING_DAYS = engine.Unit.WORKING_DAYS.value, "Working days"


class PauseReason(models.TextChoices):
    DBS_CHECK = engine.PauseReason.DBS_CHECK.value, engine.PauseReason.DBS_CHECK.label
    MEDICAL = engine.PauseReason.MEDICAL.value, engine.PauseReason.MEDICAL.label
    LA_CHECKS = engine.PauseReason.LA_CHECKS.value, engine.PauseReason.LA_CHECKS.label
    COURT_ADJOURNMENT = engine.PauseReason.COURT_ADJOURNMENT.value, engine.PauseReason.COURT_ADJOURNMENT.label
    FAMILY_UNAVAILABLE = engine.PauseReason.FAMILY_UNAVAILABLE.value, engine.PauseReason.FAMILY_UNAVAILABLE.label
    OTHER = engine.PauseReason.OTHER.value, engine.PauseReason.OTHER.label


class Status(models.TextChoices):
    ON_TRACK = engine.Status.ON_TRACK.value, engine.Status.ON_TRACK.label
    AT_RISK = engine.Status.AT_RISK.value, engine.Status.AT_RISK.label
    OVERDUE = engine.Status.OVERDUE.value, engine.Status.OVERDUE.label
    PAUSED = engine.Status.PAUSED.value, engine.Status.PAUSED.label
    EXTENDED = engine.Status.EXTENDED.value, engine.Status.EXTENDED.label


class CountedFrom(models.TextChoices):
    CLOCK_START = "clock_start", "After the clock starts"
    BEFORE_EVENT = "before_event", "Before a meeting or hearing"


class TimescaleRule(models.Model):
    """A timescale the hub works to, e.g. "Parenting assessment: 8 weeks".

    The numbers live in versions: a change is a new version, so a clock already
    running keeps the version it started under.
    """

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    # The hub's assessments this rule times; statutory rules (single assessment,
    # plan reviews) have none and are used by the engine's other callers.
    assessment_type = models.CharField(
        max_length=32, choices=AssessmentType.choices, blank=True, unique=True, null=True
    )
    counted_from = models.CharField(max_length=20, choices=CountedFrom.choices, default=CountedFrom.CLOCK_START)
    source = models.CharField(max_length=300, help_text="Where the timescale comes from")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def current_version(self) -> "TimescaleRuleVersion":
        return self.versions.order_by("-number").first()  # type: ignore[return-value]


class TimescaleRuleVersion(models.Model):
    rule = models.ForeignKey(TimescaleRule, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    amount = models.PositiveSmallIntegerField()
    unit = models.CharField(max_length=20, choices=Unit.choices)
    # Internal milestones inside the timescale, in working days before the due date.
    draft_to_qa_working_days_before = models.PositiveSmallIntegerField(default=0)
    qa_done_working_days_before = models.PositiveSmallIntegerField(default=0)
    # "Checks permitting": the clock may be paused for outstanding checks. A timescale
    # without that clause is not paused; the court extends it instead (TimescaleExtension).
    pausable = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["rule", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "number"], name="timescale_rule_version_unique_number"),
            models.CheckConstraint(condition=models.Q(amount__gte=1), name="timescale_rule_version_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.rule.name}, version {self.number}: {self.describe()}"

    def describe(self) -> str:
        return f"{self.amount} {engine.Unit(self.unit).label}"

    def as_engine_rule(self) -> engine.Rule:
        milestones = []
        if self.draft_to_qa_working_days_before:
            milestones.append(engine.Milestone("draft_to_qa", "Draft to QA", self.draft_to_qa_working_days_before))
        if self.qa_done_working_days_before or self.draft_to_qa_working_days_before:
            milestones.append(engine.Milestone("qa_done", "QA done", self.qa_done_working_days_before))
        return engine.Rule(amount=self.amount, unit=engine.Unit(self.unit), milestones=tuple(milestones))


class ClosureDay(models.Model):
    """A day the hub is closed besides weekends and bank holidays (e.g. a local closure)."""

    day = models.DateField(unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d %b %Y}: {self.name}"


class Clock(models.Model):
    """An assessment's clock: the rule version it runs under and the dates worked out from it."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="clock")
    rule_version = models.ForeignKey(TimescaleRuleVersion, on_delete=models.PROTECT, related_name="clocks")
    clock_start = models.DateField()
    draft_submitted_on = models.DateField(null=True, blank=True)
    qa_completed_on = models.DateField(null=True, blank=True)

    # Worked out by the engine on every change (services._recompute), for sorting and filtering.
    due_date = models.DateField(db_index=True)
    draft_due_date = models.DateField(null=True, blank=True)
    qa_due_date = models.DateField(null=True, blank=True)
    paused_since = models.DateField(null=True, blank=True)
    paused_reason = models.CharField(max_length=32, choices=PauseReason.choices, blank=True)
    paused_days = models.PositiveIntegerField(default=0)
    court_conflict = models.BooleanField(default=False)
    # The court's timetable as it stands, extensions included.
    filing_date = models.DateField(null=True, blank=True)
    irh_date = models.DateField(null=True, blank=True)
    final_hearing_date = models.DateField(null=True, blank=True)
    twenty_six_week_date = models.DateField(null=True, blank=True)
    # The latest date the court agreed (TimescaleExtension); when set it is also the due
    # date, and the assessment is outside its timescale in every figure.
    extended_to = models.DateField(null=True, blank=True)
    # The day the clock stopped for good (the report was filed); empty while it runs.
    # Kept on the clock so the timeline can find the few live clocks by an index of
    # their own instead of joining every clock ever started to its assessment.
    ended_on = models.DateField(null=True, blank=True)
    recomputed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(
                fields=["due_date", "id"], condition=models.Q(ended_on__isnull=True), name="clock_live_by_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"Clock for {self.assessment_id}, due {self.due_date}"


class ClockPause(models.Model):
    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(max_length=32, choices=PauseReason.choices)
    detail = models.CharField(max_length=500, blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="clock_pause_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} from {self.started_on}"

    def as_engine_pause(self) -> engine.Pause:
        return engine.Pause(self.started_on, self.ended_on, engine.PauseReason(self.reason))


class TimescaleExtension(models.Model):
    """The court agreed more time for an assessment, with the cause and the new date.

    How a delay is recorded on a timescale that cannot pause (parenting, addendum,
    viability: the sources give them no "checks permitting"). It moves the due date
    to the new date, and the assessment counts as outside its timescale from then on.
    """

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="extensions")
    cause = models.CharField(max_length=32, choices=PauseReason.choices)
    detail = models.CharField(max_length=500, blank=True)
    extended_to = models.DateField()
    agreed_on = models.DateField()
    # The due date the timescale gave before this extension, kept for the record.
    due_date_before = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extended_to__gt=models.F("due_date_before")),
                name="timescale_extension_after_the_due_date",
            )
        ]

    def __str__(self) -> str:
        return f"Extended to {self.extended_to} ({self.get_cause_display()})"


class CourtDateKind(models.TextChoices):
    FILING_DATE = "filing_date", "Filing date"
    IRH_DATE = "irh_date", "Issues resolution hearing"
    FINAL_HEARING_DATE = "final_hearing_date", "Final hearing"
    TWENTY_SIX_WEEK_DATE = "twenty_six_week_date", "26-week date (extension under s.32(5))"


class CourtDateChange(models.Model):
    """The court moved one of its dates, or extended the 26 weeks, for a reason."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="court_date_changes")
    kind = models.CharField(max_length=32, choices=CourtDateKind.choices)
    new_date = models.DateField()
    reason = models.CharField(max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} now {self.new_date}"


class TimescaleEventKind(models.TextChoices):
    STARTED = "started", "Clock started"
    PAUSED = "paused", "Clock paused"
    RESUMED = "resumed", "Clock restarted"
    RULE_APPLIED = "rule_applied", "New rule version applied"
    MILESTONE = "milestone", "Milestone recorded"
    COURT_DATE = "court_date", "Court date changed"
    EXTENDED = "extended", "Extended by the court"


class TimescaleEvent(models.Model):
    """What changed a clock, by whom, and why: the record behind every moved date."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=TimescaleEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)
    message = models.CharField(max_length=600)
    due_date_before = models.DateField(null=True, blank=True)
    due_date_after = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message}"


class ReminderMilestone(models.TextChoices):
    DRAFT_TO_QA = "draft_to_qa", "Draft to QA"
    DUE = "due", "Due date"


class ReminderPoint(models.Model):
    """When reminders go: so many days before (negative) or after a milestone."""

    code = models.SlugField(max_length=50, unique=True)
    milestone = models.CharField(max_length=20, choices=ReminderMilestone.choices)
    offset_days = models.SmallIntegerField(help_text="Negative: days before; 0: on the day; positive: days after")
    notify_service_managers = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["milestone", "offset_days"]

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        label = ReminderMilestone(self.milestone).label.lower()
        if self.offset_days < 0:
            return f"{-self.offset_days} days before the {label}"
        if self.offset_days == 0:
            return f"on the {label}"
        return f"{self.offset_days} days after the {label}"


class ReminderPreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    # One email a day listing everything due, instead of one email per reminder.
    daily_digest = models.BooleanField(default=False)


class ReminderSent(models.Model):
    """One row per reminder per person: the database refuses a second.

    `event_key` names the event (clock, reminder point and the date it was
    about) or the day's digest; a worker that runs twice, or restarts half way,
    finds the row and sends nothing.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event_key = models.CharField(max_length=120)
    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, null=True, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    via_digest = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_key"], name="reminder_sent_once_per_event_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.event_key} to {self.recipient_id}"


def hash_feed_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A private iCalendar address for one person. Only a hash of its token is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Calendar feed for {self.user_id}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
