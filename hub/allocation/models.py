"""What the hub knows about its assessors beyond their home authority and their
maximum and secondment (those are on accounts.AssessorProfile), the weights of the soft
preferences, and the history of every allocation and reallocation.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from hub.accounts.models import AssessorProfile, Organisation, OrganisationKind
from hub.allocation import rules


class Skill(models.Model):
    """Training or a skill an assessor may hold. An administrator adds to the list."""

    code = models.SlugField(
        max_length=50, unique=True, help_text="Used by the matching rules, for example parentassess"
    )
    name = models.CharField(max_length=100, unique=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AssessorDetails(models.Model):
    """Training, languages and travel of one assessor: what the matching prefers.

    The secondment itself (where from, when) is on accounts.AssessorProfile."""

    profile = models.OneToOneField(AssessorProfile, on_delete=models.CASCADE, related_name="details")
    skills = models.ManyToManyField(Skill, blank=True, related_name="assessors")
    languages = models.CharField(
        max_length=300, blank=True, help_text="Languages spoken besides English, separated by commas"
    )
    travel_areas = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="travelling_assessors",
        limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY},
        help_text="The local authorities the assessor can travel to",
    )
    works_part_time = models.BooleanField(default=False, help_text="Lower the maximum to match the hours worked")

    class Meta:
        verbose_name_plural = "assessor details"

    def __str__(self) -> str:
        return f"Details of {self.profile.user}"

    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]


class LeaveKind(models.TextChoices):
    ANNUAL_LEAVE = "leave", "Annual leave"
    SICKNESS = "sickness", "Sickness absence"
    TRAINING = "training", "Training"
    OTHER = "other", "Other absence"


class LeavePeriod(models.Model):
    profile = models.ForeignKey(AssessorProfile, on_delete=models.CASCADE, related_name="leave_periods")
    kind = models.CharField(max_length=16, choices=LeaveKind.choices, default=LeaveKind.ANNUAL_LEAVE)
    starts = models.DateField()
    ends = models.DateField(help_text="The last day of the absence")

    class Meta:
        ordering = ["starts"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends__gte=models.F("starts")), name="leave_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts} to {self.ends}"


def _weight(default: float, help_text: str) -> models.FloatField:
    return models.FloatField(default=default, validators=[MinValueValidator(0.0)], help_text=help_text)


_DEFAULTS = rules.Weights()


class MatchingWeights(models.Model):
    """How much each soft preference counts. One row, tuned by an administrator."""

    training = _weight(_DEFAULTS.training, "Holding the training the assessment type needs")
    language = _weight(_DEFAULTS.language, "Speaking the family's language")
    travel = _weight(_DEFAULTS.travel, "Travelling to the referring authority")
    continuity = _weight(_DEFAULTS.continuity, "An addendum going back to the writer of the original report")
    workload = _weight(_DEFAULTS.workload, "A lighter caseload")
    deadline = _weight(_DEFAULTS.deadline, "Allocating the earliest deadlines first")
    leave = _weight(_DEFAULTS.leave, "Penalty for leave between now and the deadline")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "matching weights"
        verbose_name_plural = "matching weights"

    def __str__(self) -> str:
        return "Matching weights"

    def as_rules(self) -> rules.Weights:
        return rules.Weights(
            training=self.training,
            language=self.language,
            travel=self.travel,
            continuity=self.continuity,
            workload=self.workload,
            deadline=self.deadline,
            leave=self.leave,
        )


class AllocationKind(models.TextChoices):
    ALLOCATED = "allocated", "Allocated"
    REALLOCATED = "reallocated", "Reallocated"


class AllocationRecord(models.Model):
    """One allocation decision, kept for good: who, to whom, when and why."""

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.PROTECT, related_name="allocations")
    kind = models.CharField(max_length=16, choices=AllocationKind.choices)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    previous_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    # Why the manager chose someone other than the best match, or why the case moved.
    reason = models.TextField(blank=True)
    from_batch = models.BooleanField(default=False)
    # The assessor's place in the ranking when chosen (1 is the best match) and their score.
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    # The reasons the manager was shown, kept as they read them.
    match_reasons = models.TextField(blank=True)
    # The deadline at the time: a reallocation never moves it.
    deadline = models.DateField()

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.assessment} {self.kind} to {self.assessor} at {self.decided_at:%Y-%m-%d %H:%M}"
