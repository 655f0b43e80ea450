"""Reads of the training offer: what is on, who booked, and places by authority and course."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from hub.accounts.models import User
from hub.training.models import Booking, BookingStatus, Course, TrainingSession


def upcoming_sessions(*, now: datetime.datetime | None = None) -> QuerySet[TrainingSession]:
    """Sessions still to come, with their places taken and waiting counted in the same query."""
    now = now or timezone.now()
    return (
        TrainingSession.objects.filter(starts_at__gt=now, is_cancelled=False, course__is_active=True)
        .select_related("course")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        )
        .annotate(free_places=F("places") - F("booked"))
        .order_by("starts_at", "id")
    )


def sessions_for_hub() -> QuerySet[TrainingSession]:
    return (
        TrainingSession.objects.select_related("course")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
            attended=Count("bookings", filter=Q(bookings__attended=True)),
        )
        .order_by("-starts_at", "-id")
    )


def bookings_of(session: TrainingSession) -> QuerySet[Booking]:
    return (
        session.bookings.exclude(status=BookingStatus.CANCELLED)
        .select_related("local_authority")
        .order_by("status", "booked_at", "id")
    )


def bookings_by(user: User) -> QuerySet[Booking]:
    """The places a person booked, for themselves and their team."""
    return (
        Booking.objects.filter(booked_by=user)
        .select_related("session__course", "feedback")
        .order_by("-session__starts_at", "id")
    )


@dataclass(frozen=True)
class PlacesRow:
    local_authority_id: int
    local_authority: str
    course: str
    booked: int
    attended: int


def places_by_authority_and_course(
    *, starts: datetime.date, ends: datetime.date, local_authority: int | None = None
) -> list[PlacesRow]:
    """Places booked (a place given, not cancelled) and attended, for sessions held from `starts` to `ends`.

    One grouped query whatever the number of bookings. A session's day is its London day.
    """
    start_at = datetime.datetime.combine(starts, datetime.time.min, tzinfo=timezone.get_current_timezone())
    end_at = datetime.datetime.combine(
        ends + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    bookings = Booking.objects.filter(
        status=BookingStatus.BOOKED, session__starts_at__gte=start_at, session__starts_at__lt=end_at
    )
    if local_authority:
        bookings = bookings.filter(local_authority_id=local_authority)
    rows = (
        bookings.order_by()
        .values("local_authority_id", "local_authority__name", "session__course__name")
        .annotate(booked=Count("id"), attended=Count("id", filter=Q(attended=True)))
        .order_by("local_authority__name", "session__course__name")
    )
    return [
        PlacesRow(
            local_authority_id=row["local_authority_id"],
            local_authority=row["local_authority__name"],
            course=row["session__course__name"],
            booked=row["booked"],
            attended=row["attended"],
        )
        for row in rows
    ]


def active_courses() -> QuerySet[Course]:
    return Course.objects.filter(is_active=True).order_by("name")
