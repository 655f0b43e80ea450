"""The case-file audit's regional report as Word and PDF, and its data as CSV and Excel.

Plain Python with no Django import, like hub/reports/documents.py: the results
page's downloads and the tests hand a frozen `RegionalReport` to the same
functions and get the file's bytes back. Word is built with python-docx, PDF
with WeasyPrint (from `templates_pdf/regional_report.html`), Excel with openpyxl.

Every piece of user text is data, never markup: escaped for HTML by Jinja's
autoescape; cells that a spreadsheet would read as a formula (=, +, -, @) are
written as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from hub.caseaudit.rules import DOMAINS, GRADES, Grade
from hub.caseaudit.statistics import Agreement, Collation, DomainRecord

HERE = Path(__file__).resolve().parent
PDF_TEMPLATES = HERE / "templates_pdf"

DATA_COLUMNS = (
    "Authority",
    "Case reference",
    "Domain",
    "Auditor's grade",
    "Moderated grade",
    "Grade counted",
    "Dip-sample grade",
    "Dip sample agrees",
    "Themes",
)


@dataclass(frozen=True)
class RegionalReport:
    programme: str
    question: str
    period_audited: str
    lead: str
    dated: date
    authorities: tuple[str, ...]
    collation: Collation
    records: tuple[DomainRecord, ...]


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(text: str) -> str:
    return _NOT_TEXT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def percent(value: float | None) -> str:
    return "not enough pairs" if value is None else f"{value:.0f}%"


def kappa(value: float | None) -> str:
    return "not defined" if value is None else f"{value:.2f}"


def _agreement(name: str, figures: Agreement) -> dict[str, str]:
    return {
        "name": name,
        "pairs": str(figures.pairs),
        "agreed": str(figures.agreed),
        "percent": percent(figures.percent),
        "kappa": kappa(figures.kappa),
    }


def report_context(report: RegionalReport) -> dict[str, Any]:
    """The figures every format prints, as plain strings and numbers."""
    collation = report.collation
    grade_labels = [grade.label for grade in GRADES]
    by_domain = [
        {
            "domain": domain.label,
            "counts": [collation.by_domain[domain][grade] for grade in GRADES],
            "total": sum(collation.by_domain[domain].values()),
        }
        for domain in DOMAINS
    ]
    by_authority = []
    for authority, domains in collation.by_authority.items():
        counts = [sum(domains[domain][grade] for domain in DOMAINS) for grade in GRADES]
        by_authority.append({"authority": clean_text(authority), "counts": counts, "total": sum(counts)})
    agreement = [
        _agreement("Authority audit (moderated) and dip sample", collation.dip_sample),
        _agreement("Auditor and moderator", collation.moderation),
    ] + [_agreement(f"Dip sample: {domain.label}", collation.dip_sample_by_domain[domain]) for domain in DOMAINS]
    return {
        "programme": clean_text(report.programme),
        "question": clean_text(report.question),
        "period_audited": clean_text(report.period_audited),
        "lead": clean_text(report.lead),
        "date": long_date(report.dated),
        "authorities": [clean_text(name) for name in report.authorities],
        "audits": collation.audits,
        "authorities_returned": len(collation.by_authority),
        "grade_labels": grade_labels,
        "by_domain": by_domain,
        "overall": [collation.overall[grade] for grade in GRADES],
        "overall_total": sum(collation.overall.values()),
        "by_authority": by_authority,
        "agreement": agreement,
        "moderation_changes": collation.moderation_changes,
        "themes": [
            {"theme": clean_text(t.theme), "cases": t.cases, "mentions": t.mentions, "authorities": t.authorities}
            for t in collation.themes
        ],
    }


def _label(grade: Grade | None) -> str:
    return grade.label if grade is not None else ""


def data_rows(report: RegionalReport) -> list[list[str]]:
    rows = []
    for record in report.records:
        agrees = ""
        if record.dip_sample_grade is not None:
            agrees = "yes" if record.dip_sample_grade == record.final_grade else "no"
        rows.append(
            [
                clean_text(record.authority),
                clean_text(record.case_reference),
                record.domain.label,
                _label(record.auditor_grade),
                _label(record.moderated_grade),
                _label(record.final_grade),
                _label(record.dip_sample_grade),
                agrees,
                "; ".join(clean_text(theme) for theme in record.themes),
            ]
        )
    return rows


def _spreadsheet_safe(value: str) -> str:
    """A cell starting = + - or @ is read as a formula by spreadsheets: make it text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


# --- CSV and Excel --------------------------------------------------------------------


