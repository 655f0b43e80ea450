"""The standard letter to professionals (Worcestershire CIN guidance, appendix
"Standard Letter - Professional"), adapted to a court-instructed assessment.

The wording is built once as paragraphs, so the Word file and the printable page
say exactly the same thing.
"""

import io
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.shared import Pt

from hub.workspace.rules import AGENCY_REPLY_WORKING_DAYS, MONTHS


@dataclass(frozen=True)
class Subject:
    name: str
    date_of_birth: date | None


@dataclass(frozen=True)
class LetterContent:
    reference: str
    agency: str
    contact_name: str
    assessment_name: str
    court: str
    children: list[Subject]
    about: str
    address: str
    statutory: bool
    consent_given_by: str
    specific_information: str
    reply_by: date | None
    assessor_name: str
    assessor_email: str
    # The hub's name and contact details (settings HUB_NAME, HUB_POSTAL_ADDRESS, HUB_TELEPHONE).
    hub_name: str
    hub_address: str
    hub_telephone: str
    written_on: date


def _day(value: date | None) -> str:
    if value is None:
        return "date of birth not known"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _subject(subject: Subject) -> str:
    return f"{subject.name} (born {_day(subject.date_of_birth)})"


def letter_paragraphs(content: LetterContent) -> list[str]:
    children = "; ".join(_subject(child) for child in content.children) or "the children named in the proceedings"
    where = f", living at {content.address}" if content.address else ""
    court = f" by {content.court}" if content.court else " by the family court"
    paragraphs = [
        f"Dear {content.contact_name or content.agency},",
        f"Our reference: {content.reference}",
        f"We are undertaking a {content.assessment_name.lower()}, ordered{court}, in respect of {children}{where}.",
    ]
    if content.statutory:
        paragraphs.append(
            "We have statutory responsibility to request relevant information from your agency as part of our "
            "enquiries because this child has been identified as a child whose welfare may be significantly "
            "impaired or who may be suffering significant harm."
        )
    else:
        paragraphs.append(f"We have the consent of {content.consent_given_by or 'the person concerned'}.")
    paragraphs.append(f"We request any relevant information your agency holds about {content.about or children}.")
    if content.specific_information.strip():
        paragraphs.append(f"In particular: {content.specific_information.strip()}")
    by = _day(content.reply_by) if content.reply_by else f"within {AGENCY_REPLY_WORKING_DAYS} working days"
    paragraphs.append(
        f"This information is required by {by}. Please email it to {content.assessor_email}, or post it to "
        f"{content.hub_address}. If more convenient, telephone the hub on {content.hub_telephone} and ask for "
        f"{content.assessor_name} to share your information by telephone."
    )
    paragraphs.append(
        f"If you need further clarification as to why this information is being requested, please contact "
        f"{content.assessor_name} ({content.assessor_email}, telephone {content.hub_telephone})."
    )
    paragraphs.append("Yours sincerely,")
    paragraphs.append(f"{content.assessor_name}, independent assessor, {content.hub_name}")
    return paragraphs


def letter_docx(content: LetterContent) -> bytes:
    """The letter as a Word file, ready to send or adapt."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(12)
    document.core_properties.title = f"Request for information: {content.agency}"
    document.core_properties.author = content.hub_name
    document.add_paragraph(f"{content.hub_name}\n{content.hub_address}\nTelephone {content.hub_telephone}")
    document.add_paragraph(_day(content.written_on))
    document.add_paragraph(content.agency)
    document.add_heading("Request for information for a court-instructed assessment", level=1)
    for paragraph in letter_paragraphs(content):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
