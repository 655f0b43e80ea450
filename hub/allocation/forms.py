from typing import Any

from django import forms

from hub.allocation import rules
from hub.core.forms import GovukForm


class AllocateForm(GovukForm):
    """Choose an assessor from the ranked list. Choosing anyone but the best match
    asks for a reason, which is kept with the allocation."""

    assessor = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Choose an assessor",
        error_messages={"required": "Select an assessor"},
    )
    reason = forms.CharField(
        label="Why this assessor?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only needed if you do not choose a best match",
    )

    def __init__(
        self, *args: Any, eligible: list[rules.Match], ineligible: list[rules.Match] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.eligible = eligible
        self.ineligible = {m.assessor.id: m for m in ineligible or []}
        # The ineligible are valid choices only so that choosing one (say, in a page
        # drawn before someone else filled their last place) gets a clear reason.
        everyone = [*eligible, *self.ineligible.values()]
        self.fields["assessor"].choices = [(m.assessor.id, m.assessor.name) for m in everyone]  # type: ignore[attr-defined]

    def clean_assessor(self) -> int:
        chosen: int = self.cleaned_data["assessor"]
        if chosen in self.ineligible:
            refused = self.ineligible[chosen]
            raise forms.ValidationError(
                f"{refused.assessor.name} cannot take this assessment now: {'; '.join(refused.blockers)}. "
                "Choose another assessor"
            )
        return chosen

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("assessor")
        if chosen is None or not self.eligible:
            return data
        best = self.eligible[0]
        mine = next(m for m in self.eligible if m.assessor.id == chosen)
        if mine.score < best.score and not data.get("reason", "").strip():
            self.add_error(
                "reason", f"Explain why you chose {mine.assessor.name} over {best.assessor.name}, the best match"
            )
        return data


class ReallocateForm(AllocateForm):
    reason = forms.CharField(
        label="Reason for reallocating",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the assessor has left the hub or is off sick",
        error_messages={"required": "Enter the reason for reallocating"},
    )

    def clean(self) -> dict[str, Any]:
        # The reason is always required here; no second message about the ranking.
        return forms.Form.clean(self) or {}


class ReallocateAllForm(GovukForm):
    reason = forms.CharField(
        label="Reason for reallocating",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the assessor has left the hub or is off sick",
        error_messages={"required": "Enter the reason for reallocating"},
    )
