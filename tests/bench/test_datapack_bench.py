"""The data pack benchmark still runs, on a few small returns (not a timing test)."""

import pytest

from bench import datapack, run_all


@pytest.mark.django_db
def test_it_generates_imports_and_computes_a_few_returns():
    results = datapack.run(authorities=2, years=2, children=30, trace=True)

    assert results["returns"] == 4
    assert results["episodes_imported"] == results["episodes_written"] > 0
    assert results["looked_after_at_31_march_latest_year"] > 0
    assert results["pdf_bytes"] > 0 and results["workbook_bytes"] > 0
    assert results["import_peak_traced_mib_all"] > 0


def test_run_all_finds_it():
    assert "datapack" in run_all.benchmarks()
