import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from e2e.conftest import assert_accessible, shot, sign_in
from hub.timescales import services
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _received(days_ago: int, today: datetime.date) -> time_machine.travel:
    moment = datetime.datetime.combine(
        today - datetime.timedelta(days=days_ago), datetime.time(10), tzinfo=datetime.UTC
    )
    return time_machine.travel(moment, tick=False)


def test_it_shows_the_timeline_and_pauses_a_clock(page):
    manager = factories.service_manager()
    assessor = factories.assessor()
    today = services.today()
    # The court's dates run from today, so the assessments received a week ago stay on
    # track (due in about seven and nine weeks, before the filing date) whatever day this runs.
    court = {
        "proceedings_issued_on": today - datetime.timedelta(weeks=10),
        "filing_date": today + datetime.timedelta(weeks=14),
        "irh_date": today + datetime.timedelta(weeks=16),
    }
    with _received(7, today):
        parenting = factories.accepted_assessment(assessor_user=assessor, court_dates=court)
        fostering = factories.accepted_assessment(
            assessor_user=assessor, assessment_type="full_fostering", court_dates=court
        )
    # Received three weeks ago, on a two-week timescale: overdue.
    with _received(21, today):
        factories.accepted_assessment(assessment_type="kinship_viability", court_dates=court)
    services.timescales_ensure_started()

    sign_in(page, manager)
    page.get_by_role("link", name="Timeline").click()
    expect(page.get_by_role("heading", name="Timeline of live assessments")).to_be_visible()
    expect(page.get_by_test_id("timeline-row")).to_have_count(3)
    expect(page.get_by_test_id("timeline-row").first.get_by_text("Overdue", exact=True)).to_be_visible()
    assert_accessible(page)
    shot(page, "timescales-timeline")

    page.get_by_label("Status").select_option("on_track")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_test_id("timeline-row")).to_have_count(2)

    # Full fostering is "10 weeks (checks permitting)": its clock pauses for a check.
    page.get_by_role("link", name=fostering.referral.reference).click()
    expect(page.get_by_test_id("explanation")).to_be_visible()
    due_before = page.get_by_test_id("due-date").inner_text()
    assert_accessible(page)
    shot(page, "timescales-detail")

    page.get_by_role("button", name="Pause the clock").click()
    # First with a mistake: the date is left out, and what was typed stays.
    page.get_by_label("DBS check outstanding").check()
    page.get_by_label("Details (optional)").fill("Carer's DBS applied for, not back")
    page.get_by_role("button", name="Pause the clock").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.get_by_label("Details (optional)").input_value() == "Carer's DBS applied for, not back"
    assert_accessible(page)
    shot(page, "timescales-pause-error")

    started = today - datetime.timedelta(days=2)
    page.get_by_label("Day").fill(str(started.day))
    page.get_by_label("Month").fill(str(started.month))
    page.get_by_label("Year").fill(str(started.year))
    page.get_by_role("button", name="Pause the clock").click()
    expect(page.get_by_text("The clock is paused: the due date will move on")).to_be_visible()
    expect(page.get_by_test_id("explanation")).to_contain_text("DBS check outstanding 2 days")
    assert page.get_by_test_id("due-date").inner_text() != due_before
    assert_accessible(page)
    shot(page, "timescales-paused")

    # A reason already open is not offered again; another can be added.
    page.get_by_role("button", name="Add another reason for the pause").click()
    expect(page.get_by_label("DBS check outstanding")).to_have_count(0)
    page.get_by_role("button", name="Add this reason").click()
    expect(page.get_by_role("link", name="Select why the clock is paused")).to_be_visible()
    assert_accessible(page)
    shot(page, "timescales-pause-another")
    page.get_by_role("link", name="Back", exact=True).click()
    page.get_by_role("link", name="Back", exact=True).click()

    # Parenting (8 weeks) has no "checks permitting": no pause, but the court can extend it.
    page.get_by_role("link", name=parenting.referral.reference).click()
    expect(page.get_by_role("button", name="Pause the clock")).to_have_count(0)
    expect(page.get_by_test_id("not-pausable")).to_contain_text("This timescale cannot be paused")
    page.get_by_role("button", name="Record an extension agreed with the court").click()
    page.get_by_label("Family unavailable").check()
    page.get_by_label("Details (optional)").fill("Mother in hospital; agreed at the IRH")
    page.get_by_role("button", name="Record the extension").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the new date agreed with the court")).to_be_visible()
    assert page.get_by_label("Details (optional)").input_value() == "Mother in hospital; agreed at the IRH"
    assert_accessible(page)
    shot(page, "timescales-extension-error")

    new_date = services.clock_for(parenting).due_date + datetime.timedelta(weeks=3)
    for group, day in (("New date agreed with the court", new_date), ("Date the court agreed it", today)):
        fields = page.get_by_role("group", name=group)
        fields.get_by_label("Day").fill(str(day.day))
        fields.get_by_label("Month").fill(str(day.month))
        fields.get_by_label("Year").fill(str(day.year))
    page.get_by_role("button", name="Record the extension").click()
    expect(page.get_by_text("Extension recorded: the assessment is now outside its timescale")).to_be_visible()
    expect(page.get_by_role("heading", level=1).get_by_text("Extended by the court")).to_be_visible()
    expect(page.get_by_test_id("explanation")).to_contain_text(
        f"Extended by the court to {new_date.day} {new_date:%b %Y}"
    )
    expect(page.get_by_test_id("extensions")).to_contain_text("Family unavailable")
    assert_accessible(page)
    shot(page, "timescales-extended")

    page.get_by_role("link", name="Back", exact=True).click()
    page.get_by_role("link", name="Clear filters").click()
    counts = page.get_by_test_id("status-counts")
    expect(counts.get_by_text("Paused")).to_be_visible()
    expect(counts.get_by_text("Extended by the court")).to_be_visible()
    page.get_by_label("Status").select_option("on_track")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_test_id("timeline-row")).to_have_count(0)
    shot(page, "timescales-timeline-after-pause")


def test_it_shows_an_assessor_their_deadlines(page):
    assessor = factories.assessor()
    factories.accepted_assessment(assessor_user=assessor)
    services.timescales_ensure_started()
    sign_in(page, assessor)
    # The home page: each assessment with its own deadline, due date and status, and where to go.
    expect(page.get_by_test_id("assessor-assessment")).to_have_count(1)
    expect(page.get_by_role("columnheader", name="Draft to QA by")).to_be_visible()
    assert_accessible(page)
    shot(page, "assessor-home")
    page.get_by_role("link", name="Your deadlines").click()
    expect(page.get_by_test_id("timeline-row")).to_have_count(1)
    expect(page.get_by_role("columnheader", name="Draft to QA by")).to_be_visible()
    assert_accessible(page)
    shot(page, "timescales-my-deadlines")
    page.get_by_role("link", name="Add your deadlines to your calendar").click()
    page.get_by_role("button", name="Make my calendar address").click()
    assert ".ics" in page.get_by_test_id("feed-url").inner_text()
    assert_accessible(page)
    shot(page, "timescales-calendar")
