"""The hub's calendar: working days, bank holidays, the London day and how dates are written.

Plain Python, no Django, imported by every app that counts days (timescales,
allocation, the workspace's agency letters) so that they all count them the same
way. The deadline rules built on it live in hub/timescales/engine.py.
"""

from __future__ import annotations

import bisect
import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

# Dates are shown, and a day begins and ends, in London.
LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class BankHoliday:
    day: date
    name: str


@lru_cache(maxsize=256)
def england_and_wales_bank_holidays(year: int) -> tuple[BankHoliday, ...]:
    """The bank holidays of England and Wales in a year, each on the day it is taken.

    The maintained `holidays` library knows the rules (Easter, substitute days,
    one-off holidays), so there is no list here to run out. When Christmas Day
    or Boxing Day falls at a weekend, the library lists both the weekend date
    and the substitute weekday; only the substitute is a day off work, so the
    weekend original is left out rather than shown twice.
    """
    calendar_ = holidays.country_holidays("GB", subdiv="ENG", years=year)
    taken: list[BankHoliday] = []
    for day, name in sorted(calendar_.items()):
        if day.weekday() >= 5:
            continue
        taken.append(BankHoliday(day=day, name=str(name).replace("(observed)", "(substitute day)")))
    return tuple(taken)


class WorkingCalendar:
    """Which days the hub works: Monday to Friday, less bank holidays and closures.

    Working days are kept as a sorted list of ordinals so that counting and
    adding working days are binary searches, fast enough for bulk use.
    """

    def __init__(self, closures: Iterable[date] = (), *, first_year: int = 2015, last_year: int = 2040) -> None:
        self.closures = frozenset(closures)
        self._first_year = first_year
        self._last_year = last_year
        self._build()

    def _build(self) -> None:
        off: set[date] = set(self.closures)
        for year in range(self._first_year, self._last_year + 1):
            off.update(holiday.day for holiday in england_and_wales_bank_holidays(year))
        self._off = frozenset(off)
        start = date(self._first_year, 1, 1).toordinal()
        end = date(self._last_year, 12, 31).toordinal()
        self._working = [
            n for n in range(start, end + 1) if (n - 1) % 7 < 5 and date.fromordinal(n) not in self._off
        ]  # ordinal 1 (1 January of year 1) was a Monday, so (n - 1) % 7 is the weekday.

    def _cover(self, day: date, *, ahead_years: int = 0) -> None:
        first = min(self._first_year, day.year - 1)
        last = max(self._last_year, day.year + 1 + ahead_years)
        if first != self._first_year or last != self._last_year:
            self._first_year, self._last_year = first, last
            self._build()

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.closures and not self._is_bank_holiday(day)

    def _is_bank_holiday(self, day: date) -> bool:
        self._cover(day)
        return day in self._off

    def working_days_up_to(self, day: date) -> int:
        """How many working days there are up to and including `day` (from the calendar's start)."""
        self._cover(day)
        return bisect.bisect_right(self._working, day.toordinal())

    def working_days_between(self, after: date, until: date) -> int:
        """Working days in (after, until]: after the first date, up to and including the second."""
        if until <= after:
            return -self.working_days_between(until, after) if until < after else 0
        return self.working_days_up_to(until) - self.working_days_up_to(after)

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`th working day after `start` (count >= 1), or before it if count is negative."""
        if count == 0:
            return start
        self._cover(start, ahead_years=abs(count) // 200 + 1)
        index = bisect.bisect_right(self._working, start.toordinal())
        if count > 0:
            return date.fromordinal(self._working[index + count - 1])
        # Going back: the working day `count` places before start (start itself not counted).
        before = bisect.bisect_left(self._working, start.toordinal())
        return date.fromordinal(self._working[before + count])

    def next_working_day(self, day: date) -> date:
        """`day` itself if the hub works then, otherwise the next day it does."""
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    def bank_holidays_between(self, first: date, last: date) -> list[BankHoliday]:
        return [
            holiday
            for year in range(first.year, last.year + 1)
            for holiday in england_and_wales_bank_holidays(year)
            if first <= holiday.day <= last
        ]


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the month's last day if it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def start_date(received_at: datetime) -> date:
    """The clock's day 0: the day in London on which the letter and bundle arrived.

    An instant is turned into a date in Europe/London, so a bundle received at
    00:30 in British Summer Time (23:30 UTC the day before) starts the clock on
    the London day.
    """
    if received_at.tzinfo is None:
        raise ValueError("The time of receipt must be timezone-aware")
    return received_at.astimezone(LONDON).date()


def short_date(day: date) -> str:
    """A date as the pages write it in running text: 5 Jan 2027."""
    return f"{day.day} {day:%b %Y}"
