import datetime
from typing import Any

from django import forms

from hub.accounts.models import Organisation, OrganisationKind, Role, User
from hub.core.forms import GovukDateField, GovukForm, LongSelect
from hub.referrals.models import AssessmentType

# Ten years is more than any hub has kept; a longer period is almost certainly a typing slip.
LONGEST_PERIOD_DAYS = 3660


class DashboardFilterForm(GovukForm):
    starts = GovukDateField(label="From", required=False, help_text="For example, 1 4 2025")
    ends = GovukDateField(label="To", required=False, help_text="For example, 31 3 2026")
    local_authority = forms.TypedChoiceField(
        label="Local authority", required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    assessment_type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "All types"), *AssessmentType.choices]
    )
    assessor = forms.TypedChoiceField(label="Assessor", required=False, coerce=int, empty_value=None, widget=LongSelect)

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        las = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).values_list("pk", "name")
        self.fields["local_authority"].choices = [("", "All local authorities"), *las]  # type: ignore[attr-defined]
        assessors = User.objects.filter(role=Role.ASSESSOR).order_by("full_name").values_list("pk", "full_name")
        self.fields["assessor"].choices = [("", "All assessors"), *assessors]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if "starts" not in self.errors and starts is None:
            self.add_error("starts", "Enter the first day of the period")
        if "ends" not in self.errors and ends is None:
            self.add_error("ends", "Enter the last day of the period")
        if starts and ends:
            if ends < starts:
                self.add_error("ends", "The last day must be the same as or after the first day")
            elif (ends - starts).days > LONGEST_PERIOD_DAYS:
                self.add_error("starts", "The period can be at most ten years")
        return data
