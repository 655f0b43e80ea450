"""A large pack's PDF is made by the task worker; only the person who asked for it opens it."""

import pytest

from hub.accounts.models import Role
from hub.audit.models import AccessAction, AccessLogEntry
from hub.datapack import services, views
from hub.datapack.models import PackExport
from tests import factories
from tests.datapack import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_returns():
    for name in ("Liverpool", "Knowsley"):
        authority = factories.local_authority(name)
        services.return_import(authority=authority, year=2025, uploads=builders.standard_set())


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def viewer():
    return factories.user(Role.VIEWER, organisation=factories.hub())


def test_a_small_pack_is_downloaded_at_once_and_a_large_one_is_offered_from_the_worker(
    client_for, two_returns, monkeypatch
):
    client = client_for(viewer())
    page = client.get("/data-pack/").content.decode()
    assert "Download the pack (PDF)" in page and "Make the pack (PDF)" not in page

    monkeypatch.setattr(views, "PDF_WHILE_YOU_WAIT_ROWS", 1)  # Knowsley and the region: 2 headline rows
    page = client.get("/data-pack/?authorities=340").content.decode()
    assert "Make the pack (PDF)" in page and "Download the pack (PDF)" not in page
    assert '<input type="hidden" name="authorities" value="340">' in page


def test_the_worker_makes_the_pdf_for_the_chosen_authorities_and_only_its_asker_opens_it(
    client_for, two_returns, immediate_tasks, django_capture_on_commit_callbacks
):
    asker, other = viewer(), viewer()
    client = client_for(asker)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/data-pack/pdf/", {"authorities": ["340"]})
    export = PackExport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/data-pack/pdf/{export.pk}/"
    assert [org.name for org in export.authorities.all()] == ["Knowsley"]
    assert export.requested_by == asker and export.made_at is not None

    status = client.get(f"/data-pack/pdf/{export.pk}/").content.decode()
    assert "The PDF is ready" in status and "Knowsley" in status
    download = client.get(f"/data-pack/pdf/{export.pk}/download")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(
        object_type="data_pack_export", action=AccessAction.DOWNLOAD, object_id=str(export.pk)
    ).exists()

    someone_else = client_for(other)
    assert someone_else.get(f"/data-pack/pdf/{export.pk}/").status_code == 404
    assert someone_else.get(f"/data-pack/pdf/{export.pk}/download").status_code == 404
    assert AccessLogEntry.objects.filter(object_type="data_pack_export", action=AccessAction.REFUSED).count() == 2


def test_until_the_worker_has_made_it_the_page_says_it_is_being_made(client_for, two_returns):
    client = client_for(viewer())
    client.post("/data-pack/pdf/")  # every authority; the worker has not run

    export = PackExport.objects.get()
    assert sorted(org.name for org in export.authorities.all()) == ["Knowsley", "Liverpool"]
    assert "The PDF is being made" in client.get(f"/data-pack/pdf/{export.pk}/").content.decode()
    assert client.get(f"/data-pack/pdf/{export.pk}/download").status_code == 404


def test_no_one_outside_the_pack_asks_for_a_pdf(client_for, two_returns):
    client = client_for(factories.user(Role.ASSESSOR, organisation=factories.hub()))
    assert client.post("/data-pack/pdf/").status_code == 404
    assert client.get("/data-pack/pdf/1/").status_code == 404
    assert not PackExport.objects.exists()
