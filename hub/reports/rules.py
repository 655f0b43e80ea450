"""The automated quality checks a report must pass (or be submitted past, with a reason) before QA.

Plain Python, no Django: the views, the services and the tests all call
`report_checks` with the facts the selectors gathered. Each problem names where
it is fixed (a section of the report, one of the court's questions, or the
workspace's sources page), so the page can link straight to it.
"""

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


class Kind(enum.StrEnum):
    """What a template section holds: the checks and the pre-filling go by kind, not by heading."""

    TEXT = "text"
    QUESTIONS = "questions"
    CHILDREN = "children"
    CHILD_VIEWS = "child_views"
    SOURCES = "sources"
    GAPS = "gaps"
    ANALYSIS = "analysis"
    RECOMMENDATION = "recommendation"
    CHRONOLOGY = "chronology"
    OUTCOME_TABLE = "outcome_table"


class Check(enum.StrEnum):
    QUESTION_ANSWERED = "question_answered"
    CHILD_VIEWS = "child_views"
    CHILD_CONSIDERED = "child_considered"
    CHRONOLOGY = "chronology"
    SOURCES_WEIGHTED = "sources_weighted"
    GAPS_STATED = "gaps_stated"
    ANALYSIS = "analysis"
    RECOMMENDATION = "recommendation"


CHECK_TITLES: dict[Check, str] = {
    Check.QUESTION_ANSWERED: "Every question the court asked is answered",
    Check.CHILD_VIEWS: "The child's views are recorded",
    Check.CHILD_CONSIDERED: "Every child in the household is considered",
    Check.CHRONOLOGY: "A chronology is appended",
    Check.SOURCES_WEIGHTED: "Every source is weighted",
    Check.GAPS_STATED: "Gaps in the information are stated",
    Check.ANALYSIS: "An analysis section is written",
    Check.RECOMMENDATION: "A recommendation follows the analysis",
}


class Target(enum.StrEnum):
    SECTION = "section"
    QUESTION = "question"
    WORKSPACE_SOURCES = "workspace_sources"


@dataclass(frozen=True)
class SectionText:
    key: str
    heading: str
    kind: Kind
    text: str


@dataclass(frozen=True)
class QuestionAnswer:
    key: str
    number: int
    question: str
    answer: str


@dataclass(frozen=True)
class ChildName:
    child_id: int
    full_name: str


@dataclass(frozen=True)
class SourceFacts:
    label: str
    weighted: bool
    answered: bool


@dataclass(frozen=True)
class ReportFacts:
    sections: Sequence[SectionText]
    answers: Sequence[QuestionAnswer]
    children: Sequence[ChildName] = ()
    sources: Sequence[SourceFacts] = ()


@dataclass(frozen=True)
class Problem:
    check: Check
    message: str
    target: Target
    # The section key, the question key, or empty for the workspace's sources page.
    where: str = ""


@dataclass(frozen=True)
class CheckResult:
    check: Check
    title: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def _written(text: str) -> bool:
    return bool(text and text.strip())


def _first(sections: Iterable[SectionText], kind: Kind) -> SectionText | None:
    return next((s for s in sections if s.kind == kind), None)


def _mentions(text: str, full_name: str) -> bool:
    """The child is named in the text: by their full name or their first name, as a whole word."""
    names = {full_name.strip()}
    first = full_name.split()[0] if full_name.split() else ""
    if len(first) > 1:
        names.add(first)
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in names if name)


def _section_check(
    sections: Sequence[SectionText], kind: Kind, check: Check, missing: str, empty: str
) -> list[Problem]:
    section = _first(sections, kind)
    if section is None:
        # The template has no such section: the problem is raised against the first text section.
        fallback = sections[0].key if sections else ""
        return [Problem(check, missing, Target.SECTION, fallback)]
    if not _written(section.text):
        return [Problem(check, empty.format(heading=section.heading), Target.SECTION, section.key)]
    return []


