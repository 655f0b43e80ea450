from typing import Any

from django import forms

from hub.bundles import query
from hub.core.forms import GovukForm


class BundleSearchForm(GovukForm):
    q = forms.CharField(
        label="Search the court bundle",
        max_length=500,
        help_text='Every word must be on the page. Use "double quotes" for a phrase and a star for words starting so, '
        "for example polic*",
        error_messages={"required": "Enter words to search for"},
    )

    def clean_q(self) -> str:
        typed: str = self.cleaned_data["q"]
        try:
            self.parsed = query.parse(typed)
        except query.QueryProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return typed

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "spellcheck": "false"})
