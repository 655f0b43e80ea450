"""Writes for people and their sign-in: second factor, recovery codes, ending sessions."""

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.accounts.models import User

RECOVERY_CODE_COUNT = 10


def authenticator_for(user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@transaction.atomic
def authenticator_enrol_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for the person to add to their app.

    Any earlier unconfirmed one is replaced, so a half-finished set-up never
    leaves a second secret lying about.
    """
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def authenticator_enrol_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app shows the right code; return fresh recovery codes, or None if wrong."""
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_replace(user=device.user)


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """Make a new set of single-use recovery codes; any old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def sessions_end(*, user: User) -> int:
    """End every session this person has on the server (sign-out everywhere)."""
    ended = 0
    # Sessions are stored signed and encoded; the only way to know whose a
    # session is, is to decode it. Only unexpired ones can still be used.
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """Stop someone signing in, and end the sessions they already have."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    transaction.on_commit(lambda: sessions_end(user=user))
