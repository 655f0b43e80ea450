"""Who sees what: an authority its own children's rows and everyone's aggregates; the region aggregates only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from hub.accounts.models import Role
from hub.audit.models import AccessAction, AccessLogEntry
from hub.datapack import services
from hub.datapack.models import Return
from tests import factories
from tests.datapack import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_returns():
    liverpool, knowsley = factories.local_authority("Liverpool"), factories.local_authority("Knowsley")
    own = services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set())
    other = services.return_import(authority=knowsley, year=2025, uploads=builders.standard_set())
    return own, other


def test_an_authority_sees_its_own_childrens_rows_and_not_another_authoritys(client_for, two_returns):
    own, other = two_returns
    client = client_for(factories.referrer("Liverpool"))

    page = client.get(f"/data-pack/returns/{own.pk}/")
    assert page.status_code == 200
    assert b"A1" in page.content and b"01/06/2024" in page.content

    assert client.get(f"/data-pack/returns/{other.pk}/").status_code == 404
    assert client.get("/data-pack/returns/999999/").status_code == 404
    logged = list(AccessLogEntry.objects.filter(object_type="ssda903_return").values_list("action", "object_id"))
    assert (AccessAction.VIEW, str(own.pk)) in logged
    assert (AccessAction.REFUSED, str(other.pk)) in logged


@pytest.mark.parametrize("role", [Role.SERVICE_MANAGER, Role.VIEWER])
def test_regional_users_see_aggregates_and_never_a_childs_row(client_for, two_returns, role):
    own, _other = two_returns
    client = client_for(factories.user(role, organisation=factories.hub()))

    page = client.get("/data-pack/")
    assert page.status_code == 200
    assert b"Knowsley" in page.content and b"Liverpool" in page.content
    # (A child's identifier as a cell of its own: "A1" alone could turn up inside a random nonce.)
    assert b">A1<" not in page.content and b"01/06/2024" not in page.content
    assert client.get(f"/data-pack/returns/{own.pk}/").status_code == 404
    assert client.get("/data-pack/returns/").status_code == 404
    assert client.get("/data-pack/upload/").status_code == 404
    assert AccessLogEntry.objects.filter(object_type="data_pack", action=AccessAction.VIEW).exists()


def test_an_assessor_sees_no_pack(client_for, two_returns):
    client = client_for(factories.assessor())
    assert client.get("/data-pack/").status_code == 404
    assert client.get("/data-pack/download.xlsx").status_code == 404


def test_the_pack_page_suppresses_small_numbers(client_for, two_returns):
    client = client_for(factories.user(Role.VIEWER, organisation=factories.hub()))
    page = client.get("/data-pack/?authorities=341")
    headline = page.content.decode().split('data-testid="headline"')[1].split("</table>")[0]
    # Liverpool alone: 5 looked after and 3 with parents, both hidden.
    assert headline.count(">c</td>") >= 2
    assert ">5</td>" not in headline and ">3</td>" not in headline


def test_the_workbook_download_is_logged_and_holds_the_chosen_authorities(client_for, two_returns):
    client = client_for(factories.user(Role.VIEWER, organisation=factories.hub()))
    response = client.get("/data-pack/download.xlsx?authorities=340")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    names = {r[0] for r in book["Headline"].iter_rows(min_row=2, values_only=True)}
    assert names == {"Knowsley", "All chosen authorities"}
    assert AccessLogEntry.objects.filter(
        object_type="data_pack", action=AccessAction.DOWNLOAD, object_id="340"
    ).exists()
    assert client.get("/data-pack/download.pdf").content.startswith(b"%PDF")


def test_an_authority_uploads_its_files_and_a_bad_set_is_listed_and_kept_out(client_for):
    person = factories.referrer("Liverpool")
    client = client_for(person)
    bad = builders.EPISODES.replace("A4,15/03/2024", "A4,15/03/24")
    response = client.post(
        "/data-pack/upload/",
        {
            "year": "2025",
            "csv_files": [
                SimpleUploadedFile("header.csv", builders.HEADER.encode(), content_type="text/csv"),
                SimpleUploadedFile("episodes.csv", bad.encode(), content_type="text/csv"),
            ],
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text and "Nothing from them was saved" in text
    assert "“15/03/24” is not a date in the form dd/mm/yyyy" in text
    assert not Return.objects.exists()

    response = client.post(
        "/data-pack/upload/",
        {
            "year": "2025",
            "csv_files": [
                SimpleUploadedFile("header.csv", builders.HEADER.encode(), content_type="text/csv"),
                SimpleUploadedFile("episodes.csv", builders.EPISODES.encode(), content_type="text/csv"),
            ],
        },
    )
    imported = Return.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/data-pack/returns/{imported.pk}/"
    assert imported.authority.name == "Liverpool" and imported.imported_by == person


def test_only_the_service_manager_supplies_populations(client_for):
    factories.local_authority("Liverpool")
    assert client_for(factories.referrer("Liverpool")).get("/data-pack/population/").status_code == 404
    client = client_for(factories.service_manager())
    response = client.post(
        "/data-pack/population/",
        {"file": SimpleUploadedFile("p.csv", b"LA,YEAR,POPULATION_0_17\n341,2025,98000\n", content_type="text/csv")},
    )
    assert response.status_code == 302
