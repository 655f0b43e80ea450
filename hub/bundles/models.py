"""A court bundle read page by page: its pages, how far the reading got, and the dated events found in it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.referrals.models import BundleDocument, Referral


class IngestionStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    RUNNING = "running", "Being read"
    COMPLETE = "complete", "Read"
    FAILED = "failed", "Could not be read"


class IngestionProblem(models.TextChoices):
    """Why a reading stopped or what it could not do: the status page says it in words."""

    NONE = "", "None"
    DAMAGED = "damaged", "The file is damaged"
    ENCRYPTED = "encrypted", "The file is protected by a password"
    TOO_LARGE = "too_large", "The file has more pages than the hub reads"
    INTERRUPTED = "interrupted", "The reading stopped part-way"
    MISSING = "missing", "The stored file is missing"


class OcrStatus(models.TextChoices):
    NOT_NEEDED = "", "Not needed"
    OFFERED = "offered", "Offered"
    QUEUED = "queued", "Waiting to be read"
    RUNNING = "running", "Being read"
    COMPLETE = "complete", "Read"
    FAILED = "failed", "Could not be read"


class BundleIngestion(models.Model):
    """One bundle file's reading: progress, the lease of the worker doing it, and what went wrong.

    Pages are written as they are read, so a reading that stops part-way keeps what
    it did; `status` only becomes COMPLETE once every page is stored and mined, so a
    half-read bundle never looks finished.
    """

    document = models.OneToOneField(BundleDocument, on_delete=models.CASCADE, related_name="ingestion")
    status = models.CharField(max_length=10, choices=IngestionStatus.choices, default=IngestionStatus.QUEUED)
    problem = models.CharField(max_length=12, choices=IngestionProblem.choices, blank=True, default="")
    detail = models.CharField(max_length=300, blank=True)
    pages_total = models.PositiveIntegerField(default=0)
    pages_done = models.PositiveIntegerField(default=0)
    scanned_pages = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    # The worker holding the reading renews its heartbeat after every batch of pages;
    # a RUNNING reading whose heartbeat is old was left by a worker that died.
    lease = models.CharField(max_length=60, blank=True, help_text="host:pid:random of the worker reading it")
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    ocr_status = models.CharField(max_length=10, choices=OcrStatus.choices, blank=True, default="")
    ocr_pages_done = models.PositiveIntegerField(default=0)
    ocr_pages_total = models.PositiveIntegerField(default=0)
    ocr_heartbeat_at = models.DateTimeField(null=True, blank=True)
    ocr_detail = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.document}: {self.get_status_display()}"


class BundlePage(models.Model):
    """One page's text, with the court's own number for it (its label, such as C23)."""

    document = models.ForeignKey(BundleDocument, on_delete=models.CASCADE, related_name="bundle_pages")
    # Kept here too so a case's search narrows by one column (and, on SQLite, inside the index).
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField(help_text="Page number in the PDF file, from 1")
    label = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    scanned = models.BooleanField(default=False, help_text="No text layer: a scanned image")
    from_ocr = models.BooleanField(default=False)
    # The dated events the miner found on this page, written with the page so a resumed
    # reading never mines a page twice nor misses one.
    mined = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="bundle_page_once")]
        indexes = [models.Index(fields=["referral", "document", "number"])]

    def __str__(self) -> str:
        return f"{self.document} {self.label}"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "To review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class ChronologySuggestion(models.Model):
    """A dated event found in a referral's bundle, waiting for the assessor to accept, edit or reject it."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="chronology_suggestions")
    sentence = models.TextField()
    # ISO text as the miner gives it: "2023-03-12", "2020-09" or "2020". Sorting the text
    # puts "2020" before "2020-09" before "2020-09-05", each at the start of its period.
    date = models.CharField(max_length=10)
    precision = models.CharField(max_length=5)
    end_date = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=8, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The workspace entry an accepted suggestion became (kept if that entry is later removed).
    chronology_entry = models.ForeignKey(
        "workspace.ChronologyEntry", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["referral", "status", "date"])]

    def __str__(self) -> str:
        return f"{self.date}: {self.sentence[:60]}"


class SuggestionCitation(models.Model):
    """Where in the bundle a suggestion was found; a merged suggestion has one per bundle page."""

    suggestion = models.ForeignKey(ChronologySuggestion, on_delete=models.CASCADE, related_name="citations")
    page = models.ForeignKey(BundlePage, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["page__document_id", "page__number"]
        constraints = [models.UniqueConstraint(fields=["suggestion", "page"], name="suggestion_cites_page_once")]

    def __str__(self) -> str:
        return f"{self.suggestion_id} at page {self.page_id}"
