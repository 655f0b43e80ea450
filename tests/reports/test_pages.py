"""The report pages: who may open them, what they show and how their forms answer."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from hub.audit.models import AccessLogEntry
from hub.reports import selectors
from hub.reports.models import ExportKind, ReportExport, ReportState
from tests import factories
from tests.reports import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return factories.service_manager()


def _url(name, report, *args):
    return reverse(f"reports:{name}", args=[report.assessment_id, *args])


def _save(client, report, **sections):
    """Post the drafting form as a browser would: every field, with these sections changed."""
    version = selectors.latest_version(report)
    data = {f"section_{key}": text for key, text in version.texts.items()}
    data |= {f"answer_{key}": text for key, text in version.answers.items()}
    data |= {f"section_{key}": text for key, text in sections.items()}
    return client.post(_url("draft", report), data)


def test_the_assessor_drafts_with_the_courts_questions_and_each_save_is_a_version(client_for):
    assessor = factories.assessor()
    assessment = factories.accepted_assessment(assessor_user=assessor)
    client = client_for(assessor)

    page = client.get(reverse("reports:draft", args=[assessment.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Question 1: Can the parent meet the child&#x27;s needs?" in html
    assert "Basic care" in html and "ParentAssess outcome table" in html
    assert "Every question the court asked is answered" in html
    report = assessment.report
    question = selectors.court_questions(report)[0]

    saved = client.post(
        reverse("reports:draft", args=[assessment.pk]),
        {f"answer_{question.key}": "Yes, with support.", "section_analysis": "Weighed."},
    )
    assert saved.status_code == 302
    version = selectors.latest_version(report)
    assert version.number == 2
    assert version.answers[question.key] == "Yes, with support." and version.texts["analysis"] == "Weighed."
    assert AccessLogEntry.objects.filter(user=assessor, object_type="report", action="change").exists()


@pytest.mark.parametrize("who", ["other_assessor", "referrer"])
def test_anyone_else_gets_a_404_and_the_refusal_is_logged(client_for, who):
    report = builders.drafted()
    person = factories.assessor() if who == "other_assessor" else factories.referrer()
    for name in ("draft", "submit", "versions", "file", "after"):
        assert client_for(person).get(_url(name, report)).status_code == 404
    assert AccessLogEntry.objects.filter(user=person, action="refused", object_type="report").count() == 5


def test_a_failed_check_is_listed_with_a_link_and_submitting_past_it_needs_a_reason(client_for, manager):
    report = builders.drafted()
    assessor = report.assessment.assessor
    client = client_for(assessor)
    _save(client, report, gaps="")

    page = client.get(_url("submit", report))
    assert f'href="{_url("draft", report)}#id_section_gaps"' in page.content.decode()

    refused = client.post(_url("submit", report), {"reason_gaps_stated": "  "})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "There is a problem" in html and "say why you are submitting without it" in html

    sent = client.post(_url("submit", report), {"reason_gaps_stated": "Nothing is missing"})
    assert sent.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.IN_QA
    qa_page = client_for(manager).get(_url("qa", report)).content.decode()
    assert "Nothing is missing" in qa_page


def test_only_the_manager_opens_qa_and_an_assessor_cannot_approve(client_for, manager):
    report = builders.in_qa()
    assessor = report.assessment.assessor
    assert client_for(assessor).get(_url("qa", report)).status_code == 404
    posted = client_for(assessor).post(
        _url("qa", report), {"decision": "approve", **{f"feature_{c}": "on" for c, _ in selectors.QA_CHECKLIST}}
    )
    assert posted.status_code == 404
    report.refresh_from_db()
    assert report.state == ReportState.IN_QA
    assert client_for(assessor).get(reverse("reports:qa-queue")).status_code == 403


def test_the_manager_returns_with_section_comments_the_assessor_sees(client_for, manager):
    report = builders.in_qa()
    client = client_for(manager)
    incomplete = client.post(_url("qa", report), {"decision": "approve", "feature_strengths": "on"})
    assert incomplete.status_code == 400
    assert "every feature" in incomplete.content.decode()
    assert re.search(r'name="feature_strengths"[^>]*checked', incomplete.content.decode())

    returned = client.post(
        _url("qa", report), {"decision": "return", "comment_analysis": "Say more about the father's role"}
    )
    assert returned.status_code == 302
    draft = client_for(report.assessment.assessor).get(_url("draft", report)).content.decode()
    assert "Returned for amendment" in draft
    assert "Say more about the father&#x27;s role" in draft


def test_the_qa_queue_shows_the_qa_deadline_and_pages(client_for, manager, monkeypatch):
    monkeypatch.setattr("hub.reports.views.QA_PAGE_SIZE", 1)
    first, second = builders.in_qa(), builders.in_qa()
    clock = second.assessment.clock
    clock.qa_due_date = timezone.localdate() + datetime.timedelta(days=3)
    clock.save(update_fields=["qa_due_date"])
    first.assessment.clock.qa_due_date = timezone.localdate() + datetime.timedelta(days=9)
    first.assessment.clock.save(update_fields=["qa_due_date"])

    page = client_for(manager).get(reverse("reports:qa-queue")).content.decode()
    assert second.assessment.referral.reference in page
    assert f"{clock.qa_due_date:%-d %b %Y}" in page
    assert first.assessment.referral.reference not in page
    assert "2 waiting" in page
    page2 = client_for(manager).get(reverse("reports:qa-queue") + "?page=2").content.decode()
    assert first.assessment.referral.reference in page2


def test_two_versions_are_compared_section_by_section(client_for):
    report = builders.drafted()
    client = client_for(report.assessment.assessor)
    _save(client, report, analysis="Quite different words.")
    page = client.get(_url("versions", report) + "?older=2&newer=3").content.decode()
    assert "<ins>Quite different words.</ins>" in page.replace("\n", "")
    bad = client.get(_url("versions", report) + "?older=2&newer=2")
    assert bad.status_code == 400 and "Choose two different versions" in bad.content.decode()


def test_the_filing_form_re_shows_what_was_typed(client_for, manager):
    report = builders.approved(manager)
    page = client_for(manager).post(
        _url("file", report),
        {"filed_on_day": "31", "filed_on_month": "2", "filed_on_year": "2027", "shared_with": "Court"},
    )
    html = page.content.decode()
    assert page.status_code == 400
    assert "There is a problem" in html and 'value="31"' in html and "Court</textarea>" in html


def test_after_filing_the_referrer_of_that_authority_only_reads_and_downloads_the_report(client_for, manager):
    referrer = factories.referrer("Liverpool")
    report = builders.filed(manager, by=referrer)
    assert report.approved_version is not None
    export = ReportExport.objects.create(
        report=report, version=report.approved_version, kind=ExportKind.DOCX, requested_by=manager
    )
    export.file.save("report.docx", ContentFile(b"PK synthetic"), save=True)

    page = client_for(referrer).get(_url("filed", report))
    assert page.status_code == 200
    assert report.assessment.referral.case_number in page.content.decode()
    download = client_for(referrer).get(_url("download", report, export.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"PK synthetic"
    assert AccessLogEntry.objects.filter(user=referrer, action="download", object_type="report").exists()
    listing = client_for(referrer).get(reverse("reports:filed-list")).content.decode()
    assert report.assessment.referral.reference in listing

    other = factories.referrer("Wirral")
    assert client_for(other).get(_url("filed", report)).status_code == 404
    assert client_for(other).get(_url("download", report, export.pk)).status_code == 404


def test_a_referrer_sees_nothing_before_filing(client_for, manager):
    referrer = factories.referrer("Liverpool")
    report = builders.approved(manager, by=referrer)
    assert client_for(referrer).get(_url("filed", report)).status_code == 404


def test_the_outcome_and_an_addendum_are_recorded_after_filing(client_for, manager):
    report = builders.filed(manager)
    client = client_for(manager)
    missing = client.post(_url("after", report), {"recommendation": "", "court_decision": "Pending"})
    assert missing.status_code == 400 and "Select whether the recommendation" in missing.content.decode()
    assert "Pending</textarea>" in missing.content.decode()
    assert (
        client.post(_url("after", report), {"recommendation": "positive", "la_changed_plan": "no"}).status_code == 302
    )
    report.refresh_from_db()
    assert (report.recommendation, report.la_changed_plan) == ("positive", False)

    assert client.post(_url("after", report), {"questions": "Has the mother engaged?"}).status_code == 302
    assert report.addenda.get().addendum_questions == ["Has the mother engaged?"]


def test_a_section_is_taken_afresh_from_the_workspace_after_new_entries(client_for):
    from hub.workspace import services as workspace
    from hub.workspace.models import ChronologyEntry

    report = builders.drafted()
    family = workspace.family_ensure_for_referral(referral=report.assessment.referral)
    ChronologyEntry.objects.create(
        family=family, event_date=datetime.date(2022, 3, 1), what_happened="Moved to a new flat", source="Housing"
    )
    client = client_for(report.assessment.assessor)
    version = selectors.latest_version(report)
    data = {f"section_{k}": v for k, v in version.texts.items()} | {
        f"answer_{k}": v for k, v in version.answers.items()
    }
    data["section_analysis"] = "Typed before refreshing."
    answer = client.post(_url("draft", report), {**data, "refresh": "chronology"})

    assert answer.status_code == 302 and answer["Location"].endswith("#id_section_chronology")
    latest = selectors.latest_version(report)
    assert "Moved to a new flat (source: Housing)" in latest.texts["chronology"]
    assert latest.texts["analysis"] == "Typed before refreshing."
    assert latest.provenance["chronology"]["detail"] == "the family's chronology (1 entry)"
    refused = client.post(_url("draft", report), {**data, "refresh": "basic_care"}, follow=True)
    assert "That section is not filled from the workspace" in refused.content.decode()
