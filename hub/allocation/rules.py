"""Allocation rules that need no database: who may take an assessment, how well
they fit, and the best allocation of a whole queue.

Plain Python (with NumPy and SciPy for the batch), so the pages, the tests and
the benchmark all ask the same questions of the same code.

Hard rules nothing overrides:
- an assessor never assesses for the local authority they are seconded from;
- an assessor never holds more than their maximum of live assessments;
- an assessor is never allocated an assessment when they are on leave on its
  deadline, or when their secondment ends before the deadline (or starts after it).

Soft preferences, weighted by `Weights` (an administrator tunes them): the
training the assessment type needs, a shared language with the family, travel
to the referring authority, continuity (an addendum goes back to the writer of
the original report), balanced workload, earliest deadlines first, and as little
leave as possible before the deadline.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

from hub.timescales.engine import short_date

PARENTASSESS = "parentassess"
CORAMBAAF_KINSHIP = "corambaaf_kinship"
# Names for the reasons shown to the manager; a skill an administrator adds is
# shown by the name the selector passes in `AssessorFacts.skill_names`.
SKILL_LABELS: dict[str, str] = {
    PARENTASSESS: "ParentAssess",
    CORAMBAAF_KINSHIP: "CoramBAAF kinship",
    "lucy_faithfull": "Lucy Faithfull protective carers",
    "theraplay": "Theraplay",
    "family_time_observation": "family time observation",
}
KINSHIP_TYPES = frozenset({"kinship_viability", "full_fostering", "special_guardianship", "joint_fostering_sgo"})
PARENTING_TYPES = frozenset({"parenting", "parenting_addendum"})
# A language nobody needs matched: the hub works in English.
NO_MATCH_NEEDED = frozenset({"", "english"})
# Urgency reaches its full weight this many days before the deadline, or after it.
URGENCY_HORIZON_DAYS = 70
# Any eligible pair scores at least this, so allocating beats leaving unallocated.
ELIGIBLE_BASE = 1.0


def skills_needed(assessment_type: str, *, learning_needs: bool) -> frozenset[str]:
    """Training the assessment type asks for: ParentAssess for a parent with learning
    needs, CoramBAAF kinship training for viability, fostering and SGO assessments."""
    if assessment_type in PARENTING_TYPES and learning_needs:
        return frozenset({PARENTASSESS})
    if assessment_type in KINSHIP_TYPES:
        return frozenset({CORAMBAAF_KINSHIP})
    return frozenset()


def normalise_language(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Weights:
    """How much each soft preference counts. An administrator tunes these."""

    training: float = 30.0
    language: float = 20.0
    travel: float = 10.0
    continuity: float = 40.0
    workload: float = 15.0
    deadline: float = 10.0
    leave: float = 10.0


@dataclass(frozen=True)
class LeavePeriod:
    starts: date
    ends: date  # inclusive
    kind: str = "leave"

    def covers(self, day: date) -> bool:
        return self.starts <= day <= self.ends

    def overlap_days(self, first: date, last: date) -> int:
        start, end = max(self.starts, first), min(self.ends, last)
        return max(0, (end - start).days + 1)


@dataclass(frozen=True)
class AssessorFacts:
    id: int
    name: str
    seconded_from_id: int
    seconded_from_name: str
    max_concurrent: int
    live_count: int
    skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()  # normalised with normalise_language
    travel_area_ids: frozenset[int] = frozenset()
    leave: tuple[LeavePeriod, ...] = ()
    secondment_starts: date | None = None
    secondment_ends: date | None = None
    skill_names: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def free_places(self) -> int:
        return max(0, self.max_concurrent - self.live_count)

    def skill_label(self, code: str) -> str:
        return self.skill_names.get(code) or SKILL_LABELS.get(code) or code.replace("_", " ")


@dataclass(frozen=True)
class AssessmentFacts:
    id: int
    reference: str
    assessment_type: str
    local_authority_id: int
    local_authority_name: str
    deadline: date
    skills_needed: frozenset[str] = frozenset()
    family_languages: frozenset[str] = frozenset()  # normalised; English left out
    original_assessor_id: int | None = None  # for an addendum: the assessor of the family's parenting assessment


@dataclass(frozen=True)
class Match:
    """One assessor measured against one assessment, with the reasons a manager reads."""

    assessor: AssessorFacts
    eligible: bool
    score: float
    reasons: tuple[str, ...]
    blockers: tuple[str, ...]


def hard_rule_breaches(assessor: AssessorFacts, assessment: AssessmentFacts, *, extra_load: int = 0) -> list[str]:
    """Why this assessor may not take this assessment; empty when they may.

    `extra_load` counts assessments already proposed to them in the same batch.
    """
    breaches = []
    if assessor.seconded_from_id == assessment.local_authority_id:
        breaches.append(f"Seconded from {assessor.seconded_from_name}: not independent of the referring authority")
    if assessor.live_count + extra_load >= assessor.max_concurrent:
        breaches.append(f"{assessor.live_count + extra_load} of {assessor.max_concurrent} cases: no free place")
    for period in assessor.leave:
        if period.covers(assessment.deadline):
            breaches.append(
                f"On {period.kind} {_span(period.starts, period.ends)}, "
                f"over the deadline {short_date(assessment.deadline)}"
            )
    if assessor.secondment_ends is not None and assessor.secondment_ends < assessment.deadline:
        breaches.append(f"Secondment ends {short_date(assessor.secondment_ends)}, before the deadline")
    if assessor.secondment_starts is not None and assessor.secondment_starts > assessment.deadline:
        breaches.append(f"Secondment starts {short_date(assessor.secondment_starts)}, after the deadline")
    return breaches


def urgency(assessment: AssessmentFacts, today: date, weights: Weights) -> float:
    """Earliest deadlines first: the nearer the deadline, the more allocating it is worth."""
    days_left = (assessment.deadline - today).days
    return weights.deadline * min(1.0, max(0.0, 1.0 - days_left / URGENCY_HORIZON_DAYS))


def workload_value(assessor: AssessorFacts, weights: Weights, *, extra_load: int = 0) -> float:
    """Balanced workload: the emptier the caseload after this allocation, the better.

    Each further case is worth less than the one before, so the batch solver fills
    everyone's first free place before anyone's second.
    """
    if assessor.max_concurrent <= 0:
        return 0.0
    return weights.workload * (1.0 - (assessor.live_count + extra_load) / assessor.max_concurrent)


def match(assessor: AssessorFacts, assessment: AssessmentFacts, weights: Weights, today: date) -> Match:
    """Score one pair and say why, in the manager's words."""
    blockers = hard_rule_breaches(assessor, assessment)
    reasons = [
        f"Seconded from {assessor.seconded_from_name}: independent",
        f"{assessor.live_count} of {assessor.max_concurrent} cases",
    ]
    score = ELIGIBLE_BASE + urgency(assessment, today, weights) + workload_value(assessor, weights)
    if assessment.skills_needed:
        held = assessment.skills_needed & assessor.skills
        score += weights.training * len(held) / len(assessment.skills_needed)
        reasons += [f"{assessor.skill_label(code)} trained" for code in sorted(held)]
        reasons += [f"Not {assessor.skill_label(code)} trained" for code in sorted(assessment.skills_needed - held)]
    if assessment.family_languages:
        shared = assessment.family_languages & assessor.languages
        if shared:
            score += weights.language
            reasons.append("Speaks " + " and ".join(name.title() for name in sorted(shared)))
        else:
            reasons.append(
                "Does not speak " + " or ".join(name.title() for name in sorted(assessment.family_languages))
            )
    if assessment.local_authority_id in assessor.travel_area_ids:
        score += weights.travel
        reasons.append(f"Travels to {assessment.local_authority_name}")
    else:
        reasons.append(f"Does not usually travel to {assessment.local_authority_name}")
    if assessment.original_assessor_id is not None and assessment.original_assessor_id == assessor.id:
        score += weights.continuity
        reasons.append("Assessor of this family's parenting assessment (continuity)")
    fraction = _leave_fraction(assessor, assessment, today)
    if fraction > 0:
        score -= weights.leave * fraction
        for period in assessor.leave:
            if period.overlap_days(today, assessment.deadline):
                reasons.append(f"On {period.kind} {_span(period.starts, period.ends)}, before the deadline")
    if blockers:
        reasons[0] = f"Seconded from {assessor.seconded_from_name}"
    return Match(
        assessor=assessor,
        eligible=not blockers,
        score=round(score, 6),
        reasons=tuple(reasons),
        blockers=tuple(blockers),
    )


