"""Court statements and outcome letters, made by the real libraries and read back by others.

The Word file is opened with python-docx and the PDF's text is read page by page
with pypdf, so each test looks at what a judge or a parent would get. The
documents are made once per module: WeasyPrint takes seconds for a long report.
"""

import io
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest

from hub.reports import documents, make_default_template
from hub.reports.documents import (
    Author,
    ChronologyRow,
    CourtQuestion,
    CourtStatement,
    DocumentTemplateError,
    OutcomeLetter,
    OutcomeRow,
    Paragraph,
    Rating,
    Section,
    SourceRow,
)

CASE_NUMBER = "LV26C05123"
# Markup, an ampersand and template syntax typed by a user: each must print as typed.
HOSTILE = "<script>alert('x')</script> Smith & Sons {{ 7 * 7 }} {% if true %}yes{% endif %} {#c#}"
QUESTIONS = [
    "Can Ms Example meet Child A's needs now and through her childhood?",
    "What support would Ms Example need, and is she likely to accept it?",
    "Is there a realistic prospect of change within Child A's timescale?",
]
CHRONOLOGY_ROWS = 200


def make_statement(*, chronology_rows: int = CHRONOLOGY_ROWS, draft: bool = False) -> CourtStatement:
    sections = [
        Section(
            "Introduction",
            (
                Paragraph("This report was instructed by the court on 2 March 2026.", "Letter of Instruction"),
                Paragraph(f"The family's solicitor is {HOSTILE}."),
            ),
        ),
        Section(
            "Parenting capacity",
            tuple(
                Paragraph(f"Parenting capacity observation {n}: Ms Example settled Child A to sleep.", f"Session {n}")
                for n in range(1, 6)
            ),
            outcome_table=(
                OutcomeRow("Basic care", Rating.GREEN, "Meals, hygiene and sleep routines are good."),
                OutcomeRow("Ensuring safety", Rating.RED, "Unsafe adults were in the home twice."),
                OutcomeRow("Emotional warmth", Rating.AMBER, "Warm, but less so when stressed."),
            ),
            outcome_table_caption="ParentAssess outcomes",
        ),
        Section(
            "Analysis",
            (Paragraph("Needs and analysis are kept separate from the recommendation.\nA second line."),),
        ),
        Section("Recommendation", (Paragraph("Child A should remain in her current placement."),)),
    ]
    return CourtStatement(
        court="In the Family Court sitting at Liverpool",
        case_number=CASE_NUMBER,
        parties=("Liverpool City Council (Applicant)", "Ms A Example (First Respondent)", "Child A (by her guardian)"),
        children=("Child A (a girl, born 2022)",),
        title="Parenting assessment of Ms A Example",
        author=Author(
            name="Sam Assessor",
            role="Independent social worker",
            qualifications="BA (Hons) Social Work",
            organisation="Cheshire and Merseyside Assessment Hub",
            registration="SW000000",
        ),
        dated=date(2026, 5, 20),
        sections=tuple(sections),
        questions=tuple(
            CourtQuestion(question, (Paragraph(f"Answer to question {n}, first part."), Paragraph("Second part.")))
            for n, question in enumerate(QUESTIONS, start=1)
        ),
        questions_position=2,  # before Analysis
        chronology=tuple(
            ChronologyRow(f"{n % 28 + 1} Mar {2000 + n // 28}", f"Chronology event number {n}", f"Bundle C{n}")
            for n in range(1, chronology_rows + 1)
        ),
        sources=(
            SourceRow("Police disclosure", "High", "First-hand record"),
            SourceRow("Neighbour's account", "Low", "Second-hand"),
        ),
        draft=draft,
    )


# Paragraph numbers the statement above should print, in order: 2 + 5 in the first
# two sections, 3 questions of 2 answers each, then 1 + 1.
EXPECTED_PARAGRAPHS = 2 + 5 + 3 * 2 + 1 + 1


@pytest.fixture(scope="module")
def statement() -> CourtStatement:
    return make_statement()


@pytest.fixture(scope="module")
def word(statement):
    return docx.Document(io.BytesIO(documents.render_docx(statement)))


