"""Small real PDFs made with pikepdf, for demo data, tests and benchmarks."""

import io

import pikepdf


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_bundle_pdf(*, title: str, pages: int = 3, section: str = "C") -> bytes:
    """A paginated bundle: each page carries a bundle page label such as C1, C2."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    for number in range(1, pages + 1):
        lines = [title, f"Page {section}{number}", "Synthetic document made for demonstration and testing."]
        ops = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
        ops += [f"({_escape(line)}) Tj T*" for line in lines]
        ops.append("ET")
        page = pikepdf.Page(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Page,
                MediaBox=[0, 0, 595, 842],
                Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                Contents=pdf.make_stream("\n".join(ops).encode("latin-1")),
            )
        )
        pdf.pages.append(page)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()
