"""The case-file audit's forms: GOV.UK markup, and what was typed shown back with each problem."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from hub.accounts.models import Organisation, OrganisationKind
from hub.caseaudit import rules
from hub.caseaudit.models import GRADE_CHOICES, AuditKind, AuditorRole, DomainGrade
from hub.caseaudit.rules import DOMAINS
from hub.caseaudit.services import DomainEntry, ModerationDecision
from hub.core.forms import GovukDateField, GovukForm

AUTHORITY_ROLES = [choice for choice in AuditorRole.choices if choice[0] != AuditorRole.PARTNER_AGENCY]


class ProgrammeForm(GovukForm):
    name = forms.CharField(
        label="Name of the audit", max_length=200, error_messages={"required": "Enter the name of the audit"}
    )
    question = forms.CharField(
        label="What the audit looks at",
        max_length=300,
        help_text="For example: children placed on care orders at home with parents",
        error_messages={"required": "Enter what the audit looks at"},
    )
    period_audited = forms.CharField(
        label="Period audited",
        max_length=200,
        help_text="For example: the 12 months before the final hearing",
        error_messages={"required": "Enter the period audited"},
    )
    cases_per_authority = forms.IntegerField(
        label="Cases each authority selects",
        min_value=1,
        max_value=50,
        initial=3,
        error_messages={"required": "Enter how many cases each authority selects"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    deadline = GovukDateField(label="Deadline", help_text="For example, 27 3 2027")
    authorities = forms.ModelMultipleChoiceField(
        label="Authorities taking part",
        queryset=Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY, is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the authorities taking part"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deadline"].required = True
        self.fields["deadline"].error_messages["required"] = "Enter the deadline"


class SelectionForm(GovukForm):
    references = forms.CharField(
        label="Eligible cases",
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text="One case reference a line, from your case system. Never a child's name.",
        error_messages={"required": "Enter the references of the eligible cases"},
    )
    seed = forms.IntegerField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text="Leave this empty and the hub chooses one. Enter a seed only to re-do a selection someone "
        "made before, to show it was fair.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )

    def __init__(self, *args: Any, count: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count = count

    def clean_references(self) -> tuple[str, ...]:
        parsed = rules.parse_references(self.cleaned_data["references"])
        if parsed.problems:
            raise ValidationError(list(parsed.problems))
        if len(parsed.references) < self.count:
            raise ValidationError(f"Enter at least {self.count} eligible cases: you entered {len(parsed.references)}")
        return parsed.references


def _extend(form: forms.Form, fields: dict[str, forms.Field], *, after_declared: bool = True) -> None:
    """Add fields made at run time before the form is set up, so GovukForm gives them
    their GOV.UK classes and templates like the declared ones (it styles the fields
    it finds when the form is made). The form's own copy: the class is unchanged."""
    declared = dict(type(form).base_fields)
    form.base_fields = {**declared, **fields} if after_declared else {**fields, **declared}  # type: ignore[misc]  # this form's own copy, on purpose


def _grade_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=GRADE_CHOICES, required=False, widget=forms.RadioSelect)


