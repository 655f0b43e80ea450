"""A survey link or code works once, for a while, and tells someone without it nothing about the case."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hub.feedback import codes, services
from hub.feedback.models import SurveyInvitation, SurveyResponse
from tests import factories
from tests.feedback.builders import letter_invitation

pytestmark = pytest.mark.django_db


def _names_in(invitation: SurveyInvitation) -> list[str]:
    """Everything about the case a page must never show to someone holding only a link."""
    assessment = invitation.assessment
    referral = assessment.referral
    adult = invitation.adult
    return [
        referral.reference,
        referral.local_authority.name,
        referral.case_number,
        assessment.assessor.full_name,
        *(child.full_name for child in referral.children.all()),
        *([adult.full_name] if adult else []),
    ]


def _email_link(invitation: SurveyInvitation) -> str:
    """Issue a link as the worker does, returning the path the email carries."""
    token = codes.new_link_token()
    invitation.link_hash = codes.digest(token, kind=services.LINK)
    invitation.sent_at = timezone.now()
    invitation.expires_at = timezone.now() + datetime.timedelta(days=42)
    invitation.save()
    return reverse("feedback:link", args=[token])


def _send_answers(client: Client, *, anonymous: str = "no") -> None:
    for step in (1, 2, 3):
        assert client.post(reverse("feedback:survey", args=[step]), {"action": "continue"}).status_code == 302
    answer = client.post(
        reverse("feedback:survey", args=[4]),
        {"action": "send", "anonymous": anonymous, "consent_to_quote": "yes", "most_helpful": "Kind and clear."},
    )
    assert answer.status_code == 302 and answer["Location"] == reverse("feedback:thanks")


def test_it_opens_the_survey_with_the_letter_code_typed_any_way():
    invitation, code = letter_invitation()
    client = Client()
    opened = client.post(reverse("feedback:start"), {"code": f" {code.lower().replace('-', ' ')} "})
    assert opened.status_code == 302 and opened["Location"] == reverse("feedback:survey", args=[1])
    page = client.get(opened["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Did you feel respected?" in body
    for name in _names_in(invitation):
        assert name not in body


def test_a_code_cannot_be_used_again_once_the_survey_is_sent():
    invitation, code = letter_invitation()
    client = Client()
    client.post(reverse("feedback:start"), {"code": code})
    _send_answers(client)
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    assert SurveyResponse.objects.get(invitation=invitation).most_helpful == "Kind and clear."

    again = Client().post(reverse("feedback:start"), {"code": code})
    assert again.status_code == 200
    assert "That code does not work" in again.content.decode()
    # The same visitor going back to a page of the sent survey finds it closed.
    assert client.get(reverse("feedback:survey", args=[1])).status_code == 404
    assert SurveyResponse.objects.count() == 1


def test_a_link_cannot_be_used_again_once_the_survey_is_sent():
    invitation, _ = letter_invitation()
    path = _email_link(invitation)
    client = Client()
    assert client.get(path).status_code == 302
    _send_answers(client)
    used = Client().get(path)
    assert used.status_code == 404
    assert "This link or code does not work" in used.content.decode()


def test_a_link_and_a_code_stop_working_when_they_expire():
    invitation, code = letter_invitation()
    path = _email_link(invitation)
    client = Client()
    assert client.get(path).status_code == 302
    with time_machine.travel(invitation.expires_at + datetime.timedelta(minutes=1)):
        assert client.get(reverse("feedback:survey", args=[1])).status_code == 404
        assert Client().get(path).status_code == 404
        assert "That code does not work" in Client().post(reverse("feedback:start"), {"code": code}).content.decode()
    with time_machine.travel(invitation.expires_at - datetime.timedelta(minutes=1)):
        assert Client().get(path).status_code == 302


def test_wrong_used_and_expired_links_get_the_same_page_naming_nothing():
    used, _ = letter_invitation()
    used_path = _email_link(used)
    client = Client()
    client.get(used_path)
    _send_answers(client)
    expired, _ = letter_invitation()
    expired_path = _email_link(expired)
    SurveyInvitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    wrong_path = reverse("feedback:link", args=[codes.new_link_token()])

    pages = [Client().get(path) for path in (used_path, expired_path, wrong_path)]
    assert {page.status_code for page in pages} == {404}
    # The same page byte for byte, but for the script nonce each response gets.
    bodies = [re.sub(r'nonce="[^"]+"', "", page.content.decode()) for page in pages]
    assert bodies[0] == bodies[1] == bodies[2]
    for name in _names_in(used) + _names_in(expired):
        assert name not in bodies[0]


def test_without_a_link_the_survey_pages_say_nothing():
    letter_invitation()
    for path in (reverse("feedback:survey", args=[1]), reverse("feedback:saved")):
        page = Client().get(path)
        assert page.status_code == 404
        assert "This link or code does not work" in page.content.decode()


def test_only_hashes_of_the_link_and_code_are_kept():
    invitation, code = letter_invitation()
    stored = SurveyInvitation.objects.filter(pk=invitation.pk).values().get()
    assert codes.normalise_code(code) not in str(stored)
    assert stored["code_hash"] == codes.digest(codes.normalise_code(code), kind=services.CODE)


def test_too_many_wrong_codes_from_one_address_must_wait(settings):
    settings.HUB_SURVEY_CODE_ATTEMPTS = 3
    _, code = letter_invitation()
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(3):
        assert (
            "That code does not work"
            in client.post(reverse("feedback:start"), {"code": "AAAAA-AAAAA"}).content.decode()
        )
    # Even the right code waits now; another address is not held up.
    assert client.post(reverse("feedback:start"), {"code": code}).status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.11").post(reverse("feedback:start"), {"code": code}).status_code == 302
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert client.post(reverse("feedback:start"), {"code": code}).status_code == 302


def test_a_half_finished_survey_is_kept_and_shown_again():
    invitation, code = letter_invitation()
    client = Client()
    client.post(reverse("feedback:start"), {"code": code})
    saved = client.post(
        reverse("feedback:survey", args=[1]), {"action": "later", "felt_respected": "yes", "felt_listened_to": "no"}
    )
    assert saved["Location"] == reverse("feedback:saved")
    assert "type in the code from your letter again" in client.get(saved["Location"]).content.decode()
    response = SurveyResponse.objects.get(invitation=invitation)
    assert (response.felt_respected, response.felt_listened_to, response.submitted_at) == (True, False, None)

    later = Client()
    later.post(reverse("feedback:start"), {"code": code})
    page = later.get(reverse("feedback:survey", args=[1])).content.decode()
    assert 'name="felt_respected" id="id_felt_respected_0" value="yes" checked' in page
    assert 'name="felt_listened_to" id="id_felt_listened_to_1" value="no" checked' in page


def test_the_last_page_asks_about_quoting_and_anonymity_before_sending_and_keeps_what_was_typed():
    _, code = letter_invitation()
    client = Client()
    client.post(reverse("feedback:start"), {"code": code})
    page = client.post(reverse("feedback:survey", args=[4]), {"action": "send", "improvements": "More evening visits"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in body
    assert "Say whether we may quote what you wrote" in body
    assert "Say whether your answers should be anonymous" in body
    assert "More evening visits" in body
    assert SurveyResponse.objects.filter(submitted_at__isnull=False).count() == 0


def test_an_anonymous_response_forgets_who_sent_it():
    invitation, code = letter_invitation()
    client = Client()
    client.post(reverse("feedback:start"), {"code": code})
    _send_answers(client, anonymous="yes")
    response = SurveyResponse.objects.get()
    assert response.invitation is None
    assert response.respondent_role == "family member"
    assert response.assessment_id == invitation.assessment_id
    invitation.refresh_from_db()
    assert invitation.used_at is not None


def test_a_staff_member_prints_a_letter_with_a_new_code_and_the_old_one_stops(client_for):
    invitation, old_code = letter_invitation()
    manager = factories.service_manager()
    page = client_for(manager).post(reverse("feedback:letter", args=[invitation.assessment_id, invitation.pk]))
    assert page.status_code == 200
    new_code = page.context["code"]
    assert new_code != old_code and new_code in page.content.decode()
    assert "That code does not work" in Client().post(reverse("feedback:start"), {"code": old_code}).content.decode()
    assert Client().post(reverse("feedback:start"), {"code": new_code}).status_code == 302
