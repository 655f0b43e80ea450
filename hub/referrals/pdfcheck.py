"""Checks a court bundle PDF before the hub keeps it. No Django here.

A bundle must really be a PDF (by its content, not its name), open without a
password, be whole (not truncated or damaged), and fit the size limit.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pikepdf

_CHUNK = 1024 * 1024
# A PDF's end-of-file marker sits in its last bytes; a truncated upload loses it.
_TAIL_BYTES = 2048


class BundleRejected(Exception):
    """The file cannot be kept; the message says why in words a referrer understands."""


@dataclass(frozen=True)
class CheckedPdf:
    size_bytes: int
    page_count: int
    sha256: str


def check_bundle_pdf(path: Path, *, display_name: str, max_bytes: int) -> CheckedPdf:
    size = path.stat().st_size
    if size == 0:
        raise BundleRejected(f"{display_name} is empty")
    if size > max_bytes:
        raise BundleRejected(f"{display_name} must be smaller than {max_bytes // (1024 * 1024)} MB")
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
    except pikepdf.PasswordError:
        raise BundleRejected(f"{display_name} is protected with a password: remove it and upload it again") from None
    except pikepdf.PikepdfError:  # PdfError, and qpdf faults such as a wrong /Count in the page tree
        raise BundleRejected(f"{display_name} is damaged and cannot be opened") from None
    if page_count == 0:
        raise BundleRejected(f"{display_name} has no pages")
    return CheckedPdf(size_bytes=size, page_count=page_count, sha256=digest.hexdigest())
