"""The court bundle benchmarks still run, on a small bundle and a small index.

Not timing tests: they check the scripts cannot rot and that what they time is the
real thing (every page stored, the searches find what the synthetic text holds).
"""

import pytest

from bench import bundle_ingest, bundle_search, run_all

pytestmark = pytest.mark.django_db


def test_the_ingestion_benchmark_reads_every_page_and_compares_with_raw_extraction():
    results = bundle_ingest.run(pages=240, rounds=1)
    assert results["pages"] == 240 and results["characters"] > 240 * 500
    assert results["suggestions"] > 0
    assert results["raw_median_s"] > 0 and results["ingest_median_s"] > 0


def test_the_search_benchmark_fills_the_index_and_finds_the_phrases():
    results = bundle_search.run(referrals=3, pages_per_referral=60, queries=14)
    assert results["pages"] == 180
    assert results["per_query"]["police"]["median_hits"] > 30
    assert results["median_ms"] > 0


def test_run_all_finds_them():
    assert {"bundle_ingest", "bundle_search"} <= set(run_all.benchmarks())
