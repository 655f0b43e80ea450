"""The case-file audit's fixed words and its fair selection of cases.

Plain Python with no Django import: the models, forms, collation and tests all
take the nine domains, the four grades and the selection rule from here.

The domains are the North West region's (its whole-region audit of care orders
at home, 004); the grades are Ofsted's four.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from enum import StrEnum


class Domain(StrEnum):
    RESPONSE_TO_RISK = "response_to_risk"
    CHILD_CENTRED = "child_centred"
    MANAGEMENT_OVERSIGHT = "management_oversight"
    ASSESSMENTS = "assessments"
    COORDINATION = "coordination"
    PLANS = "plans"
    REVIEWS = "reviews"
    PLACEMENT = "placement"
    IMPACT = "impact"

    @property
    def label(self) -> str:
        return DOMAIN_LABELS[self]

    @property
    def noun(self) -> str:
        """The domain inside a sentence: "Choose a grade for child-centred work"."""
        return DOMAIN_NOUNS[self]


DOMAIN_LABELS: dict[Domain, str] = {
    Domain.RESPONSE_TO_RISK: "Response to risk",
    Domain.CHILD_CENTRED: "Is the work child-centred?",
    Domain.MANAGEMENT_OVERSIGHT: "Management oversight and decision making",
    Domain.ASSESSMENTS: "Assessments",
    Domain.COORDINATION: "Co-ordination of agencies",
    Domain.PLANS: "Plans",
    Domain.REVIEWS: "Effectiveness of reviews",
    Domain.PLACEMENT: "Quality of placement",
    Domain.IMPACT: "Impact on children and young people",
}
DOMAIN_NOUNS: dict[Domain, str] = {
    Domain.RESPONSE_TO_RISK: "response to risk",
    Domain.CHILD_CENTRED: "child-centred work",
    Domain.MANAGEMENT_OVERSIGHT: "management oversight and decision making",
    Domain.ASSESSMENTS: "assessments",
    Domain.COORDINATION: "co-ordination of agencies",
    Domain.PLANS: "plans",
    Domain.REVIEWS: "effectiveness of reviews",
    Domain.PLACEMENT: "quality of placement",
    Domain.IMPACT: "impact on children and young people",
}
DOMAINS: tuple[Domain, ...] = tuple(Domain)


class Grade(StrEnum):
    """Best first: the order tables and charts print them in."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"

    @property
    def label(self) -> str:
        return GRADE_LABELS[self]


GRADE_LABELS: dict[Grade, str] = {
    Grade.OUTSTANDING: "Outstanding",
    Grade.GOOD: "Good",
    Grade.REQUIRES_IMPROVEMENT: "Requires improvement",
    Grade.INADEQUATE: "Inadequate",
}
GRADES: tuple[Grade, ...] = tuple(Grade)


# --- Case references ------------------------------------------------------------------

REFERENCE_MAX_LENGTH = 40
# A case system's reference: letters, digits and - _ . / and at least one digit.
# The digit is what keeps a child's name out: a name has none.
_REFERENCE = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9/_.\-]*$")


@dataclass(frozen=True)
class ParsedReferences:
    references: tuple[str, ...]
    problems: tuple[str, ...]


def parse_references(text: str) -> ParsedReferences:
    """The eligible cases typed one a line (or separated by commas), each checked.

    Blank lines are ignored, repeats are counted once, and each problem names the line.
    """
    seen: dict[str, None] = {}
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for part in line.split(","):
            reference = part.strip()
            if not reference:
                continue
            if len(reference) > REFERENCE_MAX_LENGTH:
                problems.append(f"Line {number}: a reference must be {REFERENCE_MAX_LENGTH} characters or fewer")
            elif not _REFERENCE.match(reference):
                problems.append(
                    f"Line {number}: “{reference[:20]}” is not a case reference: use your case system's reference "
                    "(letters, numbers and - _ . / with at least one number), never a child's name"
                )
            else:
                seen.setdefault(reference.upper(), None)
    return ParsedReferences(references=tuple(seen), problems=tuple(problems))


# --- Fair selection -------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """A random choice anyone can re-do: the seed, the list it chose from (in the order
    it was put in) and what it chose."""

    seed: int
    chose_from: tuple[str, ...]
    selected: tuple[str, ...]


def select_cases(references: list[str] | tuple[str, ...], *, count: int, seed: int) -> Selection:
    """Choose `count` of the eligible cases at random, reproducibly.

    The references are sorted first so the choice depends only on the list and
    the seed, not on the order someone typed them in; random.Random(seed).sample
    then gives the same cases for the same seed on any machine and any Python 3.
    """
    if count < 1:
        raise ValueError("Select at least one case")
    chose_from = tuple(sorted(set(references)))
    if len(chose_from) < count:
        raise ValueError(f"There are {len(chose_from)} eligible cases; {count} are needed")
    chosen = random.Random(seed).sample(chose_from, count)  # noqa: S311  fairness, not secrecy: the seed is published
    return Selection(seed=seed, chose_from=chose_from, selected=tuple(chosen))
