"""Information from agencies: the requests, their answers and the letter that asks for them."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user
from hub.assessments.models import Assessment
from hub.audit.models import AccessAction
from hub.audit.services import access_record
from hub.workspace import forms, letters, rules, selectors, services
from hub.workspace.models import (
    InformationRequest,
    SharingBasis,
)
from hub.workspace.views.common import page_context, workspace_of


@login_required
def sources(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    form = forms.InformationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        information_request = services.information_request_save(
            assessment=assessment,
            actor=current_user(request),
            data={name: form.cleaned_data[name] for name in form._meta.fields or []},
        )
        messages.success(request, f"{information_request.label} added: generate the letter to send it")
        return redirect("workspace:source", assessment.pk, information_request.pk)
    context = page_context(request, assessment, rules.Section.SOURCES, form=form)
    overdue = {link["href"].rpartition("#")[2] for link in context["section_gaps"]}
    context["requests"] = [(r, f"request-{r.pk}" in overdue) for r in selectors.requests_of(assessment)]
    return render(request, "workspace/sources.html", context)


def _request_of(assessment: Assessment, request_id: int) -> InformationRequest:
    found = selectors.requests_of(assessment).filter(pk=request_id).first()
    if found is None:
        raise Http404("No such request")
    return found


@login_required
def source(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    information_request = _request_of(assessment, request_id)
    form = forms.AnswerForm(request.POST or None, instance=information_request)
    if request.method == "POST" and form.is_valid():
        services.information_request_save(
            assessment=assessment,
            actor=current_user(request),
            request=information_request,
            data={name: form.cleaned_data[name] for name in form._meta.fields or []},
        )
        messages.success(request, f"Answer from {information_request.label} saved")
        return redirect("workspace:sources", assessment.pk)
    context = page_context(request, assessment, rules.Section.SOURCES, form=form, request_record=information_request)
    return render(request, "workspace/source.html", context)


def _letter_content(assessment: Assessment, information_request: InformationRequest) -> letters.LetterContent:
    referral = assessment.referral
    children = selectors.children_of(assessment)
    adults = selectors.adults_of(assessment)
    assessor = assessment.assessor
    return letters.LetterContent(
        reference=f"{referral.reference}/{information_request.pk}",
        agency=information_request.label,
        contact_name=information_request.contact_name,
        assessment_name=assessment.get_assessment_type_display(),
        court=str(referral.court) if referral.court_id else "",
        children=[letters.Subject(child.full_name, child.date_of_birth) for child in children],
        about=information_request.about,
        address=next((adult.address for adult in adults if adult.address.strip()), "").replace("\n", ", "),
        statutory=information_request.basis == SharingBasis.STATUTORY,
        consent_given_by=information_request.consent_given_by,
        specific_information=information_request.specific_information,
        reply_by=information_request.reply_by,
        assessor_name=assessor.full_name if assessor else "the allocated assessor",
        assessor_email=assessor.email if assessor else settings.DEFAULT_FROM_EMAIL,
        # The hub is the assessor's own organisation: its name as the administrator keeps it.
        hub_name=assessor.organisation.name if assessor and assessor.organisation else settings.HUB_NAME,
        hub_address=settings.HUB_POSTAL_ADDRESS,
        hub_telephone=settings.HUB_TELEPHONE,
        written_on=timezone.localdate(),
    )


def _generate(request: HttpRequest, pk: int, request_id: int) -> tuple[Assessment, InformationRequest]:
    assessment = workspace_of(request, pk)
    information_request = _request_of(assessment, request_id)
    information_request = services.information_request_letter_generated(
        request=information_request,
        actor=current_user(request),
    )
    return assessment, information_request


@login_required
@require_POST
def letter_docx(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    """The standard letter to professionals as a Word file. A POST: making it records the request as asked."""
    assessment, information_request = _generate(request, pk, request_id)
    access_record(request=request, action=AccessAction.DOWNLOAD, object_type="workspace_letter", object_id=request_id)
    body = letters.letter_docx(_letter_content(assessment, information_request))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    filename = f"{assessment.referral.reference}-request-{information_request.agency}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def letter_print(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    """The same letter as a printable page."""
    assessment = workspace_of(request, pk)
    information_request = _request_of(assessment, request_id)
    content = _letter_content(assessment, information_request)
    context = {
        "assessment": assessment,
        "request_record": information_request,
        "content": content,
        "paragraphs": letters.letter_paragraphs(content),
    }
    return render(request, "workspace/letter_print.html", context)