def report_checks(facts: ReportFacts) -> list[CheckResult]:
    """Every check, in the order the page lists them, each with what is wrong and where to fix it."""
    sections = list(facts.sections)
    results: dict[Check, list[Problem]] = {check: [] for check in Check}
    question_section = _first(sections, Kind.QUESTIONS)
    for answer in facts.answers:
        if not _written(answer.answer):
            results[Check.QUESTION_ANSWERED].append(
                Problem(
                    Check.QUESTION_ANSWERED,
                    f"Question {answer.number} is not answered",
                    Target.QUESTION,
                    answer.key,
                )
            )
    if question_section is None and facts.answers:
        results[Check.QUESTION_ANSWERED].append(
            Problem(Check.QUESTION_ANSWERED, "The template has no section for the court's questions", Target.SECTION)
        )
    results[Check.CHILD_VIEWS] = _section_check(
        sections,
        Kind.CHILD_VIEWS,
        Check.CHILD_VIEWS,
        "The report has no section for the child's views",
        "The child's views are not recorded ({heading})",
    )
    whole_text = "\n".join(s.text for s in sections) + "\n" + "\n".join(a.answer for a in facts.answers)
    # Name the child in the sections about the children first; if none, in the views section.
    child_section = _first(sections, Kind.CHILDREN) or _first(sections, Kind.CHILD_VIEWS)
    for child in facts.children:
        if not _mentions(whole_text, child.full_name):
            results[Check.CHILD_CONSIDERED].append(
                Problem(
                    Check.CHILD_CONSIDERED,
                    f"{child.full_name} is not mentioned anywhere in the report",
                    Target.SECTION,
                    child_section.key if child_section else "",
                )
            )
    results[Check.CHRONOLOGY] = _section_check(
        sections,
        Kind.CHRONOLOGY,
        Check.CHRONOLOGY,
        "The report has no chronology appendix",
        "The chronology appendix is empty",
    )
    for source in facts.sources:
        if source.answered and not source.weighted:
            results[Check.SOURCES_WEIGHTED].append(
                Problem(
                    Check.SOURCES_WEIGHTED,
                    f"What {source.label} said has no weight recorded",
                    Target.WORKSPACE_SOURCES,
                )
            )
    results[Check.SOURCES_WEIGHTED] += _section_check(
        sections,
        Kind.SOURCES,
        Check.SOURCES_WEIGHTED,
        "The report has no section for its sources",
        "The sources section is empty ({heading})",
    )
    results[Check.GAPS_STATED] = _section_check(
        sections,
        Kind.GAPS,
        Check.GAPS_STATED,
        "The report has no section for gaps in the information",
        "Gaps in the information are not stated ({heading}); say so if there are none",
    )
    results[Check.ANALYSIS] = _section_check(
        sections,
        Kind.ANALYSIS,
        Check.ANALYSIS,
        "The report has no analysis section",
        "The analysis is not written ({heading})",
    )
    recommendation = _section_check(
        sections,
        Kind.RECOMMENDATION,
        Check.RECOMMENDATION,
        "The report has no recommendation section",
        "The recommendation is not written ({heading})",
    )
    if not recommendation and results[Check.ANALYSIS]:
        # A recommendation with nothing before it to follow from.
        section = _first(sections, Kind.RECOMMENDATION)
        assert section is not None
        recommendation = [
            Problem(
                Check.RECOMMENDATION,
                "The recommendation does not follow from an analysis: write the analysis first",
                Target.SECTION,
                section.key,
            )
        ]
    results[Check.RECOMMENDATION] = recommendation
    return [CheckResult(check, CHECK_TITLES[check], results[check]) for check in Check]


def failed_checks(results: Iterable[CheckResult]) -> list[CheckResult]:
    return [result for result in results if not result.passed]


def unexplained(results: Iterable[CheckResult], reasons: dict[str, str]) -> list[CheckResult]:
    """The failed checks that have no reason given for submitting past them."""
    return [r for r in failed_checks(results) if not reasons.get(r.check.value, "").strip()]