def render_csv(report: RegionalReport) -> bytes:
    """One row per graded domain of each audited case. UTF-8 with a byte-order mark, so Excel reads it right."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(DATA_COLUMNS)
    for row in data_rows(report):
        writer.writerow([_spreadsheet_safe(value) for value in row])
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def render_xlsx(report: RegionalReport) -> bytes:
    """A workbook: grades by domain, by authority, agreement, themes, and the data."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    context = report_context(report)
    book = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]], first: bool = False) -> None:
        worksheet = book.active if first else book.create_sheet()
        assert worksheet is not None
        worksheet.title = title
        worksheet.append(list(header))
        for cell in worksheet[1]:
            cell.font = bold
        for row in rows:
            worksheet.append([_spreadsheet_safe(v) if isinstance(v, str) else v for v in row])
        worksheet.freeze_panes = "A2"
        worksheet.column_dimensions["A"].width = 42

    grades = context["grade_labels"]
    sheet(
        "By domain",
        ["Domain", *grades, "Total"],
        [[row["domain"], *row["counts"], row["total"]] for row in context["by_domain"]]
        + [["All domains", *context["overall"], context["overall_total"]]],
        first=True,
    )
    sheet(
        "By authority",
        ["Authority", *grades, "Total"],
        [[row["authority"], *row["counts"], row["total"]] for row in context["by_authority"]],
    )
    sheet(
        "Agreement",
        ["Between", "Pairs", "Agreed", "Per cent", "Cohen's kappa"],
        [[a["name"], int(a["pairs"]), int(a["agreed"]), a["percent"], a["kappa"]] for a in context["agreement"]],
    )
    sheet(
        "Themes",
        ["Theme", "Cases", "Mentions", "Authorities"],
        [[t["theme"], t["cases"], t["mentions"], t["authorities"]] for t in context["themes"]],
    )
    sheet("Data", DATA_COLUMNS, data_rows(report))
    book.properties.title = clean_text(report.programme)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# --- Word -----------------------------------------------------------------------------


def render_docx(report: RegionalReport) -> bytes:
    """The regional report as a Word file."""
    from docx import Document

    context = report_context(report)
    document = Document()
    document.core_properties.title = context["programme"]
    document.core_properties.author = context["lead"]
    document.add_heading(context["programme"], level=0)
    document.add_paragraph(f"Regional case-file audit report, {context['date']}")
    document.add_paragraph(f"What was audited: {context['question']}. Period audited: {context['period_audited']}.")
    document.add_paragraph(
        f"{context['audits']} audits from {context['authorities_returned']} of {len(context['authorities'])} "
        f"authorities taking part. Collated by {context['lead']}."
    )

    def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        grid = document.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header, strict=True):
            cell.text = str(text)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)

    grades = context["grade_labels"]
    document.add_heading("Grades by domain", level=1)
    document.add_paragraph("The grade counted is the moderated grade, where the audit was moderated.")
    table(
        ["Domain", *grades, "Total"],
        [[row["domain"], *row["counts"], row["total"]] for row in context["by_domain"]]
        + [["All domains", *context["overall"], context["overall_total"]]],
    )
    document.add_heading("Grades by authority", level=1)
    table(
        ["Authority", *grades, "Total"],
        [[row["authority"], *row["counts"], row["total"]] for row in context["by_authority"]],
    )
    document.add_heading("Agreement between auditors", level=1)
    document.add_paragraph(
        "Per cent agreement and Cohen's kappa (1 is complete agreement, 0 no more than chance). "
        f"Moderators changed {context['moderation_changes']} grades, each with a reason."
    )
    table(
        ["Between", "Pairs", "Agreed", "Per cent", "Kappa"],
        [[a["name"], a["pairs"], a["agreed"], a["percent"], a["kappa"]] for a in context["agreement"]],
    )
    document.add_heading("Recurring themes", level=1)
    if context["themes"]:
        table(
            ["Theme", "Cases", "Mentions", "Authorities"],
            [[t["theme"], t["cases"], t["mentions"], t["authorities"]] for t in context["themes"]],
        )
    else:
        document.add_paragraph("No themes have been tagged yet.")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


# --- PDF ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _jinja() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(PDF_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_pdf(report: RegionalReport) -> bytes:
    """The regional report as a tagged PDF."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    html = _jinja().get_template("regional_report.html").render(report_context(report))
    # Nothing is fetched: the report is self-contained.
    refuse_all = URLFetcher(allowed_protocols=frozenset(), fail_on_errors=False)
    pdf = weasyprint.HTML(string=html, url_fetcher=refuse_all).write_pdf(pdf_tags=True)
    assert pdf is not None
    return bytes(pdf)
