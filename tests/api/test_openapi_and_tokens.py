"""The OpenAPI document, and the command that issues tokens."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from hub.accounts.models import ApiToken
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_describes_every_path_and_error_in_the_openapi_document():
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.content)
    paths = document["paths"]
    assert set(paths) == {
        "/api/v1/referrals",
        "/api/v1/referrals/{reference}",
        "/api/v1/referrals/{reference}/reports",
        "/api/v1/referrals/{reference}/reports/{assessment_type}/document.{kind}",
    }
    submit = paths["/api/v1/referrals"]["post"]
    assert {"201", "400", "401", "413", "415", "422"} <= set(submit["responses"])
    assert submit["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorsOut"
    }
    body = submit["requestBody"]["content"]["multipart/form-data"]
    assert body["schema"]["properties"]["letter"] == {"$ref": "#/components/schemas/LetterIn"}
    letter = document["components"]["schemas"]["LetterIn"]
    assert {"court", "children", "adults", "questions", "contacts", "filing_date"} <= set(letter["properties"])
    assert {"200", "401", "404"} <= set(paths["/api/v1/referrals/{reference}"]["get"]["responses"])
    assert document["components"]["securitySchemes"]["ApiTokenAuth"]["scheme"] == "bearer"


def test_it_issues_a_token_from_the_command_line_and_shows_it_once():
    referrer = factories.referrer("Sefton")
    out = StringIO()

    call_command(
        "issue_api_token", "--authority", "E08000014", "--user", referrer.email, "--name", "Sefton CMS", stdout=out
    )

    raw = out.getvalue().splitlines()[1]
    token = ApiToken.find_active(raw)
    assert token is not None and token.organisation.name == "Sefton" and token.acting_user == referrer
    assert Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/referrals").status_code == 200

    call_command("issue_api_token", "--revoke", str(token.pk), stdout=StringIO())
    assert ApiToken.find_active(raw) is None


def test_it_will_not_issue_a_token_to_someone_outside_the_authority():
    factories.local_authority("Sefton")
    outsider = factories.referrer("Wirral")
    with pytest.raises(CommandError, match="not a referrer of Sefton"):
        call_command("issue_api_token", "--authority", "Sefton", "--user", outsider.email, stdout=StringIO())
    assert not ApiToken.objects.exists()
