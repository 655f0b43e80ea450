"""Small numbers are suppressed as the DfE does, and the PDF and workbook show only what the tables show."""

import datetime
import io

import pypdfium2
from openpyxl import load_workbook

from hub.datapack import figures, pack
from hub.datapack.figures import AuthorityYear, suppress_cells


def test_counts_of_1_to_5_are_c_and_the_next_smallest_is_hidden_so_none_can_be_recovered():
    assert suppress_cells({"a": 3, "b": 10, "c": 20}) == {"a": "c", "b": "c", "c": 20}
    # Two hidden already: neither can be found from the total alone.
    assert suppress_cells({"a": 2, "b": 4, "c": 30}) == {"a": "c", "b": "c", "c": 30}
    # 0 is shown: the figure was zero. 6 is shown.
    assert suppress_cells({"a": 0, "b": 6, "c": 7}) == {"a": 0, "b": 6, "c": 7}
    # The total itself is small: every part is small too.
    assert suppress_cells({"a": 1, "b": 0}) == {"a": "c", "b": 0}


def row(code, name, looked_after, with_parents, population=None, year=2025):
    return AuthorityYear(
        authority=name,
        code=code,
        year=year,
        population=population,
        looked_after=looked_after,
        placed_with_parents=with_parents,
    )


def test_the_headline_hides_derived_figures_and_the_authority_that_would_give_a_hidden_count_away():
    rows = [
        row("001", "Ashdale", 40, 3, population=20_000),
        row("002", "Brookfield", 50, 12, population=30_000),
        row("003", "Cranmoor", 60, 20, population=50_000),
        row("003", "Cranmoor", 55, 14, population=50_000, year=2024),
    ]
    totals = figures.region(rows, name="Region", code="region")
    shown = {(r.code, r.year): r for r in figures.headline(rows, totals)}

    ashdale, brookfield, cranmoor = shown[("001", 2025)], shown[("002", 2025)], shown[("003", 2025)]
    assert (ashdale.placed_with_parents, ashdale.share, ashdale.placed_with_parents_rate) == ("c", "c", "c")
    # Brookfield's 12 would give Ashdale's 3 away (35 - 12 - 20): it is hidden too.
    assert (brookfield.placed_with_parents, brookfield.share) == ("c", "c")
    assert (cranmoor.placed_with_parents, cranmoor.share, cranmoor.placed_with_parents_rate) == (20, 33.3, 4.0)
    assert cranmoor.change == 6  # 20 in 2025, 14 in 2024
    assert ashdale.looked_after == 40 and ashdale.looked_after_rate == 20.0
    region = shown[("region", 2025)]
    assert (region.placed_with_parents, region.looked_after, region.placed_with_parents_rate) == (35, 150, 3.5)


def the_pack():
    rows = [
        row("001", "Ashdale", 40, 3, population=20_000),
        row("002", "Brookfield", 50, 12, population=30_000),
        row("001", "Ashdale", 38, 9, population=20_000, year=2024),
        row("002", "Brookfield", 47, 10, population=30_000, year=2024),
    ]
    rows[0].ages.update({"1 to 4": 2, "5 to 9": 1})
    rows[1].ages.update({"1 to 4": 4, "5 to 9": 8})
    rows[0].legal_status.update({"C2": 3})
    rows[1].legal_status.update({"C2": 12})
    return pack.build_pack(rows, region="North West", made_on=datetime.date(2025, 6, 1))


def test_the_region_breakdowns_are_suppressed_too():
    built = the_pack()
    ages = next(b for b in built.breakdowns if b.title == "Age at 31 March")
    assert ages.years == (2024, 2025)
    # 2025: 1 to 4 is 6 and 5 to 9 is 9 (shown); 2024 has none recorded.
    assert ages.values["1 to 4"] == [0, 6]
    assert ages.values["5 to 9"] == [0, 9]
    legal = next(b for b in built.breakdowns if b.title == "Legal status")
    assert legal.values["C2: Full care order"] == [0, 15]


def test_the_workbook_holds_the_suppressed_tables_with_native_charts():
    book = load_workbook(io.BytesIO(pack.render_workbook(the_pack())))

    assert book.sheetnames[:3] == ["Headline", "Trend", "By authority"]
    headline = [list(r) for r in book["Headline"].iter_rows(values_only=True)]
    assert headline[0][:5] == [
        "Authority",
        "DfE LA code",
        "Year (31 March)",
        "Looked after at 31 March",
        "Placed with parents (P1)",
    ]
    assert ["Ashdale", "001", 2025, 40, "c", "c", 20000, 20.0, "c", "c"] in headline
    assert ["North West", None, 2025, 90, 15, 16.7, 50000, 18.0, 3.0, -4] in headline
    assert book["Trend"]._charts and book["By authority"]._charts


def test_the_pdf_prints_the_tables_and_says_how_small_numbers_are_hidden():
    document = pypdfium2.PdfDocument(pack.render_pdf(the_pack()))
    text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))

    assert "Looked-after children placed with parents" in text
    assert "Ashdale" in text and "North West" in text
    assert "Counts of 1 to 5 are shown as c" in text


def test_a_chart_gives_a_hidden_value_no_bar():
    svg = pack.svg_bar_chart(pack.Chart(title="T", labels=("A", "B"), values=("c", 12)))
    assert svg.count("<rect") == 1
    assert ">c</text>" in svg and ">12</text>" in svg
