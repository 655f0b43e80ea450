"""Build the hub's default Word templates for court statements and outcome letters.

    .venv/bin/python -m hub.reports.make_default_template

writes `templates_docx/court_statement.docx` and `templates_docx/outcome_letter.docx`.
They are committed; run this again only after changing it. An administrator may
replace either file with their own design (open it in Word, restyle, keep the
fields): `documents.docx_template_problems` says what a replacement is missing.

The fields a statement template can use (docxtpl: `{{ field }}` in text,
`{%p ... %}` alone in a paragraph, `{%tr ... %}` alone in a table row,
`{% cellbg colour %}` at the start of a cell):

- court, case_number, title, date ("3 May 2026"), confidential ("Confidential",
  or "Confidential - DRAFT"), draft (true or false), confidentiality_notice;
- parties and children: lists of lines;
- author.name, author.role, author.qualifications, author.organisation, author.registration;
- sections: each with heading; paragraphs (each number, text, source,
  source_note); questions (each number, question, answer: paragraphs as
  above); outcome_rows (each area, rating, rating_class, fill, comment) and
  outcome_table_caption;
- chronology (each when, event, source) and chronology_appendix (its letter,
  empty when there is none); sources (each source, weight, comment) and
  sources_appendix;
- statement_of_truth: its paragraphs; paragraph_count; questions_count.

Required in a statement template: court, case_number, parties, title, author,
date, confidentiality_notice, sections, chronology, sources, statement_of_truth,
and in the header or footer of every page the case number, the word
"Confidential" and a page number.

An outcome letter template can use: recipient_name, recipient_address (lines),
hub_name, hub_address (lines), hub_telephone, assessor_name, assessor_role,
date, reference, salutation, assessment_type, children (list), children_text
("A, B and C"), what_went_well, worries, what_we_will_tell_the_court (lists),
court, filing_date, contact_name, contact_telephone, contact_email, advocacy,
privacy_note, confidential. Required: recipient_name, hub_name,
what_we_will_tell_the_court, contact_telephone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

OUT = Path(__file__).resolve().parent / "templates_docx"
TEXT_WIDTH = Cm(16)  # A4 less 2.5 cm margins
GREY = RGBColor(0x50, 0x5A, 0x5F)


def _document() -> Any:
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.2)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 16), ("Heading 1", 13), ("Heading 2", 11.5)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    numbered = styles.add_style("Numbered paragraph", WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = normal
    numbered.paragraph_format.left_indent = Cm(1.2)
    numbered.paragraph_format.first_line_indent = Cm(-1.2)
    numbered.paragraph_format.tab_stops.add_tab_stop(Cm(1.2))
    numbered.paragraph_format.space_after = Pt(8)
    small = styles.add_style("Small print", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(9)
    return document


def _tag(container: Any, text: str) -> None:
    """A paragraph holding only a docxtpl tag: docxtpl removes the paragraph itself."""
    container.add_paragraph(text)


def _line(
    container: Any,
    text: str,
    *,
    style: str | None = None,
    bold: bool = False,
    align: Any = None,
    page_break_before: bool = False,
    tight: bool = False,
) -> Any:
    paragraph = container.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.bold = bold or None
    if align is not None:
        paragraph.alignment = align
    if page_break_before:
        paragraph.paragraph_format.page_break_before = True
    if tight:  # lines of an address
        paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in as they lay out the pages."""

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run("1")
    char("end")


def _border(paragraph: Any) -> None:
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "8")
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    paragraph._p.get_or_add_pPr().append(borders)


