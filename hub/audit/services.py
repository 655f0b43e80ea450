from django.http import HttpRequest

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
