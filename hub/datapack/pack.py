"""The data pack as a printable PDF (WeasyPrint) and a workbook (openpyxl), and its charts as SVG.

Plain Python with no Django import, like `hub/reports/documents.py`: the page, the
downloads, the tests and the benchmark hand the same `Pack` to these functions.
Every number in it is already suppressed (`figures.headline`, `figures.breakdown`):
nothing here can show a count the tables hide. Each chart sits beside its table,
so nothing depends on seeing the chart.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from hub.datapack import figures
from hub.datapack.figures import SUPPRESSED, Breakdown, HeadlineRow, Shown
from hub.datapack.ssda903 import LEGAL_STATUS, REASON_EPISODE_CEASED

HERE = Path(__file__).resolve().parent
PDF_TEMPLATES = HERE / "templates_pdf"
REGION_CODE = "region"

SUPPRESSION_NOTE = (
    "Counts of 1 to 5 are shown as c to protect the children's confidentiality, and where a hidden "
    "count could be worked out from a total, the next smallest count is hidden too; percentages, "
    "rates and changes made from a hidden count are c as well (the DfE's rules for its children "
    "looked after statistics). 0 means none."
)
DEFINITIONS = (
    "Looked after at 31 March: children with an episode of care open at the end of 31 March, "
    "leaving out short breaks (legal status V3, V4), from each authority's SSDA903 return. "
    "Placed with parents: placement P1 (placed with own parent(s) or other person(s) with parental "
    "responsibility) in that episode. Rates are per 10,000 children aged 0 to 17 where the "
    "authority's population has been supplied. Moves are new episodes in the year for a change of "
    "placement (reason for new episode P, T, U or B). How episodes ended counts the P1 episodes "
    "that ended in the year, by reason episode ceased (X1: a new episode began the same day)."
)


@dataclass(frozen=True)
class Chart:
    title: str
    labels: tuple[str, ...]
    values: tuple[Shown, ...]
    unit: str = ""


@dataclass(frozen=True)
class Pack:
    title: str
    region: str
    authorities: tuple[str, ...]
    years: tuple[int, ...]
    made_on: datetime.date
    headline: tuple[HeadlineRow, ...]
    breakdowns: tuple[Breakdown, ...]

    @property
    def latest_year(self) -> int | None:
        return self.years[-1] if self.years else None

    def region_rows(self) -> list[HeadlineRow]:
        return [row for row in self.headline if row.code == REGION_CODE]

    def authority_rows(self, year: int | None = None) -> list[HeadlineRow]:
        return [row for row in self.headline if row.code != REGION_CODE and (year is None or row.year == year)]

    def trend_chart(self) -> Chart:
        rows = self.region_rows()
        return Chart(
            title=f"{self.region}: children placed with parents at 31 March",
            labels=tuple(str(row.year) for row in rows),
            values=tuple(row.placed_with_parents for row in rows),
        )

    def authority_chart(self) -> Chart:
        rows = self.authority_rows(self.latest_year)
        rated = any(isinstance(row.placed_with_parents_rate, int | float) for row in rows)
        return Chart(
            title=(
                f"Placed with parents per 10,000 children, 31 March {self.latest_year}"
                if rated
                else f"Placed with parents, 31 March {self.latest_year}"
            ),
            labels=tuple(row.authority for row in rows),
            values=tuple(row.placed_with_parents_rate if rated else row.placed_with_parents for row in rows),
        )

    def breakdown_chart(self, breakdown: Breakdown) -> Chart:
        return Chart(
            title=f"{breakdown.title}, 31 March {breakdown.years[-1]}" if breakdown.years else breakdown.title,
            labels=breakdown.labels,
            values=tuple(values[-1] if values else "" for values in breakdown.values.values()),
        )


def build_pack(
    rows: Sequence[figures.AuthorityYear], *, region: str, made_on: datetime.date, title: str | None = None
) -> Pack:
    """The pack for these authority-years: the headline table and the characteristics of the region's children."""
    totals = figures.region(rows, name=region, code=REGION_CODE)
    breakdowns = (
        figures.breakdown("Age at 31 March", totals, "ages", figures.AGE_BANDS, {}),
        figures.breakdown("Legal status", totals, "legal_status", list(LEGAL_STATUS), LEGAL_STATUS),
        figures.breakdown("Time in the placement", totals, "time_in_placement", figures.TIME_IN_PLACEMENT_BANDS, {}),
        figures.breakdown("Moves in the year", totals, "moves", figures.MOVE_BANDS, {}),
        figures.breakdown(
            "How placements with parents ended in the year",
            totals,
            "endings",
            list(REASON_EPISODE_CEASED),
            REASON_EPISODE_CEASED,
            total_label="All placements with parents that ended",
        ),
    )
    return Pack(
        title=title or "Looked-after children placed with parents",
        region=region,
        authorities=tuple(sorted({row.authority for row in rows})),
        years=tuple(totals),
        made_on=made_on,
        headline=tuple(figures.headline(rows, totals)),
        breakdowns=breakdowns,
    )


