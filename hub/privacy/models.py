"""What the hub keeps to look after personal data: corrections, retention and legal holds.

Nothing here deletes anything by itself. Retention only ever flags a record for a
person to review; a legal hold stops even a person from deleting it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PersonalDataCorrection(models.Model):
    """One correction of one field: the value before, the value after, who, when and why.

    The previous version is kept here rather than in the record itself, so the
    record stays simple and every correction of every kind of record is in one place.
    """

    model_label = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    field_name = models.CharField(max_length=100)
    # Values are kept as their JSON form so dates, numbers and text all round-trip.
    old_value = models.JSONField(null=True)
    new_value = models.JSONField(null=True)
    reason = models.TextField()
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["corrected_at", "id"]
        indexes = [models.Index(fields=["model_label", "object_id"])]

    def __str__(self) -> str:
        return f"{self.model_label} {self.object_id}.{self.field_name} corrected at {self.corrected_at:%Y-%m-%d %H:%M}"


class RetentionPolicy(models.Model):
    """How long one kind of record is kept, and why: data, so it can change without a release."""

    record_kind = models.SlugField(max_length=50, unique=True)
    description = models.CharField(max_length=300)
    retain_for_days = models.PositiveIntegerField()
    # The date the period counts from, in words, for the people who review it.
    counted_from = models.CharField(max_length=200)
    basis = models.CharField(max_length=500, help_text="The legal or policy basis for the period")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["record_kind"]
        verbose_name_plural = "retention policies"

    def __str__(self) -> str:
        return f"{self.record_kind}: {self.retain_for_days} days"


class RetentionReviewOutcome(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    KEEP = "keep", "Keep for now"
    DELETED = "deleted", "Deleted"


class RetentionReview(models.Model):
    """A record past its retention date, flagged for a person to review. Never acted on automatically."""

    record_kind = models.SlugField(max_length=50)
    object_id = models.CharField(max_length=64)
    label = models.CharField(max_length=200, help_text="A reference, never a name")
    due_on = models.DateField()
    flagged_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(
        max_length=16, choices=RetentionReviewOutcome.choices, default=RetentionReviewOutcome.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["record_kind", "object_id"], name="one_retention_review_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.record_kind} {self.label} due {self.due_on}"


class LegalHold(models.Model):
    """A hold (litigation, a complaint, an inquiry) that stops a record being deleted."""

    record_kind = models.SlugField(max_length=50)
    object_id = models.CharField(max_length=64)
    reason = models.TextField()
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at"]
        indexes = [models.Index(fields=["record_kind", "object_id"])]

    def __str__(self) -> str:
        return f"Hold on {self.record_kind} {self.object_id}"

    @property
    def is_active(self) -> bool:
        return self.released_at is None
