"""Pages for an authority's children in need work. Thin: who may see, a form, a service.

Every page is for the authority's own workers only: anyone else gets the same 404
as for a page that does not exist, and the refusal is logged. Every look at a
child's record is logged through visible_or_404.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hub.accounts.access import current_user
from hub.accounts.models import Organisation, User
from hub.audit.models import AccessAction
from hub.audit.services import access_record, visible_or_404
from hub.cin import census, census_rules, forms, letters, rules, selectors, services
from hub.cin.models import Child, FamilyProposal, Plan, Referral, Section47, TeamMeeting
from hub.cin.services import CinError

View = Callable[..., HttpResponse]


def worker_required(view: View) -> View:
    """Only the authority's own workers; anyone else sees a page that does not exist."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.is_cin_worker(current_user(request)):
            access_record(
                request=request, action=AccessAction.REFUSED, object_type="cin", object_id=kwargs.get("pk", "")
            )
            raise Http404("No such page")
        return view(request, *args, **kwargs)

    return wrapped


def manager_required(view: View) -> View:
    @worker_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.is_cin_manager(current_user(request)):
            access_record(
                request=request, action=AccessAction.REFUSED, object_type="cin", object_id=kwargs.get("pk", "")
            )
            raise Http404("No such page")
        return view(request, *args, **kwargs)

    return wrapped


def _form_page(
    request: HttpRequest,
    *,
    form: Form,
    save: Callable[[dict[str, Any]], Model | None],
    done: Callable[[Model | None], str],
    title: str,
    caption: str,
    back: str,
    intro: str = "",
    button: str = "Save",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A form page: on a valid post, the service; its refusals shown in the error summary."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except CinError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Saved")
            return redirect(done(saved))
    context = {"form": form, "title": title, "caption": caption, "back": back, "intro": intro, "button": button}
    return render(request, "cin/form.html", {**context, **(extra or {})})


def _authority(user: User) -> Organisation:
    la = selectors.authority_of(user)
    if la is None:  # worker_required has let only an authority's workers in
        raise Http404("No such page")
    return Organisation.objects.get(pk=la)


def _today() -> datetime.date:
    return timezone.localdate()


# --- Caseload and children -----------------------------------------------------------


@worker_required
def caseload(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    today = _today()
    rows = []
    for child in selectors.caseload(user):
        referrals = list(child.referrals.all())
        current = referrals[0] if referrals else None
        plan = next(iter(child.plans.all()), None)
        open_assessment = None
        if current is not None:
            open_assessment = next((a for a in current.assessments.all() if a.completed_on is None), None)
        rows.append(
            {
                "child": child,
                "referral": current,
                "assessment": open_assessment,
                "plan": selectors.plan_row(plan, today=today) if plan else None,
            }
        )
    access_record(request=request, action=AccessAction.VIEW, object_type="cin_caseload")
    return render(
        request, "cin/caseload.html", {"rows": rows, "is_manager": selectors.is_cin_manager(user), "today": today}
    )


@worker_required
def child_new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    la = _authority(user)
    form = forms.ChildForm(request.POST or None)

    def save(data: dict[str, Any]) -> Model:
        return services.child_create(local_authority=la, **data)

    return _form_page(
        request,
        form=form,
        save=save,
        done=lambda child: reverse("cin:referral-new", args=[child.pk]) if child else reverse("cin:caseload"),
        title="Add a child",
        caption=la.name,
        back=reverse("cin:caseload"),
        intro="The child's identifiers and characteristics, as the children in need census asks for them.",
        button="Add the child and record the referral",
    )


@worker_required
def child_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    child = visible_or_404(request, selectors.children_visible_to(user), pk=pk, object_type="cin_child")
    today = _today()
    plans = [selectors.plan_row(plan, today=today) for plan in child.plans.prefetch_related("reviews")]
    referrals = child.referrals.prefetch_related("assessments", "section47s").select_related("decided_by")
    return render(
        request,
        "cin/child.html",
        {
            "child": child,
            "referrals": referrals,
            "plans": plans,
            "team": child.team.all(),
            "meetings": child.team_meetings.prefetch_related("invitations__member"),
            "agreements": child.co_working_agreements.select_related("team_manager", "key_worker", "co_worker"),
            "family_meetings": child.family_meetings.all(),
            "is_manager": selectors.is_cin_manager(user),
        },
    )


@worker_required
def child_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    child = visible_or_404(request, selectors.children_visible_to(user), pk=pk, object_type="cin_child")
    initial = {name: getattr(child, name) for name in services.CHILD_FIELDS}
    form = forms.ChildForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.child_update(child=child, **data),
        done=lambda c: reverse("cin:child", args=[child.pk]),
        title="Change the child's details",
        caption=child.full_name,
        back=reverse("cin:child", args=[child.pk]),
        intro="The child's identifiers and characteristics, as the children in need census asks for them.",
    )


