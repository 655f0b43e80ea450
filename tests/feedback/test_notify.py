"""The GOV.UK Notify backend, against a loopback server standing in for Notify, and the message templates."""

import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer

from hub.notifications import services
from hub.notifications.models import Message, MessageStatus, MessageTemplate
from hub.notifications.tasks import message_deliver

pytestmark = pytest.mark.django_db

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"hub_test-{SERVICE_ID}-{SECRET}"
GENERAL_TEMPLATE = str(uuid.uuid4())


class FakeNotify(BaseHTTPRequestHandler):
    """Answers POST /v2/notifications/email as Notify does, after checking the client's signed token."""

    received: list[dict] = []
    answer_status = 201

    def do_POST(self) -> None:
        token = self.headers["Authorization"].removeprefix("Bearer ")
        assert get_token_issuer(token) == SERVICE_ID
        decode_jwt_token(token, SECRET)  # raises if the signature does not match the key's secret
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeNotify.received.append({"path": self.path, "body": body})
        if FakeNotify.answer_status == 201:
            answer = {"id": "740e5834-3a29-46b4-9a6f-16142fde533a", "reference": body.get("reference")}
        else:
            answer = {
                "status_code": FakeNotify.answer_status,
                "errors": [
                    {"error": "BadRequestError", "message": "Can't send to this recipient using a team-only API key"}
                ],
            }
        payload = json.dumps(answer).encode()
        self.send_response(FakeNotify.answer_status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def notify(settings) -> Iterator[list[dict]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotify)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeNotify.received = []
    FakeNotify.answer_status = 201
    settings.HUB_NOTIFICATIONS_BACKEND = "notify"
    settings.HUB_NOTIFY_API_KEY = API_KEY
    settings.HUB_NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.HUB_NOTIFY_TEMPLATE_ID = GENERAL_TEMPLATE
    yield FakeNotify.received
    server.shutdown()
    server.server_close()


def test_a_message_goes_to_notify_through_the_general_template_with_the_secret_only_in_the_request(notify):
    message = services.message_send(
        template_key="survey-invitation-professional",
        recipient="guardian@cafcass.example.org",
        values={"hub_name": "The Hub", "hub_telephone": "0151 000 0000", "closing_date": "1 March 2027"},
        secrets={"survey_link": "http://127.0.0.1:8000/feedback/s/secret-token/"},
    )
    [request] = notify
    assert request["path"] == "/v2/notifications/email"
    body = request["body"]
    assert body["email_address"] == "guardian@cafcass.example.org"
    assert body["template_id"] == GENERAL_TEMPLATE
    assert body["reference"] == f"hub-message-{message.pk}"
    assert body["personalisation"]["subject"] == "Your feedback on an assessment by The Hub"
    assert "http://127.0.0.1:8000/feedback/s/secret-token/" in body["personalisation"]["body"]
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.backend == "notify"
    assert message.provider_reference == "740e5834-3a29-46b4-9a6f-16142fde533a"
    assert "secret-token" not in message.body
    assert not mail.outbox


def test_a_template_kept_in_notify_gets_the_placeholders_themselves(notify):
    MessageTemplate.objects.filter(key="advocacy-referral").update(
        notify_template_id="b0a7c7f0-0000-4000-8000-000000000001"
    )
    values = {"provider_name": "Advocates", "hub_name": "The Hub", "hub_telephone": "0151", "reference": "HUB-1"}
    services.message_send(template_key="advocacy-referral", recipient="a@example.org", values=values)
    [request] = notify
    assert request["body"]["template_id"] == "b0a7c7f0-0000-4000-8000-000000000001"
    assert request["body"]["personalisation"] == values


def test_a_refusal_from_notify_is_recorded_with_its_reason(notify):
    FakeNotify.answer_status = 400
    message = services.message_send(
        template_key="support-referral",
        recipient="someone@example.org",
        values={"provider_name": "P", "hub_name": "H", "hub_telephone": "T", "reference": "R"},
    )
    assert message.status == MessageStatus.FAILED
    assert "400" in message.error and "team-only API key" in message.error
    assert message.sent_at is None


def test_a_queued_message_is_sent_by_the_worker_through_django_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.message_queue(
            template_key="support-referral",
            recipient="kinship@example.org",
            values={"provider_name": "Kin", "hub_name": "The Hub", "hub_telephone": "0151", "reference": "HUB-9"},
        )
        assert Message.objects.get(pk=message.pk).status == MessageStatus.QUEUED
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.backend == "email"
    [email] = mail.outbox
    assert email.subject == "Support referral from The Hub, reference HUB-9"
    assert email.body.startswith("Dear Kin,")
    # Sending twice sends once.
    message_deliver.call(message_id=message.pk)
    assert len(mail.outbox) == 1


def test_an_administrator_cannot_save_a_placeholder_the_message_cannot_fill():
    template = MessageTemplate.objects.get(key="advocacy-referral")
    template.body = "Dear ((provider_name)), about ((child_name))"
    with pytest.raises(ValidationError, match=r"cannot fill \(\(child_name\)\)"):
        template.full_clean()
    template.body = "Dear ((provider_name)), call ((hub_telephone))"
    template.full_clean()


def test_the_administrator_rewords_a_message_in_the_admin_and_is_told_of_a_placeholder_it_cannot_fill(client_for):
    from hub.accounts.models import Role
    from tests import factories

    admin = factories.user(Role.ADMINISTRATOR, organisation=factories.hub(), is_staff=True, is_superuser=True)
    client = client_for(admin)
    template = MessageTemplate.objects.get(key="support-referral")
    url = f"/admin/notifications/messagetemplate/{template.pk}/change/"
    assert client.get("/admin/notifications/message/").status_code == 200
    assert client.get("/admin/feedback/supportprovider/add/").status_code == 200
    refused = client.post(url, {"name": template.name, "subject": "Referral", "body": "About ((child_name))"})
    assert refused.status_code == 200 and "cannot fill ((child_name))" in refused.content.decode()
    saved = client.post(
        url, {"name": template.name, "subject": "Referral ((reference))", "body": "Call ((hub_telephone))"}
    )
    assert saved.status_code == 302
    template.refresh_from_db()
    assert (template.subject, template.body) == ("Referral ((reference))", "Call ((hub_telephone))")


def test_an_invitation_notify_refused_shows_as_not_sent_and_its_link_is_forgotten(notify):
    from hub.feedback import services as feedback
    from hub.feedback.models import SurveyInvitation
    from tests import factories

    FakeNotify.answer_status = 400
    assessment = factories.accepted_assessment(assessor_user=factories.assessor())
    invitation = SurveyInvitation.objects.create(
        assessment=assessment, kind="professional", respondent_role="IRO", channel="email", email="iro@example.org"
    )
    assert feedback.invitation_email_send(invitation=invitation) == MessageStatus.FAILED
    invitation.refresh_from_db()
    assert (invitation.sent_at, invitation.link_hash, invitation.expires_at) == (None, None, None)
    FakeNotify.answer_status = 201
    assert feedback.invitation_email_send(invitation=invitation) == MessageStatus.SENT
    invitation.refresh_from_db()
    assert invitation.is_open()
