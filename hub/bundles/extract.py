"""Reading a bundle PDF's pages with pypdfium2, in worker processes.

No Django here: these functions run in a process pool (pdfium is not thread-safe,
so each process opens the file itself) and return plain data. The miner runs in
the same process on the pages it has just read, so both cores mine as well as read.
"""

import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from hub.bundles import labels
from hub.bundles.miner import MinedEvent, mine_pages

# A page with fewer characters than this (ignoring spaces) has no real text layer:
# a scan, perhaps with a stamped page number.
SCANNED_BELOW_CHARACTERS = 16
# Files this small are read in one process: starting a pool would cost more than it saves.
POOL_FROM_PAGES = 200


class PdfUnreadable(Exception):
    def __init__(self, problem: str, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True)
class ReadPage:
    number: int  # from 1
    text: str
    label: str
    scanned: bool
    mined: list[dict[str, object]] = field(default_factory=list)


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except FileNotFoundError:
        raise PdfUnreadable("missing", "The stored file is missing: upload it again") from None
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_FILE and not path.exists():
            raise PdfUnreadable("missing", "The stored file is missing: upload it again") from None
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise PdfUnreadable("encrypted", "The file is protected by a password: upload it without one") from None
        raise PdfUnreadable("damaged", "The file is damaged or is not a PDF: upload a whole copy") from None


def page_count(path: Path) -> int:
    document = _open(path)
    try:
        return len(document)
    finally:
        document.close()


def event_dict(event: MinedEvent) -> dict[str, object]:
    return {
        "page": event.page,
        "sentence": event.sentence,
        "date": event.date,
        "precision": event.precision,
        "end_date": event.end_date,
    }


_open_document: tuple[str, int, pdfium.PdfDocument] | None = None


def _reader_document(path: str) -> pdfium.PdfDocument:
    """The file this reader process has open, kept between batches (opening parses the whole page tree)."""
    global _open_document
    stamp = os.stat(path).st_mtime_ns
    if _open_document is not None and _open_document[:2] == (path, stamp):
        return _open_document[2]
    if _open_document is not None:
        _open_document[2].close()
        _open_document = None
    document = _open(Path(path))
    _open_document = (path, stamp, document)
    return document


def read_pages(path: str, numbers: list[int], *, keep_open: bool = True) -> list[ReadPage]:
    """Text, provisional label, scanned flag and mined events for these pages (numbers from 1)."""
    global _open_document
    if keep_open:
        try:
            document = _reader_document(path)
        except FileNotFoundError:
            raise PdfUnreadable("missing", "The stored file is missing: upload it again") from None
    else:
        document = _open(Path(path))
    try:
        sources: list[labels.PageLabelSource] = []
        for number in numbers:
            try:
                page = document[number - 1]
            except (pdfium.PdfiumError, IndexError):
                raise PdfUnreadable("damaged", f"Page {number} of the file is damaged: upload a whole copy") from None
            try:
                textpage = page.get_textpage()
                text = textpage.get_text_bounded() if textpage.count_chars() else ""
                textpage.close()
            finally:
                page.close()
            text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
            sources.append(labels.PageLabelSource(number, text, document.get_page_label(number - 1) or None))
    except PdfUnreadable:
        if keep_open:
            _open_document = None
        document.close()
        raise
    finally:
        if not keep_open:
            document.close()
    provisional = labels.court_labels(sources)
    mined: dict[int, list[dict[str, object]]] = {}
    for event in mine_pages((s.number, s.text) for s in sources):
        mined.setdefault(event.page, []).append(event_dict(event))
    return [
        ReadPage(
            number=s.number,
            text=s.text,
            label=label,
            scanned=len("".join(s.text.split())) < SCANNED_BELOW_CHARACTERS,
            mined=mined.get(s.number, []),
        )
        for s, label in zip(sources, provisional, strict=True)
    ]


def batches(numbers: list[int], size: int) -> list[list[int]]:
    return [numbers[i : i + size] for i in range(0, len(numbers), size)]


def workers() -> int:
    return max(1, min(2, len(os.sched_getaffinity(0))))


_pool: ProcessPoolExecutor | None = None


def _reader_pool() -> ProcessPoolExecutor:
    """The reader processes, started once and kept by the task worker between bundles.

    forkserver: each reader is a clean child that shares nothing with the worker's
    database connection or threads; the server imports this module once, so a new
    reader starts without importing pdfium or the miner again.
    """
    global _pool
    if _pool is None:
        context = get_context("forkserver")
        context.set_forkserver_preload(["hub.bundles.extract"])
        _pool = ProcessPoolExecutor(max_workers=workers(), mp_context=context)
    return _pool


def _reader_pool_discard() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


def read_in_pool(path: Path, numbers: list[int], *, batch_size: int = 100) -> Iterator[list[ReadPage]]:
    """Batches of read pages in file order, read by one process per core.

    Batches come back in order, each as soon as it and those before it are done, so
    the caller can store them and report progress while the rest are read.
    """
    if len(numbers) < POOL_FROM_PAGES or workers() == 1:
        for batch in batches(numbers, batch_size):
            yield read_pages(str(path), batch, keep_open=False)
        return
    try:
        pool = _reader_pool()
        pending: list[Future[list[ReadPage]]] = [
            pool.submit(read_pages, str(path), batch) for batch in batches(numbers, batch_size)
        ]
    except BrokenProcessPool:
        _reader_pool_discard()
        raise
    try:
        for future in pending:
            yield future.result()
    except BrokenProcessPool:
        # A reader died (killed, out of memory): start afresh next time.
        _reader_pool_discard()
        raise
    finally:
        for future in pending:
            future.cancel()


def render_page_png(path: Path, number: int, *, scale: float = 300 / 72) -> bytes:
    """One page drawn as a PNG at 300 dpi, for OCR."""
    import io

    document = _open(path)
    try:
        page = document[number - 1]
        bitmap = page.render(scale=scale, grayscale=True)
        image = bitmap.to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        page.close()
        return buffer.getvalue()
    finally:
        document.close()
