"""The dashboard counts a hub period like the sources' and gets the hand-counted figures."""

import json

import pytest
import time_machine
from django.core.management import call_command

from hub.impact import figures, services
from hub.timescales.models import Clock
from tests import factories
from tests.impact import source_period as source

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    with time_machine.travel(source.TODAY, tick=False):
        for name in (source.CWAC, source.LIVERPOOL, source.WIRRAL, source.HALTON, source.SEFTON, "Knowsley"):
            factories.local_authority(name)
        manager = factories.service_manager()
        assessor = factories.assessor("Knowsley")
        services.history_import(
            name="hub-history.csv", content=source.as_csv(source.rows(assessor_email=assessor.email)), actor=manager
        )
        yield {"manager": manager, "assessor": assessor}


def _figures(**filters) -> figures.Figures:
    starts, ends = source.PERIOD
    return figures.impact_figures(figures.Filters(starts=starts, ends=ends, **filters), as_of=source.TODAY.date())


def test_the_dashboard_figures_equal_the_hand_counted_ones(loaded):
    result = _figures()
    assert {key: result.headline(key) for key in source.EXPECTED} == source.EXPECTED
    assert result.table("referrals_by_authority").rows == source.EXPECTED_BY_AUTHORITY
    assert result.table("referrals_by_type").rows == source.EXPECTED_BY_TYPE
    assert result.table("completed_by_type").rows == source.EXPECTED_COMPLETED_BY_TYPE
    assert result.table("referrals_by_reason").rows == [
        ["Disagreement between the parties", 5],
        ["Quality of a previous assessment", 4],
        ["Disputing the outcome of a previous fostering assessment", 3],
        ["Other", 1],
    ]
    assert result.table("pauses_by_cause").rows == [
        ["DBS checks", 28, 2],
        ["Medical assessments", 7, 1],
        ["Other causes", 0, 0],
    ]


def test_impact_figures_json_prints_the_same_numbers(loaded, capsys):
    starts, ends = source.PERIOD
    call_command("impact_figures", "--from", starts.isoformat(), "--to", ends.isoformat(), "--json")
    printed = json.loads(capsys.readouterr().out)
    headlines = {k: v for section in printed["sections"].values() for k, v in section["headlines"].items()}
    for key, value in source.EXPECTED.items():
        assert headlines[key] == value, key
    assert printed["sections"]["referrals"]["tables"]["referrals_by_authority"]["rows"] == (
        source.EXPECTED_BY_AUTHORITY
    )
    # Feedback, advocacy and kinship referrals arrive with issue 12: shown as such, never as zeros.
    assert printed["sections"]["kinship"]["pending"] is True


def test_the_filters_narrow_the_figures(loaded):
    assert _figures(assessment_type="parenting").headline("assessments_completed") == 8
    assert _figures(assessment_type="parenting").headline("referrals_received") == 8
    liverpool = factories.local_authority("Liverpool").pk
    assert _figures(local_authority=liverpool).headline("referrals_declined") == 1
    assert _figures(local_authority=liverpool).headline("assessments_completed") == 3
    assert _figures(assessor=loaded["assessor"].pk).headline("assessments_completed") == 2
    # A period that ends before any filing counts the referrals but no assessment completed.
    early = figures.impact_figures(
        figures.Filters(starts=source.PERIOD[0], ends=source.PERIOD[0]), as_of=source.TODAY.date()
    )
    assert early.headline("referrals_received") == 1
    assert early.headline("assessments_completed") == 0
    assert early.headline("filed_within_timescale_percent") is None


def test_imported_clocks_are_the_engines(loaded):
    """The clocks were run by the timescale services: the pauses moved the due dates on, filing ended them."""
    clocks = Clock.objects.filter(assessment__referral__imported_from__source_reference__in=["SRC-J1", "SRC-J2"])
    assert sorted((c.due_date.isoformat(), c.paused_days, c.ended_on.isoformat()) for c in clocks) == [
        ("2026-03-03", 14, "2026-02-13"),
        ("2026-03-13", 21, "2026-03-02"),
    ]
