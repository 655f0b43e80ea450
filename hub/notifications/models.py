"""Message templates an administrator edits, and every message sent: to whom, which template, when, how it went."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from hub.notifications import rendering


class MessageTemplate(models.Model):
    """One kind of message (a survey invitation, an advocacy referral), worded by an administrator.

    The apps that send a kind of message add its template by a data migration,
    with the placeholders it fills; an administrator rewords it in the admin.
    """

    key = models.SlugField(max_length=60, unique=True, help_text="The name the code sends this message by")
    name = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField(help_text="Plain text. Put a placeholder in double brackets, for example ((survey_link)).")
    # The placeholders the sending code fills, space-separated; set with the template, not edited.
    placeholders = models.CharField(max_length=500, blank=True)
    # Optional: a template kept in GOV.UK Notify with the same placeholders. Left empty, Notify is sent
    # this template's subject and body through the hub's one general template (HUB_NOTIFY_TEMPLATE_ID).
    notify_template_id = models.CharField("GOV.UK Notify template ID", max_length=36, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def allowed_placeholders(self) -> set[str]:
        return set(self.placeholders.split())

    def clean(self) -> None:
        super().clean()
        allowed = self.allowed_placeholders()
        errors = {}
        for field in ("subject", "body"):
            unknown = rendering.unknown_placeholders(getattr(self, field) or "", allowed)
            if unknown:
                names = ", ".join(f"(({name}))" for name in unknown)
                offered = ", ".join(f"(({name}))" for name in sorted(allowed)) or "none"
                errors[field] = f"This message cannot fill {names}. It can use: {offered}"
        if errors:
            raise ValidationError(errors)


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Message(models.Model):
    """One message to one address, sent by the task worker and never in a request."""

    template = models.ForeignKey(MessageTemplate, on_delete=models.PROTECT, related_name="messages")
    recipient = models.EmailField()
    # The words as sent, with any secret (a survey link) replaced by a note that it was there.
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    # The values to fill in, for a message still waiting; never a secret.
    values = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    backend = models.CharField(max_length=20, blank=True)
    provider_reference = models.CharField(max_length=100, blank=True)
    error = models.CharField(max_length=500, blank=True)
    # What the message is about, such as ("survey_invitation", "12"): for the record, not a link.
    about_type = models.CharField(max_length=40, blank=True)
    about_id = models.CharField(max_length=40, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["about_type", "about_id"], name="message_about_idx")]

    def __str__(self) -> str:
        return f"{self.template.key} to {self.recipient} ({self.status})"
