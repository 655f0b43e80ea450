"""One form per page of the Letter of Instruction, and the triage forms."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from hub.accounts.models import Organisation, OrganisationKind
from hub.core.forms import GovukDateField, GovukForm, GovukModelForm
from hub.referrals.models import (
    AssessmentType,
    Child,
    Contact,
    CourtQuestion,
    ReadingItem,
    Referral,
    ReferralReason,
)


class CourtForm(GovukModelForm):
    court = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.FAMILY_COURT, is_active=True),
        required=False,
        empty_label="Choose the court",
        label="Court",
    )
    permission_order_date = GovukDateField(
        label="Date of the order giving permission",
        required=False,
        help_text="The order under section 13 of the Children and Families Act 2014. For example, 27 3 2026",
    )
    proceedings_issued_on = GovukDateField(label="Date proceedings were issued", required=False)

    class Meta:
        model = Referral
        fields = [
            "court",
            "case_number",
            "judge",
            "permission_order_date",
            "eligibility_agreed_by_judge",
            "proceedings_issued_on",
        ]
        labels = {
            "case_number": "Case number",
            "judge": "Judge",
            "eligibility_agreed_by_judge": "The judge has agreed that the hub's eligibility criteria are met",
        }
        help_texts = {"case_number": "For example, LV26C00123", "judge": "For example, HHJ Example"}


class TimetableForm(GovukModelForm):
    filing_date = GovukDateField(label="Date the assessment must be filed", required=False)
    irh_date = GovukDateField(label="Issues resolution hearing (IRH)", required=False)
    final_hearing_date = GovukDateField(
        label="Final hearing", required=False, help_text="Leave blank if not yet listed"
    )

    class Meta:
        model = Referral
        fields = ["filing_date", "irh_date", "final_hearing_date"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        from hub.referrals.rules import LetterFacts, timetable_problems

        facts = LetterFacts(
            proceedings_issued_on=self.instance.proceedings_issued_on,
            filing_date=data.get("filing_date"),
            irh_date=data.get("irh_date"),
            final_hearing_date=data.get("final_hearing_date"),
        )
        for field, problem in timetable_problems(facts):
            self.add_error(field, problem)
        return data


class ChildForm(GovukModelForm):
    date_of_birth = GovukDateField(label="Date of birth", required=False, help_text="Leave blank for an unborn child")
    expected_date_of_delivery = GovukDateField(
        label="Expected date of delivery", required=False, help_text="Only for an unborn child"
    )

    class Meta:
        model = Child
        fields = [
            "full_name",
            "date_of_birth",
            "expected_date_of_delivery",
            "sex",
            "ethnicity",
            "first_language",
            "religion",
            "disability",
        ]
        labels = {"full_name": "Child's full name", "disability": "Disability or additional needs"}
        help_texts = {"disability": "Leave blank if none", "religion": "Leave blank if none or not known"}
        widgets = {"sex": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sex"].choices = [c for c in self.fields["sex"].choices if c[0]]  # type: ignore[attr-defined]
        self.fields["sex"].error_messages["required"] = "Select the child's sex"
        self.fields["full_name"].error_messages["required"] = "Enter the child's full name"
        self.fields["ethnicity"].error_messages["required"] = "Enter the child's ethnicity"
        self.fields["first_language"].error_messages["required"] = "Enter the child's first language"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born = data.get("date_of_birth")
        if born and born > timezone.localdate():
            self.add_error("date_of_birth", "The date of birth must be today or in the past")
        due = data.get("expected_date_of_delivery")
        if due and due < timezone.localdate() - datetime.timedelta(days=31):
            self.add_error(
                "expected_date_of_delivery",
                "The expected date of delivery is more than a month ago: enter the date of birth instead",
            )
        if data.get("date_of_birth") and data.get("expected_date_of_delivery"):
            self.add_error(
                "expected_date_of_delivery", "Enter either a date of birth or an expected date of delivery, not both"
            )
        elif (
            not data.get("date_of_birth")
            and not data.get("expected_date_of_delivery")
            and not self.has_error("date_of_birth")
        ):
            self.add_error(
                "date_of_birth", "Enter the child's date of birth, or an expected date of delivery if unborn"
            )
        return data


class AdultForm(GovukForm):
    """An adult to be assessed, with their relationship to each child in the letter."""

    full_name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter the adult's full name"}
    )
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    first_language = forms.CharField(label="First language", max_length=100, required=False)
    needs_interpreter = forms.BooleanField(label="Needs an interpreter", required=False)
    learning_needs = forms.BooleanField(
        label="Has, or may have, a learning disability or learning needs",
        required=False,
        help_text="The hub may use ParentAssess or PAMS",
    )

    def __init__(self, *args: Any, children: list[Child], **kwargs: Any) -> None:
        self.children = children
        super().__init__(*args, **kwargs)
        for child in children:
            self.fields[f"relationship_{child.pk}"] = forms.CharField(
                label=f"Relationship to {child.full_name}",
                max_length=100,
                help_text="For example, mother, father, maternal grandmother, family friend",
                error_messages={"required": f"Enter the relationship to {child.full_name}"},
            )
        # GovukFormMixin styled the fields made before; style these too.
        for name, field in self.fields.items():
            if name.startswith("relationship_"):
                field.widget.attrs["class"] = "govuk-input govuk-!-width-one-half"

    def relationships(self) -> dict[int, str]:
        return {child.pk: self.cleaned_data[f"relationship_{child.pk}"] for child in self.children}


class AssessmentRequestForm(GovukModelForm):
    assessment_types = forms.MultipleChoiceField(
        choices=AssessmentType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Which assessments has the court asked for?",
        help_text="Select all that apply. The hub makes one assessment for each.",
    )
    referral_reason = forms.ChoiceField(
        choices=ReferralReason.choices, widget=forms.RadioSelect, required=False, label="Reason for referral"
    )

    class Meta:
        model = Referral
        fields = ["assessment_types", "referral_reason", "referral_reason_detail"]
        labels = {"referral_reason_detail": "More about the reason for referral"}
        help_texts = {"referral_reason_detail": "Required if the reason is other"}


class QuestionForm(GovukModelForm):
    class Meta:
        model = CourtQuestion
        fields = ["text"]
        labels = {"text": "Question approved by the court"}
        help_texts = {"text": "Add the questions one at a time, in the order of the order or the letter"}
        error_messages = {"text": {"required": "Enter the question"}}


class BackgroundForm(GovukModelForm):
    class Meta:
        model = Referral
        fields = ["family_background", "case_background"]
        labels = {
            "family_background": "The family's ethnic, cultural, religious and linguistic background",
            "case_background": "Background to the proceedings",
        }
        help_texts = {
            "family_background": "Practice Direction 25C asks the letter to give this context",
            "case_background": "A short summary: the bundle holds the detail",
        }


class ReadingItemForm(GovukModelForm):
    class Meta:
        model = ReadingItem
        fields = ["title", "bundle_reference"]
        labels = {"title": "Document", "bundle_reference": "Bundle page reference"}
        help_texts = {
            "title": "For example, Social work evidence statement",
            "bundle_reference": "For example, C23-C41",
        }
        error_messages = {"title": {"required": "Enter the document's name"}}


class ContactForm(GovukModelForm):
    class Meta:
        model = Contact
        fields = ["role", "full_name", "organisation_name", "acting_for", "email", "phone"]
        labels = {
            "full_name": "Full name",
            "organisation_name": "Organisation or firm",
            "acting_for": "Acting for",
            "email": "Email address",
            "phone": "Telephone",
        }
        help_texts = {"acting_for": "For a solicitor: the party they represent"}
        widgets = {"role": forms.RadioSelect}
        error_messages = {
            "role": {"required": "Select the person's role"},
            "full_name": {"required": "Enter the person's full name"},
            "email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [c for c in self.fields["role"].choices if c[0]]  # type: ignore[attr-defined]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BundleUploadForm(GovukForm):
    """Only renders the field: the view checks each file in request.FILES itself."""

    bundle_files = forms.FileField(
        label="Upload court bundle files",
        help_text="PDF files, not password protected. You can choose several files at once.",
        required=False,
        widget=MultipleFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
