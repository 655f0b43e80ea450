"""Reads of reports. Who may see a report is decided here, on top of the assessment's rule."""

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet

from hub.accounts.models import Role, User
from hub.assessments.selectors import assessment_access
from hub.referrals.models import CourtQuestion, Referral
from hub.referrals.selectors import referrals_visible_to
from hub.reports import rules
from hub.reports.models import QARound, Report, ReportExport, ReportState, ReportVersion
from hub.workspace import selectors as workspace

QA_CHECKLIST: list[tuple[str, str]] = [
    # Working Together (2015): features of a high-quality assessment.
    ("child_centred", "Child-centred and informed by the child's views"),
    ("best_interests", "Decisions made in the child's best interests"),
    ("child_development", "Rooted in child development and informed by evidence"),
    ("strengths", "Builds on strengths as well as identifying difficulties"),
    (
        "equality",
        "Ensures equality of opportunity and respects diversity (family structure, culture, religion, ethnic origin)",
    ),
]


def reports_visible_to(user: User) -> QuerySet[Report]:
    """The allocated assessor and the service manager, as for the assessment; nobody else."""
    access = assessment_access(user, via="assessment__")
    if access is None:
        return Report.objects.none()
    return Report.objects.filter(access).select_related("assessment__referral__local_authority", "assessment__assessor")


def filed_reports_for_referrer(user: User) -> QuerySet[Report]:
    """A referrer sees their own authority's filed reports, and nothing before filing."""
    if not user.is_authenticated or user.role != Role.REFERRER:
        return Report.objects.none()
    return Report.objects.filter(
        state=ReportState.FILED, assessment__referral__in=referrals_visible_to(user)
    ).select_related("assessment__referral")


def filed_reports_of(referral: Referral) -> QuerySet[Report]:
    return (
        Report.objects.filter(assessment__referral=referral, state=ReportState.FILED)
        .select_related("assessment")
        .order_by("filed_on", "id")
    )


def latest_version(report: Report) -> ReportVersion:
    version = report.versions.select_related("saved_by").order_by("-number").first()
    assert version is not None, "a report is made with its first version"
    return version


def versions_of(report: Report) -> QuerySet[ReportVersion]:
    return report.versions.select_related("saved_by").order_by("-number")


def rounds_of(report: Report) -> QuerySet[QARound]:
    return report.qa_round_set.select_related("submitted_by", "decided_by", "version").order_by("number")


def open_round(report: Report) -> QARound | None:
    return report.qa_round_set.filter(decided_at__isnull=True).order_by("-number").first()


def last_decided_round(report: Report) -> QARound | None:
    return report.qa_round_set.filter(decided_at__isnull=False).select_related("decided_by").order_by("-number").first()


@dataclass(frozen=True)
class Question:
    key: str
    number: int
    text: str


def court_questions(report: Report) -> list[Question]:
    """The questions this report answers: an addendum's own, otherwise the court's in the referral."""
    if report.addendum_questions:
        return [Question(f"a{n}", n, text) for n, text in enumerate(report.addendum_questions, start=1)]
    return [
        Question(f"q{q.pk}", q.number, q.text)
        for q in CourtQuestion.objects.filter(referral_id=report.assessment.referral_id).order_by("number", "id")
    ]


def report_facts(report: Report, version: ReportVersion) -> rules.ReportFacts:
    """What the automated checks need about one version, in a handful of queries."""
    assessment = report.assessment
    return rules.ReportFacts(
        sections=[
            rules.SectionText(s["key"], s["heading"], rules.Kind(s["kind"]), version.texts.get(s["key"], ""))
            for s in report.sections
        ],
        answers=[
            rules.QuestionAnswer(q.key, q.number, q.text, version.answers.get(q.key, ""))
            for q in court_questions(report)
        ],
        children=[rules.ChildName(c.pk, c.full_name) for c in workspace.children_of(assessment)],
        sources=[
            rules.SourceFacts(label=r.label, weighted=bool(r.weight), answered=r.answered_on is not None)
            for r in workspace.requests_of(assessment)
        ],
    )


