"""Checks a court bundle PDF before the hub keeps it. No Django here.

A bundle must really be a PDF (by its content, not its name), open without a
password, be whole (not truncated or damaged), fit the size limit, and not be a
decompression bomb: a small file whose compressed streams expand to gigabytes
when a viewer, an indexer or a virus scanner opens it.
"""

import contextlib
import hashlib
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import pikepdf

_CHUNK = 1024 * 1024
# A PDF's end-of-file marker sits in its last bytes; a truncated upload loses it.
_TAIL_BYTES = 2048


class BundleRejected(Exception):
    """The file cannot be kept; the message says why in words a referrer understands."""


class BundleCheckUnavailable(BundleRejected):
    """The file could not be checked just now (the virus scanner is down): try again later."""


@dataclass(frozen=True)
class BombLimits:
    """How far the check lets compressed streams expand before calling the file a bomb.

    A scanned page compresses perhaps 10 to 100 times; a bomb as much as deflate
    allows, about 1,000 times, in every layer.
    Decoding stops as soon as a limit is passed, so neither memory (one chunk at a
    time) nor time (the total budget) can run away.
    """

    # One stream more than this many times its compressed size, once it is big
    # (no honest stream grows past 64 MB at such a ratio; deflate tops out near 1,000)...
    max_ratio: int = 200
    ratio_applies_above_bytes: int = 64 * 1024 * 1024
    # ...or everything together more than this, or filters stacked deeper than this.
    max_total_bytes: int = 2 * 1024 * 1024 * 1024
    max_filter_depth: int = 3
    max_seconds: float = 60.0


DEFAULT_BOMB_LIMITS = BombLimits()


def size_label(size: int) -> str:
    """A file size as people read it: 250 MB, 1.5 MB, 800 KB."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


@dataclass(frozen=True)
class CheckedPdf:
    size_bytes: int
    page_count: int
    sha256: str


def check_bundle_pdf(
    path: Path, *, display_name: str, max_bytes: int, bomb_limits: BombLimits = DEFAULT_BOMB_LIMITS
) -> CheckedPdf:
    size = path.stat().st_size
    if size == 0:
        raise BundleRejected(f"{display_name} is empty")
    if size > max_bytes:
        raise BundleRejected(f"{display_name} must be smaller than {size_label(max_bytes)}")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        head = handle.read(1024)
        if b"%PDF-" not in head:
            raise BundleRejected(f"{display_name} must be a PDF")
        digest.update(head)
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
        handle.seek(max(0, size - _TAIL_BYTES))
        if b"%%EOF" not in handle.read():
            raise BundleRejected(f"{display_name} is incomplete or damaged: upload it again from the original")
    try:
        # No recovery: a PDF that only opens after qpdf rebuilds it is damaged.
        with pikepdf.open(path, attempt_recovery=False) as pdf:
            if pdf.is_encrypted:
                raise BundleRejected(f"{display_name} is protected: remove the password and upload it again")
            page_count = len(pdf.pages)
            _refuse_decompression_bombs(pdf, display_name=display_name, limits=bomb_limits)
    except pikepdf.PasswordError:
        raise BundleRejected(f"{display_name} is protected with a password: remove it and upload it again") from None
    except pikepdf.PikepdfError:  # PdfError, and qpdf faults such as a wrong /Count in the page tree
        raise BundleRejected(f"{display_name} is damaged and cannot be opened") from None
    if page_count == 0:
        raise BundleRejected(f"{display_name} has no pages")
    return CheckedPdf(size_bytes=size, page_count=page_count, sha256=digest.hexdigest())


def _filters(stream: pikepdf.Stream) -> list[str]:
    named = stream.get("/Filter")
    if named is None:
        return []
    if isinstance(named, pikepdf.Array):
        return [_filter_name(item) for item in named]
    return [_filter_name(named)]


def _filter_name(item: pikepdf.Object) -> str:
    # A damaged file can name a filter in bytes that are not UTF-8 (/#80lateDecode),
    # which str() cannot decode; its PDF spelling is plain ASCII and names no real filter.
    try:
        return str(item)
    except UnicodeDecodeError:
        return bytes(item.unparse()).decode("ascii", "replace")


def _expanded_size(raw: bytes, *, layers: int, budget: int, deadline: float) -> int:
    """How many bytes `layers` stacked Flate filters expand `raw` to, stopping past `budget`.

    Each layer is inflated a chunk at a time and its output fed to the next, so
    memory stays at about one chunk per layer whatever the bomb holds.
    """
    inflaters = [zlib.decompressobj() for _ in range(layers)]
    total = 0

    def feed(level: int, data: bytes) -> None:
        nonlocal total
        inflater = inflaters[level]
        pending = data
        while pending or inflater.unconsumed_tail:
            chunk = inflater.decompress(inflater.unconsumed_tail or pending, _CHUNK)
            pending = b""
            if level + 1 < layers:
                feed(level + 1, chunk)
            else:
                total += len(chunk)
            if total > budget or time.monotonic() > deadline:
                return
            if not chunk and not inflater.unconsumed_tail:
                return

    # A stream that does not inflate is for the PDF reader to complain about, not
    # a bomb; the file opened, so it is kept as it is.
    with contextlib.suppress(zlib.error):
        feed(0, raw)
    return total


def _refuse_decompression_bombs(pdf: pikepdf.Pdf, *, display_name: str, limits: BombLimits) -> None:
    deadline = time.monotonic() + limits.max_seconds
    total = 0
    bomb = BundleRejected(
        f"{display_name} expands far beyond its size when opened, as a decompression bomb does, so it cannot be kept"
    )
    for item in pdf.objects:
        if not isinstance(item, pikepdf.Stream):
            continue
        filters = _filters(item)
        if len(filters) > limits.max_filter_depth:
            raise bomb
        if not filters or any(name != "/FlateDecode" for name in filters):
            continue  # images (DCT, JBIG2, CCITT) and uncompressed streams do not balloon like this
        raw = item.read_raw_bytes()
        # Decode no further than this stream may honestly expand, so a bomb is
        # caught after a few megabytes rather than after all it would unpack.
        allowed = max(limits.ratio_applies_above_bytes, limits.max_ratio * len(raw))
        budget = min(allowed, limits.max_total_bytes - total)
        expanded = _expanded_size(raw, layers=len(filters), budget=budget, deadline=deadline)
        total += expanded
        if expanded > budget:
            raise bomb
        if time.monotonic() > deadline:
            raise BundleRejected(f"{display_name} took too long to check: split it into smaller files and try again")
