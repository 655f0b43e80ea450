"""Word and PDF export of a synthetic 40-page court report (no database).

A parenting assessment in court-statement form: fourteen sections of numbered
paragraphs with their sources, a ParentAssess outcome table, six court
questions answered, a 200-entry chronology appendix and a sources appendix.
Times `documents.render_docx` (docxtpl, the default template) and
`documents.render_pdf` (WeasyPrint) over several rounds after one warm-up, and
counts the PDF's pages.

    .venv/bin/python -m bench.report_export
    .venv/bin/python -m bench.report_export --rounds 9 --paragraphs 10
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pikepdf

from bench import machine, write_results
from hub.reports import documents as d

SECTIONS = [
    "Introduction and instructions",
    "Methodology and sources of information",
    "Background and family history",
    "Profile of Ms A Example",
    "Profile of Child A",
    "Basic care",
    "Ensuring safety",
    "Emotional warmth",
    "Stimulation, guidance and boundaries",
    "Stability",
    "Family and environmental factors",
    "Capacity to change",
    "Analysis",
    "Recommendation",
]
AREAS = ["Basic care", "Ensuring safety", "Emotional warmth", "Stimulation", "Guidance and boundaries", "Stability"]
# Invented sentences only: no real case, no real name.
SENTENCES = [
    "Ms Example attended the session on time and had prepared the room before Child A arrived.",
    "She described the routine she follows at bedtime and how she responds when Child A wakes in the night.",
    "The local authority's chronology records three referrals from the school about attendance in 2024.",
    "Child A sought comfort from her mother when she fell and was soothed quickly.",
    "The health visitor reports that immunisations are up to date and that growth is within the expected range.",
    "Ms Example acknowledged the concerns about the adults who visited the home but minimised their significance.",
    "In my assessment the evidence of sustained change over the last four months is limited.",
    "The family support worker observed warm interactions during five of the six sessions of family time.",
    "Ms Example has completed a parenting course and could describe what she had learned from it.",
    "There remain gaps in the information about the period when the family lived outside the area.",
    "The police disclosure is given significant weight because it is a first-hand record made at the time.",
    "Child A's nursery describes her as a sociable child whose speech is slightly behind her peers.",
]


def synthetic_statement(*, paragraphs: int = 7, chronology_rows: int = 200, seed: int = 40) -> d.CourtStatement:
    """A long parenting assessment report; `paragraphs` per section sets its length."""
    rng = random.Random(seed)

    def paragraph(index: int) -> d.Paragraph:
        text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6)))
        source = f"Workspace: session {index % 12 + 1} March 2026" if rng.random() < 0.4 else ""
        return d.Paragraph(text, source)

    sections = []
    for number, heading in enumerate(SECTIONS):
        rows: tuple[d.OutcomeRow, ...] = ()
        if heading == "Analysis":
            rows = tuple(
                d.OutcomeRow(area, rng.choice(list(d.Rating)), " ".join(rng.sample(SENTENCES, 2))) for area in AREAS
            )
        sections.append(
            d.Section(
                heading,
                tuple(paragraph(number * 100 + n) for n in range(paragraphs)),
                outcome_table=rows,
                outcome_table_caption="ParentAssess outcomes" if rows else "",
            )
        )
    first = date(2015, 1, 1)
    chronology = tuple(
        d.ChronologyRow(
            (first + timedelta(days=n * 17)).strftime("%d %b %Y").lstrip("0"),
            " ".join(rng.sample(SENTENCES, rng.randint(1, 2))),
            f"Bundle C{rng.randint(1, 400)}",
        )
        for n in range(chronology_rows)
    )
    return d.CourtStatement(
        court="In the Family Court sitting at Liverpool",
        case_number="LV26C00040",
        parties=("Liverpool City Council (Applicant)", "Ms A Example (First Respondent)", "Child A (by her guardian)"),
        children=("Child A (a girl, born 2022)",),
        title="Parenting assessment of Ms A Example",
        author=d.Author(
            "Sam Assessor",
            "Independent social worker",
            "BA (Hons) Social Work",
            "Cheshire and Merseyside Assessment Hub",
        ),
        dated=date(2026, 5, 20),
        sections=tuple(sections),
        questions=tuple(
            d.CourtQuestion(
                f"Question from the court number {n}?", tuple(paragraph(9000 + n * 10 + k) for k in range(3))
            )
            for n in range(1, 7)
        ),
        questions_position=2,
        chronology=chronology,
        sources=tuple(d.SourceRow(f"Source document {n}", rng.choice(["High", "Medium", "Low"])) for n in range(30)),
    )


def _time(render: Callable[[], bytes], rounds: int) -> tuple[list[float], list[float], bytes]:
    output = render()  # warm-up: imports, fonts, template parsing
    walls, cpus = [], []
    for _ in range(rounds):
        cpu_started = time.process_time()
        started = time.perf_counter()
        output = render()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
    return walls, cpus, output


def run(*, rounds: int = 5, paragraphs: int = 7, chronology_rows: int = 200) -> dict[str, Any]:
    statement = synthetic_statement(paragraphs=paragraphs, chronology_rows=chronology_rows)
    docx_walls, docx_cpus, word = _time(lambda: d.render_docx(statement), rounds)
    pdf_walls, pdf_cpus, pdf = _time(lambda: d.render_pdf(statement), rounds)
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        pages = len(opened.pages)
    context = d.statement_context(statement)
    return {
        "rounds": rounds,
        "pdf_pages": pages,
        "numbered_paragraphs": context["paragraph_count"],
        "chronology_rows": chronology_rows,
        "docx_bytes": len(word),
        "pdf_bytes": len(pdf),
        "docx_median_s": round(statistics.median(docx_walls), 3),
        "docx_cpu_median_s": round(statistics.median(docx_cpus), 3),
        "pdf_median_s": round(statistics.median(pdf_walls), 3),
        "pdf_cpu_median_s": round(statistics.median(pdf_cpus), 3),
        "machine": machine(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=7, help="numbered paragraphs per section")
    parser.add_argument("--chronology", type=int, default=200, help="chronology appendix rows")
    args = parser.parse_args()
    results = run(rounds=args.rounds, paragraphs=args.paragraphs, chronology_rows=args.chronology)
    print(
        f"Court report export: {results['pdf_pages']} PDF pages, {results['numbered_paragraphs']} numbered "
        f"paragraphs, {results['chronology_rows']} chronology rows"
    )
    print(
        f"  Word (docxtpl):    median {results['docx_median_s']:.3f} s  (CPU {results['docx_cpu_median_s']:.3f} s)  "
        f"{results['docx_bytes'] / 1024:.0f} KiB"
    )
    print(
        f"  PDF (WeasyPrint):  median {results['pdf_median_s']:.3f} s  (CPU {results['pdf_cpu_median_s']:.3f} s)  "
        f"{results['pdf_bytes'] / 1024:.0f} KiB"
    )
    print(f"  median of {results['rounds']} rounds after one warm-up; machine {results['machine']}")
    write_results("report_export", results)


if __name__ == "__main__":
    main()
