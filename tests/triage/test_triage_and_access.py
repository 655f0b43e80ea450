"""Who sees which referral, and the service manager's triage with its query thread."""

import pytest
from django.urls import reverse

from hub.accounts.models import Role
from hub.assessments.models import Assessment
from hub.referrals.models import ReferralStatus
from tests import factories

pytestmark = pytest.mark.django_db


def detail(referral):
    return reverse("triage:detail", args=[referral.pk])


def test_it_shows_a_referrer_only_their_own_authoritys_referrals(client_for):
    ours = factories.complete_referral(by=factories.referrer("Halton"), status="submitted")
    theirs = factories.complete_referral(by=factories.referrer("Knowsley"), status="submitted")
    colleague = factories.referrer("Halton")
    client = client_for(colleague)
    listing = client.get(reverse("referrals:list")).content.decode()
    assert ours.reference in listing
    assert theirs.reference not in listing
    assert client.get(detail(ours)).status_code == 200
    # Another authority's referral is indistinguishable from one that does not exist.
    assert client.get(detail(theirs)).status_code == 404
    assert client.get(reverse("referrals:step", args=[theirs.pk, "court"])).status_code == 404


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ADMINISTRATOR, Role.ASSESSOR])
def test_it_shows_no_child_record_to_roles_without_a_reason_to_see_it(client_for, role):
    referral = factories.complete_referral(status="submitted")
    person = factories.assessor() if role == Role.ASSESSOR else factories.user(role, organisation=factories.hub())
    assert client_for(person).get(detail(referral)).status_code == 404


def test_it_shows_an_assessor_the_referral_behind_their_allocated_assessment(client_for):
    assessor = factories.assessor("Halton")
    assessment = factories.accepted_assessment(assessor_user=assessor)
    assert client_for(assessor).get(detail(assessment.referral)).status_code == 200


def test_it_keeps_drafts_from_the_service_manager(client_for):
    draft = factories.complete_referral()
    manager = factories.service_manager()
    assert client_for(manager).get(detail(draft)).status_code == 404
    assert draft.reference not in client_for(manager).get(reverse("triage:queue")).content.decode()


def test_it_sends_anonymous_visitors_to_sign_in(client):
    referral = factories.complete_referral(status="submitted")
    response = client.get(detail(referral))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_it_lists_the_triage_queue_oldest_first_with_bundle_pages(client_for):
    first = factories.complete_referral(status="submitted")
    second = factories.complete_referral(status="query_raised")
    factories.complete_referral(status="accepted")
    response = client_for(factories.service_manager()).get(reverse("triage:queue"))
    html = response.content.decode()
    assert html.index(first.reference) < html.index(second.reference)
    assert list(response.context["referrals"]) == [first, second]
    assert response.context["referrals"][0].page_count == 3


