"""The selection rule and the agreement statistics, checked by hand (no database)."""

import random

import pytest

from hub.caseaudit import rules, statistics
from hub.caseaudit.rules import Domain, Grade
from hub.caseaudit.statistics import DomainRecord

OUT, G, RI, INAD = Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE
ELIGIBLE = [f"341-COH-{n:04d}" for n in range(1, 21)]


def test_the_same_seed_selects_the_same_cases_whatever_order_the_list_was_typed_in():
    first = rules.select_cases(ELIGIBLE, count=3, seed=20171205)
    shuffled = list(reversed(ELIGIBLE))
    again = rules.select_cases(shuffled, count=3, seed=20171205)
    assert first == again
    assert first.chose_from == tuple(sorted(ELIGIBLE))
    assert len(set(first.selected)) == 3 and set(first.selected) <= set(ELIGIBLE)
    # Anyone can re-do it with nothing but Python's own random module.
    assert list(first.selected) == random.Random(20171205).sample(sorted(ELIGIBLE), 3)


def test_a_different_seed_gives_a_different_selection_and_says_so():
    selections = {seed: rules.select_cases(ELIGIBLE, count=3, seed=seed) for seed in range(1, 6)}
    assert len({s.selected for s in selections.values()}) > 1
    assert all(s.seed == seed for seed, s in selections.items())


def test_every_eligible_case_is_as_likely_to_be_chosen():
    counts = dict.fromkeys(ELIGIBLE, 0)
    for seed in range(4000):
        for reference in rules.select_cases(ELIGIBLE, count=3, seed=seed).selected:
            counts[reference] += 1
    # 4000 x 3 / 20 = 600 each; a fair draw stays well within 20% of that.
    assert all(480 < count < 720 for count in counts.values()), counts


def test_too_few_eligible_cases_is_refused():
    with pytest.raises(ValueError, match="2 eligible cases; 3 are needed"):
        rules.select_cases(ELIGIBLE[:2], count=3, seed=1)


def test_references_are_case_references_never_names():
    parsed = rules.parse_references("341-COH-0001\n\n341-coh-0001, 341/22/77\nLily Brackenridge\nNoah\n" + "9" * 41)
    assert parsed.references == ("341-COH-0001", "341/22/77")
    assert len(parsed.problems) == 3
    assert parsed.problems[0].startswith("Line 4:") and "never a child's name" in parsed.problems[0]
    assert parsed.problems[1].startswith("Line 5:")
    assert "40 characters" in parsed.problems[2]


def _pairs_from(matrix, categories):
    return [(categories[i], categories[j]) for i, row in enumerate(matrix) for j, n in enumerate(row) for _ in range(n)]


def test_cohens_kappa_of_a_four_grade_table_worked_by_hand():
    # Rows: the authority's grade; columns: the dip sample's. 20 domains.
    #          O  G  RI  I   row total
    matrix = [
        [2, 1, 0, 0],  # 3
        [1, 6, 1, 0],  # 8
        [0, 1, 5, 1],  # 7
        [0, 0, 0, 2],  # 2
    ]  # columns: 3, 8, 6, 3
    # Observed: (2 + 6 + 5 + 2) / 20 = 0.75.
    # Chance: (3x3 + 8x8 + 7x6 + 2x3) / 20^2 = 121/400 = 0.3025.
    # Kappa: (0.75 - 0.3025) / (1 - 0.3025) = (300 - 121) / (400 - 121) = 179/279 = 0.6416.
    pairs = _pairs_from(matrix, rules.GRADES)
    result = statistics.agreement(pairs)
    assert statistics.confusion_matrix(pairs) == matrix
    assert (result.pairs, result.agreed) == (20, 15)
    assert result.percent == pytest.approx(75.0)
    assert result.kappa == pytest.approx(179 / 279)
    assert round(result.kappa, 4) == 0.6416


def test_cohens_kappa_of_the_textbook_two_by_two_table():
    # 50 yes/no ratings: 20 both yes, 5 yes/no, 10 no/yes, 15 both no.
    # Observed 35/50 = 0.7; chance 0.5 x 0.6 + 0.5 x 0.4 = 0.5; kappa (0.7 - 0.5) / 0.5 = 0.4.
    pairs = _pairs_from([[20, 5], [10, 15]], ["yes", "no"])
    result = statistics.agreement(pairs, categories=["yes", "no"])
    assert result.percent == pytest.approx(70.0)
    assert result.kappa == pytest.approx(0.4)


def test_kappa_is_not_defined_when_everyone_gives_one_grade_or_there_are_no_pairs():
    assert statistics.agreement([(G, G)] * 5).kappa is None
    assert statistics.agreement([(G, G)] * 5).percent == 100.0
    empty = statistics.agreement([])
    assert (empty.pairs, empty.percent, empty.kappa) == (0, None, None)
    # Complete disagreement beyond chance is negative.
    assert statistics.agreement([(G, RI), (RI, G)]).kappa == pytest.approx(-1.0)


def test_collation_counts_the_moderated_grade_and_pairs_it_with_the_dip_sample():
    records = [
        DomainRecord("Halton", "876-1", Domain.PLANS, auditor_grade=G, moderated_grade=RI, dip_sample_grade=RI),
        DomainRecord("Halton", "876-1", Domain.REVIEWS, auditor_grade=G, moderated_grade=G, themes=("Drift",)),
        DomainRecord("Wirral", "344-1", Domain.PLANS, auditor_grade=INAD, dip_sample_grade=RI, themes=("Drift",)),
    ]
    collation = statistics.collate(records, themes=["Drift", "Never used"])
    assert collation.audits == 2
    assert collation.by_domain[Domain.PLANS] == {OUT: 0, G: 0, RI: 1, INAD: 1}
    assert collation.by_authority["Halton"][Domain.REVIEWS][G] == 1
    assert collation.overall == {OUT: 0, G: 1, RI: 1, INAD: 1}
    assert (collation.dip_sample.pairs, collation.dip_sample.agreed) == (2, 1)
    assert (collation.moderation.pairs, collation.moderation_changes) == (2, 1)
    assert [(t.theme, t.cases, t.authorities) for t in collation.themes] == [("Drift", 2, 2), ("Never used", 0, 0)]
