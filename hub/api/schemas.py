"""What the API takes in and gives back.

The Letter of Instruction arrives as one JSON document. Its shape is checked
here (types, lengths, allowed values, unknown keys); whether it is *complete* is
decided by the same rules the online form uses (hub.referrals.rules), when the
referral is submitted. Every text is bounded and free of control characters so
that no input can reach the database in a form it would refuse.
"""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, PlainValidator, StrictBool, StringConstraints, WithJsonSchema

from hub.referrals.models import AssessmentType, ContactRole, ReferralReason, Sex

# Largest value a database integer key can hold: anything larger cannot name a row.
_MAX_ID = 2**63 - 1
# Tabs and line breaks are text; every other control character is not.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def _plain_text(value: str) -> str:
    if any((ord(ch) < 32 and ch not in _ALLOWED_CONTROLS) or ord(ch) == 127 for ch in value):
        raise ValueError("must not contain control characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate from a JSON "\ud800" escape: not a character at all.
        raise ValueError("must be valid Unicode text") from None
    return value


# Stripped, bounded texts: the number is the longest the database column holds;
# the Required ones also refuse an empty string.
_clean = AfterValidator(_plain_text)
Text40 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40), _clean]
Text100 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100), _clean]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), _clean]
Text300 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), _clean]
Text2000 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), _clean]
Text5000 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), _clean]
Text20000 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000), _clean]
RequiredText100 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), _clean]
RequiredText200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), _clean]
RequiredText300 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), _clean]
RequiredText5000 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000), _clean]


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError("must be an email address, like name@example.org") from None
    return value


def _court_reference(value: object) -> int | str:
    # bool is an int in Python, but `"court": true` names no court.
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= _MAX_ID:
            raise ValueError("must be the id of a family court")
        return value
    if isinstance(value, str):
        value = _plain_text(value.strip())
        if not value or len(value) > 200:
            raise ValueError("must be the name of a family court, at most 200 characters")
        return value
    raise ValueError("must be the name or the id of a family court")


CourtReference = Annotated[
    int | str,
    PlainValidator(_court_reference),
    WithJsonSchema(
        {
            "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1, "maxLength": 200}],
            "description": "The family court, by its name (for example 'Liverpool Family Court') or its id.",
        }
    ),
]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_email)]


class _Strict(Schema):
    # A misspelt key would otherwise be dropped quietly and reported as missing.
    model_config = ConfigDict(extra="forbid")


class ChildIn(_Strict):
    full_name: RequiredText200
    date_of_birth: date | None = None
    expected_date_of_delivery: date | None = Field(None, description="For an unborn child, instead of date_of_birth.")
    sex: Sex
    ethnicity: RequiredText100
    first_language: RequiredText100
    religion: Text100 = ""
    disability: Text300 = ""


class RelationshipIn(_Strict):
    child: int = Field(ge=0, le=1000, description="The child's position in the letter's `children` list, from 0.")
    relationship: RequiredText100


class AdultIn(_Strict):
    full_name: RequiredText200
    date_of_birth: date | None = None
    address: Text2000 = ""
    first_language: Text100 = ""
    needs_interpreter: StrictBool = False
    learning_needs: StrictBool = False
    relationships: list[RelationshipIn] = Field(
        default_factory=list, max_length=50, description="This adult's relationship to each child in the letter."
    )


class ReadingItemIn(_Strict):
    title: RequiredText300
    bundle_reference: Text40 = ""


class ContactIn(_Strict):
    role: ContactRole
    full_name: RequiredText200
    organisation_name: Text200 = ""
    acting_for: Text200 = ""
    email: Email = ""
    phone: Text40 = ""


class LetterIn(_Strict):
    """The whole Letter of Instruction, as the hub's template and PD25C ask.

    Every field may be left out while the shape is checked; what a complete letter
    must hold is checked on submission and each gap is reported as an error.
    """

    court: CourtReference | None = None
    case_number: Text40 = ""
    judge: Text200 = ""
    permission_order_date: date | None = Field(
        None, description="The order giving permission (Children and Families Act 2014 s.13)."
    )
    eligibility_agreed_by_judge: StrictBool = False
    proceedings_issued_on: date | None = None
    filing_date: date | None = Field(None, description="The date the assessment must be filed with the court.")
    irh_date: date | None = Field(None, description="The issues resolution hearing.")
    final_hearing_date: date | None = None
    children: list[ChildIn] = Field(default_factory=list, max_length=50)
    adults: list[AdultIn] = Field(default_factory=list, max_length=50)
    assessment_types: list[AssessmentType] = Field(default_factory=list, max_length=len(AssessmentType.values))
    referral_reason: ReferralReason | None = None
    referral_reason_detail: Text5000 = ""
    questions: list[RequiredText5000] = Field(
        default_factory=list, max_length=200, description="The questions the court has approved, in order."
    )
    family_background: Text20000 = Field(
        "", description="The family's ethnic, cultural, religious and linguistic background (PD25C)."
    )
    case_background: Text20000 = ""
    reading_list: list[ReadingItemIn] = Field(default_factory=list, max_length=500)
    contacts: list[ContactIn] = Field(default_factory=list, max_length=200)


class ErrorOut(Schema):
    code: str = Field(description="A stable, machine-readable name for the problem.")
    field: str | None = Field(
        None, description="Where the problem is, for example `letter.children[0].date_of_birth` or `bundle[1]`."
    )
    message: str = Field(description="What is wrong, in words a person can act on.")


class ErrorsOut(Schema):
    errors: list[ErrorOut]


class ReferralCreatedOut(Schema):
    reference: str
    status: str
    received_at: datetime = Field(description="When the complete letter and bundle were received: the hub's clock.")
    url: str = Field(description="Where to read the referral's progress (also in the Location header).")


class AssessmentOut(Schema):
    assessment_type: str
    status: str


class ThreadMessageOut(Schema):
    kind: str = Field(description="What happened: submitted, query_raised, query_answered, accepted, declined.")
    at: datetime
    message: str


class ReferralOut(Schema):
    reference: str
    status: str
    status_label: str
    case_number: str
    assessment_types: list[str]
    received_at: datetime | None
    decided_at: datetime | None
    decline_reason: str
    assessments: list[AssessmentOut]
    thread: list[ThreadMessageOut]
    url: str


class ReferralSummaryOut(Schema):
    reference: str
    status: str
    case_number: str
    received_at: datetime | None
    decided_at: datetime | None
    url: str
