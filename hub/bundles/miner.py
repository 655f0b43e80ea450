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
at least two words that say something: "12/03/2023 Home visit." is one; a
label and its date ("Date: 12/03/2023", "Date of birth: 04/05/2015", "Dated 12
March 2023", "Printed 12/03/2023") and a bare heading are not. Each date in an
event sentence is one event (a date of birth beside a name is the birth).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from hub.bundles.dates import find_dates, period_start, precision_rank

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
_BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□➢►*]|[-\u2013\u2014](?=\s)|\(?[a-z0-9]{1,3}[.)](?=\s))\s*", re.IGNORECASE)
_STARTS_WITH_DATE = re.compile(
    r"^\s*(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?\s+\d{4})"
)
_WORD = re.compile(r"[^\W\d_][\w'\u2019./-]*")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]*[A-Z0-9£])")
_SPACE = re.compile(r"\s+")
_HEADING_MAX = 60


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
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current:
                yield " ".join(current)
                current = []
            continue
        starts_new = bool(_BULLET.match(line) or _STARTS_WITH_DATE.match(line))
        if current and (starts_new or _is_heading(current[-1], line)):
            yield " ".join(current)
            current = []
        if current and current[-1].endswith("-") and line[:1].islower() and current[-1][-2:-1].isalpha():
            current[-1] = current[-1][:-1] + line  # a word hyphenated across the line break
        else:
            current.append(line)
    if current:
        yield " ".join(current)


def _is_heading(previous: str, line: str) -> bool:
    return (
        len(previous) <= _HEADING_MAX
        and previous[-1] not in ".,;:-\u2013("
        and line[:1].isupper()
        and (previous.isupper() or previous.istitle() or len(previous.split()) <= 4)
    )


def _ends_sentence(block: str, stop: int) -> bool:
    """Whether the full stop at `stop` ends a sentence (not an abbreviation, initial or decimal)."""
    if block[stop] != ".":
        return True
    before = block[:stop]
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("(\"'\u201c\u2018[").lower()
    if not word:
        return True
    if word in ABBREVIATIONS:
        return False
    return not (len(word) == 1 and word.isalpha())  # an initial: "J. Smith"


def split_sentences(text: str) -> list[str]:
    """The sentences of one page, whitespace normalised, bullets taken off."""
    sentences = []
    for block in _blocks(text):
        block = _BULLET.sub("", _SPACE.sub(" ", block), count=1).strip()
        start = 0
        for match in _SENTENCE_END.finditer(block):
            if _ends_sentence(block, match.start()):
                piece = block[start : match.end()].strip()
                if piece:
                    sentences.append(piece)
                start = match.end()
        tail = block[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def _is_event(sentence: str, spans: list[tuple[int, int]]) -> bool:
    blanked = sentence
    for start, end in spans:
        blanked = blanked[:start] + " " * (end - start) + blanked[end:]
    words = [w.rstrip(".'\u2019-").lower() for w in _WORD.findall(blanked)]
    said = [w for w in words if len(w) >= 2 and w not in LABEL_WORDS]
    if len(said) < 2:
        return False
    # "Date of birth: 04/05/2015": a short label, a colon, and nothing after it but dates.
    label, colon, after = blanked.partition(":")
    return not (colon and len(label.split()) <= 5 and not _WORD.search(after))


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
    """Every dated event of the pages, in page and reading order."""
    events: list[MinedEvent] = []
    for number, text in pages:
        if not any(ch.isdigit() for ch in text):
            continue
        for sentence in split_sentences(text):
            events.extend(mine_sentence(number, sentence))
    return events


def mine_text(text: str) -> list[MinedEvent]:
    """A whole text: a form feed starts a new page; pages are numbered from 1."""
    return mine_pages(enumerate(text.split("\f"), start=1))
