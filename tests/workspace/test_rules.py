"""The workspace's plain-Python rules: no database, so these run in milliseconds."""

from datetime import date

import pytest

from hub.core.calendar import WorkingCalendar
from hub.workspace import rules


@pytest.mark.parametrize(
    ("boxes", "expected", "precision"),
    [
        (("5", "3", "2019"), date(2019, 3, 5), rules.DatePrecision.DAY),
        (("", "3", "2019"), date(2019, 3, 1), rules.DatePrecision.MONTH),
        (("", "", "2019"), date(2019, 1, 1), rules.DatePrecision.YEAR),
    ],
)
def test_it_reads_exact_and_partial_dates(boxes, expected, precision):
    partial = rules.parse_partial_date(*boxes)
    assert partial.period_start() == expected
    assert partial.precision == precision


@pytest.mark.parametrize(
    "boxes",
    [("", "", ""), ("5", "", "2019"), ("31", "2", "2019"), ("", "13", "2019"), ("", "", "19"), ("x", "3", "2019")],
)
def test_it_refuses_dates_that_are_not_real(boxes):
    with pytest.raises(rules.PartialDateError):
        rules.parse_partial_date(*boxes)


def test_it_sorts_a_partial_date_at_the_start_of_its_period():
    entries = [
        (date(2019, 3, 5), rules.DatePrecision.DAY),
        (date(2019, 3, 1), rules.DatePrecision.MONTH),
        (date(2019, 1, 1), rules.DatePrecision.YEAR),
        (date(2019, 1, 1), rules.DatePrecision.DAY),
    ]
    ordered = sorted(entries)
    assert ordered == [
        (date(2019, 1, 1), rules.DatePrecision.YEAR),
        (date(2019, 1, 1), rules.DatePrecision.DAY),
        (date(2019, 3, 1), rules.DatePrecision.MONTH),
        (date(2019, 3, 5), rules.DatePrecision.DAY),
    ]


def test_it_says_which_part_of_a_partial_date_is_not_known():
    assert rules.format_partial_date(date(2019, 3, 5), rules.DatePrecision.DAY) == "5 March 2019"
    assert rules.format_partial_date(date(2019, 3, 1), rules.DatePrecision.MONTH) == "March 2019 (day not known)"
    assert rules.format_partial_date(date(2019, 1, 1), rules.DatePrecision.YEAR) == "2019 (month not known)"
    assert rules.split_partial_date(date(2019, 3, 1), rules.DatePrecision.MONTH) == ("", "3", "2019")


def test_it_expects_an_agencys_reply_ten_working_days_on_past_bank_holidays():
    # Thursday 2 April 2026: Good Friday and Easter Monday fall inside the ten days.
    assert rules.reply_by(date(2026, 4, 2), WorkingCalendar()) == date(2026, 4, 20)
    # A local closure day the administrator added pushes it one more day.
    assert rules.reply_by(date(2026, 4, 2), WorkingCalendar([date(2026, 4, 15)])) == date(2026, 4, 21)


def test_it_keeps_21_no_factors_on_its_own():
    assert rules.cin_factor_problems(["21"]) == []
    assert rules.cin_factor_problems(["1B", "3A", "16A"]) == []
    assert rules.cin_factor_problems(["21", "1B"]) == [
        "21 (no factors identified) cannot be recorded with any other factor"
    ]
    assert rules.cin_factor_problems(["18A"]) == ["18A is not a Children in Need census factor code"]


def test_it_knows_the_census_factor_codes():
    assert {
        "1A",
        "1B",
        "1C",
        "7A",
        "8B",
        "8F",
        "9A",
        "18B",
        "18C",
        "19B",
        "19C",
        "20",
        "21",
        "22A",
        "23A",
        "24A",
    } <= set(rules.CIN_FACTORS)
    assert len(rules.CIN_FACTORS) == 42
    assert sorted(["10A", "2B", "21", "1A"], key=rules.cin_factor_sort_key) == ["1A", "2B", "10A", "21"]


