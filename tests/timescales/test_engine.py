"""The deadline engine: plain Python, no database, so these run in milliseconds."""

import datetime
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hub.core import calendar
from hub.core.calendar import WorkingCalendar
from hub.timescales import engine
from hub.timescales.engine import Pause, PauseReason, Rule, Unit

CAL = WorkingCalendar()
WEEKS_8 = Rule(8, Unit.CALENDAR_WEEKS)
WEEKS_2 = Rule(2, Unit.CALENDAR_WEEKS)
WEEKS_10 = Rule(10, Unit.CALENDAR_WEEKS)
WD_10 = Rule(10, Unit.WORKING_DAYS)
WD_35 = Rule(35, Unit.WORKING_DAYS)
WD_45 = Rule(45, Unit.WORKING_DAYS)
DAYS_7 = Rule(7, Unit.CALENDAR_DAYS)
MONTHS_6 = Rule(6, Unit.CALENDAR_MONTHS)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        # 2026: Boxing Day is a Saturday, so Monday 28 December is the substitute day.
        (date(2026, 12, 28), "Boxing Day (substitute day)"),
        # 2027: Christmas Day and Boxing Day fall at the weekend: Monday 27 and Tuesday 28 instead.
        (date(2027, 12, 27), "Christmas Day (substitute day)"),
        (date(2027, 12, 28), "Boxing Day (substitute day)"),
        (date(2027, 3, 26), "Good Friday"),
        (date(2027, 3, 29), "Easter Monday"),
    ],
)
def test_it_knows_england_and_wales_bank_holidays_including_substitute_days(day, name):
    holidays = {h.day: h.name for h in calendar.england_and_wales_bank_holidays(day.year)}
    assert holidays[day] == name
    assert not CAL.is_working_day(day)


def test_it_does_not_show_a_substituted_weekend_holiday_twice():
    december_2027 = [h for h in calendar.england_and_wales_bank_holidays(2027) if h.day.month == 12]
    # The library lists 25 and 26 December (a weekend) as well as 27 and 28: only the days taken off are shown.
    assert [h.day for h in december_2027] == [date(2027, 12, 27), date(2027, 12, 28)]
    assert [h.day.day for h in CAL.bank_holidays_between(date(2026, 12, 20), date(2027, 1, 5))] == [25, 28, 1]


def test_it_has_bank_holidays_for_years_no_one_typed_in():
    # A maintained library, not a list that runs out: 2040's Good Friday is there.
    assert date(2040, 3, 30) in {h.day for h in calendar.england_and_wales_bank_holidays(2040)}


