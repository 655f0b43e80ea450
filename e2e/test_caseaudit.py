"""The case-file audit in a browser: an auditor completes an audit, a moderator changes
one grade with a reason, and the lead sees the collated results."""

import pytest
from playwright.sync_api import expect

from e2e.conftest import assert_accessible, shot, sign_in, sign_out
from hub.caseaudit.rules import DOMAINS
from tests.caseaudit import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_audit_is_completed_moderated_and_collated(page):
    built = builders.programme(("Liverpool", "Sefton"))
    case = builders.select(built, "Liverpool", seed=2017)[0]

    # The Liverpool auditor finds the case from the navigation.
    sign_in(page, built.auditors["Liverpool"])
    page.get_by_role("link", name="Case-file audits").click()
    assert_accessible(page)
    page.get_by_role("link", name=built.programme.name).click()
    expect(page.get_by_test_id("progress")).to_contain_text("Liverpool")
    assert_accessible(page)
    shot(page, "caseaudit-programme")
    page.get_by_role("link", name=case.reference).click()
    page.get_by_role("link", name="Start the audit").click()
    expect(page.get_by_role("heading", name=f"Audit: case {case.reference}")).to_be_visible()
    assert_accessible(page)

    # Submitting part-done shows what is missing, and keeps what was typed.
    page.get_by_role("group", name="Your role").get_by_label("Independent reviewing officer (IRO)").check()
    page.get_by_role("group", name="Grade for response to risk").get_by_label("Good").check()
    page.locator("#id_response_to_risk_evidence").fill("Strategy discussion within a day of the referral")
    page.get_by_role("button", name="Submit the audit").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a grade for plans")
    expect(page.locator("#id_response_to_risk_evidence")).to_have_value(
        "Strategy discussion within a day of the referral"
    )
    assert_accessible(page)
    shot(page, "caseaudit-audit-errors")

    for domain in DOMAINS:
        page.get_by_role("group", name=f"Grade for {domain.noun}").get_by_label("Good", exact=True).check()
        if domain.value != "response_to_risk":
            page.locator(f"#id_{domain.value}_evidence").fill(f"Case file: {domain.label.lower()}")
    page.locator("#id_plans_comments").fill("The plan set no timescale for discharging the order.")
    page.get_by_role("button", name="Submit the audit").click()
    expect(page.get_by_text("The audit is submitted")).to_be_visible()
    expect(page.get_by_test_id("grades-authority")).to_contain_text("The plan set no timescale")
    assert_accessible(page)
    shot(page, "caseaudit-case-submitted")
    sign_out(page)

    # A second person moderates: changing a grade needs a reason; both grades are kept.
    sign_in(page, built.moderators["Liverpool"])
    page.goto(f"/case-file-audits/cases/{case.pk}/")
    page.get_by_role("link", name="Moderate the audit").click()
    page.get_by_role("group", name="Your grade for plans").get_by_label("Requires improvement").check()
    page.get_by_role("button", name="Record the moderation").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give a reason for changing the grade for plans")
    expect(page.get_by_role("group", name="Your grade for plans").get_by_label("Requires improvement")).to_be_checked()
    assert_accessible(page)
    shot(page, "caseaudit-moderation-errors")
    page.locator("#id_plans_reason").fill("No timescale for discharge: that is not yet good practice.")
    page.get_by_role("button", name="Record the moderation").click()
    expect(page.get_by_text("Moderation is recorded")).to_be_visible()
    plans = page.get_by_test_id("grades-authority").get_by_role("row").filter(has_text="Plans")
    expect(plans).to_contain_text("Good")
    expect(plans).to_contain_text("Requires improvement")
    expect(plans).to_contain_text("No timescale for discharge")
    assert_accessible(page)
    shot(page, "caseaudit-case-moderated")
    sign_out(page)

    # The lead sees the collated results: the moderated grade counted.
    sign_in(page, built.lead)
    page.get_by_role("link", name="Case-file audits").click()
    page.get_by_role("link", name=built.programme.name).click()
    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_text("1 audit from 1 authority")).to_be_visible()
    plans_row = page.get_by_test_id("by-domain").get_by_role("row").filter(has_text="Plans")
    expect(plans_row.get_by_role("cell")).to_have_text(["0", "0", "1", "0", "1"])
    expect(page.get_by_test_id("agreement")).to_contain_text("8 of 9 domains")
    expect(page.get_by_role("link", name="Excel")).to_be_visible()
    assert_accessible(page)
    shot(page, "caseaudit-results")


def test_the_demo_audit_has_something_on_every_page(page):
    from django.core.management import call_command

    from hub.accounts.models import User
    from hub.caseaudit.models import AuditKind, CaseFileAudit
    from hub.home.demo import demo_password

    call_command("seed_demo", verbosity=0)
    lead = User.objects.get(username="audit.lead@example.org")
    sign_in(page, lead, password=demo_password())
    page.get_by_role("link", name="Case-file audits").click()
    page.get_by_role("link", name="Care orders at home: regional case-file audit").click()
    expect(page.get_by_test_id("cases").get_by_role("row")).to_have_count(1 + 21)
    assert_accessible(page)
    shot(page, "caseaudit-demo-programme")
    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_test_id("agreement")).to_contain_text("kappa")
    expect(page.get_by_test_id("themes").get_by_role("row")).to_have_count(1 + 3)
    expect(page.get_by_test_id("authority")).to_have_count(7)
    assert_accessible(page)
    shot(page, "caseaudit-demo-results")
    page.goto(page.url.replace("/results/", "/themes/"))
    assert_accessible(page)
    shot(page, "caseaudit-demo-themes")

    # The lead selects for an authority still to select: at random, the seed shown.
    page.get_by_role("link", name="Care orders at home: regional case-file audit").click()
    page.get_by_role("link", name="Select cases for Cheshire East").click()
    page.get_by_label("Eligible cases").fill("\n".join(f"895-COH-{n:04d}" for n in range(1, 11)))
    page.get_by_role("button", name="Select 3 at random").click()
    expect(page.get_by_text("3 cases selected at random (seed")).to_be_visible()
    expect(page.get_by_test_id("selected-cases").get_by_role("listitem")).to_have_count(3)
    expect(page.get_by_test_id("selection")).to_contain_text("895-COH-0010")
    assert_accessible(page)
    shot(page, "caseaudit-demo-selection")
    sign_out(page)

    # The Cafcass dip-sample auditor sees the two audits of a case compared.
    compared = CaseFileAudit.objects.filter(kind=AuditKind.DIP_SAMPLE).order_by("pk").first().case
    sign_in(page, User.objects.get(username="cafcass.audit@example.org"), password=demo_password())
    page.goto(f"/case-file-audits/cases/{compared.pk}/")
    expect(page.get_by_test_id("comparison")).to_be_visible()
    assert_accessible(page)
    shot(page, "caseaudit-demo-compared")
