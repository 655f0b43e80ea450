import datetime
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hub.audit.models import AccessLogEntry
from hub.timescales import services
from hub.timescales.models import Clock, ClockPause
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_shows_the_manager_every_live_assessment_by_due_date(clock, client_for):
    manager = factories.service_manager()
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        viability = factories.accepted_assessment(assessment_type="kinship_viability")
    response = client_for(manager).get(reverse("timescales:timeline"))
    assert response.status_code == 200
    rows = [row["clock"].assessment for row in response.context["rows"]]
    # The viability (2 weeks, due 16 November) comes before the parenting assessment (29 December).
    assert rows == [viability, clock.assessment]
    assert "Timeline" in response.content.decode()
    assert AccessLogEntry.objects.filter(user=manager, object_type="timeline").exists()


def test_it_filters_the_timeline(clock, client_for):
    manager = factories.service_manager()
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        factories.accepted_assessment(assessment_type="kinship_viability")
    client = client_for(manager)
    by_type = client.get(reverse("timescales:timeline"), {"assessment_type": "parenting"})
    assert [r["clock"] for r in by_type.context["rows"]] == [clock]
    by_assessor = client.get(reverse("timescales:timeline"), {"assessor": clock.assessment.assessor_id})
    assert [r["clock"] for r in by_assessor.context["rows"]] == [clock]
    by_status = client.get(reverse("timescales:timeline"), {"status": "at_risk"})
    # The viability is due in 9 working days with no draft.
    assert [r["clock"].assessment.assessment_type for r in by_status.context["rows"]] == ["kinship_viability"]
    by_la = client.get(reverse("timescales:timeline"), {"local_authority": factories.local_authority("Wirral").pk})
    assert by_la.context["rows"] == []


def test_it_keeps_the_timeline_query_count_constant(frozen, client_for):
    manager = factories.service_manager()
    client = client_for(manager)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("timescales:timeline")).status_code == 200
        return len(captured)

    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        factories.accepted_assessment()
    services.timescales_ensure_started()
    queries()  # the first request of a session also records the sign-in times: leave it out
    one = queries()
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        for _ in range(4):
            factories.accepted_assessment(assessment_type="full_fostering")
    services.timescales_ensure_started()
    assert queries() == one


def test_it_shows_an_assessor_only_their_deadlines(clock, client_for):
    factories.accepted_assessment(assessor_user=factories.assessor())
    response = client_for(clock.assessment.assessor).get(reverse("timescales:my-deadlines"))
    assert [r["clock"] for r in response.context["rows"]] == [clock]


def test_it_refuses_other_people_a_clock_with_a_404_and_logs_both(clock, client_for):
    other = factories.assessor()
    url = reverse("timescales:detail", args=[clock.pk])
    assert client_for(other).get(url).status_code == 404
    assert client_for(factories.referrer()).get(url).status_code == 404
    assert client_for(clock.assessment.assessor).get(url).status_code == 200
    actions = set(AccessLogEntry.objects.filter(object_type="assessment_clock").values_list("action", flat=True))
    assert actions == {"refused", "view"}
    assert client_for(other).get(reverse("timescales:timeline")).status_code == 403


def test_it_pauses_the_clock_from_the_form(fostering_clock, client_for):
    client = client_for(fostering_clock.assessment.assessor)
    url = reverse("timescales:pause", args=[fostering_clock.pk])
    response = client.post(
        url,
        {
            "reason": "dbs_check",
            "detail": "Carer's DBS",
            "started_on_day": "2",
            "started_on_month": "11",
            "started_on_year": "2026",
        },
    )
    assert response.status_code == 302
    pause = ClockPause.objects.get()
    assert (pause.reason, pause.started_on, pause.recorded_by) == (
        "dbs_check",
        date(2026, 11, 2),
        fostering_clock.assessment.assessor,
    )
    page = client.get(reverse("timescales:detail", args=[fostering_clock.pk])).content.decode()
    assert "DBS check outstanding 1 day" in page


