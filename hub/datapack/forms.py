from typing import Any

from django import forms

from hub.accounts.models import Organisation
from hub.core.forms import GovukForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; cleaned to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,text/csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


def collection_years(today_year: int) -> list[tuple[str, str]]:
    """The last six collection years, newest first, named by the 31 March they end on."""
    return [
        (str(year), f"{year - 1} to {year} (ending 31 March {year})") for year in range(today_year, today_year - 6, -1)
    ]


class ReturnUploadForm(GovukForm):
    year = forms.TypedChoiceField(
        label="Collection year",
        coerce=int,
        error_messages={"required": "Select the collection year the files are for"},
    )
    csv_files = MultipleFileField(
        label="SSDA903 CSV files",
        help_text="The header and episodes files, and any of the other tables (UASC, OC2, OC3, AD1, placed for "
        "adoption, previous permanence, missing, reviews), in the DfE's CSV layouts. Choose them all at once.",
        error_messages={"required": "Choose the return's CSV files"},
    )

    def __init__(self, *args: Any, today_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = collection_years(today_year)  # type: ignore[attr-defined]


class PackForm(GovukForm):
    """Which authorities' figures the pack shows (all with a return, unless some are chosen)."""

    authorities = forms.ModelMultipleChoiceField(
        label="Authorities in the pack",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every authority with a return.",
        to_field_name="dfe_code",
    )

    def __init__(self, *args: Any, authorities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authorities"].queryset = authorities  # type: ignore[attr-defined]


class PopulationUploadForm(GovukForm):
    file = forms.FileField(
        label="Population CSV file",
        help_text="Columns LA,YEAR,POPULATION_0_17: the DfE LA code, the collection year and the number of "
        "children aged 0 to 17 (the ONS mid-year estimate).",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": "Choose the population CSV file"},
    )
