"""Writes for messages. A message is recorded when asked for and sent by the task worker.

`message_queue` is for a request: it records the message and hands it to the
worker once the request's transaction commits. `message_send` is for the worker
alone (a task that makes a secret, such as a survey link, at the moment of
sending): it sends at once and keeps the words with the secret taken out.
"""

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import User
from hub.notifications import backends, rendering
from hub.notifications.models import Message, MessageStatus, MessageTemplate

HIDDEN_NOTE = "[sent only in the message]"


class UnknownTemplate(LookupError):
    pass


def _template(key: str) -> MessageTemplate:
    template = MessageTemplate.objects.filter(key=key).first()
    if template is None:
        raise UnknownTemplate(f"No message template {key!r}: add it by a data migration")
    return template


@transaction.atomic
def message_queue(
    *,
    template_key: str,
    recipient: str,
    values: dict[str, str],
    requested_by: User | None = None,
    about: tuple[str, object] = ("", ""),
) -> Message:
    """Record a message to send, and send it from the worker once this transaction commits."""
    from hub.notifications.tasks import message_deliver

    message = Message.objects.create(
        template=_template(template_key),
        recipient=recipient,
        values={name: str(value) for name, value in values.items()},
        requested_by=requested_by,
        about_type=about[0],
        about_id=str(about[1]),
    )
    transaction.on_commit(lambda: message_deliver.enqueue(message_id=message.pk))
    return message


def _deliver(message: Message, values: dict[str, str], secrets: dict[str, str]) -> Message:
    template = message.template
    backend = backends.current_backend()
    message.backend = backend.name
    message.values = {}
    try:
        words = rendering.render(template.subject, template.body, {**values, **secrets})
        # What is kept never holds the secret: the same words, with a note where it was.
        kept = rendering.render(template.subject, template.body, {**values, **dict.fromkeys(secrets, HIDDEN_NOTE)})
        message.subject, message.body = kept.subject[:200], kept.body
        reference = backend.send(
            backends.Outgoing(
                recipient=message.recipient,
                subject=words.subject,
                body=words.body,
                notify_template_id=template.notify_template_id,
                personalisation={**values, **secrets},
                reference=f"hub-message-{message.pk}",
            )
        )
    except (backends.DeliveryFailed, rendering.TemplateProblem) as problem:
        message.status = MessageStatus.FAILED
        message.error = str(problem)[:500]
    else:
        message.status = MessageStatus.SENT
        message.provider_reference = reference[:100]
        message.sent_at = timezone.now()
        message.error = ""
    message.save()
    return message


def message_deliver_queued(*, message: Message) -> Message:
    """Send a queued message (the worker's task). A message already sent is left alone."""
    if message.status != MessageStatus.QUEUED:
        return message
    return _deliver(message, dict(message.values), {})


def message_send(
    *,
    template_key: str,
    recipient: str,
    values: dict[str, str],
    secrets: dict[str, str] | None = None,
    requested_by: User | None = None,
    about: tuple[str, object] = ("", ""),
) -> Message:
    """Send now and record it: only ever called from a task the worker runs."""
    message = Message.objects.create(
        template=_template(template_key),
        recipient=recipient,
        requested_by=requested_by,
        about_type=about[0],
        about_id=str(about[1]),
    )
    return _deliver(message, {name: str(value) for name, value in values.items()}, secrets or {})
