import pytest
from django.urls import reverse
from icalendar import Calendar

from hub.timescales import services
from hub.timescales.models import CalendarFeed
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_serves_a_private_calendar_of_due_dates_milestones_and_court_dates(clock, client):
    _, token = services.calendar_feed_issue(user=clock.assessment.assessor)
    response = client.get(reverse("timescales:feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = {str(e["summary"]): e["dtstart"].dt for e in Calendar.from_ical(response.content).walk("VEVENT")}
    reference = clock.assessment.referral.reference
    assert events[f"Due: Parenting assessment, {reference}"].isoformat() == "2026-12-29"
    assert events[f"Draft to QA: Parenting assessment, {reference}"].isoformat() == "2026-12-11"
    assert events[f"Court filing date: {reference}"] == clock.assessment.referral.filing_date
    assert b"Child Example" not in response.content


def test_it_stops_a_revoked_or_replaced_address_working(clock, client):
    user = clock.assessment.assessor
    _, first = services.calendar_feed_issue(user=user)
    _, second = services.calendar_feed_issue(user=user)
    assert client.get(reverse("timescales:feed", args=[first])).status_code == 404
    assert client.get(reverse("timescales:feed", args=[second])).status_code == 200
    services.calendar_feed_revoke(user=user)
    assert client.get(reverse("timescales:feed", args=[second])).status_code == 404
    assert client.get(reverse("timescales:feed", args=["guessed-token"])).status_code == 404


def test_it_keeps_only_a_hash_of_the_token(clock):
    _, token = services.calendar_feed_issue(user=clock.assessment.assessor)
    assert len(token) >= 40
    assert token not in CalendarFeed.objects.values_list("token_hash", flat=True)


def test_it_shows_the_address_once_from_the_settings_page(clock, client_for):
    client = client_for(clock.assessment.assessor)
    response = client.post(reverse("timescales:calendar"), {"action": "issue"})
    assert "/timescales/calendar/" in response.content.decode()
    again = client.get(reverse("timescales:calendar")).content.decode()
    assert ".ics" not in again
    assert factories  # builders used through the clock fixture
