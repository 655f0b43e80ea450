"""Prints the sign-in code a demo account's authenticator app would show now.

Only for the demo: the demo accounts' authenticator secrets are derived from
their names, which is why this refuses to run unless DEBUG is on.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.home.demo import demo_totp_key


class Command(BaseCommand):
    help = "Show the current sign-in code for a demo account (demo only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_code only runs in the demo (DEBUG on).")
        email = options["email"]
        device = TOTPDevice.objects.filter(user__username=email, name="Demo authenticator", confirmed=True).first()
        if device is None or device.key != demo_totp_key(email):
            raise CommandError(f"{email} is not a demo account.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():06d}")
