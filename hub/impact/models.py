"""What the impact dashboard keeps of its own: the hub's records from before the system.

An imported referral is an ordinary referral (with its assessments, clocks, pauses
and filed reports made through the same rules), so every figure counts it exactly as
a live one. What marks it as imported is its row here: the file and line it came
from, and the facts the live records keep elsewhere (the day it was allocated to an
assessor who may no longer be on the system).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.referrals.models import Referral


class HistoryImport(models.Model):
    """One file loaded by `manage.py import_history`: all its rows, or none."""

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.rows} rows)"


class ImportedReferral(models.Model):
    """Marks a referral as loaded from the hub's earlier records, and where from."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="imported_from")
    history_import = models.ForeignKey(HistoryImport, on_delete=models.PROTECT, related_name="referrals")
    line = models.PositiveIntegerField()
    # The external reference in the spreadsheet (the hub's own number for the case).
    source_reference = models.CharField(max_length=60)
    allocated_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["history_import", "line"]
        constraints = [
            models.UniqueConstraint(fields=["source_reference"], name="imported_referral_source_reference_once")
        ]

    def __str__(self) -> str:
        return f"{self.source_reference} (line {self.line})"