@pytest.mark.parametrize(
    ("rule", "start", "due"),
    [
        # Plain case: 8 weeks from Monday 7 September 2026 is Monday 2 November.
        (WEEKS_8, date(2026, 9, 7), date(2026, 11, 2)),
        # Across Christmas: 8 weeks from 2 November 2026 is Monday 28 December, the Boxing Day
        # substitute day; the hub is closed, so the report is due Tuesday 29 December.
        (WEEKS_8, date(2026, 11, 2), date(2026, 12, 29)),
        # 2 weeks landing on Christmas Day 2026 (Friday): next working day is Tuesday 29th
        # (Saturday, Sunday and the substitute Monday in between).
        (WEEKS_2, date(2026, 12, 11), date(2026, 12, 29)),
        # 2 weeks landing on New Year's Day 2027 (Friday): Monday 4 January.
        (WEEKS_2, date(2026, 12, 18), date(2027, 1, 4)),
        # 2027: Christmas and Boxing Day are at the weekend; 2 weeks from Monday 13 December is
        # Monday 27 December, a substitute day, and so is Tuesday 28th: due Wednesday 29th.
        (WEEKS_2, date(2027, 12, 13), date(2027, 12, 29)),
        # Easter 2027: 2 weeks from Friday 12 March is Good Friday 26 March; Easter Monday
        # follows the weekend: due Tuesday 30 March.
        (WEEKS_2, date(2027, 3, 12), date(2027, 3, 30)),
        # 10 working days over Christmas 2026 from Friday 18 December: 21-24 (4), 29-31 (7),
        # 1 January is a bank holiday, 4-6 January (10).
        (WD_10, date(2026, 12, 18), date(2027, 1, 6)),
        # 10 working days over Christmas 2027, with both substitute days (27 and 28 December).
        (WD_10, date(2027, 12, 17), date(2028, 1, 5)),
        # Over Easter 2026 (Good Friday 3 April, Easter Monday 6 April).
        (WD_10, date(2026, 3, 30), date(2026, 4, 15)),
        # A start on a Saturday counts from Monday: the same due date as a start on the Friday before.
        (WD_10, date(2026, 10, 10), date(2026, 10, 23)),
        (WD_10, date(2026, 10, 9), date(2026, 10, 23)),
        # A start on a bank holiday (Easter Monday 2026): the next day is day 1.
        (WD_10, date(2026, 4, 6), date(2026, 4, 20)),
        # Calendar weeks from a Sunday start land on a Sunday: next working day.
        (WEEKS_8, date(2026, 10, 11), date(2026, 12, 7)),
        # 29 February: 8 weeks from 29 February 2028 is 25 April 2028.
        (WEEKS_8, date(2028, 2, 29), date(2028, 4, 25)),
        # Plans reviewed within 6 months: 31 August + 6 months is the last day of February,
        # 29 February in a leap year (a Tuesday in 2028).
        (MONTHS_6, date(2027, 8, 31), date(2028, 2, 29)),
        # ...and 28 February 2027 is a Sunday: Monday 1 March.
        (MONTHS_6, date(2026, 8, 31), date(2027, 3, 1)),
        # Statutory: core assessment 35 working days, single assessment 45 working days.
        (WD_35, date(2026, 11, 2), date(2026, 12, 21)),
        (WD_45, date(2026, 11, 2), date(2027, 1, 7)),
        # Private fostering first visit within 7 days.
        (DAYS_7, date(2026, 11, 4), date(2026, 11, 11)),
        # Full fostering 10 weeks.
        (WEEKS_10, date(2026, 11, 2), date(2027, 1, 11)),
    ],
)
def test_it_works_out_due_dates(rule, start, due):
    assert engine.due_date(rule, clock_start=start, calendar_=CAL) == due


@pytest.mark.parametrize(
    ("rule", "pauses", "due"),
    [
        # No pauses: 8 weeks from Monday 7 September 2026.
        (WEEKS_8, [], date(2026, 11, 2)),
        # A week's pause (stopped Monday, restarted the next Monday) adds 7 days.
        (WEEKS_8, [Pause(date(2026, 9, 14), date(2026, 9, 21))], date(2026, 11, 9)),
        # Two overlapping pauses (DBS 14-21, medical 18-25 September) count 11 days, not 14.
        (
            WEEKS_8,
            [
                Pause(date(2026, 9, 14), date(2026, 9, 21), PauseReason.DBS_CHECK),
                Pause(date(2026, 9, 18), date(2026, 9, 25), PauseReason.MEDICAL),
            ],
            date(2026, 11, 13),
        ),
        # A pause inside another adds nothing more.
        (
            WEEKS_8,
            [Pause(date(2026, 9, 14), date(2026, 9, 28)), Pause(date(2026, 9, 15), date(2026, 9, 16))],
            date(2026, 11, 16),
        ),
        # Working days: a pause over a weekend (Friday 11 to Monday 14 September, restarted on
        # the Tuesday) stops 2 working days, not 4 calendar days.
        (WD_10, [Pause(date(2026, 9, 11), date(2026, 9, 15))], date(2026, 9, 23)),
        # A pause only over a weekend moves a working-day rule not at all.
        (WD_10, [Pause(date(2026, 9, 12), date(2026, 9, 14))], date(2026, 9, 21)),
        # Paused and restarted the same day: no time paused.
        (WD_10, [Pause(date(2026, 9, 10), date(2026, 9, 10))], date(2026, 9, 21)),
        # A pause after the due date does not move it.
        (WD_10, [Pause(date(2026, 10, 1), date(2026, 10, 5))], date(2026, 9, 21)),
        # A pause recorded as starting before the clock counts only from the clock's start.
        (WD_10, [Pause(date(2026, 9, 1), date(2026, 9, 9))], date(2026, 9, 22)),
    ],
)
def test_it_moves_the_due_date_by_the_paused_time(rule, pauses, due):
    # Clock starts Monday 7 September 2026.
    assert engine.due_date(rule, clock_start=date(2026, 9, 7), calendar_=CAL, pauses=pauses) == due


