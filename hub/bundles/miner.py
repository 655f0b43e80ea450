"""Mine dated events from court-bundle text: plain Python, no Django.

A page's text (as pypdfium2 extracts it) is cut into sentences, and each
sentence with a date in it (`hub.bundles.dates`) that says something happened
becomes one `MinedEvent` a date. These are suggestions: the assessor accepts,
edits or rejects each in the workspace chronology, so the rules stay simple and
predictable rather than clever.

Sentences. Lines broken by the PDF inside a sentence are joined again; a blank
line, a bullet, a line that starts with a date (a chronology table's row) or a
short line with no full stop followed by a capital (a heading) ends one. Full
stops after the abbreviations bundles use (Mr., Dr., No., s., para., e.g.,
approx., initials ...) do not end a sentence.

What is an event. A sentence is an event when, leaving its dates aside, it has
at least two words that say something (words that only label a date, such as
"date", "dated", "DOB", "printed", "updated", "on", "of", do not count):
"12/03/2023 Home visit." and "Child protection review conference: 30 June 2023"
are events; "Date: 12/03/2023", "Date of birth: 04/05/2015", "Dated 12 March
2023", "Printed on 12/03/2023" and a heading such as "Chronology 2023" are not.
Each date in an event sentence is one event (a date of birth beside a name is
the birth), once per sentence. A dated sentence repeated word for word three
times or more in one file is a running header or footer, kept once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from hub.bundles.dates import find_dates, might_hold_a_date, period_start, precision_rank

# Full stops after these do not end a sentence (compared lower-case, without the stop).
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "rev",
        "revd",
        "sr",
        "jr",
        "st",
        "cllr",
        "sgt",
        "pc",
        "dc",
        "ds",
        "di",
        "dci",
        "det",
        "insp",
        "supt",
        "ch",
        "no",
        "nos",
        "s",
        "ss",
        "para",
        "paras",
        "p",
        "pp",
        "ref",
        "tel",
        "fig",
        "vol",
        "art",
        "arts",
        "sch",
        "reg",
        "regs",
        "cl",
        "r",
        "e.g",
        "eg",
        "i.e",
        "ie",
        "etc",
        "approx",
        "est",
        "incl",
        "inc",
        "ltd",
        "co",
        "dept",
        "ave",
        "rd",
        "nr",
        "vs",
        "v",
        "cf",
        "viz",
        "al",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "hrs",
        "min",
        "mins",
        "wk",
        "wks",
        "yr",
        "yrs",
        "dob",
        "d.o.b",
        "a.m",
        "p.m",
        "am",
        "pm",
    ]
)
# Words that label a date rather than say what happened.
LABEL_WORDS = frozenset(
    [
        "date",
        "dated",
        "dates",
        "dob",
        "d.o.b",
        "on",
        "of",
        "the",
        "at",
        "in",
        "from",
        "to",
        "between",
        "and",
        "until",
        "till",
        "by",
        "since",
        "during",
        "week",
        "weeks",
        "commencing",
        "beginning",
        "starting",
        "w/c",
        "printed",
        "page",
        "ref",
        "no",
        "day",
        "time",
        "updated",
        "last",
        "created",
        "signed",
        "received",
        "filed",
    ]
)
# A bullet or list marker: "•", "-", "1.", "2)", "(a)", "iv)"; never "Mr." or "Dr." (a capital and a stop).
_BULLET = re.compile(
    r"^\s*(?:[\u2022\u00b7\u25aa\u25e6\u25cf\u25cb\u25a0\u25a1\u27a2\u25ba*]|[-\u2013\u2014](?=\s)"
    r"|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})\)|\d{1,3}\.(?=\s))\s*"
)
_STARTS_WITH_DATE = re.compile(
    r"^\s*(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?\s+\d{4})"
)
_WORD = re.compile(r"[^\W\d_][\w'\u2019./-]*")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]*[A-Z0-9£])")
_SPACE = re.compile(r"\s+")
_HEADING_MAX = 80
RUNNING_REPEATS = 3  # a dated sentence repeated this often is a running header or footer
_SOFT_HYPHEN_BREAK = re.compile(r"[\u00ad\ufffe\x02][ \t]*\r?\n[ \t]*")
# A line that ends with one of these runs on into the next, even one that starts with a date.
_RUNS_ON = frozenset(
    [
        "on",
        "at",
        "of",
        "from",
        "to",
        "between",
        "and",
        "until",
        "till",
        "since",
        "by",
        "dated",
        "the",
        "in",
        "during",
        "before",
        "after",
    ]
)
_ACRONYM = re.compile(r"^(?:[a-z]\.)+[a-z]$")  # d.o.b, p.c, a.m: stops inside, so the last is not an end


@dataclass(frozen=True)
class MinedEvent:
    page: int  # 1-based page number in the file (the caller maps it to the bundle's own label, e.g. "C23")
    sentence: str  # the whole sentence, whitespace normalised
    date: str  # ISO: "2023-03-12", "2020-09" or "2020"
    precision: str  # "day" | "month" | "year"
    end_date: str | None  # for ranges ("between 2 and 19 July 2020" -> "2020-07-19"), else None

    @property
    def sort_key(self) -> tuple[str, ...]:
        """Earliest day first: a month or a year sorts at its first day, after the exact days of that day."""
        return (
            period_start(self.date),
            str(precision_rank(self.precision)),
            self.end_date or "",
            f"{self.page:08d}",
            self.sentence,
        )


def _blocks(text: str) -> Iterator[str]:
    """Runs of lines that belong together: a paragraph, a bullet, a chronology row."""
    # PDFium marks a word hyphenated at the end of a line with a soft hyphen (or U+FFFE, or 0x02).
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    lines = [raw.strip() for raw in text.splitlines()]
    # A line much shorter than the page's full lines that does not end a sentence is a heading or a label.
    short = 0.7 * max((len(line) for line in lines), default=0)
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                yield " ".join(current)
                current = []
            continue
        if current:
            previous = current[-1]
            runs_on = previous.rsplit(None, 1)[-1].lower() in _RUNS_ON
            starts_new = bool(_BULLET.match(line) or _STARTS_WITH_DATE.match(line)) and not runs_on
            if starts_new or (not runs_on and _is_heading(previous, line, short)):
                yield " ".join(current)
                current = []
        if current and current[-1].endswith("-") and line[:1].islower() and current[-1][-2:-1].isalpha():
            current[-1] = current[-1][:-1] + line  # a word hyphenated across the line break
        else:
            current.append(line)
    if current:
        yield " ".join(current)


def _is_heading(previous: str, line: str, short: float) -> bool:
    """Whether `previous` stands alone (a heading, a label) rather than running on into `line`."""
    if len(previous) > _HEADING_MAX or previous[-1] in ".,;:-\u2013(" or not line[:1].isupper():
        return False
    return previous.isupper() or len(previous.split()) <= 4 or len(previous) < short


def _ends_sentence(block: str, stop: int) -> bool:
    """Whether the full stop at `stop` ends a sentence (not an abbreviation, initial or decimal)."""
    if block[stop] != ".":
        return True
    before = block[max(0, stop - 24) : stop]  # the word before the stop; abbreviations are short
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("(\"'\u201c\u2018[").lower()
    if not word:
        return True
    if word in ABBREVIATIONS or _ACRONYM.match(word):
        return False
    return not (len(word) == 1 and word.isalpha())  # an initial: "J. Smith"


def split_sentences(text: str) -> list[str]:
    """The sentences of one page, whitespace normalised, bullets taken off."""
    return list(_sentences(text, dated_only=False))


def _sentences(text: str, *, dated_only: bool) -> Iterator[str]:
    # With `dated_only`, a block or sentence that cannot hold a date is skipped.
    for block in _blocks(text):
        if dated_only and not might_hold_a_date(block):
            continue
        block = _BULLET.sub("", _SPACE.sub(" ", block), count=1).strip()
        start = 0
        for match in _SENTENCE_END.finditer(block):
            if _ends_sentence(block, match.start()):
                piece = block[start : match.end()].strip()
                if piece and (not dated_only or might_hold_a_date(piece)):
                    yield piece
                start = match.end()
        tail = block[start:].strip()
        if tail and (not dated_only or might_hold_a_date(tail)):
            yield tail


def _is_event(sentence: str, spans: list[tuple[int, int]]) -> bool:
    blanked = sentence
    for start, end in spans:
        blanked = blanked[:start] + " " * (end - start) + blanked[end:]
    words = [w.rstrip(".'\u2019-").lower() for w in _WORD.findall(blanked)]
    return sum(1 for w in words if len(w) >= 2 and w not in LABEL_WORDS) >= 2


def mine_sentence(page: int, sentence: str) -> list[MinedEvent]:
    matches = find_dates(sentence)
    if not matches or not _is_event(sentence, [(m.start, m.end) for m in matches]):
        return []
    events: list[MinedEvent] = []
    for match in matches:
        event = MinedEvent(page, sentence, match.date, match.precision, match.end_date)
        if event not in events:
            events.append(event)
    return events


def mine_pages(pages: Iterable[tuple[int, str]]) -> list[MinedEvent]:
    """Every dated event of the pages, in page and reading order.

    A sentence found word for word, with the same date, three times or more is a
    running header or footer ("Leaflet B/1 March 2010", "Statement of Ms Adeyemi
    dated 20 February 2023" at the foot of each of its pages): only its first is kept.
    """
    events: list[MinedEvent] = []
    for number, text in pages:
        if not might_hold_a_date(text):
            continue
        for sentence in _sentences(text, dated_only=True):
            events.extend(mine_sentence(number, sentence))
    seen = Counter((e.sentence, e.date, e.precision, e.end_date) for e in events)
    if max(seen.values(), default=0) < RUNNING_REPEATS:
        return events
    kept: list[MinedEvent] = []
    first: set[tuple[str, str, str, str | None]] = set()
    for event in events:
        key = (event.sentence, event.date, event.precision, event.end_date)
        if seen[key] >= RUNNING_REPEATS:
            if key in first:
                continue
            first.add(key)
        kept.append(event)
    return kept


def mine_text(text: str) -> list[MinedEvent]:
    """A whole text: a form feed starts a new page; pages are numbered from 1."""
    return mine_pages(enumerate(text.split("\f"), start=1))
