"""The UK day-first date parser: what it reads, what it refuses, and that every supported style round-trips."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hub.bundles.dates import DateMatch, easter_sunday, find_dates, might_hold_a_date, period_start


def only(sentence: str) -> tuple[str, str, str | None]:
    [match] = find_dates(sentence)
    return match.date, match.precision, match.end_date


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On 12 March 2023 police attended.", ("2023-03-12", "day", None)),
        ("Seen on 12th March 2023.", ("2023-03-12", "day", None)),
        ("Seen on the 12th of March, 2023.", ("2023-03-12", "day", None)),
        ("Seen on 12-Mar-2023.", ("2023-03-12", "day", None)),
        ("Seen on March 12, 2023.", ("2023-03-12", "day", None)),
        ("Seen 05.01.2024.", ("2024-01-05", "day", None)),
        ("Seen 5/1/24.", ("2024-01-05", "day", None)),
        ("Seen 05-01-2024.", ("2024-01-05", "day", None)),
        ("Seen 2024-01-05.", ("2024-01-05", "day", None)),
        ("Born 05/06/88.", ("1988-06-05", "day", None)),
        ("Moved in Sept 2020.", ("2020-09", "month", None)),
        ("Moved in Sept. 2020.", ("2020-09", "month", None)),
        ("Moved in March '23.", ("2023-03", "month", None)),
        ("Expired 01/2023.", ("2023-01", "month", None)),
        ("Moved in 2019.", ("2019", "year", None)),
        ("Known since approx. 2015.", ("2015", "year", None)),
        ("Left by mid-2021.", ("2021", "year", None)),
        ("Contact between 2 and 19 July 2020.", ("2020-07-02", "day", "2020-07-19")),
        ("Cancelled from 3 to 5 May 2021.", ("2021-05-03", "day", "2021-05-05")),
        ("Closed 1st-3rd June 2022.", ("2022-06-01", "day", "2022-06-03")),
        ("Away from the 2nd to the 16th of October 2022.", ("2022-10-02", "day", "2022-10-16")),
        ("Away from 28 December to 3 January 2021.", ("2020-12-28", "day", "2021-01-03")),
        ("Away from 28 December 2020 to 3 January 2021.", ("2020-12-28", "day", "2021-01-03")),
        ("Tested 01/01/2023 - 31/03/2023.", ("2023-01-01", "day", "2023-03-31")),
        ("Cared for between March and May 2021.", ("2021-03", "month", "2021-05")),
        ("Plan from December 2019 to June 2020.", ("2019-12", "month", "2020-06")),
        ("Lived there from 2012 to 2015.", ("2012", "year", "2015")),
        ("Lived there between 2019 and 2022.", ("2019", "year", "2022")),
        ("In Year 3 (2020-2021) she struggled.", ("2020", "year", "2021")),
        ("Suspended for the week commencing 14 August 2023.", ("2023-08-14", "day", "2023-08-20")),
        ("Allocated w/c 02/10/2023.", ("2023-10-02", "day", "2023-10-08")),
        ("Evicted in spring 2019.", ("2019-03", "month", "2019-05")),
        ("No heating in the winter of 2019/20.", ("2019-12", "month", "2020-02")),
        ("Attendance in the autumn term 2022.", ("2022-09", "month", "2022-12")),
        ("Missed in Q1 2023.", ("2023-01", "month", "2023-03")),
        ("Called out on Christmas Day 2022.", ("2022-12-25", "day", None)),
        ("Stayed over Christmas 2021.", ("2021-12", "month", None)),
        ("Returned at Easter 2021.", ("2021-04", "month", None)),
    ],
)
def test_it_reads_the_styles_bundles_use(sentence, expected):
    assert only(sentence) == expected


def test_it_gives_the_span_of_each_date_left_to_right():
    sentence = "Seen on 12/03/2023 and again on 14 March 2023."
    matches = find_dates(sentence)
    assert [sentence[m.start : m.end] for m in matches] == ["12/03/2023", "14 March 2023"]
    assert matches[0] == DateMatch(8, 18, "2023-03-12", "day", None)


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("Calls on 1st, 3rd and 9th August 2021.", ["2021-08-01", "2021-08-03", "2021-08-09"]),
        ("Excluded on 14 and 15 November 2022.", ["2022-11-14", "2022-11-15"]),
        ("Convicted in 2009, 2011 and 2014.", ["2009", "2011", "2014"]),
        ("Began 01/04/2019 and ended 31/03/2021.", ["2019-04-01", "2021-03-31"]),
    ],
)
def test_and_without_between_is_a_list_not_a_range(sentence, dates):
    assert [(m.date, m.end_date) for m in find_dates(sentence)] == [(d, None) for d in dates]


@pytest.mark.parametrize(
    "sentence",
    [
        "An entry dated 31/02/2020.",
        "An entry dated 31 February 2020.",
        "Listed for 30 February 2024.",
        "Ended on 19/19/2022.",
        "Reviewed on 12/13/2023.",
        "Registered on 29/02/2019.",
    ],
)
def test_an_impossible_date_is_no_date_at_all(sentence):
    assert find_dates(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "s.31 Children Act 1989",
        "The Adoption and Children Act 2002 applies.",
        "Permission under Part 25 of the Family Procedure Rules 2010.",
        "Re T-Y (Children) [2013] EWCA Civ 9146 at paragraph 22.",
        "Lily is aged 14.",
        "Rowan is a 3 year old boy.",
        "Case No. LV23C01234",
        "ZW21C00123 Re L and R (Children)",
        "Crime reference 13/45872/21.",
        "The family owe £2,020 in rent arrears.",
        "She worked 2023 hours last year.",
        "The shift starts at 14:30.",
        "See page C23.",
        "The passage is on page 2019 of the exhibits.",
        "Call 0151 233 2019 out of hours.",
        "They live at 12 Cedar Close, L20 3AB.",
        "Paragraph 12.3.20 of the order.",
        "Attendance was 87.3% against 94%.",
        "Abstinent for 12 months.",
        "Blood pressure 140/90.",
        "Weights at 6/52 and 8/52.",
        "PC 2019 Ashworth attended.",
        "The 2019 assessment noted good care.",
        "They moved to 2020 Fairfield Road.",
        "Seen on 12 March.",
        "The flat at 19/21 Bridge Street.",
    ],
)
def test_statutes_ages_references_amounts_and_times_are_not_dates(sentence):
    assert find_dates(sentence) == []


def test_easter_day_is_computed_for_the_gregorian_calendar():
    assert easter_sunday(2021) == date(2021, 4, 4)
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2038) == date(2038, 4, 25)


def test_a_partial_date_sorts_at_the_first_day_of_its_period():
    assert period_start("2020") == "2020-01-01"
    assert period_start("2020-09") == "2020-09-01"
    assert period_start("2020-09-14") == "2020-09-14"


MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


DAY_STYLES = [
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.day}/{d.month}/{d.year % 100:02d}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.day}.{d.month}.{d.year % 100:02d}",
    lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}",
    lambda d: f"{ordinal(d.day)} {MONTH_SHORT[d.month - 1]} {d.year}",
    lambda d: f"the {ordinal(d.day)} of {MONTH_NAMES[d.month - 1]}, {d.year}",
    lambda d: f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day}-{MONTH_SHORT[d.month - 1]}-{d.year}",
]
MONTH_STYLES = [
    lambda d: f"{MONTH_NAMES[d.month - 1]} {d.year}",
    lambda d: f"{MONTH_SHORT[d.month - 1]} {d.year}",
    lambda d: f"{d.month:02d}/{d.year}",
]
# Two-digit years are 1950-2049, so the property covers those years.
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31))


@given(day=dates, style=st.sampled_from(DAY_STYLES))
def test_any_day_written_in_a_supported_style_parses_back_to_itself(day, style):
    sentence = f"On {style(day)} the social worker visited."
    [match] = find_dates(sentence)
    assert (match.date, match.precision, match.end_date) == (day.isoformat(), "day", None)
    written = style(day)
    # The span is the whole expression (less a leading "the").
    assert written.removeprefix("the ") == sentence[match.start : match.end]


@given(day=dates, style=st.sampled_from(MONTH_STYLES))
def test_any_month_written_in_a_supported_style_parses_back_to_itself(day, style):
    [match] = find_dates(f"In {style(day)} the family moved.")
    assert (match.date, match.precision) == (f"{day.year:04d}-{day.month:02d}", "month")


@given(year=st.integers(min_value=1900, max_value=2099))
def test_any_year_after_a_time_word_parses_back_to_itself(year):
    [match] = find_dates(f"The family moved to Wirral in {year}.")
    assert (match.date, match.precision) == (str(year), "year")


@given(first=dates, length=st.integers(min_value=1, max_value=27))
def test_any_day_range_in_one_month_parses_to_its_first_and_last_day(first, length):
    last = first + timedelta(days=length)
    if last.month != first.month:
        return
    sentence = f"Contact took place between {first.day} and {last.day} {MONTH_NAMES[first.month - 1]} {first.year}."
    assert only(sentence) == (first.isoformat(), "day", last.isoformat())


@given(text=st.text(max_size=200) | st.sampled_from(DAY_STYLES).map(lambda style: f"seen {style(date(2021, 5, 3))} at"))
def test_any_text_gives_well_formed_matches_without_error(text):
    # The quick test never turns away a sentence that holds a date.
    assert might_hold_a_date(text) or find_dates(text) == []
    for match in find_dates(text):
        assert 0 <= match.start < match.end <= len(text)
        assert match.precision in {"day", "month", "year"}
        date.fromisoformat(period_start(match.date))
