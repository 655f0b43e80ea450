"""Reports through their services: templates, versions, the checks, QA, filing, outcome and addendum."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hub.allocation import services as allocation
from hub.assessments.models import Assessment, AssessmentStatus
from hub.reports import selectors, services
from hub.reports.models import ExportKind, ReportState, ReportTemplate, validate_sections
from hub.reports.rules import Check
from hub.timescales.models import TimescaleEvent
from hub.workspace import services as workspace
from hub.workspace.models import ChronologyEntry
from tests import factories
from tests.allocation.builders import load, queued
from tests.reports import builders
from tests.reports.builders import EVERY_FEATURE

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return factories.service_manager()


def test_the_templates_are_seeded_for_each_type_with_the_sections_the_issue_names():
    templates = {t.assessment_type: t for t in ReportTemplate.objects.all()}
    assert {"parenting", "kinship_viability", "special_guardianship", "full_fostering", "parenting_addendum"} <= set(
        templates
    )
    parenting = [s["heading"] for s in templates["parenting"].sections]
    for heading in [
        "Basic care",
        "Ensuring safety",
        "ParentAssess outcome table",
        "Short report for the parent",
        "Analysis",
        "Recommendation",
        "Appendix: chronology",
    ]:
        assert heading in parenting
    assert parenting.index("Analysis") < parenting.index("Recommendation")
    assert "2016" in templates["special_guardianship"].note
    assert "Form K" in templates["full_fostering"].note
    for template in templates.values():
        validate_sections(template.sections)


def test_a_template_with_repeated_keys_or_an_unknown_kind_is_refused():
    with pytest.raises(ValidationError, match="its own key"):
        validate_sections([{"key": "a", "heading": "A", "guidance": "", "kind": "text"}] * 2)
    with pytest.raises(ValidationError, match="kind must be one of"):
        validate_sections([{"key": "a", "heading": "A", "guidance": "", "kind": "poem"}])


def test_the_report_starts_pre_filled_from_the_workspace_and_keeps_where_each_section_came_from():
    assessor = factories.assessor()
    assessment = factories.accepted_assessment(assessor_user=assessor)
    family = workspace.family_ensure_for_referral(referral=assessment.referral)
    ChronologyEntry.objects.create(
        family=family, event_date=datetime.date(2021, 2, 14), what_happened="Police called", source="Police"
    )
    workspace.analysis_save(assessment=assessment, actor=assessor, data={"gaps": "The father did not engage"})

    report = services.report_start(assessment=assessment, actor=assessor)

    first = selectors.latest_version(report)
    assert first.number == 1
    assert "Police called (source: Police)" in first.texts["chronology"]
    assert first.texts["gaps"] == "The father did not engage"
    assert first.provenance["gaps"]["origin"] == "workspace"
    assert "what I don't know" in first.provenance["gaps"]["detail"]
    assert "Child Example 0" in first.texts["children"]
    # Starting again gives the same report, not a second one.
    assert services.report_start(assessment=assessment, actor=assessor) == report

    version = services.report_save(report=report, actor=assessor, texts={"gaps": "None left"}, answers={})
    assert version.number == 2 and version.texts["gaps"] == "None left"
    assert selectors.section_provenance(version, "gaps")["edited"] is True
    assert selectors.section_provenance(version, "chronology")["edited"] is False
    # A save that changes nothing is not a new version.
    assert services.report_save(report=report, actor=assessor, texts={"gaps": "None left"}, answers={}) == version


def test_only_the_allocated_assessor_writes_the_report(manager):
    report = builders.drafted()
    other = factories.assessor()
    for actor in (other, manager):
        with pytest.raises(services.ReportError, match="Only the allocated assessor"):
            services.report_save(report=report, actor=actor, texts={"gaps": "x"}, answers={})


def test_submitting_needs_every_check_passed_or_a_reason_and_records_the_draft_milestone(manager):
    assessor = factories.assessor()
    assessment = factories.accepted_assessment(assessor_user=assessor)
    report = services.report_start(assessment=assessment, actor=assessor)

    with pytest.raises(services.ChecksUnexplained) as refused:
        services.report_submit(report=report, actor=assessor, reasons={})
    assert Check.QUESTION_ANSWERED in {r.check for r in refused.value.failed}

    texts, answers = builders.complete_texts(report)
    texts["gaps"] = ""
    services.report_save(report=report, actor=assessor, texts=texts, answers=answers)
    qa_round = services.report_submit(
        report=report, actor=assessor, reasons={"gaps_stated": "Every agency replied; nothing is missing"}
    )

    report.refresh_from_db()
    assessment.refresh_from_db()
    assert (report.state, report.qa_rounds, assessment.status) == (ReportState.IN_QA, 1, AssessmentStatus.IN_QA)
    assert qa_round.overridden_checks == [
        {
            "check": "gaps_stated",
            "title": "Gaps in the information are stated",
            "problems": ["Gaps in the information are not stated (Gaps in the information); say so if there are none"],
            "reason": "Every agency replied; nothing is missing",
        }
    ]
    assert assessment.clock.draft_submitted_on == timezone.localdate()
    with pytest.raises(services.ReportError, match="cannot be changed"):
        services.report_save(report=report, actor=assessor, texts={"gaps": "x"}, answers={})


def test_an_assessor_can_never_approve_or_return(manager):
    report = builders.in_qa()
    for person in (report.assessment.assessor, factories.assessor(), factories.referrer()):
        with pytest.raises(services.ReportError, match="Only the service manager"):
            services.qa_approve(report=report, actor=person, checklist=EVERY_FEATURE, comments={}, summary="")


def test_qa_returns_with_comments_counts_rounds_and_approval_records_qa_done(manager):
    report = builders.in_qa()
    assessor = report.assessment.assessor

    with pytest.raises(services.ReportError, match="Say what needs amending"):
        services.qa_return(report=report, actor=manager, checklist={}, comments={}, summary=" ")
    returned = services.qa_return(
        report=report,
        actor=manager,
        checklist={"strengths": True},
        comments={"analysis": "Weigh the GP's view"},
        summary="",
    )
    report.refresh_from_db()
    assert (report.state, returned.decision, returned.days_taken) == (ReportState.RETURNED, "returned", 0)
    assert returned.comments == {"analysis": "Weigh the GP's view"}
    assert Assessment.objects.get(pk=report.assessment_id).status == "in_progress"

    services.report_save(report=report, actor=assessor, texts={"analysis": "The GP's view weighed."}, answers={})
    services.report_submit(report=report, actor=assessor, reasons={})
    with pytest.raises(services.ReportError, match="every feature"):
        services.qa_approve(report=report, actor=manager, checklist={"strengths": True}, comments={}, summary="")
    approved = services.qa_approve(report=report, actor=manager, checklist=EVERY_FEATURE, comments={}, summary="")

    report.refresh_from_db()
    assert (report.state, report.qa_rounds, approved.number) == (ReportState.APPROVED, 2, 2)
    assert report.approved_version == approved.version
    assert report.assessment.clock.qa_completed_on == timezone.localdate()
    assert [r.decision for r in selectors.rounds_of(report)] == ["returned", "approved"]


def test_two_versions_compare_section_by_section():
    report = builders.drafted()
    assessor = report.assessment.assessor
    older = selectors.latest_version(report)
    newer = services.report_save(
        report=report, actor=assessor, texts={"analysis": "Synthetic text, now weighed with care."}, answers={}
    )
    diffs = {d.key: d for d in selectors.compare_versions(report, older, newer)}
    assert not diffs["gaps"].changed
    assert diffs["analysis"].changed
    assert ("added", "text, now weighed with care.") in [(p.op, p.text) for p in diffs["analysis"].pieces]
    assert any(p.op == "removed" for p in diffs["analysis"].pieces)


def test_filing_marks_the_assessment_filed_ends_its_clock_and_asks_for_the_documents(
    manager, django_capture_on_commit_callbacks
):
    from hub.core.calendar import WorkingCalendar
    from hub.timescales import selectors as timescale_selectors

    report = builders.approved(manager)

    def on_timeline() -> bool:
        timeline = timescale_selectors.live_timeline(
            manager,
            filters=timescale_selectors.TimelineFilters(),
            as_of=timezone.localdate(),
            calendar_=WorkingCalendar(),
        )
        return timeline.filter(assessment=report.assessment).exists()

    assert on_timeline()
    with pytest.raises(services.ReportError, match="between the clock's start and today"):
        services.report_file(
            report=report, actor=manager, filed_on=timezone.localdate() + datetime.timedelta(days=1), shared_with="x"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_file(report=report, actor=manager, filed_on=timezone.localdate(), shared_with="Court, parties")

    # The clock has stopped on the day filed, so the timeline no longer shows it.
    report.assessment.clock.refresh_from_db()
    assert report.assessment.clock.ended_on == timezone.localdate()
    assert not on_timeline()

    report.refresh_from_db()
    assert report.state == ReportState.FILED and report.assessment.status == AssessmentStatus.FILED
    ended = TimescaleEvent.objects.filter(clock__assessment=report.assessment).last()
    assert ended.message.startswith("Clock ended on")
    assert {e.kind for e in report.exports.all()} == set(ExportKind.values)
    # Made by the worker; until the document module is in, each says why it is not there.
    assert all(e.made_at or e.error for e in report.exports.all())


def test_filing_frees_the_assessors_place_at_once(manager):
    assessor = factories.assessor("Halton", max_concurrent=3)
    held = load(assessor, 3)
    waiting = queued("Liverpool")
    with pytest.raises(allocation.AllocationRefused, match="no free place"):
        allocation.assessment_allocate(assessment_id=waiting.pk, assessor_id=assessor.pk, actor=manager)

    report = builders.for_assessment(Assessment.objects.get(pk=held[0].pk))
    texts, answers = builders.complete_texts(report)
    services.report_save(report=report, actor=assessor, texts=texts, answers=answers)
    services.report_submit(report=report, actor=assessor, reasons={})
    services.qa_approve(report=report, actor=manager, checklist=EVERY_FEATURE, comments={}, summary="")
    services.report_file(report=report, actor=manager, filed_on=timezone.localdate(), shared_with="Court")

    record = allocation.assessment_allocate(assessment_id=waiting.pk, assessor_id=assessor.pk, actor=manager)
    assert record.assessor == assessor


def test_the_outcome_is_recorded_after_filing(manager):
    report = builders.approved(manager)
    with pytest.raises(services.ReportError, match="once the report is filed"):
        services.outcome_record(
            report=report,
            actor=manager,
            recommendation="positive",
            la_changed_plan=None,
            court_decision="",
            court_decided_on=None,
        )
    services.report_file(report=report, actor=manager, filed_on=timezone.localdate(), shared_with="Court")
    services.outcome_record(
        report=report,
        actor=manager,
        recommendation="negative",
        la_changed_plan=True,
        court_decision="Care order",
        court_decided_on=timezone.localdate(),
    )
    report.refresh_from_db()
    assert (report.recommendation, report.la_changed_plan, report.court_decision) == ("negative", True, "Care order")


def test_an_addendum_starts_from_the_filed_report_and_shares_the_chronology(manager):
    report = builders.filed(manager)
    family = workspace.family_ensure_for_referral(referral=report.assessment.referral)
    ChronologyEntry.objects.create(
        family=family, event_date=timezone.localdate(), what_happened="Final hearing adjourned", source="Court order"
    )

    addendum = services.addendum_request(report=report, actor=manager, questions=["Has the mother engaged?", " "])

    assert (addendum.assessment_type, addendum.status) == ("parenting_addendum", "awaiting_allocation")
    assert addendum.referral_id == report.assessment.referral_id
    assert addendum.clock is not None
    new = addendum.report
    assert new.follows == report
    assert [q.text for q in selectors.court_questions(new)] == ["Has the mother engaged?"]
    first = selectors.latest_version(new)
    filed_version = report.approved_version
    assert first.texts["analysis"] == filed_version.texts["analysis"]
    assert first.provenance["analysis"]["origin"] == "filed_report"
    assert "Final hearing adjourned" in first.texts["chronology"]
    with pytest.raises(services.ReportError, match="already has an addendum"):
        services.addendum_request(report=report, actor=manager, questions=["Again?"])


def test_an_addendum_is_refused_for_a_type_without_one(manager):
    report = builders.filed(manager, assessment_type="kinship_viability")
    with pytest.raises(services.ReportError, match="only for parenting"):
        services.addendum_request(report=report, actor=manager, questions=["More?"])


def test_the_qa_queue_shows_reports_in_qa_by_their_qa_deadline(manager):
    first, second = builders.in_qa(), builders.in_qa()
    builders.drafted()
    second.assessment.clock.qa_due_date = timezone.localdate()
    second.assessment.clock.save(update_fields=["qa_due_date"])
    first.assessment.clock.qa_due_date = timezone.localdate() + datetime.timedelta(days=5)
    first.assessment.clock.save(update_fields=["qa_due_date"])
    assert list(selectors.qa_queue()) == [second, first]


def test_the_export_task_makes_the_word_pdf_and_letter_from_the_approved_version(
    manager, django_capture_on_commit_callbacks
):
    from docx import Document
    from pypdf import PdfReader

    from hub.reports import statement

    report = builders.approved(manager)
    version = report.approved_version
    version.texts.update(
        {
            "parentassess_outcomes": "Keeping the child safe: amber. Improving\nBasic care: green",
            "chronology": "14 February 2021: Police called (source: Police disclosure)",
            "parent_summary": "Things that are good and you do well:\nYou play with her\n\n"
            "What I am going to tell the court:\nShe can stay with you",
        }
    )
    version.save(update_fields=["texts"])

    court = statement.court_statement_for(report, version)
    assert court.case_number == report.assessment.referral.case_number and court.draft is False
    assert [(r.when, r.event, r.source) for r in court.chronology] == [
        ("14 February 2021", "Police called", "Police disclosure")
    ]
    table = next(s for s in court.sections if s.outcome_table)
    assert [(r.area, r.rating.value, r.comment) for r in table.outcome_table] == [
        ("Keeping the child safe", "amber", "Improving"),
        ("Basic care", "green", ""),
    ]
    headings = [s.heading for s in court.sections]
    assert headings.index("Analysis") < headings.index("Recommendation")
    letter = statement.outcome_letter_for(report, version)
    assert (letter.what_went_well, letter.what_we_will_tell_the_court) == (
        ("You play with her",),
        ("She can stay with you",),
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.report_file(report=report, actor=manager, filed_on=timezone.localdate(), shared_with="Court")
    made = {e.kind: e for e in report.exports.all()}
    assert all(e.made_at and not e.error for e in made.values())
    case_number = report.assessment.referral.case_number
    word = Document(made["docx"].file.open("rb"))
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        cell.text for table in word.tables for row in table.rows for cell in row.cells
    )
    assert "Can the parent meet the child's needs?" in text
    assert "Police called" in text
    assert case_number in "\n".join(p.text for p in word.sections[0].header.paragraphs) + "".join(
        cell.text for t in word.sections[0].header.tables for row in t.rows for cell in row.cells
    )
    pdf = PdfReader(made["pdf"].file.open("rb"))
    assert all(case_number in page.extract_text() for page in pdf.pages)
    letter_text = "\n".join(p.text for p in Document(made["outcome_letter"].file.open("rb")).paragraphs)
    assert "You play with her" in letter_text


def test_a_database_without_templates_gets_the_starting_ones_back():
    ReportTemplate.objects.all().delete()
    report = builders.drafted()
    assert report.template_name == "Parenting assessment report"
    assert ReportTemplate.objects.count() >= 5


def test_an_administrator_replaces_the_word_template_and_a_damaged_one_is_refused(
    manager, django_capture_on_commit_callbacks
):
    import io

    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hub.reports import documents

    template = ReportTemplate.objects.get(assessment_type="parenting")
    template.word_template = SimpleUploadedFile("ours.docx", b"This is not a Word file")
    with pytest.raises(ValidationError) as refused:
        template.full_clean()
    assert "word_template" in refused.value.message_dict

    own = docx.Document(str(documents.DEFAULT_STATEMENT_DOCX))
    own.paragraphs[0].insert_paragraph_before("Regional Assessment Hub letterhead")
    stream = io.BytesIO()
    own.save(stream)
    template.word_template = SimpleUploadedFile("ours.docx", stream.getvalue())
    template.full_clean()
    template.save()

    report = builders.approved(manager)
    assert report.assessment.assessment_type == "parenting"
    with django_capture_on_commit_callbacks(execute=True):
        services.report_file(report=report, actor=manager, filed_on=timezone.localdate(), shared_with="Court")
    word = docx.Document(report.exports.get(kind=ExportKind.DOCX).file.open("rb"))
    assert word.paragraphs[0].text == "Regional Assessment Hub letterhead"