# --- Referrals -------------------------------------------------------------------------


@worker_required
def referral_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    child = visible_or_404(request, selectors.children_visible_to(user), pk=pk, object_type="cin_child")
    form = forms.ReferralForm(request.POST or None)

    def save(data: dict[str, Any]) -> Model:
        return services.referral_record(child=child, by=user, **data)

    return _form_page(
        request,
        form=form,
        save=save,
        done=lambda referral: reverse("cin:referral", args=[referral.pk]) if referral else reverse("cin:caseload"),
        title="Record a referral",
        caption=child.full_name,
        back=reverse("cin:child", args=[child.pk]),
        intro="Use the Thresholds Guidance: tiers 3 and 4 are most likely to need a social care assessment.",
        extra={"unborn": child.unborn},
    )


@worker_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    referral = visible_or_404(request, selectors.referrals_visible_to(user), pk=pk, object_type="cin_referral")
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_decide(referral=referral, by=user, **form.cleaned_data)
        except CinError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Decision recorded")
            return redirect(reverse("cin:referral", args=[referral.pk]))
    today = _today()
    return render(
        request,
        "cin/referral.html",
        {
            "referral": referral,
            "child": referral.child,
            "form": form,
            "prompt": rules.cumulative_risk_prompt(referral.tier, referral.tier_two_factors),
            "assessments": referral.assessments.select_related("worker"),
            "plans": [selectors.plan_row(p, today=today) for p in referral.plans.prefetch_related("reviews")],
            "closure": getattr(referral, "closure", None),
            "enquiries": referral.section47s.all(),
            "is_manager": selectors.is_cin_manager(user),
        },
    )


# --- Assessments -----------------------------------------------------------------------


