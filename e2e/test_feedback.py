"""A family member answers the survey on a small phone with JavaScript off, saving half way and coming
back with the code from their letter; a professional answers from the link in their email."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import AXE, AXE_URL, assert_accessible, shot
from hub.feedback import services
from hub.feedback.models import SurveyInvitation, SurveyKind, SurveyResponse
from hub.referrals.models import Contact, ContactRole
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def _phone(browser: Browser, live_server) -> Page:
    """A small phone's screen with JavaScript switched off: the survey must work without it."""
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    context.route(f"**{AXE_URL}", lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    return context.new_page()


def _accessible_without_javascript(page: Page) -> None:
    """axe-core needs JavaScript, which the phone has off: check the very markup it shows in a page that has it on."""
    html = page.content()
    checker = page.context.browser.new_context(base_url=page.url.split("/feedback/")[0]).new_page()
    checker.context.route(f"**{AXE_URL}", lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    checker.goto("/feedback/")
    checker.set_content(html)
    assert_accessible(checker)
    checker.context.close()


def _choose(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_a_family_member_answers_on_a_phone_without_javascript_saving_half_way(browser, live_server):
    assessment = factories.accepted_assessment(assessor_user=factories.assessor())
    [invitation] = [i for i in services.invitations_prepare(assessment=assessment) if i.kind == SurveyKind.FAMILY]
    code = services.invitation_letter_issue(invitation=invitation, actor=factories.service_manager())

    page = _phone(browser, live_server)
    page.goto("/feedback/")
    expect(page.get_by_role("heading", name="Tell us what you think")).to_be_visible()
    _accessible_without_javascript(page)
    shot(page, "feedback-phone-start")
    # A mistyped code first: the error summary, and what was typed still there.
    page.get_by_label("Your code").fill("NOT-A-CODE")
    page.get_by_role("button", name="Start").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("That code does not work")
    expect(page.get_by_label("Your code")).to_have_value("NOT-A-CODE")
    page.get_by_label("Your code").fill(f"{code[:5].lower()} {code[5:].lower()}")
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", name="The assessment")).to_be_visible()
    body = page.locator("main").inner_text()
    for secret in (assessment.referral.reference, assessment.referral.children.get().full_name, "Liverpool"):
        assert secret not in body
    _accessible_without_javascript(page)
    for question in ("Did you feel respected?", "Did you feel listened to?", "Did you find the sessions helpful?"):
        _choose(page, question, "Yes")
    shot(page, "feedback-phone-page-1")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="How the work was done")).to_be_visible()
    _choose(page, "Was the role of the social worker made clear to you?", "Yes")
    _choose(page, "Did the social worker tell you regularly how things were going?", "No")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", name="Your answers are saved")).to_be_visible()
    _accessible_without_javascript(page)
    shot(page, "feedback-phone-saved")
    page.context.close()

    # Days later, on the same phone with a fresh browser: the code again, and the answers are there.
    page = _phone(browser, live_server)
    page.goto("/feedback/")
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("group", name="Did you feel respected?").get_by_label("Yes")).to_be_checked()
    page.get_by_role("button", name="Save and continue").click()
    expect(
        page.get_by_role("group", name="Did the social worker tell you regularly how things were going?").get_by_label(
            "No"
        )
    ).to_be_checked()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Your ratings")).to_be_visible()
    _choose(page, "How approachable was the social worker?", "5 (excellent)")
    _choose(page, "How helpful has this service been to your family?", "Very helpful")
    _accessible_without_javascript(page)
    shot(page, "feedback-phone-ratings")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="In your own words")).to_be_visible()
    page.get_by_label("What was most helpful?").fill("She listened to everything I told her.")
    page.get_by_role("button", name="Send your answers").click()
    # Two things must be answered before sending; what was typed stays.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say whether we may quote what you wrote")
    expect(summary).to_contain_text("Say whether your answers should be anonymous")
    expect(page.get_by_label("What was most helpful?")).to_have_value("She listened to everything I told her.")
    _accessible_without_javascript(page)
    shot(page, "feedback-phone-errors")
    _choose(page, "May we quote what you wrote, without your name, in reports about the hub?", "Yes, you may quote me")
    _choose(page, "Should your answers be anonymous?", "Yes, keep my answers anonymous")
    page.get_by_role("button", name="Send your answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    shot(page, "feedback-phone-thanks")

    response = SurveyResponse.objects.get()
    assert (response.felt_respected, response.regular_feedback, response.approachability) == (True, False, 5)
    assert response.helpfulness == 5 and response.consent_to_quote is True
    assert response.invitation is None and response.submitted_at is not None  # anonymous
    # The code is spent.
    page.goto("/feedback/")
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Start").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("That code does not work")
    page.context.close()


def test_a_professional_answers_from_the_link_in_their_email(page):
    # The message templates are rows a migration adds; an earlier transactional test may have emptied the table.
    import_module("hub.feedback.migrations.0002_message_templates").add(apps, None)
    assessment = factories.accepted_assessment(assessor_user=factories.assessor())
    Contact.objects.create(
        referral=assessment.referral, role=ContactRole.IRO, full_name="Reviewing Officer", email="iro@la.example.org"
    )
    services.invitations_prepare(assessment=assessment)
    invitation = SurveyInvitation.objects.get(email="iro@la.example.org")
    services.invitation_email_send(invitation=invitation)
    [email] = [m for m in mail.outbox if m.to == ["iro@la.example.org"]]
    path = re.search(r"/feedback/s/\S+/", email.body).group(0)

    page.goto(path)
    expect(page.get_by_role("heading", name="Your ratings")).to_be_visible()
    assert "/feedback/s/" not in page.url  # the link leaves the address bar
    assert_accessible(page)
    for question in (
        "How would you rate the timeliness of the assessment?",
        "How would you rate its quality and thoroughness?",
        "How would you rate the hub's communication with you and the parties?",
    ):
        _choose(page, question, "5 (excellent)")
    _choose(page, "How would you rate its use of research?", "4")
    shot(page, "feedback-professional-ratings")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("What difference did the assessment make?").fill("The case concluded within 26 weeks.")
    _choose(page, "May we quote what you wrote, without your name, in reports about the hub?", "Yes, you may quote me")
    _choose(page, "Should your answers be anonymous?", "No, you may know they are mine")
    assert_accessible(page)
    shot(page, "feedback-professional-words")
    page.get_by_role("button", name="Send your answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    response = SurveyResponse.objects.get()
    assert (response.kind, response.timeliness, response.use_of_research) == ("professional", 5, 4)
    assert response.invitation == invitation and response.respondent_role == "Independent reviewing officer (IRO)"
    page.goto(path)
    expect(page.get_by_role("heading", name="This link or code does not work")).to_be_visible()
    assert_accessible(page)
    shot(page, "feedback-link-used")


def test_the_manager_offers_advocacy_and_reads_the_results(page):
    from e2e.conftest import sign_in
    from hub.feedback.models import ProviderKind, SupportProvider

    manager = factories.service_manager()
    assessment = factories.accepted_assessment(assessor_user=factories.assessor(), manager=manager)
    adult = assessment.referral.adults.get()
    SupportProvider.objects.create(
        name="Voice Alongside Advocacy (demo)", kind=ProviderKind.ADVOCACY, how_they_help="An advocate for parents."
    )
    SurveyResponse.objects.create(
        kind=SurveyKind.FAMILY,
        assessment=assessment,
        respondent_role="mother",
        submitted_at=timezone.now(),
        felt_respected=True,
        consent_to_quote=True,
        most_helpful="She listened.",
    )

    sign_in(page, manager)
    page.get_by_role("link", name="Advocacy", exact=True).click()
    expect(page.get_by_role("heading", name="Not yet offered advocacy")).to_be_visible()
    assert_accessible(page)
    shot(page, "feedback-advocacy-not-offered")
    page.get_by_role("link", name=assessment.referral.reference).click()
    expect(page.get_by_test_id(f"advocacy-{adult.pk}")).to_contain_text("Not offered yet")
    assert_accessible(page)
    page.get_by_role("link", name=f"Record the offer of advocacy for {adult.full_name}").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date advocacy was offered")
    today = timezone.localdate()
    page.get_by_label("Day").first.fill(str(today.day))
    page.get_by_label("Month").first.fill(str(today.month))
    page.get_by_label("Year").first.fill(str(today.year))
    page.get_by_label("Wants an advocate").check()
    page.get_by_label("Referred to (if they want an advocate)").select_option(label="Voice Alongside Advocacy (demo)")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give both the advocacy provider and the date")
    assert_accessible(page)
    shot(page, "feedback-advocacy-errors")
    page.get_by_label("Day").nth(1).fill(str(today.day))
    page.get_by_label("Month").nth(1).fill(str(today.month))
    page.get_by_label("Year").nth(1).fill(str(today.year))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id(f"advocacy-{adult.pk}")).to_contain_text("referred to Voice Alongside Advocacy")
    shot(page, "feedback-support")

    page.get_by_role("link", name="Feedback", exact=True).click()
    expect(page.get_by_role("heading", name="Feedback from families and professionals")).to_be_visible()
    expect(page.locator("main")).to_contain_text("100% (1 of 1) felt respected")
    expect(page.get_by_test_id("quote")).to_contain_text("She listened.")
    assert_accessible(page)
    shot(page, "feedback-results")