def test_it_counts_overlapping_pauses_once_and_each_cause_on_its_own():
    pauses = [
        Pause(date(2026, 9, 14), date(2026, 9, 21), PauseReason.DBS_CHECK),
        Pause(date(2026, 9, 18), date(2026, 9, 25), PauseReason.MEDICAL),
    ]
    start, as_of = date(2026, 9, 7), date(2026, 10, 1)
    assert engine.paused_days(pauses, clock_start=start, as_of=as_of) == 11
    assert engine.paused_days_by_reason(pauses, clock_start=start, as_of=as_of) == {
        PauseReason.DBS_CHECK: 7,
        PauseReason.MEDICAL: 7,
    }


def test_it_moves_an_open_pause_on_each_day_it_stays_open():
    pause = [Pause(date(2026, 9, 14), None, PauseReason.DBS_CHECK)]
    start = date(2026, 9, 7)
    on_15th = engine.due_date(WEEKS_8, clock_start=start, calendar_=CAL, pauses=pause, as_of=date(2026, 9, 15))
    on_16th = engine.due_date(WEEKS_8, clock_start=start, calendar_=CAL, pauses=pause, as_of=date(2026, 9, 16))
    assert (on_15th, on_16th) == (date(2026, 11, 4), date(2026, 11, 5))


def test_it_treats_local_closure_days_as_non_working():
    closed = WorkingCalendar([date(2026, 9, 18)])
    assert engine.due_date(WD_10, clock_start=date(2026, 9, 7), calendar_=closed) == date(2026, 9, 22)


@pytest.mark.parametrize(
    ("received_at", "start"),
    [
        # Winter (GMT): 23:30 UTC is 23:30 in London, the same day.
        (datetime.datetime(2026, 1, 14, 23, 30, tzinfo=datetime.UTC), date(2026, 1, 14)),
        # Summer (BST): 23:30 UTC on 14 July is 00:30 on 15 July in London.
        (datetime.datetime(2026, 7, 14, 23, 30, tzinfo=datetime.UTC), date(2026, 7, 15)),
        # The night the clocks go forward (29 March 2026, 01:00 UTC): 00:59 UTC is still
        # 00:59 GMT on the 29th; 23:30 UTC on the 28th is 23:30 on the 28th.
        (datetime.datetime(2026, 3, 28, 23, 30, tzinfo=datetime.UTC), date(2026, 3, 28)),
        (datetime.datetime(2026, 3, 29, 0, 59, tzinfo=datetime.UTC), date(2026, 3, 29)),
        # The night the clocks go back (25 October 2026, 01:00 UTC): 23:30 UTC on the 24th is
        # 00:30 BST on the 25th.
        (datetime.datetime(2026, 10, 24, 23, 30, tzinfo=datetime.UTC), date(2026, 10, 25)),
    ],
)
def test_it_starts_the_clock_on_the_london_day_of_receipt_across_bst_changes(received_at, start):
    assert calendar.start_date(received_at) == start


