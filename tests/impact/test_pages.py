"""The dashboard's pages: figures for the viewer and the manager, never case details;
filters re-shown with an error summary; every table as CSV and Excel; the board's PDF."""

import csv
import io

import pikepdf
import pytest
import time_machine
from openpyxl import load_workbook

from hub.accounts.models import Role
from hub.audit.models import AccessLogEntry
from hub.impact import services
from hub.referrals.models import Referral
from tests import factories
from tests.impact import source_period as source

pytestmark = pytest.mark.django_db

PERIOD = {
    "starts_day": "5", "starts_month": "12", "starts_year": "2025",
    "ends_day": "6", "ends_month": "3", "ends_year": "2026",
}  # fmt: skip


@pytest.fixture
def viewer(client_for):
    with time_machine.travel(source.TODAY, tick=False):
        for name in (source.CWAC, source.LIVERPOOL, source.WIRRAL, source.HALTON, source.SEFTON):
            factories.local_authority(name)
        services.history_import(name="h.csv", content=source.as_csv(source.rows()), actor=factories.service_manager())
        person = factories.user(Role.VIEWER, organisation=factories.hub())
        yield client_for(person)


def test_the_viewer_sees_figures_and_never_a_case(viewer):
    response = viewer.get("/impact/", PERIOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-figure="assessments_completed">12' in page
    assert 'data-figure="filed_within_timescale_percent">100.0%' in page
    assert "<svg" in page and 'aria-hidden="true"' in page  # the charts; their tables follow them
    assert 'id="table-referrals_by_authority"' in page
    # No reference, no link into a referral, assessment or workspace.
    for referral in Referral.objects.all():
        assert referral.reference not in page
    assert "/referrals/" not in page and "/workspace/" not in page and "/reports/" not in page
    assert "Feedback by statement" in page and 'data-figure="kinship_referrals">0' in page
    assert AccessLogEntry.objects.filter(object_type="impact_figures", action="search").exists()


def test_the_default_period_is_the_last_twelve_months(viewer):
    response = viewer.get("/impact/")
    assert response.status_code == 200
    assert response.context["figures"].filters.ends == source.TODAY.date()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"starts_day": "31", "starts_month": "2"}, "From must be a real date"),
        ({"ends_year": "2024"}, "The last day must be the same as or after the first day"),
        ({"ends_day": "", "ends_month": "", "ends_year": ""}, "Enter the last day of the period"),
        ({"local_authority": "abc"}, "Select a valid choice"),
    ],
)
def test_bad_filters_are_shown_again_with_an_error_summary(viewer, changes, message):
    response = viewer.get("/impact/", {**PERIOD, **changes})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and message in page
    # What was typed is shown again.
    assert f'value="{changes.get("starts_day", PERIOD["starts_day"])}"' in page
    assert "figures" not in response.context or response.context.get("figures") is None


def test_every_table_downloads_as_csv_and_excel(viewer):
    response = viewer.get("/impact/download/referrals_by_authority.csv", PERIOD)
    assert response["Content-Disposition"] == (
        'attachment; filename="impact-referrals-by-authority-2025-12-05-to-2026-03-06.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Referrals by local authority"]
    assert rows[1] == ["Period", "5 December 2025 to 6 March 2026"]
    header = rows.index(["Local authority", "Received", "Accepted", "Declined"])
    assert rows[header + 1 :] == [[str(v) for v in row] for row in source.EXPECTED_BY_AUTHORITY]

    workbook = load_workbook(io.BytesIO(viewer.get("/impact/download/all.xlsx", PERIOD).content))
    assert "Referrals by local authority" in workbook.sheetnames
    sheet = workbook["Assessments completed by type"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = values.index(["Type", "Completed", "Within timescale", "Within timescale %", "By the court's date %"])
    assert values[start + 1 :] == source.EXPECTED_COMPLETED_BY_TYPE
    assert viewer.get("/impact/download/nothing.csv", PERIOD).status_code == 404
    assert viewer.get("/impact/download/all.csv", PERIOD).status_code == 404
    assert viewer.get("/impact/download/outcomes.ods", PERIOD).status_code == 404


def test_the_board_summary_is_one_page_of_pdf(viewer):
    response = viewer.get("/impact/summary.pdf", PERIOD)
    assert response["Content-Type"] == "application/pdf"
    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        assert len(pdf.pages) == 1


def test_the_history_template_downloads(viewer):
    rows = list(csv.reader(io.StringIO(viewer.get("/impact/history-template.csv").content.decode())))
    assert rows[0][:3] == ["reference", "local_authority", "assessment_type"]
    workbook = load_workbook(io.BytesIO(viewer.get("/impact/history-template.xlsx").content))
    assert workbook.sheetnames == ["History", "Columns"]


def test_a_referrer_and_an_assessor_are_refused(client_for):
    for person in (factories.referrer(), factories.assessor()):
        assert client_for(person).get("/impact/").status_code == 403
