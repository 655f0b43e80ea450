"""A long select writes the same options as Django's templates would, escaped, with the choice kept."""

from django import forms

from hub.core.forms import GovukForm, LongSelect

CHOICES = [("", "All assessors"), (1, "Aoife O'Brien & <Partner>"), (2, "Ben Ashdale")]


class _Filter(GovukForm):
    long = forms.TypedChoiceField(label="Assessor", required=False, coerce=int, choices=CHOICES, widget=LongSelect)
    plain = forms.TypedChoiceField(label="Assessor", required=False, coerce=int, choices=CHOICES)


def _options(html: str) -> list[str]:
    return [line.strip() for line in html.splitlines() if line.strip().startswith("<option")]


def test_it_renders_the_options_as_the_template_does_escaped_with_the_choice_selected():
    form = _Filter({"long": "2", "plain": "2"})
    form.is_valid()

    long = str(form["long"])
    assert _options(long) == _options(str(form["plain"]))
    assert '<option value="2" selected>Ben Ashdale</option>' in long
    assert "O&#x27;Brien &amp; &lt;Partner&gt;" in long
    assert long.startswith('<select name="long" class="govuk-select" id="id_long">')
