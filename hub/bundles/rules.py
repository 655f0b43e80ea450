"""Rules for bundle suggestions: when two found events are the same one, and how a citation reads.

Plain Python, no Django.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# Two sentences with the same date are one event when this much of them matches
# (after case, punctuation and spacing are set aside): a bundle often repeats the
# police log in the social work statement with a word or two changed.
SAME_EVENT_RATIO = 0.85


def normalise_sentence(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", sentence.lower()))


def same_event(a: str, b: str) -> bool:
    left, right = normalise_sentence(a), normalise_sentence(b)
    if left == right:
        return True
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    return matcher.real_quick_ratio() >= SAME_EVENT_RATIO and matcher.ratio() >= SAME_EVENT_RATIO


@dataclass(frozen=True)
class Citation:
    document: str  # the file's name as uploaded
    label: str  # the court's page label, such as C23


def citation_text(citations: list[Citation], *, limit: int = 300) -> str:
    """ "Court bundle: statement.pdf C23; police.pdf E4", cut to fit a field of `limit` characters."""
    by_document: dict[str, list[str]] = {}
    for citation in citations:
        by_document.setdefault(citation.document, []).append(citation.label)
    text = "Court bundle: " + "; ".join(f"{name} {', '.join(labels)}" for name, labels in by_document.items())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bundle_reference(citations: list[Citation]) -> str:
    """The first court page label, in the chronology's own form (C23); the source lists every citation."""
    for citation in citations:
        if re.fullmatch(r"[A-Z]{1,2}\d{1,4}", citation.label):
            return citation.label
    return ""
