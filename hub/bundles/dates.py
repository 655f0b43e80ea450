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
  `and` joins a range only after `between`: `on 2 and 19 July 2020` is two days,
  as are the days of a list (`on 1st, 3rd and 9th August 2021`). A pair of years
  in brackets is a period: `(2020-2021)`, `(2019/20)`.
- `the week of / commencing / beginning 3 May 2021` and `w/c 3 May 2021` are the
  day it starts with `end_date` six days later.
- Seasons are month ranges (the Met Office's): spring March-May, summer
  June-August, autumn September-November, winter December to February of the
  next year (`winter 2019` and `winter 2019/20` both start in December 2019).
  `early 2020`, `mid-2020` and `late 2020` are just the year. School terms are
  month ranges too: autumn term September-December, spring term January-March,
  summer term April-July; quarters `Q1 2023` are January-March.
- Holidays: `Christmas Day 2021` (and Christmas Eve, Boxing Day, New Year's Day
  and Eve) is that day; `Christmas 2021` or `the Christmas period of 2021` is
  December; `Easter 2021` is the month Easter Day fell in (April 2021).
- A year on its own is read only after a word that makes it a time: `in 2019`,
  `during 2019`, `since 2018`, `since approx. 2015`, `by 2021`, `from 2019`,
  `early 2020`, `the end of 2020`, the years listed after one (`in 2009, 2011
  and 2014`), or at the start of a chronology row (`2019 - moved to Wirral`). So
  `Children Act 1989`, `page 2019`, `£2,020`, `2023 hours`, `LV23C01234` are not.
- Numbers after a reference word (`para 12.3.20`, `s.31`, `page 12/03`, `Tel`,
  `No.`) are not dates.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta
from typing import NamedTuple

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


# Named tuples rather than frozen dataclasses: the miner makes one for every date of every page.
class DateMatch(NamedTuple):
    start: int  # span of the expression in the sentence
    end: int
    date: str  # ISO, as precise as the text: "2023-03-12", "2023-03" or "2023"
    precision: str  # "day" | "month" | "year"
    end_date: str | None = None  # the last day, month or year of a range


class _Candidate(NamedTuple):
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
    r"|(?:end|start|beginning|middle|half|part|quarter)\s+of)\s+(?:the\s+year\s+)?"
    r"(?:(?:approx\.?|approximately|about|around|roughly|circa|c\.)\s*)?(?:early|late|mid-?)?\s*"
    r"(?P<y>(?:19|20)\d\d)" + _RIGHT,
    _FLAGS,
)
# ", 2011 and 2014" after a year read by _YEAR_AFTER
_YEAR_LIST_TAIL = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?P<y>(?:19|20)\d\d)" + _RIGHT, _FLAGS)
_YEAR_ROW = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)(?=\s*[-\u2013\u2014:]\s)")
_YEAR_NOT_A_TIME = re.compile(
    r"\s*(?:hours|hrs|pounds|people|children|cases|calls|times|units|pages|words|miles|km|mg|ml|kg|minutes|mins)\b",
    _FLAGS,
)

