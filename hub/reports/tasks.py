"""Background work for reports, run by the database task worker."""

import importlib
from typing import Any

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from hub.reports.models import ExportKind, ReportExport
from hub.reports.statement import statement_for

_SUFFIX = {ExportKind.DOCX: "docx", ExportKind.PDF: "pdf", ExportKind.OUTCOME_LETTER: "docx"}
# The function in hub.reports.documents that renders each kind.
_RENDERER = {
    ExportKind.DOCX: "render_docx",
    ExportKind.PDF: "render_pdf",
    ExportKind.OUTCOME_LETTER: "render_outcome_letter",
}


def _documents() -> Any:
    # INTEGRATION POINT: hub/reports/documents.py (docxtpl and WeasyPrint) is written
    # separately. Until it is merged, an export is kept with the reason it was not made.
    try:
        return importlib.import_module("hub.reports.documents")
    except ModuleNotFoundError:
        return None


@task()
def report_export_make(*, export_id: int) -> str:
    """Make one document from one version of a report and keep it with the report."""
    export = ReportExport.objects.select_related("report__assessment__referral", "version").get(pk=export_id)
    if export.made_at is not None:
        return "already made"
    documents = _documents()
    render = getattr(documents, _RENDERER[ExportKind(export.kind)], None) if documents else None
    if render is None:
        export.error = "Document export is not installed yet"
        export.save(update_fields=["error"])
        return export.error
    # The renderer takes the statement data (adapted to its CourtStatement when documents.py lands).
    content: bytes = render(statement_for(export.report, export.version))
    reference = export.report.assessment.referral.reference
    suffix = _SUFFIX[ExportKind(export.kind)]
    name = f"{reference}-{export.kind}-v{export.version.number}.{suffix}"
    export.file.save(name, ContentFile(content), save=False)
    export.made_at = timezone.now()
    export.error = ""
    export.save(update_fields=["file", "made_at", "error"])
    return name
