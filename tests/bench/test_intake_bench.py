"""The intake benchmark and its data generator still run, on a handful of rows.

Not a timing test: it checks the script cannot rot, that the generator is
deterministic, and that the two pages keep a fixed number of queries as the
number of referrals grows (the property the benchmark reports at 10,000).
"""

import pytest

from bench import intake, percentile, synthetic
from hub.referrals.models import Adult, AdultChildRelationship, Child, Referral, ReferralStatus

pytestmark = pytest.mark.django_db


def test_it_generates_referrals_in_every_state_with_their_families():
    world = synthetic.world_ensure()
    report = synthetic.referrals_generate(world=world, count=40, batch_size=15)

    assert report.referrals == 40
    assert Referral.objects.count() == 40
    # One in ten waits on triage, so the queue grows with the dataset.
    waiting = Referral.objects.filter(status__in=[ReferralStatus.SUBMITTED, ReferralStatus.QUERY_RAISED])
    assert waiting.count() == 4
    assert Referral.objects.filter(status=ReferralStatus.ACCEPTED).exists()
    for referral in Referral.objects.all():
        children = Child.objects.filter(referral=referral).count()
        adults = Adult.objects.filter(referral=referral).count()
        assert 1 <= children <= 4
        assert 1 <= adults <= 3
        # Every adult has a relationship to every child.
        assert AdultChildRelationship.objects.filter(adult__referral=referral).count() == children * adults
        assert referral.bundle_documents.exists()
        assert referral.events.exists()
        assert referral.questions.exists()
        assert referral.contacts.exists()
    assert report.rows["Referral"] == 40


def test_it_makes_the_same_referral_for_the_same_seed_and_number():
    world = synthetic.world_ensure()

    def family(index: int, seed: int) -> list[tuple[object, ...]]:
        plan = synthetic.plan_referral(index, seed=seed, world=world)
        people = [(c.full_name, c.date_of_birth) for c in plan.children] + [(a.full_name,) for a in plan.adults]
        return [(plan.referral.reference, plan.referral.status, plan.referral.created_at), *people]

    assert family(2, seed=7) == family(2, seed=7)
    assert family(2, seed=7) != family(2, seed=8)
    assert family(2, seed=7) != family(3, seed=7)


def test_it_measures_both_pages_with_a_query_count_that_does_not_grow():
    results = intake.run(sizes=[10, 40], repetitions=2, warmup=1, seed=0, batch_size=20)

    assert [size["referrals"] for size in results["sizes"]] == [10, 40]
    assert [size["awaiting_triage"] for size in results["sizes"]] == [1, 4]
    for size in results["sizes"]:
        for page in ("triage_queue", "referral_page"):
            assert size[page]["status_code"] == 200
            assert size[page]["median_ms"] > 0
            assert size[page]["queries"] > 0
    assert intake.query_counts_constant(results) == []
    assert "Triage queue" in intake.report_table(results)


def test_it_interpolates_the_95th_percentile():
    assert percentile([1.0], 0.95) == 1.0
    assert percentile([float(n) for n in range(1, 101)], 0.95) == pytest.approx(95.05)


def test_it_finds_every_benchmark_with_a_main_and_skips_the_helpers():
    from bench import run_all

    found = run_all.benchmarks()

    assert "intake" in found
    assert "synthetic" not in found
    assert "run_all" not in found
