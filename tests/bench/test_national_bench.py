"""The national benchmark still runs, on a few hundred referrals.

Not a timing test: it checks the script cannot rot, that the data it makes has
the sizes asked for and keeps the hub's rules (independence, at most three live
cases an assessor, a clock on every assessment), and that every page it times
answers with a fixed number of queries.
"""

import pytest

from bench import national
from hub.assessments.models import Assessment, AssessmentStatus
from hub.referrals.models import Referral
from hub.timescales.models import Clock
from hub.workspace.models import ChronologyEntry, FamilyReferral

pytestmark = pytest.mark.django_db

TINY = national.Sizes(
    authorities=4,
    referrals=400,
    assessments=1_000,
    chronology=3_000,
    assessors_per_authority=3,
    focus_entries=150,
    focus_sources=3,
)


def test_it_makes_the_sizes_asked_for_within_the_hubs_rules():
    national.generate(TINY, batch_size=150, log=lambda message: None)

    assert Referral.objects.count() == TINY.referrals
    assert Assessment.objects.count() == TINY.assessments
    assert Clock.objects.count() == TINY.assessments
    assert ChronologyEntry.objects.count() == TINY.chronology
    assert FamilyReferral.objects.count() == Referral.objects.filter(assessments__isnull=False).distinct().count()
    live = Assessment.objects.filter(status__in=[AssessmentStatus.IN_PROGRESS, AssessmentStatus.IN_QA])
    assert live.exists()
    assert Assessment.objects.filter(status=AssessmentStatus.AWAITING_ALLOCATION, assessor__isnull=True).exists()
    per_assessor: dict[int, int] = {}
    for assessment in live.select_related("referral", "assessor__assessor_profile"):
        assert assessment.assessor.assessor_profile.seconded_from_id != assessment.referral.local_authority_id
        per_assessor[assessment.assessor_id] = per_assessor.get(assessment.assessor_id, 0) + 1
    assert max(per_assessor.values()) <= national.MAX_LIVE_PER_ASSESSOR


def test_it_times_every_page_with_a_steady_query_count():
    focus, generation = national.generate(TINY, batch_size=150, log=lambda message: None)
    pages = national.measure(focus, repetitions=2, warmup=1)

    assert set(pages) == {label for label, _who, _url in national.pages(focus)}
    for label, page in pages.items():
        assert page["status_code"] == 200, label
        assert page["queries"] > 0, label
        assert len(page["query_counts_seen"]) == 1, f"{label}: {page['query_counts_seen']}"
    results = {
        "database": "sqlite",
        "size": "tiny",
        "sizes": national.asdict(TINY),
        "repetitions": 2,
        "warmup": 1,
        "generation": generation,
        "pages": pages,
        "machine": {"load_average_1_5_15": [0, 0, 0]},
    }
    assert "Chronology, last page" in national.report_table(results)


def test_it_shares_a_total_out_exactly():
    assert national._shares(10, 3) == [4, 3, 3]
    assert national._shares(0, 2) == [0, 0]
    assert national._shares(5, 0) == []
