"""One form per workspace page. Every field is optional unless a record cannot
exist without it, so a draft can always be saved as the assessor types."""

import re
from typing import Any

from django import forms

from hub.core.forms import GovukDateField, GovukDateWidget, GovukForm, GovukModelForm
from hub.referrals.models import Child
from hub.workspace import rules
from hub.workspace.models import (
    AdultRecord,
    Agency,
    Analysis,
    ChildRecord,
    ChildSeen,
    Hypothesis,
    InformationRequest,
    RiskLevel,
    Session,
    SessionKind,
    SharingBasis,
    Weight,
)

# A court bundle page reference: a section letter and a page, or a range of them (C23, C23-C25, E101-107).
BUNDLE_REFERENCE = re.compile(r"^[A-Z]{1,2}\d{1,4}(\s?[-\u2013]\s?[A-Z]{0,2}\d{1,4})?$")


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class SessionForm(GovukModelForm):
    held_on = GovukDateField(label="Date of the session", error_messages={"required": "Enter the date of the session"})

    class Meta:
        model = Session
        fields = ["kind", "held_on", "present", "notes"]
        labels = {"kind": "Kind of session", "present": "Who was present", "notes": "Notes"}
        help_texts = {"present": "Everyone there, including professionals and interpreters"}
        widgets = {"kind": forms.RadioSelect, "present": _textarea(3), "notes": _textarea(6)}

    def __init__(self, *args: Any, children: list[Child], seen: dict[int, tuple[str, str]] | None = None, **kw: Any):
        self.children = children
        initial = kw.pop("initial", None) or {}
        for child_id, (state, reason) in (seen or {}).items():
            initial[f"seen_{child_id}"] = state
            initial[f"reason_{child_id}"] = reason
        super().__init__(*args, initial=initial, **kw)
        self.fields["kind"].choices = SessionKind.choices  # type: ignore[attr-defined]
        self.fields["kind"].error_messages["required"] = "Select the kind of session"
        for child in children:
            seen_field = forms.ChoiceField(
                label=f"Was {child.full_name} seen alone?",
                choices=ChildSeen.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            seen_field.widget.template_name = "govuk/widgets/radios.html"
            seen_field.widget.is_fieldset = True
            reason_field = forms.CharField(
                label=f"If {child.full_name} was not seen alone, why not",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea"}),
                help_text="The guidance asks for the reason to be recorded whenever a child is not seen alone",
            )
            reason_field.widget.is_fieldset = False
            self.fields[f"seen_{child.pk}"] = seen_field
            self.fields[f"reason_{child.pk}"] = reason_field

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("kind", "held_on", "present", "notes")]

    def child_fields(self) -> list[tuple[Child, forms.BoundField, forms.BoundField]]:
        return [(child, self[f"seen_{child.pk}"], self[f"reason_{child.pk}"]) for child in self.children]

    def children_seen(self) -> dict[int, tuple[str, str]]:
        return {
            child.pk: (
                self.cleaned_data.get(f"seen_{child.pk}") or "",
                (self.cleaned_data.get(f"reason_{child.pk}") or "").strip(),
            )
            for child in self.children
        }

    def session_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("kind", "held_on", "present", "notes")}


class PartialDateWidget(GovukDateWidget):
    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, rules.PartialDate):
            return [value.day or "", value.month or "", value.year]
        return super().decompress(value)


class PartialDateField(forms.MultiValueField):
    """Day, month and year, where the day, or the day and month, may be left empty."""

    widget = PartialDateWidget

    def __init__(self, **kwargs: Any) -> None:
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields, **kwargs)

    def compress(self, data_list: list[str]) -> rules.PartialDate | None:
        if not data_list or not any(part and part.strip() for part in data_list):
            return None
        day, month, year = (part or "" for part in data_list)
        try:
            return rules.parse_partial_date(day, month, year)
        except rules.PartialDateError as error:
            raise forms.ValidationError(str(error)) from None


