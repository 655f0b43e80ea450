"""Submitting a referral through the API: received whole, or refused with nothing stored."""

import datetime
import io
import json

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hub.accounts.models import ApiToken
from hub.api import services
from hub.audit.models import AccessAction, AccessLogEntry
from hub.referrals.models import AdultChildRelationship, BundleDocument, Child, Referral, ReferralEvent
from hub.referrals.selectors import triage_queue
from tests import factories
from tests.api.conftest import complete_letter, issue_token, pdf_file, stored_files, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def nothing_stored(settings):
    """Asserts, after the test's request, that no referral, row or file was kept."""
    before = (Referral.objects.count(), BundleDocument.objects.count(), Child.objects.count())
    yield
    assert (Referral.objects.count(), BundleDocument.objects.count(), Child.objects.count()) == before
    assert stored_files(settings) == []


def _codes(response) -> list[str]:
    return [error["code"] for error in response.json()["errors"]]


def _fields(response) -> list[str | None]:
    return [error["field"] for error in response.json()["errors"]]


def test_it_receives_a_complete_referral_and_shows_its_progress(api, token, settings):
    response = submit(api, complete_letter(), pdf_file("part-one.pdf"), pdf_file("part-two.pdf", pages=4))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted"
    assert body["reference"].startswith("HUB-")
    received_at = datetime.datetime.fromisoformat(body["received_at"])
    assert received_at.tzinfo is not None
    assert response["Location"] == body["url"]
    assert body["url"].endswith(f"/api/v1/referrals/{body['reference']}")

    referral = Referral.objects.get(reference=body["reference"])
    assert referral.local_authority == token[0].organisation
    assert referral.created_by == token[0].acting_user
    assert referral.court is not None and referral.court.name == "Liverpool Family Court"
    assert referral.assessment_types == ["parenting", "kinship_viability"]
    assert [c.full_name for c in referral.children.all()] == ["Child Example One", "Child Example Two"]
    assert AdultChildRelationship.objects.filter(adult__referral=referral).count() == 2
    assert [q.number for q in referral.questions.all()] == [1, 2]
    assert sorted(d.page_count for d in referral.bundle_documents.all()) == [2, 4]
    assert len(stored_files(settings)) == 2
    # The service manager sees it waiting for triage.
    assert referral in triage_queue()

    read = api.get(body["url"])
    assert read.status_code == 200
    shown = read.json()
    assert shown["status"] == "submitted"
    assert shown["received_at"] == body["received_at"]
    assert shown["decided_at"] is None
    assert [m["kind"] for m in shown["thread"]] == ["created", "submitted"]
    assert AccessLogEntry.objects.filter(
        action=AccessAction.VIEW, object_type="referral", object_id=str(referral.pk), user=token[0].acting_user
    ).exists()


def test_it_accepts_the_letter_as_a_json_file_part_and_a_court_by_id(api):
    court = factories.court()
    letter = SimpleUploadedFile("letter.json", json.dumps(complete_letter(court=court.pk)).encode(), "application/json")
    response = api.post("/api/v1/referrals", data={"letter": letter, "bundle": [pdf_file()]})
    assert response.status_code == 201, response.content
    assert Referral.objects.get(reference=response.json()["reference"]).court == court


def test_it_shows_the_assessments_and_the_query_thread_as_the_hub_works(api, token):
    response = submit(api, complete_letter(assessment_types=["parenting"]), pdf_file())
    referral = Referral.objects.get(reference=response.json()["reference"])
    manager = factories.service_manager()
    from hub.triage import services as triage_services

    triage_services.referral_raise_query(referral=referral, actor=manager, message="Which hearing is listed first?")
    triage_services.referral_answer_query(referral=referral, actor=token[0].acting_user, message="The IRH.")
    triage_services.referral_accept(referral=referral, actor=manager)

    shown = api.get(response.json()["url"]).json()
    assert shown["status"] == "accepted"
    assert shown["decided_at"] is not None
    assert shown["assessments"] == [{"assessment_type": "parenting", "status": "awaiting_allocation"}]
    queries = [(m["kind"], m["message"]) for m in shown["thread"] if m["kind"].startswith("query")]
    assert queries == [("query_raised", "Which hearing is listed first?"), ("query_answered", "The IRH.")]