def _facts(**overrides):
    base = {
        "today": date(2026, 5, 1),
        "children": [rules.ChildFacts(child_id=1, name="Ada Example")],
        "adults": [rules.AdultFacts(adult_id=7, name="Bea Example")],
    }
    return rules.WorkspaceFacts(**{**base, **overrides})


def _messages(facts):
    return [gap.message for gap in rules.workspace_gaps(facts)]


def test_it_lists_everything_missing_in_an_empty_workspace():
    gaps = rules.workspace_gaps(_facts())
    assert [gap.section for gap in gaps] == [
        rules.Section.SESSIONS,
        rules.Section.SESSIONS,
        rules.Section.CHRONOLOGY,
        rules.Section.SOURCES,
        rules.Section.HOUSEHOLD,
        rules.Section.CAPACITY,
        rules.Section.RISK,
        rules.Section.RISK,
        rules.Section.QUESTIONS,
        rules.Section.FACTORS,
    ]
    assert "Ada Example has not been seen alone, and no reason is recorded" in _messages(_facts())
    assert gaps[1].anchor == "child-1"


def test_it_accepts_a_reason_for_not_seeing_a_child_alone():
    seen = _facts(children=[rules.ChildFacts(child_id=1, name="Ada Example", seen_alone=True)])
    reason = _facts(children=[rules.ChildFacts(child_id=1, name="Ada Example", reason_not_seen_alone=True)])
    for facts in (seen, reason):
        assert not any("seen alone" in message for message in _messages(facts))


def test_it_flags_an_agency_silent_after_ten_working_days():
    asked = rules.RequestFacts(request_id=3, agency="GP", asked_on=date(2026, 4, 2), answered_on=None)
    on_the_day = _facts(today=date(2026, 4, 20), requests=[asked])
    day_after = _facts(today=date(2026, 4, 21), requests=[asked])
    answered = _facts(
        today=date(2026, 5, 21),
        requests=[
            rules.RequestFacts(request_id=3, agency="GP", asked_on=date(2026, 4, 2), answered_on=date(2026, 4, 9))
        ],
    )
    assert not any("GP" in m for m in _messages(on_the_day))
    assert "GP was asked on 2 April 2026 and has not answered after 10 working days" in _messages(day_after)
    assert not any("GP" in m for m in _messages(answered))


def test_it_closes_the_gaps_as_they_are_filled():
    facts = _facts(
        children=[
            rules.ChildFacts(
                child_id=1,
                name="Ada Example",
                seen_alone=True,
                considered=True,
                views_recorded=True,
                factors_recorded=True,
            )
        ],
        adults=[rules.AdultFacts(adult_id=7, name="Bea Example", capacity_recorded=True)],
        session_count=1,
        chronology_count=4,
        requests=[rules.RequestFacts(request_id=3, agency="GP", asked_on=date(2026, 4, 28), answered_on=None)],
        hypothesis_count=2,
        protective_factors="Maternal grandmother visits daily",
        risk_level_recorded=True,
    )
    assert rules.workspace_gaps(facts) == []


def test_it_holds_an_agency_to_the_reply_date_its_letter_gave():
    # The letter said 24 April; a closure day added since must not make the panel disagree with it.
    asked = rules.RequestFacts(
        request_id=3, agency="GP", asked_on=date(2026, 4, 2), answered_on=None, reply_by=date(2026, 4, 24)
    )
    later_calendar = WorkingCalendar([date(2026, 4, 15)])
    assert not _facts_gaps(today=date(2026, 4, 24), requests=[asked], calendar=later_calendar)
    assert _facts_gaps(today=date(2026, 4, 27), requests=[asked], calendar=later_calendar)


def _facts_gaps(**kwargs):
    return [gap for gap in rules.workspace_gaps(_facts(**kwargs)) if "GP was asked" in gap.message]
