"""Each kind of bad bundle file gets its own clear reason, and a good one passes."""

from pathlib import Path

import pikepdf
import pytest

from hub.core.documents import make_bundle_pdf
from hub.referrals.pdfcheck import BundleRejected, check_bundle_pdf


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def encrypted_pdf(tmp_path: Path) -> bytes:
    with pikepdf.open(write(tmp_path, "plain.pdf", make_bundle_pdf(title="x", pages=1))) as pdf:
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(owner="owner", user="user"))
    return (tmp_path / "locked.pdf").read_bytes()


def test_it_accepts_a_whole_pdf_and_counts_its_pages(tmp_path):
    checked = check_bundle_pdf(
        write(tmp_path, "b.pdf", make_bundle_pdf(title="x", pages=7)), display_name="b.pdf", max_bytes=10**7
    )
    assert checked.page_count == 7
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp: b"", "is empty"),
        (lambda tmp: b"PK\x03\x04 this is a zip file", "must be a PDF"),
        (lambda tmp: b"%PDF-1.7\n" + b"x" * 20, "incomplete or damaged"),
        (lambda tmp: make_bundle_pdf(title="x", pages=3)[:-400], "incomplete or damaged"),
        (lambda tmp: make_bundle_pdf(title="x", pages=3)[:300] + b"\n%%EOF\n", "damaged"),
        (encrypted_pdf, "password"),
    ],
    ids=["empty", "not-a-pdf", "header-only", "truncated", "damaged", "encrypted"],
)
def test_it_rejects_a_bad_file_with_a_reason(tmp_path, make, reason):
    path = write(tmp_path, "bad.pdf", make(tmp_path))
    with pytest.raises(BundleRejected, match=reason):
        check_bundle_pdf(path, display_name="bad.pdf", max_bytes=10**7)


def test_it_rejects_a_file_over_the_limit(tmp_path):
    path = write(tmp_path, "big.pdf", make_bundle_pdf(title="x", pages=2))
    with pytest.raises(BundleRejected, match="smaller than"):
        check_bundle_pdf(path, display_name="big.pdf", max_bytes=100)
