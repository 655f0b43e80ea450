"""The assessor's workspace pages: an overview with the completeness panel, and one page per section.

Views stay thin: they check who is asking (only the allocated assessor and the
service manager; anyone else gets a 404), log the access, validate a form, call a
service and render. A form posted by the autosave script (header X-Autosave) is
saved the same way and answered with JSON instead of a page.
"""

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user, role_required
from hub.accounts.models import Role
from hub.assessments.models import Assessment
from hub.audit.models import AccessAction
from hub.audit.services import access_record, visible_or_404
from hub.referrals.selectors import referrals_visible_to
from hub.workspace import letters, rules, selectors, services
from hub.workspace.forms import frameworks as forms
from hub.workspace.models import (
    AdultRecord,
    ChildRecord,
    ChronologyEntry,
    Family,
    Hypothesis,
    InformationRequest,
    Session,
    SharingBasis,
)

CHRONOLOGY_PAGE_SIZE = 100


def _workspace(request: HttpRequest, pk: int) -> Assessment:
    """The assessment, if this person may see its workspace; a 404 otherwise, logged either way."""
    return visible_or_404(
        request, selectors.workspaces_visible_to(current_user(request)), pk=pk, object_type="workspace"
    )


def _is_autosave(request: HttpRequest) -> bool:
    return request.headers.get("X-Autosave") == "1"


def _autosaved(form: Any) -> JsonResponse:
    if form.is_valid():
        return JsonResponse({"saved": True, "at": timezone.localtime().strftime("%H:%M:%S")})
    return JsonResponse(
        {"saved": False, "errors": {k: [str(e) for e in v] for k, v in form.errors.items()}}, status=400
    )


