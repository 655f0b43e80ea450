"""Shared test set-up for tests/ and e2e/.

Every sign-in to the hub needs a second factor. The real two-step sign-in is
tested in tests/accounts and the browser tests; elsewhere tests sign people in
with Django's force_login, which knows nothing of a second factor. So that those
tests exercise the rest of the hub as a fully signed-in person, force_login here
also records a verified device in the session, exactly as django-otp's own
login() does after a correct code.
"""

import datetime
import os
import zoneinfo

import pytest
import time_machine
from django.test import Client
from hypothesis import HealthCheck, settings

# Property-based tests assert behaviour, never speed: on a loaded 2-core machine
# Hypothesis's own timing checks (a per-example deadline, "data generation too slow")
# fail tests that are right, so they are off for the whole suite.
settings.register_profile("hub", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("hub")

# HUB_TEST_TODAY=2026-12-24 (10:00 London) or HUB_TEST_TODAY=2027-10-31T01:30 (London
# wall time) runs the whole suite as if that were now, so a test that only holds on
# some days shows itself before the calendar finds it. The clock keeps ticking from
# there. time-machine patches the process, so the live server's threads travel too;
# each pytest-xdist worker loads this file and starts its own travel.
_TEST_TODAY = os.environ.get("HUB_TEST_TODAY", "").strip()
_travel: time_machine.travel | None = None


def moment_named(value: str) -> datetime.datetime:
    """The aware moment HUB_TEST_TODAY names: a date means 10:00 that day in London."""
    moment = datetime.datetime.fromisoformat(value)
    if len(value) <= len("2026-12-24"):
        moment = moment.replace(hour=10)
    # Given in UTC so that time-machine leaves the process's own zone alone: code that
    # wrongly uses the machine's local date must still fail as it would on a server.
    return moment.replace(tzinfo=zoneinfo.ZoneInfo("Europe/London")).astimezone(datetime.UTC)


def pytest_configure(config: pytest.Config) -> None:
    global _travel
    if _TEST_TODAY and _travel is None:
        _travel = time_machine.travel(moment_named(_TEST_TODAY), tick=True)
        _travel.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _travel
    if _travel is not None:
        _travel.stop()
        _travel = None


def pytest_report_header(config: pytest.Config) -> str | None:
    if _TEST_TODAY:
        return f"HUB_TEST_TODAY={_TEST_TODAY}: running as if it were {moment_named(_TEST_TODAY).isoformat()}"
    return None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-query-counts",
        action="store_true",
        default=False,
        help="write each page's query count to tests/query_counts.json instead of checking it",
    )


def mark_second_factor_verified(client: Client, user) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(user=user, name="Test second factor", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        mark_second_factor_verified(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real password hashing is slow on purpose; tests make many people and need not be."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