def report_check_results(report: Report, version: ReportVersion) -> list[rules.CheckResult]:
    return rules.report_checks(report_facts(report, version))


def qa_queue_order() -> QuerySet[Report]:
    """The queue's order alone: reports in QA, the nearest QA deadline first (none last).

    Only the clock is joined for sorting; the page's rows are fetched by id
    afterwards (`qa_queue_rows`), so a long queue is sorted without joining
    every referral, authority and assessor in it.
    """
    return Report.objects.filter(state=ReportState.IN_QA).order_by(
        F("assessment__clock__qa_due_date").asc(nulls_last=True), "submitted_at", "id"
    )


def qa_queue_rows(ids: list[int]) -> list[Report]:
    rows = Report.objects.filter(pk__in=ids).select_related(
        "assessment__referral__local_authority", "assessment__assessor", "assessment__clock"
    )
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def qa_queue() -> list[Report]:
    """Every report waiting for the manager's QA, in queue order, with what a row shows."""
    return qa_queue_rows(list(qa_queue_order().values_list("pk", flat=True)))


def exports_of(report: Report) -> QuerySet[ReportExport]:
    return report.exports.select_related("version", "requested_by").order_by("-requested_at", "-id")


# --- Comparing versions -----------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of words that stayed, was added or was taken out."""

    op: str  # "same", "added", "removed"
    text: str


@dataclass(frozen=True)
class SectionDiff:
    key: str
    heading: str
    changed: bool
    pieces: list[Piece]


def _words(text: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", text or "")


def text_diff(older: str, newer: str) -> list[Piece]:
    """Word by word; the spaces between two changed words count as changed, so a
    rewritten sentence reads as one removal and one addition, not a patchwork."""
    a, b = _words(older), _words(newer)
    codes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    runs: list[tuple[bool, str, str]] = []  # (unchanged, old text, new text)
    for n, (op, i1, i2, j1, j2) in enumerate(codes):
        old_text, new_text = "".join(a[i1:i2]), "".join(b[j1:j2])
        between_changes = 0 < n < len(codes) - 1 and not old_text.strip()
        unchanged = op == "equal" and not between_changes
        if runs and not unchanged and not runs[-1][0]:
            _, before, after = runs.pop()
            runs.append((False, before + old_text, after + new_text))
        else:
            runs.append((unchanged, old_text, new_text))
    pieces: list[Piece] = []
    for unchanged, old_text, new_text in runs:
        if unchanged:
            pieces.append(Piece("same", old_text))
            continue
        if old_text:
            pieces.append(Piece("removed", old_text))
        if new_text:
            pieces.append(Piece("added", new_text))
    return pieces


def compare_versions(report: Report, older: ReportVersion, newer: ReportVersion) -> list[SectionDiff]:
    """Section by section (the court's questions one by one), what changed between two versions."""
    rows: list[tuple[str, str, str, str]] = [
        (q.key, f"Question {q.number}: {q.text}", older.answers.get(q.key, ""), newer.answers.get(q.key, ""))
        for q in court_questions(report)
    ]
    rows += [
        (s["key"], s["heading"], older.texts.get(s["key"], ""), newer.texts.get(s["key"], ""))
        for s in report.sections
        if s["kind"] != rules.Kind.QUESTIONS
    ]
    return [
        SectionDiff(key, heading, before != after, text_diff(before, after)) for key, heading, before, after in rows
    ]


def section_provenance(version: ReportVersion, key: str) -> dict[str, Any] | None:
    """Where a section's text came from, and whether it has been edited since."""
    origin = version.provenance.get(key)
    if not origin:
        return None
    return {**origin, "edited": version.texts.get(key, "").strip() != (origin.get("text") or "").strip()}
