"""The automated checks before QA, in plain Python."""

import pytest

from hub.reports.rules import (
    Check,
    ChildName,
    Kind,
    QuestionAnswer,
    ReportFacts,
    SectionText,
    SourceFacts,
    Target,
    failed_checks,
    report_checks,
    unexplained,
)


def _sections(**texts: str) -> list[SectionText]:
    kinds = {
        "children": Kind.CHILDREN,
        "questions": Kind.QUESTIONS,
        "sources": Kind.SOURCES,
        "gaps": Kind.GAPS,
        "views": Kind.CHILD_VIEWS,
        "analysis": Kind.ANALYSIS,
        "recommendation": Kind.RECOMMENDATION,
        "chronology": Kind.CHRONOLOGY,
    }
    return [SectionText(key, key.title(), kind, texts.get(key, "")) for key, kind in kinds.items()]


COMPLETE = {
    "children": "Amy Example is four.",
    "sources": "Three home visits; the GP replied (specialist).",
    "gaps": "None: every agency replied.",
    "views": "Amy said she likes bath time with her mum.",
    "analysis": "The mother has kept every appointment.",
    "recommendation": "Amy should remain at home under a supervision order.",
    "chronology": "2021: Amy born",
}


def _facts(texts=COMPLETE, answers=("Yes, with support.",), children=("Amy Example",), sources=()) -> ReportFacts:
    return ReportFacts(
        sections=_sections(**texts),
        answers=[QuestionAnswer(f"q{n}", n, f"Question {n}?", a) for n, a in enumerate(answers, start=1)],
        children=[ChildName(n, name) for n, name in enumerate(children)],
        sources=list(sources),
    )


def _problems(facts: ReportFacts) -> dict[Check, list[str]]:
    return {r.check: [p.message for p in r.problems] for r in report_checks(facts) if not r.passed}


def test_it_passes_a_complete_report():
    assert failed_checks(report_checks(_facts())) == []


def test_it_lists_each_unanswered_question_with_a_link_to_it():
    results = report_checks(_facts(answers=("Yes.", "  ", "")))
    [questions] = [r for r in results if r.check == Check.QUESTION_ANSWERED]
    assert [p.message for p in questions.problems] == ["Question 2 is not answered", "Question 3 is not answered"]
    assert [(p.target, p.where) for p in questions.problems] == [(Target.QUESTION, "q2"), (Target.QUESTION, "q3")]


@pytest.mark.parametrize(
    ("empty", "check"),
    [
        ("views", Check.CHILD_VIEWS),
        ("chronology", Check.CHRONOLOGY),
        ("gaps", Check.GAPS_STATED),
        ("sources", Check.SOURCES_WEIGHTED),
    ],
)
def test_it_finds_an_empty_section_and_points_at_it(empty, check):
    texts = {**COMPLETE, empty: "   "}
    results = report_checks(_facts(texts=texts))
    [failed] = failed_checks(results)
    assert failed.check == check
    assert failed.problems[0].target == Target.SECTION and failed.problems[0].where == empty


def test_a_recommendation_without_an_analysis_fails_both():
    problems = _problems(_facts(texts={**COMPLETE, "analysis": ""}))
    assert set(problems) == {Check.ANALYSIS, Check.RECOMMENDATION}
    assert "does not follow from an analysis" in problems[Check.RECOMMENDATION][0]


def test_a_missing_recommendation_fails():
    assert set(_problems(_facts(texts={**COMPLETE, "recommendation": ""}))) == {Check.RECOMMENDATION}


def test_every_child_must_be_named_by_full_or_first_name():
    facts = _facts(children=("Amy Example", "Ben Example", "Cal Sample"), texts={**COMPLETE, "analysis": "Ben too."})
    assert _problems(facts) == {Check.CHILD_CONSIDERED: ["Cal Sample is not mentioned anywhere in the report"]}


def test_a_first_name_inside_another_word_does_not_count():
    facts = _facts(children=("Al Example",), texts={k: v.replace("Amy Example", "Amy") for k, v in COMPLETE.items()})
    assert Check.CHILD_CONSIDERED in _problems(facts)


def test_an_answered_source_without_weight_fails_but_one_not_yet_answered_does_not():
    sources = [SourceFacts("GP", weighted=False, answered=True), SourceFacts("Police", weighted=False, answered=False)]
    problems = _problems(_facts(sources=sources))
    assert problems == {Check.SOURCES_WEIGHTED: ["What GP said has no weight recorded"]}


def test_a_template_without_a_views_section_is_caught():
    facts = ReportFacts(
        sections=[s for s in _sections(**COMPLETE) if s.kind != Kind.CHILD_VIEWS], answers=[], children=[]
    )
    assert _problems(facts) == {Check.CHILD_VIEWS: ["The report has no section for the child's views"]}


def test_only_failed_checks_without_a_reason_hold_up_submission():
    results = report_checks(_facts(texts={**COMPLETE, "gaps": "", "views": ""}))
    assert {r.check for r in unexplained(results, {"gaps_stated": "Court asked for an early draft"})} == {
        Check.CHILD_VIEWS
    }
    assert unexplained(results, {"gaps_stated": "x", "child_views": "Baby, pre-verbal"}) == []
    assert {r.check for r in unexplained(results, {"gaps_stated": "  ", "child_views": "y"})} == {Check.GAPS_STATED}
