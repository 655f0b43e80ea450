"""The batch allocation solver at scale: 5,000 unallocated assessments, 1,000 assessors.

    .venv/bin/python -m bench.allocation_solver
    .venv/bin/python -m bench.allocation_solver --assessments 500 --assessors 100 --seed 7

Times `solver.propose` (the score matrix, then SciPy's `linear_sum_assignment` over
every free place) and, in the same run on the same pool and queue, the baseline a
manager would follow by hand (`solver.propose_greedy`: earliest deadline first, each
to whoever fits best among those with a free place). Both are scored with the same
ruler (`rules.match` arithmetic). Pure Python and NumPy: no database is involved.
Invented data only, deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta

from hub.allocation import rules, solver
from hub.allocation.rules import AssessmentFacts, AssessorFacts, LeavePeriod, Weights
from hub.core.calendar import WorkingCalendar
from hub.timescales import seeds

# England and Wales bank holidays, built once for the whole queue.
CALENDAR = WorkingCalendar()

AUTHORITIES = [
    "Cheshire East",
    "Cheshire West and Chester",
    "Halton",
    "Knowsley",
    "Liverpool",
    "St Helens",
    "Sefton",
    "Wirral",
    "Warrington",
]
SKILLS = ["parentassess", "corambaaf_kinship", "lucy_faithfull", "theraplay", "family_time_observation"]
LANGUAGES = ["polish", "urdu", "romanian", "arabic", "punjabi", "lithuanian", "kurdish", "welsh"]
TYPES = [
    ("parenting", 45),
    ("parenting_addendum", 10),
    ("kinship_viability", 20),
    ("full_fostering", 10),
    ("special_guardianship", 10),
    ("joint_fostering_sgo", 5),
]
TODAY = date(2026, 11, 25)


def pool(count: int, rng: random.Random) -> list[AssessorFacts]:
    result = []
    for i in range(1, count + 1):
        home = rng.randrange(len(AUTHORITIES))
        maximum = 2 if rng.random() < 0.15 else 3  # part-time assessors hold fewer
        travel = {home, *rng.sample(range(len(AUTHORITIES)), rng.randint(1, 4))}
        leave: tuple[LeavePeriod, ...] = ()
        if rng.random() < 0.2:
            starts = TODAY + timedelta(days=rng.randint(0, 80))
            leave = (LeavePeriod(starts, starts + timedelta(days=rng.randint(4, 20))),)
        ends = TODAY + timedelta(days=rng.randint(20, 90)) if rng.random() < 0.05 else None
        result.append(
            AssessorFacts(
                id=i,
                name=f"Assessor {i}",
                seconded_from_id=home,
                seconded_from_name=AUTHORITIES[home],
                max_concurrent=maximum,
                live_count=rng.randint(0, maximum - 1),
                skills=frozenset(s for s in SKILLS if rng.random() < (0.35 if s in SKILLS[:2] else 0.1)),
                languages=frozenset(lang for lang in LANGUAGES if rng.random() < 0.04),
                travel_area_ids=frozenset(travel),
                leave=leave,
                secondment_ends=ends,
            )
        )
    return result


def queue(count: int, assessors: int, rng: random.Random) -> list[AssessmentFacts]:
    kinds, weights = zip(*TYPES, strict=True)
    result = []
    for j in range(1, count + 1):
        kind = rng.choices(kinds, weights)[0]
        la = rng.randrange(len(AUTHORITIES))
        received = TODAY - timedelta(days=rng.randint(0, 10))
        languages = frozenset(rng.sample(LANGUAGES, 1)) if rng.random() < 0.15 else frozenset()
        result.append(
            AssessmentFacts(
                id=j,
                reference=f"HUB-2026-{j:05d}",
                assessment_type=kind,
                local_authority_id=la,
                local_authority_name=AUTHORITIES[la],
                deadline=seeds.first_published_due_date(kind, received, CALENDAR),
                skills_needed=rules.skills_needed(kind, learning_needs=rng.random() < 0.3),
                family_languages=languages,
                original_assessor_id=rng.randint(1, assessors) if kind == "parenting_addendum" else None,
            )
        )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--assessments", type=int, default=5_000)
    parser.add_argument("--assessors", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args([] if argv is None else argv)
    rng = random.Random(options.seed)
    assessors = pool(options.assessors, rng)
    assessments = queue(options.assessments, options.assessors, rng)
    weights = Weights()
    free = sum(a.free_places for a in assessors)
    print(f"{len(assessments):,} unallocated assessments, {len(assessors):,} assessors, {free:,} free places")

    began = time.perf_counter()
    solver.score_matrix(assessors, assessments, weights, TODAY)
    matrix_seconds = time.perf_counter() - began

    began = time.perf_counter()
    best = solver.propose(assessors, assessments, weights, TODAY)
    solver_seconds = time.perf_counter() - began

    began = time.perf_counter()
    greedy = solver.propose_greedy(assessors, assessments, weights, TODAY)
    greedy_seconds = time.perf_counter() - began

    for proposal in (best, greedy):
        _check(assessors, assessments, proposal)

    gain = best.total_score - greedy.total_score
    print(f"score matrix alone:          {matrix_seconds:7.2f} s")
    print(
        f"solver (linear_sum_assignment): {solver_seconds:7.2f} s, {len(best.pairs):,} allocated, "
        f"total score {best.total_score:,.1f} ({best.total_score / max(1, len(best.pairs)):.2f} a pair)"
    )
    print(
        f"greedy baseline:             {greedy_seconds:7.2f} s, {len(greedy.pairs):,} allocated, "
        f"total score {greedy.total_score:,.1f} ({greedy.total_score / max(1, len(greedy.pairs)):.2f} a pair)"
    )
    print(f"solver minus greedy:         {gain:+,.1f} ({100 * gain / max(1e-9, greedy.total_score):+.2f}%)")
    return 0


def _check(assessors: list[AssessorFacts], assessments: list[AssessmentFacts], proposal: solver.Proposal) -> None:
    """Every pair within the hard rules: a benchmark of a wrong answer is worth nothing."""
    by_id = {a.id: a for a in assessors}
    jobs = {j.id: j for j in assessments}
    load: dict[int, int] = {}
    for pair in proposal.pairs:
        person = by_id[pair.assessor_id]
        assert not rules.hard_rule_breaches(person, jobs[pair.assessment_id], extra_load=load.get(person.id, 0))
        load[person.id] = load.get(person.id, 0) + 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
