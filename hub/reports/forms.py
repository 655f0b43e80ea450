"""The report's forms. The drafting form is built from the report's own sections and questions."""

from typing import Any

from django import forms

from hub.core.forms import GovukDateField, GovukForm
from hub.reports import rules
from hub.reports.models import Recommendation
from hub.reports.selectors import QA_CHECKLIST, Question


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


# Fields added in __init__ come after GovukFormMixin has styled the form's declared
# fields, so they carry their GOV.UK class and template themselves.
def _added_textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "govuk-textarea"})


def _added_checkbox() -> forms.CheckboxInput:
    widget = forms.CheckboxInput()
    widget.template_name = "govuk/widgets/checkbox.html"
    return widget


def answer_field(key: str) -> str:
    return f"answer_{key}"


def section_field(key: str) -> str:
    return f"section_{key}"


class DraftForm(GovukForm):
    """Every question's answer and every section's text; all optional, so a draft always saves."""

    def __init__(self, *args: Any, sections: list[dict[str, str]], questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.questions = questions
        for q in questions:
            self.fields[answer_field(q.key)] = forms.CharField(
                label=f"Question {q.number}: {q.text}", required=False, widget=_added_textarea(5), strip=True
            )
        for s in sections:
            if s["kind"] == rules.Kind.QUESTIONS:
                continue
            rows = 12 if s["kind"] in (rules.Kind.CHRONOLOGY, rules.Kind.ANALYSIS) else 6
            self.fields[section_field(s["key"])] = forms.CharField(
                label=s["heading"], help_text=s.get("guidance", ""), required=False, widget=_added_textarea(rows)
            )

    def texts(self) -> dict[str, str]:
        return {
            s["key"]: self.cleaned_data.get(section_field(s["key"]), "")
            for s in self.sections
            if s["kind"] != rules.Kind.QUESTIONS
        }

    def answers(self) -> dict[str, str]:
        return {q.key: self.cleaned_data.get(answer_field(q.key), "") for q in self.questions}


class SubmitForm(GovukForm):
    """A reason for each failed check the assessor submits past."""

    def __init__(self, *args: Any, failed: list[rules.CheckResult], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.failed = failed
        for result in failed:
            self.fields[f"reason_{result.check.value}"] = forms.CharField(
                label=f"Why submit without: {result.title.lower()}?",
                help_text="The service manager sees this reason. Leave it empty to fix the check first.",
                required=False,
                widget=_added_textarea(3),
            )

    def reasons(self) -> dict[str, str]:
        return {r.check.value: self.cleaned_data.get(f"reason_{r.check.value}", "") for r in self.failed}


class QAForm(GovukForm):
    summary = forms.CharField(
        label="What needs amending, or a note on the approval",
        required=False,
        widget=_textarea(4),
    )

    def __init__(self, *args: Any, rows: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.comment_rows = rows
        for code, label in QA_CHECKLIST:
            self.fields[f"feature_{code}"] = forms.BooleanField(label=label, required=False, widget=_added_checkbox())
        for key, heading in rows:
            self.fields[f"comment_{key}"] = forms.CharField(
                label=f"Comment on {heading}", required=False, widget=_added_textarea(2)
            )
        # The summary last, after the comments, where the manager ends.
        self.order_fields([*[f"feature_{c}" for c, _ in QA_CHECKLIST], *[f"comment_{k}" for k, _ in rows], "summary"])

    def checklist(self) -> dict[str, bool]:
        return {code: bool(self.cleaned_data.get(f"feature_{code}")) for code, _ in QA_CHECKLIST}

    def comments(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"comment_{key}", "") for key, _ in self.comment_rows}


class FileForm(GovukForm):
    filed_on = GovukDateField(
        label="Date filed with the court", error_messages={"required": "Enter the date the report was filed"}
    )
    shared_with = forms.CharField(
        label="Who the report was shared with",
        help_text="For example: the court, the local authority, the children's guardian, the parents' solicitors",
        widget=_textarea(3),
        error_messages={"required": "Enter who the report was shared with"},
    )


class OutcomeForm(GovukForm):
    recommendation = forms.ChoiceField(
        label="Was the report's recommendation positive or negative?",
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the recommendation was positive or negative"},
    )
    la_changed_plan = forms.ChoiceField(
        label="Did the local authority change its plan?",
        choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known yet")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the local authority changed its plan"},
    )
    court_decision = forms.CharField(
        label="The court's decision (optional)", required=False, widget=_textarea(3), help_text="When it is known"
    )
    court_decided_on = GovukDateField(label="Date of the court's decision (optional)", required=False)

    def plan_changed(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data["la_changed_plan"])


class AddendumForm(GovukForm):
    questions = forms.CharField(
        label="The court's questions for the addendum",
        help_text="One question a line, as the court's order words them",
        widget=_textarea(5),
        error_messages={"required": "Enter the questions the court asked for the addendum"},
    )

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]


class CompareForm(GovukForm):
    older = forms.TypedChoiceField(label="Compare version", coerce=int)
    newer = forms.TypedChoiceField(label="with version", coerce=int)

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, f"Version {n}") for n in numbers]
        self.fields["older"].choices = choices  # type: ignore[attr-defined]
        self.fields["newer"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("older") is not None and data.get("older") == data.get("newer"):
            self.add_error("newer", "Choose two different versions")
        return data