@worker_required
def assessment_start(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    referral = visible_or_404(request, selectors.referrals_visible_to(user), pk=pk, object_type="cin_referral")
    kinds = rules.kinds_for(selectors.assessment_model_for(referral.child.local_authority_id))
    form = forms.AssessmentStartForm(request.POST or None, kinds=kinds)

    def save(data: dict[str, Any]) -> Model:
        return services.assessment_start(referral=referral, by=user, **data)

    return _form_page(
        request,
        form=form,
        save=save,
        done=lambda a: reverse("cin:assessment", args=[a.pk]) if a else reverse("cin:caseload"),
        title="Start an assessment",
        caption=referral.child.full_name,
        back=reverse("cin:referral", args=[referral.pk]),
        intro="The due date is counted in working days from the start date: weekends and bank holidays "
        "are not counted.",
    )


@worker_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    assessment = visible_or_404(request, selectors.assessments_visible_to(user), pk=pk, object_type="cin_assessment")
    initial = {name: getattr(assessment, name) for name in services.ASSESSMENT_FIELDS}
    form = forms.AssessmentRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(assessment=assessment, by=user, **form.cleaned_data)
        except CinError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Assessment saved")
            return redirect(reverse("cin:assessment", args=[assessment.pk]))
    cal = selectors.calendar()
    share_by = rules.share_analysis_by(assessment.decision_meeting_on, cal) if assessment.decision_meeting_on else None
    return render(
        request,
        "cin/assessment.html",
        {
            "assessment": assessment,
            "referral": assessment.referral,
            "child": assessment.referral.child,
            "form": form,
            "problems": services.assessment_problems(assessment),
            "share_by": share_by,
            "working_days_left": cal.working_days_between(_today(), assessment.due_on),
            "factor_labels": [f"{c}: {census_rules.ASSESSMENT_FACTORS.get(c, c)}" for c in assessment.factors],
        },
    )


@worker_required
def assessment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    assessment = visible_or_404(request, selectors.assessments_visible_to(user), pk=pk, object_type="cin_assessment")
    form = forms.AssessmentCompleteForm(request.POST or None)

    def save(data: dict[str, Any]) -> Model:
        return services.assessment_complete(assessment=assessment, by=user, **data)

    return _form_page(
        request,
        form=form,
        save=save,
        done=lambda a: reverse("cin:assessment", args=[assessment.pk]),
        title="Complete the assessment",
        caption=f"{assessment.get_kind_display()}, {assessment.referral.child.full_name}",
        back=reverse("cin:assessment", args=[assessment.pk]),
        intro="The parents, and the child when appropriate, are told the outcome in writing with the analysis.",
        button="Complete the assessment",
    )


@worker_required
def assessment_letter(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    assessment = visible_or_404(request, selectors.assessments_visible_to(user), pk=pk, object_type="cin_assessment")
    if assessment.completed_on is None:
        raise Http404("The assessment is not complete")
    access_record(request=request, action=AccessAction.DOWNLOAD, object_type="cin_assessment", object_id=pk)
    pdf = letters.render_pdf(
        "cin/letters/outcome.html",
        {
            "assessment": assessment,
            "child": assessment.referral.child,
            "authority": assessment.referral.child.local_authority,
            "outcome": services.outcome_label(assessment.outcome),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="outcome-letter-{assessment.pk}.pdf"'
    return response


@worker_required
def section47_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    referral = visible_or_404(request, selectors.referrals_visible_to(user), pk=pk, object_type="cin_referral")
    form = forms.Section47Form(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.section47_start(referral=referral, **data),
        done=lambda s47: reverse("cin:referral", args=[referral.pk]),
        title="Record a section 47 enquiry",
        caption=referral.child.full_name,
        back=reverse("cin:referral", args=[referral.pk]),
        intro="A child protection plan starts on the day of the initial child protection conference.",
    )


@worker_required
def section47_conference(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    enquiry: Section47 = visible_or_404(
        request,
        Section47.objects.filter(referral__child__in=selectors.children_visible_to(user)).select_related(
            "referral__child"
        ),
        pk=pk,
        object_type="cin_section47",
    )
    form = forms.ConferenceForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.section47_conference_record(enquiry=enquiry, **data),
        done=lambda s47: reverse("cin:referral", args=[enquiry.referral_id]),
        title="Record the outcome of the section 47 enquiry",
        caption=enquiry.referral.child.full_name,
        back=reverse("cin:referral", args=[enquiry.referral_id]),
    )


# --- Plans and reviews -----------------------------------------------------------------


@worker_required
def plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    referral = visible_or_404(request, selectors.referrals_visible_to(user), pk=pk, object_type="cin_referral")
    form = forms.PlanForm(request.POST or None)

    def save(data: dict[str, Any]) -> Model:
        return services.plan_start(child=referral.child, referral=referral, by=user, **data)

    return _form_page(
        request,
        form=form,
        save=save,
        done=lambda plan: reverse("cin:plan", args=[plan.pk]) if plan else reverse("cin:caseload"),
        title="Make the child's plan",
        caption=referral.child.full_name,
        back=reverse("cin:referral", args=[referral.pk]),
        intro="Each child has their own plan, even when brothers and sisters share much of it. "
        "A new plan ends the child's current plan on the day it starts.",
        button="Start the plan",
    )


@worker_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    plan = visible_or_404(request, selectors.plans_visible_to(user), pk=pk, object_type="cin_plan")
    return render(
        request,
        "cin/plan.html",
        {
            "plan": plan,
            "child": plan.child,
            "row": selectors.plan_row(plan, today=_today()),
            "reviews": plan.reviews.select_related("recorded_by"),
        },
    )


@worker_required
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    plan: Plan = visible_or_404(request, selectors.plans_visible_to(user), pk=pk, object_type="cin_plan")
    form = forms.ReviewForm(request.POST or None, initial={"consultant_participated": True})

    def save(data: dict[str, Any]) -> Model:
        return services.plan_review_record(plan=plan, by=user, **data)

    return _form_page(
        request,
        form=form,
        save=save,
        done=lambda review: reverse("cin:plan", args=[plan.pk]),
        title="Review the plan",
        caption=f"{plan.get_kind_display()}, {plan.child.full_name}",
        back=reverse("cin:plan", args=[plan.pk]),
        intro="Take account of new or changed circumstances, and of what has not changed despite support.",
        button="Record the review",
    )


# --- Team Around the Child in Need -----------------------------------------------


@worker_required
def team_member_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    child = visible_or_404(request, selectors.children_visible_to(user), pk=pk, object_type="cin_child")
    form = forms.TeamMemberForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.team_member_add(child=child, **data),
        done=lambda m: reverse("cin:child", args=[child.pk]) + "#team",
        title="Add to the Team Around the Child in Need",
        caption=child.full_name,
        back=reverse("cin:child", args=[child.pk]),
    )


@worker_required
def team_meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    child = visible_or_404(request, selectors.children_visible_to(user), pk=pk, object_type="cin_child")
    members = list(child.team.all())
    form = forms.TeamMeetingForm(request.POST or None, members=members)

    def save(data: dict[str, Any]) -> Model:
        chosen = set(data["invited"])
        return services.team_meeting_arrange(
            child=child,
            invited=[m for m in members if m.pk in chosen],
            held_on=data["held_on"],
            venue=data["venue"],
            chair=data["chair"],
            reason=data["reason"],
        )

    return _form_page(
        request,
        form=form,
        save=save,
        done=lambda meeting: reverse("cin:meeting", args=[meeting.pk]) if meeting else reverse("cin:caseload"),
        title="Arrange a TACiN meeting",
        caption=child.full_name,
        back=reverse("cin:child", args=[child.pk]),
        intro="Invite from the child's team: the Meeting Invitation List.",
        button="Arrange the meeting",
    )


@worker_required
def team_meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    meeting: TeamMeeting = visible_or_404(
        request,
        TeamMeeting.objects.filter(child__in=selectors.children_visible_to(user)).select_related("child"),
        pk=pk,
        object_type="cin_team_meeting",
    )
    invitations = list(meeting.invitations.select_related("member"))
    members = [i.member for i in invitations]
    initial = {"minutes": meeting.minutes, "attending": [i.member_id for i in invitations if i.attending]}
    form = forms.MinutesForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_meeting_minutes_record(meeting=meeting, **form.cleaned_data)
        except CinError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Minutes saved")
            return redirect(reverse("cin:meeting", args=[meeting.pk]))
    return render(
        request,
        "cin/team_meeting.html",
        {"meeting": meeting, "child": meeting.child, "invitations": invitations, "form": form},
    )


@worker_required
def co_working_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    child = visible_or_404(request, selectors.children_visible_to(user), pk=pk, object_type="cin_child")
    workers = list(User.objects.filter(organisation_id=child.local_authority_id, is_active=True).order_by("full_name"))
    by_pk = {w.pk: w for w in workers}
    form = forms.CoWorkingForm(request.POST or None, workers=workers)

    def save(data: dict[str, Any]) -> Model:
        return services.co_working_agreement_record(
            child=child,
            team_manager=by_pk[data["team_manager"]],
            key_worker=by_pk[data["key_worker"]],
            co_worker=by_pk[data["co_worker"]],
            agreed_on=data["agreed_on"],
            review_on=data["review_on"],
            co_worker_title=data["co_worker_title"],
            responsibilities=data["responsibilities"],
        )

    return _form_page(
        request,
        form=form,
        save=save,
        done=lambda a: reverse("cin:child", args=[child.pk]) + "#co-working",
        title="Record a Co-Working Agreement",
        caption=child.full_name,
        back=reverse("cin:child", args=[child.pk]),
        intro="The team manager keeps case management responsibility; the key worker holds case responsibility.",
    )


# --- Family meetings -------------------------------------------------------------------


@worker_required
def family_meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    child = visible_or_404(request, selectors.children_visible_to(user), pk=pk, object_type="cin_child")
    form = forms.FamilyMeetingForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.family_meeting_propose(child=child, by=user, **data),
        done=lambda m: reverse("cin:family-meeting", args=[m.pk]) if m else reverse("cin:caseload"),
        title="Plan a family meeting",
        caption=child.full_name,
        back=reverse("cin:child", args=[child.pk]),
        intro="Families where a plan is being considered must be told they can have a family meeting.",
    )


def _family_meeting(request: HttpRequest, pk: int) -> Any:
    user = current_user(request)
    return visible_or_404(request, selectors.family_meetings_visible_to(user), pk=pk, object_type="cin_family_meeting")


@worker_required
def family_meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    meeting = _family_meeting(request, pk)
    proposals = list(meeting.proposals.all())
    return render(
        request,
        "cin/family_meeting.html",
        {
            "meeting": meeting,
            "child": meeting.child,
            "proposals": proposals,
            "outcome": services.family_plan_outcome(meeting),
            "blocked": services.family_meeting_can_be_held(meeting),
            "is_manager": selectors.is_cin_manager(user),
            "proposal_form": forms.ProposalForm(),
        },
    )


@worker_required
def family_meeting_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    meeting = _family_meeting(request, pk)
    form = forms.RiskDecisionForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.family_meeting_decide(meeting=meeting, by=user, **data),
        done=lambda m: reverse("cin:family-meeting", args=[meeting.pk]),
        title="Decide whether the family meeting goes ahead",
        caption=meeting.child.full_name,
        back=reverse("cin:family-meeting", args=[meeting.pk]),
        intro="A person who might attend poses a risk to the child. The team manager or consultant social worker "
        "with case responsibility decides: go ahead, go ahead with safeguards, exclude the person, or not hold it.",
        button="Record the decision",
    )


@worker_required
def family_meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _family_meeting(request, pk)
    form = forms.FamilyMeetingRecordForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.family_meeting_record(meeting=meeting, **data),
        done=lambda m: reverse("cin:family-meeting", args=[meeting.pk]),
        title="Record the family meeting",
        caption=meeting.child.full_name,
        back=reverse("cin:family-meeting", args=[meeting.pk]),
        intro="Three stages: information sharing, family time, agreeing the plan.",
    )


