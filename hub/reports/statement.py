"""The report as a court witness statement: the data the Word and PDF documents are made from.

`statement_for` reads one version of a report and everything around it (the
court, the parties, the author) into plain dataclasses, so the rendering in
`documents.py` needs no database and the same data can be checked in tests.
The paragraphs are numbered here, once, across the whole statement.
"""

from dataclasses import dataclass, field

from hub.referrals.models import Adult, Child
from hub.reports import rules
from hub.reports.models import Report, ReportVersion
from hub.reports.selectors import court_questions

CONFIDENTIALITY_NOTICE = (
    "This document is confidential. It is filed in family proceedings and must not be shown or given to "
    "anyone other than the court and the parties without the court's permission "
    "(Family Procedure Rules 2010, Part 12 and Practice Direction 12G)."
)
STATEMENT_OF_TRUTH = (
    "I believe that the facts stated in this report are true. I understand that proceedings for contempt of "
    "court may be brought against anyone who makes, or causes to be made, a false statement in a document "
    "verified by a statement of truth without an honest belief in its truth."
)


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str


@dataclass(frozen=True)
class StatementSection:
    key: str
    heading: str
    paragraphs: list[Paragraph]
    is_appendix: bool = False


@dataclass(frozen=True)
class AnsweredQuestion:
    number: int
    question: str
    answer: str


@dataclass(frozen=True)
class ReportStatement:
    court: str
    case_number: str
    parties: list[str]
    children: list[str]
    title: str
    author_name: str
    author_role: str
    author_organisation: str
    version_number: int
    sections: list[StatementSection]
    questions: list[AnsweredQuestion]
    chronology: list[str] = field(default_factory=list)
    confidentiality_notice: str = CONFIDENTIALITY_NOTICE
    statement_of_truth: str = STATEMENT_OF_TRUTH
    filed_on: str = ""


def _paragraphs(text: str, start: int) -> list[Paragraph]:
    chunks = [c.strip() for c in (text or "").replace("\r\n", "\n").split("\n\n") if c.strip()]
    return [Paragraph(start + i, chunk) for i, chunk in enumerate(chunks)]


def statement_for(report: Report, version: ReportVersion) -> ReportStatement:
    assessment = report.assessment
    referral = assessment.referral
    children = list(Child.objects.filter(referral=referral).order_by("id"))
    adults = list(Adult.objects.filter(referral=referral).order_by("id"))
    assessor = assessment.assessor
    questions = [AnsweredQuestion(q.number, q.text, version.answers.get(q.key, "")) for q in court_questions(report)]
    sections: list[StatementSection] = []
    chronology: list[str] = []
    number = 1
    for section in report.sections:
        kind = rules.Kind(section["kind"])
        text = version.texts.get(section["key"], "")
        if kind == rules.Kind.QUESTIONS:
            paragraphs = []
            for q in questions:
                paragraphs.append(Paragraph(number, f"Question {q.number}: {q.question}\n{q.answer}"))
                number += 1
            sections.append(StatementSection(section["key"], section["heading"], paragraphs))
            continue
        if kind == rules.Kind.CHRONOLOGY:
            chronology = [line for line in text.splitlines() if line.strip()]
            sections.append(
                StatementSection(
                    section["key"], section["heading"], [Paragraph(0, line) for line in chronology], is_appendix=True
                )
            )
            continue
        paragraphs = _paragraphs(text, number)
        number += len(paragraphs)
        if paragraphs:
            sections.append(StatementSection(section["key"], section["heading"], paragraphs))
    return ReportStatement(
        court=referral.court.name if referral.court else "",
        case_number=referral.case_number,
        parties=[referral.local_authority.name + " (applicant)"] + [f"{a.full_name} (respondent)" for a in adults],
        children=[c.full_name for c in children],
        title=f"{report.template_name}",
        author_name=assessor.full_name if assessor else "",
        author_role="Independent social worker",
        author_organisation=assessor.organisation.name if assessor and assessor.organisation else "",
        version_number=version.number,
        sections=sections,
        questions=questions,
        chronology=chronology,
        filed_on=f"{report.filed_on:%d %B %Y}" if report.filed_on else "",
    )
