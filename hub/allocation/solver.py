"""The best allocation of a whole queue at once: the batch solver.

Kept apart from rules.py so that the rules stay plain Python while this module
brings in NumPy and SciPy. It scores pairs with the same arithmetic as
`rules.match` (a test holds the two together) and solves the assignment exactly
with SciPy's `linear_sum_assignment`, one column per free place.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

from hub.allocation.rules import (
    ELIGIBLE_BASE,
    URGENCY_HORIZON_DAYS,
    AssessmentFacts,
    AssessorFacts,
    Weights,
    workload_value,
)


@dataclass(frozen=True)
class ProposedPair:
    assessment_id: int
    assessor_id: int
    score: float


@dataclass(frozen=True)
class Proposal:
    pairs: list[ProposedPair]
    unallocated: list[int]  # assessment ids nobody eligible had a free place for
    total_score: float


# Costs for forbidden pairs: large enough that the solver allocates as many
# assessments as the hard rules allow before it looks at how well they match.
_FORBIDDEN = 1e9


def score_matrix(
    assessors: Sequence[AssessorFacts], assessments: Sequence[AssessmentFacts], weights: Weights, today: date
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Scores of every (assessment, assessor) pair before workload, and which pairs the
    hard rules allow (capacity aside: the batch counts places itself).

    The same arithmetic as `match`, vectorised: `match(a, j).score` equals
    `scores[j, a] + workload_value(a)` (a test holds the two together).
    """
    n, m = len(assessments), len(assessors)
    scores = np.full((n, m), ELIGIBLE_BASE)
    allowed = np.ones((n, m), dtype=bool)
    if n == 0 or m == 0:
        return scores, allowed
    deadline = np.array([a.deadline.toordinal() for a in assessments])
    days_left = deadline - today.toordinal()
    scores += (weights.deadline * np.clip(1.0 - days_left / URGENCY_HORIZON_DAYS, 0.0, 1.0))[:, None]

    la_index = {la: i for i, la in enumerate(sorted({a.local_authority_id for a in assessments}))}
    la = np.array([la_index[a.local_authority_id] for a in assessments])
    home = np.array([la_index.get(a.seconded_from_id, -1) for a in assessors])
    allowed &= la[:, None] != home[None, :]
    travels = np.zeros((len(la_index), m), dtype=bool)
    for col, assessor in enumerate(assessors):
        for area in assessor.travel_area_ids:
            if area in la_index:
                travels[la_index[area], col] = True
    scores += weights.travel * travels[la]

    # Skills and languages as incidence matrices: a pair's overlap is one matrix product.
    needed = _incidence([a.skills_needed for a in assessments], [a.skills for a in assessors])
    need_count = needed[0].sum(axis=1)
    held = needed[0] @ needed[1].T
    scores += weights.training * np.divide(
        held, need_count[:, None], out=np.zeros((n, m)), where=need_count[:, None] > 0
    )
    wanted, spoken = _incidence([a.family_languages for a in assessments], [a.languages for a in assessors])
    scores += weights.language * ((wanted @ spoken.T) > 0)

    column = {a.id: i for i, a in enumerate(assessors)}
    for row, assessment in enumerate(assessments):
        if assessment.original_assessor_id in column:
            scores[row, column[assessment.original_assessor_id]] += weights.continuity

    window = np.maximum(days_left + 1, 0)
    for col, assessor in enumerate(assessors):
        if assessor.secondment_ends is not None:
            allowed[:, col] &= deadline <= assessor.secondment_ends.toordinal()
        if assessor.secondment_starts is not None:
            allowed[:, col] &= deadline >= assessor.secondment_starts.toordinal()
        if not assessor.leave:
            continue
        leave_days = np.zeros(n)
        for period in assessor.leave:
            starts, ends = period.starts.toordinal(), period.ends.toordinal()
            allowed[:, col] &= ~((starts <= deadline) & (deadline <= ends))
            first = np.maximum(starts, today.toordinal())
            last = np.minimum(ends, deadline)
            leave_days += np.maximum(0, last - first + 1)
        fraction = np.divide(leave_days, window, out=np.zeros(n), where=window > 0)
        scores[:, col] -= weights.leave * np.minimum(1.0, fraction)
    return scores, allowed


