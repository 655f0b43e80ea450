"""The referral endpoints. Thin: authenticate, read the request, call a service, answer.

Reading the multipart body is done here rather than by ninja's Form and File
parameters so that the answers come in the order a case system can act on: a
file too large (413) before a letter that does not parse (400) before a letter
that does not validate (422) before a file that is not a PDF (415).
"""

import json
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import ValidationError as PydanticValidationError

from hub.api import selectors, services
from hub.api.auth import ApiTokenAuth, local_authority_token
from hub.api.errors import READ_ERRORS, SUBMIT_ERRORS, ApiError, Problem, field_path
from hub.api.schemas import (
    AssessmentOut,
    ErrorsOut,
    LetterIn,
    ReferralCreatedOut,
    ReferralOut,
    ReferralSummaryOut,
    ThreadMessageOut,
)
from hub.audit.models import AccessAction
from hub.audit.services import access_record
from hub.core.uploads import oversized_uploads
from hub.referrals import rules
from hub.referrals.models import Referral, ReferralStatus
from hub.referrals.pdfcheck import size_label
from hub.referrals.services import ReferralIncomplete

router = Router(auth=ApiTokenAuth(), tags=["referrals"])

# Where each gap is fixed in the letter. Most pages of the online form are one
# field of the JSON letter; the court and timetable pages hold several, so their
# gaps are told apart by what they ask for (first match wins: keep the longer
# wording first). A wording not listed falls back to its page's field.
_GAP_FIELDS: dict[rules.Step, str] = {
    rules.Step.COURT: "letter.court",
    rules.Step.TIMETABLE: "letter.filing_date",
    rules.Step.CHILDREN: "letter.children",
    rules.Step.ADULTS: "letter.adults",
    rules.Step.ASSESSMENT: "letter.assessment_types",
    rules.Step.QUESTIONS: "letter.questions",
    rules.Step.BACKGROUND: "letter.family_background",
    rules.Step.READING: "letter.reading_list",
    rules.Step.CONTACTS: "letter.contacts",
    rules.Step.BUNDLE: "bundle",
}
_GAP_FIELDS_BY_WORDING: dict[str, str] = {
    "case number": "letter.case_number",
    "judge's name": "letter.judge",
    "order giving permission": "letter.permission_order_date",
    "eligibility criteria": "letter.eligibility_agreed_by_judge",
    "proceedings were issued": "letter.proceedings_issued_on",
    "issues resolution hearing": "letter.irh_date",
    "other reason for referral": "letter.referral_reason_detail",
    "reason for referral": "letter.referral_reason",
}

_MULTIPART_SCHEMA: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["letter", "bundle"],
                    "properties": {
                        "letter": {"$ref": "#/components/schemas/LetterIn"},
                        "bundle": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "The court bundle: one or more PDFs, not password-protected.",
                        },
                    },
                },
                # The letter is one JSON document, sent as a form field or a file part.
                "encoding": {
                    "letter": {"contentType": "application/json"},
                    "bundle": {"contentType": "application/pdf"},
                },
            }
        },
    }
}


def _limit() -> str:
    return size_label(settings.BUNDLE_MAX_BYTES)


def _letter_text(request: HttpRequest) -> str:
    if "letter" in request.FILES:
        part = request.FILES.getlist("letter")[0]
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440
        if (part.size or 0) > limit:
            raise ApiError(413, [Problem(code="too_large", field="letter", message="The letter is too large")])
        try:
            return part.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(
                400, [Problem(code="malformed_json", field="letter", message="The letter must be UTF-8 JSON")]
            ) from None
    if "letter" in request.POST:
        return request.POST["letter"]
    raise ApiError(
        422,
        [
            Problem(
                code="missing", field="letter", message="Send the Letter of Instruction as JSON in the 'letter' field"
            )
        ],
    )


def _letter_parsed(text: str) -> LetterIn:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ApiError(
            400,
            [
                Problem(
                    code="malformed_json",
                    field="letter",
                    message=f"The letter is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
                )
            ],
        ) from None
    except RecursionError:
        raise ApiError(
            400, [Problem(code="malformed_json", field="letter", message="The letter is nested too deeply")]
        ) from None
    if not isinstance(data, dict):
        raise ApiError(422, [Problem(code="not_an_object", field="letter", message="The letter must be a JSON object")])
    try:
        return LetterIn.model_validate(data)
    except PydanticValidationError as invalid:
        raise ApiError(
            422,
            [
                Problem(code=error["type"], field=field_path(error["loc"], root="letter"), message=error["msg"])
                for error in invalid.errors(include_url=False, include_input=False)
            ],
        ) from None


def _bundle_files(request: HttpRequest) -> list[UploadedFile]:
    uploads: list[UploadedFile] = request.FILES.getlist("bundle")
    problems = []
    for index, upload in enumerate(uploads):
        # Judged by content, not by name or declared type; pdfcheck looks closer later.
        upload.seek(0)
        head = upload.read(1024)
        upload.seek(0)
        if head and b"%PDF-" not in head:
            problems.append(Problem(code="not_a_pdf", field=f"bundle[{index}]", message=f"{upload.name} must be a PDF"))
    if problems:
        raise ApiError(415, problems)
    return uploads


