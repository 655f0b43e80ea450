"""Who is asking, and the role check every role-only page uses.

Which *record* someone may see is decided by each app's selectors; this only
says which kinds of people a page is for.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from hub.accounts.models import User
from hub.audit.models import AccessAction
from hub.audit.services import access_record

View = Callable[..., HttpResponse]


def current_user(request: HttpRequest) -> User:
    """The signed-in person (the views that call this are behind login_required)."""
    return request.user  # type: ignore[return-value]


def role_required(*roles: str, hidden_as: str | None = None) -> Callable[[View], View]:
    """Only these roles may use the page.

    Anyone else gets 403, or, with hidden_as, a 404 as if the page did not exist,
    with the refusal written to the access log under that object type.
    """

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if current_user(request).role not in roles:
                if hidden_as is None:
                    raise PermissionDenied
                access_record(
                    request=request, action=AccessAction.REFUSED, object_type=hidden_as, object_id=kwargs.get("pk", "")
                )
                raise Http404("No such page")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