def test_it_runs_a_query_thread_between_manager_and_referrer(
    client_for, mailoutbox, django_capture_on_commit_callbacks
):
    referral = factories.complete_referral(status="submitted")
    manager = factories.service_manager()
    received_at = referral.received_at
    with django_capture_on_commit_callbacks(execute=True):
        client_for(manager).post(
            reverse("triage:action", args=[referral.pk, "query"]),
            {"query-message": "Please confirm the IRH date."},
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.QUERY_RAISED
    assert "query" in mailoutbox[-1].subject

    referrer_client = client_for(referral.created_by)
    page = referrer_client.get(detail(referral)).content.decode()
    assert "Please confirm the IRH date." in page
    assert "Answer the hub" in page
    with django_capture_on_commit_callbacks(execute=True):
        referrer_client.post(reverse("triage:answer", args=[referral.pk]), {"answer-message": "IRH is 29 January."})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED
    # Answering a query does not restart the hub's clock.
    assert referral.received_at == received_at
    thread = [(e.kind, e.actor_id, e.message) for e in referral.events.all()]
    assert thread[-2:] == [
        ("query_raised", manager.pk, "Please confirm the IRH date."),
        ("query_answered", referral.created_by_id, "IRH is 29 January."),
    ]


def test_it_asks_for_an_answer_before_sending_it(client_for):
    referral = factories.complete_referral(status="query_raised")
    response = client_for(referral.created_by).post(reverse("triage:answer", args=[referral.pk]), {})
    assert response.status_code == 400
    assert "Enter your answer to the query" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.QUERY_RAISED


def test_it_creates_one_assessment_per_requested_type_on_acceptance(client_for):
    referral = factories.complete_referral(
        status="submitted", assessment_types=["kinship_viability", "joint_fostering_sgo"]
    )
    client_for(factories.service_manager()).post(
        reverse("triage:action", args=[referral.pk, "accept"]), {"accept-message": "8 weeks agreed"}
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assessments = Assessment.objects.filter(referral=referral)
    assert sorted(assessments.values_list("assessment_type", flat=True)) == ["joint_fostering_sgo", "kinship_viability"]
    assert {a.clock_started_at for a in assessments} == {referral.received_at}


def test_it_needs_a_reason_to_decline(client_for):
    referral = factories.complete_referral(status="submitted")
    manager_client = client_for(factories.service_manager())
    url = reverse("triage:action", args=[referral.pk, "decline"])
    response = manager_client.post(url, {"decline-message": ""})
    assert response.status_code == 400
    assert "Enter the reason for declining" in response.content.decode()
    manager_client.post(url, {"decline-message": "Outside the hub's eligibility criteria."})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert referral.decline_reason == "Outside the hub's eligibility criteria."


def test_it_does_not_accept_a_referral_twice(client_for):
    referral = factories.complete_referral(status="accepted")
    client_for(factories.service_manager()).post(reverse("triage:action", args=[referral.pk, "accept"]), {})
    assert Assessment.objects.filter(referral=referral).count() == 1


def test_it_refuses_triage_to_a_referrer(client_for):
    referral = factories.complete_referral(status="submitted")
    response = client_for(referral.created_by).post(reverse("triage:action", args=[referral.pk, "accept"]), {})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (Role.SERVICE_MANAGER, "/referrals/triage/"),
        (Role.REFERRER, "/referrals/"),
        (Role.ADMINISTRATOR, "/admin/"),
    ],
)
def test_it_lands_each_role_on_its_own_home(client_for, role, landing):
    organisation = factories.local_authority() if role == Role.REFERRER else factories.hub()
    person = factories.user(role, organisation=organisation)
    assert client_for(person).get("/").url == landing


def test_it_shows_the_viewer_figures_without_records(client_for):
    referral = factories.complete_referral(status="submitted")
    html = client_for(factories.user(Role.VIEWER, organisation=factories.hub())).get("/").content.decode()
    assert "Awaiting triage" in html
    assert referral.reference not in html


def test_accepting_starts_each_assessments_clock_from_receipt(client_for):
    import datetime

    from django.utils import timezone

    referral = factories.complete_referral(status="submitted", assessment_types=["parenting", "kinship_viability"])
    client_for(factories.service_manager()).post(reverse("triage:action", args=[referral.pk, "accept"]), {})
    received = timezone.localdate(referral.received_at)
    clocks = {a.assessment_type: a.clock for a in Assessment.objects.filter(referral=referral)}
    assert clocks["parenting"].clock_start == received
    # 8 weeks for a parenting assessment, 2 for a viability, moved on only if they land on a closed day.
    assert clocks["parenting"].due_date >= received + datetime.timedelta(weeks=8)
    assert clocks["parenting"].due_date <= received + datetime.timedelta(weeks=8, days=4)
    assert clocks["kinship_viability"].due_date < clocks["parenting"].due_date


