"""The letter's completeness and the referral's state changes, without a database."""

import datetime

import pytest

from hub.referrals import rules
from hub.referrals.rules import Action, AdultFacts, ChildFacts, LetterFacts, Step, TransitionNotAllowed


def complete_facts(**overrides) -> LetterFacts:
    base = {
        "court_chosen": True,
        "case_number": "LV26C00001",
        "judge": "HHJ Example",
        "permission_order_date": datetime.date(2026, 10, 1),
        "eligibility_agreed_by_judge": True,
        "proceedings_issued_on": datetime.date(2026, 8, 17),
        "filing_date": datetime.date(2027, 1, 15),
        "irh_date": datetime.date(2027, 1, 29),
        "children": {1: ChildFacts("Ava Example", True)},
        "adults": [AdultFacts("Parent Example", frozenset({1}))],
        "assessment_types": ["parenting"],
        "referral_reason": "disagreement",
        "question_count": 1,
        "family_background": "Background",
        "reading_count": 1,
        "contact_roles": frozenset({"childrens_guardian"}),
        "bundle_count": 1,
    }
    base.update(overrides)
    return LetterFacts(**base)


def test_it_finds_nothing_missing_in_a_complete_letter():
    assert rules.letter_gaps(complete_facts()) == []


def test_it_lists_every_gap_of_an_empty_letter_in_page_order():
    gaps = rules.letter_gaps(LetterFacts())
    steps = [gap.step for gap in gaps]
    assert steps == sorted(steps, key=list(Step).index)
    assert {gap.step for gap in gaps} == set(Step)  # every page has something missing
    assert "Upload the court bundle" in [gap.message for gap in gaps]


@pytest.mark.parametrize(
    ("overrides", "step", "message"),
    [
        ({"eligibility_agreed_by_judge": False}, Step.COURT, "Confirm the judge agreed"),
        ({"bundle_count": 0}, Step.BUNDLE, "Upload the court bundle"),
        ({"contact_roles": frozenset({"iro"})}, Step.CONTACTS, "children's guardian"),
        ({"children": {1: ChildFacts("Ava Example", False)}}, Step.CHILDREN, "Ava Example"),
        ({"referral_reason": "other"}, Step.ASSESSMENT, "other reason"),
        # An adult must have a relationship to every child in the letter.
        (
            {"children": {1: ChildFacts("Ava Example", True), 2: ChildFacts("Ben Example", True)}},
            Step.ADULTS,
            "Parent Example's relationship to Ben Example",
        ),
        ({"filing_date": datetime.date(2027, 2, 1)}, Step.TIMETABLE, "on or before the issues resolution hearing"),
        ({"filing_date": datetime.date(2026, 8, 1)}, Step.TIMETABLE, "after the date proceedings were issued"),
    ],
)
def test_it_names_the_gap_and_the_page_to_fix_it(overrides, step, message):
    gaps = rules.letter_gaps(complete_facts(**overrides))
    assert len(gaps) == 1
    assert gaps[0].step == step
    assert message in gaps[0].message


@pytest.mark.parametrize(
    ("status", "action", "after"),
    [
        ("draft", Action.SUBMIT, "submitted"),
        ("submitted", Action.RAISE_QUERY, "query_raised"),
        ("query_raised", Action.ANSWER_QUERY, "submitted"),
        ("query_raised", Action.ACCEPT, "accepted"),
        ("submitted", Action.DECLINE, "declined"),
    ],
)
def test_it_allows_the_triage_journey(status, action, after):
    assert rules.next_status(status, action) == after


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("draft", Action.ACCEPT),
        ("accepted", Action.DECLINE),
        ("declined", Action.ACCEPT),
        ("submitted", Action.ANSWER_QUERY),
        ("accepted", Action.SUBMIT),
    ],
)
def test_it_refuses_a_change_that_skips_the_process(status, action):
    with pytest.raises(TransitionNotAllowed):
        rules.next_status(status, action)
