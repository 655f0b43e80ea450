"""A session with the family, and which children were seen alone."""

from typing import Any

from django import forms

from hub.core.forms import GovukDateField, GovukModelForm
from hub.referrals.models import Child
from hub.workspace.forms.common import textarea
from hub.workspace.models import (
    ChildSeen,
    Session,
    SessionKind,
)


class SessionForm(GovukModelForm):
    held_on = GovukDateField(label="Date of the session", error_messages={"required": "Enter the date of the session"})

    class Meta:
        model = Session
        fields = ["kind", "held_on", "present", "notes"]
        labels = {"kind": "Kind of session", "present": "Who was present", "notes": "Notes"}
        help_texts = {"present": "Everyone there, including professionals and interpreters"}
        widgets = {"kind": forms.RadioSelect, "present": textarea(3), "notes": textarea(6)}

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
