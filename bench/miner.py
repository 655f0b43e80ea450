"""The chronology miner on a synthetic 2,000-page court bundle's text (no database, no PDF).

    .venv/bin/python -m bench.miner
    .venv/bin/python -m bench.miner --pages 500 --rounds 3 --seed 7

Builds the text of a bundle as pypdfium2 gives it (lines of about 90 characters
ending in CR LF, a sentence running across lines, form feeds between pages):
chronology tables (15% of pages, every row dated), statements (45%, a third of
their sentences dated, in every supported style) and other prose (40%, one
sentence in twenty dated), with plenty of decoys everywhere (statutes, ages,
case numbers, amounts, times, page references). Times
`mine_text` over the whole text and reports pages per second (median of the
rounds), with the events found. Pure Python: invented data only, deterministic
for a seed.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import textwrap
import time
from datetime import date, timedelta

import pikepdf
import pypdfium2

from bench import machine, write_results
from hub.bundles.miner import mine_pages, mine_text

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
STYLES = [
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
    lambda d: f"{d.day}th {MONTHS[d.month - 1][:3]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {d.year}",
    lambda d: (
        f"between {d.day} and {min(d.day + 3, 28)} {MONTHS[d.month - 1]} {d.year}" if d.day < 25 else f"in {d.year}"
    ),
]
EVENTS = [
    "On {d} police attended the family home following a report of domestic abuse and spoke to Ms Brindle.",
    "The social worker, Ms Adeyemi, visited unannounced on {d} and found the home in a poor condition.",
    "Lily was seen by Dr. Nwosu at the walk-in centre on {d} with bruising to her left forearm.",
    "Mr. Pask did not attend the drug and alcohol service appointment offered for {d}.",
    "The school DSL made a referral to the front door on {d} after Lily arrived without a coat.",
    "Contact took place {d} at the Oak Lane family centre and was positive throughout.",
    "A strategy discussion was held on {d}; the threshold for s.47 enquiries was met.",
    "The interim care order made on {d} was renewed by HHJ Marwood.",
]
DECOYS = [
    "The court must have regard to the welfare checklist in s.1(3) Children Act 1989.",
    "Lily, aged 9, and Rowan, a 4 year old, live with their mother at 12 Cedar Close, L20 3AB.",
    "The family owe £2,020 in rent arrears and Ms Brindle's benefits total £1,987.50 per month.",
    "Case No. LV23C01234 is listed at 10:30 and the time estimate is 2 hours (see C23 and page 2019).",
    "Ms Brindle has been abstinent for 12 months and her attendance at groups is 87.3%.",
    "Permission is given under Part 25 of the Family Procedure Rules 2010 for a parenting assessment.",
    "Mr Pask said that he loves the children and wants them home, and that he would work with anyone.",
    "The assessor was told by Mrs. Quill, e.g. in the session at the family centre, that things were calmer.",
]


def page_text(number: int, rng: random.Random) -> str:
    """One page: a chronology table (15%), a statement's narrative (45%) or other prose (40%)."""
    lines = [f"C{number}", ""]
    first = date(2015, 1, 1)
    kind = rng.random()
    if kind < 0.15:  # a chronology table: every row dated
        lines.append("Date | Event | Source")
        for _ in range(18):
            when = first + timedelta(days=rng.randrange(3300))
            lines += textwrap.wrap(f"{when:%d/%m/%Y} | {rng.choice(EVENTS).format(d='that day')} | C{number}", 90)
    else:
        # A statement dates about a third of its sentences; reports, assessments and exhibits far fewer.
        dated = 0.35 if kind < 0.6 else 0.05
        for _ in range(6):
            sentences = []
            for _ in range(rng.randint(3, 5)):
                if rng.random() < dated:
                    when = first + timedelta(days=rng.randrange(3300))
                    sentences.append(rng.choice(EVENTS).format(d=rng.choice(STYLES)(when)))
                else:
                    sentences.append(rng.choice(DECOYS))
            lines += textwrap.wrap(" ".join(sentences), 90)
            lines.append("")
    lines.append(f"Page {number} of 2000")
    return "\r\n".join(lines)


def bundle_text(pages: int, seed: int) -> str:
    rng = random.Random(seed)
    return "\f".join(page_text(number, rng) for number in range(1, pages + 1))