# --- Charts as SVG -------------------------------------------------------------------------------


def display(value: Shown) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return value


def svg_bar_chart(chart: Chart, *, width: int = 420) -> Markup:
    """Horizontal bars, one a label, with the value written at the end; a hidden value ("c") gets no bar.

    Colours are presentation attributes, not style, so the page's Content Security
    Policy (no inline styles) lets it show; the chart has a title for screen readers,
    and the table beside it holds the same numbers.
    """
    bar_height, gap, label_width, value_width = 18, 6, 170, 50
    numbers = [float(v) for v in chart.values if isinstance(v, int | float)]
    top = max(numbers, default=0) or 1
    plot = width - label_width - value_width
    height = max(1, len(chart.labels)) * (bar_height + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Arial, Helvetica, sans-serif" class="datapack-chart">'
        f"<title>{escape(chart.title)}</title>"
    ]
    for index, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = gap + index * (bar_height + gap)
        short = label if len(label) <= 28 else label[:27] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end" font-size="11" fill="#0b0c0c">'
            f"{escape(short)}</text>"
        )
        if isinstance(value, int | float) and value > 0:
            bar = max(1.0, plot * float(value) / top)
            parts.append(f'<rect x="{label_width}" y="{y}" width="{bar:.1f}" height="{bar_height}" fill="#1d70b8"/>')
            end = label_width + bar
        else:
            end = label_width
        parts.append(
            f'<text x="{end + 4:.1f}" y="{y + 13}" font-size="11" fill="#0b0c0c">{escape(display(value))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text in it is escaped above


# --- PDF -----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _jinja() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PDF_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["shown"] = display
    environment.globals["chart"] = svg_bar_chart
    return environment


def pack_html(pack: Pack) -> str:
    return (
        _jinja().get_template("pack.html").render(pack=pack, suppression_note=SUPPRESSION_NOTE, definitions=DEFINITIONS)
    )


def render_pdf(pack: Pack) -> bytes:
    """The pack as a printable A4 PDF: tables with their charts beside them."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    # Nothing is fetched: the document is self-contained.
    refuse_all = URLFetcher(allowed_protocols=frozenset(), fail_on_errors=False)
    css = weasyprint.CSS(string=(PDF_TEMPLATES / "pack.css").read_text(encoding="utf-8"))
    pdf = weasyprint.HTML(string=pack_html(pack), url_fetcher=refuse_all).write_pdf(stylesheets=[css], pdf_tags=True)
    assert pdf is not None
    return bytes(pdf)


# --- Workbook ------------------------------------------------------------------------------------

HEADLINE_COLUMNS = (
    "Authority",
    "DfE LA code",
    "Year (31 March)",
    "Looked after at 31 March",
    "Placed with parents (P1)",
    "% of looked after placed with parents",
    "Population aged 0 to 17",
    "Looked after per 10,000 children",
    "Placed with parents per 10,000 children",
    "Change in placed with parents since the year before",
)


def _cell(value: Shown) -> Any:
    return value if value != "" else None


def render_workbook(pack: Pack) -> bytes:
    """The pack as an Excel workbook: one sheet a table, each with a native Excel chart beside it."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Font

    book = Workbook()
    bold = Font(bold=True)

    sheet = book.active
    assert sheet is not None
    sheet.title = "Headline"
    sheet.append(HEADLINE_COLUMNS)
    for row in pack.headline:
        sheet.append(
            [
                row.authority,
                "" if row.code == REGION_CODE else row.code,
                row.year,
                *(
                    _cell(v)
                    for v in (
                        row.looked_after,
                        row.placed_with_parents,
                        row.share,
                        row.population,
                        row.looked_after_rate,
                        row.placed_with_parents_rate,
                        row.change,
                    )
                ),
            ]
        )
    for cell in sheet[1]:
        cell.font = bold
    sheet.column_dimensions["A"].width = 28

    trend = book.create_sheet("Trend")
    trend.append(["Year (31 March)", "Looked after at 31 March", "Placed with parents (P1)"])
    for row in pack.region_rows():
        trend.append([str(row.year), _cell(row.looked_after), _cell(row.placed_with_parents)])
    for cell in trend[1]:
        cell.font = bold
    if pack.region_rows():
        line = LineChart()
        line.title = f"{pack.region}: children looked after and placed with parents"
        line.y_axis.title = "Children"
        line.x_axis.title = "Year (31 March)"
        count = len(pack.region_rows())
        line.add_data(Reference(trend, min_col=2, max_col=3, min_row=1, max_row=count + 1), titles_from_data=True)
        line.set_categories(Reference(trend, min_col=1, min_row=2, max_row=count + 1))
        trend.add_chart(line, "E2")

    latest = pack.latest_year
    by_authority = book.create_sheet("By authority")
    by_authority.append(["Authority", "Placed with parents (P1)", "Placed with parents per 10,000 children"])
    rows = pack.authority_rows(latest)
    for row in rows:
        by_authority.append([row.authority, _cell(row.placed_with_parents), _cell(row.placed_with_parents_rate)])
    for cell in by_authority[1]:
        cell.font = bold
    by_authority.column_dimensions["A"].width = 28
    if rows:
        bar = BarChart()
        bar.type = "bar"
        bar.title = f"Placed with parents, 31 March {latest}"
        bar.add_data(Reference(by_authority, min_col=2, min_row=1, max_row=len(rows) + 1), titles_from_data=True)
        bar.set_categories(Reference(by_authority, min_col=1, min_row=2, max_row=len(rows) + 1))
        by_authority.add_chart(bar, "E2")

    for breakdown in pack.breakdowns:
        sheet = book.create_sheet(breakdown.title[:31])
        sheet.append([breakdown.title, *(f"31 March {year}" for year in breakdown.years)])
        for label in breakdown.labels:
            sheet.append([label, *(_cell(v) for v in breakdown.values[label])])
        sheet.append([breakdown.total_label, *(_cell(v) for v in breakdown.totals)])
        for cell in sheet[1]:
            cell.font = bold
        sheet.column_dimensions["A"].width = 48
        if breakdown.years and breakdown.labels:
            chart = BarChart()
            chart.type = "bar"
            chart.title = breakdown.title
            last = len(breakdown.years) + 1
            chart.add_data(
                Reference(sheet, min_col=last, min_row=1, max_row=len(breakdown.labels) + 1), titles_from_data=True
            )
            chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(breakdown.labels) + 1))
            sheet.add_chart(chart, f"{chr(ord('A') + last + 1)}2")

    notes = book.create_sheet("Notes")
    for line_text in (
        pack.title,
        f"{pack.region}: {', '.join(pack.authorities)}",
        f"Made on {pack.made_on:%d/%m/%Y}",
        DEFINITIONS,
        SUPPRESSION_NOTE,
    ):
        notes.append([line_text])
    notes.column_dimensions["A"].width = 120

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["SUPPRESSED", "Pack", "build_pack", "render_pdf", "render_workbook", "svg_bar_chart"]