def _context(request: HttpRequest, assessment: Assessment, section: rules.Section | None, **extra: Any) -> dict:
    # Accepting a referral files it with its family; only referrals from before that have none yet.
    family = selectors.family_of(assessment) or services.family_ensure_for_referral(referral=assessment.referral)
    gaps = rules.workspace_gaps(selectors.workspace_facts(assessment))
    gap_links = [
        {
            "message": gap.message,
            "section": gap.section,
            "section_title": rules.SECTION_TITLES[gap.section],
            "href": _section_url(assessment, gap.section) + (f"#{gap.anchor}" if gap.anchor else ""),
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


def _section_url(assessment: Assessment, section: rules.Section) -> str:
    return reverse(f"workspace:{section.value}", args=[assessment.pk])


# --- Overview ------------------------------------------------------------------------


@login_required
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    context = _context(request, assessment, None)
    gap_counts: dict[str, int] = {}
    for gap in context["gaps"]:
        gap_counts[gap.section.value] = gap_counts.get(gap.section.value, 0) + 1
    for item in context["sections"]:
        item["gaps"] = gap_counts.get(item["slug"], 0)
    family: Family = context["family"]
    context["earlier_assessments"] = selectors.other_assessments_of_family(assessment, family)
    context["chronology_count"] = ChronologyEntry.objects.filter(family=family).count()
    context["link_form"] = forms.FamilyLinkForm()
    return render(request, "workspace/overview.html", context)


@require_POST
@role_required(Role.SERVICE_MANAGER, hidden_as="workspace")
def family_link(request: HttpRequest, pk: int) -> HttpResponse:
    """The service manager says this referral is about the same family as another."""
    assessment = _workspace(request, pk)
    form = forms.FamilyLinkForm(request.POST)
    other = None
    if form.is_valid():
        # Only a referral this manager may see (so never a local authority's unsent draft).
        other = (
            referrals_visible_to(current_user(request))
            .filter(reference__iexact=form.cleaned_data["reference"].strip())
            .first()
        )
        if other is None or other.pk == assessment.referral_id:
            form.add_error("reference", "Enter the reference of another referral the hub has received")
    if other is None or not form.is_valid():
        context = _context(request, assessment, None, link_form=form)
        context["earlier_assessments"] = selectors.other_assessments_of_family(assessment, context["family"])
        context["chronology_count"] = ChronologyEntry.objects.filter(family=context["family"]).count()
        return render(request, "workspace/overview.html", context, status=400)
    services.family_link_referral(referral=assessment.referral, same_family_as=other, actor=current_user(request))
    messages.success(request, f"Linked to the family of {other.reference}: the chronologies are now one")
    return redirect("workspace:overview", assessment.pk)


# --- Sessions ------------------------------------------------------------------------


def _session_form(request: HttpRequest, assessment: Assessment, session: Session | None) -> forms.SessionForm:
    seen = {row.child_id: (row.seen, row.reason_not_alone) for row in session.children_seen.all()} if session else None
    return forms.SessionForm(
        request.POST or None, instance=session, children=selectors.children_of(assessment), seen=seen
    )


@login_required
def sessions(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    form = _session_form(request, assessment, None)
    if request.method == "POST" and form.is_valid():
        services.session_save(
            assessment=assessment,
            actor=current_user(request),
            data=form.session_data(),
            children_seen=form.children_seen(),
        )
        messages.success(request, "Session recorded")
        return redirect("workspace:sessions", assessment.pk)
    context = _context(
        request, assessment, rules.Section.SESSIONS, form=form, sessions=selectors.sessions_of(assessment)
    )
    return render(request, "workspace/sessions.html", context)


@login_required
def session_edit(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    session = selectors.sessions_of(assessment).filter(pk=session_id).first()
    if session is None:
        raise Http404("No such session")
    form = _session_form(request, assessment, session)
    if request.method == "POST" and form.is_valid():
        services.session_save(
            assessment=assessment,
            actor=current_user(request),
            session=session,
            data=form.session_data(),
            children_seen=form.children_seen(),
        )
        messages.success(request, "Session updated")
        return redirect("workspace:sessions", assessment.pk)
    context = _context(request, assessment, rules.Section.SESSIONS, form=form, session=session)
    return render(request, "workspace/session_edit.html", context)


# --- Chronology ----------------------------------------------------------------------


def _entry_initial(entry: ChronologyEntry) -> dict[str, Any]:
    day, month, year = rules.split_partial_date(entry.event_date, rules.DatePrecision(entry.precision))
    return {
        "when": rules.PartialDate(int(year), int(month) if month else None, int(day) if day else None),
        "what_happened": entry.what_happened,
        "source": entry.source,
        "bundle_reference": entry.bundle_reference,
        "significance": entry.significance,
    }


def _entry_data(form: forms.ChronologyEntryForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in ("what_happened", "source", "bundle_reference", "significance")}


@login_required
def chronology(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    form = forms.ChronologyEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.chronology_entry_save(
            assessment=assessment, actor=current_user(request), when=form.cleaned_data["when"], data=_entry_data(form)
        )
        messages.success(request, "Added to the family's chronology")
        return redirect("workspace:chronology", assessment.pk)
    context = _context(request, assessment, rules.Section.CHRONOLOGY, form=form)
    page = Paginator(selectors.chronology_of(context["family"]), CHRONOLOGY_PAGE_SIZE).get_page(request.GET.get("page"))
    context["page"] = page
    context["entries"] = [
        (entry, rules.format_partial_date(entry.event_date, rules.DatePrecision(entry.precision)))
        for entry in page.object_list
    ]
    return render(request, "workspace/chronology.html", context)


def _family_entry(assessment: Assessment, entry_id: int) -> ChronologyEntry:
    family = selectors.family_of(assessment)
    entry = ChronologyEntry.objects.filter(family=family, pk=entry_id).first() if family else None
    if entry is None:
        raise Http404("No such chronology entry")
    return entry


@login_required
def chronology_edit(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    entry = _family_entry(assessment, entry_id)
    form = forms.ChronologyEntryForm(request.POST or None, initial=_entry_initial(entry))
    if request.method == "POST" and form.is_valid():
        services.chronology_entry_save(
            assessment=assessment,
            actor=current_user(request),
            entry=entry,
            when=form.cleaned_data["when"],
            data=_entry_data(form),
        )
        messages.success(request, "Chronology entry updated")
        return redirect("workspace:chronology", assessment.pk)
    context = _context(request, assessment, rules.Section.CHRONOLOGY, form=form, entry=entry)
    return render(request, "workspace/chronology_edit.html", context)


@login_required
@require_POST
def chronology_remove(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    entry = _family_entry(assessment, entry_id)
    services.chronology_entry_remove(assessment=assessment, actor=current_user(request), entry=entry)
    messages.success(request, "Chronology entry removed (its history is kept)")
    return redirect("workspace:chronology", assessment.pk)


# --- Information from agencies -------------------------------------------------------


@login_required
def sources(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    form = forms.InformationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        information_request = services.information_request_save(
            assessment=assessment,
            actor=current_user(request),
            data={name: form.cleaned_data[name] for name in form._meta.fields or []},
        )
        messages.success(request, f"{information_request.label} added: generate the letter to send it")
        return redirect("workspace:source", assessment.pk, information_request.pk)
    context = _context(request, assessment, rules.Section.SOURCES, form=form)
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
    assessment = _workspace(request, pk)
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
    context = _context(request, assessment, rules.Section.SOURCES, form=form, request_record=information_request)
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
    assessment = _workspace(request, pk)
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
    assessment = _workspace(request, pk)
    information_request = _request_of(assessment, request_id)
    content = _letter_content(assessment, information_request)
    context = {
        "assessment": assessment,
        "request_record": information_request,
        "content": content,
        "paragraphs": letters.letter_paragraphs(content),
    }
    return render(request, "workspace/letter_print.html", context)


# --- Household, capacity to change ---------------------------------------------------


@login_required
def household(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    child_records = selectors.child_records(assessment)
    adult_records = selectors.adult_records(assessment)
    context = _context(
        request,
        assessment,
        rules.Section.HOUSEHOLD,
        child_rows=[(child, child_records.get(child.pk)) for child in selectors.children_of(assessment)],
        adult_rows=[(adult, adult_records.get(adult.pk)) for adult in selectors.adults_of(assessment)],
    )
    return render(request, "workspace/household.html", context)


def _save_record_page(
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
) -> HttpResponse:
    """One form on one page, saved as a draft by the autosave script or by the button.

    `back` is where a save goes; `back_url` (default `back`) is where the Back links go,
    which differ when the form is the section itself and a save stays on it.
    """
    if request.method == "POST":
        if form.is_valid():
            save(form)
        if _is_autosave(request):
            return _autosaved(form)
        if form.is_valid():
            messages.success(request, success)
            return redirect(back)
    context = _context(
        request,
        assessment,
        section,
        form=form,
        heading=heading,
        back_url=back_url or back,
        back_label=back_label or rules.SECTION_TITLES[section].lower(),
    )
    return render(request, "workspace/record_form.html", context)


@login_required
def child_record(request: HttpRequest, pk: int, child_id: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    child = next((c for c in selectors.children_of(assessment) if c.pk == child_id), None)
    if child is None:
        raise Http404("No such child")
    record = ChildRecord.objects.filter(assessment=assessment, child=child).first()
    form = forms.ChildRecordForm(request.POST or None, instance=record)

    def save(valid: forms.ChildRecordForm) -> None:
        services.child_record_save(
            assessment=assessment, actor=current_user(request), child=child, data=dict(valid.cleaned_data)
        )

    return _save_record_page(
        request,
        assessment,
        rules.Section.HOUSEHOLD,
        form,
        save,
        child.full_name,
        _section_url(assessment, rules.Section.HOUSEHOLD),
        f"Saved for {child.full_name}",
    )


def _adult(assessment: Assessment, adult_id: int) -> Any:
    adult = next((a for a in selectors.adults_of(assessment) if a.pk == adult_id), None)
    if adult is None:
        raise Http404("No such adult")
    return adult


@login_required
def adult_views(request: HttpRequest, pk: int, adult_id: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    adult = _adult(assessment, adult_id)
    record = AdultRecord.objects.filter(assessment=assessment, adult=adult).first()
    form = forms.AdultViewsForm(request.POST or None, instance=record)

    def save(valid: forms.AdultViewsForm) -> None:
        services.adult_record_save(
            assessment=assessment, actor=current_user(request), adult=adult, data=dict(valid.cleaned_data)
        )

    return _save_record_page(
        request,
        assessment,
        rules.Section.HOUSEHOLD,
        form,
        save,
        f"Views of {adult.full_name}",
        _section_url(assessment, rules.Section.HOUSEHOLD),
        f"Views of {adult.full_name} saved",
    )


@login_required
def capacity(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    adult_records = selectors.adult_records(assessment)
    context = _context(
        request,
        assessment,
        rules.Section.CAPACITY,
        adult_rows=[(adult, adult_records.get(adult.pk)) for adult in selectors.adults_of(assessment)],
    )
    return render(request, "workspace/capacity.html", context)


@login_required
def capacity_edit(request: HttpRequest, pk: int, adult_id: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    adult = _adult(assessment, adult_id)
    record = AdultRecord.objects.filter(assessment=assessment, adult=adult).first()
    form = forms.CapacityForm(request.POST or None, instance=record)

    def save(valid: forms.CapacityForm) -> None:
        services.adult_record_save(
            assessment=assessment, actor=current_user(request), adult=adult, data=dict(valid.cleaned_data)
        )

    return _save_record_page(
        request,
        assessment,
        rules.Section.CAPACITY,
        form,
        save,
        f"Capacity to change: {adult.full_name}",
        _section_url(assessment, rules.Section.CAPACITY),
        f"Capacity to change saved for {adult.full_name}",
    )


# --- The frameworks ------------------------------------------------------------------

_ANALYSIS_FORMS: dict[rules.Section, tuple[type[forms.GovukModelForm], str]] = {
    rules.Section.TRIANGLE: (forms.TriangleForm, "Assessment triangle: strengths and concerns on each side"),
    rules.Section.RISK: (forms.RiskForm, "Risk management tool"),
}


def _analysis_page(request: HttpRequest, pk: int, section: rules.Section) -> HttpResponse:
    assessment = _workspace(request, pk)
    form_class, heading = _ANALYSIS_FORMS[section]
    form = form_class(request.POST or None, instance=selectors.analysis_of(assessment))

    def save(valid: forms.GovukModelForm) -> None:
        services.analysis_save(assessment=assessment, actor=current_user(request), data=dict(valid.cleaned_data))

    url = _section_url(assessment, section)
    # The section is the form: saving stays here, and Back goes to the overview, not to this page.
    return _save_record_page(
        request,
        assessment,
        section,
        form,
        save,
        heading,
        url,
        "Saved",
        back_url=reverse("workspace:overview", args=[assessment.pk]),
        back_label="the overview",
    )


@login_required
def triangle(request: HttpRequest, pk: int) -> HttpResponse:
    return _analysis_page(request, pk, rules.Section.TRIANGLE)


@login_required
def risk(request: HttpRequest, pk: int) -> HttpResponse:
    return _analysis_page(request, pk, rules.Section.RISK)


@login_required
def equality(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    analysis = selectors.analysis_of(assessment)
    form = forms.EqualityForm(request.POST or None, initial=forms.EqualityForm.initial_from(analysis.equality))
    if request.method == "POST":
        if form.is_valid():
            services.analysis_save(
                assessment=assessment, actor=current_user(request), data={"equality": form.equality()}
            )
        if _is_autosave(request):
            return _autosaved(form)
        if form.is_valid():
            messages.success(request, "Saved")
            return redirect("workspace:equality", assessment.pk)
    return render(request, "workspace/equality.html", _context(request, assessment, rules.Section.EQUALITY, form=form))


@login_required
def questions(request: HttpRequest, pk: int) -> HttpResponse:
    """The four questions as one live page: what I know, who to tell, my gaps, and the hypotheses."""
    assessment = _workspace(request, pk)
    analysis = selectors.analysis_of(assessment)
    is_hypothesis = request.method == "POST" and request.POST.get("form") == "hypothesis"
    form = forms.QuestionsForm(
        request.POST if request.method == "POST" and not is_hypothesis else None, instance=analysis
    )
    hypothesis_form = forms.HypothesisForm(request.POST if is_hypothesis else None, prefix="hypothesis")
    if request.method == "POST" and not is_hypothesis:
        if form.is_valid():
            services.analysis_save(assessment=assessment, actor=current_user(request), data=dict(form.cleaned_data))
        if _is_autosave(request):
            return _autosaved(form)
        if form.is_valid():
            messages.success(request, "Saved")
            return redirect("workspace:questions", assessment.pk)
    if is_hypothesis and hypothesis_form.is_valid():
        services.hypothesis_save(
            assessment=assessment, actor=current_user(request), data=dict(hypothesis_form.cleaned_data)
        )
        messages.success(request, "Hypothesis added")
        return redirect(reverse("workspace:questions", args=[assessment.pk]) + "#hypotheses")
    context = _context(
        request,
        assessment,
        rules.Section.QUESTIONS,
        form=form,
        hypothesis_form=hypothesis_form,
        hypotheses=list(Hypothesis.objects.filter(assessment=assessment)),
    )
    return render(request, "workspace/questions.html", context)


@login_required
def hypothesis_edit(request: HttpRequest, pk: int, hypothesis_id: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    hypothesis = Hypothesis.objects.filter(assessment=assessment, pk=hypothesis_id).first()
    if hypothesis is None:
        raise Http404("No such hypothesis")
    form = forms.HypothesisForm(request.POST or None, instance=hypothesis)

    def save(valid: forms.HypothesisForm) -> None:
        services.hypothesis_save(
            assessment=assessment, actor=current_user(request), hypothesis=hypothesis, data=dict(valid.cleaned_data)
        )

    url = reverse("workspace:questions", args=[assessment.pk]) + "#hypotheses"
    return _save_record_page(request, assessment, rules.Section.QUESTIONS, form, save, "Hypothesis", url, "Saved")


@login_required
def factors(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    children = selectors.children_of(assessment)
    records = selectors.child_records(assessment)
    initial = {f"factors_{c.pk}": records[c.pk].cin_factors for c in children if c.pk in records}
    form = forms.FactorsForm(request.POST or None, children=children, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.census_factors_save(
            assessment=assessment, actor=current_user(request), children=children, factors=form.factors()
        )
        messages.success(request, "Factors saved")
        return redirect("workspace:factors", assessment.pk)
    return render(request, "workspace/factors.html", _context(request, assessment, rules.Section.FACTORS, form=form))


# --- History -------------------------------------------------------------------------


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _workspace(request, pk)
    context = _context(request, assessment, None)
    context["section_title"] = "History of changes"
    page = Paginator(selectors.versions_for(assessment, context["family"]), 50).get_page(request.GET.get("page"))
    context["page"] = page
    return render(request, "workspace/history.html", context)


@login_required
def history_record(request: HttpRequest, pk: int, record_type: str, record_id: int) -> HttpResponse:
    """Every version of one record, and what changed between any two of them."""
    assessment = _workspace(request, pk)
    context = _context(request, assessment, None)
    family = context["family"]
    versions = [
        v
        for v in selectors.versions_of_record(record_type, record_id)
        if v.assessment_id == assessment.pk or (family is not None and v.family_id == family.pk)
    ]
    if not versions:
        raise Http404("No such record")
    numbers = [v.number for v in versions]

    def pick(name: str, default: int) -> int:
        try:
            value = int(request.GET.get(name, default))
        except ValueError:
            return default
        return value if value in numbers else default

    newer_number = pick("to", numbers[-1])
    older_number = pick("from", numbers[-2] if len(numbers) > 1 else numbers[-1])
    by_number = {v.number: v for v in versions}
    older, newer = by_number[older_number], by_number[newer_number]
    context.update(
        section_title="History of changes",
        versions=versions,
        older=older,
        newer=newer,
        differences=[
            (
                name,
                json.dumps(before) if isinstance(before, dict | list) else before,
                json.dumps(after) if isinstance(after, dict | list) else after,
            )
            for name, before, after in selectors.version_differences(older.data, newer.data)
        ],
        record_type=record_type,
        record_id=record_id,
    )
    return render(request, "workspace/history_record.html", context)