@pytest.fixture(scope="module")
def pdf_pages(statement) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(documents.render_pdf(statement)))
    return [page.extract_text() for page in reader.pages]


def part_text(part) -> str:
    """Text of a header or footer, the field codes (PAGE, NUMPAGES) included."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "".join(node.text or "" for node in part._element.iter(f"{w}t", f"{w}instrText"))


# --- Word -----------------------------------------------------------------------------


def test_it_numbers_paragraphs_on_from_one_section_to_the_next(word):
    numbered = [p.text for p in word.paragraphs if p.style.name == "Numbered paragraph"]

    numbers = [int(text.split(".\t", 1)[0]) for text in numbered]
    assert numbers == list(range(1, EXPECTED_PARAGRAPHS + 1))
    assert numbered[0].startswith("1.\tThis report was instructed")
    # The source note travels with its paragraph.
    assert numbered[0].endswith("Source: Letter of Instruction")
    assert "Source:" not in numbered[1]


def test_it_answers_the_courts_questions_one_by_one_in_the_word_file(word):
    texts = [p.text for p in word.paragraphs]

    for n, question in enumerate(QUESTIONS, start=1):
        heading = texts.index(f"Question {n}: {question}")
        assert texts[heading + 1].endswith(f"Answer to question {n}, first part.")
    # Where the report asked: after parenting capacity, before the analysis.
    assert texts.index("Parenting capacity") < texts.index("The court's questions") < texts.index("Analysis")


def test_the_chronology_appendix_is_a_table_with_every_entry(word):
    chronology = next(t for t in word.tables if [c.text for c in t.rows[0].cells] == ["Date", "Event", "Source"])

    assert len(chronology.rows) == 1 + CHRONOLOGY_ROWS
    assert [c.text for c in chronology.rows[1].cells] == ["2 Mar 2000", "Chronology event number 1", "Bundle C1"]
    assert chronology.rows[-1].cells[1].text == f"Chronology event number {CHRONOLOGY_ROWS}"
    # Its heading row repeats on every page the table runs onto.
    assert chronology.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    heading = next(p for p in word.paragraphs if p.text == "Appendix A: Chronology")
    assert heading.paragraph_format.page_break_before
    assert any(p.text == "Appendix B: Sources of information and their weight" for p in word.paragraphs)


def test_every_page_of_the_word_file_shows_the_case_number_confidential_and_the_page(word):
    assert not word.settings.odd_and_even_pages_header_footer
    for section in word.sections:
        assert not section.different_first_page_header_footer
        header_and_footer = part_text(section.header) + part_text(section.footer)
        assert f"Case number: {CASE_NUMBER}" in header_and_footer
        assert "Confidential" in header_and_footer
        assert " PAGE " in header_and_footer
        assert " NUMPAGES " in header_and_footer


def test_the_heading_block_names_the_court_case_parties_and_author(word):
    texts = [p.text for p in word.paragraphs]

    assert texts[0] == f"Case number: {CASE_NUMBER}"
    assert "In the Family Court sitting at Liverpool" in texts
    assert texts.index("Liverpool City Council (Applicant)") < texts.index("Ms A Example (First Respondent)")
    assert "Child A (a girl, born 2022)" in texts
    assert "Report of Sam Assessor, Independent social worker, Cheshire and Merseyside Assessment Hub" in texts
    assert documents.CONFIDENTIALITY_NOTICE in texts
    assert word.core_properties.title == "Parenting assessment of Ms A Example"


def test_the_statement_of_truth_and_signature_close_the_statement_before_the_appendices(word):
    texts = [p.text for p in word.paragraphs]

    truth = texts.index("Statement of truth")
    assert texts[truth + 1].startswith("I believe that the facts stated in this report are true.")
    assert texts.index("Recommendation") < truth < texts.index("Dated: 20 May 2026")
    assert texts.index("Dated: 20 May 2026") < texts.index("Appendix A: Chronology")


def test_the_outcome_table_prints_each_rating_as_a_word_on_its_colour(word):
    outcomes = next(t for t in word.tables if t.rows[0].cells[0].text == "Area")
    rows = [[c.text for c in row.cells] for row in outcomes.rows[1:]]

    assert [row[:2] for row in rows] == [
        ["Basic care", "Green"],
        ["Ensuring safety", "Red"],
        ["Emotional warmth", "Amber"],
    ]
    fills = [row.cells[1]._tc.xpath("./w:tcPr/w:shd/@w:fill")[0] for row in outcomes.rows[1:]]
    assert fills == [documents.RATING_FILLS["green"], documents.RATING_FILLS["red"], documents.RATING_FILLS["amber"]]


def test_user_text_is_printed_as_typed_in_the_word_file_never_run_as_a_template(word):
    body = "\n".join(p.text for p in word.paragraphs)

    assert f"The family's solicitor is {HOSTILE}." in body
    assert "49" not in body
    # A line break typed by the assessor stays a line break.
    assert any(p.text.endswith("from the recommendation.\nA second line.") for p in word.paragraphs)


def test_characters_a_word_file_cannot_hold_are_dropped_not_fatal():
    statement = make_statement(chronology_rows=1)
    broken = Section("Typed \x00with\x0b control\x07 characters\x0c", (Paragraph("Bell\x07 and form feed\x0c"),))
    statement = replace(statement, sections=(broken,))

    word = docx.Document(io.BytesIO(documents.render_docx(statement)))

    texts = [p.text for p in word.paragraphs]
    assert "Typed with control characters" in texts
    assert any(t.endswith("Bell and form feed") for t in texts)


def test_a_draft_says_so_on_every_page():
    word = docx.Document(io.BytesIO(documents.render_docx(make_statement(chronology_rows=2, draft=True))))

    assert "Confidential - DRAFT" in part_text(word.sections[0].header)


# --- Replacing the Word template ------------------------------------------------------


def test_the_shipped_templates_pass_their_own_checks():
    assert documents.docx_template_problems(None) == []
    assert documents.docx_template_problems(documents.DEFAULT_STATEMENT_DOCX) == []
    assert documents.docx_template_problems(None, kind="letter") == []


def test_the_shipped_templates_are_the_ones_the_script_builds():
    for path, build in (
        (documents.DEFAULT_STATEMENT_DOCX, make_default_template.court_statement),
        (documents.DEFAULT_LETTER_DOCX, make_default_template.outcome_letter),
    ):
        shipped = docx.Document(str(path))
        built = build()
        assert shipped.element.body.xml == built.element.body.xml, f"run make_default_template for {path.name}"
        assert part_text(shipped.sections[0].header) == part_text(built.sections[0].header)


def test_an_administrators_own_template_is_used(tmp_path, statement):
    own = docx.Document(str(documents.DEFAULT_STATEMENT_DOCX))
    own.paragraphs[0].insert_paragraph_before("Regional Assessment Hub letterhead")
    path = tmp_path / "ours.docx"
    own.save(str(path))

    for template in (path, str(path), path.read_bytes()):
        word = docx.Document(io.BytesIO(documents.render_docx(statement, template)))
        assert word.paragraphs[0].text == "Regional Assessment Hub letterhead"
        assert word.paragraphs[1].text == f"Case number: {CASE_NUMBER}"


@pytest.mark.parametrize(
    "damage",
    [
        lambda good: b"This is not a Word file",
        lambda good: good[: len(good) // 2],  # cut short in transfer
        lambda good: b"",
    ],
    ids=["not-a-docx", "truncated", "empty"],
)
def test_a_damaged_template_is_refused_with_the_modules_own_error(statement, damage):
    damaged = damage(documents.DEFAULT_STATEMENT_DOCX.read_bytes())

    with pytest.raises(DocumentTemplateError) as refused:
        documents.render_docx(statement, damaged)
    assert refused.value.problems == ["it is not a Word (.docx) file, or the file is damaged"]


def test_a_zip_that_is_not_a_word_file_is_refused(statement):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a document")

    with pytest.raises(DocumentTemplateError, match="not a Word"):
        documents.render_docx(statement, buffer.getvalue())


def test_a_template_missing_a_path_is_refused(statement, tmp_path):
    with pytest.raises(DocumentTemplateError, match="cannot be read"):
        documents.render_docx(statement, tmp_path / "gone.docx")


def test_a_template_without_the_required_fields_lists_what_is_missing(statement):
    plain = docx.Document()
    plain.add_paragraph("Report for {{ court }}")
    plain.add_paragraph("By {{ author.name }} {{ autor.role }}")
    buffer = io.BytesIO()
    plain.save(buffer)

    with pytest.raises(DocumentTemplateError) as refused:
        documents.render_docx(statement, buffer.getvalue())

    problems = refused.value.problems
    assert "it uses a field the hub does not provide: autor" in problems
    for field in ("case_number", "confidentiality_notice", "sections", "chronology", "sources", "statement_of_truth"):
        assert f"it does not use the required field {field}" in problems
    assert any("do not show the case number" in problem for problem in problems)
    assert any('do not say "Confidential"' in problem for problem in problems)
    assert any("have no page number" in problem for problem in problems)
    assert str(refused.value).startswith("The Word template cannot be used: ")


def test_a_template_with_a_broken_tag_is_refused(statement):
    own = docx.Document(str(documents.DEFAULT_STATEMENT_DOCX))
    own.add_paragraph("{% for x in %}")
    buffer = io.BytesIO()
    own.save(buffer)

    problems = documents.docx_template_problems(buffer.getvalue())

    assert len(problems) == 1
    assert problems[0].startswith("a template tag is not written correctly")
    with pytest.raises(DocumentTemplateError):
        documents.render_docx(statement, buffer.getvalue())


def test_a_template_may_use_jinjas_own_helpers(statement):
    own = docx.Document(str(documents.DEFAULT_STATEMENT_DOCX))
    own.add_paragraph("{% for n in range(2) %}*{% endfor %} {{ sections|length }} sections")
    buffer = io.BytesIO()
    own.save(buffer)

    assert documents.docx_template_problems(buffer.getvalue()) == []
    word = docx.Document(io.BytesIO(documents.render_docx(statement, buffer.getvalue())))
    assert word.paragraphs[-1].text == "** 5 sections"


def test_a_template_that_reaches_outside_its_fields_is_stopped(statement):
    own = docx.Document(str(documents.DEFAULT_STATEMENT_DOCX))
    own.add_paragraph("{{ court.__class__.__mro__ }}")
    buffer = io.BytesIO()
    own.save(buffer)

    with pytest.raises(DocumentTemplateError, match="could not be filled in"):
        documents.render_docx(statement, buffer.getvalue())


# --- PDF ------------------------------------------------------------------------------


def test_every_pdf_page_shows_the_case_number_confidential_and_page_n_of_m(pdf_pages):
    total = len(pdf_pages)

    assert total > 3  # the 200-row chronology runs over several pages
    for number, text in enumerate(pdf_pages, start=1):
        assert f"Case number: {CASE_NUMBER}" in text, f"page {number}"
        assert "Confidential" in text, f"page {number}"
        assert f"Page {number} of {total}" in text, f"page {number}"


def test_the_pdf_has_the_numbered_paragraphs_questions_and_appendices(pdf_pages):
    text = "\n".join(pdf_pages)
    lines = text.splitlines()

    numbers = [int(found[1]) for line in lines if (found := re.match(r"(\d+)\. ", line))]
    assert numbers == list(range(1, EXPECTED_PARAGRAPHS + 1))
    for n, question in enumerate(QUESTIONS, start=1):
        assert f"Question {n}: {question}" in " ".join(lines)
    assert "Appendix A: Chronology" in text
    assert "Chronology event number 1 " in text
    assert f"Chronology event number {CHRONOLOGY_ROWS} " in text
    assert "Appendix B: Sources of information and their weight" in text
    assert "I believe that the facts stated in this report are true." in text
    # The appendix starts on a page of its own, after the signature.
    appendix_page = next(i for i, page in enumerate(pdf_pages) if "Appendix A: Chronology" in page)
    assert "Dated: 20 May 2026" in "\n".join(pdf_pages[:appendix_page])


def test_user_text_is_printed_as_typed_in_the_pdf(pdf_pages):
    # Lines wrap wherever the page ends them, so compare without any white space.
    text = "".join("".join(pdf_pages).split())

    assert "".join(f"The family's solicitor is {HOSTILE}.".split()) in text


def test_a_draft_pdf_says_draft_on_every_page():
    reader = pypdf.PdfReader(io.BytesIO(documents.render_pdf(make_statement(chronology_rows=60, draft=True))))

    assert len(reader.pages) > 1
    for page in reader.pages:
        assert "Confidential - DRAFT" in page.extract_text()


# --- The outcome letter ---------------------------------------------------------------


def make_letter() -> OutcomeLetter:
    return OutcomeLetter(
        recipient_name="Ms A Example",
        recipient_address=("1 Sample Road", "Liverpool", "L1 0AA"),
        hub_name="Cheshire and Merseyside Assessment Hub",
        hub_address=("1 Example Street", "Liverpool L1 0AA"),
        hub_telephone="0151 000 0000",
        assessor_name="Sam Assessor",
        assessor_role="Independent social worker",
        dated=date(2026, 5, 22),
        assessment_type="parenting assessment",
        children=("Child A", "Child B"),
        what_went_well=("You came to every session on time.", HOSTILE),
        worries=("You let unsafe adults into the home.",),
        what_we_will_tell_the_court=("I will tell the court that Child A and Child B should not come home yet.",),
        contact_name="the hub's duty manager",
        contact_telephone="0151 000 0001",
        contact_email="hub@example.org",
        court="Family Court at Liverpool",
        filing_date=date(2026, 6, 1),
        reference="LV26C05123",
    )


def test_the_outcome_letter_in_word_tells_the_family_in_plain_words():
    word = docx.Document(io.BytesIO(documents.render_outcome_letter_docx(make_letter())))
    texts = [p.text for p in word.paragraphs]

    assert "Dear Ms A Example," in texts
    assert texts.index("Ms A Example") < texts.index("1 Sample Road") < texts.index("L1 0AA")
    assert "Telephone: 0151 000 0000" in texts
    assert any("parenting assessment that the court asked us to do about Child A and Child B" in t for t in texts)
    for heading, item in (
        ("Things that are good and you do well", "You came to every session on time."),
        ("Things I am worried about", "You let unsafe adults into the home."),
        (
            "What I am going to tell the court",
            "I will tell the court that Child A and Child B should not come home yet.",
        ),
    ):
        assert texts.index(heading) < texts.index(item)
    assert HOSTILE in texts
    assert any("by 1 June 2026" in t for t in texts)
    assert any("0151 000 0001 or at hub@example.org within 5 working days" in t for t in texts)
    assert documents.ADVOCACY_OFFER in texts
    assert "Confidential" in part_text(word.sections[0].header)


def test_the_outcome_letter_pdf_has_every_part_and_its_marking_on_each_page():
    reader = pypdf.PdfReader(io.BytesIO(documents.render_outcome_letter_pdf(make_letter())))
    pages = [page.extract_text() for page in reader.pages]
    text = " ".join(" ".join(pages).split())

    for page in pages:
        assert "Confidential" in page
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    for part in (
        "Dear Ms A Example,",
        "Things that are good and you do well",
        "Things I am worried about",
        "What I am going to tell the court",
        "Help from an advocate",
        HOSTILE,
        "Sam Assessor",
    ):
        assert part in text


def test_a_damaged_letter_template_is_refused():
    with pytest.raises(DocumentTemplateError):
        documents.render_outcome_letter_docx(make_letter(), b"PK\x03\x04 broken")


# --- The module itself ----------------------------------------------------------------


def test_a_statement_needs_its_court_case_number_and_title():
    with pytest.raises(ValueError, match="case number"):
        replace(make_statement(chronology_rows=0), case_number=" ")


def test_lists_are_accepted_and_kept_as_tuples():
    section = Section("Heading", [Paragraph("One")])  # type: ignore[arg-type]

    assert section.paragraphs == (Paragraph("One"),)


def test_the_module_runs_without_django():
    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys\n"
        "from tests.reports.test_documents import make_statement\n"
        "from hub.reports import documents\n"
        "documents.render_docx(make_statement(chronology_rows=3))\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'Django was imported'\n"
    )
    # The test module itself imports no Django; the check is on what documents pulls in.
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
