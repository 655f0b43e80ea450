"""The impact dashboard in a browser: open it, change the period, download the Excel file and read it."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from e2e.conftest import assert_accessible, shot, sign_in
from hub.accounts.models import Role
from hub.impact import services
from tests import factories
from tests.impact import source_period as source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_it_shows_the_figures_changes_the_period_and_downloads_the_excel_file(page):
    # The sources' period, moved by whole weeks so that it ended a fortnight ago, whatever day this runs.
    ends = timezone.localdate() - datetime.timedelta(days=14)
    weeks = (ends - source.PERIOD[1]).days // 7
    shift = 7 * weeks
    starts, ends = (day + datetime.timedelta(days=shift) for day in source.PERIOD)
    for name in (source.CWAC, source.LIVERPOOL, source.WIRRAL, source.HALTON, source.SEFTON):
        factories.local_authority(name)
    services.history_import(
        name="h.csv", content=source.as_csv(source.shifted(source.rows(), shift)), actor=factories.service_manager()
    )
    viewer = factories.user(Role.VIEWER, organisation=factories.hub())

    sign_in(page, viewer)
    page.get_by_role("link", name="Impact").click()
    expect(page.get_by_role("heading", name="Impact", exact=True)).to_be_visible()
    # The last twelve months: the whole period.
    expect(page.locator('[data-figure="assessments_completed"]')).to_contain_text("12")
    expect(page.locator('[data-figure="referrals_received"]')).to_contain_text("13")
    expect(page.locator("#table-referrals_by_authority tbody tr")).to_have_count(5)
    assert_accessible(page)
    shot(page, "impact-dashboard")

    # A bad date is shown again with the error summary.
    _fill_date(page, "From", starts)
    page.get_by_role("group", name="To").get_by_label("Month").fill("13")
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("To must be a real date")
    expect(page.get_by_role("group", name="To").get_by_label("Month")).to_have_value("13")
    assert_accessible(page)
    shot(page, "impact-dashboard-error")

    # The first six weeks, parenting only: all eight parenting referrals had come in; one report was filed.
    six_weeks = starts + datetime.timedelta(weeks=6)
    _fill_date(page, "To", six_weeks)
    page.get_by_label("Type").select_option("parenting")
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator('[data-figure="assessments_completed"]')).to_contain_text("1")
    expect(page.locator('[data-figure="referrals_received"]')).to_contain_text("8")
    shot(page, "impact-dashboard-six-weeks")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Every table (Excel)").click()
    download = download_info.value
    assert download.suggested_filename == f"impact-all-{starts:%Y-%m-%d}-to-{six_weeks:%Y-%m-%d}.xlsx"
    with open(download.path(), "rb") as saved:
        workbook = load_workbook(io.BytesIO(saved.read()))
    sheet = workbook["Assessments completed by type"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert [rows[2][0], rows[2][1]] == ["Type", "Parenting assessment"]  # the filters are in the file
    header = rows.index(["Type", "Completed", "Within timescale", "Within timescale %", "By the court's date %"])
    assert rows[header + 1 :] == [["Parenting assessment", 1, 1, 100.0, 100.0]]
    authorities = workbook["Referrals by local authority"]
    values = [list(row) for row in authorities.iter_rows(values_only=True)]
    start = values.index(["Local authority", "Received", "Accepted", "Declined"])
    assert sum(row[1] for row in values[start + 1 :]) == 8
