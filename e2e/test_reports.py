"""The loop closes: the assessor drafts, fixes a failed check, sends to QA; the manager returns it
with comments; the assessor amends; the manager approves; the report is filed and the referring
authority reads it and downloads the PDF."""

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from e2e.conftest import assert_accessible, shot, sign_in, sign_out
from hub.reports.models import Report, ReportState
from hub.reports.rules import Kind
from hub.reports.selectors import QA_CHECKLIST
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_report(page, assessment) -> None:
    page.goto(f"/workspace/{assessment.pk}/")
    page.get_by_role("navigation", name="Workspace sections").get_by_role("link", name="Report").click()
    # The first opening starts the report from the workspace: give a busy machine time.
    page.wait_for_url(f"**/reports/{assessment.pk}/", timeout=30_000)
    expect(page.get_by_role("heading", name="Report", exact=True)).to_be_visible(timeout=15_000)


def test_a_report_goes_from_draft_through_qa_to_filed(page):
    referrer = factories.referrer("Liverpool")
    manager = factories.service_manager()
    assessor = factories.assessor("Halton")
    assessment = factories.accepted_assessment(assessor_user=assessor, by=referrer, manager=manager)
    child = assessment.referral.children.get()

    # The assessor drafts every section but the analysis.
    sign_in(page, assessor)
    _open_report(page, assessment)
    assert_accessible(page)
    report = Report.objects.get(assessment=assessment)
    for section in report.sections:
        kind = section["kind"]
        if kind in (Kind.QUESTIONS, Kind.ANALYSIS):
            continue
        text = f"{child.full_name}: synthetic text for {section['heading'].lower()}."
        page.locator(f"#id_section_{section['key']}").fill(text)
    page.get_by_label("Question 1: Can the parent meet the child's needs?").fill("Yes, with support from family.")
    page.get_by_role("button", name="Save a version").click()
    expect(page.get_by_text("Saved as version 2")).to_be_visible()
    shot(page, "reports-draft")

    # The check on the analysis fails; its link leads to the section, which is then written.
    page.get_by_role("link", name="Check and send to quality assurance").click()
    expect(page.get_by_role("heading", name="Check and send to quality assurance")).to_be_visible()
    assert_accessible(page)
    checks = page.get_by_test_id("checks").inner_text()
    assert "The analysis is not written (Analysis)" in checks
    shot(page, "reports-checks-failed")
    page.get_by_role("link", name="The analysis is not written (Analysis)").click()
    page.locator("#id_section_analysis").fill("The parent has met the child's needs at every visit.")
    page.get_by_role("button", name="Save a version").click()
    expect(page.get_by_text("Saved as version 3")).to_be_visible()
    page.get_by_role("link", name="Check and send to quality assurance").click()
    assert "To fix" not in page.get_by_test_id("checks").inner_text()
    page.get_by_role("button", name="Send to quality assurance").click()
    expect(page.get_by_text("Sent to the service manager for quality assurance")).to_be_visible()
    expect(page.get_by_test_id("report-state")).to_have_text("In quality assurance")
    sign_out(page)

    # The manager returns it with a comment on the analysis.
    sign_in(page, manager)
    page.get_by_role("link", name="Quality assurance").first.click()
    expect(page.get_by_role("heading", name="Quality assurance")).to_be_visible()
    assert_accessible(page)
    deadline = assessment.clock.qa_due_date if hasattr(assessment, "clock") else None
    if deadline:
        assert f"{deadline:%-d %b %Y}" in page.get_by_test_id("qa-queue").inner_text()
    shot(page, "reports-qa-queue")
    page.get_by_role("link", name=assessment.referral.reference).click()
    assert_accessible(page)
    page.get_by_label("Builds on strengths as well as identifying difficulties").check()
    page.get_by_label("Comment on Analysis").fill("Say how the family's support was tested.")
    shot(page, "reports-qa-review")
    page.get_by_role("button", name="Return for amendment").click()
    expect(page.get_by_text("Returned to the assessor for amendment")).to_be_visible()
    sign_out(page)

    # The assessor sees the comment beside the analysis and amends it.
    sign_in(page, assessor)
    _open_report(page, assessment)
    expect(page.get_by_test_id("returned")).to_be_visible()
    expect(page.get_by_text("Say how the family's support was tested.")).to_be_visible()
    assert_accessible(page)
    shot(page, "reports-returned")
    page.locator("#id_section_analysis").fill(
        "The parent has met the child's needs at every visit. The grandmother's support was tested over six weeks."
    )
    page.get_by_role("button", name="Save a version").click()
    page.get_by_role("link", name="Versions and QA rounds").click()
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_test_id("diff-analysis").locator("ins")).to_contain_text("grandmother")
    assert_accessible(page)
    shot(page, "reports-versions-compared")
    page.get_by_role("link", name="Report", exact=True).click()
    page.get_by_role("link", name="Check and send to quality assurance").click()
    page.get_by_role("button", name="Send to quality assurance").click()
    expect(page.get_by_text("Sent to the service manager for quality assurance")).to_be_visible()
    sign_out(page)

    # The manager approves, and files it.
    sign_in(page, manager)
    page.goto("/reports/qa/")
    page.get_by_role("link", name=assessment.referral.reference).click()
    for _, feature in QA_CHECKLIST:
        page.get_by_label(feature).check()
    page.get_by_role("button", name="Approve for filing").click()
    expect(page.get_by_text("Approved for filing")).to_be_visible()
    page.goto(f"/reports/{assessment.pk}/")
    page.get_by_role("link", name="File with the court").click()
    assert_accessible(page)
    today = timezone.localdate()
    page.locator("#id_filed_on_0").fill(str(today.day))
    page.locator("#id_filed_on_1").fill(str(today.month))
    page.locator("#id_filed_on_2").fill(str(today.year))
    page.get_by_label("Who the report was shared with").fill("The court and all parties")
    page.get_by_role("button", name="Record as filed").click()
    expect(page.get_by_text("Filed: the assessment is complete and its clock has ended")).to_be_visible()
    page.get_by_label("Positive").check()
    page.get_by_label("Not known yet").check()
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_text("Outcome recorded")).to_be_visible()
    # Filing made the Word and PDF documents and the family's letter in the background.
    exports = page.get_by_test_id("exports").inner_text()
    for made in ("Word (.docx), version 4", "PDF, version 4", "Outcome letter to the family, version 4"):
        assert made in exports
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (.docx), version 4").click()
    word = Document(download.value.path())
    assert "Yes, with support from family." in "\n".join(p.text for p in word.paragraphs)
    assert_accessible(page)
    shot(page, "reports-filed")
    report.refresh_from_db()
    assessment.refresh_from_db()
    assert (report.state, report.qa_rounds, assessment.status) == (ReportState.FILED, 2, "filed")
    sign_out(page)

    # The referring authority reads the filed report.
    sign_in(page, referrer)
    page.get_by_role("link", name="Filed reports").click()
    page.get_by_role("link", name=assessment.referral.reference).click()
    expect(page.get_by_text(assessment.referral.case_number)).to_be_visible()
    expect(page.get_by_text("Yes, with support from family.")).to_be_visible()
    assert_accessible(page)
    shot(page, "reports-referrer-filed")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    pdf = PdfReader(download.value.path())
    assert all(assessment.referral.case_number in p.extract_text() for p in pdf.pages)
