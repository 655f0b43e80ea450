"""The frameworks: capacity to change, triangle, risk, the four questions, equality, hypotheses and census factors."""

from typing import Any

from django import forms

from hub.core.forms import GovukForm, GovukModelForm
from hub.referrals.models import Child
from hub.workspace import rules
from hub.workspace.forms.common import textarea
from hub.workspace.models import (
    AdultRecord,
    Analysis,
    Hypothesis,
    RiskLevel,
)


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
            "commitment_evidence": textarea(4),
            "stage_evidence": textarea(4),
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
        widgets = dict.fromkeys(fields, textarea(4))


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
            **dict.fromkeys(fields, textarea(4)),
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
        widgets = dict.fromkeys(fields, textarea(4))


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
            "statement": textarea(2),
            "evidence_for": textarea(3),
            "evidence_against": textarea(3),
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
