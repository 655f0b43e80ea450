"""Collating a case-file audit: grades by domain and authority, and how far auditors agree.

Plain Python with no Django import: the results page, the Word, PDF, CSV and
Excel exports and the tests all collate the same records the same way.

Agreement is between two people grading the same case and domain: the
authority's auditor (after moderation) and the dip-sample auditor from another
organisation; or the auditor and the moderator. It is given as the share of
pairs graded the same, and as Cohen's kappa, which discounts the agreement two
people would reach by chance given how often each uses each grade:

    kappa = (p_o - p_e) / (1 - p_e)

where p_o is the share of pairs that agree and p_e is the sum, over the grades,
of the product of the two auditors' shares of that grade. Kappa is 1 for
complete agreement, 0 for no more than chance, and is not defined when both
auditors gave every case the same one grade (p_e = 1).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hub.caseaudit.rules import DOMAINS, GRADES, Domain, Grade

# --- Agreement ------------------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    pairs: int
    agreed: int
    # None when there are no pairs.
    percent: float | None
    # None when there are no pairs, or chance agreement is already complete.
    kappa: float | None


def confusion_matrix(pairs: Iterable[tuple[str, str]], categories: Sequence[str] = GRADES) -> list[list[int]]:
    """Rows are the first auditor's grade, columns the second's, in the order of `categories`."""
    index = {category: position for position, category in enumerate(categories)}
    matrix = [[0] * len(categories) for _ in categories]
    for first, second in pairs:
        matrix[index[first]][index[second]] += 1
    return matrix


def kappa_from_matrix(matrix: Sequence[Sequence[int]]) -> float | None:
    """Cohen's kappa for a square confusion matrix."""
    total = sum(sum(row) for row in matrix)
    if total == 0:
        return None
    observed = sum(matrix[i][i] for i in range(len(matrix))) / total
    rows = [sum(row) / total for row in matrix]
    columns = [sum(row[j] for row in matrix) / total for j in range(len(matrix))]
    chance = sum(r * c for r, c in zip(rows, columns, strict=True))
    if chance >= 1.0:
        return None
    return (observed - chance) / (1.0 - chance)


def agreement(pairs: Iterable[tuple[str, str]], categories: Sequence[str] = GRADES) -> Agreement:
    """Per cent agreement and Cohen's kappa for pairs of grades."""
    pairs = list(pairs)
    agreed = sum(1 for first, second in pairs if first == second)
    matrix = confusion_matrix(pairs, categories)
    return Agreement(
        pairs=len(pairs),
        agreed=agreed,
        percent=100.0 * agreed / len(pairs) if pairs else None,
        kappa=kappa_from_matrix(matrix),
    )


# --- Collation ------------------------------------------------------------------------


@dataclass(frozen=True)
class DomainRecord:
    """One domain of one audited case: the grades each person gave it, and the themes tagged."""

    authority: str
    case_reference: str
    domain: Domain
    auditor_grade: Grade
    # The moderator's grade (the same as the auditor's when they agreed); None until moderated.
    moderated_grade: Grade | None = None
    # The dip-sample auditor's grade; None when the case was not dip-sampled, or not yet.
    dip_sample_grade: Grade | None = None
    themes: tuple[str, ...] = ()

    @property
    def final_grade(self) -> Grade:
        """The grade the region counts: the moderated one when there is one."""
        return self.moderated_grade or self.auditor_grade


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    mentions: int
    cases: int
    authorities: int


@dataclass
class Collation:
    audits: int
    authorities: tuple[str, ...]
    # domain -> grade -> count of final grades.
    by_domain: dict[Domain, dict[Grade, int]]
    # authority -> domain -> grade -> count.
    by_authority: dict[str, dict[Domain, dict[Grade, int]]]
    # The totals of all domains, grade by grade.
    overall: dict[Grade, int]
    dip_sample: Agreement
    dip_sample_by_domain: dict[Domain, Agreement]
    moderation: Agreement
    moderation_changes: int
    themes: list[ThemeCount] = field(default_factory=list)


def _empty_grades() -> dict[Grade, int]:
    return dict.fromkeys(GRADES, 0)


def collate(records: Iterable[DomainRecord], *, themes: Sequence[str] = ()) -> Collation:
    """Count the final grades by domain and by authority, the agreement between auditors,
    and how often each theme was tagged; `themes` lists every theme the lead defined,
    so one never tagged still shows, with nought."""
    records = list(records)
    by_domain = {domain: _empty_grades() for domain in DOMAINS}
    by_authority: dict[str, dict[Domain, dict[Grade, int]]] = {}
    overall = _empty_grades()
    dip_pairs: list[tuple[str, str]] = []
    dip_by_domain: dict[Domain, list[tuple[str, str]]] = defaultdict(list)
    moderation_pairs: list[tuple[str, str]] = []
    theme_mentions: Counter[str] = Counter()
    theme_cases: dict[str, set[tuple[str, str]]] = defaultdict(set)
    theme_authorities: dict[str, set[str]] = defaultdict(set)
    cases: set[tuple[str, str]] = set()
    for record in records:
        grade = record.final_grade
        cases.add((record.authority, record.case_reference))
        by_domain[record.domain][grade] += 1
        overall[grade] += 1
        authority = by_authority.setdefault(record.authority, {domain: _empty_grades() for domain in DOMAINS})
        authority[record.domain][grade] += 1
        if record.dip_sample_grade is not None:
            dip_pairs.append((grade, record.dip_sample_grade))
            dip_by_domain[record.domain].append((grade, record.dip_sample_grade))
        if record.moderated_grade is not None:
            moderation_pairs.append((record.auditor_grade, record.moderated_grade))
        for theme in record.themes:
            theme_mentions[theme] += 1
            theme_cases[theme].add((record.authority, record.case_reference))
            theme_authorities[theme].add(record.authority)
    all_themes = list(dict.fromkeys([*themes, *theme_mentions]))
    theme_counts = sorted(
        (
            ThemeCount(
                theme=theme,
                mentions=theme_mentions[theme],
                cases=len(theme_cases[theme]),
                authorities=len(theme_authorities[theme]),
            )
            for theme in all_themes
        ),
        key=lambda count: (-count.cases, -count.mentions, count.theme),
    )
    moderation = agreement(moderation_pairs)
    return Collation(
        audits=len(cases),
        authorities=tuple(sorted(by_authority)),
        by_domain=by_domain,
        by_authority=dict(sorted(by_authority.items())),
        overall=overall,
        dip_sample=agreement(dip_pairs),
        dip_sample_by_domain={domain: agreement(dip_by_domain[domain]) for domain in DOMAINS},
        moderation=moderation,
        moderation_changes=moderation.pairs - moderation.agreed,
        themes=theme_counts,
    )
