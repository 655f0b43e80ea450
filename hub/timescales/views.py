"""Pages for the timeline, an assessor's deadlines, one clock, and the calendar feed.

Views stay thin: they check who is asking (selectors.timescales_visible_to),
validate a form, call a service and render.
"""

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user, role_required
from hub.accounts.models import Organisation, OrganisationKind, Role, User
from hub.audit.models import AccessAction
from hub.audit.services import access_record, visible_or_404
from hub.core import calendar
from hub.core.forms import GovukForm, LongSelect
from hub.referrals.models import AssessmentType
from hub.timescales import engine, feeds, forms, selectors, services
from hub.timescales.models import (
    CalendarFeed,
    Clock,
    ClockPause,
    PauseReason,
    ReminderPreference,
    Status,
    TimescaleRuleVersion,
)

PAGE_SIZE = 50
NOT_PAUSABLE = (
    "This timescale cannot be paused: only full fostering and special guardianship timescales allow for "
    'checks ("checks permitting"). If the court agrees more time, the service manager records an extension.'
)


class TimelineFilterForm(GovukForm):
    local_authority = django_forms.TypedChoiceField(
        label="Local authority", required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    assessment_type = django_forms.ChoiceField(
        label="Type", required=False, choices=[("", "All types"), *AssessmentType.choices]
    )
    assessor = django_forms.TypedChoiceField(
        label="Assessor", required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    status = django_forms.ChoiceField(label="Status", required=False, choices=[("", "All statuses"), *Status.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        las = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).values_list("pk", "name")
        self.fields["local_authority"].choices = [("", "All local authorities"), *las]  # type: ignore[attr-defined]
        assessors = User.objects.filter(role=Role.ASSESSOR, is_active=True).values_list("pk", "full_name")
        self.fields["assessor"].choices = [("", "All assessors"), *assessors]  # type: ignore[attr-defined]


def _rows(page_clocks: list[Clock], *, as_of: Any, calendar_: calendar.WorkingCalendar) -> list[dict]:
    rows = []
    for clock in page_clocks:
        report = engine.assess(selectors.clock_facts(clock, as_of=as_of), as_of=as_of, calendar_=calendar_)
        rows.append({"clock": clock, "report": report})
    return rows


def _timeline_page(
    request: HttpRequest, *, filters: selectors.TimelineFilters, template: str, extra: dict
) -> HttpResponse:
    user = current_user(request)
    # Clocks start when a referral is accepted (and the daily job starts any that are
    # missing), so looking at the timeline writes nothing.
    as_of = services.today()
    calendar_ = services.working_calendar()
    clocks = selectors.live_timeline(user, filters=filters, as_of=as_of, calendar_=calendar_)
    counts = selectors.status_counts(
        selectors.live_timeline(
            user,
            filters=selectors.TimelineFilters(**{**filters.__dict__, "status": ""}),
            as_of=as_of,
            calendar_=calendar_,
        )
    )
    paginator = Paginator(
        clocks.prefetch_related(Prefetch("pauses", queryset=ClockPause.objects.order_by("started_on"))), PAGE_SIZE
    )
    # The counts by status already say how many rows the list has: no second count over every live clock.
    paginator.count = counts.get(filters.status, 0) if filters.status else sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    rows = _rows(list(page.object_list), as_of=as_of, calendar_=calendar_)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "rows": rows,
        "page": page,
        "counts": [(Status(value), n) for value, n in counts.items()],
        "total": sum(counts.values()),
        "as_of": as_of,
        "query": query.urlencode(),
        **extra,
    }
    return render(request, template, context)


@role_required(Role.SERVICE_MANAGER)
def timeline(request: HttpRequest) -> HttpResponse:
    """Every live assessment by due date, with its status and why."""
    form = TimelineFilterForm(request.GET or None)
    filters = selectors.TimelineFilters()
    if form.is_valid():
        filters = selectors.TimelineFilters(**form.cleaned_data)
    access_record(request=request, action=AccessAction.SEARCH, object_type="timeline")
    return _timeline_page(request, filters=filters, template="timescales/timeline.html", extra={"form": form})


@role_required(Role.ASSESSOR)
def my_deadlines(request: HttpRequest) -> HttpResponse:
    """The assessor's own assessments by due date."""
    access_record(request=request, action=AccessAction.SEARCH, object_type="my_deadlines")
    return _timeline_page(
        request, filters=selectors.TimelineFilters(), template="timescales/my_deadlines.html", extra={}
    )


def _visible_clock(request: HttpRequest, pk: int) -> Clock:
    return visible_or_404(request, selectors.clock_detail(current_user(request)), pk=pk, object_type="assessment_clock")


def _clock_form_page(
    request: HttpRequest,
    clock: Clock,
    form: Any,
    *,
    save: Callable[[dict[str, Any]], object],
    error_href: str,
    success: str,
    template: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A form about one clock (pause, restart, extension): saved through its service and back to
    the clock's page, or shown again with what was typed and why the service refused it."""
    extra_errors: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except services.ClockError as refused:
            extra_errors.append({"message": str(refused), "href": error_href})
        else:
            messages.success(request, success)
            return redirect("timescales:detail", clock.pk)
    return render(
        request,
        template,
        {"clock": clock, "assessment": clock.assessment, "form": form, "extra_errors": extra_errors, **(context or {})},
        status=400 if request.method == "POST" else 200,
    )


def _detail_context(request: HttpRequest, clock: Clock) -> dict[str, Any]:
    as_of = services.today()
    calendar_ = services.working_calendar()
    facts = selectors.clock_facts(clock, as_of=as_of)
    report = engine.assess(facts, as_of=as_of, calendar_=calendar_)
    pauses = list(clock.pauses.all())
    by_reason = engine.paused_days_by_reason(
        [p.as_engine_pause() for p in pauses], clock_start=clock.clock_start, as_of=as_of
    )
    latest = clock.rule_version.rule.versions.order_by("-number").first()
    newer = latest if latest is not None and latest.number > clock.rule_version.number else None
    return {
        "clock": clock,
        "assessment": clock.assessment,
        "referral": clock.assessment.referral,
        "report": report,
        "pauses": pauses,
        "open_pauses": [p for p in pauses if p.ended_on is None],
        # Each reason pauses the clock once at a time; the others can still be added.
        "can_pause_more": len({p.reason for p in pauses if p.ended_on is None}) < len(PauseReason.choices),
        "paused_by_reason": [(engine.PauseReason(reason).label, days) for reason, days in by_reason.items()],
        "court_flags": list(facts.court_flags),
        "events": list(clock.events.all()),
        "extensions": list(clock.extensions.all()),
        "court_changes": list(clock.assessment.referral.court_date_changes.all()),
        "newer_version": newer,
        "is_manager": current_user(request).role == Role.SERVICE_MANAGER,
        "may_record_qa": services.may_record_qa(current_user(request)),
        "bank_holidays": calendar_.bank_holidays_between(clock.clock_start, max(clock.due_date, as_of)),
    }


def _milestone_form(request: HttpRequest, data: Any = None) -> forms.MilestoneForm:
    return forms.MilestoneForm(
        data, today=services.today(), may_record_qa=services.may_record_qa(current_user(request)), prefix="milestone"
    )


@login_required
def clock_detail(request: HttpRequest, pk: int) -> HttpResponse:
    clock = _visible_clock(request, pk)
    context = _detail_context(request, clock)
    context["milestone_form"] = _milestone_form(request)
    context["court_form"] = forms.CourtDateForm(prefix="court")
    if context["newer_version"] is not None:
        context["apply_form"] = forms.ApplyVersionForm(version=context["newer_version"], prefix="apply")
    return render(request, "timescales/detail.html", context)


@login_required
def clock_pause(request: HttpRequest, pk: int) -> HttpResponse:
    """Pause the clock with a reason: "checks permitting"."""
    clock = _visible_clock(request, pk)
    if not clock.rule_version.pausable:
        # Only a "checks permitting" timescale pauses; the others are extended by the court.
        messages.info(request, NOT_PAUSABLE)
        return redirect("timescales:detail", clock.pk)
    open_reasons = frozenset(p.reason for p in clock.pauses.all() if p.ended_on is None)
    form = forms.PauseForm(
        request.POST or None, today=services.today(), clock_start=clock.clock_start, open_reasons=open_reasons
    )
    if len(open_reasons) == len(PauseReason.choices):
        messages.info(request, "The clock is already paused for every reason there is")
        return redirect("timescales:detail", clock.pk)
    return _clock_form_page(
        request,
        clock,
        form,
        save=lambda data: services.clock_pause(
            clock=clock,
            actor=current_user(request),
            reason=data["reason"],
            started_on=data["started_on"],
            detail=data["detail"],
        ),
        error_href="#id_reason",
        success="The clock is paused: the due date will move on by the paused time",
        template="timescales/pause.html",
        context={"open_pauses": [p for p in clock.pauses.all() if p.ended_on is None]},
    )


@role_required(Role.SERVICE_MANAGER)
def clock_extend(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the court agreed more time: the due date moves, and the assessment is outside its timescale."""
    clock = _visible_clock(request, pk)
    form = forms.ExtensionForm(
        request.POST or None, today=services.today(), clock_start=clock.clock_start, due_date=clock.due_date
    )
    return _clock_form_page(
        request,
        clock,
        form,
        save=lambda data: services.clock_extend(
            clock=clock,
            actor=current_user(request),
            cause=data["cause"],
            detail=data["detail"],
            extended_to=data["extended_to"],
            agreed_on=data["agreed_on"],
        ),
        error_href="#id_extended_to_0",
        success="Extension recorded: the assessment is now outside its timescale",
        template="timescales/extend.html",
    )


@login_required
def clock_resume(request: HttpRequest, pk: int, pause_pk: int) -> HttpResponse:
    clock = _visible_clock(request, pk)
    pause = next((p for p in clock.pauses.all() if p.pk == pause_pk and p.ended_on is None), None)
    if pause is None:
        raise Http404("No such pause")
    form = forms.ResumeForm(request.POST or None, today=services.today(), paused_on=pause.started_on)
    return _clock_form_page(
        request,
        clock,
        form,
        save=lambda data: services.clock_resume(pause=pause, actor=current_user(request), ended_on=data["ended_on"]),
        error_href="#id_ended_on_0",
        success="The clock has restarted",
        template="timescales/resume.html",
        context={"pause": pause},
    )


@require_POST
@login_required
def milestone_record(request: HttpRequest, pk: int) -> HttpResponse:
    clock = _visible_clock(request, pk)
    form = _milestone_form(request, request.POST)
    if form.is_valid():
        try:
            services.milestone_record(
                clock=clock,
                actor=current_user(request),
                milestone=form.cleaned_data["milestone"],
                reached_on=form.cleaned_data["reached_on"],
            )
        except services.QualityAssuranceRefused as refused:
            form.add_error("milestone", str(refused))
        except services.ClockError as refused:
            form.add_error("reached_on", str(refused))
        else:
            messages.success(request, "Milestone recorded")
            return redirect("timescales:detail", clock.pk)
    context = _detail_context(request, clock)
    context.update(milestone_form=form, form=form, court_form=forms.CourtDateForm(prefix="court"))
    return render(request, "timescales/detail.html", context, status=400)


@require_POST
@role_required(Role.SERVICE_MANAGER)
def court_date_record(request: HttpRequest, pk: int) -> HttpResponse:
    clock = _visible_clock(request, pk)
    form = forms.CourtDateForm(request.POST, prefix="court")
    if form.is_valid():
        services.court_date_change_record(
            referral=clock.assessment.referral,
            actor=current_user(request),
            kind=form.cleaned_data["kind"],
            new_date=form.cleaned_data["new_date"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "Court date recorded")
        return redirect("timescales:detail", clock.pk)
    context = _detail_context(request, clock)
    context.update(court_form=form, form=form, milestone_form=_milestone_form(request))
    return render(request, "timescales/detail.html", context, status=400)


@require_POST
@role_required(Role.SERVICE_MANAGER)
def rule_version_apply(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    clock = _visible_clock(request, pk)
    try:
        version = TimescaleRuleVersion.objects.get(pk=version_pk, rule=clock.rule_version.rule_id)
    except TimescaleRuleVersion.DoesNotExist:
        raise Http404("No such version") from None
    form = forms.ApplyVersionForm(request.POST, version=version, prefix="apply")
    if form.is_valid():
        try:
            services.clock_apply_rule_version(
                clock=clock, version=version, actor=current_user(request), reason=form.cleaned_data["reason"]
            )
        except services.ClockError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, f"Version {version.number} of the rule now applies to this assessment")
        return redirect("timescales:detail", clock.pk)
    context = _detail_context(request, clock)
    context.update(
        apply_form=form,
        form=form,
        milestone_form=_milestone_form(request),
        court_form=forms.CourtDateForm(prefix="court"),
    )
    return render(request, "timescales/detail.html", context, status=400)


@role_required(Role.SERVICE_MANAGER, Role.ASSESSOR)
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """The private calendar address and how reminders arrive."""
    user = current_user(request)
    preference = ReminderPreference.objects.filter(user=user).first()
    new_url = None
    form = forms.ReminderPreferenceForm(
        request.POST if request.POST.get("action") == "reminders" else None,
        initial={"daily_digest": "yes" if preference and preference.daily_digest else "no"},
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "issue":
            _, raw = services.calendar_feed_issue(user=user)
            new_url = request.build_absolute_uri(reverse("timescales:feed", args=[raw]))
            messages.success(request, "Your new calendar address is ready: copy it now, it will not be shown again")
        elif action == "revoke":
            services.calendar_feed_revoke(user=user)
            messages.success(request, "Your calendar address has been switched off")
            return redirect("timescales:calendar")
        elif action == "reminders" and form.is_valid():
            services.reminder_preference_set(user=user, daily_digest=form.cleaned_data["daily_digest"])
            messages.success(request, "Your reminder choice has been saved")
            return redirect("timescales:calendar")
    feed = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()
    return render(request, "timescales/calendar.html", {"feed": feed, "new_url": new_url, "form": form})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed: no sign-in (calendar applications cannot), the token is the key."""
    feed = feeds.feed_for_token(token)
    if feed is None:
        raise Http404("No such calendar")
    services.calendar_feed_mark_used(feed=feed)
    response = HttpResponse(feeds.calendar_for(feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="assessment-hub.ics"'
    return response
