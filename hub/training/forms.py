from django import forms

from hub.core.forms import GovukForm


class BookingForm(GovukForm):
    for_whom = forms.ChoiceField(
        label="Who is the place for?",
        choices=[("me", "Me"), ("team", "Someone in my team")],
        widget=forms.RadioSelect,
        initial="me",
    )
    attendee_name = forms.CharField(label="Their full name", required=False, max_length=200)
    attendee_email = forms.EmailField(label="Their work email address", required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("for_whom") == "team":
            if not (data.get("attendee_name") or "").strip():
                self.add_error("attendee_name", "Enter the full name of the person the place is for")
            if not data.get("attendee_email") and "attendee_email" not in self.errors:
                self.add_error("attendee_email", "Enter the work email address of the person the place is for")
        return data


class FeedbackForm(GovukForm):
    usefulness = forms.TypedChoiceField(
        label="How useful was the session for your practice?",
        coerce=int,
        choices=[(5, "5 - very useful"), (4, "4"), (3, "3"), (2, "2"), (1, "1 - not useful")],
        widget=forms.RadioSelect,
    )
    will_change_practice = forms.TypedChoiceField(
        label="Will it change how you work?",
        coerce=lambda value: value == "yes",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label="Anything else (optional)", required=False, widget=forms.Textarea)


class PlacesForm(GovukForm):
    places = forms.IntegerField(label="Places", min_value=1, max_value=10_000)