@worker_required
def proposal_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _family_meeting(request, pk)
    form = forms.ProposalForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.family_proposal_add(meeting=meeting, **data),
        done=lambda p: reverse("cin:family-meeting", args=[meeting.pk]),
        title="Add part of the family's plan",
        caption=meeting.child.full_name,
        back=reverse("cin:family-meeting", args=[meeting.pk]),
    )


@worker_required
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    proposal: FamilyProposal = visible_or_404(
        request,
        FamilyProposal.objects.filter(meeting__child__in=selectors.children_visible_to(user)).select_related(
            "meeting__child"
        ),
        pk=pk,
        object_type="cin_family_proposal",
    )
    form = forms.ProposalDecisionForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.family_proposal_decide(proposal=proposal, **data),
        done=lambda p: reverse("cin:family-meeting", args=[proposal.meeting_id]),
        title="Is this part of the family's plan agreed?",
        caption=proposal.proposal[:80],
        back=reverse("cin:family-meeting", args=[proposal.meeting_id]),
        intro="Agree the family's plan, at least in principle, unless it places the child at significant risk of "
        "harm. The reasons for any part not agreed are stated clearly to the family.",
        button="Record",
    )


# --- Ending involvement --------------------------------------------------------------


@worker_required
def involvement_end(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    referral: Referral = visible_or_404(
        request, selectors.referrals_visible_to(user), pk=pk, object_type="cin_referral"
    )
    form = forms.ClosureForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.involvement_end(referral=referral, by=user, **data),
        done=lambda c: reverse("cin:referral", args=[referral.pk]),
        title="End involvement",
        caption=referral.child.full_name,
        back=reverse("cin:referral", args=[referral.pk]),
        intro="Only the team manager decides to end involvement. Consider a step-down to early help with the CAF "
        "if services still need co-ordinating.",
        button="End involvement",
    )


