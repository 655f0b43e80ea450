"""The front door, end to end in a real browser: a referrer sends a Letter of
Instruction with its bundle, the service manager queries it, the referrer
answers, the manager accepts; a referrer from another authority is refused.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, shot, sign_in, sign_out
from hub.core.documents import make_bundle_pdf
from hub.referrals.models import Referral
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page: Page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()


def test_a_referrer_sends_a_complete_letter_and_bundle(page: Page, tmp_path):
    factories.court("Liverpool Family Court")
    referrer = factories.referrer("Liverpool")
    sign_in(page, referrer)
    expect(page.get_by_role("heading", name="Liverpool referrals")).to_be_visible()
    page.get_by_role("button", name="Start a referral").click()
    expect(page.get_by_role("heading", name="Refer a court-instructed assessment to the hub")).to_be_visible()
    assert_accessible(page)
    shot(page, "referral-01-start")
    page.get_by_role("button", name="Start the Letter of Instruction").click()

    # Court and permission, with a mistake in a date that is then put right.
    page.get_by_label("Court").select_option(label="Liverpool Family Court")
    page.get_by_label("Case number").fill("LV26C04242")
    page.get_by_label("Judge", exact=True).fill("HHJ Example")
    fill_date(page, "Date of the order giving permission", "31", "2", "2026")
    page.get_by_label("The judge has agreed that the hub's eligibility criteria are met").check()
    fill_date(page, "Date proceedings were issued", "17", "8", "2026")
    save_and_continue(page)
    expect(page.get_by_role("alert")).to_contain_text("must be a real date")
    # Nothing typed is lost.
    expect(page.get_by_label("Case number")).to_have_value("LV26C04242")
    expect(page.get_by_label("Judge", exact=True)).to_have_value("HHJ Example")
    expect(page.get_by_label("The judge has agreed that the hub's eligibility criteria are met")).to_be_checked()
    assert_accessible(page)
    shot(page, "referral-02-court-error")
    page.get_by_role("link", name=re.compile("must be a real date")).click()
    fill_date(page, "Date of the order giving permission", "1", "10", "2026")
    save_and_continue(page)

    fill_date(page, "Date the assessment must be filed", "15", "1", "2027")
    fill_date(page, "Issues resolution hearing (IRH)", "29", "1", "2027")
    save_and_continue(page)

    # Children: one added, then continue.
    page.get_by_label("Child's full name").fill("Ava Example")
    fill_date(page, "Date of birth", "14", "5", "2021")
    page.get_by_label("Female", exact=True).check()
    page.get_by_label("Ethnicity").fill("White British")
    page.get_by_label("First language").fill("English")
    assert_accessible(page)
    save_and_continue(page)

    page.get_by_label("Full name").fill("Parent Example")
    page.get_by_label("Relationship to Ava Example").fill("mother")
    page.get_by_label("Has, or may have, a learning disability or learning needs").check()
    save_and_continue(page)

    page.get_by_label("Parenting assessment", exact=True).check()
    page.get_by_label("Quality of a previous assessment").check()
    assert_accessible(page)
    save_and_continue(page)

    page.get_by_label("Question approved by the court").fill("Can the mother meet Ava's needs now?")
    page.get_by_role("button", name="Save and add another").click()
    page.get_by_label("Question approved by the court").fill("What support would she need?")
    save_and_continue(page)

    page.get_by_label("The family's ethnic, cultural, religious and linguistic background").fill(
        "White British; English at home; no religion practised."
    )
    save_and_continue(page)

    page.get_by_label("Document").fill("Social work evidence statement")
    page.get_by_label("Bundle page reference").fill("C1-C12")
    save_and_continue(page)

    page.get_by_label("Children's guardian").check()
    page.get_by_label("Full name").fill("Guardian Example")
    page.get_by_label("Organisation or firm").fill("Cafcass")
    page.get_by_label("Email address").fill("guardian@example.org")
    save_and_continue(page)

    # The bundle: a damaged file is refused with a reason, then a good one is kept.
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(make_bundle_pdf(title="Bundle", pages=3)[:-500])
    good = tmp_path / "Bundle section C.pdf"
    good.write_bytes(make_bundle_pdf(title="Bundle", pages=12))
    page.get_by_label("Upload court bundle files").set_input_files(str(bad))
    page.get_by_role("button", name="Upload files").click()
    expect(page.get_by_role("alert")).to_contain_text("damaged.pdf is incomplete or damaged")
    assert_accessible(page)
    shot(page, "referral-03-bundle-error")
    page.get_by_label("Upload court bundle files").set_input_files(str(good))
    page.get_by_role("button", name="Upload and continue").click()

    expect(page.get_by_role("heading", name="Check your answers before sending the referral")).to_be_visible()
    expect(page.get_by_text("Bundle section C.pdf")).to_be_visible()
    assert_accessible(page)
    shot(page, "referral-04-check-answers")
    page.get_by_role("button", name="Send referral to the hub").click()

    expect(page.get_by_text("sent to the hub")).to_be_visible()
    referral = Referral.objects.get(case_number="LV26C04242")
    assert referral.status == "submitted"
    assert referral.received_at is not None
    assert list(referral.questions.values_list("number", flat=True)) == [1, 2]
    assert referral.adults.get().learning_needs is True
    assert_accessible(page)
    shot(page, "referral-05-sent")


def test_the_manager_queries_the_referrer_answers_and_the_manager_accepts(page: Page):
    referral = factories.complete_referral(status="submitted", assessment_types=["parenting", "parenting_addendum"])
    manager = factories.service_manager()

    sign_in(page, manager)
    assert_accessible(page)
    shot(page, "triage-01-queue")
    page.get_by_role("link", name=referral.reference).click()
    page.get_by_role("tab", name="Raise a query").click()
    page.get_by_role("button", name="Send query").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your query")
    page.get_by_role("tab", name="Raise a query").click()
    page.get_by_label("Your query").fill("Please add the IRO's contact details.")
    page.get_by_role("button", name="Send query").click()
    expect(page.get_by_text("Query sent to the referrer")).to_be_visible()
    assert_accessible(page)
    shot(page, "triage-02-query-sent")
    sign_out(page)

    sign_in(page, referral.created_by)
    page.get_by_role("link", name=referral.reference).click()
    expect(page.get_by_test_id("thread")).to_contain_text("Please add the IRO's contact details.")
    page.get_by_role("link", name="change the letter or add to the bundle").click()
    page.get_by_role("link", name="Parties and professionals").click()
    page.get_by_label("Independent reviewing officer (IRO)").check()
    page.get_by_label("Full name").fill("Reviewing Officer Example")
    page.get_by_label("Email address").fill("iro@example.org")
    save_and_continue(page)
    page.goto(f"/referrals/{referral.pk}/")
    page.get_by_label("Your answer").fill("IRO details added.")
    assert_accessible(page)
    shot(page, "triage-03-answer")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("Your answer has been sent to the hub")).to_be_visible()
    sign_out(page)

    sign_in(page, manager)
    page.get_by_role("link", name=referral.reference).click()
    expect(page.get_by_test_id("thread")).to_contain_text("IRO details added.")
    expect(page.get_by_text("Reviewing Officer Example")).to_be_visible()
    page.get_by_role("button", name="Accept referral").click()
    expect(page.get_by_text("Referral accepted: 2 assessments created")).to_be_visible()
    assert_accessible(page)
    shot(page, "triage-04-accepted")
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert referral.assessments.count() == 2


def test_a_referrer_from_another_authority_is_refused(page: Page):
    referral = factories.complete_referral(by=factories.referrer("Wirral"), status="submitted")
    sign_in(page, factories.referrer("Sefton"))
    expect(page.get_by_text(referral.reference)).to_have_count(0)
    response = page.goto(f"/referrals/{referral.pk}/")
    assert response is not None and response.status == 404
    document = referral.bundle_documents.get()
    response = page.goto(f"/referrals/{referral.pk}/bundle/{document.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page)
    shot(page, "refused-other-authority")
