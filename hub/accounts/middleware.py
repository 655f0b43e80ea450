"""Every signed-in request has passed the second factor and is within its time limits."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url

# The only requests a session that is signed in without its second factor may make:
# static files, and the API, which authenticates by token and never by session. The
# hub's own sign-in never makes such a session; anything that does (Django's admin
# password form, a bug) is signed out on its next request, whatever it asks for.
_OPEN_PREFIXES = ("/static/", "/api/")

LAST_ACTIVITY = "hub_last_activity"
SIGNED_IN_AT = "hub_signed_in_at"
ACTIVITY_RESOLUTION_SECONDS = 60


def second_factor_verified(user: object) -> bool:
    """django-otp's middleware gives the user is_verified(); it is true once a code was accepted."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


class SecondFactorRequiredMiddleware:
    """A session without a verified second factor is not signed in.

    The sign-in views only call login() after the code is checked, so this is a
    second line of defence: any other way into a session still meets the code.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not second_factor_verified(user) and not request.path.startswith(_OPEN_PREFIXES):
            logout(request)
            return redirect(f"{resolve_url(settings.LOGIN_URL)}?next={request.path}")
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """Sign out after a period of inactivity, and after an absolute limit.

    The page warns before the idle limit (WCAG 2.2.1) and offers to stay signed
    in; the keep-alive request counts as activity.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_activity = session.get(LAST_ACTIVITY, now)
            idle = now - last_activity > settings.HUB_IDLE_TIMEOUT_SECONDS
            too_long = now - signed_in_at > settings.HUB_ABSOLUTE_TIMEOUT_SECONDS
            if idle or too_long:
                logout(request)
                reason = "after a period of inactivity" if idle else "because you have been signed in for a long time"
                messages.info(request, f"You were signed out {reason}. Sign in again to continue.")
                return redirect(settings.LOGIN_URL)
            # Every request here is the person acting (the page's countdown polls nothing).
            # Recording it at most once a minute spares a session write on most requests;
            # the idle limit is then kept to within that minute.
            if now - last_activity >= ACTIVITY_RESOLUTION_SECONDS or LAST_ACTIVITY not in session:
                session[LAST_ACTIVITY] = now
        return self.get_response(request)
