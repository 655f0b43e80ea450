"""Sign-in failures and lockouts go into the access log.

These come from django.contrib.auth and django-axes as signals, the only way
those libraries tell anyone; nothing else in the project uses signals. The
account name tried is not recorded: it may be a mistyped password.
"""

from typing import Any

from django.http import HttpRequest

from hub.audit.models import AccessAction, AccessLogEntry


def _client(request: HttpRequest | None) -> tuple[str, str | None]:
    if request is None:
        return "", None
    return request.path[:500], request.META.get("REMOTE_ADDR") or None


def sign_in_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    path, ip = _client(request)
    AccessLogEntry.objects.create(action=AccessAction.REFUSED, object_type="sign_in", path=path, ip_address=ip)


def sign_in_locked_out(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    path, ip = _client(request)
    AccessLogEntry.objects.create(action=AccessAction.REFUSED, object_type="sign_in_lockout", path=path, ip_address=ip)
