"""The overview's form: the manager's link between two referrals about one family."""

from django import forms

from hub.core.forms import GovukForm


class FamilyLinkForm(GovukForm):
    reference = forms.CharField(
        label="Reference of the other referral about this family",
        max_length=20,
        help_text="For example, HUB-2026-00012",
        error_messages={"required": "Enter the other referral's reference"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
