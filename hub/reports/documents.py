"""Court statements and outcome letters as Word and PDF documents.

Plain Python with no Django import: the report pages, the background export
tasks, the API and the benchmark all hand a frozen dataclass to the same
functions and get the file's bytes back.

- `CourtStatement` is an assessment report in court-statement form: the heading
  (court, case number, parties, children), the author, sections of numbered
  paragraphs (numbered 1, 2, 3 ... across the whole report, so the court can
  cite "paragraph 42"), the court's questions with their answers, the
  chronology and sources appendices, the statement of truth and the
  confidentiality notice for family proceedings.
- `OutcomeLetter` is the analysis and conclusion letter to a family member
  (the Worcestershire guidance's "Standard Outcome/closure Letter", in plain
  words, with the ParentAssess headings "things that are good and you do well",
  "things I am worried about" and "what I am going to tell the court").

Word files are made with docxtpl from a .docx template an administrator can
replace (`templates_docx/`, rebuilt by `make_default_template.py`); a
replacement is checked first (`docx_template_problems`) so a damaged file or
one that leaves out the case number, the "Confidential" marking or the report's
content is refused with `DocumentTemplateError`, never a crash or a report the
court should not get. PDF files are made with WeasyPrint from the HTML and CSS
in `templates_pdf/`, with the case number, "Confidential" and "Page N of M" in
the margin of every page.

Every piece of text from users is data, never markup or template code: it is
escaped for XML and HTML, and braces such as "{{ }}" are printed as typed.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

if TYPE_CHECKING:
    import weasyprint

HERE = Path(__file__).resolve().parent
DOCX_TEMPLATES = HERE / "templates_docx"
PDF_TEMPLATES = HERE / "templates_pdf"
DEFAULT_STATEMENT_DOCX = DOCX_TEMPLATES / "court_statement.docx"
DEFAULT_LETTER_DOCX = DOCX_TEMPLATES / "outcome_letter.docx"

# --- Standard wording -----------------------------------------------------------------
# Kept here so the report models and pages can show exactly what the documents print.

CONFIDENTIALITY_NOTICE = (
    "This report is confidential. It has been prepared for the court in family proceedings "
    "concerning children, which are heard in private. It must not be disclosed, in whole or in part, "
    "to anyone other than the court, the parties and their legal representatives, the children's "
    "guardian and the local authority without the permission of the court (Family Procedure Rules "
    "2010, Part 12, rule 12.73, and Practice Direction 12G). Publishing information from these "
    "proceedings, or anything likely to identify a child in them, may be a contempt of court "
    "(section 12 of the Administration of Justice Act 1960; section 97 of the Children Act 1989)."
)

# Family Procedure Rules 2010, Practice Direction 17A (statement of truth, as
# amended in 2020) in the words of a report; then the Part 25 expert-style
# confirmation (PD 25B) that the author's opinions are their own.
STATEMENT_OF_TRUTH = (
    "I believe that the facts stated in this report are true. I understand that proceedings for "
    "contempt of court may be brought against anyone who makes, or causes to be made, a false "
    "statement in a document verified by a statement of truth without an honest belief in its truth."
    "\n\n"
    "I confirm that I have made clear which facts and matters referred to in this report are within "
    "my own knowledge and which are not. Those that are within my own knowledge I confirm to be true. "
    "The opinions I have expressed represent my true and complete professional opinions on the "
    "matters to which they refer."
)

CONFIDENTIAL = "Confidential"

# The outcome letter's plain-words notice and advocacy offer (the hub offers
# advocacy to every parent and carer it assesses).
LETTER_PRIVACY_NOTE = (
    "Please keep this letter private. It is about court proceedings for your family, and the court "
    "has not given permission for it to be shared or posted online."
)
ADVOCACY_OFFER = (
    "You can have an advocate to help you understand this letter and the report, and to help you "
    "say what you think. An advocate is independent of the hub and the council. Ask us and we will "
    "put you in touch, or ask your solicitor."
)

# Background tints behind the rating word in outcome tables. The word is
# always printed too, so nothing depends on seeing the colour.
RATING_FILLS = {"red": "F4C7C3", "amber": "FCE8B2", "green": "B7E1CD"}


class DocumentTemplateError(Exception):
    """A Word template cannot be used: it is damaged, not a .docx, or leaves out something required.

    `problems` lists each reason in words an administrator can act on.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("The Word template cannot be used: " + "; ".join(self.problems))


# --- What a court statement holds -----------------------------------------------------


