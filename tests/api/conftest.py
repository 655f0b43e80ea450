"""Builders for the API tests: a local authority's token and a complete letter. Synthetic data only."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hub.accounts.models import ApiToken
from hub.api import services
from hub.core.documents import make_bundle_pdf
from tests import factories


def issue_token(la: str = "Liverpool") -> tuple[ApiToken, str]:
    referrer = factories.referrer(la)
    assert referrer.organisation is not None
    return services.api_token_issue(organisation=referrer.organisation, acting_user=referrer, name=f"{la} case system")


@pytest.fixture
def token(db) -> tuple[ApiToken, str]:
    return issue_token()


@pytest.fixture
def api(token) -> Client:
    """A client that sends Liverpool's token with every request."""
    return Client(headers={"Authorization": f"Bearer {token[1]}"})


def complete_letter(**changes: Any) -> dict[str, Any]:
    court = factories.court()
    letter: dict[str, Any] = {
        "court": court.name,
        "case_number": "LV26C00999",
        "judge": "HHJ Example",
        "permission_order_date": "2026-10-01",
        "eligibility_agreed_by_judge": True,
        "proceedings_issued_on": "2026-08-17",
        "filing_date": "2027-01-15",
        "irh_date": "2027-01-29",
        "final_hearing_date": "2027-03-01",
        "children": [
            {
                "full_name": "Child Example One",
                "date_of_birth": "2021-04-02",
                "sex": "female",
                "ethnicity": "White British",
                "first_language": "English",
            },
            {
                "full_name": "Child Example Two",
                "expected_date_of_delivery": "2027-02-01",
                "sex": "not_known",
                "ethnicity": "White British",
                "first_language": "English",
            },
        ],
        "adults": [
            {
                "full_name": "Parent Example",
                "needs_interpreter": False,
                "relationships": [{"child": 0, "relationship": "mother"}, {"child": 1, "relationship": "mother"}],
            }
        ],
        "assessment_types": ["parenting", "kinship_viability"],
        "referral_reason": "disagreement",
        "questions": ["Can the parent meet the children's needs?", "What support would help?"],
        "family_background": "Synthetic background: the family speaks English at home.",
        "case_background": "Synthetic case background.",
        "reading_list": [{"title": "Social work statement", "bundle_reference": "C1"}],
        "contacts": [
            {"role": "childrens_guardian", "full_name": "Guardian Example", "email": "guardian@example.org"},
            {"role": "solicitor", "full_name": "Solicitor Example", "acting_for": "Parent Example"},
        ],
    }
    letter.update(changes)
    return letter


def pdf_file(name: str = "bundle.pdf", pages: int = 2) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, make_bundle_pdf(title="Synthetic bundle", pages=pages), "application/pdf")


def submit(client: Client, letter: Any, *files: SimpleUploadedFile, raw: str | None = None) -> Any:
    data: dict[str, Any] = {"letter": raw if raw is not None else json.dumps(letter)}
    if files:
        data["bundle"] = list(files)
    return client.post("/api/v1/referrals", data=data)


def stored_files(settings: Any) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
