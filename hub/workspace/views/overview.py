"""The overview with the completeness panel, and the manager's link between two referrals about one family."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user, role_required
from hub.accounts.models import Role
from hub.referrals.selectors import referrals_visible_to
from hub.workspace import forms, selectors, services
from hub.workspace.models import (
    ChronologyEntry,
    Family,
)
from hub.workspace.views.common import page_context, workspace_of


@login_required
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    context = page_context(request, assessment, None)
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
    assessment = workspace_of(request, pk)
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
        context = page_context(request, assessment, None, link_form=form)
        context["earlier_assessments"] = selectors.other_assessments_of_family(assessment, context["family"])
        context["chronology_count"] = ChronologyEntry.objects.filter(family=context["family"]).count()
        return render(request, "workspace/overview.html", context, status=400)
    services.family_link_referral(referral=assessment.referral, same_family_as=other, actor=current_user(request))
    messages.success(request, f"Linked to the family of {other.reference}: the chronologies are now one")
    return redirect("workspace:overview", assessment.pk)
