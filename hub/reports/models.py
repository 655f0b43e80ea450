"""Reports: the template per assessment type, each assessment's report, every saved
version of it, the quality-assurance rounds, the filing and the outcome.

A version is never changed once saved: the QA comments, the comparison between
versions and the filed document all point at a version.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from hub.assessments.models import Assessment
from hub.referrals.models import AssessmentType
from hub.reports import documents
from hub.reports.rules import Kind

SECTION_KEYS = ("key", "heading", "guidance", "kind")


def validate_sections(value: Any) -> None:
    """A template's sections: a list of {key, heading, guidance, kind[, prefill]}, keys unique."""
    if not isinstance(value, list) or not value:
        raise ValidationError("Give the sections as a list")
    seen: set[str] = set()
    kinds = {k.value for k in Kind}
    for number, section in enumerate(value, start=1):
        if not isinstance(section, dict) or any(not isinstance(section.get(k), str) for k in SECTION_KEYS):
            raise ValidationError(f"Section {number} needs a key, a heading, guidance and a kind, each as text")
        if not section["key"] or section["key"] in seen:
            raise ValidationError(f"Section {number}: each section needs its own key")
        if section["kind"] not in kinds:
            raise ValidationError(f"Section {number}: the kind must be one of {', '.join(sorted(kinds))}")
        seen.add(section["key"])


class ReportTemplate(models.Model):
    """The sections a report of one assessment type has; administrators edit them."""

    assessment_type = models.CharField(max_length=32, choices=AssessmentType.choices, unique=True)
    name = models.CharField(max_length=200)
    note = models.CharField(max_length=500, blank=True, help_text="Where the sections come from")
    sections = models.JSONField(
        validators=[validate_sections],
        help_text='A list of {"key", "heading", "guidance", "kind"} (and optionally "prefill"); keep keys stable.',
    )
    # The court statement's Word layout for this type: empty for the hub's own
    # (hub/reports/templates_docx/court_statement.docx). Checked before it is kept.
    word_template = models.FileField(
        upload_to="report-templates/",
        blank=True,
        help_text="A replacement Word (.docx) court statement made with docxtpl fields (see "
        "hub/reports/make_default_template.py for the fields); leave empty for the hub's own.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment_type"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # A Word template that would fail at filing is refused now, with what to fix.
        if self.word_template:
            self.word_template.open("rb")
            problems = documents.docx_template_problems(self.word_template.read(), kind="statement")
            self.word_template.seek(0)
            if problems:
                raise ValidationError({"word_template": problems})

    def word_template_bytes(self) -> bytes | None:
        if not self.word_template:
            return None
        with self.word_template.open("rb") as stored:
            return stored.read()


class ReportState(models.TextChoices):
    DRAFTING = "drafting", "Drafting"
    IN_QA = "in_qa", "In quality assurance"
    RETURNED = "returned", "Returned for amendment"
    APPROVED = "approved", "Approved"
    FILED = "filed", "Filed"


class Recommendation(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEGATIVE = "negative", "Negative"


class Report(models.Model):
    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="report")
    # The sections as they were when the report started: a later change to the template
    # does not reshuffle a report half written.
    sections = models.JSONField()
    template_name = models.CharField(max_length=200)
    state = models.CharField(max_length=16, choices=ReportState.choices, default=ReportState.DRAFTING, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The current QA round: counted and dated here so the queue sorts without a join.
    qa_rounds = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_version = models.ForeignKey(
        "ReportVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Filing.
    filed_on = models.DateField(null=True, blank=True)
    shared_with = models.TextField(blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_at = models.DateTimeField(null=True, blank=True)
    # The outcome, recorded after filing (the court's decision often much later).
    recommendation = models.CharField(max_length=16, choices=Recommendation.choices, blank=True)
    la_changed_plan = models.BooleanField(null=True, blank=True)
    court_decision = models.TextField(blank=True)
    court_decided_on = models.DateField(null=True, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    # An addendum's report starts from the report it follows.
    follows = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="addenda")
    addendum_questions = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "submitted_at"])]

    def __str__(self) -> str:
        return f"Report for {self.assessment}"

    @property
    def is_editable(self) -> bool:
        return self.state in (ReportState.DRAFTING, ReportState.RETURNED)


class ReportVersion(models.Model):
    """One saved state of the whole report. Only ever added to."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # {section key: text}
    texts = models.JSONField(default=dict)
    # {question key: answer}; keys "q<id>" for the referral's questions, "a<n>" for an addendum's.
    answers = models.JSONField(default=dict)
    # {section key: {"origin": "workspace" | "filed_report" | "assessor", "detail": "...", "text": "what was put in"}}
    provenance = models.JSONField(default=dict)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_report_version_number")]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.report}"


class QADecision(models.TextChoices):
    RETURNED = "returned", "Returned for amendment"
    APPROVED = "approved", "Approved"


class QARound(models.Model):
    """One submission to QA and the manager's decision on it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="qa_round_set")
    number = models.PositiveSmallIntegerField()
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    # [{"check": code, "title": "...", "problems": ["..."], "reason": "why submitted anyway"}]
    overridden_checks = models.JSONField(default=list, blank=True)
    decision = models.CharField(max_length=16, choices=QADecision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # {feature code: true/false}: the features of a high-quality assessment the report shows.
    checklist = models.JSONField(default=dict, blank=True)
    # {section key or question key: comment}
    comments = models.JSONField(default=dict, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_qa_round_number")]

    def __str__(self) -> str:
        return f"QA round {self.number} of {self.report}"

    @property
    def days_taken(self) -> int | None:
        if self.decided_at is None:
            return None
        return (timezone.localdate(self.decided_at) - timezone.localdate(self.submitted_at)).days


class ExportKind(models.TextChoices):
    DOCX = "docx", "Word (.docx)"
    PDF = "pdf", "PDF"
    OUTCOME_LETTER = "outcome_letter", "Outcome letter to the family"


def _export_path(instance: "ReportExport", filename: str) -> str:
    return f"reports/{instance.report_id}/{filename}"


class ReportExport(models.Model):
    """A document made from one version of a report by the background worker."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="exports")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=ExportKind.choices)
    file = models.FileField(upload_to=_export_path, max_length=300, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    made_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.report}, version {self.version.number}"
