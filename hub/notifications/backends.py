"""The ways a message leaves the hub: Django's email backends, or GOV.UK Notify.

Chosen by HUB_NOTIFICATIONS_BACKEND ("email", the default, or "notify"). Email
goes through whichever Django email backend is set (the console in the demo,
SMTP in production); Notify through its official Python client.
"""

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient


class DeliveryFailed(Exception):
    """The backend refused or could not take the message; the reason is kept with it."""


@dataclass(frozen=True)
class Outgoing:
    recipient: str
    subject: str
    body: str
    # For Notify: the template kept there, and what it is filled with.
    notify_template_id: str
    personalisation: dict[str, str]
    reference: str


class Backend(Protocol):
    name: str

    def send(self, message: Outgoing) -> str:
        """Send, and answer the provider's reference for it (empty when it gives none)."""


class EmailBackend:
    name = "email"

    def send(self, message: Outgoing) -> str:
        try:
            EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient]).send()
        except OSError as problem:  # smtplib's errors are OSErrors: a refused or unreachable server
            raise DeliveryFailed(str(problem)) from problem
        return ""


class NotifyBackend:
    name = "notify"

    def __init__(self, *, api_key: str, base_url: str, general_template_id: str) -> None:
        self.client = NotificationsAPIClient(api_key, base_url=base_url, timeout=settings.HUB_NOTIFY_TIMEOUT_SECONDS)
        self.general_template_id = general_template_id

    def send(self, message: Outgoing) -> str:
        if message.notify_template_id:
            template_id, personalisation = message.notify_template_id, message.personalisation
        else:
            # The hub's one general Notify template is "((subject))" over "((body))".
            template_id = self.general_template_id
            personalisation = {"subject": message.subject, "body": message.body}
        if not template_id:
            raise DeliveryFailed("No GOV.UK Notify template: set HUB_NOTIFY_TEMPLATE_ID or the template's own ID")
        try:
            answer = self.client.send_email_notification(
                email_address=message.recipient,
                template_id=template_id,
                personalisation=personalisation,
                reference=message.reference,
            )
        except APIError as problem:
            raise DeliveryFailed(f"GOV.UK Notify answered {problem.status_code}: {problem.message}") from problem
        except OSError as problem:  # requests' connection errors
            raise DeliveryFailed(f"GOV.UK Notify could not be reached: {problem}") from problem
        return str(answer.get("id", ""))


def current_backend() -> Backend:
    if settings.HUB_NOTIFICATIONS_BACKEND == "notify":
        return NotifyBackend(
            api_key=settings.HUB_NOTIFY_API_KEY,
            base_url=settings.HUB_NOTIFY_BASE_URL,
            general_template_id=settings.HUB_NOTIFY_TEMPLATE_ID,
        )
    return EmailBackend()
