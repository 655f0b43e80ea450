"""Every change to the training offer goes through one of these functions.

Places are counted under a lock on the session, so two people booking the last
place at once cannot both get it: the second goes on the waiting list.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import Organisation, OrganisationKind, Role, User
from hub.training.models import AttendeeFeedback, Booking, BookingStatus, Course, TrainingSession


class TrainingError(Exception):
    """A change that cannot be made; the message says why, for the page."""


def may_book(user: User) -> bool:
    """Local authority staff (people with an authority as their organisation) book places."""
    organisation = user.organisation
    return bool(user.is_active and organisation is not None and organisation.kind == OrganisationKind.LOCAL_AUTHORITY)


def may_manage(user: User) -> bool:
    return user.is_active and user.role in (Role.SERVICE_MANAGER, Role.ADMINISTRATOR)


@transaction.atomic
def session_create(
    *,
    course: Course,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    places: int,
    venue: str = "",
    online_link: str = "",
) -> TrainingSession:
    if places < 1:
        raise TrainingError("A session needs at least one place")
    if ends_at < starts_at:
        raise TrainingError("A session cannot end before it starts")
    if not venue.strip() and not online_link.strip():
        raise TrainingError("Give a venue or a link for an online session")
    return TrainingSession.objects.create(
        course=course, starts_at=starts_at, ends_at=ends_at, places=places, venue=venue, online_link=online_link
    )


def _locked(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


def _places_taken(session: TrainingSession) -> int:
    return session.bookings.filter(status=BookingStatus.BOOKED).count()


@transaction.atomic
def booking_make(
    *, session: TrainingSession, actor: User, attendee_name: str = "", attendee_email: str = ""
) -> Booking:
    """A place for the booker or a member of their team; the waiting list when the session is full.

    The place counts for the booker's authority. Leave the name and email empty to book for yourself.
    """
    if not may_book(actor):
        raise TrainingError("Places are booked by local authority staff for themselves or their team")
    session = _locked(session)
    if session.is_cancelled:
        raise TrainingError("This session has been cancelled")
    if session.starts_at <= timezone.now():
        raise TrainingError("This session has already started")
    name = attendee_name.strip() or actor.full_name
    email = (attendee_email.strip() or actor.email).lower()
    if not name or not email:
        raise TrainingError("Give the attendee's name and email address")
    if session.bookings.filter(attendee_email=email).exclude(status=BookingStatus.CANCELLED).exists():
        raise TrainingError(f"{email} already has a place or is on the waiting list for this session")
    full = _places_taken(session) >= session.places
    now = timezone.now()
    assert actor.organisation is not None
    return Booking.objects.create(
        session=session,
        local_authority=actor.organisation,
        booked_by=actor,
        attendee_name=name,
        attendee_email=email,
        status=BookingStatus.WAITING if full else BookingStatus.BOOKED,
        booked_at=now,
        placed_at=None if full else now,
    )


def _promote_waiting(session: TrainingSession) -> Booking | None:
    """The longest-waiting person takes a place that has come free."""
    if _places_taken(session) >= session.places:
        return None
    waiting = session.bookings.filter(status=BookingStatus.WAITING).order_by("booked_at", "id").first()
    if waiting is None:
        return None
    waiting.status = BookingStatus.BOOKED
    waiting.placed_at = timezone.now()
    waiting.save(update_fields=["status", "placed_at"])
    return waiting


@transaction.atomic
def booking_cancel(*, booking: Booking, actor: User) -> Booking | None:
    """Cancel a place (or a waiting-list entry); returns the booking promoted into the freed place, if any."""
    session = _locked(booking.session)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.booked_by_id != actor.pk and not may_manage(actor):
        raise TrainingError("Only the person who booked, or the hub, can cancel this place")
    if booking.status == BookingStatus.CANCELLED:
        raise TrainingError("This booking is already cancelled")
    if booking.attended is not None:
        raise TrainingError("Attendance has been marked: the booking can no longer be cancelled")
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    return _promote_waiting(session)


@transaction.atomic
def session_places_change(*, session: TrainingSession, actor: User, places: int) -> list[Booking]:
    """More (or fewer) places: people waiting take any new places, longest waiting first."""
    if not may_manage(actor):
        raise TrainingError("Only the hub can change a session's places")
    session = _locked(session)
    taken = _places_taken(session)
    if places < max(taken, 1):
        raise TrainingError(f"{taken} places are already booked: cancel some before offering fewer")
    session.places = places
    session.save(update_fields=["places"])
    promoted = []
    while (booking := _promote_waiting(session)) is not None:
        promoted.append(booking)
    return promoted


@transaction.atomic
def attendance_mark(*, booking: Booking, actor: User, attended: bool) -> Booking:
    """The hub records who came, once the session has started."""
    if not may_manage(actor):
        raise TrainingError("Only the hub marks attendance")
    booking = Booking.objects.select_for_update().select_related("session").get(pk=booking.pk)
    if booking.status != BookingStatus.BOOKED:
        raise TrainingError("Only a booked place can be marked as attended")
    if booking.session.starts_at > timezone.now():
        raise TrainingError("Attendance is marked once the session has started")
    booking.attended = attended
    booking.save(update_fields=["attended"])
    return booking


@transaction.atomic
def feedback_give(
    *, booking: Booking, actor: User, usefulness: int, will_change_practice: bool, comment: str = ""
) -> AttendeeFeedback:
    """The attendee's view of the session (given by the person who booked, for them)."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.booked_by_id != actor.pk:
        raise TrainingError("Feedback is given by the person who booked the place")
    if booking.attended is not True:
        raise TrainingError("Feedback is given once attendance has been marked")
    if not 1 <= usefulness <= 5:
        raise TrainingError("Usefulness is from 1 to 5")
    if AttendeeFeedback.objects.filter(booking=booking).exists():
        raise TrainingError("Feedback has already been given for this place")
    return AttendeeFeedback.objects.create(
        booking=booking, usefulness=usefulness, will_change_practice=will_change_practice, comment=comment.strip()
    )


def authorities() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name"))