def test_it_counts_a_week_across_the_clocks_changing_as_seven_days():
    # Dates, not instants: a week over the change to BST is still 7 days.
    assert engine.due_date(DAYS_7, clock_start=date(2026, 3, 26), calendar_=CAL) == date(2026, 4, 2)


def test_it_puts_the_qa_milestones_inside_the_timescale():
    rule = Rule(
        8,
        Unit.CALENDAR_WEEKS,
        (engine.Milestone("draft_to_qa", "Draft to QA", 10), engine.Milestone("qa_done", "QA done", 3)),
    )
    due = engine.due_date(rule, clock_start=date(2026, 11, 2), calendar_=CAL)
    dates = engine.milestone_dates(rule, due=due, clock_start=date(2026, 11, 2), calendar_=CAL)
    # Due Tuesday 29 December 2026: 3 working days before skips 28, 25 December.
    assert dates == {"draft_to_qa": date(2026, 12, 11), "qa_done": date(2026, 12, 22)}


def test_it_counts_back_seven_working_days_before_a_decision_meeting():
    # Meeting Tuesday 5 January 2027: the meeting is the 7th working day after Tuesday 22
    # December (23, 24, [25, 28 closed], 29, 30, 31, [1 January closed], 4, 5).
    assert engine.deadline_before(date(2027, 1, 5), working_days=7, calendar_=CAL) == date(2026, 12, 22)


@pytest.mark.parametrize(
    ("court", "expected"),
    [
        (engine.CourtDates(filing_date=date(2027, 1, 15)), []),
        (
            engine.CourtDates(filing_date=date(2027, 1, 8)),
            ["The hub's due date 12 Jan 2027 is after the court's filing date 8 Jan 2027"],
        ),
        (
            engine.CourtDates(filing_date=date(2027, 2, 1), irh_date=date(2027, 1, 29)),
            ["The filing date 1 Feb 2027 is after the IRH 29 Jan 2027"],
        ),
        # s.32(1)(a): issued 17 August 2026, 26 weeks is 15 February 2027.
        (
            engine.CourtDates(proceedings_issued_on=date(2026, 8, 17), final_hearing_date=date(2027, 3, 1)),
            ["The final hearing 1 Mar 2027 is after the 26-week date 15 Feb 2027"],
        ),
        # An extension recorded under s.32(5) moves the 26-week date.
        (
            engine.CourtDates(
                proceedings_issued_on=date(2026, 8, 17),
                final_hearing_date=date(2027, 3, 1),
                twenty_six_week_date_extended_to=date(2027, 4, 12),
            ),
            [],
        ),
    ],
)
def test_it_flags_clashes_with_the_courts_timetable(court, expected):
    assert engine.court_flags(due=date(2027, 1, 12), court=court) == expected