class Rating(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph. `source` says where it came from, for example
    "Workspace: session 3 May 2026", and is printed after it in small type."""

    text: str
    source: str = ""


@dataclass(frozen=True)
class OutcomeRow:
    """One row of an outcome table such as ParentAssess's: area, red/amber/green, comment."""

    area: str
    rating: Rating
    comment: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[Paragraph, ...] = ()
    # Printed after the paragraphs, when there are rows.
    outcome_table: tuple[OutcomeRow, ...] = ()
    outcome_table_caption: str = ""

    def __post_init__(self) -> None:
        _tuples(self)


@dataclass(frozen=True)
class CourtQuestion:
    """A question the court asked (from the Letter of Instruction) and the author's answer."""

    question: str
    answer: tuple[Paragraph, ...] = ()

    def __post_init__(self) -> None:
        _tuples(self)


@dataclass(frozen=True)
class ChronologyRow:
    """One chronology entry. `when` is the date as it should be printed ("March 2019", "5 Mar 2019")."""

    when: str
    event: str
    source: str = ""


@dataclass(frozen=True)
class SourceRow:
    """A source of information and the weight the author gave it."""

    source: str
    weight: str
    comment: str = ""


@dataclass(frozen=True)
class Author:
    name: str
    role: str
    qualifications: str
    organisation: str
    # For example a Social Work England registration number.
    registration: str = ""


@dataclass(frozen=True)
class CourtStatement:
    court: str
    case_number: str
    parties: tuple[str, ...]
    children: tuple[str, ...]
    title: str
    author: Author
    dated: date
    sections: tuple[Section, ...]
    questions: tuple[CourtQuestion, ...] = ()
    questions_heading: str = "The court's questions"
    # Where the questions go: before sections[questions_position]; None puts
    # them after the last section.
    questions_position: int | None = None
    chronology: tuple[ChronologyRow, ...] = ()
    sources: tuple[SourceRow, ...] = ()
    statement_of_truth: str = STATEMENT_OF_TRUTH
    confidentiality_notice: str = CONFIDENTIALITY_NOTICE
    # A draft says so on every page, so a version sent for QA is never mistaken for the filed one.
    draft: bool = False

    def __post_init__(self) -> None:
        _tuples(self)
        for name in ("court", "case_number", "title"):
            if not getattr(self, name).strip():
                raise ValueError(f"A court statement needs its {name.replace('_', ' ')}")


@dataclass(frozen=True)
class OutcomeLetter:
    """The analysis and conclusion letter to a family member after an assessment."""

    recipient_name: str
    recipient_address: tuple[str, ...]
    hub_name: str
    hub_address: tuple[str, ...]
    hub_telephone: str
    assessor_name: str
    assessor_role: str
    dated: date
    # In running text: "parenting assessment", "kinship viability assessment".
    assessment_type: str
    children: tuple[str, ...]
    what_went_well: tuple[str, ...]
    worries: tuple[str, ...]
    what_we_will_tell_the_court: tuple[str, ...]
    # Who to contact about the letter.
    contact_name: str
    contact_telephone: str
    contact_email: str = ""
    court: str = ""
    filing_date: date | None = None
    reference: str = ""
    # "Dear ..." line; the recipient's name when left empty.
    salutation: str = ""
    advocacy: str = ADVOCACY_OFFER
    privacy_note: str = LETTER_PRIVACY_NOTE

    def __post_init__(self) -> None:
        _tuples(self)


def _tuples(instance: object) -> None:
    """Let callers pass lists: frozen means the stored value cannot change under the renderer."""
    for item in fields(instance):  # type: ignore[arg-type]
        value = getattr(instance, item.name)
        if isinstance(value, list):
            object.__setattr__(instance, item.name, tuple(value))


# --- Text made safe -------------------------------------------------------------------

# Characters XML 1.0 cannot hold (a Word file with one will not open), and the
# ones docxtpl turns into structure after rendering (\a a new paragraph, \f a
# page break). Tabs and line breaks stay.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """User text as printable characters: Windows line endings folded, control characters dropped."""
    return _NOT_TEXT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def long_date(day: date) -> str:
    """A date as a court document writes it: 3 May 2026."""
    return f"{day.day} {day:%B %Y}"


def _paragraphs(text: str) -> list[str]:
    """Standard wording kept as one string, split at its blank lines."""
    return [part.strip() for part in clean_text(text).split("\n\n") if part.strip()]


# --- The context both renderers print -------------------------------------------------
# Plain dicts and lists of strings, already cleaned. Word templates see the same
# names (an administrator's replacement template is written against them; see
# make_default_template.py for every field in use).


def statement_context(statement: CourtStatement) -> dict[str, Any]:
    number = 0

    def paragraph(item: Paragraph) -> dict[str, Any]:
        nonlocal number
        number += 1
        source = clean_text(item.source)
        return {
            "number": number,
            "text": clean_text(item.text),
            "source": source,
            "source_note": f"Source: {source}" if source else "",
        }

    questions_section: dict[str, Any] | None = None
    position = len(statement.sections) if statement.questions_position is None else statement.questions_position
    position = max(0, min(position, len(statement.sections)))
    sections: list[dict[str, Any]] = []
    for index in range(len(statement.sections) + 1):
        if index == position and statement.questions:
            questions_section = {
                "heading": clean_text(statement.questions_heading),
                "paragraphs": [],
                "outcome_rows": [],
                "outcome_table_caption": "",
                "questions": [
                    {
                        "number": q_number,
                        "question": clean_text(question.question),
                        "answer": [paragraph(item) for item in question.answer],
                    }
                    for q_number, question in enumerate(statement.questions, start=1)
                ],
            }
            sections.append(questions_section)
        if index == len(statement.sections):
            break
        section = statement.sections[index]
        sections.append(
            {
                "heading": clean_text(section.heading),
                "paragraphs": [paragraph(item) for item in section.paragraphs],
                "outcome_rows": [
                    {
                        "area": clean_text(row.area),
                        "rating": Rating(row.rating).label,
                        "rating_class": Rating(row.rating).value,
                        "fill": RATING_FILLS[Rating(row.rating).value],
                        "comment": clean_text(row.comment),
                    }
                    for row in section.outcome_table
                ],
                "outcome_table_caption": clean_text(section.outcome_table_caption),
                "questions": [],
            }
        )
    appendix_letters = iter("ABCDEFGH")
    chronology_appendix = next(appendix_letters) if statement.chronology else ""
    sources_appendix = next(appendix_letters) if statement.sources else ""
    author = statement.author
    return {
        "court": clean_text(statement.court),
        "case_number": clean_text(statement.case_number),
        "parties": [clean_text(party) for party in statement.parties],
        "children": [clean_text(child) for child in statement.children],
        "title": clean_text(statement.title),
        "author": {
            "name": clean_text(author.name),
            "role": clean_text(author.role),
            "qualifications": clean_text(author.qualifications),
            "organisation": clean_text(author.organisation),
            "registration": clean_text(author.registration),
        },
        "date": long_date(statement.dated),
        "confidential": f"{CONFIDENTIAL} - DRAFT" if statement.draft else CONFIDENTIAL,
        "draft": statement.draft,
        "confidentiality_notice": clean_text(statement.confidentiality_notice),
        "sections": sections,
        "questions_count": len(statement.questions),
        "chronology": [
            {"when": clean_text(row.when), "event": clean_text(row.event), "source": clean_text(row.source)}
            for row in statement.chronology
        ],
        "chronology_appendix": chronology_appendix,
        "sources": [
            {"source": clean_text(row.source), "weight": clean_text(row.weight), "comment": clean_text(row.comment)}
            for row in statement.sources
        ],
        "sources_appendix": sources_appendix,
        "statement_of_truth": _paragraphs(statement.statement_of_truth),
        "paragraph_count": number,
    }


def letter_context(letter: OutcomeLetter) -> dict[str, Any]:
    children = [clean_text(child) for child in letter.children]
    return {
        "recipient_name": clean_text(letter.recipient_name),
        "recipient_address": [clean_text(line) for line in letter.recipient_address],
        "hub_name": clean_text(letter.hub_name),
        "hub_address": [clean_text(line) for line in letter.hub_address],
        "hub_telephone": clean_text(letter.hub_telephone),
        "assessor_name": clean_text(letter.assessor_name),
        "assessor_role": clean_text(letter.assessor_role),
        "date": long_date(letter.dated),
        "assessment_type": clean_text(letter.assessment_type),
        "children": children,
        "children_text": _and_join(children),
        "what_went_well": [clean_text(item) for item in letter.what_went_well],
        "worries": [clean_text(item) for item in letter.worries],
        "what_we_will_tell_the_court": [clean_text(item) for item in letter.what_we_will_tell_the_court],
        "contact_name": clean_text(letter.contact_name),
        "contact_telephone": clean_text(letter.contact_telephone),
        "contact_email": clean_text(letter.contact_email),
        "court": clean_text(letter.court),
        "filing_date": long_date(letter.filing_date) if letter.filing_date else "",
        "reference": clean_text(letter.reference),
        "salutation": clean_text(letter.salutation) or f"Dear {clean_text(letter.recipient_name)}",
        "advocacy": clean_text(letter.advocacy),
        "privacy_note": clean_text(letter.privacy_note),
        "confidential": CONFIDENTIAL,
    }


def _and_join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- Word -----------------------------------------------------------------------------

# A Word template: its bytes, a path to it, or None for the hub's default one.
TemplateSource = bytes | str | os.PathLike[str] | None

# What a statement template must print for the court to get the whole report.
STATEMENT_REQUIRED_FIELDS = frozenset(
    {
        "court",
        "case_number",
        "parties",
        "title",
        "author",
        "date",
        "confidentiality_notice",
        "sections",
        "chronology",
        "sources",
        "statement_of_truth",
    }
)
LETTER_REQUIRED_FIELDS = frozenset({"recipient_name", "hub_name", "what_we_will_tell_the_court", "contact_telephone"})

_SAMPLE_STATEMENT_KEYS = frozenset(
    statement_context(
        CourtStatement(
            court="-",
            case_number="-",
            parties=(),
            children=(),
            title="-",
            author=Author("", "", "", ""),
            dated=date(2000, 1, 1),
            sections=(),
        )
    )
)
_SAMPLE_LETTER_KEYS = frozenset(
    letter_context(
        OutcomeLetter(
            recipient_name="",
            recipient_address=(),
            hub_name="",
            hub_address=(),
            hub_telephone="",
            assessor_name="",
            assessor_role="",
            dated=date(2000, 1, 1),
            assessment_type="",
            children=(),
            what_went_well=(),
            worries=(),
            what_we_will_tell_the_court=(),
            contact_name="",
            contact_telephone="",
        )
    )
)


def _jinja_for_docx() -> SandboxedEnvironment:
    # Sandboxed because a replacement template comes from an upload; strict so a
    # misspelt field stops the export instead of leaving a silent blank in a court report.
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


def _template_bytes(template: TemplateSource, default: Path) -> bytes:
    if template is None:
        return default.read_bytes()
    if isinstance(template, bytes):
        return template
    try:
        return Path(template).read_bytes()
    except OSError as exc:
        raise DocumentTemplateError([f"the template file cannot be read ({exc.strerror})"]) from exc


def _open_docx_template(data: bytes) -> Any:
    from docxtpl import DocxTemplate

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentTemplateError(["it is not a Word (.docx) file, or the file is damaged"])
    template = DocxTemplate(io.BytesIO(data))
    try:
        template.init_docx()
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise DocumentTemplateError(["it is not a Word (.docx) file, or the file is damaged"]) from exc
    return template


def _part_text(element: Any) -> str:
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "".join(node.text or "" for node in element.iter(f"{ns}t", f"{ns}instrText"))


def _page_parts_problems(document: Any, *, need_page_number: bool) -> list[str]:
    """Every page's header or footer must carry the case number and "Confidential" (and a page number).

    Word prints a section's own header, or the one before it when it is linked;
    a first page or even pages can have their own when the template asks for them.
    """
    problems: list[str] = []
    even_pages = bool(document.settings.odd_and_even_pages_header_footer)
    previous: dict[str, str] = {}
    for number, section in enumerate(document.sections, start=1):
        kinds = {"default": (section.header, section.footer)}
        if section.different_first_page_header_footer:
            kinds["first page"] = (section.first_page_header, section.first_page_footer)
        if even_pages:
            kinds["even page"] = (section.even_page_header, section.even_page_footer)
        for kind, (header, footer) in kinds.items():
            texts = []
            for part in (header, footer):
                if not part.is_linked_to_previous:
                    texts.append(_part_text(part._element))
                elif kind in previous:
                    texts.append(previous[kind])
            text = " ".join(texts)
            previous[kind] = text
            where = f"the {kind} header and footer of section {number}"
            if "case_number" not in text:
                problems.append(f"{where} do not show the case number ({{{{ case_number }}}})")
            if "confidential" not in text.lower():
                problems.append(f'{where} do not say "Confidential"')
            if need_page_number and "PAGE" not in text:
                problems.append(f"{where} have no page number")
    return problems


def docx_template_problems(template: TemplateSource, *, kind: str = "statement") -> list[str]:
    """What is wrong with a Word template, in words an administrator can act on; empty when usable.

    `kind` is "statement" or "letter". A template must open as a .docx, be valid
    template syntax, use only the fields the hub provides, use the required
    ones, and (for a statement) carry the case number, "Confidential" and a page
    number in the header or footer of every page.
    """
    default, required, known = _kind(kind)
    try:
        data = _template_bytes(template, default)
        document_template = _open_docx_template(data)
    except DocumentTemplateError as exc:
        return exc.problems
    try:
        used = document_template.get_undeclared_template_variables(jinja_env=_jinja_for_docx())
    except jinja2.TemplateSyntaxError as exc:
        return [f"a template tag is not written correctly ({exc.message})"]
    except Exception as exc:
        return [f"it cannot be read as a template ({exc})"]
    known = known | set(_jinja_for_docx().globals)  # range, namespace and the like
    problems = [f"it uses a field the hub does not provide: {name}" for name in sorted(used - known)]
    problems += [f"it does not use the required field {name}" for name in sorted(required - used)]
    if kind == "statement":
        problems += _page_parts_problems(document_template.docx, need_page_number=True)
    return problems


def _kind(kind: str) -> tuple[Path, frozenset[str], frozenset[str]]:
    if kind == "statement":
        return DEFAULT_STATEMENT_DOCX, STATEMENT_REQUIRED_FIELDS, _SAMPLE_STATEMENT_KEYS
    if kind == "letter":
        return DEFAULT_LETTER_DOCX, LETTER_REQUIRED_FIELDS, _SAMPLE_LETTER_KEYS
    raise ValueError(f"Unknown kind of Word template: {kind!r}")


def _render_docx(context: dict[str, Any], template: TemplateSource, *, kind: str, title: str, author: str) -> bytes:
    default, _, _ = _kind(kind)
    data = _template_bytes(template, default)
    if template is not None:
        # The shipped templates are checked by the tests; a replacement is checked every time.
        problems = docx_template_problems(data, kind=kind)
        if problems:
            raise DocumentTemplateError(problems)
    document_template = _open_docx_template(data)
    try:
        document_template.render(context, jinja_env=_jinja_for_docx(), autoescape=True)
    except jinja2.TemplateError as exc:
        raise DocumentTemplateError([f"the template could not be filled in ({exc})"]) from exc
    except Exception as exc:
        # A replacement's tags can still build XML Word cannot read; the shipped
        # templates are tested, so an error with them is a bug to see, not to reword.
        if template is None:
            raise
        raise DocumentTemplateError([f"the template could not be filled in ({type(exc).__name__}: {exc})"]) from exc
    properties = document_template.docx.core_properties
    properties.title = title
    properties.author = author
    properties.subject = ""
    properties.comments = ""
    properties.keywords = ""
    output = io.BytesIO()
    document_template.save(output)
    return output.getvalue()


def render_docx(statement: CourtStatement, template: TemplateSource = None) -> bytes:
    """The court statement as a Word file, from `template` (bytes or a path) or the hub's default one.

    Raises DocumentTemplateError when a replacement template cannot be used.
    """
    return _render_docx(
        statement_context(statement),
        template,
        kind="statement",
        title=clean_text(statement.title),
        author=clean_text(statement.author.name),
    )


def render_outcome_letter_docx(letter: OutcomeLetter, template: TemplateSource = None) -> bytes:
    """The outcome letter as a Word file, from `template` or the hub's default one."""
    return _render_docx(
        letter_context(letter),
        template,
        kind="letter",
        title=f"Outcome of your {clean_text(letter.assessment_type)}",
        author=clean_text(letter.assessor_name),
    )


# --- PDF ------------------------------------------------------------------------------


def _lines(value: str) -> Markup:
    """Escaped text with its line breaks kept."""
    return Markup("<br>").join(escape(line) for line in str(value).split("\n"))


@lru_cache(maxsize=1)
def _jinja_for_pdf() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PDF_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["lines"] = _lines
    return environment


@lru_cache(maxsize=1)
def _stylesheet() -> weasyprint.CSS:
    import weasyprint

    return weasyprint.CSS(string=(PDF_TEMPLATES / "print.css").read_text(encoding="utf-8"))


def _render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    import weasyprint
    from weasyprint.urls import URLFetcher

    html = _jinja_for_pdf().get_template(template_name).render(context)
    # Nothing is fetched: the document is self-contained, and user text can
    # never make the renderer read a file or call out.
    refuse_all = URLFetcher(allowed_protocols=frozenset(), fail_on_errors=False)
    document = weasyprint.HTML(string=html, url_fetcher=refuse_all)
    pdf = document.write_pdf(stylesheets=[_stylesheet()], pdf_tags=True)
    assert pdf is not None
    return bytes(pdf)


def render_pdf(statement: CourtStatement) -> bytes:
    """The court statement as a PDF."""
    return _render_pdf("court_statement.html", statement_context(statement))


def render_outcome_letter_pdf(letter: OutcomeLetter) -> bytes:
    """The outcome letter as a PDF."""
    return _render_pdf("outcome_letter.html", letter_context(letter))