class ChronologyEntryForm(GovukForm):
    when = PartialDateField(
        label="When it happened",
        help_text="If you only know the month and year, or only the year, leave the rest empty. For example, 3 2019",
        error_messages={"required": "Enter when it happened, at least the year"},
    )
    what_happened = forms.CharField(
        label="What happened", widget=_textarea(3), error_messages={"required": "Enter what happened"}
    )
    source = forms.CharField(
        label="Source",
        max_length=300,
        help_text="Who or what says so, for example police disclosure, mother's account, health visitor records",
        error_messages={"required": "Enter the source"},
    )
    bundle_reference = forms.CharField(
        label="Court bundle page (optional)",
        max_length=40,
        required=False,
        help_text="For example, C23 or C23-C25",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    significance = forms.CharField(label="Significance for the child (optional)", widget=_textarea(2), required=False)

    def clean_bundle_reference(self) -> str:
        value: str = self.cleaned_data.get("bundle_reference", "").strip().upper()
        if value and not BUNDLE_REFERENCE.match(value):
            raise forms.ValidationError("Enter the bundle page like C23, or a range like C23-C25")
        return value


class InformationRequestForm(GovukModelForm):
    asked_on = GovukDateField(
        label="Date asked (optional)", required=False, help_text="Leave blank if you have not asked yet"
    )

    class Meta:
        model = InformationRequest
        fields = [
            "agency",
            "organisation_name",
            "contact_name",
            "contact_email",
            "about",
            "specific_information",
            "basis",
            "consent_given_by",
            "asked_on",
        ]
        labels = {
            "agency": "Agency",
            "organisation_name": "Name of the service (optional)",
            "contact_name": "Person to write to (optional)",
            "contact_email": "Their email address (optional)",
            "about": "Who the request is about (optional)",
            "specific_information": "Anything specific you need to know (optional)",
            "basis": "Basis for sharing",
            "consent_given_by": "Who gave consent",
        }
        help_texts = {
            "agency": "From the prompt sheet of agencies to contact",
            "organisation_name": "For example, Riverside Medical Practice",
            "about": "Leave blank to ask about the children in the referral",
            "consent_given_by": "Only when sharing is by consent",
        }
        widgets = {"basis": forms.RadioSelect, "specific_information": _textarea(3)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "Choose the agency"), *Agency.choices]  # type: ignore[attr-defined]
        self.fields["agency"].error_messages["required"] = "Choose the agency"
        self.fields["basis"].choices = SharingBasis.choices  # type: ignore[attr-defined]
        self.fields["basis"].error_messages["required"] = "Select the basis for sharing: consent or statutory duty"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("basis") == SharingBasis.CONSENT and not (data.get("consent_given_by") or "").strip():
            self.add_error("consent_given_by", "Enter who gave consent")
        return data


