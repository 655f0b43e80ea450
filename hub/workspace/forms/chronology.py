"""A chronology entry, with a date that may be only a month and year, or a year."""

import re
from typing import Any

from django import forms

from hub.core.forms import GovukDateWidget, GovukForm
from hub.workspace import rules
from hub.workspace.forms.common import textarea

# A court bundle page reference: a section letter and a page, or a range of them (C23, C23-C25, E101-107).
BUNDLE_REFERENCE = re.compile(r"^[A-Z]{1,2}\d{1,4}(\s?[-\u2013]\s?[A-Z]{0,2}\d{1,4})?$")


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
        label="What happened", widget=textarea(3), error_messages={"required": "Enter what happened"}
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
    significance = forms.CharField(label="Significance for the child (optional)", widget=textarea(2), required=False)

    def clean_bundle_reference(self) -> str:
        value: str = self.cleaned_data.get("bundle_reference", "").strip().upper()
        if value and not BUNDLE_REFERENCE.match(value):
            raise forms.ValidationError("Enter the bundle page like C23, or a range like C23-C25")
        return value
