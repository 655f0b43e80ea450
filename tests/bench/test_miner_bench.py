"""The chronology miner's benchmark still runs, on a few pages (not a timing test)."""

from bench import miner


def test_the_synthetic_bundle_is_deterministic_and_paged_by_form_feeds():
    text = miner.bundle_text(12, seed=3)
    assert text == miner.bundle_text(12, seed=3)
    assert text != miner.bundle_text(12, seed=4)
    assert text.count("\f") == 11


def test_it_mines_the_synthetic_bundle_and_reports_pages_per_second():
    results = miner.run(pages=20, rounds=1, seed=3)
    assert results["pages"] == 20
    assert results["events"] > 0
    assert results["pages_per_second"] > 0
    assert results["pages_per_cpu_second"] > 0
