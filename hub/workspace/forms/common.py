"""What the workspace forms share."""

from django import forms


def textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})
