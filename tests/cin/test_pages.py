"""The children in need pages: who may see them, what each step refuses, and the documents they make."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from hub.audit.models import AccessLogEntry
from hub.cin import services
from hub.cin.models import AuthoritySettings, Plan, Referral
from tests import factories
from tests.cin import builders

pytestmark = pytest.mark.django_db


def test_only_the_authoritys_own_workers_see_a_child_and_every_look_is_logged(client_for):
    worker = builders.worker("Liverpool")
    kid = builders.child(worker)
    url = reverse("cin:child", args=[kid.pk])
    assert client_for(worker).get(url).status_code == 200
    assert AccessLogEntry.objects.filter(user=worker, action="view", object_type="cin_child").exists()

    other = builders.worker("Sefton")
    assert client_for(other).get(url).status_code == 404
    assert AccessLogEntry.objects.filter(user=other, action="refused", object_type="cin_child").exists()
    # The hub's own staff do not see an authority's children in need work.
    for person in (factories.service_manager(), factories.assessor("Halton")):
        assert client_for(person).get(url).status_code == 404
        assert client_for(person).get(reverse("cin:caseload")).status_code == 404


def test_a_referral_form_shows_what_is_wrong_and_keeps_what_was_typed(client_for):
    worker = builders.worker()
    kid = builders.child(worker)
    response = client_for(worker).post(
        reverse("cin:referral-new", args=[kid.pk]), {"referrer_name": "Jo Teacher", "concerns": ""}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'value="Jo Teacher"' in response.text


def test_several_tier_two_factors_show_the_cumulative_risk_prompt_and_the_decision_records_who(client_for):
    worker = builders.worker(manager=True)
    kid = builders.child(worker)
    made = services.referral_record(
        child=kid,
        by=worker,
        referral_date=date(2024, 6, 3),
        referral_source="6",
        referrer_name="PC Moor",
        referrer_agency="Police",
        concerns="Late nights",
        tier=2,
        tier_two_factors=["attendance", "housing", "conflict"],
    )
    client = client_for(worker)
    page = client.get(reverse("cin:referral", args=[made.pk]))
    assert "chronic neglect" in page.text
    client.post(
        reverse("cin:referral", args=[made.pk]),
        {"decision": "assess", "reason": "Factors together", "primary_need": "N5"},
    )
    made.refresh_from_db()
    assert made.decision == "assess" and made.decided_by == worker


def test_an_unborn_child_cannot_be_referred_on_the_due_date_alone(client_for):
    worker = builders.worker()
    kid = builders.child(worker, birth_date=None, expected_birth_date=date(2026, 9, 1), disabilities=[])
    assert kid.sex == "U"
    response = client_for(worker).post(
        reverse("cin:referral-new", args=[kid.pk]),
        {
            "referral_date_day": "1",
            "referral_date_month": "6",
            "referral_date_year": "2026",
            "referral_source": "3F",
            "referrer_name": "A midwife",
            "concerns": "Due in September",
            "tier": "3",
        },
    )
    assert "expected date of delivery alone" in response.text
    assert "Name the midwife" in response.text
    assert not Referral.objects.exists()


def test_an_assessment_is_due_in_working_days_and_cannot_be_completed_until_the_family_had_the_analysis_in_time(
    client_for,
):
    worker = builders.worker()
    made = builders.referral(worker, builders.child(worker))
    client = client_for(worker)
    client.post(
        reverse("cin:assessment-start", args=[made.pk]),
        {"kind": "initial", "started_on_day": "20", "started_on_month": "12", "started_on_year": "2024"},
    )
    assessment = made.assessments.get()
    assert assessment.due_on == date(2025, 1, 8)  # across Christmas and New Year
    services.assessment_record(
        assessment=assessment,
        by=worker,
        consent_recorded_on=date(2024, 12, 20),
        agreement_signed_on=date(2024, 12, 20),
        reason_not_seen_alone="A baby: too young",
        analysis="Needs met with support",
        factors=["16A"],
        analysis_shared_on=date(2024, 12, 20),
        decision_meeting_on=date(2025, 1, 2),
    )
    response = client.post(
        reverse("cin:assessment-complete", args=[assessment.pk]),
        {"completed_on_day": "2", "completed_on_month": "1", "completed_on_year": "2025", "outcome": "cin_plan"},
    )
    assert "There is a problem" in response.text
    assert "at least 7 working days before" in response.text
    assessment.refresh_from_db()
    assert assessment.completed_on is None


def test_an_authority_on_the_single_assessment_cannot_start_an_initial_one():
    worker = builders.worker()
    AuthoritySettings.objects.create(local_authority=worker.organisation, assessment_model="single")
    made = builders.referral(worker, builders.child(worker))
    with pytest.raises(services.CinError, match="not used by this authority"):
        services.assessment_start(referral=made, by=worker, kind="initial", started_on=date(2024, 6, 4))
    single = services.assessment_start(referral=made, by=worker, kind="single", started_on=date(2024, 6, 4))
    assert single.due_on == date(2024, 8, 6)


def test_the_outcome_letter_is_a_real_pdf(client_for):
    worker = builders.worker()
    made = builders.referral(worker, builders.child(worker))
    assessment = builders.completed_assessment(worker, made)
    response = client_for(worker).get(reverse("cin:outcome-letter", args=[assessment.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@time_machine.travel("2025-01-10 12:00 +0000", tick=False)
def test_each_child_has_one_plan_at_a_time_and_the_next_review_is_shown(client_for):
    worker = builders.worker()
    made = builders.referral(worker, builders.child(worker))
    first = builders.plan(worker, made, start=date(2024, 6, 20))
    second = builders.plan(worker, made, start=date(2024, 9, 2), kind="child_protection", initial_category="NEG")
    first.refresh_from_db()
    assert first.ended_on == date(2024, 9, 2)
    assert Plan.objects.filter(child=made.child, ended_on=None).get() == second
    page = client_for(worker).get(reverse("cin:plan", args=[second.pk]))
    assert "2 March 2025" in page.text  # six months from the start, no review yet
    with pytest.raises(services.CinError, match="urgent review"):
        services.plan_review_record(plan=second, by=worker, held_on=date(2024, 12, 1), progress="x", urgent=True)
    services.plan_review_record(plan=second, by=worker, held_on=date(2024, 12, 1), progress="Better")
    page = client_for(worker).get(reverse("cin:plan", args=[second.pk]))
    assert "1 June 2025" in page.text


def test_a_family_meeting_with_a_risky_relative_needs_the_managers_decision_and_records_a_partly_agreed_plan():
    worker = builders.worker()
    manager = builders.worker(manager=True)
    kid = builders.child(worker)
    meeting = services.family_meeting_propose(
        child=kid, by=worker, coordinator="A co-ordinator", planned_on=date(2024, 9, 12), risk_identified=True
    )
    with pytest.raises(services.CinError, match="first decide"):
        services.family_meeting_record(
            meeting=meeting,
            held_on=date(2024, 9, 12),
            agreement_signed_by="Mother",
            information_shared="x",
            family_time="y",
            plan_notes="",
        )
    with pytest.raises(services.CinError, match="team manager"):
        services.family_meeting_decide(meeting=meeting, by=worker, decision="exclude_person", reason="Risk")
    services.family_meeting_decide(meeting=meeting, by=manager, decision="exclude_person", reason="Uncle excluded")
    services.family_meeting_record(
        meeting=meeting,
        held_on=date(2024, 9, 12),
        agreement_signed_by="Mother, grandmother",
        information_shared="Assessment shared",
        family_time="Family alone for 40 minutes",
        plan_notes="Rota",
    )
    yes = services.family_proposal_add(meeting=meeting, proposal="Gran does school runs", who="Gran")
    no = services.family_proposal_add(meeting=meeting, proposal="Weekends with uncle", who="Uncle")
    services.family_proposal_decide(proposal=yes, agreement="agreed", reason="")
    with pytest.raises(services.CinError, match="reason"):
        services.family_proposal_decide(proposal=no, agreement="not_agreed", reason="")
    services.family_proposal_decide(proposal=no, agreement="not_agreed", reason="Conviction for violence")
    assert services.family_plan_outcome(meeting).value == "partly_agreed"


def test_the_team_around_the_child_meets_from_its_invitation_list_and_agrees_co_working(client_for):
    manager = builders.worker(manager=True)
    worker = builders.worker()
    kid = builders.child(worker)
    mother = services.team_member_add(child=kid, kind="family", name="A mother", role="Mother")
    teacher = services.team_member_add(child=kid, kind="professional", name="A teacher", role="Teacher")
    client = client_for(worker)
    client.post(
        reverse("cin:meeting-new", args=[kid.pk]),
        {
            "held_on_day": "1",
            "held_on_month": "8",
            "held_on_year": "2024",
            "venue": "Centre",
            "chair": "Team manager",
            "reason": "First meeting",
            "invited": [mother.pk, teacher.pk],
        },
    )
    meeting = kid.team_meetings.get()
    assert meeting.invitations.count() == 2
    client.post(reverse("cin:meeting", args=[meeting.pk]), {"minutes": "Plan agreed", "attending": [mother.pk]})
    meeting.refresh_from_db()
    assert meeting.minutes == "Plan agreed"
    assert meeting.invitations.get(member=mother).attending is True
    assert meeting.invitations.get(member=teacher).attending is False
    with pytest.raises(services.CinError, match="someone other than the key worker"):
        services.co_working_agreement_record(
            child=kid,
            agreed_on=date(2024, 8, 1),
            review_on=date(2025, 2, 1),
            team_manager=manager,
            key_worker=worker,
            co_worker=worker,
            co_worker_title="Family support worker",
            responsibilities="Visits",
        )


def test_only_the_manager_ends_involvement_after_hearing_views_and_notifying_everyone(client_for):
    worker = builders.worker()
    manager = builders.worker(manager=True)
    made = builders.referral(worker, builders.child(worker))
    builders.completed_assessment(worker, made)
    builders.plan(worker, made)
    values = {
        "closed_on": date(2025, 1, 10),
        "reason_for_closure": "RC9",
        "reason": "Needs met; early help will co-ordinate",
        "family_views": "Mother agrees",
        "agency_views": "School agrees",
        "step_down": True,
        "caf_lead_professional": "A family support lead",
        "notified": ["parental_responsibility", "carer", "child", "agencies", "new_agencies"],
    }
    with pytest.raises(services.CinError, match="Only the team manager"):
        services.involvement_end(referral=made, by=worker, **values)
    with pytest.raises(services.CinError, match="Notify: new agencies"):
        services.involvement_end(referral=made, by=manager, **{**values, "notified": ["parental_responsibility"]})
    services.involvement_end(referral=made, by=manager, **values)
    made.refresh_from_db()
    assert made.closure_date == date(2025, 1, 10) and made.reason_for_closure == "RC9"
    assert not made.plans.filter(ended_on=None).exists()
    letter = client_for(worker).get(reverse("cin:closure-letter", args=[made.pk]))
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")


def test_the_caseload_runs_the_same_number_of_queries_however_many_children(client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    worker = builders.worker()
    client = client_for(worker)

    def add(n: int) -> None:
        made = builders.referral(worker, builders.child(worker, la_child_id=f"LV{n}", full_name=f"Child {n}"))
        builders.completed_assessment(worker, made)
        builders.plan(worker, made)

    add(1)
    client.get(reverse("cin:caseload"))  # the first request of a session does its own set-up
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("cin:caseload")).status_code == 200
    add(2)
    add(3)
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("cin:caseload"))
    assert "Child 3" in page.text
    assert len(three) == len(one), "\n".join(q["sql"][:150] for q in three.captured_queries)
