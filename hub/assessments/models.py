"""An assessment the hub carries out: one per type requested in an accepted referral."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.referrals.models import AssessmentType, Referral


class AssessmentStatus(models.TextChoices):
    AWAITING_ALLOCATION = "awaiting_allocation", "Awaiting allocation"
    IN_PROGRESS = "in_progress", "In progress"
    IN_QA = "in_qa", "In quality assurance"
    FILED = "filed", "Filed"


class Assessment(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="assessments")
    assessment_type = models.CharField(max_length=32, choices=AssessmentType.choices)
    status = models.CharField(
        max_length=32, choices=AssessmentStatus.choices, default=AssessmentStatus.AWAITING_ALLOCATION, db_index=True
    )
    # The hub's clock: the moment the complete LOI and bundle were received.
    clock_started_at = models.DateTimeField()
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["clock_started_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "assessment_type"], name="one_assessment_per_type_per_referral")
        ]

    def __str__(self) -> str:
        return f"{self.referral.reference}: {self.get_assessment_type_display()}"
