"""Every change to a report goes through one of these functions.

Who may do what is checked here as well as on the pages, so no other caller (a
management command, the API, a test) can, say, have an assessor approve a report.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hub.accounts.models import Role, User
from hub.assessments.models import Assessment, AssessmentStatus
from hub.referrals.models import AssessmentType
from hub.reports import prefill, rules, seeds, selectors
from hub.reports.models import (
    ExportKind,
    QADecision,
    QARound,
    Recommendation,
    Report,
    ReportExport,
    ReportState,
    ReportTemplate,
    ReportVersion,
)
from hub.reports.signals import report_filed
from hub.timescales import services as timescales


class ReportError(Exception):
    """A change that cannot be made; the message says why, for the page."""


class ChecksUnexplained(ReportError):
    """Automated checks failed and no reason was given for submitting past them."""

    def __init__(self, failed: list[rules.CheckResult]) -> None:
        super().__init__("Fix these checks, or give a reason for submitting past each one")
        self.failed = failed


# An addendum is its own assessment type where the hub has one.
ADDENDUM_TYPES = {AssessmentType.PARENTING: AssessmentType.PARENTING_ADDENDUM}


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("assessment__referral").get(pk=report.pk)


def _must_be_assessor(report: Report, actor: User) -> None:
    if report.assessment.assessor_id != actor.pk:
        raise ReportError("Only the allocated assessor can change this report")


def _must_be_manager(actor: User) -> None:
    if actor.role != Role.SERVICE_MANAGER or not actor.is_active:
        raise ReportError("Only the service manager can quality-assure a report")


def _template_for(assessment_type: str) -> ReportTemplate:
    if not ReportTemplate.objects.exists():
        # The data migration seeds them; a database emptied since (a restore, a flushed test
        # database) gets the hub's starting templates back rather than no report at all.
        seeds.seed(ReportTemplate)
    template = ReportTemplate.objects.filter(assessment_type=assessment_type).first()
    if template is None:
        raise ReportError("There is no report template for this type of assessment; ask an administrator to add one")
    return template


def _next_number(report: Report) -> int:
    return (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def report_start(*, assessment: Assessment, actor: User) -> Report:
    """The assessment's report, made from its template and pre-filled from the workspace the first time."""
    existing = Report.objects.filter(assessment=assessment).first()
    if existing is not None:
        return existing
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    existing = Report.objects.filter(assessment=assessment).first()
    if existing is not None:  # made by a second request while this one waited
        return existing
    template = _template_for(assessment.assessment_type)
    report = Report.objects.create(assessment=assessment, sections=template.sections, template_name=template.name)
    filled = prefill.prefill_sections(template.sections, prefill.workspace_data(assessment))
    ReportVersion.objects.create(
        report=report,
        number=1,
        texts={key: item.text for key, item in filled.items()},
        provenance={
            key: {"origin": "workspace", "detail": item.detail, "text": item.text} for key, item in filled.items()
        },
        saved_by=actor,
        note="Started from the workspace",
    )
    return report


@transaction.atomic
def report_save(*, report: Report, actor: User, texts: dict[str, str], answers: dict[str, str]) -> ReportVersion:
    """Keep the report as it now stands as a new version (nothing is saved when nothing changed)."""
    report = _locked(report)
    _must_be_assessor(report, actor)
    if not report.is_editable:
        raise ReportError(f"The report cannot be changed while it is {report.get_state_display().lower()}")
    latest = selectors.latest_version(report)
    keys = {s["key"] for s in report.sections}
    question_keys = {q.key for q in selectors.court_questions(report)}
    new_texts = {**latest.texts, **{k: v.strip() for k, v in texts.items() if k in keys}}
    new_answers = {**latest.answers, **{k: v.strip() for k, v in answers.items() if k in question_keys}}
    if new_texts == latest.texts and new_answers == latest.answers:
        return latest
    return ReportVersion.objects.create(
        report=report,
        number=_next_number(report),
        texts=new_texts,
        answers=new_answers,
        provenance=latest.provenance,
        saved_by=actor,
    )