@worker_required
def closure_letter(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    referral: Referral = visible_or_404(
        request, selectors.referrals_visible_to(user), pk=pk, object_type="cin_referral"
    )
    closure = getattr(referral, "closure", None)
    if closure is None:
        raise Http404("Involvement has not ended")
    access_record(request=request, action=AccessAction.DOWNLOAD, object_type="cin_referral", object_id=pk)
    pdf = letters.render_pdf(
        "cin/letters/closure.html",
        {
            "referral": referral,
            "closure": closure,
            "child": referral.child,
            "authority": referral.child.local_authority,
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="closure-letter-{referral.pk}.pdf"'
    return response


# --- The census ------------------------------------------------------------------------


@manager_required
def census_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    la = _authority(user)
    form = forms.CensusForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else 2025
    census_return = census.census_return(la, year=year)
    issues = census_rules.validate(census_return)
    children = dict(Child.objects.filter(local_authority=la).values_list("la_child_id", "pk"))
    access_record(request=request, action=AccessAction.VIEW, object_type="cin_census", object_id=year)
    return render(
        request,
        "cin/census.html",
        {
            "form": form,
            "year": year,
            "authority": la,
            "children": len(census_return.children),
            "errors": _grouped(census_rules.errors(issues), children),
            "queries": _grouped([i for i in issues if i.is_query], children),
        },
    )


def _grouped(issues: list[census_rules.Issue], children: dict[str, int]) -> list[dict[str, Any]]:
    """Issues child by child, each with the child's page to put them right."""
    return [
        {"who": who, "pk": children.get(found[0].la_child_id), "issues": found}
        for who, found in census_rules.issues_by_child(issues).items()
    ]


@manager_required
def census_download(request: HttpRequest, year: int) -> HttpResponse:
    user = current_user(request)
    la = _authority(user)
    if year != 2025:
        raise Http404("Only the 2024 to 2025 census is supported")
    data = census_rules.to_xml(census.census_return(la, year=year, made_at=timezone.now()))
    problems = census_rules.errors(census_rules.check_file(data))
    if problems:
        messages.error(request, "The return has errors: correct what is listed before downloading it")
        return redirect(reverse("cin:census") + f"?year={year}")
    access_record(request=request, action=AccessAction.EXPORT, object_type="cin_census", object_id=year)
    response = HttpResponse(data, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="cin-census-{year}-{la.dfe_code}.xml"'
    return response
