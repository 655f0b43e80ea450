"""Pages for the service manager: the unallocated queue, allocating one assessment,
suggesting allocations for the whole queue, reallocating, and the workload.

Views stay thin: they check who is asking, validate a form, call a service and render.
"""

from dataclasses import replace
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hub.accounts.access import current_user, role_required
from hub.accounts.models import Role, User
from hub.allocation import forms, rules, selectors, services, solver
from hub.assessments.models import Assessment
from hub.audit.models import AccessAction
from hub.audit.services import access_record, visible_or_404
from hub.timescales.services import working_calendar

QUEUE_PAGE_SIZE = 50
WORKLOAD_PAGE_SIZE = 25


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    # Allocation pages are the manager's (role_required), who may see every assessment.
    return visible_or_404(request, selectors.with_family(Assessment.objects.all()), pk=pk, object_type="assessment")


@role_required(Role.SERVICE_MANAGER, hidden_as="allocation")
def queue(request: HttpRequest) -> HttpResponse:
    access_record(request=request, action=AccessAction.SEARCH, object_type="allocation_queue")
    today = timezone.localdate()
    # Working days, on the same calendar as the timescales clock, so the queue and the timeline agree.
    calendar_ = working_calendar()
    # Earliest deadline first, a page at a time; working days are counted for the page's rows only.
    page = Paginator(selectors.unallocated_by_deadline(), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = selectors.unallocated_queue().in_bulk([pk for _, pk in page.object_list])
    rows: list[dict[str, Any]] = [
        {"assessment": shown[pk], "deadline": d, "working_days_left": calendar_.working_days_between(today, d)}
        for d, pk in page.object_list
        if pk in shown
    ]
    return render(request, "allocation/queue.html", {"rows": rows, "page": page})


def _choose(request: HttpRequest, pk: int, *, reallocating: bool) -> HttpResponse:
    assessment = _assessment(request, pk)
    today = timezone.localdate()
    facts = selectors.assessment_facts([assessment])[0]
    weights = selectors.current_weights()
    pool = [a for a in selectors.assessor_facts(today) if a.id != assessment.assessor_id]
    eligible, ineligible = rules.rank(pool, facts, weights, today)
    form_class = forms.ReallocateForm if reallocating else forms.AllocateForm
    form = form_class(request.POST or None, eligible=eligible, ineligible=ineligible)
    extra_errors: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        arguments = {
            "assessment_id": assessment.pk,
            "assessor_id": form.cleaned_data["assessor"],
            "actor": current_user(request),
            "reason": form.cleaned_data["reason"],
        }
        try:
            if reallocating:
                record = services.assessment_reallocate(**arguments)
            else:
                record = services.assessment_allocate(**arguments)
        except (services.AllocationRefused, services.ReasonRequired) as refusal:
            extra_errors.append({"message": str(refusal), "href": "#id_assessor_0"})
        else:
            access_record(request=request, action=AccessAction.CHANGE, object_type="assessment", object_id=pk)
            verb = "reallocated" if reallocating else "allocated"
            messages.success(request, f"{assessment} {verb} to {record.assessor.full_name}")
            return redirect("allocation:workload" if reallocating else "allocation:queue")
        # Someone else got there first: show the list as it stands now.
        pool = [a for a in selectors.assessor_facts(today) if a.id != assessment.assessor_id]
        eligible, ineligible = rules.rank(pool, facts, weights, today)
    context = {
        "assessment": assessment,
        "facts": facts,
        "eligible": eligible,
        # Everyone sharing the top score is a joint best match: none needs a reason.
        "best_score": eligible[0].score if eligible else None,
        "tied_best": sum(1 for m in eligible if m.score == eligible[0].score) if eligible else 0,
        "ineligible": ineligible,
        "form": form,
        "extra_errors": extra_errors,
        "reallocating": reallocating,
        "history": list(selectors.allocation_history(assessment)),
        "adults": list(assessment.referral.adults.all()),
        "chosen": form["assessor"].value(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "allocation/choose.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(Role.SERVICE_MANAGER, hidden_as="allocation")
def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    return _choose(request, pk, reallocating=False)


@require_http_methods(["GET", "POST"])
@role_required(Role.SERVICE_MANAGER, hidden_as="allocation")
def reallocate(request: HttpRequest, pk: int) -> HttpResponse:
    return _choose(request, pk, reallocating=True)


@require_http_methods(["GET", "POST"])
@role_required(Role.SERVICE_MANAGER, hidden_as="allocation")
def suggest(request: HttpRequest) -> HttpResponse:
    """The best allocation of the whole queue, for the manager to confirm in full or in part."""
    access_record(request=request, action=AccessAction.SEARCH, object_type="allocation_proposal")
    today = timezone.localdate()
    extra_errors: list[dict[str, str]] = []
    if request.method == "POST":
        pairs = _posted_pairs(request)
        if pairs:
            outcome = services.allocations_confirm(pairs=pairs, actor=current_user(request), today=today)
            for assessment_id, _ in pairs:
                access_record(
                    request=request, action=AccessAction.CHANGE, object_type="assessment", object_id=assessment_id
                )
            if outcome.allocated:
                count = len(outcome.allocated)
                messages.success(request, f"{count} assessment{'s' if count != 1 else ''} allocated")
            for _, why in outcome.refused:
                extra_errors.append({"message": why, "href": "#proposal"})
            if not outcome.refused:
                return redirect("allocation:queue")
        else:
            extra_errors.append({"message": "Select at least one allocation to confirm", "href": "#proposal"})
    assessments = list(selectors.with_family(selectors.unallocated_queue()))
    facts = selectors.assessment_facts(assessments)
    assessors = selectors.assessor_facts(today)
    weights = selectors.current_weights()
    proposal = solver.propose(assessors, facts, weights, today)
    posted = set(request.POST.getlist("pair")) if request.method == "POST" else None
    rows = _proposal_rows(proposal, assessments, facts, assessors, weights, today, posted)
    waiting = set(proposal.unallocated)
    unallocated = [a for a in assessments if a.pk in waiting]
    context = {"rows": rows, "unallocated": unallocated, "extra_errors": extra_errors, "total": proposal.total_score}
    return render(request, "allocation/suggest.html", context, status=400 if extra_errors else 200)


def _proposal_rows(
    proposal: solver.Proposal,
    assessments: list[Assessment],
    facts: list[rules.AssessmentFacts],
    assessors: list[rules.AssessorFacts],
    weights: rules.Weights,
    today: date,
    posted: set[str] | None,
) -> list[dict[str, Any]]:
    by_assessment = {a.id: (a, f) for a, f in zip(assessments, facts, strict=True)}
    by_assessor = {a.id: a for a in assessors}
    rows = []
    proposed_so_far: dict[int, int] = {}
    for pair in proposal.pairs:
        assessment, fact = by_assessment[pair.assessment_id]
        # Reasons as the assessor's caseload will stand, counting the suggestions above this one.
        extra = proposed_so_far.get(pair.assessor_id, 0)
        proposed_so_far[pair.assessor_id] = extra + 1
        assessor = by_assessor[pair.assessor_id]
        assessor = replace(assessor, live_count=assessor.live_count + extra)
        value = f"{pair.assessment_id}:{pair.assessor_id}"
        rows.append(
            {
                "value": value,
                "assessment": assessment,
                "deadline": fact.deadline,
                "assessor": assessor,
                "reasons": rules.match(assessor, fact, weights, today).reasons,
                "score": pair.score,
                "checked": posted is None or value in posted,
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
@role_required(Role.SERVICE_MANAGER, hidden_as="allocation")
def reallocate_all(request: HttpRequest, pk: int) -> HttpResponse:
    """Suggest new assessors for every live assessment of one assessor, for when they
    leave or are off sick; the manager gives the reason and confirms in full or in part."""
    leaving = get_object_or_404(User, pk=pk, role=Role.ASSESSOR)
    access_record(request=request, action=AccessAction.SEARCH, object_type="assessor_caseload", object_id=pk)
    today = timezone.localdate()
    form = forms.ReallocateAllForm(request.POST or None)
    extra_errors: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        pairs = _posted_pairs(request)
        if pairs:
            outcome = services.assessments_reallocate(
                pairs=pairs, actor=current_user(request), reason=form.cleaned_data["reason"], today=today
            )
            for assessment_id, _ in pairs:
                access_record(
                    request=request, action=AccessAction.CHANGE, object_type="assessment", object_id=assessment_id
                )
            if outcome.allocated:
                count = len(outcome.allocated)
                messages.success(request, f"{count} assessment{'s' if count != 1 else ''} reallocated")
            extra_errors += [{"message": why, "href": "#proposal"} for _, why in outcome.refused]
            if not outcome.refused:
                return redirect("allocation:workload")
        else:
            extra_errors.append({"message": "Select at least one reallocation to confirm", "href": "#proposal"})
    assessments = list(selectors.with_family(selectors.live_assessments().filter(assessor=leaving)))
    facts = selectors.assessment_facts(assessments)
    assessors = [a for a in selectors.assessor_facts(today) if a.id != leaving.pk]
    weights = selectors.current_weights()
    proposal = solver.propose(assessors, facts, weights, today)
    posted = set(request.POST.getlist("pair")) if request.method == "POST" else None
    context = {
        "leaving": leaving,
        "rows": _proposal_rows(proposal, assessments, facts, assessors, weights, today, posted),
        "unallocated": [a for a in assessments if a.pk in set(proposal.unallocated)],
        "form": form,
        "extra_errors": extra_errors,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "allocation/reallocate_all.html", context, status=status)


def _posted_pairs(request: HttpRequest) -> list[tuple[int, int]]:
    pairs = []
    for value in request.POST.getlist("pair"):
        assessment_id, _, assessor_id = value.partition(":")
        if assessment_id.isdigit() and assessor_id.isdigit():
            pairs.append((int(assessment_id), int(assessor_id)))
    return pairs


@role_required(Role.SERVICE_MANAGER, hidden_as="allocation")
def workload(request: HttpRequest) -> HttpResponse:
    access_record(request=request, action=AccessAction.SEARCH, object_type="workload")
    today = timezone.localdate()
    # A page of assessors at a time: a national hub has hundreds, each with a table of cases.
    page = Paginator(selectors.assessor_profiles(today), WORKLOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.workload(today, calendar_=working_calendar(), profiles=list(page.object_list))
    weeks = [week.week_starting for week in rows[0].weeks] if rows else []
    return render(request, "allocation/workload.html", {"rows": rows, "weeks": weeks, "today": today, "page": page})