@transaction.atomic
def report_section_refresh(*, report: Report, actor: User, key: str) -> ReportVersion:
    """Take a pre-filled section afresh from the workspace (say, the chronology after new entries)."""
    report = _locked(report)
    _must_be_assessor(report, actor)
    if not report.is_editable:
        raise ReportError(f"The report cannot be changed while it is {report.get_state_display().lower()}")
    section = next((s for s in report.sections if s["key"] == key and s.get("prefill")), None)
    if section is None:
        raise ReportError("That section is not filled from the workspace")
    filled = prefill.prefill_sections([section], prefill.workspace_data(report.assessment)).get(key)
    latest = selectors.latest_version(report)
    text = filled.text if filled else ""
    origin = {"origin": "workspace", "detail": filled.detail, "text": text} if filled else None
    provenance = {k: v for k, v in latest.provenance.items() if k != key} | ({key: origin} if origin else {})
    return ReportVersion.objects.create(
        report=report,
        number=_next_number(report),
        texts={**latest.texts, key: text},
        answers=latest.answers,
        provenance=provenance,
        saved_by=actor,
        note=f"{section['heading']} taken afresh from the workspace",
    )


@transaction.atomic
def report_submit(*, report: Report, actor: User, reasons: dict[str, str]) -> QARound:
    """Send the latest version to the service manager's QA.

    Every automated check must pass, or carry a reason for going past it that the
    manager will see. The first submission is the clock's "draft to QA" milestone.
    """
    report = _locked(report)
    _must_be_assessor(report, actor)
    if not report.is_editable:
        raise ReportError(f"The report is {report.get_state_display().lower()}: it cannot be submitted now")
    version = selectors.latest_version(report)
    results = selectors.report_check_results(report, version)
    missing = rules.unexplained(results, reasons)
    if missing:
        raise ChecksUnexplained(missing)
    now = timezone.now()
    report.qa_rounds += 1
    qa_round = QARound.objects.create(
        report=report,
        number=report.qa_rounds,
        version=version,
        submitted_by=actor,
        submitted_at=now,
        overridden_checks=[
            {
                "check": r.check.value,
                "title": r.title,
                "problems": [p.message for p in r.problems],
                "reason": reasons[r.check.value].strip(),
            }
            for r in rules.failed_checks(results)
        ],
    )
    report.state = ReportState.IN_QA
    report.submitted_at = now
    report.save(update_fields=["qa_rounds", "state", "submitted_at"])
    Assessment.objects.filter(pk=report.assessment_id).update(status=AssessmentStatus.IN_QA)
    clock = timescales.clock_for(report.assessment)
    if clock.draft_submitted_on is None:
        timescales.milestone_record(
            clock=clock, actor=actor, milestone="draft_to_qa", reached_on=timezone.localdate(now)
        )
    return qa_round


def _decide(
    report: Report,
    actor: User,
    decision: QADecision,
    checklist: dict[str, bool],
    comments: dict[str, str],
    summary: str,
) -> QARound:
    _must_be_manager(actor)
    if report.assessment.assessor_id == actor.pk:
        raise ReportError("Nobody can quality-assure their own report")
    if report.state != ReportState.IN_QA:
        raise ReportError("This report is not waiting for quality assurance")
    qa_round = QARound.objects.select_for_update().filter(report=report, decided_at__isnull=True).order_by("-number")
    current = qa_round.first()
    assert current is not None, "a report in QA has an open round"
    codes = {code for code, _ in selectors.QA_CHECKLIST}
    current.decision = decision
    current.decided_by = actor
    current.decided_at = timezone.now()
    current.checklist = {code: bool(checklist.get(code)) for code in codes}
    current.comments = {k: v.strip() for k, v in comments.items() if v and v.strip()}
    current.summary = summary.strip()
    current.save()
    return current


