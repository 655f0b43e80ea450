"""The court's own page numbers for a bundle, so citations say "C23" rather than "page 187 of the PDF".

Plain Python, no Django. A bundle says its numbering in one of three ways, tried in
this order:

1. the PDF's own page labels (/PageLabels), which a bundling tool writes;
2. a label printed in the page's header or footer ("C23", "Page C23", "C-23");
3. nothing on this page, but its neighbours are numbered ("C22" before, "C24" after),
   or it is a section divider or part of the index at the front.

A page with none of these is cited by its place in the file ("p. 7").
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A bundle page label on a line of its own: one to three section letters then the
# page number, optionally "Page" before it and a separator between ("C23", "Page C 23", "E-105").
_PRINTED = re.compile(r"^(?:page\s+)?([A-Z]{1,3})\s?[-/.]?\s?(\d{1,4})$", re.IGNORECASE)
_DIVIDER = re.compile(r"^section\s+([A-Z]{1,3})\b", re.IGNORECASE)
_INDEX = re.compile(r"^\s*(?:bundle\s+)?index\b", re.IGNORECASE)
_LINES_LOOKED_AT = 3


@dataclass(frozen=True)
class PageLabelSource:
    number: int  # place in the file, from 1
    text: str
    pdf_label: str | None = None  # the PDF's /PageLabels entry, if it has one


def printed_label(text: str) -> str | None:
    """The label printed in the page's first or last lines, normalised ("c 23" -> "C23")."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:_LINES_LOOKED_AT] + lines[-_LINES_LOOKED_AT:]:
        match = _PRINTED.match(line)
        if match:
            return f"{match.group(1).upper()}{int(match.group(2))}"
    return None


def _split(label: str) -> tuple[str, int] | None:
    match = re.fullmatch(r"([A-Z]{1,3})(\d{1,4})", label)
    return (match.group(1), int(match.group(2))) if match else None


def _pdf_labels_meaningful(pages: Sequence[PageLabelSource]) -> bool:
    # Some tools write /PageLabels that just count 1, 2, 3: that says nothing the file order does not.
    return any(p.pdf_label and p.pdf_label != str(p.number) for p in pages)


def court_labels(pages: Sequence[PageLabelSource]) -> list[str]:
    """One label per page, in the order given (the file's order)."""
    if pages and _pdf_labels_meaningful(pages):
        return [(p.pdf_label or f"p. {p.number}")[:40] for p in pages]
    found: list[str | None] = [printed_label(p.text) for p in pages]
    labels: list[str | None] = list(found)
    for i, page in enumerate(pages):
        if labels[i] is not None:
            continue
        previous = labels[i - 1] if i > 0 else None
        following = found[i + 1] if i + 1 < len(pages) else None
        before = _split(previous) if previous else None
        after = _split(following) if following else None
        divider = _DIVIDER.match(page.text.strip())
        if divider:
            labels[i] = f"Section {divider.group(1).upper()}"
        elif before and after and before[0] == after[0] and after[1] - before[1] == 2:
            labels[i] = f"{before[0]}{before[1] + 1}"
        elif not any(found[:i]) and _INDEX.match(page.text.strip()):
            labels[i] = "Index"
    result: list[str] = []
    index_pages = 0
    for i, label in enumerate(labels):
        if label == "Index":
            index_pages += 1
            label = f"Index {index_pages}"
        result.append(label or f"p. {pages[i].number}")
    return result


def fill_gaps(found: Sequence[str]) -> list[str]:
    """Labels read in batches, joined up: an unlabelled page between C22 and C24 is C23.

    Each batch of pages is labelled on its own while the file is read; only a page at a
    batch's edge can lack the neighbour that names it, so this needs no page text.
    """
    result = list(found)
    for i, label in enumerate(found):
        if not label.startswith("p. ") or i == 0 or i + 1 == len(found):
            continue
        before, after = _split(result[i - 1]), _split(found[i + 1])
        if before and after and before[0] == after[0] and after[1] - before[1] == 2:
            result[i] = f"{before[0]}{before[1] + 1}"
    return result
