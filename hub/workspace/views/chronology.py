"""The family's chronology: one list shared by every assessment of the family."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user
from hub.assessments.models import Assessment
from hub.workspace import forms, rules, selectors, services
from hub.workspace.models import (
    ChronologyEntry,
)
from hub.workspace.views.common import page_context, workspace_of

CHRONOLOGY_PAGE_SIZE = 100


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
    assessment = workspace_of(request, pk)
    form = forms.ChronologyEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.chronology_entry_save(
            assessment=assessment, actor=current_user(request), when=form.cleaned_data["when"], data=_entry_data(form)
        )
        messages.success(request, "Added to the family's chronology")
        return redirect("workspace:chronology", assessment.pk)
    context = page_context(request, assessment, rules.Section.CHRONOLOGY, form=form)
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
    assessment = workspace_of(request, pk)
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
    context = page_context(request, assessment, rules.Section.CHRONOLOGY, form=form, entry=entry)
    return render(request, "workspace/chronology_edit.html", context)


@login_required
@require_POST
def chronology_remove(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    entry = _family_entry(assessment, entry_id)
    services.chronology_entry_remove(assessment=assessment, actor=current_user(request), entry=entry)
    messages.success(request, "Chronology entry removed (its history is kept)")
    return redirect("workspace:chronology", assessment.pk)
