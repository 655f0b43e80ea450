from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from hub.audit.models import AccessAction, AccessLogEntry


def access_record(*, request: HttpRequest, action: AccessAction, object_type: str, object_id: object = "") -> None:
    """Write one access-log row for something done to a child's records."""
    user = request.user if request.user.is_authenticated else None
    AccessLogEntry.objects.create(
        user=user,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        path=request.path[:500],
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )


def visible_or_404[M: Model](request: HttpRequest, visible: QuerySet[M], *, pk: object, object_type: str) -> M:
    """The object with this key among those this person may see, with the look logged.

    `visible` is already narrowed to what the person may see (each app's selector
    decides that), so someone else's record looks exactly like one that does not
    exist: the same 404, logged as a refusal. A look is logged as a view, and a
    form posted to it as a change.
    """
    try:
        found = visible.get(pk=pk)
    except ObjectDoesNotExist:
        access_record(request=request, action=AccessAction.REFUSED, object_type=object_type, object_id=pk)
        raise Http404(f"No such {object_type.replace('_', ' ')}") from None
    action = AccessAction.VIEW if request.method in ("GET", "HEAD") else AccessAction.CHANGE
    access_record(request=request, action=action, object_type=object_type, object_id=pk)
    return found