# Ranges written as one expression.
# between 2 and 19 July 2020, from 3 to 5 May 2021, 1st-3rd June 2022
_DAY_RANGE = re.compile(
    _LEFT
    + rf"(?P<d1>{_DAY})(?P<to>{_TO})(?:the\s+)?(?P<d2>{_DAY})(?:\s+of)?[\s-]*(?P<m>{_MONTH})[,\s-]*"
    + rf"(?P<y>{_YEAR_OR_YY}){_RIGHT}",
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

# (2020-2021), (2019/20): a pair of years in brackets is a period
_BRACKET_YEARS = re.compile(r"\((?P<y1>(?:19|20)\d\d)\s*[-\u2013\u2014/]\s*(?P<y2>(?:19|20)\d\d|\d\d)\)")
# 1st, 3rd and 9th August 2021; 4, 11 and 18 July 2023; 14 and 15 November 2022
_DAY_LIST = re.compile(
    _LEFT + rf"(?P<days>{_DAY}(?:\s*,\s*{_DAY})*\s*,?\s*(?:and|&)\s*)(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})"
    rf"[,\s]*(?P<y>{_YEAR_OR_YY}){_RIGHT}",
    _FLAGS,
)
_LIST_DAY = re.compile(r"\d+")
# Q1 2023
_QUARTER = re.compile(r"\bQ(?P<q>[1-4])\s+(?P<y>(?:19|20)\d\d)" + _RIGHT, _FLAGS)
# the autumn term 2022, the spring term of 2023 (English school terms)
_TERM = re.compile(
    r"\b(?P<t>autumn|spring|summer)\s+term\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)(?:/\d\d(?:\d\d)?)?" + _RIGHT, _FLAGS
)
TERMS = {"autumn": (9, 12), "spring": (1, 3), "summer": (4, 7)}
# Christmas Day 2021, Christmas 2021, the Christmas period of 2022, Easter 2021
_HOLIDAY = re.compile(
    r"\b(?P<h>christmas\s+day|christmas\s+eve|boxing\s+day|new\s+year[\u2019']?s\s+day|new\s+year[\u2019']?s\s+eve"
    r"|christmas|easter)(?:\s+(?:period|holidays?|holiday\s+period|weekend|time))?\s+(?:of\s+)?"
    r"(?P<y>(?:19|20)\d\d)" + _RIGHT,
    _FLAGS,
)
HOLIDAY_DAYS = {"christmasday": (12, 25), "christmaseve": (12, 24), "boxingday": (12, 26)}

# Every date this module reads holds one of these: a four-digit year, a date in
# figures, an apostrophe year ('23) or a month's name before a two-digit year.
_ANCHOR = re.compile(r"(?:19|20)\d\d|\d[./-]\d\d?[./-]\d\d|'\d\d")  # starts with a digit: a fast scan
_ANCHOR_SHORT_YEAR = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s,-]+\d\d\b", _FLAGS)
_DIGIT_PAIR = re.compile(r"\d\d")
# Cheap tests of what a family of patterns needs, so most sentences skip most patterns.
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
_NUMERIC_HINT = re.compile(r"\d[./-]\d")
_JOIN = r"\s*(?:,|-|\u2013|\u2014|&|to\b|and\b|until\b|till\b|through\b)\s*(?:the\s+)?"
_DAYS_JOINED = re.compile(r"\d(?:st|nd|rd|th)?" + _JOIN + r"\d", _FLAGS)
_MONTHS_JOINED = re.compile(_MONTH + _JOIN + r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", _FLAGS)
_YEARS_JOINED = re.compile(r"(?:19|20)\d\d" + _JOIN + r"\d")
_TIME_WORDS = frozenset(
    [
        "in",
        "during",
        "since",
        "until",
        "till",
        "by",
        "from",
        "throughout",
        "before",
        "after",
        "around",
        "circa",
        "c",
        "early",
        "late",
        "mid",
        "end",
        "start",
        "beginning",
        "middle",
        "half",
        "part",
        "quarter",
        "between",
    ]
)
_PERIOD_WORDS = (
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "christmas",
    "easter",
    "boxing",
    "new year",
    "q1",
    "q2",
    "q3",
    "q4",
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


def easter_sunday(year: int) -> date:
    """Easter Day in the Gregorian calendar (the anonymous algorithm, as in Meeus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday(name: str, year: int) -> _Candidate:
    key = re.sub(r"[^a-z]", "", name.lower())
    if key in HOLIDAY_DAYS:
        return _Candidate(0, 0, date(year, *HOLIDAY_DAYS[key]), DAY)
    if key.startswith("newyear"):
        return _Candidate(0, 0, date(year, 12, 31) if key.endswith("eve") else date(year, 1, 1), DAY)
    if key == "easter":
        return _Candidate(0, 0, easter_sunday(year).replace(day=1), MONTH)
    return _Candidate(0, 0, date(year, 12, 1), MONTH)  # Christmas: the month


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
    return joined_by != "and" or bool(_before(sentence, match.start(), _BETWEEN_BEFORE))


def _before(sentence: str, position: int, pattern: re.Pattern[str], reach: int = 40) -> bool:
    """Whether the words just before `position` match `pattern` (anchored at its end): a short look back only."""
    return bool(pattern.search(sentence, max(0, position - reach), position))


def _candidates(sentence: str) -> list[_Candidate]:
    """Every reading of every date-like expression, overlapping; `_choose` keeps the longest.

    Each family of patterns runs only when the sentence holds what all of them need
    (a month's name, a four-digit year, digits with a date separator, a season or
    holiday word): most sentences of a bundle skip most patterns, which is most of
    the miner's speed.
    """
    found: list[_Candidate] = []
    lower = sentence.lower()
    has_year = _YEAR_HINT.search(sentence) is not None
    if any(stem in lower for stem in MONTHS):
        _month_candidates(sentence, found)
    if has_year:
        if _year_alone_possible(sentence):
            _year_candidates(sentence, found)
        if any(word in lower for word in _PERIOD_WORDS):
            _period_candidates(sentence, found)
    if _NUMERIC_HINT.search(sentence) is not None:
        _numeric_candidates(sentence, found)
    return found


def _year_alone_possible(sentence: str) -> bool:
    """Whether some four-digit year has a time word among the three words before it, opens a row or is bracketed.

    Most years in a bundle belong to a written or numeric date (read by other
    patterns) or to a statute, so the year patterns, each a scan of the whole
    sentence, are skipped unless one of these holds.
    """
    if sentence[:1].isdigit():
        return True
    for year in _YEAR_HINT.finditer(sentence):
        start = year.start()
        if sentence[start - 1 : start] == "(":
            return True
        words = sentence[max(0, start - 40) : start].lower().split()[-3:]
        if any(word.strip(".,;:()'\"-") in _TIME_WORDS for word in words):
            return True
    return False


def _month_candidates(sentence: str, found: list[_Candidate]) -> None:
    """Dates written with a month's name: days, ranges and lists of days, months."""
    add = found.append
    days_joined = _DAYS_JOINED.search(sentence) is not None  # what a range or list of days needs
    months_joined = _MONTHS_JOINED.search(sentence) is not None  # what a range across months needs
    for m in _DAY_RANGE.finditer(sentence) if days_joined else ():
        if not _and_allowed(sentence, m):
            continue
        year, month = _year(m["y"]), _month(m["m"])
        first, last = _make(year, month, _day(m["d1"])), _make(year, month, _day(m["d2"]))
        ok = first is not None and last is not None and last > first
        add(_Candidate(*_span(m), first if ok else None, DAY, last))
    for m in _DAY_MONTH_RANGE.finditer(sentence) if months_joined else ():
        if not _and_allowed(sentence, m):
            continue
        year, m1, m2 = _year(m["y"]), _month(m["m1"]), _month(m["m2"])
        first = _make(year - 1 if m1 > m2 else year, m1, _day(m["d1"]))
        last = _make(year, m2, _day(m["d2"]))
        ok = first is not None and last is not None and last > first
        add(_Candidate(*_span(m), first if ok else None, DAY, last))
    for m in _MONTH_RANGE.finditer(sentence) if months_joined else ():
        if not _and_allowed(sentence, m):
            continue
        year, m1, m2 = _year(m["y"]), _month(m["m1"]), _month(m["m2"])
        if m1 != m2:
            add(_Candidate(*_span(m), date(year - 1 if m1 > m2 else year, m1, 1), MONTH, date(year, m2, 1)))
    for m in _DAY_LIST.finditer(sentence) if days_joined else ():
        if _before(sentence, m.start(), _BETWEEN_BEFORE):
            continue  # "between 2 and 19 July" is a range
        year, month = _year(m["y"]), _month(m["m"])
        for day in _LIST_DAY.finditer(m["days"]):
            add(
                _Candidate(
                    m.start("days") + day.start(), m.start("days") + day.end(), _make(year, month, int(day[0])), DAY
                )
            )
        add(_Candidate(m.start("d"), m.end(), _make(year, month, _day(m["d"])), DAY))
    for pattern in (_WRITTEN, _AMERICAN):
        for m in pattern.finditer(sentence):
            add(_Candidate(*_span(m), _make(_year(m["y"]), _month(m["m"]), _day(m["d"])), DAY))
    for m in _MONTH_YEAR.finditer(sentence):
        add(_Candidate(*_span(m), date(_year(m["y"]), _month(m["m"]), 1), MONTH))


def _year_candidates(sentence: str, found: list[_Candidate]) -> None:
    """Years on their own and ranges of years."""
    add = found.append
    for m in _YEAR_RANGE.finditer(sentence) if _YEARS_JOINED.search(sentence) else ():
        if m["to"].strip().lower() == "and" and m["w"].lower() != "between":
            continue
        y1 = int(m["y1"])
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
        if y2 > y1:
            add(_Candidate(m.start("y1"), m.end(), date(y1, 1, 1), YEAR, date(y2, 1, 1)))

    for m in _BRACKET_YEARS.finditer(sentence) if "(" in sentence else ():
        y1 = int(m["y1"])
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
        if y2 > y1:
            add(_Candidate(*_span(m), date(y1, 1, 1), YEAR, date(y2, 1, 1)))
    for pattern in (_YEAR_AFTER, _YEAR_ROW) if sentence[:1].isdigit() else (_YEAR_AFTER,):
        for m in pattern.finditer(sentence):
            if _YEAR_NOT_A_TIME.match(sentence, m.end()):
                continue
            add(_Candidate(*_span(m, "y"), date(int(m["y"]), 1, 1), YEAR))
            tail = _YEAR_LIST_TAIL.match(sentence, m.end())
            while tail is not None and not _YEAR_NOT_A_TIME.match(sentence, tail.end()):
                add(_Candidate(*_span(tail, "y"), date(int(tail["y"]), 1, 1), YEAR))
                tail = _YEAR_LIST_TAIL.match(sentence, tail.end())


def _period_candidates(sentence: str, found: list[_Candidate]) -> None:
    """Quarters, school terms, holidays and seasons."""
    add = found.append
    for m in _QUARTER.finditer(sentence):
        year, quarter = int(m["y"]), int(m["q"])
        add(_Candidate(*_span(m), date(year, quarter * 3 - 2, 1), MONTH, date(year, quarter * 3, 1)))
    for m in _TERM.finditer(sentence):
        year = int(m["y"])
        first_month, last_month = TERMS[m["t"].lower()]
        add(_Candidate(*_span(m), date(year, first_month, 1), MONTH, date(year, last_month, 1)))
    for m in _HOLIDAY.finditer(sentence):
        add(_holiday(m["h"], int(m["y"]))._replace(start=m.start(), end=m.end()))
    for m in _SEASON.finditer(sentence):
        year = int(m["y"])
        first_month, last_month = SEASONS[m["s"].lower()]
        last_year = year + 1 if last_month < first_month else year
        add(_Candidate(*_span(m), date(year, first_month, 1), MONTH, date(last_year, last_month, 1)))


def _numeric_candidates(sentence: str, found: list[_Candidate]) -> None:
    """Dates in figures: 05.01.2024, 5/1/24, 2024-01-05, 03/2023."""
    add = found.append
    for pattern in (_NUMERIC, _ISO):
        for m in pattern.finditer(sentence):
            if _before(sentence, m.start(), _REFERENCE_BEFORE):
                continue
            add(_Candidate(*_span(m), _make(_year(m["y"]), int(m["m"]), int(m["d"])), DAY))
    for m in _NUMERIC_MONTH.finditer(sentence) if "/" in sentence else ():
        if not _before(sentence, m.start(), _REFERENCE_BEFORE):
            add(_Candidate(*_span(m), date(int(m["y"]), int(m["m"]), 1), MONTH))


def _choose(found: list[_Candidate]) -> list[_Candidate]:
    """The longest expressions win; an impossible date still blocks the shorter ones inside it."""
    starts: list[int] = []  # the chosen spans, kept in order, so each check is a bisection
    chosen: list[_Candidate] = []
    for candidate in sorted(found, key=lambda c: (c.start - c.end, c.start)):
        index = bisect.bisect_right(starts, candidate.start)
        if index and chosen[index - 1].end > candidate.start:
            continue  # overlaps the chosen span that starts at or before it
        if index < len(chosen) and chosen[index].start < candidate.end:
            continue  # overlaps the chosen span that starts after it
        starts.insert(index, candidate.start)
        chosen.insert(index, candidate)
    return [c for c in chosen if c.first is not None]


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
                and (gap.strip().lower() != "and" or _before(sentence, previous.start, _BETWEEN_BEFORE))
            ):
                joined[-1] = previous._replace(end=candidate.end, last=candidate.first)
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
    if not might_hold_a_date(sentence):
        return []
    result = []
    for candidate in _join_ranges(sentence, _choose(_candidates(sentence))):
        assert candidate.first is not None
        last = candidate.last
        if last is None and candidate.precision == DAY and _before(sentence, candidate.start, _WEEK_BEFORE):
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


def might_hold_a_date(text: str) -> bool:
    """A quick test: False means `find_dates` would find nothing in `text` (True may still find nothing)."""
    if _ANCHOR.search(text) is not None:
        return True
    # "12 Mar 23": rare, and a slower scan, so only when the fast one found nothing.
    return _DIGIT_PAIR.search(text) is not None and _ANCHOR_SHORT_YEAR.search(text) is not None


def period_start(iso: str) -> str:
    """The first day of an ISO day, month or year: what sorts a partial date among exact ones."""
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]


def precision_rank(precision: str) -> int:
    return _PRECISION_RANK[precision]