def _header_footer(document: Any, *, page_numbers: bool, case_number: bool) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    tabs = header.paragraph_format.tab_stops
    # The Header style's own stops (centre 8.25 cm, right 16.5 cm) are cleared so
    # the one tab puts "Confidential" against the right margin.
    for position in (Twips(4680), Twips(9360)):
        tabs.add_tab_stop(position, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    if case_number:
        header.add_run("Case number: {{ case_number }}")
    header.add_run("\t")
    header.add_run("{{ confidential }}").bold = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if page_numbers:
        footer.add_run("Page ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")


def _table(container: Any, headings: list[str], cells: list[str], loop: str, widths: list[float]) -> Any:
    """A table with a repeated heading row and one row repeated for each item of `loop`."""
    table = container.add_table(rows=4, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    heading_row, start_row, body_row, end_row = table.rows
    # Repeat the heading row at the top of every page the table runs onto.
    row_properties = heading_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row_properties.append(repeat)
    for index, heading in enumerate(headings):
        heading_row.cells[index].paragraphs[0].add_run(heading).bold = True
    start_row.cells[0].paragraphs[0].add_run(f"{{%tr for row in {loop} %}}")
    end_row.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for index, text in enumerate(cells):
        body_row.cells[index].paragraphs[0].add_run(text)
    # Word reads the cell widths, LibreOffice the grid's: set both.
    table.autofit = False
    for index, width in enumerate(widths):
        table.columns[index].width = Cm(width)
    for row in table.rows:
        for index, width in enumerate(widths):
            row.cells[index].width = Cm(width)
    return table


def _numbered(container: Any, item: str) -> None:
    paragraph = container.add_paragraph(style="Numbered paragraph")
    paragraph.add_run(f"{{{{ {item}.number }}}}.")
    paragraph.add_run("\t")
    paragraph.add_run(f"{{{{ {item}.text }}}}")
    paragraph.add_run(f"{{%r if {item}.source %}}")
    source = paragraph.add_run()
    source.add_break()
    source.add_text(f"Source: {{{{ {item}.source }}}}")
    source.italic = True
    source.font.size = Pt(9)
    source.font.color.rgb = GREY
    paragraph.add_run("{%r endif %}")


def court_statement() -> Any:
    document = _document()
    _header_footer(document, page_numbers=True, case_number=True)
    body = document
    _line(body, "Case number: {{ case_number }}", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _line(body, "{{ court }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _line(body, "In the matter of the Children Act 1989", align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(body, "{%p if children %}")
    _line(body, "And in the matter of", align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(body, "{%p for child in children %}")
    _line(body, "{{ child }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(body, "{%p endfor %}")
    _tag(body, "{%p endif %}")
    _line(body, "Between", align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(body, "{%p for party in parties %}")
    _line(body, "{{ party }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(body, "{%p if not loop.last %}")
    _line(body, "and", align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(body, "{%p endif %}")
    _tag(body, "{%p endfor %}")

    _line(body, "{{ title }}", style="Title")
    _line(body, "Report of {{ author.name }}, {{ author.role }}, {{ author.organisation }}")
    _line(body, "Qualifications: {{ author.qualifications }}")
    _tag(body, "{%p if author.registration %}")
    _line(body, "Registration: {{ author.registration }}")
    _tag(body, "{%p endif %}")
    _line(body, "Date of report: {{ date }}")
    _border(_line(body, "{{ confidentiality_notice }}", bold=True))

    _tag(body, "{%p for section in sections %}")
    _line(body, "{{ section.heading }}", style="Heading 1")
    _tag(body, "{%p for item in section.paragraphs %}")
    _numbered(body, "item")
    _tag(body, "{%p endfor %}")
    _tag(body, "{%p for question in section.questions %}")
    _line(body, "Question {{ question.number }}: {{ question.question }}", style="Heading 2")
    _tag(body, "{%p for item in question.answer %}")
    _numbered(body, "item")
    _tag(body, "{%p endfor %}")
    _tag(body, "{%p endfor %}")
    _tag(body, "{%p if section.outcome_rows %}")
    _line(body, "{{ section.outcome_table_caption }}", bold=True)
    _table(
        body,
        ["Area", "Rating", "Comment"],
        ["{{ row.area }}", "{% cellbg row.fill %}{{ row.rating }}", "{{ row.comment }}"],
        "section.outcome_rows",
        [4.5, 2.5, 9],
    )
    _tag(body, "{%p endif %}")
    _tag(body, "{%p endfor %}")

    # The statement of truth and the signature stay together on one page.
    _line(body, "Statement of truth", style="Heading 1")
    _tag(body, "{%p for text in statement_of_truth %}")
    _line(body, "{{ text }}").paragraph_format.keep_with_next = True
    _tag(body, "{%p endfor %}")
    _line(body, "Signed: ..............................................").paragraph_format.keep_with_next = True
    _line(body, "{{ author.name }}", bold=True).paragraph_format.keep_with_next = True
    _line(body, "{{ author.role }}, {{ author.organisation }}").paragraph_format.keep_with_next = True
    _line(body, "Dated: {{ date }}")

    _tag(body, "{%p if chronology %}")
    _line(body, "Appendix {{ chronology_appendix }}: Chronology", style="Heading 1", page_break_before=True)
    _table(
        body,
        ["Date", "Event", "Source"],
        ["{{ row.when }}", "{{ row.event }}", "{{ row.source }}"],
        "chronology",
        [3, 8.5, 4.5],
    )
    _tag(body, "{%p endif %}")
    _tag(body, "{%p if sources %}")
    _line(
        body,
        "Appendix {{ sources_appendix }}: Sources of information and their weight",
        style="Heading 1",
        page_break_before=True,
    )
    _table(
        body,
        ["Source", "Weight", "Comment"],
        ["{{ row.source }}", "{{ row.weight }}", "{{ row.comment }}"],
        "sources",
        [6, 3, 7],
    )
    _tag(body, "{%p endif %}")
    _line(body, "End of report", style="Small print", align=WD_ALIGN_PARAGRAPH.CENTER)
    return document


def outcome_letter() -> Any:
    document = _document()
    _header_footer(document, page_numbers=True, case_number=False)
    body = document
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _line(body, "{{ hub_name }}", bold=True, align=right, tight=True)
    _tag(body, "{%p for line in hub_address %}")
    _line(body, "{{ line }}", align=right, tight=True)
    _tag(body, "{%p endfor %}")
    _line(body, "Telephone: {{ hub_telephone }}", align=right)
    _line(body, "{{ date }}", align=right, tight=True)
    _tag(body, "{%p if reference %}")
    _line(body, "Our reference: {{ reference }}", align=right, tight=True)
    _tag(body, "{%p endif %}")
    _line(body, "Private and confidential", bold=True).paragraph_format.space_before = Pt(12)
    _line(body, "{{ recipient_name }}", tight=True)
    _tag(body, "{%p for line in recipient_address %}")
    _line(body, "{{ line }}", tight=True)
    _tag(body, "{%p endfor %}")
    _line(body, "{{ salutation }},").paragraph_format.space_before = Pt(18)
    _line(body, "Your {{ assessment_type }}", style="Heading 1")
    _line(
        body,
        "I have finished the {{ assessment_type }} that the court asked us to do"
        "{% if children %} about {{ children_text }}{% endif %}. Thank you for working with me. "
        "This letter tells you what I found and what I am going to tell the court.",
    )
    for heading, items, style in (
        ("Things that are good and you do well", "what_went_well", "List Bullet"),
        ("Things I am worried about", "worries", "List Bullet"),
        ("What I am going to tell the court", "what_we_will_tell_the_court", None),
    ):
        _tag(body, f"{{%p if {items} %}}")
        _line(body, heading, style="Heading 1")
        _tag(body, f"{{%p for text in {items} %}}")
        _line(body, "{{ text }}", style=style)
        _tag(body, "{%p endfor %}")
        _tag(body, "{%p endif %}")
    _line(body, "What happens next", style="Heading 1")
    _line(
        body,
        "My report will go to the court{% if court %} ({{ court }}){% endif %}"
        "{% if filing_date %} by {{ filing_date }}{% endif %}. Your solicitor will get a copy of the "
        "full report and can go through it with you. The judge decides what happens; my report is one "
        "part of the evidence the judge will read.",
    )
    _line(body, "If you want to talk about this letter", style="Heading 1")
    _line(
        body,
        "Please contact {{ contact_name }} on {{ contact_telephone }}"
        "{% if contact_email %} or at {{ contact_email }}{% endif %} within 5 working days if you want "
        "to talk about this letter or the report, or if you think something in it is wrong.",
    )
    _line(body, "Help from an advocate", style="Heading 1")
    _line(body, "{{ advocacy }}")
    _line(body, "{{ privacy_note }}", style="Small print")
    _line(body, "Yours sincerely,")
    _line(body, "{{ assessor_name }}", bold=True).paragraph_format.space_before = Pt(24)
    _line(body, "{{ assessor_role }}, {{ hub_name }}")
    return document


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, build in (("court_statement.docx", court_statement), ("outcome_letter.docx", outcome_letter)):
        document = build()
        properties = document.core_properties
        properties.author = properties.last_modified_by = "Assessment hub"
        properties.title = properties.subject = properties.comments = properties.keywords = ""
        path = OUT / name
        document.save(str(path))
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()
