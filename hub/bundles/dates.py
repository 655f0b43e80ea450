"""Find UK (day-first) date expressions in a sentence: plain Python, no Django.

A court bundle is read by regular expressions written for the ways English
courts, police, schools, health and social workers write dates, not by a
general-purpose date library: the same text always gives the same dates, and a
reader can tell from this page why a string was or was not read as one.

`find_dates(sentence)` returns each date expression's span in the sentence, its
ISO value (`2023-03-12`, `2020-09` or `2020`), its precision (`day`, `month` or
`year`) and, for a range, the ISO value of its end. The rules:

- Day first, always: `05.01.2024`, `5/1/24` and `05-01-2024` are 5 January 2024.
  ISO `2024-01-05` is read too. A two-digit year is 2000-2049 for 00-49 and
  1950-1999 for 50-99 (fixed, so it does not move with the day it runs).
- Written dates: `12 March 2023`, `12th March 2023`, `the 12th of March, 2023`,
  `12-Mar-2023`, `12 Mar 23`, `March 12, 2023`; months `March 2023`, `Sept 2020`,
  `03/2023`. A day and month with no year (`on 12 March`) is not read: the miner
  would have to guess the year.
- Impossible dates (`31/02/2020`, `30 February 2021`) are not dates, and no part
  of them is read as a shorter date.
- Ranges keep the precision of their start and give `end_date`: `between 2 and
  19 July 2020`, `from 3 to 5 May 2021`, `1st-3rd June 2022`, `28 December 2020
  to 3 January 2021`, `between March and May 2021`, `from 2019 to 2021`.
  `and` joins a range only after `between`: `on 2 and 19 July 2020` is two days.
- `the week of / commencing / beginning 3 May 2021` and `w/c 3 May 2021` are the
  day it starts with `end_date` six days later.
- Seasons are month ranges (the Met Office's): spring March-May, summer
  June-August, autumn September-November, winter December to February of the
  next year (`winter 2019` and `winter 2019/20` both start in December 2019).
  `early 2020`, `mid-2020` and `late 2020` are just the year.
- A year on its own is read only after a word that makes it a time: `in 2019`,
  `during 2019`, `since 2018`, `by 2021`, `from 2019`, `early 2020`, `the end of
  2020`, or at the start of a chronology row (`2019 - moved to Wirral`). So
  `Children Act 1989`, `page 2019`, `£2,020`, `2023 hours`, `LV23C01234` are not.
- Numbers after a reference word (`para 12.3.20`, `s.31`, `page 12/03`, `Tel`,
  `No.`) are not dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

DAY = "day"
MONTH = "month"
YEAR = "year"
_PRECISION_RANK = {DAY: 0, MONTH: 1, YEAR: 2}

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


@dataclass(frozen=True)
class DateMatch:
    start: int  # span of the expression in the sentence
    end: int
    date: str  # ISO, as precise as the text: "2023-03-12", "2023-03" or "2023"
    precision: str  # "day" | "month" | "year"
    end_date: str | None = None  # the last day, month or year of a range


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    first: date | None  # None: looked like a date but is impossible (31/02/2020)
    precision: str
    last: date | None = None


# --- building blocks -------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
_ORD = r"(?:st|nd|rd|th)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])" + _ORD
_YEAR = r"(?:(?:19|20)\d\d|'\d\d)(?!\d)"
_YEAR_OR_YY = r"(?:(?:19|20)\d\d|'?\d\d)(?!\d)"
_TO = r"\s*(?:-|\u2013|\u2014|to|and|until|till|through)\s*"
_LEFT = r"(?<![\w£$€/.,-])"  # not inside a longer word, number or amount
_RIGHT = r"(?![\w/%]|[.,-]\d)"

_FLAGS = re.IGNORECASE

# 12 March 2023, the 12th of March, 2023, 12-Mar-2023, 12 Mar 23
_WRITTEN = re.compile(
    _LEFT + rf"(?P<d>{_DAY})(?:\s+of)?[\s-]*(?P<m>{_MONTH})[,\s-]*(?P<y>{_YEAR_OR_YY}){_RIGHT}", _FLAGS
)
# March 12, 2023 / March 12th 2023 (a four-digit year, so "March 2023" is never day 20)
_AMERICAN = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<d>(?:[12]\d|3[01]|0?[1-9]){_ORD}),?\s+(?P<y>(?:19|20)\d\d){_RIGHT}", _FLAGS
)
# 05.01.2024, 5/1/24, 05-01-2024 (the same separator twice)
_NUMERIC = re.compile(_LEFT + r"(?P<d>\d{1,2})(?P<s>[./-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})" + _RIGHT)
_ISO = re.compile(_LEFT + r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)" + _RIGHT)
# March 2023, Sept. 2020, March '23
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR}){_RIGHT}", _FLAGS)
# 03/2023
_NUMERIC_MONTH = re.compile(_LEFT + r"(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)" + _RIGHT)
# spring 2019, the summer of 2019, winter 2019/20
_SEASON = re.compile(
    rf"\b(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)(?:/\d\d(?:\d\d)?)?{_RIGHT}", _FLAGS
)
# a year alone, only after a word that makes it a time
_YEAR_AFTER = re.compile(
    r"\b(?:in|during|since|until|till|by|from|throughout|before|after|around|circa|c\.|early|late|mid-?"
    r"|end\s+of|start\s+of|beginning\s+of|middle\s+of|year|years)\s+(?:the\s+year\s+)?(?:early|late|mid-?)?\s*"
    r"(?P<y>(?:19|20)\d\d)" + _RIGHT,
    _FLAGS,
)
_YEAR_ROW = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)(?=\s*[-\u2013\u2014:]\s)")
_YEAR_NOT_A_TIME = re.compile(
    r"\s*(?:hours|hrs|pounds|people|children|cases|calls|times|units|pages|words|miles|km|mg|ml|kg|minutes|mins)\b",
    _FLAGS,
)

# Ranges written as one expression.
# between 2 and 19 July 2020, from 3 to 5 May 2021, 1st-3rd June 2022
_DAY_RANGE = re.compile(
    _LEFT
    + rf"(?P<d1>{_DAY})(?P<to>{_TO})(?P<d2>{_DAY})(?:\s+of)?[\s-]*(?P<m>{_MONTH})[,\s-]*(?P<y>{_YEAR_OR_YY}){_RIGHT}",
    _FLAGS,
)
# 28 December to 3 January 2021
_DAY_MONTH_RANGE = re.compile(
    _LEFT + rf"(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{_MONTH})(?P<to>{_TO})(?P<d2>{_DAY})(?:\s+of)?\s+(?P<m2>{_MONTH})"
    rf"[,\s]*(?P<y>{_YEAR_OR_YY}){_RIGHT}",
    _FLAGS,
)
# between March and May 2021, March-May 2021
_MONTH_RANGE = re.compile(rf"\b(?P<m1>{_MONTH})(?P<to>{_TO})(?P<m2>{_MONTH}),?\s+(?P<y>{_YEAR}){_RIGHT}", _FLAGS)
# between 2019 and 2021, from 2019 to 2021, in 2019-21
_YEAR_RANGE = re.compile(
    r"\b(?P<w>between|from|in|during)\s+(?P<y1>(?:19|20)\d\d)(?P<to>\s*(?:-|\u2013|\u2014|to|and|until)\s*)"
    r"(?P<y2>(?:19|20)\d\d|\d\d)" + _RIGHT,
    _FLAGS,
)

# Numbers after these are references, not dates.
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:paras?|paragraphs?|sections?|ss?|pages?|pp?|tel|telephone|phone|mobile|no|number|ref|case|version|v|"
    r"room|flat|bundle|tab|exhibit|clause|rule|regulation|reg|art|article|sch|schedule)\.?|[§#£$€])\s*$",
    _FLAGS,
)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?$", _FLAGS)
_WEEK_BEFORE = re.compile(
    r"(?:\bweek\s+(?:of|commencing|beginning|starting)(?:\s+on)?|\bw/c|\bw\.c\.)\s*(?:the\s+)?$", _FLAGS
)
_JOINER = re.compile(r"^\s*(?:-|\u2013|\u2014|to|and|until|till|through)\s*(?:the\s+)?$", _FLAGS)


def _year(text: str) -> int:
    digits = text.lstrip("'")
    value = int(digits)
    if len(digits) == 2:
        return 2000 + value if value < 50 else 1900 + value
    return value


def _month(text: str) -> int:
    return MONTHS[text[:3].lower()]


def _day(text: str) -> int:
    return int(text.rstrip("stndrhSTNDRH"))


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _span(match: re.Match[str], group: int | str = 0) -> tuple[int, int]:
    return match.start(group), match.end(group)


def _and_allowed(sentence: str, match: re.Match[str]) -> bool:
    """`2 and 19 July` is a range only after `between`; otherwise it is two days."""
    joined_by = match.group("to").strip().lower()
    return joined_by != "and" or bool(_BETWEEN_BEFORE.search(sentence, 0, match.start()))


def _candidates(sentence: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    add = found.append

    for m in _DAY_RANGE.finditer(sentence):
        if not _and_allowed(sentence, m):
            continue
        year, month = _year(m["y"]), _month(m["m"])
        first, last = _make(year, month, _day(m["d1"])), _make(year, month, _day(m["d2"]))
        ok = first is not None and last is not None and last > first
        add(_Candidate(*_span(m), first if ok else None, DAY, last))
    for m in _DAY_MONTH_RANGE.finditer(sentence):
        if not _and_allowed(sentence, m):
            continue
        year, m1, m2 = _year(m["y"]), _month(m["m1"]), _month(m["m2"])
        first = _make(year - 1 if m1 > m2 else year, m1, _day(m["d1"]))
        last = _make(year, m2, _day(m["d2"]))
        ok = first is not None and last is not None and last > first
        add(_Candidate(*_span(m), first if ok else None, DAY, last))
    for m in _MONTH_RANGE.finditer(sentence):
        if not _and_allowed(sentence, m):
            continue
        year, m1, m2 = _year(m["y"]), _month(m["m1"]), _month(m["m2"])
        if m1 != m2:
            add(_Candidate(*_span(m), date(year - 1 if m1 > m2 else year, m1, 1), MONTH, date(year, m2, 1)))
    for m in _YEAR_RANGE.finditer(sentence):
        if m["to"].strip().lower() == "and" and m["w"].lower() != "between":
            continue
        y1 = int(m["y1"])
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
        if y2 > y1:
            add(_Candidate(m.start("y1"), m.end(), date(y1, 1, 1), YEAR, date(y2, 1, 1)))

    for pattern in (_WRITTEN, _AMERICAN):
        for m in pattern.finditer(sentence):
            add(_Candidate(*_span(m), _make(_year(m["y"]), _month(m["m"]), _day(m["d"])), DAY))
    for pattern in (_NUMERIC, _ISO):
        for m in pattern.finditer(sentence):
            if _REFERENCE_BEFORE.search(sentence, 0, m.start()):
                continue
            add(_Candidate(*_span(m), _make(_year(m["y"]), int(m["m"]), int(m["d"])), DAY))
    for m in _MONTH_YEAR.finditer(sentence):
        add(_Candidate(*_span(m), date(_year(m["y"]), _month(m["m"]), 1), MONTH))
    for m in _NUMERIC_MONTH.finditer(sentence):
        if not _REFERENCE_BEFORE.search(sentence, 0, m.start()):
            add(_Candidate(*_span(m), date(int(m["y"]), int(m["m"]), 1), MONTH))
    for m in _SEASON.finditer(sentence):
        year = int(m["y"])
        first_month, last_month = SEASONS[m["s"].lower()]
        last_year = year + 1 if last_month < first_month else year
        add(_Candidate(*_span(m), date(year, first_month, 1), MONTH, date(last_year, last_month, 1)))
    for pattern in (_YEAR_AFTER, _YEAR_ROW):
        for m in pattern.finditer(sentence):
            if _YEAR_NOT_A_TIME.match(sentence, m.end()):
                continue
            add(_Candidate(*_span(m, "y"), date(int(m["y"]), 1, 1), YEAR))
    return found


def _choose(found: list[_Candidate]) -> list[_Candidate]:
    """The longest expressions win; an impossible date still blocks the shorter ones inside it."""
    chosen: list[_Candidate] = []
    for candidate in sorted(found, key=lambda c: (c.start - c.end, c.start)):
        if all(candidate.end <= other.start or candidate.start >= other.end for other in chosen):
            chosen.append(candidate)
    return sorted((c for c in chosen if c.first is not None), key=lambda c: c.start)


def _join_ranges(sentence: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """`12 March 2023 to 14 April 2023`, `between 03/2021 and 05/2021`: two dates of one precision become a range."""
    joined: list[_Candidate] = []
    for candidate in chosen:
        if joined:
            previous = joined[-1]
            gap = sentence[previous.end : candidate.start]
            if (
                previous.last is None
                and candidate.last is None
                and previous.precision == candidate.precision
                and _JOINER.match(gap)
                and candidate.first is not None
                and previous.first is not None
                and candidate.first > previous.first
                and (gap.strip().lower() != "and" or _BETWEEN_BEFORE.search(sentence, 0, previous.start))
            ):
                joined[-1] = replace(previous, end=candidate.end, last=candidate.first)
                continue
        joined.append(candidate)
    return joined


def _iso(value: date, precision: str) -> str:
    if precision == DAY:
        return value.isoformat()
    if precision == MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}"


def find_dates(sentence: str) -> list[DateMatch]:
    """Every date expression in `sentence`, left to right."""
    if not any(ch.isdigit() for ch in sentence):
        return []  # every date this module reads has a year, so a digit
    result = []
    for candidate in _join_ranges(sentence, _choose(_candidates(sentence))):
        assert candidate.first is not None
        last = candidate.last
        if last is None and candidate.precision == DAY and _WEEK_BEFORE.search(sentence, 0, candidate.start):
            last = candidate.first + timedelta(days=6)
        result.append(
            DateMatch(
                start=candidate.start,
                end=candidate.end,
                date=_iso(candidate.first, candidate.precision),
                precision=candidate.precision,
                end_date=_iso(last, candidate.precision) if last is not None else None,
            )
        )
    return result


def period_start(iso: str) -> str:
    """The first day of an ISO day, month or year: what sorts a partial date among exact ones."""
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]


def precision_rank(precision: str) -> int:
    return _PRECISION_RANK[precision]