class AnswerForm(GovukModelForm):
    answered_on = GovukDateField(label="Date answered", required=False)

    class Meta:
        model = InformationRequest
        fields = ["answered_on", "what_they_said", "weight"]
        labels = {"what_they_said": "What they said", "weight": "Weight the information deserves"}
        help_texts = {"weight": "Greater weight goes to specialist expertise and reliable eyewitness accounts"}
        widgets = {"what_they_said": _textarea(6), "weight": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weight"].choices = Weight.choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("what_they_said", "").strip() and not data.get("answered_on"):
            self.add_error("answered_on", "Enter the date they answered")
        return data


class ChildRecordForm(GovukModelForm):
    class Meta:
        model = ChildRecord
        fields = ["considered", "views"]
        labels = {
            "considered": "Evidence that this child was considered",
            "views": "The child's views, in their own words",
        }
        help_texts = {
            "considered": "How this child's needs were assessed, however well they appear to be doing",
            "views": "Quote them where you can; for a young child, what you observed through play or behaviour",
        }
        widgets = {"considered": _textarea(5), "views": _textarea(5)}


class AdultViewsForm(GovukModelForm):
    class Meta:
        model = AdultRecord
        fields = ["views"]
        labels = {"views": "Their views, in their own words"}
        widgets = {"views": _textarea(6)}


class CapacityForm(GovukModelForm):
    class Meta:
        model = AdultRecord
        fields = ["commitment", "commitment_evidence", "stage_of_change", "stage_evidence"]
        labels = {
            "commitment": "Effort and commitment to change",
            "commitment_evidence": "Evidence for this",
            "stage_of_change": "Stage of change",
            "stage_evidence": "Evidence for the stage of change",
        }
        widgets = {
            "commitment": forms.RadioSelect,
            "stage_of_change": forms.RadioSelect,
            "commitment_evidence": _textarea(4),
            "stage_evidence": _textarea(4),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commitment"].choices = AdultRecord._meta.get_field("commitment").choices  # type: ignore[attr-defined]
        self.fields["stage_of_change"].choices = AdultRecord._meta.get_field("stage_of_change").choices  # type: ignore[attr-defined]


class TriangleForm(GovukModelForm):
    class Meta:
        model = Analysis
        fields = [
            "developmental_strengths",
            "developmental_concerns",
            "parenting_strengths",
            "parenting_concerns",
            "environment_strengths",
            "environment_concerns",
        ]
        labels = {
            "developmental_strengths": "Child's developmental needs: strengths",
            "developmental_concerns": "Child's developmental needs: concerns",
            "parenting_strengths": "Parenting capacity: strengths",
            "parenting_concerns": "Parenting capacity: concerns",
            "environment_strengths": "Family and environmental factors: strengths",
            "environment_concerns": "Family and environmental factors: concerns",
        }
        widgets = dict.fromkeys(fields, _textarea(4))


class RiskForm(GovukModelForm):
    class Meta:
        model = Analysis
        fields = [
            "risk_factors",
            "protective_factors",
            "risk_level",
            "risk_measures",
            "residual_risk_level",
            "review_actions",
            "contingency",
        ]
        labels = {
            "risk_factors": "Risk factors",
            "protective_factors": "Protective factors",
            "risk_level": "Level of risk of harm to the child",
            "risk_measures": "Measures to manage and reduce the risk and increase the safety network",
            "residual_risk_level": "Level of risk even if all the measures are in place",
            "review_actions": "Actions to review the risk",
            "contingency": "Contingency: what happens if the risks increase, and who to contact",
        }
        widgets = {
            **dict.fromkeys(fields, _textarea(4)),
            "risk_level": forms.RadioSelect,
            "residual_risk_level": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["risk_level"].choices = RiskLevel.choices  # type: ignore[attr-defined]
        self.fields["residual_risk_level"].choices = RiskLevel.choices  # type: ignore[attr-defined]


class QuestionsForm(GovukModelForm):
    class Meta:
        model = Analysis
        fields = ["what_i_know", "who_to_tell", "gaps"]
        labels = {
            "what_i_know": "What do I know? What information do I have?",
            "who_to_tell": "Who do I need to tell about the information I have?",
            "gaps": "What gaps do I have? Who do I need to ask for more information?",
        }
        widgets = dict.fromkeys(fields, _textarea(4))


EQUALITY_AREAS: list[tuple[str, str]] = [
    ("age", "Age"),
    ("gender", "Gender"),
    ("ethnicity", "Ethnicity"),
    ("language", "Language"),
    ("beliefs", "Beliefs"),
    ("disability", "Disability"),
    ("economic", "Economic and poverty"),
    ("social", "Social"),
]


class EqualityForm(GovukForm):
    """The equality impact tool: for each area, the effect on the child's lived experience and what mitigates it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in EQUALITY_AREAS:
            self.fields[f"{key}_effect"] = forms.CharField(
                label=f"{label}: how it affects the child's lived experience and adds to risk",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
            )
            self.fields[f"{key}_mitigation"] = forms.CharField(
                label=f"{label}: supports or services to mitigate it",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
            )
        for field in self.fields.values():
            field.widget.is_fieldset = False

    @staticmethod
    def initial_from(equality: dict[str, dict[str, str]]) -> dict[str, str]:
        initial = {}
        for key, _label in EQUALITY_AREAS:
            area = equality.get(key, {})
            initial[f"{key}_effect"] = area.get("effect", "")
            initial[f"{key}_mitigation"] = area.get("mitigation", "")
        return initial

    def areas(self) -> list[tuple[str, str, forms.BoundField, forms.BoundField]]:
        return [(key, label, self[f"{key}_effect"], self[f"{key}_mitigation"]) for key, label in EQUALITY_AREAS]

    def equality(self) -> dict[str, dict[str, str]]:
        return {
            key: {
                "effect": self.cleaned_data.get(f"{key}_effect", "").strip(),
                "mitigation": self.cleaned_data.get(f"{key}_mitigation", "").strip(),
            }
            for key, _label in EQUALITY_AREAS
        }


class HypothesisForm(GovukModelForm):
    class Meta:
        model = Hypothesis
        fields = ["statement", "evidence_for", "evidence_against", "status"]
        labels = {
            "statement": "Hypothesis",
            "evidence_for": "Evidence for",
            "evidence_against": "Evidence against",
            "status": "Where it stands",
        }
        widgets = {
            "statement": _textarea(2),
            "evidence_for": _textarea(3),
            "evidence_against": _textarea(3),
            "status": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statement"].error_messages["required"] = "Enter the hypothesis"
        self.fields["status"].error_messages["required"] = "Select where the hypothesis stands"


class FactorsForm(GovukForm):
    """For each child, the DfE census factors identified at the end of assessment."""

    def __init__(self, *args: Any, children: list[Child], **kwargs: Any) -> None:
        self.children = children
        super().__init__(*args, **kwargs)
        choices = [(code, f"{code}: {label}") for code, label in rules.CIN_FACTORS.items()]
        for child in children:
            field = forms.MultipleChoiceField(
                label=f"Factors for {child.full_name}",
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="Select all that apply, or 21 on its own if none",
            )
            field.widget.template_name = "govuk/widgets/checkboxes.html"
            field.widget.is_fieldset = True
            self.fields[f"factors_{child.pk}"] = field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for child in self.children:
            for problem in rules.cin_factor_problems(data.get(f"factors_{child.pk}") or []):
                self.add_error(f"factors_{child.pk}", f"{child.full_name}: {problem}")
        return data

    def factors(self) -> dict[int, list[str]]:
        return {child.pk: list(self.cleaned_data.get(f"factors_{child.pk}") or []) for child in self.children}


class FamilyLinkForm(GovukForm):
    reference = forms.CharField(
        label="Reference of the other referral about this family",
        max_length=20,
        help_text="For example, HUB-2026-00012",
        error_messages={"required": "Enter the other referral's reference"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
