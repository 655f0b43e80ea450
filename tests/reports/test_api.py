"""The filed reports through the API: outcome and the filed document, for the referring authority only."""

import json

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from hub.accounts.models import ApiToken
from hub.api import services as api_services
from hub.reports import services
from hub.reports.models import ExportKind, ReportExport
from tests import factories
from tests.reports import builders

pytestmark = pytest.mark.django_db


def _client(referrer) -> Client:
    _, raw = api_services.api_token_issue(organisation=referrer.organisation, acting_user=referrer, name="Case system")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def manager():
    return factories.service_manager()


def test_it_gives_the_filed_reports_outcome_and_a_download_link(manager):
    referrer = factories.referrer("Liverpool")
    report = builders.filed(manager, by=referrer)
    services.outcome_record(
        report=report,
        actor=manager,
        recommendation="positive",
        la_changed_plan=False,
        court_decision="",
        court_decided_on=None,
    )
    export = ReportExport.objects.create(
        report=report,
        version=report.approved_version,
        kind=ExportKind.PDF,
        requested_by=manager,
        made_at=timezone.now(),
    )
    export.file.save("filed.pdf", ContentFile(b"%PDF-1.7 synthetic"), save=True)
    builders.in_qa(by=referrer)  # not filed: not shown
    client = _client(referrer)
    reference = report.assessment.referral.reference

    answer = client.get(f"/api/v1/referrals/{reference}/reports")

    assert answer.status_code == 200
    [filed] = answer.json()
    assert filed["assessment_type"] == "parenting"
    assert filed["filed_on"] == timezone.localdate().isoformat()
    assert (filed["recommendation"], filed["la_changed_plan"], filed["court_decision"]) == ("positive", False, "")
    assert [d["kind"] for d in filed["documents"]] == ["pdf"]
    document = client.get(filed["documents"][0]["url"])
    assert document.status_code == 200
    assert b"".join(document.streaming_content) == b"%PDF-1.7 synthetic"


def test_another_authority_and_missing_documents_get_structured_404s(manager):
    report = builders.filed(manager, by=factories.referrer("Liverpool"))
    reference = report.assessment.referral.reference
    other = _client(factories.referrer("Wirral"))
    for path in (
        f"/api/v1/referrals/{reference}/reports",
        f"/api/v1/referrals/{reference}/reports/parenting/document.pdf",
    ):
        answer = other.get(path)
        assert answer.status_code == 404
        assert answer.json()["errors"][0]["code"] == "not_found"
    own = _client(report.assessment.referral.created_by)
    for kind in ("pdf", "exe"):
        missing = own.get(f"/api/v1/referrals/{reference}/reports/parenting/document.{kind}")
        assert missing.status_code == 404 and missing.json()["errors"][0]["code"] == "not_found"


def test_the_endpoints_are_in_the_openapi_document():
    document = json.loads(Client().get("/api/v1/openapi.json").content)
    listing = document["paths"]["/api/v1/referrals/{reference}/reports"]["get"]
    assert {"200", "401", "404"} <= set(listing["responses"])
    assert "FiledReportOut" in document["components"]["schemas"]
    assert ApiToken.objects.count() == 0
