"""The filed reports of a referral, for the referring authority's case system.

Only filed reports are shown (a draft or a report in QA is the hub's own work),
with their outcome and where to fetch the filed document with the same token.
"""

from datetime import date

from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema

from hub.api import selectors
from hub.api.auth import ApiTokenAuth, local_authority_token
from hub.api.errors import READ_ERRORS, ApiError, Problem
from hub.api.schemas import ErrorsOut
from hub.audit.models import AccessAction
from hub.audit.services import access_record
from hub.referrals.models import Referral
from hub.reports.models import ExportKind, Report, ReportExport
from hub.reports.selectors import filed_reports_of

router = Router(auth=ApiTokenAuth(), tags=["reports"])

_DOCUMENT_KINDS = {"docx": ExportKind.DOCX, "pdf": ExportKind.PDF}


class FiledDocumentOut(Schema):
    kind: str = Field(description="docx or pdf")
    url: str = Field(description="Fetch it with the same token.")


class FiledReportOut(Schema):
    assessment_type: str
    filed_on: date
    version: int = Field(description="The version of the report filed, approved in the hub's quality assurance.")
    recommendation: str = Field(description="positive, negative, or empty until the hub records the outcome.")
    la_changed_plan: bool | None = Field(description="Whether the local authority changed its plan; null: not known.")
    court_decision: str = Field(description="The court's decision, once known.")
    court_decided_on: date | None
    documents: list[FiledDocumentOut] = Field(description="Empty while the documents are still being made.")


def _referral(request: HttpRequest, reference: str) -> Referral:
    token = local_authority_token(request)
    referral = selectors.referral_for_token(token, reference)
    if referral is None:
        if len(reference) <= 20 and reference.isprintable():
            access_record(request=request, action=AccessAction.REFUSED, object_type="referral", object_id=reference)
        raise ApiError(404, [Problem(code="not_found", message="There is no referral of yours with that reference")])
    return referral


def _documents(request: HttpRequest, report: Report) -> list[FiledDocumentOut]:
    made = {
        e.kind
        for e in ReportExport.objects.filter(
            report=report, version=report.approved_version, kind__in=list(_DOCUMENT_KINDS.values())
        ).exclude(file="")
    }
    reference = report.assessment.referral.reference
    return [
        FiledDocumentOut(
            kind=name,
            url=request.build_absolute_uri(
                reverse("api:filed_report_document", args=[reference, report.assessment.assessment_type, name])
            ),
        )
        for name, kind in _DOCUMENT_KINDS.items()
        if kind in made
    ]


@router.get(
    "/referrals/{reference}/reports",
    response={200: list[FiledReportOut], READ_ERRORS: ErrorsOut},
    url_name="filed_reports",
    summary="The referral's filed reports: their outcome and links to the filed documents",
)
def filed_reports(request: HttpRequest, reference: str) -> list[FiledReportOut]:
    referral = _referral(request, reference)
    access_record(request=request, action=AccessAction.VIEW, object_type="report", object_id=referral.pk)
    answer = []
    for report in filed_reports_of(referral).select_related("approved_version", "assessment__referral"):
        assert report.filed_on is not None and report.approved_version is not None
        answer.append(
            FiledReportOut(
                assessment_type=report.assessment.assessment_type,
                filed_on=report.filed_on,
                version=report.approved_version.number,
                recommendation=report.recommendation,
                la_changed_plan=report.la_changed_plan,
                court_decision=report.court_decision,
                court_decided_on=report.court_decided_on,
                documents=_documents(request, report),
            )
        )
    return answer


@router.get(
    "/referrals/{reference}/reports/{assessment_type}/document.{kind}",
    response={200: None, READ_ERRORS: ErrorsOut},
    url_name="filed_report_document",
    summary="Download a filed report as Word (docx) or PDF",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The filed document",
                "content": {
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                },
            }
        }
    },
)
def filed_report_document(request: HttpRequest, reference: str, assessment_type: str, kind: str) -> FileResponse:
    referral = _referral(request, reference)
    report = filed_reports_of(referral).filter(assessment__assessment_type=assessment_type).first()
    export = (
        ReportExport.objects.filter(report=report, version=report.approved_version, kind=_DOCUMENT_KINDS[kind])
        .exclude(file="")
        .order_by("-made_at")
        .first()
        if report is not None and kind in _DOCUMENT_KINDS
        else None
    )
    if export is None:
        raise ApiError(404, [Problem(code="not_found", message="There is no filed document of that kind yet")])
    access_record(request=request, action=AccessAction.DOWNLOAD, object_type="report", object_id=referral.pk)
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=(export.file.name or "report").rsplit("/", 1)[-1]
    )
