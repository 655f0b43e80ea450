"""The training offer's pages: what is on, booking, your bookings, and the hub's view.

Thin: each checks who is asking, validates a form, calls a service and renders.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user, role_required
from hub.accounts.models import Role
from hub.training import forms, selectors, services
from hub.training.models import Booking, TrainingSession

# Everyone who signs in may see the offer; who may book or manage is checked per action.
_OFFER_ROLES = (Role.REFERRER, Role.SERVICE_MANAGER, Role.ADMINISTRATOR)


def _session(pk: int) -> TrainingSession:
    return get_object_or_404(TrainingSession.objects.select_related("course"), pk=pk)


@role_required(*_OFFER_ROLES)
def sessions(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    return render(
        request,
        "training/sessions.html",
        {
            "sessions": selectors.upcoming_sessions(),
            "may_book": services.may_book(user),
            "may_manage": services.may_manage(user),
        },
    )


@role_required(*_OFFER_ROLES)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    session = _session(pk)
    form = forms.BookingForm(request.POST or None)
    extra_errors: list[dict[str, str]] = []
    if request.method == "POST":
        if not services.may_book(user):
            raise PermissionDenied
        if form.is_valid():
            team = form.cleaned_data["for_whom"] == "team"
            try:
                booking = services.booking_make(
                    session=session,
                    actor=user,
                    attendee_name=form.cleaned_data["attendee_name"] if team else "",
                    attendee_email=form.cleaned_data["attendee_email"] if team else "",
                )
            except services.TrainingError as refused:
                extra_errors.append({"message": str(refused), "href": "#for_whom"})
            else:
                messages.success(request, f"{booking.attendee_name}: {booking.get_status_display().lower()}")
                return redirect("training:my-bookings")
    taken = session.bookings.filter(status="booked").count()
    context = {
        "session": session,
        "form": form,
        "extra_errors": extra_errors,
        "may_book": services.may_book(user) and session.starts_at > timezone.now() and not session.is_cancelled,
        "may_manage": services.may_manage(user),
        "taken": taken,
        "free": max(session.places - taken, 0),
        "bookings": selectors.bookings_of(session) if services.may_manage(user) else [],
        "started": session.starts_at <= timezone.now(),
        "places_form": forms.PlacesForm(initial={"places": session.places}),
    }
    return render(request, "training/session.html", context, status=400 if request.method == "POST" else 200)


@role_required(Role.REFERRER)
def my_bookings(request: HttpRequest) -> HttpResponse:
    return render(request, "training/my_bookings.html", {"bookings": selectors.bookings_by(current_user(request))})


def _booking_for(request: HttpRequest, pk: int) -> Booking:
    """The booker's own bookings; the hub's staff may reach any."""
    user = current_user(request)
    bookings = Booking.objects.select_related("session__course")
    if not services.may_manage(user):
        bookings = bookings.filter(booked_by=user)
    return get_object_or_404(bookings, pk=pk)


@require_POST
@role_required(*_OFFER_ROLES)
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking_for(request, pk)
    try:
        promoted = services.booking_cancel(booking=booking, actor=current_user(request))
    except services.TrainingError as refused:
        messages.error(request, str(refused))
    else:
        note = f"; {promoted.attendee_name} has the place from the waiting list" if promoted else ""
        messages.success(request, f"Cancelled {booking.attendee_name}'s booking{note}")
    if services.may_manage(current_user(request)):
        return redirect("training:session", booking.session_id)
    return redirect("training:my-bookings")


@require_POST
@role_required(Role.SERVICE_MANAGER, Role.ADMINISTRATOR)
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking_for(request, pk)
    try:
        services.attendance_mark(
            booking=booking, actor=current_user(request), attended=request.POST.get("attended") == "yes"
        )
    except services.TrainingError as refused:
        messages.error(request, str(refused))
    return redirect("training:session", booking.session_id)


@require_POST
@role_required(Role.SERVICE_MANAGER, Role.ADMINISTRATOR)
def places(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    form = forms.PlacesForm(request.POST)
    if form.is_valid():
        try:
            promoted = services.session_places_change(
                session=session, actor=current_user(request), places=form.cleaned_data["places"]
            )
        except services.TrainingError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, f"Places now {session.places}; {len(promoted)} moved up from the waiting list")
    else:
        messages.error(request, "Places must be a whole number, 1 or more")
    return redirect("training:session", session.pk)


@role_required(Role.REFERRER)
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking_for(request, pk)
    form = forms.FeedbackForm(request.POST or None)
    extra_errors: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(booking=booking, actor=current_user(request), **form.cleaned_data)
        except services.TrainingError as refused:
            extra_errors.append({"message": str(refused), "href": "#main-content"})
        else:
            messages.success(request, "Thank you for your feedback")
            return redirect("training:my-bookings")
    return render(
        request,
        "training/feedback.html",
        {"booking": booking, "form": form, "extra_errors": extra_errors},
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.SERVICE_MANAGER, Role.ADMINISTRATOR)
def hub_sessions(request: HttpRequest) -> HttpResponse:
    """Every session, past and to come, with places booked, waiting and attended."""
    return render(request, "training/hub_sessions.html", {"sessions": selectors.sessions_for_hub()[:200]})
