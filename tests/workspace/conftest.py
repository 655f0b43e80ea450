import pytest
from django.test import Client


@pytest.fixture
def client_for():
    """A test client signed in as the given user, second factor included when they have one."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        try:
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_totp.models import TOTPDevice
        except ImportError:  # the second factor is not installed
            return client
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return make
