"""The household: each child's record and each adult's views."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from hub.accounts.models import User
from hub.assessments.models import Assessment
from hub.referrals.models import Adult, Child
from hub.workspace import forms, rules, selectors, services
from hub.workspace.models import AdultRecord, ChildRecord
from hub.workspace.views.common import page_context, record_page, workspace_of


@login_required
def household(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    child_records = selectors.child_records(assessment)
    adult_records = selectors.adult_records(assessment)
    context = page_context(
        request,
        assessment,
        rules.Section.HOUSEHOLD,
        child_rows=[(child, child_records.get(child.pk)) for child in selectors.children_of(assessment)],
        adult_rows=[(adult, adult_records.get(adult.pk)) for adult in selectors.adults_of(assessment)],
    )
    return render(request, "workspace/household.html", context)


def child_and_record(assessment: Assessment, child_id: int) -> tuple[Child, ChildRecord | None]:
    child = next((c for c in selectors.children_of(assessment) if c.pk == child_id), None)
    if child is None:
        raise Http404("No such child")
    return child, ChildRecord.objects.filter(assessment=assessment, child=child).first()


def adult_and_record(assessment: Assessment, adult_id: int) -> tuple[Adult, AdultRecord | None]:
    adult = next((a for a in selectors.adults_of(assessment) if a.pk == adult_id), None)
    if adult is None:
        raise Http404("No such adult")
    return adult, AdultRecord.objects.filter(assessment=assessment, adult=adult).first()


def save_child_record(assessment: Assessment, actor: User, child: Child, data: dict[str, Any]) -> ChildRecord:
    return services.child_record_save(assessment=assessment, actor=actor, child=child, data=data)


def save_adult_record(assessment: Assessment, actor: User, adult: Adult, data: dict[str, Any]) -> AdultRecord:
    return services.adult_record_save(assessment=assessment, actor=actor, adult=adult, data=data)


@login_required
def child_record(request: HttpRequest, pk: int, child_id: int) -> HttpResponse:
    return record_page(
        request,
        pk,
        child_id,
        section=rules.Section.HOUSEHOLD,
        load=child_and_record,
        form_class=forms.ChildRecordForm,
        save=save_child_record,
        heading="{name}",
        success="Saved for {name}",
    )


@login_required
def adult_views(request: HttpRequest, pk: int, adult_id: int) -> HttpResponse:
    return record_page(
        request,
        pk,
        adult_id,
        section=rules.Section.HOUSEHOLD,
        load=adult_and_record,
        form_class=forms.AdultViewsForm,
        save=save_adult_record,
        heading="Views of {name}",
        success="Views of {name} saved",
    )