class AuditForm(GovukForm):
    """The nine domains, each with a grade, evidence and comments, and the auditor's role.

    A draft may be saved part-done; submitting needs every domain graded with its evidence.
    """

    auditor_role = forms.ChoiceField(
        label="Your role", choices=AUTHORITY_ROLES, required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, kind: str, submitting: bool = False, **kwargs: Any) -> None:
        fields: dict[str, forms.Field] = {}
        for domain in DOMAINS:
            fields[f"{domain.value}_grade"] = _grade_field(f"Grade for {domain.noun}")
            fields[f"{domain.value}_evidence"] = forms.CharField(
                label=f"Evidence for {domain.noun}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="What in the case file shows this",
            )
            fields[f"{domain.value}_comments"] = forms.CharField(
                label=f"Comments on {domain.noun}", required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        _extend(self, fields)
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.kind = kind
        if kind == AuditKind.DIP_SAMPLE:
            del self.fields["auditor_role"]

    @staticmethod
    def initial_from(rows: list[DomainGrade], auditor_role: str) -> dict[str, str]:
        initial = {"auditor_role": auditor_role}
        for row in rows:
            initial[f"{row.domain}_grade"] = row.grade
            initial[f"{row.domain}_evidence"] = row.evidence
            initial[f"{row.domain}_comments"] = row.comments
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.submitting:
            if self.kind == AuditKind.AUTHORITY and not data.get("auditor_role"):
                self.add_error("auditor_role", "Say whether you are a team manager, senior manager or IRO")
            for domain in DOMAINS:
                if not data.get(f"{domain.value}_grade"):
                    self.add_error(f"{domain.value}_grade", f"Choose a grade for {domain.noun}")
                if not (data.get(f"{domain.value}_evidence") or "").strip():
                    self.add_error(f"{domain.value}_evidence", f"Enter the evidence for {domain.noun}")
        return data

    def domains(self) -> list[dict[str, Any]]:
        """The bound fields grouped by domain, for the page to lay out one section each."""
        return [
            {
                "domain": domain,
                "grade": self[f"{domain.value}_grade"],
                "evidence": self[f"{domain.value}_evidence"],
                "comments": self[f"{domain.value}_comments"],
            }
            for domain in DOMAINS
        ]

    def entries(self) -> dict[str, DomainEntry]:
        data = self.cleaned_data
        return {
            domain.value: DomainEntry(
                grade=data.get(f"{domain.value}_grade") or "",
                evidence=(data.get(f"{domain.value}_evidence") or "").strip(),
                comments=(data.get(f"{domain.value}_comments") or "").strip(),
            )
            for domain in DOMAINS
        }


class ModerationForm(GovukForm):
    """For each domain the moderator agrees with the auditor's grade or chooses another, with a reason."""

    comment = forms.CharField(
        label="Moderation comments (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, rows: list[DomainGrade], **kwargs: Any) -> None:
        self.rows = {row.domain: row for row in rows}
        fields: dict[str, forms.Field] = {}
        for domain in DOMAINS:
            fields[f"{domain.value}_grade"] = forms.ChoiceField(
                label=f"Your grade for {domain.noun}",
                choices=GRADE_CHOICES,
                widget=forms.RadioSelect,
                initial=self.rows[domain.value].grade,
                error_messages={"required": f"Choose a grade for {domain.noun}"},
            )
            fields[f"{domain.value}_reason"] = forms.CharField(
                label=f"Reason for changing the grade for {domain.noun}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Needed only if you change the grade",
            )
        _extend(self, fields, after_declared=False)
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for domain in DOMAINS:
            grade = data.get(f"{domain.value}_grade")
            if (
                grade
                and grade != self.rows[domain.value].grade
                and not (data.get(f"{domain.value}_reason") or "").strip()
            ):
                self.add_error(f"{domain.value}_reason", f"Give a reason for changing the grade for {domain.noun}")
        return data

    def domains(self) -> list[dict[str, Any]]:
        return [
            {
                "domain": domain,
                "row": self.rows[domain.value],
                "grade": self[f"{domain.value}_grade"],
                "reason": self[f"{domain.value}_reason"],
            }
            for domain in DOMAINS
        ]

    def decisions(self) -> dict[str, ModerationDecision]:
        return {
            domain.value: ModerationDecision(
                grade=self.cleaned_data[f"{domain.value}_grade"],
                reason=self.cleaned_data.get(f"{domain.value}_reason") or "",
            )
            for domain in DOMAINS
        }


class ThemeForm(GovukForm):
    name = forms.CharField(label="Theme", max_length=100, error_messages={"required": "Enter the theme"})
    description = forms.CharField(label="What it covers (optional)", max_length=300, required=False)


class ThemeTagForm(GovukForm):
    """Per domain, the lead's themes its comments show."""

    def __init__(self, *args: Any, rows: list[DomainGrade], themes: list[tuple[int, str]], **kwargs: Any) -> None:
        self.rows = rows
        _extend(
            self,
            {
                row.domain: forms.TypedMultipleChoiceField(
                    label=f"Themes in {rules.Domain(row.domain).noun}",
                    choices=themes,
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    initial=[theme.pk for theme in row.themes.all()],
                )
                for row in rows
            },
        )
        super().__init__(*args, **kwargs)

    def domains(self) -> list[dict[str, Any]]:
        return [{"row": row, "field": self[row.domain]} for row in self.rows]