@transaction.atomic
def qa_return(
    *, report: Report, actor: User, checklist: dict[str, bool], comments: dict[str, str], summary: str
) -> QARound:
    """Back to the assessor for amendment, with what to change."""
    report = _locked(report)
    if not summary.strip() and not any(v.strip() for v in comments.values()):
        raise ReportError("Say what needs amending: comment on a section or write a summary")
    qa_round = _decide(report, actor, QADecision.RETURNED, checklist, comments, summary)
    report.state = ReportState.RETURNED
    report.save(update_fields=["state"])
    Assessment.objects.filter(pk=report.assessment_id).update(status=AssessmentStatus.IN_PROGRESS)
    return qa_round


@transaction.atomic
def qa_approve(
    *, report: Report, actor: User, checklist: dict[str, bool], comments: dict[str, str], summary: str
) -> QARound:
    """Approved for filing: the clock's "QA done" milestone."""
    report = _locked(report)
    missing = [label for code, label in selectors.QA_CHECKLIST if not checklist.get(code)]
    if missing:
        raise ReportError(
            "Approve only a report that shows every feature of a high-quality assessment; otherwise return it"
        )
    qa_round = _decide(report, actor, QADecision.APPROVED, checklist, comments, summary)
    report.state = ReportState.APPROVED
    report.approved_version = qa_round.version
    report.save(update_fields=["state", "approved_version"])
    clock = timescales.clock_for(report.assessment)
    timescales.milestone_record(
        clock=clock, actor=actor, milestone="qa_done", reached_on=timezone.localdate(qa_round.decided_at)
    )
    return qa_round


@transaction.atomic
def report_file(*, report: Report, actor: User, filed_on: datetime.date, shared_with: str) -> Report:
    """Filed with the court: the assessment is done, its clock ends and the assessor's place is free."""
    report = _locked(report)
    if actor.role != Role.SERVICE_MANAGER and report.assessment.assessor_id != actor.pk:
        raise ReportError("Only the allocated assessor or the service manager can file this report")
    if report.state != ReportState.APPROVED:
        raise ReportError("Only a report approved in QA can be filed")
    clock = timescales.clock_for(report.assessment)
    if filed_on > timezone.localdate() or filed_on < clock.clock_start:
        raise ReportError("The date filed must be between the clock's start and today")
    if not shared_with.strip():
        raise ReportError("Say who the report was shared with")
    report.state = ReportState.FILED
    report.filed_on = filed_on
    report.shared_with = shared_with.strip()
    report.filed_by = actor
    report.filed_at = timezone.now()
    report.save(update_fields=["state", "filed_on", "shared_with", "filed_by", "filed_at"])
    Assessment.objects.filter(pk=report.assessment_id).update(status=AssessmentStatus.FILED)
    timescales.clock_end(
        clock=clock, actor=actor, ended_on=filed_on, reason=f"report filed with the court on {filed_on:%d %b %Y}"
    )
    assert report.approved_version is not None
    for kind in (ExportKind.DOCX, ExportKind.PDF, ExportKind.OUTCOME_LETTER):
        export_request(report=report, actor=actor, kind=kind, version=report.approved_version)
    # Only once the filing has committed: the layers above (feedback surveys) act on it then.
    report_id = report.pk
    transaction.on_commit(lambda: report_filed.send(sender=Report, report_id=report_id))
    return report


