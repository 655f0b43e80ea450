"""The survey's pages and the staff forms for advocacy and support."""

from typing import Any

from django import forms

from hub.accounts.models import Organisation, OrganisationKind, Role, User
from hub.core.forms import GovukDateField, GovukForm
from hub.feedback import questions
from hub.feedback.models import AdvocacyAnswer, ProviderKind, SupportProvider
from hub.feedback.questions import Kind, Question
from hub.referrals.models import AssessmentType

YES_NO = [("yes", "Yes"), ("no", "No")]
TEXT_LIMIT = 2000


def _field(question: Question) -> forms.Field:
    if question.kind == Kind.YES_NO:
        return forms.TypedChoiceField(
            label=question.text,
            choices=YES_NO,
            coerce=lambda value: value == "yes",
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
        )
    if question.kind in (Kind.RATING, Kind.HELPFUL):
        labels = questions.RATING_LABELS if question.kind == Kind.RATING else questions.HELPFUL_LABELS
        return forms.TypedChoiceField(
            label=question.text,
            choices=[(str(value), label) for value, label in labels.items()],
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
        )
    return forms.CharField(
        label=question.text,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"{question.text.rstrip('?')}: use {TEXT_LIMIT:,} characters or fewer"},
    )


class SurveyStepForm(GovukForm):
    """One page of the survey. Every question may be skipped; the last page asks two things before sending."""

    sending_questions: tuple[str, ...] = ()

    def __init__(self, *args: Any, sending: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sending = sending

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.sending:
            if "anonymous" in self.fields and cleaned.get("anonymous") is None:
                self.add_error("anonymous", "Say whether your answers should be anonymous")
            if "consent_to_quote" in self.fields and cleaned.get("consent_to_quote") is None:
                self.add_error("consent_to_quote", "Say whether we may quote what you wrote")
        return cleaned

    def answers(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name in self.fields}


def _last_page_fields() -> dict[str, forms.Field]:
    return {
        "consent_to_quote": forms.TypedChoiceField(
            label="May we quote what you wrote, without your name, in reports about the hub?",
            choices=[("yes", "Yes, you may quote me"), ("no", "No, do not quote me")],
            coerce=lambda value: value == "yes",
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
        ),
        "anonymous": forms.TypedChoiceField(
            label="Should your answers be anonymous?",
            help_text="If you say yes, we keep your answers without anything that says who sent them.",
            choices=[("yes", "Yes, keep my answers anonymous"), ("no", "No, you may know they are mine")],
            coerce=lambda value: value == "yes",
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
        ),
    }


def step_form_class(step_questions: list[Question], *, last: bool) -> type[SurveyStepForm]:
    fields: dict[str, Any] = {q.key: _field(q) for q in step_questions}
    if last:
        fields.update(_last_page_fields())
    return type("SurveyPageForm", (SurveyStepForm,), fields)


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Your code",
        help_text="It is in your letter and looks like ACDEF-GHJKM",
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
        error_messages={"required": "Enter the code from your letter"},
    )


class AdvocacyForm(GovukForm):
    offered_on = GovukDateField(label="Date advocacy was offered", help_text="For example, 27 3 2026")
    answer = forms.ChoiceField(
        label="What did they say?",
        choices=AdvocacyAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say what they answered"},
    )
    provider = forms.ModelChoiceField(
        label="Referred to (if they want an advocate)",
        queryset=SupportProvider.objects.none(),
        required=False,
        empty_label="Not referred yet",
    )
    referred_on = GovukDateField(label="Date of the referral", required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offered_on"].error_messages["required"] = "Enter the date advocacy was offered"
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = SupportProvider.objects.filter(kind=ProviderKind.ADVOCACY, is_active=True)


def _provider_label(provider: SupportProvider) -> str:
    return f"{provider.name} ({provider.get_kind_display().lower()})"


class SupportReferralForm(GovukForm):
    provider = forms.ModelChoiceField(
        label="Who are you referring them to?",
        queryset=SupportProvider.objects.none(),
        error_messages={"required": "Choose who you are referring them to"},
    )
    referred_on = GovukDateField(label="Date of the referral", help_text="For example, 27 3 2026")
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referred_on"].error_messages["required"] = "Enter the date of the referral"
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = SupportProvider.objects.filter(is_active=True).exclude(kind=ProviderKind.ADVOCACY)
        provider.label_from_instance = _provider_label  # type: ignore[method-assign,assignment]


class ResultsForm(GovukForm):
    """Which responses to count and how to group them; every choice optional."""

    group_by = forms.ChoiceField(
        label="Show the figures by",
        choices=[
            ("hub", "The whole hub"),
            ("authority", "Local authority"),
            ("assessment_type", "Assessment type"),
            ("assessor", "Assessor"),
            ("month", "Month"),
        ],
        required=False,
    )
    local_authority = forms.ModelChoiceField(
        label="Local authority", queryset=Organisation.objects.none(), required=False, empty_label="All"
    )
    assessment_type = forms.ChoiceField(
        label="Assessment type", choices=[("", "All"), *AssessmentType.choices], required=False
    )
    assessor = forms.ModelChoiceField(label="Assessor", queryset=User.objects.none(), required=False, empty_label="All")
    submitted_from = GovukDateField(label="Answered from", required=False, help_text="For example, 1 4 2026")
    submitted_to = GovukDateField(label="Answered up to", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        authority = self.fields["local_authority"]
        assessor = self.fields["assessor"]
        assert isinstance(authority, forms.ModelChoiceField) and isinstance(assessor, forms.ModelChoiceField)
        authority.queryset = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name")
        assessor.queryset = User.objects.filter(role=Role.ASSESSOR).order_by("full_name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("submitted_from"), cleaned.get("submitted_to")
        if start and end and end < start:
            self.add_error("submitted_to", "The end of the period must be on or after its start")
        return cleaned
