"""The assessor's day in the workspace: a session, the chronology, an agency asked and its letter,
and the completeness panel closing its gaps as they go."""

import datetime

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from e2e.conftest import assert_accessible, shot, sign_in
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _panel(page) -> str:
    return page.get_by_test_id("completeness-panel").inner_text()


def _fill_date(page, prefix: str, day: datetime.date) -> None:
    page.locator(f"#id_{prefix}_0").fill(str(day.day))
    page.locator(f"#id_{prefix}_1").fill(str(day.month))
    page.locator(f"#id_{prefix}_2").fill(str(day.year))


def test_it_records_evidence_and_the_completeness_panel_closes_its_gaps(page, tmp_path):
    assessor = factories.assessor()
    assessment = factories.accepted_assessment(assessor_user=assessor)
    child = assessment.referral.children.get()
    sign_in(page, assessor)

    page.get_by_role("link", name=f"Open workspace for {assessment.referral.reference}").click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    panel = _panel(page)
    assert f"{child.full_name} has not been seen alone, and no reason is recorded" in panel
    assert "No agency has been asked for information" in panel
    assert "The chronology has no entries" in panel
    missing_at_start = page.get_by_test_id("completeness-panel").locator("li").count()
    assert_accessible(page)
    shot(page, "workspace-overview-start")

    # A home visit, where the child was seen alone: the seen-alone gap closes.
    page.get_by_role("link", name=f"{child.full_name} has not been seen alone").click()
    expect(page.get_by_role("heading", name="Sessions")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Home visit").check()
    _fill_date(page, "held_on", timezone.localdate())
    page.get_by_label("Who was present").fill("Mother, maternal grandmother, assessor")
    page.get_by_label("Seen alone", exact=True).check()
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_text("Session recorded")).to_be_visible()
    expect(page.get_by_test_id("section-gaps")).to_have_count(0)
    shot(page, "workspace-session-recorded")

    # Two chronology entries, one with only a month and a year known.
    page.get_by_role("navigation", name="Workspace sections").get_by_role("link", name="Chronology").click()
    expect(page.get_by_role("heading", name="Chronology", exact=True)).to_be_visible()
    assert_accessible(page)
    page.locator("#id_when_0").fill("14")
    page.locator("#id_when_1").fill("2")
    page.locator("#id_when_2").fill("2021")
    page.get_by_label("What happened").fill("Police called to the family home after an argument")
    page.get_by_label("Source", exact=True).fill("Police disclosure")
    page.get_by_label("Court bundle page (optional)").fill("C23")
    page.get_by_role("button", name="Add to chronology").click()
    expect(page.get_by_text("Added to the family's chronology")).to_be_visible()
    page.get_by_text("Add an entry").click()
    page.locator("#id_when_1").fill("6")
    page.locator("#id_when_2").fill("2019")
    page.get_by_label("What happened").fill("Mother moved in with maternal grandmother")
    page.get_by_label("Source", exact=True).fill("Mother's account")
    page.get_by_role("button", name="Add to chronology").click()
    expect(page.get_by_role("cell", name="June 2019 (day not known)", exact=True)).to_be_visible()
    table = page.get_by_test_id("chronology").inner_text()
    assert "June 2019 (day not known)" in table
    assert table.index("June 2019") < table.index("14 February 2021")
    shot(page, "workspace-chronology")

    # Ask the GP, three weeks ago: the panel says they are overdue.
    page.get_by_role("navigation", name="Workspace sections").get_by_role(
        "link", name="Information from agencies"
    ).click()
    assert_accessible(page)
    page.get_by_label("Agency", exact=True).select_option("gp")
    page.get_by_label("Name of the service (optional)").fill("Riverside Medical Practice")
    page.get_by_label("Statutory duty").check()
    _fill_date(page, "asked_on", timezone.localdate() - datetime.timedelta(days=21))
    page.get_by_role("button", name="Save request").click()
    expect(page.get_by_role("heading", name="GP (Riverside Medical Practice)")).to_be_visible()
    assert "has not answered after 10 working days" in page.get_by_test_id("section-gaps").inner_text()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Generate the letter (Word)").click()
    saved = tmp_path / "letter.docx"
    download_info.value.save_as(saved)
    letter = "\n".join(p.text for p in Document(str(saved)).paragraphs)
    assert f"{child.full_name} (born" in letter
    assert "statutory responsibility" in letter
    page.get_by_role("link", name="Printable letter").click()
    expect(page.get_by_text("We request any relevant information your agency holds")).to_be_visible()
    shot(page, "workspace-letter-printable")
    page.go_back()

    # The GP answers: the overdue gap closes.
    _fill_date(page, "answered_on", timezone.localdate())
    page.get_by_label("What they said").fill("Registered since 2019; missed two immunisation appointments")
    page.get_by_label("Specialist expertise").check()
    page.get_by_role("button", name="Save answer").click()
    expect(page.get_by_text("Answer from GP (Riverside Medical Practice) saved")).to_be_visible()
    shot(page, "workspace-sources")
    page.get_by_role("navigation", name="Workspace sections").get_by_role("link", name="Overview").click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    panel = _panel(page)
    assert "has not been seen alone" not in panel
    assert "No agency has been asked" not in panel
    assert "has not answered" not in panel
    assert "The chronology has no entries" not in panel
    assert page.get_by_test_id("completeness-panel").locator("li").count() == missing_at_start - 4
    shot(page, "workspace-overview-after")

    # The triangle: the menu and the heading agree, and Back goes to the overview, not to the page itself.
    page.get_by_role("navigation", name="Workspace sections").get_by_role("link", name="Assessment triangle").click()
    expect(page.get_by_role("heading", level=1, name="Assessment triangle")).to_be_visible()
    assert_accessible(page)
    shot(page, "workspace-triangle")
    page.get_by_role("link", name="Back to the overview").click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