@pytest.mark.parametrize(
    ("facts", "as_of", "status", "explanation"),
    [
        (
            engine.ClockFacts(due=date(2026, 12, 18), milestones={"draft_to_qa": date(2026, 12, 4)}),
            date(2026, 11, 2),
            engine.Status.ON_TRACK,
            "34 working days left; no draft yet",
        ),
        # 9 working days left without a draft: at risk.
        (
            engine.ClockFacts(due=date(2026, 11, 13)),
            date(2026, 11, 2),
            engine.Status.AT_RISK,
            "9 working days left; no draft yet",
        ),
        # The example from the issue: paused for a DBS check for 21 days.
        (
            engine.ClockFacts(
                due=date(2026, 11, 13),
                open_pause=Pause(date(2026, 10, 12), None, PauseReason.DBS_CHECK),
            ),
            date(2026, 11, 2),
            engine.Status.PAUSED,
            "DBS check outstanding 21 days; 9 working days left; no draft yet",
        ),
        # Paused this morning: "since today", not "0 days".
        (
            engine.ClockFacts(
                due=date(2026, 11, 13),
                open_pause=Pause(date(2026, 11, 2), None, PauseReason.DBS_CHECK),
            ),
            date(2026, 11, 2),
            engine.Status.PAUSED,
            "DBS check outstanding since today; 9 working days left; no draft yet",
        ),
        (
            engine.ClockFacts(due=date(2026, 10, 28)),
            date(2026, 11, 2),
            engine.Status.OVERDUE,
            "3 working days overdue; no draft yet",
        ),
        (
            engine.ClockFacts(due=date(2026, 11, 13), draft_submitted_on=date(2026, 10, 30)),
            date(2026, 11, 2),
            engine.Status.ON_TRACK,
            "9 working days left; draft with QA since 30 Oct 2026",
        ),
        (
            engine.ClockFacts(due=date(2026, 12, 18), milestones={"draft_to_qa": date(2026, 10, 30)}),
            date(2026, 11, 2),
            engine.Status.AT_RISK,
            "34 working days left; no draft yet (was due 30 Oct 2026)",
        ),
        (
            engine.ClockFacts(due=date(2026, 11, 2), qa_completed_on=date(2026, 10, 30)),
            date(2026, 11, 2),
            engine.Status.ON_TRACK,
            "Due today; QA done",
        ),
    ],
)
def test_it_gives_a_status_with_a_plain_explanation(facts, as_of, status, explanation):
    report = engine.assess(facts, as_of=as_of, calendar_=CAL)
    assert (report.status, report.explanation) == (status, explanation)


# ---------------------------------------------------------------------------
# Properties

dates = st.dates(min_value=date(2016, 1, 1), max_value=date(2038, 12, 31))
rules = st.builds(
    Rule,
    amount=st.integers(min_value=1, max_value=60),
    unit=st.sampled_from(list(Unit)),
)
pauses = st.lists(
    st.builds(
        lambda start, length, open_: Pause(start, None if open_ else start + datetime.timedelta(days=length)),
        start=dates,
        length=st.integers(min_value=0, max_value=90),
        open_=st.booleans(),
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(rule=rules, start=dates, pauses=pauses)
def test_it_never_puts_a_due_date_before_its_start(rule, start, pauses):
    assert engine.due_date(rule, clock_start=start, calendar_=CAL, pauses=pauses, as_of=start) > start


@settings(max_examples=300, deadline=None)
@given(rule=rules, start=dates, pauses=pauses, extra=pauses, as_of=dates)
def test_it_never_brings_a_due_date_earlier_by_pausing(rule, start, pauses, extra, as_of):
    before = engine.due_date(rule, clock_start=start, calendar_=CAL, pauses=pauses, as_of=as_of)
    after = engine.due_date(rule, clock_start=start, calendar_=CAL, pauses=[*pauses, *extra], as_of=as_of)
    assert after >= before


@settings(max_examples=300, deadline=None)
@given(amount=st.integers(min_value=1, max_value=120), start=dates, pauses=pauses)
def test_it_never_lands_a_working_day_result_on_a_non_working_day(amount, start, pauses):
    due = engine.due_date(Rule(amount, Unit.WORKING_DAYS), clock_start=start, calendar_=CAL, pauses=pauses, as_of=start)
    assert due.weekday() < 5
    assert due not in {h.day for h in calendar.england_and_wales_bank_holidays(due.year)}


@settings(max_examples=200, deadline=None)
@given(amount=st.integers(min_value=1, max_value=120), start=dates)
def test_it_counts_exactly_the_working_days_asked_for(amount, start):
    due = engine.due_date(Rule(amount, Unit.WORKING_DAYS), clock_start=start, calendar_=CAL)
    assert CAL.working_days_between(start, due) == amount


@settings(max_examples=200, deadline=None)
@given(rule=rules, start=dates, pauses=pauses)
def test_it_lands_every_due_date_on_a_working_day(rule, start, pauses):
    assert CAL.is_working_day(engine.due_date(rule, clock_start=start, calendar_=CAL, pauses=pauses, as_of=start))