@transaction.atomic
def outcome_record(
    *,
    report: Report,
    actor: User,
    recommendation: str,
    la_changed_plan: bool | None,
    court_decision: str,
    court_decided_on: datetime.date | None,
) -> Report:
    report = _locked(report)
    if actor.role != Role.SERVICE_MANAGER and report.assessment.assessor_id != actor.pk:
        raise ReportError("Only the allocated assessor or the service manager can record the outcome")
    if report.state != ReportState.FILED:
        raise ReportError("The outcome is recorded once the report is filed")
    if recommendation not in Recommendation.values:
        raise ReportError("Say whether the recommendation was positive or negative")
    if court_decided_on is not None and report.filed_on and court_decided_on < report.filed_on:
        raise ReportError("The court's decision cannot be before the report was filed")
    report.recommendation = recommendation
    report.la_changed_plan = la_changed_plan
    report.court_decision = court_decision.strip()
    report.court_decided_on = court_decided_on
    report.outcome_recorded_at = timezone.now()
    report.save(
        update_fields=["recommendation", "la_changed_plan", "court_decision", "court_decided_on", "outcome_recorded_at"]
    )
    return report


@transaction.atomic
def addendum_request(*, report: Report, actor: User, questions: list[str]) -> Assessment:
    """The court asks for an addendum: a new assessment that starts from the filed report.

    It is an assessment of its own (allocated, timed and quality-assured like any
    other) on the same referral, so it shares the family's chronology; its report
    opens with the filed report's sections and the court's new questions.
    """
    report = _locked(report)
    if actor.role != Role.SERVICE_MANAGER:
        raise ReportError("Only the service manager can open an addendum")
    if report.state != ReportState.FILED:
        raise ReportError("An addendum follows a filed report")
    questions = [q.strip() for q in questions if q.strip()]
    if not questions:
        raise ReportError("Enter the questions the court asked for the addendum")
    addendum_type = ADDENDUM_TYPES.get(AssessmentType(report.assessment.assessment_type))
    if addendum_type is None:
        # One assessment per type per referral: a second of the same type has no place yet.
        raise ReportError("The hub has an addendum assessment only for parenting assessments")
    if Assessment.objects.filter(referral_id=report.assessment.referral_id, assessment_type=addendum_type).exists():
        raise ReportError("This referral already has an addendum")
    assessment = Assessment.objects.create(
        referral_id=report.assessment.referral_id,
        assessment_type=addendum_type,
        clock_started_at=timezone.now(),
    )
    timescales.timescales_ensure_started(assessments=[assessment])
    template = _template_for(addendum_type)
    addendum = Report.objects.create(
        assessment=assessment,
        sections=template.sections,
        template_name=template.name,
        follows=report,
        addendum_questions=questions,
    )
    filed = report.approved_version or selectors.latest_version(report)
    texts: dict[str, str] = {}
    provenance: dict[str, dict[str, str]] = {}
    assert report.filed_on is not None  # filed, checked above
    for section in template.sections:
        key = section["key"]
        if section["kind"] == rules.Kind.CHRONOLOGY:
            continue
        if filed.texts.get(key):
            texts[key] = filed.texts[key]
            provenance[key] = {
                "origin": "filed_report",
                "detail": f"the report filed on {report.filed_on.day} {report.filed_on:%B %Y} (version {filed.number})",
                "text": filed.texts[key],
            }
    # The chronology is the family's, shared: it is read afresh, with what was added since.
    filled = prefill.prefill_sections(
        [s for s in template.sections if s["kind"] == rules.Kind.CHRONOLOGY], prefill.workspace_data(assessment)
    )
    for key, item in filled.items():
        texts[key] = item.text
        provenance[key] = {"origin": "workspace", "detail": item.detail, "text": item.text}
    ReportVersion.objects.create(
        report=addendum,
        number=1,
        texts=texts,
        provenance=provenance,
        saved_by=actor,
        note="Started from the filed report",
    )
    return assessment


@transaction.atomic
def export_request(*, report: Report, actor: User, kind: str, version: ReportVersion | None = None) -> ReportExport:
    """A Word or PDF document (or the outcome letter) made in the background from one version."""
    from hub.reports.tasks import report_export_make

    export = ReportExport.objects.create(
        report=report, version=version or selectors.latest_version(report), kind=kind, requested_by=actor
    )
    transaction.on_commit(lambda: report_export_make.enqueue(export_id=export.pk))
    return export
