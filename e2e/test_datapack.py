"""The data pack: an authority uploads its SSDA903 files, the region opens the pack and downloads the workbook."""

import io

import pytest
from openpyxl import load_workbook

from e2e.conftest import assert_accessible, shot, sign_in, sign_out
from hub.accounts.models import Role
from hub.datapack import services, synthetic
from tests import factories
from tests.datapack import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_authority_uploads_its_return_and_the_region_downloads_the_pack(page, tmp_path):
    referrer = factories.referrer("Liverpool")
    viewer = factories.user(Role.VIEWER, organisation=factories.hub())
    # Two other authorities have returned already (synthetic children), so the pack has a region.
    for name in ("Knowsley", "Wirral"):
        authority = factories.local_authority(name)
        for year in (2024, 2025):
            header, episodes = io.StringIO(), io.StringIO()
            synthetic.write_return(authority.dfe_code, year, 120, header=header, episodes=episodes)
            services.return_import(
                authority=authority,
                year=year,
                uploads=[
                    services.Upload(name="header.csv", stream=io.BytesIO(header.getvalue().encode())),
                    services.Upload(name="episodes.csv", stream=io.BytesIO(episodes.getvalue().encode())),
                ],
            )
            services.population_set(authority=authority, year=year, children=60_000)

    header, episodes, bad = tmp_path / "header.csv", tmp_path / "episodes.csv", tmp_path / "bad" / "episodes.csv"
    bad.parent.mkdir()
    header.write_text(builders.HEADER)
    episodes.write_text(builders.EPISODES)
    bad.write_text(builders.EPISODES.replace("A4,15/03/2024,S,V2,N4,U6", "A4,15/03/2024,S,V2,N4,Q9"))

    sign_in(page, referrer)
    page.get_by_role("link", name="Data pack").first.click()
    page.get_by_role("link", name="Your returns").click()
    page.get_by_role("link", name="Upload a return").click()
    page.get_by_label("Collection year").select_option("2025")
    page.get_by_label("SSDA903 CSV files").set_input_files([str(header), str(bad)])
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_load_state()
    assert page.get_by_text("There is a problem").is_visible()
    problems = page.get_by_test_id("problems")
    assert problems.get_by_text("“Q9” is not a DfE code for PLACE").is_visible()
    assert problems.locator("tbody tr").first.locator("td").nth(1).inner_text() == "7"
    assert_accessible(page)
    shot(page, "datapack-upload-refused")

    page.get_by_label("Collection year").select_option("2025")
    page.get_by_label("SSDA903 CSV files").set_input_files([str(header), str(episodes)])
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/data-pack/returns/*/")
    assert page.get_by_role("heading", name="Return for the year ending 31 March 2025").is_visible()
    assert page.get_by_text("7 children and 13 episodes").first.is_visible()
    assert page.get_by_test_id("children").get_by_text("A6", exact=True).is_visible()
    assert_accessible(page)
    shot(page, "datapack-return")
    sign_out(page)

    sign_in(page, viewer)
    page.get_by_role("link", name="Data pack").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Looked-after children placed with parents").is_visible()
    headline = page.get_by_test_id("headline")
    assert headline.get_by_role("row", name="Liverpool").first.is_visible()
    # Liverpool's 5 looked after and 3 placed with parents are small numbers: hidden.
    liverpool = headline.get_by_role("row").filter(has_text="Liverpool")
    assert liverpool.locator("td").nth(1).inner_text() == "c"
    assert liverpool.locator("td").nth(2).inner_text() == "c"
    assert_accessible(page)
    shot(page, "datapack-pack")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the workbook (Excel)").click()
    saved = tmp_path / "pack.xlsx"
    download.value.save_as(saved)
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(saved)
    assert {"Headline", "Trend", "By authority", "Age at 31 March", "Notes"} <= set(book.sheetnames)
    rows = list(book["Headline"].iter_rows(min_row=2, values_only=True))
    assert rows[[r[0] for r in rows].index("Liverpool")][:5] == ("Liverpool", "341", 2025, "c", "c")
    assert {r[0] for r in rows} == {"Knowsley", "Liverpool", "Wirral", "All chosen authorities"}
    assert book["Trend"]._charts


def test_a_large_pack_s_pdf_is_made_in_the_background_and_downloaded_when_ready(page, tmp_path, monkeypatch):
    from hub.datapack import views

    viewer = factories.user(Role.VIEWER, organisation=factories.hub())
    for name in ("Knowsley", "Wirral"):
        services.return_import(authority=factories.local_authority(name), year=2025, uploads=builders.standard_set())
    # Two authorities and the region are three headline rows: "large" here, so the worker lays it out.
    monkeypatch.setattr(views, "PDF_WHILE_YOU_WAIT_ROWS", 2)

    sign_in(page, viewer)
    page.get_by_role("link", name="Data pack").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Download the pack (PDF)").count() == 0
    assert_accessible(page)
    shot(page, "datapack-pack-large")
    page.get_by_role("button", name="Make the pack (PDF)").click()
    page.wait_for_url("**/data-pack/pdf/*/")
    assert page.get_by_text("The PDF is ready").is_visible()
    assert page.get_by_text("Knowsley, Wirral").is_visible()
    assert_accessible(page)
    shot(page, "datapack-pdf-ready")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the pack (PDF)").click()
    saved = tmp_path / "pack.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename.endswith(".pdf")
    assert saved.read_bytes().startswith(b"%PDF")
