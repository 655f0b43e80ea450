"""Property-based tests on parsers of outside input: only their documented rejections, never a crash.

The API's letter JSON is fuzzed in tests/api/test_fuzz.py; the API as a whole by
schemathesis in tests/security/test_api_schemathesis.py.
"""

import time
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hub.core.documents import make_bundle_pdf
from hub.core.forms import GovukDateField
from hub.referrals.pdfcheck import BundleRejected, CheckedPdf, check_bundle_pdf

_VALID_PDF = make_bundle_pdf(title="Synthetic bundle", pages=2)
_part = st.one_of(
    st.text(max_size=25),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "00",
            "31",
            "29",
            "2024",
            "٢٠٢٦",
            "\uff12\uff10\uff12\uff16",
            "²",
            "1e3",
            "0x10",
            "\uff11",
            "\x00",
        ]
    ),
    # Arabic-Indic and full-width digits pass isdigit(): they must still parse or be refused.
)


@given(day=_part, month=_part, year=_part)
@example(day="99999999999999999999", month="1", year="2026")
@example(day="1", month="1", year="0000")
@settings(max_examples=400, deadline=None)
def test_it_parses_a_gov_uk_date_or_refuses_it_with_a_message(day, month, year):
    field = GovukDateField(label="Date of birth", required=False)
    try:
        value = field.clean([day, month, year])
    except ValidationError as refusal:
        assert refusal.messages  # a message to show, whether ours or Django's (null characters)
    else:
        assert value is None or value.year >= 1


@given(data=st.dictionaries(st.sampled_from(["when_0", "when_1", "when_2", "other"]), _part, max_size=4))
@settings(max_examples=150, deadline=None)
def test_a_form_with_a_date_answers_any_post_with_errors_not_a_crash(data):
    class Form(forms.Form):
        when = GovukDateField(label="Filing date")

    form = Form(data=data)
    form.is_valid()  # either way, no exception
    form.as_div()  # and it re-shows what was typed


def _check(tmp_path: Path, content: bytes) -> CheckedPdf | None:
    path = tmp_path / "upload.pdf"
    path.write_bytes(content)
    started = time.monotonic()
    try:
        return check_bundle_pdf(path, display_name="upload.pdf", max_bytes=10 * 1024 * 1024)
    except BundleRejected as rejected:
        assert str(rejected).startswith("upload.pdf ")
        return None
    finally:
        assert time.monotonic() - started < 5, "a small file took too long to check"


@given(content=st.binary(max_size=4096))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_it_rejects_random_bytes_with_a_message(tmp_path, content):
    assert _check(tmp_path, content) is None or content.startswith(b"%PDF-")


@st.composite
def _mutated_pdf(draw: st.DrawFn) -> bytes:
    content = bytearray(_VALID_PDF)
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(min_value=0, max_value=len(content) - 1))
        if kind == "flip":
            content[at] = draw(st.integers(min_value=0, max_value=255))
        elif kind == "cut":
            content = content[:at] + content[-draw(st.integers(min_value=0, max_value=64)) or len(content) :]
        elif kind == "insert":
            content[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            del content[at : at + draw(st.integers(min_value=1, max_value=64))]
        if not content:
            content = bytearray(b"%")
    return bytes(content)


@given(content=_mutated_pdf())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_it_accepts_or_rejects_a_damaged_pdf_but_never_crashes(tmp_path, content):
    checked = _check(tmp_path, content)
    if checked is not None:
        assert checked.page_count >= 1


def test_a_filter_named_in_bytes_that_are_not_utf8_is_not_a_crash(tmp_path):
    # Found by the fuzzing above: one flipped byte in /FlateDecode.
    damaged = _VALID_PDF.replace(b"/FlateDecode", b"/\x80lateDecode", 1)
    assert damaged != _VALID_PDF
    checked = _check(tmp_path, damaged)
    assert checked is None or checked.page_count >= 1


def test_the_fuzzing_starts_from_a_pdf_the_check_accepts(tmp_path):
    assert _check(tmp_path, _VALID_PDF) is not None


@pytest.mark.parametrize("value", ["99999999999999999999", "1" * 400])
def test_it_refuses_an_enormous_day_number_with_the_usual_message(value):
    with pytest.raises(ValidationError, match="must be a real date"):
        GovukDateField(label="Date of birth").clean([value, "1", "2026"])