def test_it_lists_only_the_authoritys_own_referrals_a_page_at_a_time(api, token):
    own = [factories.complete_referral(by=factories.referrer("Liverpool"), status="submitted") for _ in range(3)]
    factories.complete_referral(by=factories.referrer("Wirral"), status="submitted")

    first = api.get("/api/v1/referrals?page_size=2").json()
    second = api.get("/api/v1/referrals?page_size=2&page=2").json()

    assert first["count"] == 3
    listed = [r["reference"] for r in first["items"] + second["items"]]
    assert sorted(listed) == sorted(r.reference for r in own)
    assert api.get("/api/v1/referrals?page=0").status_code == 422


def test_it_records_when_the_token_was_last_used(api, token):
    assert token[0].last_used_at is None
    api.get("/api/v1/referrals")
    token[0].refresh_from_db()
    assert token[0].last_used_at is not None


def test_it_refuses_a_request_without_a_token(nothing_stored):
    response = submit(Client(), complete_letter(), pdf_file())
    assert response.status_code == 401
    assert _codes(response) == ["unauthorised"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer hub_not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer ", "hub_abc"])
def test_it_refuses_a_token_it_does_not_know(header, nothing_stored):
    response = submit(Client(headers={"Authorization": header}), complete_letter(), pdf_file())
    assert response.status_code == 401
    assert _codes(response) == ["unauthorised"]


def test_it_refuses_a_revoked_token(api, token, nothing_stored):
    services.api_token_revoke(token=token[0])
    response = submit(api, complete_letter(), pdf_file())
    assert response.status_code == 401
    assert api.get("/api/v1/referrals").status_code == 401


def test_it_refuses_a_token_of_an_organisation_that_is_not_a_local_authority(nothing_stored):
    # Tokens are only issued to authorities; one made behind the service's back is still refused.
    manager = factories.service_manager()
    assert manager.organisation is not None
    _, raw = ApiToken.issue(organisation=manager.organisation, acting_user=manager, name="Not an authority")
    response = submit(Client(headers={"Authorization": f"Bearer {raw}"}), complete_letter(), pdf_file())
    assert response.status_code == 403
    assert _codes(response) == ["not_a_local_authority"]


def test_it_answers_404_for_another_authoritys_referral_as_for_none_at_all(api):
    wirral = factories.complete_referral(by=factories.referrer("Wirral"), status="submitted")

    theirs = api.get(f"/api/v1/referrals/{wirral.reference}")
    missing = api.get("/api/v1/referrals/HUB-2026-99999")

    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    assert AccessLogEntry.objects.filter(action=AccessAction.REFUSED, object_id=wirral.reference).exists()


def test_it_answers_400_to_a_letter_that_is_not_json(api, nothing_stored):
    response = submit(api, None, pdf_file(), raw='{"case_number": "LV26C1",')
    assert response.status_code == 400
    assert _codes(response) == ["malformed_json"]
    assert _fields(response) == ["letter"]


def test_it_lists_every_gap_of_an_incomplete_letter(api, nothing_stored):
    letter = complete_letter(judge="", irh_date=None, contacts=[], questions=[])
    letter["adults"][0]["relationships"] = [{"child": 0, "relationship": "mother"}]

    response = submit(api, letter, pdf_file())

    assert response.status_code == 422
    errors = {(e["field"], e["message"]) for e in response.json()["errors"]}
    assert errors == {
        ("letter.judge", "Enter the judge's name"),
        ("letter.irh_date", "Enter the date of the issues resolution hearing"),
        ("letter.adults", "Give Parent Example's relationship to Child Example Two"),
        ("letter.questions", "Add the questions the court has approved"),
        ("letter.contacts", "Add the children's guardian"),
    }


def test_it_says_the_bundle_is_missing(api, nothing_stored):
    response = submit(api, complete_letter())
    assert response.status_code == 422
    assert _fields(response) == ["bundle"]


def test_it_points_at_the_exact_field_of_a_value_that_is_not_valid(api, nothing_stored):
    letter = complete_letter()
    letter["children"][0]["date_of_birth"] = "2 April 2021"
    letter["contacts"][0]["email"] = "not an email"
    letter["eligibility_agreed"] = True

    response = submit(api, letter, pdf_file())

    assert response.status_code == 422
    assert set(_fields(response)) == {
        "letter.children[0].date_of_birth",
        "letter.contacts[0].email",
        "letter.eligibility_agreed",
    }


def test_it_refuses_a_court_or_a_child_that_does_not_exist(api, nothing_stored):
    letter = complete_letter(court="Atlantis Family Court")
    letter["adults"][0]["relationships"].append({"child": 5, "relationship": "aunt"})

    response = submit(api, letter, pdf_file())

    assert response.status_code == 422
    assert _fields(response) == ["letter.court", "letter.adults[0].relationships[2].child"]


def test_it_refuses_a_file_that_is_not_a_pdf(api, nothing_stored):
    not_pdf = SimpleUploadedFile("bundle.pdf", b"These are plain words, not a PDF.", "application/pdf")
    response = submit(api, complete_letter(), pdf_file(), not_pdf)
    assert response.status_code == 415
    assert _codes(response) == ["not_a_pdf"]
    assert _fields(response) == ["bundle[1]"]


def test_it_refuses_a_password_protected_pdf(api, nothing_stored):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    buffer = io.BytesIO()
    pdf.save(buffer, encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret"))
    protected = SimpleUploadedFile("protected.pdf", buffer.getvalue(), "application/pdf")

    # The good file goes first: it is stored before the protected one is refused, and must go.
    response = submit(api, complete_letter(), pdf_file(), protected)

    assert response.status_code == 422
    assert _codes(response) == ["bundle_rejected"]
    assert _fields(response) == ["bundle[1]"]
    assert "protected" in response.json()["errors"][0]["message"]


def test_it_refuses_a_truncated_pdf(api, nothing_stored):
    whole = pdf_file().read()
    truncated = SimpleUploadedFile("truncated.pdf", whole[: len(whole) // 2], "application/pdf")
    response = submit(api, complete_letter(), pdf_file(), truncated)
    assert response.status_code == 422
    assert _codes(response) == ["bundle_rejected"]


def test_it_refuses_a_file_over_the_size_limit(api, settings, nothing_stored):
    settings.BUNDLE_MAX_BYTES = 2048
    response = submit(api, complete_letter(), pdf_file("huge.pdf", pages=40))
    assert response.status_code == 413
    assert _codes(response) == ["too_large"]
    assert "huge.pdf" in response.json()["errors"][0]["message"]


def test_it_leaves_nothing_when_the_letter_is_incomplete_after_files_were_stored(api, nothing_stored):
    response = submit(api, complete_letter(family_background=""), pdf_file(), pdf_file())
    assert response.status_code == 422
    assert ReferralEvent.objects.count() == 0


def test_it_answers_unexpected_failures_with_a_4xx_and_stores_nothing(api, monkeypatch, nothing_stored, caplog):
    from hub.referrals import services as referral_services

    def broken(**kwargs):
        raise RuntimeError("Child Example One")  # a child's name must not reach the log

    monkeypatch.setattr(referral_services, "referral_submit", broken)
    response = submit(api, complete_letter(), pdf_file())

    assert response.status_code == 400
    assert _codes(response) == ["not_processed"]
    assert "RuntimeError" in caplog.text
    assert "Child Example One" not in caplog.text


def test_it_answers_other_methods_and_paths_in_the_error_shape(api):
    put = api.put("/api/v1/referrals")
    assert put.status_code == 405
    assert put.json()["errors"][0]["code"] == "method_not_allowed"
    assert set(put["Allow"].split(", ")) == {"GET", "POST"}
    assert api.delete("/api/v1/referrals/HUB-2026-00001").status_code == 405
    missing = api.get("/api/v1/nothing/here")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["code"] == "not_found"


def test_it_refuses_a_body_that_is_not_multipart(api, nothing_stored):
    response = api.post("/api/v1/referrals", data=complete_letter(), content_type="application/json")
    assert response.status_code == 415
    assert _codes(response) == ["unsupported_media_type"]


def test_it_issues_tokens_only_to_a_referrer_of_a_local_authority():
    referrer = factories.referrer("Halton")
    with pytest.raises(services.TokenRefused):
        services.api_token_issue(organisation=factories.court(), acting_user=referrer, name="Court")
    with pytest.raises(services.TokenRefused):
        services.api_token_issue(organisation=factories.local_authority("Wirral"), acting_user=referrer, name="Wirral")
    token, raw = issue_token("Halton")
    assert ApiToken.find_active(raw) == token
    assert token.token_hash not in raw


def test_it_points_an_other_reason_without_detail_at_the_detail_field(api, nothing_stored):
    response = submit(api, complete_letter(referral_reason="other"), pdf_file())
    assert response.status_code == 422
    assert _fields(response) == ["letter.referral_reason_detail"]