def test_it_pages_the_triage_queue_and_counts_everything_waiting(client_for, monkeypatch):
    from hub.triage import views

    monkeypatch.setattr(views, "TRIAGE_PAGE_SIZE", 2)
    waiting = [factories.complete_referral(status="submitted") for _ in range(3)]
    client = client_for(factories.service_manager())
    first = client.get(reverse("triage:queue"))
    assert [r.pk for r in first.context["referrals"]] == [waiting[0].pk, waiting[1].pk]
    assert "3 referrals waiting" in first.content.decode()
    second = client.get(reverse("triage:queue"), {"page": 2})
    assert [r.pk for r in second.context["referrals"]] == [waiting[2].pk]
    assert 'rel="prev"' in second.content.decode()


def test_it_tells_the_hubs_managers_of_a_new_referral_and_an_answer_without_the_message(
    client_for, mailoutbox, django_capture_on_commit_callbacks
):
    manager = factories.service_manager()
    referral = factories.complete_referral()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(referral.created_by).post(reverse("referrals:check", args=[referral.pk]))
    to_managers = [m for m in mailoutbox if manager.email in m.to]
    assert [m.subject for m in to_managers] == [f"New referral {referral.reference} to triage"]

    with django_capture_on_commit_callbacks(execute=True):
        client_for(manager).post(
            reverse("triage:action", args=[referral.pk, "query"]),
            {"query-message": "Where does Child Example 0 live now?"},
        )
        client_for(referral.created_by).post(
            reverse("triage:answer", args=[referral.pk]), {"answer-message": "At 1 Example Road with her aunt."}
        )
    assert mailoutbox[-1].to == [manager.email]
    assert "answered your query" in mailoutbox[-1].subject
    # The messages, which name people and places, stay in the hub.
    for mail in mailoutbox:
        assert "Example Road" not in mail.body
        assert "Child Example" not in mail.body
        assert f"/referrals/{referral.pk}/" in mail.body


def test_the_referrer_sees_the_hubs_question_above_the_answer_box(client_for):
    referral = factories.complete_referral(status="query_raised")
    html = client_for(referral.created_by).get(reverse("triage:detail", args=[referral.pk])).content.decode()
    assert html.index('data-testid="latest-query"') < html.index("Your answer")
    assert "A question" in html[html.index('data-testid="latest-query"') :]


def test_a_triage_error_reopens_the_tab_it_belongs_to(client_for):
    referral = factories.complete_referral(status="submitted")
    html = client_for(factories.service_manager()).get(reverse("triage:detail", args=[referral.pk])).content.decode()
    # Each form posts to a URL ending in its tab's id, which GOV.UK Frontend's tabs open on load.
    for action in ("accept", "query", "decline"):
        assert f'action="/referrals/{referral.pk}/triage/{action}/#{action}"' in html


def test_the_accept_tab_warns_when_the_hubs_timescale_ends_after_the_filing_date(client_for):
    import datetime

    from django.utils import timezone

    referral = factories.complete_referral(status="submitted", assessment_types=["parenting", "kinship_viability"])
    referral.filing_date = timezone.localdate(referral.received_at) + datetime.timedelta(weeks=4)
    referral.irh_date = referral.filing_date + datetime.timedelta(weeks=2)
    referral.save()
    response = client_for(factories.service_manager()).get(reverse("triage:detail", args=[referral.pk]))
    previews = {p.label: p for p in response.context["due_previews"]}
    # Eight weeks for the parenting assessment runs past a filing date four weeks away; two weeks does not.
    assert previews["Parenting assessment"].after_filing_date
    assert not previews["Kinship viability assessment"].after_filing_date
    assert "ends after the court's filing date" in response.content.decode()


def test_accepting_without_a_timescale_rule_changes_nothing_and_says_why(client_for):
    from hub.timescales.models import TimescaleRule

    referral = factories.complete_referral(status="submitted")
    factories.accepted_assessment()  # makes sure the rules are seeded, as in a running hub
    TimescaleRule.objects.filter(assessment_type="parenting").update(assessment_type=None)
    response = client_for(factories.service_manager()).post(
        reverse("triage:action", args=[referral.pk, "accept"]), {}, follow=True
    )
    assert "There is no timescale rule for Parenting assessment" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED
    assert not Assessment.objects.filter(referral=referral).exists()
