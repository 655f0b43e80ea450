"""`manage.py mine_chronology FILE --json`: the dated events of a court bundle, as JSON.

Reads a PDF (text by pypdfium2, page by page) or a plain-text file (a form feed
starts a new page). A file that cannot be read is a clear error and a non-zero
exit, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.bundles.miner import mine_pages, mine_text


def pdf_pages(path: Path) -> Iterator[tuple[int, str]]:
    """(page number from 1, text) of each page of a PDF; CommandError if it cannot be read."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise CommandError(f"{path} is protected by a password: save it without one and try again.") from None
        raise CommandError(f"{path} is damaged or not a whole PDF ({error}).") from None
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                text_page = page.get_textpage()
                try:
                    yield index + 1, text_page.get_text_range()
                finally:
                    text_page.close()
            finally:
                page.close()
    except pypdfium2.PdfiumError as error:
        raise CommandError(f"{path}: page {index + 1} cannot be read ({error}).") from None
    finally:
        document.close()


class Command(BaseCommand):
    help = "Find the dated events in a court bundle (PDF or plain text, a form feed per page) and print them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a PDF, or a plain-text file whose pages are separated by form feeds")
        parser.add_argument("--json", action="store_true", help="print a JSON list, one object per event")

    def handle(self, *args: Any, file: str, json: bool, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with path.open("rb") as handle:
                head = handle.read(1024)
        except OSError as error:
            raise CommandError(f"{path} cannot be read ({error.strerror}).") from None
        if b"%PDF-" in head:
            events = mine_pages(pdf_pages(path))
        else:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise CommandError(f"{path} is neither a PDF nor UTF-8 text.") from None
            events = mine_text(text)
        if json:
            self.stdout.write(_json_dumps([asdict(event) for event in events]))
            return
        for event in events:
            until = f" to {event.end_date}" if event.end_date else ""
            self.stdout.write(f"p{event.page}\t{event.date}{until} ({event.precision})\t{event.sentence}")


def _json_dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
