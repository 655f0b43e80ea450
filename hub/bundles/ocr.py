"""Reading a scanned page with Tesseract (Debian's tesseract-ocr), drawn by pypdfium2.

No Django here. Tesseract is a separate program, called once per page with the
image on its standard input; `scripts/install.sh` installs it when missing.
"""

import shutil
import subprocess
from pathlib import Path

from hub.bundles.extract import render_page_png

TIMEOUT_SECONDS = 120


class OcrUnavailable(Exception):
    """Tesseract is not installed or failed on a page."""


def available() -> bool:
    return shutil.which("tesseract") is not None


def read_scanned_page(path: Path, number: int, *, language: str = "eng") -> str:
    program = shutil.which("tesseract")
    if program is None:
        raise OcrUnavailable("Tesseract is not installed on this server (scripts/install.sh installs it)")
    image = render_page_png(path, number)
    try:
        done = subprocess.run(  # noqa: S603 (a fixed program and arguments; the image goes on stdin)
            [program, "stdin", "stdout", "-l", language, "--psm", "3"],
            input=image,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise OcrUnavailable(f"Tesseract took longer than {TIMEOUT_SECONDS} seconds on page {number}") from None
    if done.returncode != 0:
        raise OcrUnavailable(f"Tesseract could not read page {number}")
    return done.stdout.decode("utf-8", errors="replace").replace("\x0c", "").strip()
