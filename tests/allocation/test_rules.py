"""The allocation rules, without a database: fast, and run on random pools and queues."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hub.allocation import rules, solver
from hub.allocation.rules import AssessmentFacts, AssessorFacts, LeavePeriod, Weights

TODAY = date(2026, 11, 25)
HALTON, LIVERPOOL, WIRRAL = 3, 5, 8
NAMES = {HALTON: "Halton", LIVERPOOL: "Liverpool", WIRRAL: "Wirral"}


def assessor(id: int = 1, *, home: int = HALTON, live: int = 0, maximum: int = 3, **extra) -> AssessorFacts:
    return AssessorFacts(
        id=id,
        name=f"Assessor {id}",
        seconded_from_id=home,
        seconded_from_name=NAMES.get(home, f"LA {home}"),
        max_concurrent=maximum,
        live_count=live,
        **extra,
    )


def assessment(
    id: int = 1, *, la: int = LIVERPOOL, days: int = 56, kind: str = "parenting", **extra
) -> AssessmentFacts:
    return AssessmentFacts(
        id=id,
        reference=f"HUB-2026-{id:05d}",
        assessment_type=kind,
        local_authority_id=la,
        local_authority_name=NAMES.get(la, f"LA {la}"),
        deadline=TODAY + timedelta(days=days),
        **extra,
    )


def test_it_asks_for_parentassess_only_for_a_parent_with_learning_needs():
    assert rules.skills_needed("parenting", learning_needs=True) == {"parentassess"}
    assert rules.skills_needed("parenting", learning_needs=False) == frozenset()
    assert rules.skills_needed("kinship_viability", learning_needs=False) == {"corambaaf_kinship"}


def test_it_explains_a_match_in_the_managers_words():
    found = rules.match(
        assessor(live=2, skills=frozenset({"parentassess"}), languages=frozenset({"polish"})),
        assessment(skills_needed=frozenset({"parentassess"}), family_languages=frozenset({"polish"})),
        Weights(),
        TODAY,
    )
    assert found.eligible
    assert found.reasons[:4] == (
        "Seconded from Halton: independent",
        "2 of 3 cases",
        "ParentAssess trained",
        "Speaks Polish",
    )


def test_it_never_offers_an_assessor_their_own_authority():
    found = rules.match(assessor(home=LIVERPOOL), assessment(la=LIVERPOOL), Weights(), TODAY)
    assert not found.eligible
    assert "Seconded from Liverpool: not independent of the referring authority" in found.blockers


def test_it_never_goes_over_the_maximum():
    assert rules.hard_rule_breaches(assessor(live=3), assessment()) == ["3 of 3 cases: no free place"]
    assert rules.hard_rule_breaches(assessor(live=1, maximum=2), assessment(), extra_load=1)
    assert not rules.hard_rule_breaches(assessor(live=2), assessment())


def test_it_refuses_an_assessor_on_leave_over_the_deadline_but_only_weighs_earlier_leave():
    deadline = TODAY + timedelta(days=56)
    over = assessor(leave=(LeavePeriod(deadline - timedelta(days=3), deadline + timedelta(days=10)),))
    before = assessor(leave=(LeavePeriod(TODAY + timedelta(days=7), TODAY + timedelta(days=13)),))
    assert rules.hard_rule_breaches(over, assessment(days=56))
    assert not rules.hard_rule_breaches(before, assessment(days=56))
    assert (
        rules.match(before, assessment(days=56), Weights(), TODAY).score
        < rules.match(assessor(), assessment(days=56), Weights(), TODAY).score
    )


def test_it_refuses_an_assessor_whose_secondment_ends_before_the_deadline():
    leaving = assessor(secondment_ends=TODAY + timedelta(days=20))
    assert rules.hard_rule_breaches(leaving, assessment(days=56)) == [
        "Secondment ends 15 Dec 2026, before the deadline"
    ]
    assert not rules.hard_rule_breaches(leaving, assessment(days=14, kind="kinship_viability"))


def test_it_ranks_the_writer_of_the_original_report_first_for_an_addendum():
    pool = [assessor(1, live=2), assessor(2, live=0)]
    eligible, _ = rules.rank(pool, assessment(kind="parenting_addendum", original_assessor_id=1), Weights(), TODAY)
    assert [m.assessor.id for m in eligible] == [1, 2]
    assert "Assessor of this family's parenting assessment (continuity)" in eligible[0].reasons


def test_it_lists_the_ineligible_with_why():
    pool = [assessor(1, home=LIVERPOOL), assessor(2, live=3), assessor(3)]
    eligible, ineligible = rules.rank(pool, assessment(), Weights(), TODAY)
    assert [m.assessor.id for m in eligible] == [3]
    assert [(m.assessor.id, m.blockers[0][:12]) for m in ineligible] == [(1, "Seconded fro"), (2, "3 of 3 cases")]


def test_it_beats_earliest_deadline_greedy_where_greedy_takes_the_only_specialist():
    # The urgent case needs nothing special; the later one needs the only ParentAssess-trained assessor.
    pool = [assessor(1, maximum=1, skills=frozenset({"parentassess"})), assessor(2, maximum=1)]
    queue = [assessment(1, days=10), assessment(2, days=50, skills_needed=frozenset({"parentassess"}))]
    best = solver.propose(pool, queue, Weights(), TODAY)
    greedy = solver.propose_greedy(pool, queue, Weights(), TODAY)
    assert {(p.assessment_id, p.assessor_id) for p in best.pairs} == {(1, 2), (2, 1)}
    assert best.total_score >= greedy.total_score


def test_it_spreads_a_batch_across_assessors():
    pool = [assessor(1), assessor(2)]
    queue = [assessment(i) for i in range(1, 5)]
    proposal = solver.propose(pool, queue, Weights(), TODAY)
    per = [sum(1 for p in proposal.pairs if p.assessor_id == a) for a in (1, 2)]
    assert per == [2, 2]


def test_it_counts_free_places_week_by_week():
    weeks = rules.capacity_by_week(
        max_concurrent=3,
        deadlines=[TODAY + timedelta(days=3), TODAY + timedelta(days=30)],
        leave=[LeavePeriod(date(2026, 12, 14), date(2026, 12, 18))],
        today=TODAY,
        weeks=4,
    )
    assert [(w.week_starting, w.free, w.on_leave) for w in weeks] == [
        (date(2026, 11, 23), 1, False),
        (date(2026, 11, 30), 2, False),
        (date(2026, 12, 7), 2, False),
        (date(2026, 12, 14), 0, True),
    ]


# Random pools and queues. Nine authorities, a handful of skills and languages.

SKILLS = ["parentassess", "corambaaf_kinship", "theraplay"]
LANGUAGES = ["polish", "urdu", "romanian", "arabic"]
TYPES = [
    "parenting",
    "parenting_addendum",
    "kinship_viability",
    "full_fostering",
    "special_guardianship",
    "joint_fostering_sgo",
]


@st.composite
def leave_periods(draw):
    start = TODAY + timedelta(days=draw(st.integers(-10, 90)))
    return LeavePeriod(start, start + timedelta(days=draw(st.integers(0, 30))))


@st.composite
def pools(draw):
    size = draw(st.integers(1, 8))
    result = []
    for i in range(1, size + 1):
        maximum = draw(st.integers(0, 3))
        ends = draw(st.none() | st.integers(0, 100))
        result.append(
            assessor(
                i,
                home=draw(st.integers(1, 9)),
                maximum=maximum,
                live=draw(st.integers(0, maximum)),
                skills=frozenset(draw(st.lists(st.sampled_from(SKILLS), max_size=2))),
                languages=frozenset(draw(st.lists(st.sampled_from(LANGUAGES), max_size=2))),
                travel_area_ids=frozenset(draw(st.lists(st.integers(1, 9), max_size=4))),
                leave=tuple(draw(st.lists(leave_periods(), max_size=2))),
                secondment_ends=None if ends is None else TODAY + timedelta(days=ends),
            )
        )
    return result


@st.composite
def queues(draw, pool_size=8):
    size = draw(st.integers(0, 14))
    return [
        assessment(
            j,
            la=draw(st.integers(1, 9)),
            days=draw(st.integers(-5, 80)),
            kind=draw(st.sampled_from(TYPES)),
            skills_needed=frozenset(draw(st.lists(st.sampled_from(SKILLS), max_size=1))),
            family_languages=frozenset(draw(st.lists(st.sampled_from(LANGUAGES), max_size=2))),
            original_assessor_id=draw(st.none() | st.integers(1, pool_size)),
        )
        for j in range(1, size + 1)
    ]


weights_strategy = st.builds(Weights, *[st.floats(0, 50, allow_nan=False)] * 7)


def assert_no_hard_rule_broken(pool, queue, pairs):
    """An oracle written apart from the rules module: read the facts directly."""
    by_id = {a.id: a for a in pool}
    jobs = {j.id: j for j in queue}
    given_to = {}
    assert len({j for j, _ in pairs}) == len(pairs), "an assessment allocated twice"
    for assessment_id, assessor_id in pairs:
        person, job = by_id[assessor_id], jobs[assessment_id]
        assert person.seconded_from_id != job.local_authority_id
        assert not any(p.starts <= job.deadline <= p.ends for p in person.leave)
        assert person.secondment_ends is None or person.secondment_ends >= job.deadline
        given_to[assessor_id] = given_to.get(assessor_id, 0) + 1
    for assessor_id, count in given_to.items():
        assert by_id[assessor_id].live_count + count <= by_id[assessor_id].max_concurrent


@settings(max_examples=150, deadline=None)
@given(pool=pools(), queue=queues(), weights=weights_strategy)
def test_it_never_proposes_anything_that_breaks_a_hard_rule(pool, queue, weights):
    proposal = solver.propose(pool, queue, weights, TODAY)
    assert_no_hard_rule_broken(pool, queue, [(p.assessment_id, p.assessor_id) for p in proposal.pairs])
    assert sorted([p.assessment_id for p in proposal.pairs] + proposal.unallocated) == [j.id for j in queue]


@settings(max_examples=150, deadline=None)
@given(pool=pools(), queue=queues(), weights=weights_strategy)
def test_it_does_at_least_as_well_as_greedy(pool, queue, weights):
    """The solver allocates as many as possible first, then scores highest: greedy is one
    feasible allocation, so it can never be better on both counts."""
    best = solver.propose(pool, queue, weights, TODAY)
    greedy = solver.propose_greedy(pool, queue, weights, TODAY)
    assert_no_hard_rule_broken(pool, queue, [(p.assessment_id, p.assessor_id) for p in greedy.pairs])
    assert len(best.pairs) >= len(greedy.pairs)
    if len(best.pairs) == len(greedy.pairs):
        assert best.total_score >= greedy.total_score - 1e-6


@settings(max_examples=150, deadline=None)
@given(pool=pools(), queue=queues(), attempts=st.lists(st.tuples(st.integers(1, 14), st.integers(1, 8)), max_size=40))
def test_it_never_lets_a_manual_allocation_break_a_hard_rule(pool, queue, attempts):
    """Managers try anything, in any order; only what the gate lets through is kept."""
    start = list(pool)
    pool = list(pool)
    index = {a.id: i for i, a in enumerate(pool)}
    jobs = {j.id: j for j in queue}
    made: list[tuple[int, int]] = []
    for assessment_id, assessor_id in attempts:
        if assessment_id not in jobs or assessor_id not in index or assessment_id in {m[0] for m in made}:
            continue
        person = pool[index[assessor_id]]
        if rules.hard_rule_breaches(person, jobs[assessment_id]):
            continue
        made.append((assessment_id, assessor_id))
        # What the database holds once the allocation commits: one more live case.
        pool[index[assessor_id]] = replace(person, live_count=person.live_count + 1)
    assert_no_hard_rule_broken(start, queue, made)


@settings(max_examples=100, deadline=None)
@given(pool=pools(), queue=queues(), weights=weights_strategy)
def test_it_scores_the_batch_exactly_as_it_scores_one_pair(pool, queue, weights):
    scores, allowed = solver.score_matrix(pool, queue, weights, TODAY)
    for j, job in enumerate(queue):
        for a, person in enumerate(pool):
            one = rules.match(person, job, weights, TODAY)
            assert scores[j, a] + rules.workload_value(person, weights) == pytest.approx(one.score, abs=1e-5)
            capacity_ok = person.live_count < person.max_concurrent
            assert one.eligible == (bool(allowed[j, a]) and capacity_ok)


def test_it_matches_languages_however_many_the_queue_holds():
    languages = [f"language {i}" for i in range(100)]
    queue = [assessment(i + 1, family_languages=frozenset({lang})) for i, lang in enumerate(languages)]
    speaker = assessor(1, languages=frozenset({"language 99"}), maximum=200)
    scores, _ = solver.score_matrix([speaker], queue, Weights(), TODAY)
    assert scores[99, 0] - scores[0, 0] == Weights().language
