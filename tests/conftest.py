import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    """Each test keeps its uploaded documents in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "documents"},
        },
    }
    # Tasks run at once in unit tests; the browser tests and the worker tests use the database queue.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def client_for():
    """A test client signed in as the given user."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