def bundle_pdf(text: str) -> bytes:
    """The same pages as a real PDF (Helvetica, a line under another), for pypdfium2 to extract."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    for page in text.split("\f"):
        lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in page.split("\r\n")]
        ops = ["BT", "/F1 9 Tf", "40 800 Td", "11 TL", *(f"({line}) Tj T*" for line in lines), "ET"]
        pdf.pages.append(
            pikepdf.Page(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Page,
                    MediaBox=[0, 0, 595, 842],
                    Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                    Contents=pdf.make_stream("\n".join(ops).encode("latin-1", "replace")),
                )
            )
        )
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def extract(data: bytes) -> list[str]:
    """Raw pypdfium2 text extraction, page by page: the yardstick the miner is compared with."""
    document = pypdfium2.PdfDocument(data)
    texts = []
    for index in range(len(document)):
        page = document[index]
        text_page = page.get_textpage()
        texts.append(text_page.get_text_range())
        text_page.close()
        page.close()
    document.close()
    return texts


def _timed(function, rounds: int) -> tuple[float, float, float, object]:
    """Median wall and CPU seconds and best wall seconds of `rounds` calls, with the last result."""
    walls, cpus = [], []
    result = None
    for _ in range(rounds):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
    return statistics.median(walls), statistics.median(cpus), min(walls), result


def run(pages: int = 2_000, rounds: int = 5, seed: int = 11, pdf: bool = True) -> dict:
    text = bundle_text(pages, seed)
    seconds, cpu_seconds, best, events = _timed(lambda: mine_text(text), rounds)
    assert isinstance(events, list)
    results = {
        "pages": pages,
        "characters": len(text),
        "rounds": rounds,
        "events": len(events),
        "events_per_page": round(len(events) / pages, 1),
        "seconds_median": round(seconds, 3),
        "seconds_min": round(best, 3),
        "pages_per_second": round(pages / seconds),
        "cpu_seconds_median": round(cpu_seconds, 3),
        "pages_per_cpu_second": round(pages / cpu_seconds),
        "cpu_ms_per_page": round(cpu_seconds * 1000 / pages, 3),
        "machine": machine(),
    }
    if pdf:
        # The same pages as a PDF: raw extraction, then extraction and mining, in the same run.
        data = bundle_pdf(text)
        extract_s, extract_cpu, _, texts = _timed(lambda: extract(data), rounds)
        assert isinstance(texts, list)
        both_s, both_cpu, _, _ = _timed(lambda: mine_pages(enumerate(extract(data), start=1)), rounds)
        results["pdf"] = {
            "extract_cpu_ms_per_page": round(extract_cpu * 1000 / pages, 3),
            "extract_and_mine_cpu_ms_per_page": round(both_cpu * 1000 / pages, 3),
            "extract_pages_per_second": round(pages / extract_s),
            "extract_and_mine_pages_per_second": round(pages / both_s),
            "throughput_ratio_cpu": round(extract_cpu / both_cpu, 2),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF extraction comparison")
    args = parser.parse_args()
    results = run(args.pages, args.rounds, args.seed, pdf=not args.no_pdf)
    print(
        f"Chronology miner: {results['pages']:,} pages ({results['characters']:,} characters), "
        f"{results['events']:,} events found"
    )
    wall = (
        f"{results['seconds_median']:.3f} s (median of {results['rounds']} rounds, best {results['seconds_min']:.3f} s)"
    )
    print(f"  wall {wall} = {results['pages_per_second']:,} pages/s on one core")
    print(
        f"  CPU  {results['cpu_seconds_median']:.3f} s = {results['pages_per_cpu_second']:,} pages per CPU second"
        f" ({results['cpu_ms_per_page']:.3f} ms a page)"
    )
    if "pdf" in results:
        pdf = results["pdf"]
        print(
            f"  same pages as a PDF: pypdfium2 extraction {pdf['extract_cpu_ms_per_page']:.3f} ms a page (CPU),"
            f" extraction + mining {pdf['extract_and_mine_cpu_ms_per_page']:.3f} ms"
            f" (throughput ratio {pdf['throughput_ratio_cpu']:.2f})"
        )
    print(f"  machine {results['machine']}")
    write_results("miner", results)


if __name__ == "__main__":
    main()
