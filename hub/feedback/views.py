"""Feedback pages.

The survey pages are public: no account, reached by a link or a letter code,
and they never show anything about the case (no name, no authority, no
assessor), so a link in the wrong hands gives nothing away. A link or code that
is wrong, used or expired gets the same kind page.

The staff pages (invitations, advocacy and support) are for the assessment's
assessor and the service manager, found through `visible_or_404` like the
workspace; the results are for the service manager and, as figures only, the
performance viewer.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user, role_required
from hub.accounts.models import Role
from hub.assessments.models import Assessment, AssessmentStatus
from hub.audit.services import visible_or_404
from hub.feedback import forms, questions, selectors, services, tasks
from hub.feedback.codes import show_code
from hub.feedback.models import Channel, SurveyInvitation, SurveyKind
from hub.referrals.models import Adult

SESSION_KEY = "feedback_invitation"

# The survey's pages: a few questions each, so it is short on a phone and a half-done survey is kept page by page.
STEPS: dict[str, list[tuple[str, list[questions.Question]]]] = {
    SurveyKind.FAMILY: [
        ("The assessment", questions.FAMILY_STATEMENTS),
        ("How the work was done", questions.FAMILY_WORK),
        ("Your ratings", questions.FAMILY_RATINGS),
        ("In your own words", questions.FAMILY_WORDS),
    ],
    SurveyKind.PROFESSIONAL: [
        ("Your ratings", questions.PROFESSIONAL_RATINGS),
        ("In your own words", questions.PROFESSIONAL_WORDS),
    ],
}


def _client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a placeholder address, never bound


def _not_working(request: HttpRequest) -> HttpResponse:
    """The one page for a link or code that is wrong, used or expired: it says nothing about why or whose."""
    request.session.pop(SESSION_KEY, None)
    return render(request, "feedback/survey_not_working.html", {"telephone": settings.HUB_TELEPHONE}, status=404)


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/survey_too_many.html", {"telephone": settings.HUB_TELEPHONE}, status=429)


@never_cache
def start(request: HttpRequest) -> HttpResponse:
    """Type in the code from a letter."""
    address = _client_address(request)
    form = forms.CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if services.too_many_attempts(ip_address=address):
            return _too_many(request)
        if form.is_valid():
            invitation = services.invitation_open(
                secret=form.cleaned_data["code"], by=services.CODE, ip_address=address
            )
            if invitation is not None:
                request.session.cycle_key()
                request.session[SESSION_KEY] = invitation.pk
                return redirect("feedback:survey", step=1)
            form.add_error(
                "code",
                "That code does not work. Check it against your letter. A code stops working when the "
                "survey has been sent, or after the date in the letter.",
            )
    return render(request, "feedback/survey_start.html", {"form": form})


@never_cache
def link(request: HttpRequest, token: str) -> HttpResponse:
    """The link from an email: remembered for this visit, then out of the address bar."""
    address = _client_address(request)
    if services.too_many_attempts(ip_address=address):
        return _too_many(request)
    invitation = services.invitation_open(secret=token, by=services.LINK, ip_address=address)
    if invitation is None:
        return _not_working(request)
    request.session.cycle_key()
    request.session[SESSION_KEY] = invitation.pk
    return redirect("feedback:survey", step=1)


def _current(request: HttpRequest) -> SurveyInvitation | None:
    return services.open_invitation(request.session.get(SESSION_KEY))


@never_cache
def survey(request: HttpRequest, step: int) -> HttpResponse:
    invitation = _current(request)
    if invitation is None:
        return _not_working(request)
    steps = STEPS[invitation.kind]
    if not 1 <= step <= len(steps):
        return redirect("feedback:survey", step=1)
    title, asked = steps[step - 1]
    last = step == len(steps)
    form_class = forms.step_form_class(asked, last=last)
    response = services.response_for(invitation)
    action = request.POST.get("action", "continue")
    if request.method == "POST":
        form = form_class(request.POST, sending=last and action == "send")
        if form.is_valid():
            services.response_save(invitation=invitation, answers=form.answers(), send=form.sending)
            if form.sending:
                request.session.pop(SESSION_KEY, None)
                return redirect("feedback:thanks")
            if action == "later":
                return redirect("feedback:saved")
            return redirect("feedback:survey", step=min(step + 1, len(steps)))
    else:
        initial = {}
        for name in form_class.base_fields:
            value = getattr(response, name, None)
            if isinstance(value, bool):
                initial[name] = "yes" if value else "no"
            elif value not in (None, ""):
                initial[name] = str(value)
        form = form_class(initial=initial)
    context = {
        "form": form,
        "title": title,
        "step": step,
        "steps": len(steps),
        "last": last,
        "is_family": invitation.kind == SurveyKind.FAMILY,
        "previous": reverse("feedback:survey", args=[step - 1]) if step > 1 else "",
    }
    return render(request, "feedback/survey_step.html", context)


@never_cache
def saved(request: HttpRequest) -> HttpResponse:
    invitation = _current(request)
    if invitation is None:
        return _not_working(request)
    context = {"invitation": invitation, "by_letter": invitation.channel == Channel.LETTER}
    return render(request, "feedback/survey_saved.html", context)


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/survey_thanks.html")


# Staff pages.


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    return visible_or_404(
        request, selectors.assessments_with_support(current_user(request)), pk=pk, object_type="assessment"
    )


def _staff_context(request: HttpRequest, assessment: Assessment, **extra: Any) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "referral": assessment.referral,
        "is_manager": current_user(request).role == Role.SERVICE_MANAGER,
        **extra,
    }


@role_required(Role.SERVICE_MANAGER, Role.ASSESSOR, hidden_as="assessment")
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    if request.method == "POST":
        if assessment.status != AssessmentStatus.FILED:
            messages.info(request, "Invitations are prepared once the report is filed.")
        else:
            tasks.invitations_prepare.enqueue(report_id=assessment.report.pk)
            messages.success(request, "The invitations are being prepared; the emails go out shortly.")
        return redirect("feedback:invitations", pk=pk)
    found = selectors.invitations_of(assessment)
    context = _staff_context(
        request,
        assessment,
        invitations=found,
        filed=assessment.status == AssessmentStatus.FILED,
        # An email that could not be sent (Notify refused it, say) can be sent again from here.
        unsent_emails=any(i.channel == Channel.EMAIL and i.sent_at is None for i in found),
    )
    return render(request, "feedback/invitations.html", context)


@require_POST
@role_required(Role.SERVICE_MANAGER, Role.ASSESSOR, hidden_as="assessment")
def invitation_letter(request: HttpRequest, pk: int, invitation_id: int) -> HttpResponse:
    """A letter with a new code, to print now: the code is shown this once and kept only as a hash."""
    assessment = _assessment(request, pk)
    invitation = get_object_or_404(SurveyInvitation, pk=invitation_id, assessment=assessment)
    try:
        code = services.invitation_letter_issue(invitation=invitation, actor=current_user(request))
    except services.FeedbackError as problem:
        messages.info(request, str(problem))
        return redirect("feedback:invitations", pk=pk)
    invitation.refresh_from_db()
    context = _staff_context(
        request,
        assessment,
        invitation=invitation,
        code=show_code(code),
        survey_url=settings.HUB_BASE_URL + reverse("feedback:start"),
        hub_address=settings.HUB_POSTAL_ADDRESS,
        telephone=settings.HUB_TELEPHONE,
    )
    return render(request, "feedback/invitation_letter.html", context)


@role_required(Role.SERVICE_MANAGER, Role.ASSESSOR, hidden_as="assessment")
def support(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    context = _staff_context(
        request, assessment, people=selectors.support_of(assessment), providers=selectors.providers()
    )
    return render(request, "feedback/support.html", context)


def _adult(assessment: Assessment, adult_id: int) -> Adult:
    return get_object_or_404(Adult, pk=adult_id, referral_id=assessment.referral_id)


@role_required(Role.SERVICE_MANAGER, Role.ASSESSOR, hidden_as="assessment")
def advocacy(request: HttpRequest, pk: int, adult_id: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    adult = _adult(assessment, adult_id)
    offer = next((p.advocacy for p in selectors.support_of(assessment) if p.adult.pk == adult.pk), None)
    initial = (
        {
            "offered_on": offer.offered_on,
            "answer": offer.answer,
            "provider": offer.provider_id,
            "referred_on": offer.referred_on,
            "notes": offer.notes,
        }
        if offer
        else {}
    )
    form = forms.AdvocacyForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.advocacy_offer_record(
                assessment=assessment,
                adult=adult,
                actor=current_user(request),
                offered_on=data["offered_on"],
                answer=data["answer"],
                provider=data["provider"],
                referred_on=data["referred_on"],
                notes=data["notes"],
            )
        except services.FeedbackError as problem:
            form.add_error(problem.field, str(problem))
        else:
            messages.success(request, f"Advocacy recorded for {adult.full_name}")
            return redirect("feedback:support", pk=pk)
    context = _staff_context(request, assessment, adult=adult, form=form, heading="Offer of advocacy")
    return render(request, "feedback/support_form.html", context)


@role_required(Role.SERVICE_MANAGER, Role.ASSESSOR, hidden_as="assessment")
def support_refer(request: HttpRequest, pk: int, adult_id: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    adult = _adult(assessment, adult_id)
    form = forms.SupportReferralForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.support_referral_make(
                assessment=assessment,
                adult=adult,
                provider=data["provider"],
                actor=current_user(request),
                referred_on=data["referred_on"],
                notes=data["notes"],
            )
        except services.FeedbackError as problem:
            form.add_error(problem.field, str(problem))
        else:
            messages.success(request, f"Referral recorded for {adult.full_name}")
            return redirect("feedback:support", pk=pk)
    context = _staff_context(request, assessment, adult=adult, form=form, heading="Refer for support")
    return render(request, "feedback/support_form.html", context)


ADVOCACY_PAGE_SIZE = 50


@role_required(Role.SERVICE_MANAGER)
def advocacy_not_offered(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.advocacy_not_offered(), ADVOCACY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "feedback/advocacy_not_offered.html", {"page": page})


@role_required(Role.SERVICE_MANAGER, Role.VIEWER, Role.ASSESSOR)
def providers(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/providers.html", {"providers": selectors.providers()})


@role_required(Role.SERVICE_MANAGER, Role.VIEWER)
def results(request: HttpRequest) -> HttpResponse:
    form = forms.ResultsForm(request.GET or None)
    chosen, by = selectors.ResultsFilter(), "hub"
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        chosen = selectors.ResultsFilter(
            local_authority_id=data["local_authority"].pk if data["local_authority"] else None,
            assessment_type=data["assessment_type"],
            assessor_id=data["assessor"].pk if data["assessor"] else None,
            submitted_from=data["submitted_from"],
            submitted_to=data["submitted_to"],
        )
        by = data["group_by"] or "hub"
    # The service manager reads the quotes people agreed to; the performance viewer sees figures only.
    with_quotes = current_user(request).role == Role.SERVICE_MANAGER
    context = {
        "form": form,
        "by_label": selectors.GROUPINGS[by],
        "family": selectors.results(SurveyKind.FAMILY, chosen, by=by, with_quotes=with_quotes),
        "professional": selectors.results(SurveyKind.PROFESSIONAL, chosen, by=by, with_quotes=with_quotes),
        "with_quotes": with_quotes,
    }
    return render(request, "feedback/results.html", context)
