"""Shared test set-up for tests/ and e2e/.

Every sign-in to the hub needs a second factor. The real two-step sign-in is
tested in tests/accounts and the browser tests; elsewhere tests sign people in
with Django's force_login, which knows nothing of a second factor. So that those
tests exercise the rest of the hub as a fully signed-in person, force_login here
also records a verified device in the session, exactly as django-otp's own
login() does after a correct code.
"""

import pytest
from django.test import Client


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
