"""A request for information from an agency, and its answer."""

from typing import Any

from django import forms

from hub.core.forms import GovukDateField, GovukModelForm
from hub.workspace.forms.common import textarea
from hub.workspace.models import (
    Agency,
    InformationRequest,
    SharingBasis,
    Weight,
)


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
        widgets = {"basis": forms.RadioSelect, "specific_information": textarea(3)}

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
        widgets = {"what_they_said": textarea(6), "weight": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weight"].choices = Weight.choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("what_they_said", "").strip() and not data.get("answered_on"):
            self.add_error("answered_on", "Enter the date they answered")
        return data
