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


def _zeros_compressed(megabytes: int, layers: int = 1) -> bytes:
    """Zeros deflated a megabyte at a time, so the test never holds the expanded bomb itself."""
    import zlib

    packer = zlib.compressobj(9)
    packed = b"".join(packer.compress(bytes(1024 * 1024)) for _ in range(megabytes)) + packer.flush()
    for _ in range(layers - 1):
        packed = zlib.compress(packed, 9)
    return packed


def _pdf_with_stream(tmp_path, data: bytes, layers: int) -> Path:
    import io

    pdf = pikepdf.open(io.BytesIO(make_bundle_pdf(title="x", pages=1)))
    stream = pikepdf.Stream(pdf, data)
    stream.Filter = pikepdf.Array([pikepdf.Name.FlateDecode] * layers) if layers > 1 else pikepdf.Name.FlateDecode
    pdf.Root.Extra = pdf.make_indirect(stream)
    path = tmp_path / "bomb.pdf"
    pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


@pytest.mark.parametrize("layers", [1, 2], ids=["deflate-bomb", "nested-deflate-bomb"])
def test_it_refuses_a_decompression_bomb_quickly_and_in_little_memory(tmp_path, layers):
    import time
    import tracemalloc

    path = _pdf_with_stream(tmp_path, _zeros_compressed(200, layers), layers)
    assert path.stat().st_size < 300_000  # 200 MB of zeros hidden in a small file
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(BundleRejected, match="decompression bomb"):
        check_bundle_pdf(path, display_name="bomb.pdf", max_bytes=10**8)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert time.monotonic() - started < 10
    assert peak < 32 * 1024 * 1024


def test_it_refuses_filters_stacked_deeper_than_any_real_pdf(tmp_path):
    path = _pdf_with_stream(tmp_path, _zeros_compressed(1, layers=5), layers=5)
    with pytest.raises(BundleRejected, match="decompression bomb"):
        check_bundle_pdf(path, display_name="deep.pdf", max_bytes=10**8)


def test_it_keeps_a_pdf_whose_streams_expand_as_real_ones_do(tmp_path):
    import os
    import zlib

    # Text-like content: about ten times smaller compressed, as a real page is.
    text = b" ".join(os.urandom(8).hex().encode() for _ in range(200_000))
    path = _pdf_with_stream(tmp_path, zlib.compress(text), 1)
    assert check_bundle_pdf(path, display_name="ok.pdf", max_bytes=10**8).page_count == 1
