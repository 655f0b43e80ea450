"""Whatever a case system sends as the letter, the API answers without a server error."""

import copy
import json
from typing import Any
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.core.documents import make_bundle_pdf
from tests import factories
from tests.api.conftest import complete_letter

pytestmark = pytest.mark.django_db

_PDF = make_bundle_pdf(title="Synthetic bundle", pages=1)

# Values that have broken APIs before: NUL and lone surrogates (refused by
# PostgreSQL or by UTF-8), texts longer than their columns, ids beyond 64 bits.
_awkward = st.sampled_from(
    ["\x00", "\ud800", "x" * 50_001, "9" * 30, "", " ", "2026-02-30", "0000-01-01", "HUB-2026-00001", True, 2**70, -1]
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | _awkward,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3),
    max_leaves=8,
)
# Where in a complete letter to put the awkward value.
_PATHS: list[tuple[Any, ...]] = [
    ("court",),
    ("case_number",),
    ("permission_order_date",),
    ("eligibility_agreed_by_judge",),
    ("filing_date",),
    ("children",),
    ("children", 0),
    ("children", 0, "full_name"),
    ("children", 0, "date_of_birth"),
    ("children", 1, "sex"),
    ("adults", 0, "relationships"),
    ("adults", 0, "relationships", 0, "child"),
    ("adults", 0, "needs_interpreter"),
    ("assessment_types",),
    ("referral_reason",),
    ("questions",),
    ("questions", 0),
    ("family_background",),
    ("reading_list", 0, "bundle_reference"),
    ("contacts", 0, "email"),
    ("contacts", 0, "role"),
    ("an_unknown_key",),
]


def _with(letter: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(letter)
    target: Any = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return changed


@st.composite
def _letters(draw: st.DrawFn, base: dict[str, Any]) -> str:
    kind = draw(st.sampled_from(["changed", "changed", "changed", "anything", "text"]))
    if kind == "text":
        return draw(st.text(max_size=40))
    if kind == "anything":
        return json.dumps(draw(_json))
    return json.dumps(_with(base, draw(st.sampled_from(_PATHS)), draw(_json)))


@pytest.fixture
def api_client(db):
    from django.test import Client

    from tests.api.conftest import issue_token

    return Client(headers={"Authorization": f"Bearer {issue_token()[1]}"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_it_never_answers_a_random_letter_with_a_server_error(api_client, data):
    factories.court()
    text = data.draw(_letters(complete_letter()))

    bundle = SimpleUploadedFile("bundle.pdf", _PDF, "application/pdf")
    response = api_client.post("/api/v1/referrals", data={"letter": text, "bundle": [bundle]})

    assert response.status_code < 500, response.content
    assert response.status_code in {201, 400, 422}
    if response.status_code != 201:
        assert response.json()["errors"], response.content


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reference=st.text(min_size=1, max_size=30), page=st.integers() | st.text(max_size=5))
def test_it_never_answers_a_random_reference_or_page_with_a_server_error(api_client, reference, page):
    detail = api_client.get("/api/v1/referrals/" + quote(reference, safe=""))
    listing = api_client.get("/api/v1/referrals", {"page": page})

    assert detail.status_code in {404, 405}, detail.content
    assert listing.status_code in {200, 422}, listing.content
