"""Messages go out from the task worker, never from a request."""

from django.tasks import task

from hub.notifications import services
from hub.notifications.models import Message


@task()
def message_deliver(*, message_id: int) -> str:
    message = Message.objects.select_related("template").get(pk=message_id)
    return services.message_deliver_queued(message=message).status
