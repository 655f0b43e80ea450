"""The report as a court witness statement: the data the Word and PDF documents are made from.

`statement_for` reads one version of a report and everything around it (the
court, the parties, the author) into plain dataclasses, so the rendering in
`documents.py` needs no database and the same data can be checked in tests.
The paragraphs are numbered here, once, across the whole statement.
"""

import re
from dataclasses import dataclass, field

from django.utils import timezone

from hub.referrals.models import Adult, Child
from hub.reports import documents, rules
from hub.reports.models import Report, ReportVersion
from hub.reports.selectors import court_questions
from hub.workspace.selectors import requests_of

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
        filed_on=f"{report.filed_on.day} {report.filed_on:%B %Y}" if report.filed_on else "",
    )


# --- For hub/reports/documents.py (docxtpl and WeasyPrint) ------------------------------

_CHRONOLOGY_LINE = re.compile(r"^(?P<when>[^:]{1,60}):\s*(?P<event>.*?)(?:\s*\(source:\s*(?P<source>[^)]*)\))?\s*$")
_RATING_LINE = re.compile(r"^(?P<area>.+?)\s*[:\-]\s*(?P<rating>red|amber|green)\b\s*[.,;:-]?\s*(?P<comment>.*)$", re.I)
_SUMMARY_HEADINGS = {
    "things that are good and you do well": "what_went_well",
    "things i'm concerned about": "worries",
    "things i am concerned about": "worries",
    "things i'm worried about": "worries",
    "things i am worried about": "worries",
    "what i am going to tell the court": "what_we_will_tell_the_court",
    "what i'm going to tell the court": "what_we_will_tell_the_court",
}


def chronology_rows(text: str) -> list[tuple[str, str, str]]:
    """(when, event, source) for each line of the chronology appendix as the workspace writes it."""
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = _CHRONOLOGY_LINE.match(line.strip())
        rows.append(
            (match["when"].strip(), match["event"].strip(), (match["source"] or "").strip())
            if match
            else ("", line.strip(), "")
        )
    return rows


def outcome_rows(text: str) -> list[tuple[str, str, str]]:
    """(area, red/amber/green, comment) for each "Area: amber" line of a ParentAssess outcome table."""
    rows = []
    for line in (text or "").splitlines():
        match = _RATING_LINE.match(line.strip())
        if match:
            rows.append((match["area"].strip(), match["rating"].lower(), match["comment"].strip()))
    return rows


def parent_summary_parts(text: str) -> dict[str, list[str]]:
    """The short report for the parent, split under its three plain headings."""
    parts: dict[str, list[str]] = {name: [] for name in _SUMMARY_HEADINGS.values()}
    current: str | None = None
    for line in (text or "").splitlines():
        heading = line.strip().rstrip(":").lower()
        if heading in _SUMMARY_HEADINGS:
            current = _SUMMARY_HEADINGS[heading]
        elif line.strip() and current:
            parts[current].append(line.strip())
    return parts


def _source_note(origin: dict[str, str] | None, text: str) -> str:
    """Where a section's paragraphs came from, printed after each in small type."""
    if not origin:
        return ""
    where = "Filed report" if origin.get("origin") == "filed_report" else "Workspace"
    edited = ", since edited" if text.strip() != (origin.get("text") or "").strip() else ""
    return f"{where}: {origin.get('detail', '')}{edited}"


def court_statement_for(report: Report, version: ReportVersion) -> documents.CourtStatement:
    """The documents module's CourtStatement for one version of the report."""
    assessment = report.assessment
    referral = assessment.referral
    assessor = assessment.assessor
    provenance = version.provenance
    sections: list[documents.Section] = []
    questions_position = None
    for section in report.sections:
        kind = rules.Kind(section["kind"])
        text = version.texts.get(section["key"], "")
        if kind == rules.Kind.QUESTIONS:
            questions_position = len(sections)
            continue
        if kind == rules.Kind.CHRONOLOGY:
            continue
        source = _source_note(provenance.get(section["key"]), text)
        paragraphs = tuple(documents.Paragraph(p.text, source) for p in _paragraphs(text, 1))
        table: tuple[documents.OutcomeRow, ...] = ()
        if kind == rules.Kind.OUTCOME_TABLE:
            table = tuple(
                documents.OutcomeRow(area, documents.Rating(rating), comment)
                for area, rating, comment in outcome_rows(text)
            )
            paragraphs = ()
        if paragraphs or table:
            sections.append(documents.Section(section["heading"], paragraphs=paragraphs, outcome_table=table))
    chronology = next(
        (version.texts.get(s["key"], "") for s in report.sections if s["kind"] == rules.Kind.CHRONOLOGY), ""
    )
    adults = Adult.objects.filter(referral=referral).order_by("id")
    return documents.CourtStatement(
        court=referral.court.name if referral.court else "The Family Court",
        case_number=referral.case_number or referral.reference,
        parties=(f"{referral.local_authority.name} (applicant)", *(f"{a.full_name} (respondent)" for a in adults)),
        children=tuple(c.full_name for c in Child.objects.filter(referral=referral).order_by("id")),
        title=report.template_name,
        author=documents.Author(
            name=assessor.full_name if assessor else "",
            role="Independent social worker",
            qualifications="",
            organisation=assessor.organisation.name if assessor and assessor.organisation else "",
        ),
        dated=report.filed_on or timezone.localdate(version.saved_at),
        sections=tuple(sections),
        questions=tuple(
            documents.CourtQuestion(
                q.text,
                answer=tuple(documents.Paragraph(p.text) for p in _paragraphs(version.answers.get(q.key, ""), 1)),
            )
            for q in court_questions(report)
        ),
        questions_position=questions_position,
        sources=tuple(
            documents.SourceRow(
                r.label, r.get_weight_display() if r.weight else "Not weighed", r.what_they_said.strip()
            )
            for r in requests_of(assessment)
            if r.answered_on
        ),
        chronology=tuple(
            documents.ChronologyRow(when, event, source) for when, event, source in chronology_rows(chronology)
        ),
        draft=report.approved_version_id != version.pk,
    )


def outcome_letter_for(report: Report, version: ReportVersion) -> documents.OutcomeLetter:
    """The documents module's OutcomeLetter to the first adult, from the short report for the parent."""
    assessment = report.assessment
    referral = assessment.referral
    assessor = assessment.assessor
    adult = Adult.objects.filter(referral=referral).order_by("id").first()
    summary = next(
        (version.texts.get(s["key"], "") for s in report.sections if s.get("prefill") == "parent_summary"), ""
    )
    parts = parent_summary_parts(summary)
    organisation = assessor.organisation.name if assessor and assessor.organisation else ""
    return documents.OutcomeLetter(
        recipient_name=adult.full_name if adult else "",
        recipient_address=tuple(line.strip() for line in (adult.address if adult else "").splitlines() if line.strip()),
        hub_name=organisation,
        hub_address=(),
        hub_telephone="",
        assessor_name=assessor.full_name if assessor else "",
        assessor_role="Independent social worker",
        dated=report.filed_on or timezone.localdate(),
        assessment_type=assessment.get_assessment_type_display().lower(),
        children=tuple(c.full_name for c in Child.objects.filter(referral=referral).order_by("id")),
        what_went_well=tuple(parts["what_went_well"]),
        worries=tuple(parts["worries"]),
        what_we_will_tell_the_court=tuple(parts["what_we_will_tell_the_court"]),
        contact_name=assessor.full_name if assessor else "",
        contact_telephone="",
        contact_email=assessor.email if assessor else "",
        court=referral.court.name if referral.court else "",
        filing_date=report.filed_on,
        reference=referral.reference,
    )