def rank(
    assessors: Sequence[AssessorFacts], assessment: AssessmentFacts, weights: Weights, today: date
) -> tuple[list[Match], list[Match]]:
    """The eligible assessors best first, and the ineligible ones with why."""
    matches = [match(a, assessment, weights, today) for a in assessors]
    eligible = sorted((m for m in matches if m.eligible), key=lambda m: (-m.score, m.assessor.name, m.assessor.id))
    ineligible = sorted((m for m in matches if not m.eligible), key=lambda m: (m.assessor.name, m.assessor.id))
    return eligible, ineligible


def _leave_fraction(assessor: AssessorFacts, assessment: AssessmentFacts, today: date) -> float:
    window = (assessment.deadline - today).days + 1
    if window <= 0 or not assessor.leave:
        return 0.0
    days = sum(p.overlap_days(today, assessment.deadline) for p in assessor.leave)
    return min(1.0, days / window)


def _span(starts: date, ends: date) -> str:
    return f"{starts.day} {starts:%b} to {short_date(ends)}"


# The batch: the whole queue at once.


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


# Capacity over the coming weeks, for the workload page.


@dataclass(frozen=True)
class WeekCapacity:
    week_starting: date
    live: int
    free: int
    on_leave: bool


def capacity_by_week(
    *, max_concurrent: int, deadlines: Sequence[date], leave: Sequence[LeavePeriod], today: date, weeks: int = 6
) -> list[WeekCapacity]:
    """Free places in each of the coming weeks, assuming each live assessment ends on
    its deadline. A week wholly on leave has no free place to offer."""
    monday = today - timedelta(days=today.weekday())
    result = []
    for n in range(weeks):
        starts = max(today, monday + timedelta(weeks=n))
        week_end = monday + timedelta(weeks=n, days=4)  # Friday: the working week
        live = sum(1 for deadline in deadlines if deadline >= starts)
        working_days = [starts + timedelta(days=d) for d in range((week_end - starts).days + 1)]
        on_leave = bool(working_days) and all(any(p.covers(day) for p in leave) for day in working_days)
        free = 0 if on_leave else max(0, max_concurrent - live)
        result.append(WeekCapacity(week_starting=monday + timedelta(weeks=n), live=live, free=free, on_leave=on_leave))
    return result