def test_it_shows_back_what_was_typed_with_the_error_summary(fostering_clock, client_for):
    client = client_for(fostering_clock.assessment.assessor)
    response = client.post(
        reverse("timescales:pause", args=[fostering_clock.pk]),
        {
            "reason": "medical",
            "detail": "GP letter",
            "started_on_day": "31",
            "started_on_month": "2",
            "started_on_year": "2026",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "must be a real date" in page
    assert 'value="31"' in page and "GP letter" in page
    assert not ClockPause.objects.exists()


def test_it_restarts_the_clock(fostering_clock, client_for, frozen):
    manager = factories.service_manager()
    pause = services.clock_pause(clock=fostering_clock, actor=manager, reason="medical", started_on=date(2026, 11, 2))
    response = client_for(manager).post(
        reverse("timescales:resume", args=[fostering_clock.pk, pause.pk]),
        {"ended_on_day": "3", "ended_on_month": "11", "ended_on_year": "2026"},
    )
    assert response.status_code == 302
    fostering_clock = Clock.objects.get(pk=fostering_clock.pk)
    # Paused on day 0 (the day of receipt, which never counts) and restarted on day 1: no time lost.
    assert fostering_clock.paused_since is None and fostering_clock.paused_days == 0
    assert fostering_clock.pauses.get().ended_on == date(2026, 11, 3)


def test_it_lets_the_manager_record_a_court_date_change(clock, client_for):
    manager = factories.service_manager()
    response = client_for(manager).post(
        reverse("timescales:court-date", args=[clock.pk]),
        {
            "court-kind": "filing_date",
            "court-new_date_day": "18",
            "court-new_date_month": "12",
            "court-new_date_year": "2026",
            "court-reason": "Listing moved",
        },
    )
    assert response.status_code == 302
    page = client_for(manager).get(reverse("timescales:detail", args=[clock.pk])).content.decode()
    assert "after the court&#x27;s filing date 18 Dec 2026" in page


def test_it_asks_for_each_missing_answer_in_words_not_this_field_is_required(fostering_clock, client_for):
    response = client_for(fostering_clock.assessment.assessor).post(
        reverse("timescales:pause", args=[fostering_clock.pk]), {"detail": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select why the clock is paused" in page
    assert "Enter the date the clock stopped" in page
    assert "This field is required" not in page


def test_it_offers_only_the_reasons_not_already_pausing_the_clock(fostering_clock, client_for):
    client = client_for(fostering_clock.assessment.assessor)
    started = fostering_clock.clock_start
    client.post(
        reverse("timescales:pause", args=[fostering_clock.pk]),
        {
            "reason": "dbs_check",
            "started_on_day": str(started.day),
            "started_on_month": str(started.month),
            "started_on_year": str(started.year),
        },
    )
    detail = client.get(reverse("timescales:detail", args=[fostering_clock.pk])).content.decode()
    assert "Add another reason for the pause" in detail
    form = client.get(reverse("timescales:pause", args=[fostering_clock.pk])).content.decode()
    assert 'value="dbs_check"' not in form and 'value="medical"' in form
    assert "The clock is already paused" in form


def test_it_shows_the_assessor_home_with_each_due_date_status_and_draft_deadline(clock, client_for):
    client = client_for(clock.assessment.assessor)
    page = client.get("/").content.decode()
    assert "Draft to QA by" in page
    assert f"{clock.draft_due_date.day} {clock.draft_due_date:%b %Y}" in page
    assert f"{clock.due_date.day} {clock.due_date:%b %Y}" in page
    assert "On track" in page or "At risk" in page
    assert reverse("timescales:detail", args=[clock.pk]) in page
    assert reverse("workspace:overview", args=[clock.assessment.pk]) in page


def test_it_keeps_the_assessor_home_query_count_constant(clock, client_for):
    assessor = clock.assessment.assessor
    client = client_for(assessor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    queries()  # the first request of a session also records the sign-in times: leave it out
    one = queries()
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        # Two more: with the first, the three an assessor may hold at a time.
        for _ in range(2):
            factories.accepted_assessment(assessor_user=assessor, assessment_type="full_fostering")
    services.timescales_ensure_started()
    assert queries() == one


def test_it_shows_the_assessor_their_draft_deadline_among_their_deadlines(clock, client_for):
    page = client_for(clock.assessment.assessor).get(reverse("timescales:my-deadlines")).content.decode()
    assert "Draft to QA by" in page
    assert f"{clock.draft_due_date.day} {clock.draft_due_date:%b %Y}" in page


def test_it_refuses_an_assessor_the_qa_milestone_on_the_page(clock, client_for, frozen):
    client = client_for(clock.assessment.assessor)
    detail = client.get(reverse("timescales:detail", args=[clock.pk])).content.decode()
    assert 'value="draft_to_qa"' in detail and 'value="qa_done"' not in detail
    assert "The service manager quality-assures every report" in detail
    response = client.post(
        reverse("timescales:milestone", args=[clock.pk]),
        {
            "milestone-milestone": "qa_done",
            "milestone-reached_on_day": "3",
            "milestone-reached_on_month": "11",
            "milestone-reached_on_year": "2026",
        },
    )
    assert response.status_code == 400
    assert "Only a service manager can record that quality assurance is done" in response.content.decode()
    assert Clock.objects.get(pk=clock.pk).qa_completed_on is None


def test_it_offers_the_manager_the_qa_milestone(clock, client_for, frozen):
    client = client_for(factories.service_manager())
    assert 'value="qa_done"' in client.get(reverse("timescales:detail", args=[clock.pk])).content.decode()
    response = client.post(
        reverse("timescales:milestone", args=[clock.pk]),
        {
            "milestone-milestone": "qa_done",
            "milestone-reached_on_day": "3",
            "milestone-reached_on_month": "11",
            "milestone-reached_on_year": "2026",
        },
    )
    assert response.status_code == 302
    assert Clock.objects.get(pk=clock.pk).qa_completed_on == date(2026, 11, 3)


def test_it_does_not_offer_a_pause_on_a_parenting_clock_and_explains_why(clock, client_for):
    client = client_for(clock.assessment.assessor)
    detail = client.get(reverse("timescales:detail", args=[clock.pk])).content.decode()
    assert "Pause the clock" not in detail
    assert "This timescale cannot be paused" in detail
    assert "the service manager records it as an extension" in detail
    response = client.get(reverse("timescales:pause", args=[clock.pk]), follow=True)
    assert response.redirect_chain == [(reverse("timescales:detail", args=[clock.pk]), 302)]
    assert "This timescale cannot be paused" in response.content.decode()
    assert client.post(reverse("timescales:pause", args=[clock.pk]), {"reason": "dbs_check"}).status_code == 302
    assert not ClockPause.objects.exists()


def test_it_records_an_extension_agreed_with_the_court_from_the_form(clock, client_for, frozen):
    manager = factories.service_manager()
    client = client_for(manager)
    url = reverse("timescales:extend", args=[clock.pk])
    assert (
        "Record an extension agreed with the court"
        in client.get(reverse("timescales:detail", args=[clock.pk])).content.decode()
    )
    # First with mistakes: no cause, and a date before the one now due; what was typed stays.
    response = client.post(
        url,
        {
            "detail": "Adjourned at the IRH",
            "extended_to_day": "1",
            "extended_to_month": "12",
            "extended_to_year": "2026",
            "agreed_on_day": "3",
            "agreed_on_month": "11",
            "agreed_on_year": "2026",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select what caused the delay" in page
    assert "The new date must be after the date now due (29 December 2026)" in page
    assert "Adjourned at the IRH" in page
    response = client.post(
        url,
        {
            "cause": "court_adjournment",
            "detail": "Adjourned at the IRH",
            "extended_to_day": "26",
            "extended_to_month": "1",
            "extended_to_year": "2027",
            "agreed_on_day": "3",
            "agreed_on_month": "11",
            "agreed_on_year": "2026",
        },
    )
    assert response.status_code == 302
    detail = client.get(reverse("timescales:detail", args=[clock.pk])).content.decode()
    assert "Extended by the court to 26 Jan 2027" in detail
    assert "Court adjournment" in detail and "Adjourned at the IRH" in detail
    timeline = client.get(reverse("timescales:timeline"), {"status": "on_track"})
    assert timeline.context["rows"] == []
    timeline = client.get(reverse("timescales:timeline"), {"status": "extended"})
    assert [row["clock"].pk for row in timeline.context["rows"]] == [clock.pk]


def test_it_lets_only_the_service_manager_record_an_extension(clock, client_for):
    response = client_for(clock.assessment.assessor).get(reverse("timescales:extend", args=[clock.pk]))
    assert response.status_code == 403
