"""manage.py mine_chronology and miner_score, on real files: text with form feeds, real PDFs, damaged ones."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from django.core.management import CommandError, call_command

from hub.bundles.scoring import LABELLED_SET

ROOT = Path(__file__).resolve().parents[2]
HELDOUT_SET = LABELLED_SET.with_name("chronology_heldout.json")


def text_pdf(pages: list[list[str]]) -> bytes:
    """A real PDF whose pages carry these lines of text (Helvetica, one line under another)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    for lines in pages:
        escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
        ops = ["BT", "/F1 11 Tf", "56 780 Td", "14 TL", *(f"({line}) Tj T*" for line in escaped), "ET"]
        pdf.pages.append(
            pikepdf.Page(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Page,
                    MediaBox=[0, 0, 595, 842],
                    Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                    Contents=pdf.make_stream("\n".join(ops).encode("latin-1")),
                )
            )
        )
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def mine(path: Path) -> list[dict]:
    out = io.StringIO()
    call_command("mine_chronology", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_it_mines_a_text_file_page_by_page(tmp_path):
    path = tmp_path / "bundle.txt"
    path.write_text(
        "C1\nOn 12 March 2023 police attended the family home following a report of domestic abuse.\f"
        "C2\nChildren Act 1989\f"
        "C3\nContact took place between 2 and 19 July 2020.\nIn Sept 2020 the family moved to Wirral.",
        encoding="utf-8",
    )
    assert mine(path) == [
        {
            "page": 1,
            "sentence": "On 12 March 2023 police attended the family home following a report of domestic abuse.",
            "date": "2023-03-12",
            "precision": "day",
            "end_date": None,
        },
        {
            "page": 3,
            "sentence": "Contact took place between 2 and 19 July 2020.",
            "date": "2020-07-02",
            "precision": "day",
            "end_date": "2020-07-19",
        },
        {
            "page": 3,
            "sentence": "In Sept 2020 the family moved to Wirral.",
            "date": "2020-09",
            "precision": "month",
            "end_date": None,
        },
    ]


def test_it_mines_a_real_pdf_with_sentences_across_lines(tmp_path):
    path = tmp_path / "bundle.pdf"
    path.write_bytes(
        text_pdf(
            [
                ["STATEMENT OF THE SOCIAL WORKER", "Case No. LV23C01234"],
                [
                    "Mr. Pask was arrested at the family home on",
                    "05.01.2024 after a neighbour called the police.",
                    "12/01/2024 - Strategy discussion held.",
                ],
            ]
        )
    )
    assert [(e["page"], e["sentence"], e["date"]) for e in mine(path)] == [
        (
            2,
            "Mr. Pask was arrested at the family home on 05.01.2024 after a neighbour called the police.",
            "2024-01-05",
        ),
        (2, "12/01/2024 - Strategy discussion held.", "2024-01-12"),
    ]


def test_a_file_with_no_dated_event_prints_an_empty_list(tmp_path):
    text = tmp_path / "empty.txt"
    text.write_text("Under s.31 Children Act 1989.\fDate: 12/03/2023\f", encoding="utf-8")
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(text_pdf([["Chronology 2023"], []]))
    assert mine(text) == []
    assert mine(pdf) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such file"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 50, "damaged or not a whole PDF"),
        ("truncated", "damaged or not a whole PDF"),
        ("encrypted", "protected by a password"),
        (b"\xff\xfe\x00binary", "neither a PDF nor UTF-8 text"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bundle.pdf"
    whole = text_pdf([["On 12 March 2023 police attended the home."]] * 3)
    if content == "truncated":
        path.write_bytes(whole[: len(whole) // 2])
    elif content == "encrypted":
        out = io.BytesIO()
        pikepdf.open(io.BytesIO(whole)).save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
        path.write_bytes(out.getvalue())
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        mine(path)


def test_from_the_command_line_a_damaged_file_exits_non_zero_without_a_traceback(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(text_pdf([["On 12 March 2023 police attended."]])[:200])
    result = subprocess.run(
        [sys.executable, "manage.py", "mine_chronology", str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "damaged or not a whole PDF" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("labelled_set", [LABELLED_SET, HELDOUT_SET], ids=["labelled", "held-out"])
def test_the_miner_meets_its_precision_and_recall_targets(labelled_set):
    out = io.StringIO()
    call_command("miner_score", str(labelled_set), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["precision"] >= 0.95
    assert result["recall"] >= 0.90


def test_the_labelled_set_is_large_and_full_of_decoys():
    items = json.loads(LABELLED_SET.read_text(encoding="utf-8"))["items"]
    assert len(items) >= 300
    assert sum(1 for item in items if not item["events"]) >= 100


def test_miner_score_prints_its_figures_and_refuses_a_file_that_is_not_a_labelled_set(tmp_path):
    out = io.StringIO()
    call_command("miner_score", stdout=out)
    assert "precision" in out.getvalue()
    assert "recall" in out.getvalue()
    bad = tmp_path / "bad.json"
    bad.write_text('{"items": [1, 2]}', encoding="utf-8")
    with pytest.raises(CommandError, match="not a labelled set"):
        call_command("miner_score", str(bad))
