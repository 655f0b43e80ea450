"""Synthetic court bundles as real PDFs: paginated with the court's labels, dated events, and a scanned page.

Used by the demo data, the tests and the benchmarks. Everything in them is made up.
"""

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import pikepdf

_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


@dataclass(frozen=True)
class BundlePageSpec:
    lines: Sequence[str] = ()
    scanned: bool = False  # drawn as an image with no text layer, like a scan
    scanned_lines: Sequence[str] = field(default_factory=tuple)  # the words in the scan, for OCR


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _scan_image(lines: Sequence[str]) -> tuple[bytes, int, int]:
    """A grey A4-ish picture of the lines at 150 dpi, as raw 8-bit grey pixels."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1240, 1754
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    for path in _FONT_FILES:
        try:
            font = ImageFont.truetype(path, 36)
            break
        except OSError:
            continue
    else:
        font = ImageFont.load_default()
    y = 150
    for line in lines:
        draw.text((120, y), line, fill=0, font=font)
        y += 60
    return image.tobytes(), width, height


def make_court_bundle(
    pages: Sequence[BundlePageSpec], *, page_labels: Sequence[tuple[int, str, int]] | None = None
) -> bytes:
    """A PDF with one page per spec; `page_labels` writes /PageLabels ranges: (first index, prefix, first number)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    resources = pdf.make_indirect(pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))
    for spec in pages:
        if spec.scanned:
            pixels, width, height = _scan_image(spec.scanned_lines)
            image = pikepdf.Stream(pdf, zlib.compress(pixels, 6))
            image.Type = pikepdf.Name.XObject
            image.Subtype = pikepdf.Name.Image
            image.Width, image.Height = width, height
            image.ColorSpace = pikepdf.Name.DeviceGray
            image.BitsPerComponent = 8
            image.Filter = pikepdf.Name.FlateDecode
            content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
            page_resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im1=image))
        else:
            ops = ["BT", "/F1 11 Tf", "56 790 Td", "14 TL"]
            ops += [f"({_escape(line)}) Tj T*" for line in spec.lines]
            ops.append("ET")
            content = "\n".join(ops).encode("cp1252", errors="replace")
            page_resources = resources
        pdf.pages.append(
            pikepdf.Page(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Page,
                    MediaBox=[0, 0, 595, 842],
                    Resources=page_resources,
                    Contents=pdf.make_stream(content),
                )
            )
        )
    if page_labels:
        nums: list[object] = []
        for first, prefix, start in page_labels:
            nums += [first, pikepdf.Dictionary(S=pikepdf.Name.D, P=pikepdf.String(prefix), St=start)]
        pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(nums))
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def demo_bundle_pdf(*, case_number: str) -> bytes:
    """The demo's bundle: an index, a section divider, statements with labels C1-C6, dated events, one scan."""
    pages = [
        BundlePageSpec(
            [
                "INDEX",
                f"Court bundle, case {case_number}",
                "Section C: Statements ..... C1-C6",
                "Section E: Police ..... E1",
            ]
        ),
        BundlePageSpec(["SECTION C", "Statements of evidence"]),
        BundlePageSpec(
            [
                "C1",
                "Social work evidence statement (synthetic)",
                "The family first became known to children's services in Sept 2020 after a referral from the school.",
                "On 12 March 2023 police attended the family home following a report of domestic abuse.",
            ]
        ),
        BundlePageSpec(
            [
                "C2",
                "Between 2 and 19 July 2020 the children stayed with their maternal grandmother.",
                "The mother attended a parenting course on 05.01.2024 and completed four of six sessions.",
            ]
        ),
        BundlePageSpec(
            [
                "C3",
                "A child protection conference was held on 3 April 2023 and the children were made subject to plans.",
                "The Children Act 1989 section 31 threshold is set out in the local authority's application.",
            ]
        ),
        BundlePageSpec(
            scanned=True,
            scanned_lines=[
                "C4",
                "Health visitor record (scanned)",
                "On 14 June 2023 the health visitor saw the baby",
                "at home and noted good weight gain.",
            ],
        ),
        BundlePageSpec(
            [
                "C5",
                "The interim care order was made on 21 August 2023.",
                "In 2019 the father moved to the area.",
            ]
        ),
        BundlePageSpec(["C6", "Statement of truth. Signed by the allocated social worker (synthetic)."]),
        BundlePageSpec(
            [
                "E1",
                "Police disclosure (synthetic)",
                "On 12 March 2023 police attended the family home after a report of domestic abuse.",
            ]
        ),
    ]
    return make_court_bundle(pages)
