"""The referral's page with the hub's decision on it, and the triage queue.

The manager accepts, declines or queries a referral here; the referrer reads the
hub's queries and answers them. Only people who may see the referral reach its
page (the same 404 otherwise).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user, role_required
from hub.accounts.models import Role
from hub.audit.models import AccessAction
from hub.audit.services import access_record, visible_or_404
from hub.core.forms import GovukForm
from hub.referrals import rules
from hub.referrals import selectors as referral_selectors
from hub.referrals.models import Referral, ReferralEventKind
from hub.referrals.services import ReferralIncomplete
from hub.timescales.selectors import due_date_previews
from hub.timescales.services import ClockError
from hub.triage import forms, selectors, services

TRIAGE_PAGE_SIZE = 50


def _visible_referral(request: HttpRequest, pk: int) -> Referral:
    queryset = referral_selectors.referral_with_letter(referral_selectors.referrals_visible_to(current_user(request)))
    return visible_or_404(request, queryset, pk=pk, object_type="referral")


def _detail_page(request: HttpRequest, referral: Referral, *, status: int = 200, **overrides: Any) -> HttpResponse:
    """The referral page; the triage and answer views re-show it with their bound form on an error."""
    user = current_user(request)
    actions = selectors.referral_actions(referral, user)
    events = list(referral.events.all())
    queries = [event for event in events if event.kind == ReferralEventKind.QUERY_RAISED]
    # For the triage decision: when each assessment would be due, against the court's date.
    previews = (
        due_date_previews(
            assessment_types=list(referral.assessment_types),
            received_at=referral.received_at,
            filing_date=referral.filing_date,
        )
        if actions.can_triage and referral.received_at
        else []
    )
    assessments = list(referral.assessments.select_related("assessor", "clock"))
    context: dict[str, Any] = {
        "referral": referral,
        "events": events,
        "latest_query": queries[-1] if queries else None,
        "actions": actions,
        "query_form": forms.QueryForm(prefix="query"),
        "accept_form": forms.AcceptForm(prefix="accept"),
        "decline_form": forms.DeclineForm(prefix="decline"),
        "answer_form": forms.AnswerForm(prefix="answer"),
        "assessments": selectors.assessment_links(assessments, user),
        "due_previews": previews,
        "due_after_filing": any(preview.after_filing_date for preview in previews),
        **overrides,
    }
    return render(request, "triage/detail.html", context, status=status)


@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _visible_referral(request, pk))


_TRIAGE_FORMS: dict[str, type[GovukForm]] = {
    "query": forms.QueryForm,
    "accept": forms.AcceptForm,
    "decline": forms.DeclineForm,
}


@require_POST
@role_required(Role.SERVICE_MANAGER)
def referral_triage(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in _TRIAGE_FORMS:
        raise Http404("No such action")
    referral = _visible_referral(request, pk)
    user = current_user(request)
    form = _TRIAGE_FORMS[action](request.POST, prefix=action)
    if not form.is_valid():
        return _detail_page(request, referral, status=400, form=form, **{f"{action}_form": form})
    message = form.cleaned_data["message"]
    try:
        if action == "query":
            services.referral_raise_query(referral=referral, actor=user, message=message)
            messages.success(request, "Query sent to the referrer")
        elif action == "accept":
            created = services.referral_accept(referral=referral, actor=user, message=message)
            plural = "s" if len(created) != 1 else ""
            messages.success(request, f"Referral accepted: {len(created)} assessment{plural} created")
        else:
            services.referral_decline(referral=referral, actor=user, reason=message)
            messages.success(request, "Referral declined: the referrer has been told why")
    except (rules.TransitionNotAllowed, ClockError) as refused:
        # Nothing was changed (the service is one transaction): say why.
        messages.error(request, str(refused))
    return redirect("triage:detail", referral.pk)


@require_POST
@role_required(Role.REFERRER)
def referral_answer(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _editable_referral(request, pk)
    form = forms.AnswerForm(request.POST, prefix="answer")
    extra_errors: list[dict[str, str]] = []
    if form.is_valid():
        try:
            services.referral_answer_query(
                referral=referral, actor=current_user(request), message=form.cleaned_data["message"]
            )
            messages.success(request, "Your answer has been sent to the hub")
            return redirect("triage:detail", referral.pk)
        except ReferralIncomplete as incomplete:
            extra_errors = [
                {"message": gap.message, "href": reverse("referrals:step", args=[referral.pk, gap.step.value])}
                for gap in incomplete.gaps
            ]
        except rules.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("triage:detail", referral.pk)
    return _detail_page(request, referral, status=400, form=form, answer_form=form, extra_errors=extra_errors)


@role_required(Role.SERVICE_MANAGER)
def triage_queue(request: HttpRequest) -> HttpResponse:
    access_record(request=request, action=AccessAction.SEARCH, object_type="triage_queue")
    # A page at a time: the whole backlog as one table grows slower with every referral.
    page = Paginator(referral_selectors.triage_queue(), TRIAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "triage/queue.html", {"referrals": page.object_list, "page": page})


def _editable_referral(request: HttpRequest, pk: int) -> Referral:
    """The referral, if this referrer may still change it (to answer a query)."""
    referral = _visible_referral(request, pk)
    if not referral_selectors.referral_editable_by(referral, current_user(request)):
        raise PermissionDenied("This letter cannot be changed now.")
    return referral
