"""What every workspace page shares: who may see it, the page around a section, and the autosave answer."""

from collections.abc import Callable
from typing import Any, Protocol

from django.contrib import messages
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hub.accounts.access import current_user
from hub.accounts.models import Role, User
from hub.assessments.models import Assessment
from hub.audit.services import visible_or_404
from hub.core.forms import GovukModelForm
from hub.workspace import rules, selectors


def workspace_of(request: HttpRequest, pk: int) -> Assessment:
    """The assessment, if this person may see its workspace; a 404 otherwise, logged either way."""
    return visible_or_404(
        request, selectors.workspaces_visible_to(current_user(request)), pk=pk, object_type="workspace"
    )


def is_autosave(request: HttpRequest) -> bool:
    return request.headers.get("X-Autosave") == "1"


def autosaved(form: Any) -> JsonResponse:
    if form.is_valid():
        return JsonResponse({"saved": True, "at": timezone.localtime().strftime("%H:%M:%S")})
    return JsonResponse(
        {"saved": False, "errors": {k: [str(e) for e in v] for k, v in form.errors.items()}}, status=400
    )


def page_context(request: HttpRequest, assessment: Assessment, section: rules.Section | None, **extra: Any) -> dict:
    # Accepting a referral files it with its family (and migration 0002 filed those from
    # before), so looking at a workspace never has to write one.
    family = selectors.family_of(assessment)
    if family is None:
        raise Http404("This assessment's referral has not been accepted")
    gaps = rules.workspace_gaps(selectors.workspace_facts(assessment))
    gap_links = [
        {
            "message": gap.message,
            "section": gap.section,
            "section_title": rules.SECTION_TITLES[gap.section],
            "href": section_url(assessment, gap.section) + (f"#{gap.anchor}" if gap.anchor else ""),
        }
        for gap in gaps
    ]
    return {
        "assessment": assessment,
        "referral": assessment.referral,
        "family": family,
        "section": section,
        "section_title": rules.SECTION_TITLES[section] if section else "Overview",
        "sections": [{"slug": s.value, "title": rules.SECTION_TITLES[s]} for s in rules.Section],
        "gaps": gaps,
        "gap_links": gap_links,
        "section_gaps": [link for link in gap_links if link["section"] == section],
        "is_manager": current_user(request).role == Role.SERVICE_MANAGER,
        **extra,
    }


def section_url(assessment: Assessment, section: rules.Section) -> str:
    return reverse(f"workspace:{section.value}", args=[assessment.pk])


def save_form_page(
    request: HttpRequest,
    assessment: Assessment,
    section: rules.Section,
    form: Any,
    save: Any,
    heading: str,
    back: str,
    success: str,
    back_url: str | None = None,
    back_label: str = "",
    template: str = "workspace/record_form.html",
) -> HttpResponse:
    """One form on one page, saved as a draft by the autosave script or by the button.

    `back` is where a save goes; `back_url` (default `back`) is where the Back links go,
    which differ when the form is the section itself and a save stays on it.
    """
    if request.method == "POST":
        if form.is_valid():
            save(form)
        if is_autosave(request):
            return autosaved(form)
        if form.is_valid():
            messages.success(request, success)
            return redirect(back)
    context = page_context(
        request,
        assessment,
        section,
        form=form,
        heading=heading,
        back_url=back_url or back,
        back_label=back_label or rules.SECTION_TITLES[section].lower(),
    )
    return render(request, template, context)


class Person(Protocol):
    @property
    def full_name(self) -> str: ...


def record_page[P: Person](
    request: HttpRequest,
    pk: int,
    person_id: int,
    *,
    section: rules.Section,
    load: Callable[[Assessment, int], tuple[P, Model | None]],
    form_class: type[GovukModelForm],
    save: Callable[[Assessment, User, P, dict[str, Any]], object],
    heading: str,
    success: str,
    template: str = "workspace/record_form.html",
) -> HttpResponse:
    """A person's record in one section (a child's record, an adult's views, an adult's capacity to change).

    `load` finds the person and their record in this assessment (a 404 if the person is not
    in it), `save` is the service that writes the record, and `heading` and `success` say
    `{name}` where the person's name goes. A save goes back to the section.
    """
    assessment = workspace_of(request, pk)
    person, record = load(assessment, person_id)
    form = form_class(request.POST or None, instance=record)

    def save_valid(valid: GovukModelForm) -> None:
        save(assessment, current_user(request), person, dict(valid.cleaned_data))

    return save_form_page(
        request,
        assessment,
        section,
        form,
        save_valid,
        heading.format(name=person.full_name),
        section_url(assessment, section),
        success.format(name=person.full_name),
        template=template,
    )
