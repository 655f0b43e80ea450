"""The report export benchmark still runs, on a short report.

Not a timing test: it checks the script cannot rot and that the synthetic
report is the same for the same seed.
"""

from bench import report_export, run_all


def test_it_exports_a_short_report_in_both_formats_and_counts_its_pages():
    results = report_export.run(rounds=1, paragraphs=1, chronology_rows=5)

    assert results["pdf_pages"] >= 1
    assert results["numbered_paragraphs"] == 14 * 1 + 6 * 3
    assert results["docx_median_s"] > 0
    assert results["pdf_median_s"] > 0
    assert results["docx_bytes"] > 0
    assert results["pdf_bytes"] > 0


def test_the_synthetic_report_is_the_same_for_the_same_seed():
    assert report_export.synthetic_statement(seed=1) == report_export.synthetic_statement(seed=1)
    assert report_export.synthetic_statement(seed=1) != report_export.synthetic_statement(seed=2)


def test_run_all_finds_it():
    assert "report_export" in run_all.benchmarks()
