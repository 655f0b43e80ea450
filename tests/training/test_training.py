"""The training offer: LA staff book for themselves or their team, full sessions keep a
waiting list that moves up when a place frees, the hub marks attendance, attendees give feedback."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from hub.accounts.models import Role
from hub.training import selectors, services
from hub.training.models import Booking, BookingStatus, Course
from tests import factories

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 5, 11, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _session(places: int = 2, *, days: int = 14, course: str = "parentassess"):
    starts = timezone.now() + datetime.timedelta(days=days)
    return services.session_create(
        course=Course.objects.get(code=course),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        places=places,
        venue="Synthetic Training Centre, Chester",
    )


def test_the_sources_courses_are_offered():
    assert set(Course.objects.values_list("name", flat=True)) >= {
        "ParentAssess",
        "CoramBAAF kinship assessment",
        "Lucy Faithfull protective carers",
        "Theraplay",
        "Family time observation workshop",
        "Knowledge exchange event",
        "Research webinar",
    }


def test_staff_book_for_themselves_and_their_team_and_the_place_counts_for_their_authority():
    referrer = factories.referrer("Wirral")
    session = _session(places=5)
    mine = services.booking_make(session=session, actor=referrer)
    theirs = services.booking_make(
        session=session, actor=referrer, attendee_name="Team Member Example", attendee_email="Team.Member@example.org"
    )
    assert (mine.attendee_name, mine.attendee_email) == (referrer.full_name, referrer.email)
    assert theirs.attendee_email == "team.member@example.org"
    assert {b.local_authority.name for b in (mine, theirs)} == {"Wirral"}
    with pytest.raises(services.TrainingError, match="already has a place"):
        services.booking_make(session=session, actor=referrer, attendee_name="Again", attendee_email=referrer.email)


def test_only_local_authority_staff_book():
    session = _session()
    for person in (factories.service_manager(), factories.assessor(), factories.user(Role.VIEWER)):
        with pytest.raises(services.TrainingError, match="local authority staff"):
            services.booking_make(session=session, actor=person)


def test_a_full_session_keeps_a_waiting_list_that_moves_up_when_a_place_frees():
    referrer = factories.referrer("Halton")
    session = _session(places=2)
    first, second = (
        services.booking_make(
            session=session, actor=referrer, attendee_name=f"P{n}", attendee_email=f"p{n}@example.org"
        )
        for n in (1, 2)
    )
    waiting = [
        services.booking_make(
            session=session, actor=referrer, attendee_name=f"W{n}", attendee_email=f"w{n}@example.org"
        )
        for n in (1, 2)
    ]
    assert [b.status for b in waiting] == [BookingStatus.WAITING] * 2
    promoted = services.booking_cancel(booking=first, actor=referrer)
    assert promoted is not None and promoted.pk == waiting[0].pk  # the longest waiting first
    assert Booking.objects.get(pk=waiting[1].pk).status == BookingStatus.WAITING
    # More places: the rest of the waiting list moves up.
    moved = services.session_places_change(session=session, actor=factories.service_manager(), places=3)
    assert [b.pk for b in moved] == [waiting[1].pk]
    assert session.bookings.filter(status=BookingStatus.BOOKED).count() == 3
    assert second.status == BookingStatus.BOOKED


def test_the_hub_marks_attendance_after_the_session_and_attendees_give_feedback():
    referrer = factories.referrer("Sefton")
    manager = factories.service_manager()
    session = _session(places=3, days=1)
    booking = services.booking_make(session=session, actor=referrer)
    with pytest.raises(services.TrainingError, match="once the session has started"):
        services.attendance_mark(booking=booking, actor=manager, attended=True)
    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        with pytest.raises(services.TrainingError, match="Only the hub"):
            services.attendance_mark(booking=booking, actor=referrer, attended=True)
        services.attendance_mark(booking=booking, actor=manager, attended=True)
        feedback = services.feedback_give(booking=booking, actor=referrer, usefulness=5, will_change_practice=True)
        assert feedback.booking.attended is True
        with pytest.raises(services.TrainingError, match="no longer be cancelled"):
            services.booking_cancel(booking=booking, actor=referrer)


def test_places_booked_and_attended_are_counted_by_authority_and_course():
    manager = factories.service_manager()
    liverpool, wirral = factories.referrer("Liverpool"), factories.referrer("Wirral")
    parentassess, theraplay = _session(places=10, days=1), _session(places=10, days=1, course="theraplay")
    for n in range(3):
        services.booking_make(
            session=parentassess, actor=liverpool, attendee_name=f"L{n}", attendee_email=f"l{n}@x.org"
        )
    services.booking_make(session=theraplay, actor=wirral)
    cancelled = services.booking_make(session=theraplay, actor=liverpool)
    services.booking_cancel(booking=cancelled, actor=liverpool)
    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        for booking in parentassess.bookings.all()[:2]:
            services.attendance_mark(booking=booking, actor=manager, attended=True)
    day = (NOW + datetime.timedelta(days=1)).date()
    rows = selectors.places_by_authority_and_course(starts=day, ends=day)
    assert [(r.local_authority, r.course, r.booked, r.attended) for r in rows] == [
        ("Liverpool", "ParentAssess", 3, 2),
        ("Wirral", "Theraplay", 1, 0),
    ]


def test_the_pages_book_a_place_and_show_the_waiting_list(client_for):
    referrer = factories.referrer("Knowsley")
    session = _session(places=1)
    client = client_for(referrer)
    assert "ParentAssess" in client.get("/training/").content.decode()
    response = client.post(f"/training/sessions/{session.pk}/", {"for_whom": "me"})
    assert response.status_code == 302
    # Booking for a team member without their email is shown again with what was typed.
    response = client.post(f"/training/sessions/{session.pk}/", {"for_whom": "team", "attendee_name": "Kim Example"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and 'value="Kim Example"' in page
    response = client.post(
        f"/training/sessions/{session.pk}/",
        {"for_whom": "team", "attendee_name": "Kim Example", "attendee_email": "kim@example.org"},
    )
    assert response.status_code == 302
    assert "On the waiting list" in client.get("/training/bookings/").content.decode()
    manager_page = client_for(factories.service_manager()).get(f"/training/sessions/{session.pk}/").content.decode()
    assert "Kim Example" in manager_page and "On the waiting list" in manager_page
