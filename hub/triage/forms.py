from django import forms

from hub.core.forms import GovukForm


class QueryForm(GovukForm):
    message = forms.CharField(
        label="Your query",
        widget=forms.Textarea,
        help_text="The referrer is emailed and answers here",
        error_messages={"required": "Enter your query"},
    )


class AnswerForm(GovukForm):
    message = forms.CharField(
        label="Your answer", widget=forms.Textarea, error_messages={"required": "Enter your answer to the query"}
    )


class AcceptForm(GovukForm):
    message = forms.CharField(
        label="Note to the referrer (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For example, the timescale agreed",
    )


class DeclineForm(GovukForm):
    message = forms.CharField(
        label="Reason for declining",
        widget=forms.Textarea,
        help_text="The referrer sees this reason",
        error_messages={"required": "Enter the reason for declining"},
    )
