"""GOV.UK Design System markup for Django forms.

Every form in the service renders through these templates, so labels, hints,
error messages and the error summary look and behave the same everywhere, and
what the user typed is always shown back to them when something is wrong.
"""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes: the GOV.UK date input pattern."""

    template_name = "govuk/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
            ),
            "month": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
            ),
            "year": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-4"}
            ),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateWidget

    def __init__(self, **kwargs: Any) -> None:
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields, **kwargs)

    def compress(self, data_list: list[str]) -> datetime.date | None:
        if not data_list or not any(part.strip() for part in data_list if part):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        label = (self.label or "The date").strip()
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"{label} must include a {' and a '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"{label} must be a real date, for example 27 3 2026")
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # OverflowError: a day or month of 20 digits
            raise ValidationError(f"{label} must be a real date, for example 27 3 2026") from None


class LongSelect(forms.Select):
    """A select of hundreds of options (every assessor, every authority), its options written in Python.

    Django renders each option through two small templates; with a national
    hub's 1,500 assessors that was most of the timeline's time. The HTML is the same.
    """

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        if any(isinstance(label, list | tuple) for _, label in self.choices):
            return super().render(name, value, attrs, renderer)  # option groups: Django's own way
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            ((str(v), " selected" if str(v) in chosen else "", label) for v, label in self.choices),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )


class GovukFormMixin:
    """Gives each widget its GOV.UK class and template when the form is made."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = widget.attrs.get("class", "")
            # CheckboxSelectMultiple is a subclass of RadioSelect in Django: test it first.
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.template_name = "govuk/widgets/checkboxes.html"
            elif isinstance(widget, forms.RadioSelect):
                widget.template_name = "govuk/widgets/radios.html"
            elif isinstance(widget, forms.CheckboxInput):
                widget.template_name = "govuk/widgets/checkbox.html"
            elif isinstance(widget, forms.Textarea):
                widget.attrs["class"] = f"govuk-textarea {css}".strip()
                widget.attrs.setdefault("rows", 5)
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = f"govuk-select {css}".strip()
            elif isinstance(widget, forms.ClearableFileInput | forms.FileInput):
                widget.attrs["class"] = f"govuk-file-upload {css}".strip()
            elif isinstance(widget, forms.widgets.Input):
                widget.attrs["class"] = f"govuk-input {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        # Mark fields in error so their inputs get the red border the pattern asks for.
        for name in getattr(self, "errors", {}):
            field = self.fields.get(name)
            if field is None:
                continue
            widget = field.widget
            if isinstance(widget, forms.Textarea):
                widget.attrs["class"] += " govuk-textarea--error"
            elif isinstance(widget, forms.Select) and not isinstance(
                widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                widget.attrs["class"] += " govuk-select--error"
            elif isinstance(widget, forms.ClearableFileInput | forms.FileInput):
                widget.attrs["class"] += " govuk-file-upload--error"
            elif isinstance(widget, GovukDateWidget):
                for sub in widget.widgets:
                    sub.attrs["class"] += " govuk-input--error"
            elif isinstance(widget, forms.widgets.Input) and not isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] += " govuk-input--error"


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass
