"""Children in need in a real browser: a referral through an initial assessment to a plan and its first
review, and a family meeting whose family plan is partly agreed. axe-core on every page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, shot, sign_in
from hub.cin import rules, services
from hub.cin.selectors import calendar
from tests.cin import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page: Page, name: str, day: datetime.date) -> None:
    page.locator(f'input[name="{name}_day"]').fill(str(day.day))
    page.locator(f'input[name="{name}_month"]').fill(str(day.month))
    page.locator(f'input[name="{name}_year"]').fill(str(day.year))


def test_a_referral_goes_through_an_initial_assessment_to_a_plan_and_its_first_review(page):
    manager = builders.worker("Liverpool", manager=True)
    today = timezone.localdate()
    # Dates run back from today so the review can be recorded today, whatever day this runs.
    referred = today - datetime.timedelta(days=40)
    started = referred + datetime.timedelta(days=1)
    completed = started + datetime.timedelta(days=7)

    sign_in(page, manager)
    page.get_by_role("link", name="Children in need").click()
    expect(page.get_by_role("heading", name="Children in need")).to_be_visible()
    page.get_by_role("link", name="Add a child and record a referral").click()
    page.get_by_label("Child's full name").fill("Rowan Testbrook")
    page.get_by_label("LA child ID").fill("LV200001")
    _fill_date(page, "birth_date", datetime.date(2016, 3, 4))
    page.get_by_label("Female").check()
    page.get_by_label("Ethnicity").select_option("WBRI")
    page.get_by_label("NONE: No disability").check()
    page.get_by_role("button", name="Add the child and record the referral").click()

    # An empty referral: the error summary, with what was typed kept.
    page.get_by_label("Who made the referral").fill("Pat Greaves")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Who made the referral")).to_have_value("Pat Greaves")
    assert_accessible(page)
    shot(page, "cin-referral-errors")

    _fill_date(page, "referral_date", referred)
    page.get_by_label("Source of the referral").select_option("2A")
    page.get_by_label("Their agency or relationship to the child").fill("Hoole Primary School")
    page.get_by_label("What is the referrer worried about").fill("Often late and hungry; mother low in mood.")
    page.get_by_label("Tier 2: additional needs").check()
    for factor in ("attendance", "home_conditions", "parental_mental_health"):
        page.get_by_label(rules.TIER_TWO_FACTORS[factor]).check()
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_test_id("cumulative-risk")).to_contain_text("chronic neglect")
    page.get_by_label("Assess the child's needs").check()
    page.get_by_label("Reason for the decision").fill("Tier 2 factors together: assess.")
    page.get_by_label("Primary need").select_option("N3")
    assert_accessible(page)
    shot(page, "cin-referral-decision")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_test_id("decision")).to_contain_text(manager.full_name)

    page.get_by_role("link", name="Start an assessment").click()
    page.get_by_label("Initial assessment (10 working days)").check()
    _fill_date(page, "started_on", started)
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    due = rules.assessment_due("initial", started, calendar())
    expect(page.get_by_test_id("due-on")).to_contain_text(f"{due.day} {due:%B %Y}")
    expect(page.get_by_test_id("still-needed")).to_contain_text("Standard Agreement for Assessment")

    _fill_date(page, "consent_recorded_on", started)
    _fill_date(page, "agreement_signed_on", started)
    _fill_date(page, "seen_alone_on", started + datetime.timedelta(days=2))
    page.get_by_label("Analysis and recommendations").fill("Mother's low mood affects routines; support at home.")
    _fill_date(page, "analysis_shared_on", completed - datetime.timedelta(days=1))
    page.get_by_label("16A: Abuse or neglect: neglect").check()
    page.get_by_label("4B: Mental health: concerns about the parent or carer").check()
    page.get_by_role("button", name="Save the assessment").click()
    assert_accessible(page)
    shot(page, "cin-assessment")
    page.get_by_role("link", name="Complete the assessment").click()
    _fill_date(page, "completed_on", completed)
    page.get_by_label("Child and Young Person's Plan (child in need)").check()
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.get_by_test_id("completed")).to_contain_text("Child and Young Person's Plan")
    expect(page.get_by_role("link", name="Download the outcome letter (PDF)")).to_be_visible()

    page.get_by_role("link", name="Referral", exact=True).click()
    page.get_by_role("link", name="Make the child's plan").click()
    page.get_by_label(rules.PlanKind.CIN.label).check()
    _fill_date(page, "started_on", completed)
    page.get_by_label("Objectives of the plan").fill("Rowan is at school on time and fed, every day.")
    page.get_by_label("Who will do what (services, support, contact)").fill("Mother: mornings. School: breakfast club.")
    page.get_by_label("What needs to change, and the goals").fill("Attendance above 95%.")
    page.get_by_label("What is unacceptable care of the child").fill("Rowan left without food.")
    page.get_by_label("Contingency if the plan does not work").fill("Strategy discussion.")
    page.get_by_label("Risk factors that call for an urgent review").fill("A week missed from school.")
    assert_accessible(page)
    page.get_by_role("button", name="Start the plan").click()
    first_due = rules.next_review_due(started_on=completed, last_review_on=None, stable_long_term=False)
    expect(page.get_by_test_id("next-review")).to_contain_text(f"{first_due.day} {first_due:%B %Y}")

    page.get_by_role("link", name="Review the plan").click()
    _fill_date(page, "held_on", today)
    page.get_by_label("Progress against the plan, and what has not changed").fill(
        "Attendance 96%; mother has GP support."
    )
    page.get_by_role("button", name="Record the review").click()
    next_due = rules.next_review_due(started_on=completed, last_review_on=today, stable_long_term=False)
    expect(page.get_by_test_id("next-review")).to_contain_text(f"{next_due.day} {next_due:%B %Y}")
    expect(page.get_by_text("Attendance 96%; mother has GP support.")).to_be_visible()
    assert_accessible(page)
    shot(page, "cin-plan-reviewed")


def test_a_family_meeting_with_a_risk_is_decided_by_the_manager_and_the_family_plan_is_partly_agreed(page):
    manager = builders.worker("Liverpool", manager=True)
    kid = builders.child(manager, full_name="Ava Testfield")
    meeting = services.family_meeting_propose(
        child=kid,
        by=manager,
        coordinator="Sam Ridley, co-ordinator",
        planned_on=timezone.localdate(),
        venue="Children's centre",
        requested_by_family=True,
        risk_identified=True,
    )

    sign_in(page, manager)
    page.goto(f"/cin/family-meetings/{meeting.pk}/")
    expect(page.get_by_text("awaiting the team manager's decision")).to_be_visible()
    page.get_by_role("link", name="Decide whether the meeting goes ahead").click()
    page.get_by_label("Go ahead without the person who poses a risk").check()
    page.get_by_label("Reasons, to be explained to the family").fill("The uncle's conviction for violence.")
    assert_accessible(page)
    page.get_by_role("button", name="Record the decision").click()

    page.get_by_role("link", name="Record the meeting's three stages").click()
    _fill_date(page, "held_on", timezone.localdate())
    page.get_by_label("Agreement for Family Meeting signed by").fill("Jo Testfield (mother), Marion Testfield")
    page.get_by_label("Stage 1: information sharing").fill("The assessment's analysis and the school's figures.")
    page.get_by_label("Stage 2: family time").fill("The family met alone and proposed a rota.")
    page.get_by_label("Stage 3: agreeing the plan").fill("The rota agreed in part.")
    page.get_by_role("button", name="Save").click()

    for proposal, who in (
        ("Grandmother takes Ava to school on Mondays", "Marion Testfield"),
        ("Ava stays with her uncle at weekends", "Dale Testfield"),
    ):
        page.get_by_role("link", name="Add part of the family's plan").click()
        page.get_by_label("Part of the family's proposed plan").fill(proposal)
        page.get_by_label("Who will do it").fill(who)
        page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Decide on: Grandmother takes Ava").click()
    page.get_by_label("Agreed", exact=True).check()
    page.get_by_role("button", name="Record").click()

    page.get_by_role("link", name="Decide on: Ava stays with her uncle").click()
    page.get_by_label("Not agreed", exact=True).check()
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="Give the reason this part of the family's plan is not agreed")
    ).to_be_visible()
    assert_accessible(page)
    shot(page, "cin-family-proposal-error")
    page.get_by_label("If not agreed, why (risk of significant harm, on evidence)").fill(
        "Police information: a recent conviction for violence."
    )
    page.get_by_role("button", name="Record").click()

    expect(page.get_by_test_id("plan-outcome")).to_have_text("Partly agreed")
    expect(page.get_by_text("Police information: a recent conviction for violence.")).to_be_visible()
    assert_accessible(page)
    shot(page, "cin-family-meeting")


def test_the_manager_sees_the_demo_caseload_and_a_census_return_with_no_errors(page):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from hub.accounts.models import User
    from hub.cin.demo import cin_demo_seed
    from tests import factories

    la = factories.local_authority("Cheshire West and Chester")
    manager = User.objects.create_user(
        username="referrer.cheshire-west@example.org",
        email="referrer.cheshire-west@example.org",
        password="test-password-for-everyone",
        full_name="Casey Thornbury",
        role="referrer",
        organisation=la,
    )
    TOTPDevice.objects.create(user=manager, name="Authenticator app", confirmed=True)
    cin_demo_seed()

    sign_in(page, manager)
    page.get_by_role("link", name="Children in need").click()
    expect(page.get_by_role("link", name="Baby Marsh")).to_be_visible()
    assert_accessible(page)
    shot(page, "cin-caseload")
    page.get_by_role("link", name="Ava Linfield").click()
    expect(page.get_by_role("heading", name="Team Around the Child in Need")).to_be_visible()
    assert_accessible(page)
    shot(page, "cin-child")
    page.get_by_role("link", name="Children in need").first.click()
    page.get_by_role("link", name="Children in need census").click()
    expect(page.get_by_role("heading", name="No errors")).to_be_visible()
    expect(page.get_by_role("link", name="Download the census return (XML)")).to_be_visible()
    assert_accessible(page)
    shot(page, "cin-census")
