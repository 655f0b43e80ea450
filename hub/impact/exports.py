"""The dashboard's tables as CSV and Excel files, and its one-page PDF summary for a board.

Each file says which period and filters its numbers are for, so a figure copied
out of it does not lose what it counted.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from django.template.loader import render_to_string

from hub.impact.charts import bar_chart
from hub.impact.figures import Figures, Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _preamble(figures: Figures) -> list[list[str]]:
    return [[label, value] for label, value in figures.filters.describe()]


def table_csv(figures: Figures, table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([table.title])
    writer.writerows(_preamble(figures))
    writer.writerow([])
    writer.writerow(table.columns)
    writer.writerows([["" if v is None else v for v in row] for row in table.rows])
    # A byte-order mark so that Excel opens the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel sheet names: at most 31 characters, none of []:*?/\
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip()
    base, n = name, 2
    while name in used:
        name = f"{base[:27]} ({n})"
        n += 1
    used.add(name)
    return name


def tables_xlsx(figures: Figures, tables: list[Table]) -> bytes:
    """One sheet per table: the filters, a blank line, the header and the rows (numbers as numbers)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        for described in _preamble(figures):
            sheet.append(described)
        sheet.append([])
        sheet.append(table.columns)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
        sheet.column_dimensions["A"].width = max(20, min(60, max((len(str(r[0])) for r in table.rows), default=20)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PDF_CSS = (Path(__file__).resolve().parent / "templates_pdf" / "summary.css").read_text(encoding="utf-8")


def summary_pdf(figures: Figures, *, hub_name: str) -> bytes:
    """One A4 page for a board: the headline figures of each section and three charts."""
    import weasyprint

    charts = [
        (table.title, bar_chart(table))
        for key in ("referrals_by_authority", "timeliness_by_type", "training_by_authority")
        if (table := figures.table(key)) is not None and table.rows
    ]
    html = render_to_string(
        "impact/summary_pdf.html", {"figures": figures, "hub_name": hub_name, "charts": charts, "css": PDF_CSS}
    )
    return weasyprint.HTML(string=html).write_pdf(pdf_tags=True)
