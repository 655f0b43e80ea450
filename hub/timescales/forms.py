"""Forms for pausing and restarting a clock, milestones, court dates and rule versions."""

import datetime
from typing import Any

from django import forms

from hub.core.forms import GovukDateField, GovukForm
from hub.timescales.models import CourtDateKind, PauseReason, TimescaleRuleVersion


def _not_future(value: datetime.date | None, label: str, today: datetime.date) -> None:
    if value is not None and value > today:
        raise forms.ValidationError(f"{label} must be today or in the past")


class PauseForm(GovukForm):
    reason = forms.ChoiceField(
        label="Why is the clock paused?",
        choices=PauseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the clock is paused"},
    )
    detail = forms.CharField(
        label="Details (optional)",
        required=False,
        max_length=500,
        help_text="For example, which check is outstanding and who it is waiting on. Do not include a child's name.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    started_on = GovukDateField(
        label="Date the clock stopped",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date the clock stopped"},
    )

    def __init__(
        self,
        *args: Any,
        today: datetime.date,
        clock_start: datetime.date,
        open_reasons: frozenset[str] = frozenset(),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.clock_start = clock_start
        # A reason already pausing the clock is not offered again: it is restarted, not added twice.
        self.fields["reason"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in PauseReason.choices if value not in open_reasons
        ]

    def clean_started_on(self) -> datetime.date:
        value = self.cleaned_data.get("started_on")
        if value is None:
            raise forms.ValidationError("Enter the date the clock stopped")
        _not_future(value, "The date the clock stopped", self.today)
        if value < self.clock_start:
            raise forms.ValidationError(
                f"The date the clock stopped must be on or after the clock started ({self.clock_start:%-d %B %Y})"
            )
        return value


class ExtensionForm(GovukForm):
    cause = forms.ChoiceField(
        label="What caused the delay?",
        choices=PauseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what caused the delay"},
    )
    detail = forms.CharField(
        label="Details (optional)",
        required=False,
        max_length=500,
        help_text="For example, what the court ordered and at which hearing. Do not include a child's name.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    extended_to = GovukDateField(
        label="New date agreed with the court",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the new date agreed with the court"},
    )
    agreed_on = GovukDateField(
        label="Date the court agreed it",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date the court agreed the extension"},
    )

    def __init__(
        self, *args: Any, today: datetime.date, clock_start: datetime.date, due_date: datetime.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.clock_start = clock_start
        self.due_date = due_date

    def clean_extended_to(self) -> datetime.date:
        value = self.cleaned_data.get("extended_to")
        if value is None:
            raise forms.ValidationError("Enter the new date agreed with the court")
        if value <= self.due_date:
            raise forms.ValidationError(f"The new date must be after the date now due ({self.due_date:%-d %B %Y})")
        return value

    def clean_agreed_on(self) -> datetime.date:
        value = self.cleaned_data.get("agreed_on")
        if value is None:
            raise forms.ValidationError("Enter the date the court agreed the extension")
        _not_future(value, "The date the court agreed it", self.today)
        if value < self.clock_start:
            raise forms.ValidationError(
                f"The date the court agreed it must be on or after the clock started ({self.clock_start:%-d %B %Y})"
            )
        return value


class ResumeForm(GovukForm):
    ended_on = GovukDateField(
        label="Date the clock restarted",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date the clock restarted"},
    )

    def __init__(self, *args: Any, today: datetime.date, paused_on: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.paused_on = paused_on

    def clean_ended_on(self) -> datetime.date:
        value = self.cleaned_data.get("ended_on")
        if value is None:
            raise forms.ValidationError("Enter the date the clock restarted")
        _not_future(value, "The date the clock restarted", self.today)
        if value < self.paused_on:
            raise forms.ValidationError(
                f"The date the clock restarted must be on or after it stopped ({self.paused_on:%-d %B %Y})"
            )
        return value


class MilestoneForm(GovukForm):
    milestone = forms.ChoiceField(
        label="Milestone",
        choices=[("draft_to_qa", "Draft sent to QA"), ("qa_done", "QA done")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the milestone reached",
            "invalid_choice": "Only a service manager can record that quality assurance is done",
        },
    )
    reached_on = GovukDateField(
        label="Date reached",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date the milestone was reached"},
    )

    def __init__(self, *args: Any, today: datetime.date, may_record_qa: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        if not may_record_qa:
            # The assessor sends the draft; QA is the service manager's (services.may_record_qa).
            self.fields["milestone"].choices = [("draft_to_qa", "Draft sent to QA")]  # type: ignore[attr-defined]

    def clean_reached_on(self) -> datetime.date:
        value = self.cleaned_data.get("reached_on")
        if value is None:
            raise forms.ValidationError("Enter the date the milestone was reached")
        _not_future(value, "The date reached", self.today)
        return value


class CourtDateForm(GovukForm):
    kind = forms.ChoiceField(
        label="Which date has the court changed?",
        choices=CourtDateKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which date the court has changed"},
    )
    new_date = GovukDateField(
        label="New date", help_text="For example, 27 3 2027", error_messages={"required": "Enter the new date"}
    )
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason the court changed the date"},
    )

    def clean_new_date(self) -> datetime.date:
        value = self.cleaned_data.get("new_date")
        if value is None:
            raise forms.ValidationError("Enter the new date")
        return value


class ApplyVersionForm(GovukForm):
    reason = forms.CharField(
        label="Why apply the new version to this assessment?",
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the new version applies to this assessment"},
    )

    def __init__(self, *args: Any, version: TimescaleRuleVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version


class ReminderPreferenceForm(GovukForm):
    daily_digest = forms.TypedChoiceField(
        label="How would you like reminders?",
        choices=[("no", "An email for each reminder"), ("yes", "One email each morning with everything due (digest)")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you would like reminders"},
    )