def _submission(request: HttpRequest) -> tuple[LetterIn, list[UploadedFile]]:
    if request.content_type != "multipart/form-data":
        raise ApiError(
            415,
            [
                Problem(
                    code="unsupported_media_type",
                    message="Send multipart/form-data with a 'letter' JSON field and one or more 'bundle' PDF files",
                )
            ],
        )
    files = request.FILES  # the body is read here; the size limit is applied as it arrives
    too_large = oversized_uploads(request)
    if too_large:
        raise ApiError(
            413,
            [
                Problem(
                    code="too_large",
                    field="bundle",
                    message=f"{name} is too large: each file must be smaller than {_limit()}",
                )
                for name in too_large
            ],
        )
    problems = [
        Problem(code="not_a_file", field=name, message="Send the bundle as files, not as text")
        if name == "bundle"
        else Problem(code="unexpected_field", field=name, message="Only 'letter' and 'bundle' are expected")
        for name in [*(n for n in request.POST if n != "letter"), *(n for n in files if n not in {"letter", "bundle"})]
    ]
    if problems:
        raise ApiError(422, problems)
    letter = _letter_parsed(_letter_text(request))
    return letter, _bundle_files(request)


def _gap_problem(gap: rules.Gap) -> Problem:
    wording = gap.message.lower()
    field = next((f for words, f in _GAP_FIELDS_BY_WORDING.items() if words in wording), _GAP_FIELDS[gap.step])
    return Problem(code=f"incomplete_{gap.step.value}", field=field, message=gap.message)


def _referral_url(request: HttpRequest, reference: str) -> str:
    return request.build_absolute_uri(reverse("api:referral_detail", kwargs={"reference": reference}))


@router.post(
    "/referrals",
    response={201: ReferralCreatedOut, SUBMIT_ERRORS: ErrorsOut},
    url_name="referral_create",
    summary="Submit a referral: the Letter of Instruction and the court bundle",
    description=(
        "Multipart form data: `letter`, the whole Letter of Instruction as one JSON document (a field or a file "
        "part), and `bundle`, one or more PDF files. The referral is received and the hub's clock started only if "
        "the letter is complete and every file is a readable PDF; otherwise nothing is stored and every problem "
        "is listed. 413: a file is too large; 415: a file is not a PDF; 422: the letter is invalid or incomplete, "
        "or a PDF is protected or damaged."
    ),
    openapi_extra=_MULTIPART_SCHEMA,
)
def referral_create(request: HttpRequest, response: HttpResponse) -> Status[ReferralCreatedOut]:
    token = local_authority_token(request)
    letter, uploads = _submission(request)
    try:
        referral = services.referral_receive(actor=token.acting_user, letter=letter, uploads=uploads)
    except services.LetterInvalid as invalid:
        raise ApiError(422, invalid.problems) from None
    except services.BundleFileRejected as rejected:
        if rejected.try_later:
            problem = Problem(code="check_unavailable", field=f"bundle[{rejected.index}]", message=str(rejected))
            raise ApiError(503, [problem], headers={"Retry-After": "300"}) from None
        raise ApiError(
            422, [Problem(code="bundle_rejected", field=f"bundle[{rejected.index}]", message=str(rejected))]
        ) from None
    except ReferralIncomplete as incomplete:
        raise ApiError(422, [_gap_problem(gap) for gap in incomplete.gaps]) from None
    assert referral.received_at is not None
    url = _referral_url(request, referral.reference)
    response["Location"] = url
    return Status(
        201,
        ReferralCreatedOut(
            reference=referral.reference, status=referral.status, received_at=referral.received_at, url=url
        ),
    )


@router.get(
    "/referrals/{reference}",
    response={200: ReferralOut, READ_ERRORS: ErrorsOut},
    url_name="referral_detail",
    summary="Read a referral's progress: its status, the assessments made and the query thread",
)
def referral_detail(request: HttpRequest, reference: str) -> ReferralOut:
    token = local_authority_token(request)
    referral = selectors.referral_for_token(token, reference)
    if referral is None:
        if len(reference) <= 20 and reference.isprintable():
            # Another authority's referral looks exactly like one that does not exist.
            access_record(request=request, action=AccessAction.REFUSED, object_type="referral", object_id=reference)
        raise ApiError(404, [Problem(code="not_found", message="There is no referral of yours with that reference")])
    access_record(request=request, action=AccessAction.VIEW, object_type="referral", object_id=referral.pk)
    return ReferralOut(
        reference=referral.reference,
        status=referral.status,
        status_label=ReferralStatus(referral.status).label,
        case_number=referral.case_number,
        assessment_types=list(referral.assessment_types),
        received_at=referral.received_at,
        decided_at=referral.decided_at,
        decline_reason=referral.decline_reason,
        assessments=[
            AssessmentOut(assessment_type=a.assessment_type, status=a.status) for a in referral.assessments.all()
        ],
        thread=[ThreadMessageOut(kind=e.kind, at=e.at, message=e.message) for e in referral.events.all()],
        url=_referral_url(request, referral.reference),
    )


class ReferralPages(PageNumberPagination):
    class Input(Schema):
        # Bounded so that no page number turns into an offset the database cannot hold.
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100)


class ReferralListOut(ReferralSummaryOut):
    @staticmethod
    def resolve_url(obj: Referral, context: dict[str, Any]) -> str:
        return _referral_url(context["request"], obj.reference)


@router.get(
    "/referrals",
    response={200: list[ReferralListOut], READ_ERRORS: ErrorsOut},
    url_name="referral_list",
    summary="List your authority's referrals, newest first",
)
@paginate(ReferralPages, page_size=25, max_page_size=100)
def referral_list(request: HttpRequest, status: ReferralStatus | None = None) -> QuerySet[Referral]:
    token = local_authority_token(request)
    referrals = selectors.referrals_for_token(token)
    if status is not None:
        referrals = referrals.filter(status=status)
    access_record(request=request, action=AccessAction.SEARCH, object_type="referral", object_id="")
    return referrals
