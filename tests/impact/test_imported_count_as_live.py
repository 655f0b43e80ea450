"""An imported assessment and one worked through the service are counted the same way."""

import datetime

import pytest
import time_machine

from hub.impact import figures, services
from hub.reports import services as report_services
from tests import factories
from tests.impact import source_period as source
from tests.reports import builders

pytestmark = pytest.mark.django_db
DAY = datetime.datetime(2026, 2, 4, 11, 0, tzinfo=datetime.UTC)


def test_an_imported_assessment_is_counted_exactly_as_a_live_one():
    with time_machine.travel(DAY, tick=False):
        manager = factories.service_manager()
        live = builders.filed(manager)  # received, accepted, drafted, QA'd and filed today, through the pages' services
        report_services.outcome_record(
            report=live, actor=manager, recommendation="positive", la_changed_plan=True, court_decision="",
            court_decided_on=None,
        )  # fmt: skip
        referral = live.assessment.referral
        today = DAY.date().isoformat()
        row = {
            "reference": "SAME-1", "local_authority": referral.local_authority.name, "assessment_type": "parenting",
            "reason": referral.referral_reason, "received": today, "decision": "accepted", "decided": today,
            "allocated": today, "draft_to_qa": today, "qa_done": today, "qa_rounds": "1", "filed": today,
            "court_filing_date": referral.filing_date.isoformat(), "recommendation": "positive",
            "la_changed_plan": "yes",
        }  # fmt: skip
        services.history_import(name="same.csv", content=source.as_csv([row]), actor=manager)
        period = figures.Filters(starts=DAY.date(), ends=DAY.date())
        counted = figures.filed_in_period(period)
        result = figures.impact_figures(period, as_of=DAY.date())
    assert len(counted) == 2
    assert counted[0] == counted[1]
    assert result.table("completed_by_type").rows == [["Parenting assessment", 2, 2, 100.0, 100.0]]
    assert result.table("referrals_by_authority").rows == [[referral.local_authority.name, 2, 2, 0]]
    assert result.headline("la_changed_plan") == 2
