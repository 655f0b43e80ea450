"""Builders for the report tests (reports_core): a report taken to any state through the services."""

import datetime

from django.utils import timezone

from hub.accounts.models import User
from hub.assessments.models import Assessment
from hub.reports import selectors, services
from hub.reports.models import Report
from hub.reports.rules import Kind
from tests import factories

EVERY_FEATURE = {code: True for code, _ in selectors.QA_CHECKLIST}


def complete_texts(report: Report) -> tuple[dict[str, str], dict[str, str]]:
    """Text for every section and an answer to every question, naming every child."""
    children = ", ".join(c.full_name for c in report.assessment.referral.children.all())
    texts = {}
    for section in report.sections:
        if section["kind"] == Kind.CHILDREN:
            texts[section["key"]] = f"The children: {children}."
        elif section["kind"] != Kind.QUESTIONS:
            texts[section["key"]] = f"Synthetic text for {section['heading']}."
    answers = {q.key: f"Synthetic answer to question {q.number}." for q in selectors.court_questions(report)}
    return texts, answers


def drafted(assessor: User | None = None, **kwargs) -> Report:
    assessor = assessor or factories.assessor()
    assessment = factories.accepted_assessment(assessor_user=assessor, **kwargs)
    report = services.report_start(assessment=assessment, actor=assessor)
    texts, answers = complete_texts(report)
    services.report_save(report=report, actor=assessor, texts=texts, answers=answers)
    return report


def in_qa(assessor: User | None = None, **kwargs) -> Report:
    report = drafted(assessor, **kwargs)
    services.report_submit(report=report, actor=report.assessment.assessor, reasons={})
    report.refresh_from_db()
    return report


def approved(manager: User, assessor: User | None = None, **kwargs) -> Report:
    report = in_qa(assessor, **kwargs)
    services.qa_approve(report=report, actor=manager, checklist=EVERY_FEATURE, comments={}, summary="Good")
    report.refresh_from_db()
    return report


def filed(manager: User, assessor: User | None = None, **kwargs) -> Report:
    report = approved(manager, assessor, **kwargs)
    services.report_file(
        report=report, actor=manager, filed_on=timezone.localdate(), shared_with="The court and all parties"
    )
    report.refresh_from_db()
    return report


def for_assessment(assessment: Assessment) -> Report:
    assert assessment.assessor is not None
    return services.report_start(assessment=assessment, actor=assessment.assessor)


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)
