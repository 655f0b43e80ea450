"""What the workspace already holds, written out as a first draft of each report section.

A template section names what to pre-fill it with (`prefill`); each function
here returns the text and a line saying where it came from, which the report
keeps as the section's provenance. The assessor edits the text freely; the
provenance stays with the section so a reader can trace what came from where.
"""

from collections.abc import Callable
from dataclasses import dataclass

from hub.assessments.models import Assessment
from hub.referrals.models import Adult, Child
from hub.workspace import selectors as workspace
from hub.workspace.models import Analysis, InformationRequest
from hub.workspace.rules import DatePrecision, format_partial_date


@dataclass(frozen=True)
class Prefilled:
    text: str
    detail: str


@dataclass
class WorkspaceData:
    """Everything the pre-filling reads, fetched once per report."""

    assessment: Assessment
    children: list[Child]
    adults: list[Adult]
    analysis: Analysis
    child_views: dict[int, str]
    child_considered: dict[int, str]
    adult_records: dict[int, tuple[str, str, str]]
    sessions: list[str]
    sources: list[InformationRequest]
    chronology: list[str]
    hypotheses: list[str]


def workspace_data(assessment: Assessment) -> WorkspaceData:
    family = workspace.family_of(assessment)
    children = workspace.children_of(assessment)
    adults = workspace.adults_of(assessment)
    records = workspace.child_records(assessment)
    adult_records = workspace.adult_records(assessment)
    sessions = [
        f"{s.held_on:%d %B %Y}: {s.get_kind_display()}" + (f" ({s.present})" if s.present else "")
        for s in workspace.sessions_of(assessment).order_by("held_on", "id")
    ]
    chronology = [
        f"{format_partial_date(e.event_date, DatePrecision(e.precision))}: {e.what_happened} "
        f"(source: {e.source}{', bundle ' + e.bundle_reference if e.bundle_reference else ''})"
        for e in workspace.chronology_of(family)
    ]
    return WorkspaceData(
        assessment=assessment,
        children=children,
        adults=adults,
        analysis=workspace.analysis_of(assessment),
        child_views={cid: r.views.strip() for cid, r in records.items() if r.views.strip()},
        child_considered={cid: r.considered.strip() for cid, r in records.items() if r.considered.strip()},
        adult_records={
            aid: (r.views.strip(), r.get_commitment_display() if r.commitment else "", r.commitment_evidence.strip())
            for aid, r in adult_records.items()
        },
        sessions=sessions,
        sources=list(workspace.requests_of(assessment)),
        chronology=chronology,
        hypotheses=[
            f"{h.statement} ({h.get_status_display().lower()})" for h in assessment.hypotheses.all().order_by("id")
        ],
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _lines(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p and p.strip())


def _pair(label: str, strengths: str, concerns: str) -> str:
    return _lines(
        f"{label}, strengths: {strengths.strip()}" if strengths.strip() else "",
        f"{label}, concerns: {concerns.strip()}" if concerns.strip() else "",
    )


def _children(data: WorkspaceData) -> Prefilled:
    paragraphs = []
    for child in data.children:
        born = f"born {child.date_of_birth:%d %B %Y}" if child.date_of_birth else "not yet born"
        line = f"{child.full_name}, {born}; {child.ethnicity}; first language {child.first_language}."
        paragraphs.append(_lines(line, data.child_considered.get(child.pk, "")))
    return Prefilled(
        _lines(*paragraphs),
        f"the referral's {_count(len(data.children), 'child', 'children')} and the household records",
    )


def _adults(data: WorkspaceData) -> Prefilled:
    paragraphs = []
    for adult in data.adults:
        relationships = ", ".join(f"{r.relationship} of {r.child.full_name}" for r in adult.relationships.all())
        paragraphs.append(f"{adult.full_name}" + (f": {relationships}." if relationships else "."))
    return Prefilled(_lines(*paragraphs), f"the referral's {_count(len(data.adults), 'adult', 'adults')}")


def _views(data: WorkspaceData) -> Prefilled:
    paragraphs = [f"{c.full_name}: {data.child_views[c.pk]}" for c in data.children if c.pk in data.child_views]
    paragraphs += [
        f"{a.full_name}: {data.adult_records[a.pk][0]}"
        for a in data.adults
        if a.pk in data.adult_records and data.adult_records[a.pk][0]
    ]
    return Prefilled(_lines(*paragraphs), "the views recorded in the workspace's household section")


def _sources(data: WorkspaceData) -> Prefilled:
    sessions = "Sessions:\n" + "\n".join(data.sessions) if data.sessions else ""
    replies = []
    for source in data.sources:
        if source.answered_on:
            weight = source.get_weight_display() if source.weight else "weight not yet recorded"
            said = f": {source.what_they_said.strip()}" if source.what_they_said.strip() else ""
            replies.append(f"{source.label}, replied {source.answered_on:%d %B %Y} ({weight}){said}")
        else:
            replies.append(f"{source.label}: asked, no reply yet")
    information = "Information from agencies:\n" + "\n".join(replies) if replies else ""
    return Prefilled(
        _lines(sessions, information),
        f"{_count(len(data.sessions), 'session', 'sessions')} and "
        f"{_count(len(data.sources), 'agency request', 'agency requests')}",
    )


def _gaps(data: WorkspaceData) -> Prefilled:
    return Prefilled(data.analysis.gaps.strip(), "the four questions: what I don't know")


def _parenting(data: WorkspaceData) -> Prefilled:
    a = data.analysis
    return Prefilled(
        _pair("Parenting capacity", a.parenting_strengths, a.parenting_concerns),
        "the assessment triangle: parenting capacity",
    )


def _environment(data: WorkspaceData) -> Prefilled:
    a = data.analysis
    return Prefilled(
        _pair("Family and environment", a.environment_strengths, a.environment_concerns),
        "the assessment triangle: family and environmental factors",
    )


def _capacity(data: WorkspaceData) -> Prefilled:
    paragraphs = []
    for adult in data.adults:
        record = data.adult_records.get(adult.pk)
        if record and (record[1] or record[2]):
            paragraphs.append(f"{adult.full_name}: {record[1]}" + (f". {record[2]}" if record[2] else ""))
    return Prefilled(_lines(*paragraphs), "capacity to change (Horwath and Morrison)")


def _risk(data: WorkspaceData) -> Prefilled:
    a = data.analysis
    level = f"Level of risk: {a.get_risk_level_display().lower()}." if a.risk_level else ""
    return Prefilled(
        _lines(
            f"Risk factors: {a.risk_factors.strip()}" if a.risk_factors.strip() else "",
            f"Protective factors: {a.protective_factors.strip()}" if a.protective_factors.strip() else "",
            level,
            f"Managing the risk: {a.risk_measures.strip()}" if a.risk_measures.strip() else "",
        ),
        "the risk management tool",
    )


def _analysis(data: WorkspaceData) -> Prefilled:
    a = data.analysis
    return Prefilled(
        _lines(
            _pair("The child's developmental needs", a.developmental_strengths, a.developmental_concerns),
            f"What I know: {a.what_i_know.strip()}" if a.what_i_know.strip() else "",
            "Hypotheses tested:\n" + "\n".join(data.hypotheses) if data.hypotheses else "",
        ),
        "the assessment triangle (developmental needs), the four questions and the hypotheses",
    )


def _chronology(data: WorkspaceData) -> Prefilled:
    count = len(data.chronology)
    return Prefilled(
        "\n".join(data.chronology), f"the family's chronology ({count} entr{'y' if count == 1 else 'ies'})"
    )


def _parent_summary(data: WorkspaceData) -> Prefilled:
    return Prefilled(
        "Things that are good and you do well:\n\nThings I'm concerned about:\n\nWhat I am going to tell the court:",
        "the ParentAssess short report headings",
    )


PREFILLS: dict[str, Callable[[WorkspaceData], Prefilled]] = {
    "children": _children,
    "adults": _adults,
    "views": _views,
    "sources": _sources,
    "gaps": _gaps,
    "parenting": _parenting,
    "environment": _environment,
    "capacity": _capacity,
    "risk": _risk,
    "analysis": _analysis,
    "chronology": _chronology,
    "parent_summary": _parent_summary,
}


def prefill_sections(sections: list[dict[str, str]], data: WorkspaceData) -> dict[str, Prefilled]:
    """The pre-filled text for each section that names a pre-fill and has something to put in."""
    result = {}
    for section in sections:
        make = PREFILLS.get(section.get("prefill", ""))
        if make is None:
            continue
        filled = make(data)
        if filled.text.strip():
            result[section["key"]] = filled
    return result