def _incidence(
    wanted: Sequence[frozenset[str]], offered: Sequence[frozenset[str]]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """One column per value the rows want; 1.0 where a row wants or offers it."""
    index = {value: i for i, value in enumerate(sorted(set().union(*wanted)))}
    left = np.zeros((len(wanted), len(index)))
    right = np.zeros((len(offered), len(index)))
    for row, values in enumerate(wanted):
        left[row, [index[v] for v in values]] = 1.0
    for row, values in enumerate(offered):
        right[row, [index[v] for v in values if v in index]] = 1.0
    return left, right


def _slot_values(assessors: Sequence[AssessorFacts], weights: Weights) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Each free place as its own column: the owner, and what filling it is worth."""
    owners: list[int] = []
    values: list[float] = []
    for col, assessor in enumerate(assessors):
        for k in range(assessor.free_places):
            owners.append(col)
            values.append(workload_value(assessor, weights, extra_load=k))
    return np.array(owners, dtype=np.int64), np.array(values, dtype=np.float64)


def propose(
    assessors: Sequence[AssessorFacts], assessments: Sequence[AssessmentFacts], weights: Weights, today: date
) -> Proposal:
    """The best allocation of the whole queue, as a linear assignment problem.

    Every free place of every assessor is a column; every assessment a row. SciPy's
    `linear_sum_assignment` (a shortest augmenting path solver) finds the matching
    with the greatest total score, exactly. Forbidden pairs carry a cost so large
    that the solver first allocates as many assessments as the hard rules allow.
    """
    scores, allowed = score_matrix(assessors, assessments, weights, today)
    owners, slot_value = _slot_values(assessors, weights)
    if len(owners) == 0 or len(assessments) == 0:
        return Proposal(pairs=[], unallocated=[a.id for a in assessments], total_score=0.0)
    benefit = scores[:, owners] + slot_value[None, :]
    cost = np.where(allowed[:, owners], -benefit, _FORBIDDEN)
    rows, cols = linear_sum_assignment(cost)
    chosen: dict[int, int] = {}
    for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
        if allowed[row, owners[col]]:
            chosen[row] = int(owners[col])
    return _proposal(assessors, assessments, weights, scores, chosen)


def propose_greedy(
    assessors: Sequence[AssessorFacts], assessments: Sequence[AssessmentFacts], weights: Weights, today: date
) -> Proposal:
    """The baseline a manager might follow by hand: earliest deadline first, each to
    whoever fits it best among those with a free place."""
    scores, allowed = score_matrix(assessors, assessments, weights, today)
    load = np.array([a.live_count for a in assessors], dtype=np.float64)
    maximum = np.array([a.max_concurrent for a in assessors], dtype=np.float64)
    chosen: dict[int, int] = {}
    order = sorted(range(len(assessments)), key=lambda j: (assessments[j].deadline, assessments[j].id))
    for row in order:
        free = load < maximum
        candidates = allowed[row] & free
        if not candidates.any():
            continue
        value = scores[row] + weights.workload * (1.0 - load / np.maximum(maximum, 1))
        col = int(np.argmax(np.where(candidates, value, -np.inf)))
        chosen[row] = col
        load[col] += 1
    return _proposal(assessors, assessments, weights, scores, chosen)


def _proposal(
    assessors: Sequence[AssessorFacts],
    assessments: Sequence[AssessmentFacts],
    weights: Weights,
    scores: NDArray[np.float64],
    chosen: dict[int, int],
) -> Proposal:
    """The pairs, each scored as `match` would score it given the places filled before
    it, so the solver and the baseline are measured with the same ruler."""
    extra: dict[int, int] = {}
    pairs = []
    total = 0.0
    for row in sorted(chosen, key=lambda j: (assessments[j].deadline, assessments[j].id)):
        col = chosen[row]
        assessor = assessors[col]
        value = float(scores[row, col]) + workload_value(assessor, weights, extra_load=extra.get(col, 0))
        extra[col] = extra.get(col, 0) + 1
        pairs.append(ProposedPair(assessment_id=assessments[row].id, assessor_id=assessor.id, score=round(value, 6)))
        total += value
    unallocated = [assessments[j].id for j in range(len(assessments)) if j not in chosen]
    return Proposal(pairs=pairs, unallocated=unallocated, total_score=round(total, 6))
