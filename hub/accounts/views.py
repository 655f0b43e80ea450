"""Sign-in in two steps: a password, then a code from an authenticator app.

The session is only signed in (django.contrib.auth.login) once both are right.
Between the two steps the session holds just who passed the password, and when.
"""

import time
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, signals
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.accounts import services
from hub.accounts.forms import CodeForm, EnrolForm, HubPasswordResetForm, HubSetPasswordForm, SignInForm
from hub.accounts.middleware import LAST_ACTIVITY, SIGNED_IN_AT, second_factor_verified
from hub.accounts.models import User

PENDING_USER = "hub_pending_user"
PENDING_SINCE = "hub_pending_since"
PENDING_NEXT = "hub_pending_next"
RECOVERY_CODES = "hub_new_recovery_codes"
# The second step must follow the first promptly.
PENDING_SECONDS = 5 * 60
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER)
    since = request.session.get(PENDING_SINCE, 0)
    if user_id is None or time.time() - since > PENDING_SECONDS:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _complete_sign_in(request: HttpRequest, user: User, device: Any) -> None:
    next_url = request.session.get(PENDING_NEXT)
    request.session.pop(PENDING_USER, None)
    request.session.pop(PENDING_SINCE, None)
    login(request, user, backend=MODEL_BACKEND)
    otp_login(request, device)
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_ACTIVITY] = now
    request.session[PENDING_NEXT] = next_url


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and second_factor_verified(request.user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        request.session.cycle_key()
        request.session[PENDING_USER] = user.pk
        request.session[PENDING_SINCE] = time.time()
        request.session[PENDING_NEXT] = _safe_next(request, request.POST.get("next"))
        if services.authenticator_for(user) is None:
            return redirect("accounts:set-up-authenticator")
        return redirect("accounts:code")
    return render(request, "accounts/sign_in.html", {"form": form, "next": request.GET.get("next", "")})


def _too_many_failures(request: HttpRequest, user: User) -> bool:
    return not AxesProxyHandler.is_allowed(request, credentials={"username": user.get_username()})


def _record_failed_code(request: HttpRequest, user: User) -> None:
    # A wrong code counts towards the same lockout as a wrong password.
    signals.user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)


def enter_code(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.info(request, "Sign in again: that took too long.")
        return redirect("accounts:sign-in")
    if _too_many_failures(request, user):
        return locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            _complete_sign_in(request, user, device)
            return redirect(_safe_next(request, request.session.pop(PENDING_NEXT, None)))
        _record_failed_code(request, user)
        if _too_many_failures(request, user):
            return locked_out(request)
        form.add_error("code", "Enter a correct code. Each code works once.")
    return render(request, "accounts/enter_code.html", {"form": form})


def set_up_authenticator(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:sign-in")
    if services.authenticator_for(user) is not None:
        return redirect("accounts:code")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or request.method == "GET":
        device = services.authenticator_enrol_start(user=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.authenticator_enrol_confirm(device=device, code=form.cleaned_data["code"])
        if codes is not None:
            _complete_sign_in(request, user, device)
            request.session[RECOVERY_CODES] = codes
            return redirect("accounts:recovery-codes")
        form.add_error("code", "Enter the code your app shows now. If it keeps failing, check your phone's clock.")
    secret = device.config_url.split("secret=")[1].split("&")[0]
    context = {
        "form": form,
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "accounts/set_up_authenticator.html", context)


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shown once, straight after set-up or after asking for new ones."""
    if request.method == "POST":
        request.session[RECOVERY_CODES] = services.recovery_codes_replace(user=request.user)  # type: ignore[arg-type]
        return redirect("accounts:recovery-codes")
    codes = request.session.pop(RECOVERY_CODES, None)
    next_url = _safe_next(request, request.session.pop(PENDING_NEXT, None))
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": next_url})


@require_POST
@login_required
def keep_alive(request: HttpRequest) -> JsonResponse:
    """The 'stay signed in' button. The middleware records activity at most once a minute;
    asking to stay is recorded whatever the minute, or the idle limit would still run
    from the last recorded request and could sign the person out just after they chose
    to stay."""
    request.session[LAST_ACTIVITY] = time.time()
    return JsonResponse({"idle_timeout_seconds": settings.HUB_IDLE_TIMEOUT_SECONDS})


def locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


class SignOutView(auth_views.LogoutView):
    """Signing out deletes the session on the server, not just the cookie."""


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = HubPasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password never signs anyone in: they still need their second factor."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = HubSetPasswordForm
    post_reset_login = False
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
