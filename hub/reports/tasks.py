"""Background work for reports, run by the database task worker."""

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from hub.reports import documents, statement
from hub.reports.models import ExportKind, ReportExport, ReportTemplate

_SUFFIX = {ExportKind.DOCX: "docx", ExportKind.PDF: "pdf", ExportKind.OUTCOME_LETTER: "docx"}


def render(export: ReportExport) -> bytes:
    """The document's bytes: the court statement as Word or PDF, or the outcome letter as Word."""
    report, version = export.report, export.version
    if export.kind == ExportKind.OUTCOME_LETTER:
        return documents.render_outcome_letter_docx(statement.outcome_letter_for(report, version))
    court_statement = statement.court_statement_for(report, version)
    if export.kind == ExportKind.PDF:
        return documents.render_pdf(court_statement)
    template = ReportTemplate.objects.filter(assessment_type=report.assessment.assessment_type).first()
    return documents.render_docx(court_statement, template.word_template_bytes() if template else None)


@task()
def report_export_make(*, export_id: int) -> str:
    """Make one document from one version of a report and keep it with the report."""
    export = ReportExport.objects.select_related("report__assessment__referral", "version").get(pk=export_id)
    if export.made_at is not None:
        return "already made"
    try:
        content = render(export)
    except documents.DocumentTemplateError as problem:
        # A replacement Word template an administrator uploaded cannot be used: say so on the page.
        export.error = str(problem)[:500]
        export.save(update_fields=["error"])
        return export.error
    reference = export.report.assessment.referral.reference
    suffix = _SUFFIX[ExportKind(export.kind)]
    name = f"{reference}-{export.kind}-v{export.version.number}.{suffix}"
    export.file.save(name, ContentFile(content), save=False)
    export.made_at = timezone.now()
    export.error = ""
    export.save(update_fields=["file", "made_at", "error"])
    return name
