"""How many SQL queries each list and record page runs, held to a committed baseline.

A page that starts running more queries (a missing select_related, a query in a
template loop) fails here, naming the page and its old and new counts, before
anyone notices it slow down at scale (`bench/national.py` times the same pages
over a national dataset). A page that runs fewer is reported, so the baseline
can be lowered to hold the gain.

The baseline is `tests/query_counts.json`. After a change that means to alter
a count, record the new counts on purpose and commit the file:

    .venv/bin/pytest tests/test_query_counts.py --update-query-counts
    HUB_UPDATE_QUERY_COUNTS=1 .venv/bin/pytest tests/test_query_counts.py

The data is small and fixed, built with the factories and the services at a
fixed moment, so the counts are the same on SQLite and PostgreSQL and on any day.
"""

import datetime
import json
import os
import warnings
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hub.allocation import services as allocation_services
from hub.api import services as api_services
from hub.privacy import services as privacy_services
from hub.referrals.models import ReferralStatus
from hub.timescales import services as timescale_services
from hub.workspace import rules as workspace_rules
from hub.workspace import services as workspace_services
from tests import factories

pytestmark = pytest.mark.django_db

BASELINE = Path(__file__).with_name("query_counts.json")
# Tuesday 3 November 2026, mid-morning in London: every clock's status is the same whatever the day of the run.
NOW = datetime.datetime(2026, 11, 3, 10, 0, tzinfo=datetime.UTC)


def _updating(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-query-counts")) or os.environ.get("HUB_UPDATE_QUERY_COUNTS") == "1"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hub():
    """Two of everything a list shows, so that a query per row would show as a higher count."""
    with time_machine.travel(NOW - datetime.timedelta(days=1), tick=False):
        manager = factories.service_manager()
        assessor = factories.assessor("Halton")
        other_assessor = factories.assessor("Knowsley")
        referrer = factories.referrer()
        waiting = factories.complete_referral(by=referrer, status=ReferralStatus.SUBMITTED, children=2, manager=manager)
        factories.complete_referral(by=referrer, status=ReferralStatus.QUERY_RAISED, manager=manager)
        factories.complete_referral(by=referrer, status=ReferralStatus.DECLINED, manager=manager)
        factories.complete_referral(by=referrer)
        accepted = factories.complete_referral(
            by=referrer,
            status=ReferralStatus.ACCEPTED,
            assessment_types=["parenting", "full_fostering"],
            children=2,
            manager=manager,
        )
        kinship = factories.complete_referral(
            by=referrer, status=ReferralStatus.ACCEPTED, assessment_types=["kinship_viability"], manager=manager
        )
        # Two left waiting on allocation.
        factories.complete_referral(
            by=referrer,
            status=ReferralStatus.ACCEPTED,
            assessment_types=["special_guardianship", "parenting_addendum"],
            manager=manager,
        )
        parenting = accepted.assessments.get(assessment_type="parenting")
        fostering = accepted.assessments.get(assessment_type="full_fostering")
        for assessment, person in (
            (parenting, assessor),
            (fostering, assessor),
            (kinship.assessments.get(), other_assessor),
        ):
            allocation_services.assessment_allocate(
                assessment_id=assessment.pk, assessor_id=person.pk, actor=manager, reason="Query-count baseline"
            )
        # Fostering is "checks permitting": its clock waits on a DBS check.
        fostering_clock = timescale_services.clock_for(fostering)
        timescale_services.clock_pause(
            clock=fostering_clock,
            actor=manager,
            reason="dbs_check",
            started_on=(NOW - datetime.timedelta(days=1)).date(),
            detail="DBS",
        )
        clock = timescale_services.clock_for(parenting)
        for n, when in enumerate([workspace_rules.PartialDate(2019, 3, 5), workspace_rules.PartialDate(2021, 6)]):
            workspace_services.chronology_entry_save(
                assessment=parenting,
                actor=assessor,
                when=when,
                data={"what_happened": f"Event {n}", "source": "Police disclosure"},
            )
        for agency in ("police", "gp"):
            workspace_services.information_request_save(
                assessment=parenting,
                actor=assessor,
                data={"agency": agency, "basis": "statutory", "asked_on": NOW.date() - datetime.timedelta(days=7)},
            )
        for statement in ("The mother can keep the children safe", "The father is a risk"):
            workspace_services.hypothesis_save(assessment=parenting, actor=assessor, data={"statement": statement})
        workspace_services.analysis_save(
            assessment=parenting, actor=assessor, data={"risk_factors": "Synthetic", "risk_level": "medium"}
        )
        _token, raw = api_services.api_token_issue(
            organisation=referrer.organisation, acting_user=referrer, name="Query-count baseline"
        )
        # Everything is flagged for review thirty years on; one record is on hold.
        privacy_services.retention_flag_due(today=datetime.date(2056, 1, 1))
        privacy_services.legal_hold_place(
            record_kind="referral-accepted", object_id=accepted.pk, reason="Complaint", actor=manager
        )
    return {
        "manager": manager,
        "assessor": assessor,
        "referrer": referrer,
        "waiting": waiting,
        "accepted": accepted,
        "parenting": parenting,
        "clock": clock,
        "token": raw,
    }


def pages(hub: dict) -> list[tuple[str, str, str]]:
    """(page, who asks, URL): every list and record page. URLs are paths, which stay put when views move."""
    workspace = f"/workspace/{hub['parenting'].pk}/"
    return [
        ("triage queue", "manager", "/referrals/triage/"),
        ("referral list", "manager", "/referrals/"),
        ("referral list, referrer", "referrer", "/referrals/"),
        ("referral page, awaiting triage", "manager", f"/referrals/{hub['waiting'].pk}/"),
        ("referral page, accepted", "manager", f"/referrals/{hub['accepted'].pk}/"),
        ("allocation queue", "manager", "/allocation/"),
        ("workload", "manager", "/allocation/workload/"),
        ("timeline", "manager", "/timescales/"),
        ("timeline, filtered", "manager", "/timescales/?status=paused&assessment_type=full_fostering"),
        ("clock page", "manager", f"/timescales/{hub['clock'].pk}/"),
        ("assessor home", "assessor", "/"),
        ("my deadlines", "assessor", "/timescales/mine/"),
        ("workspace overview", "assessor", workspace),
        ("workspace sessions", "assessor", f"{workspace}sessions/"),
        ("workspace chronology", "assessor", f"{workspace}chronology/"),
        ("workspace sources", "assessor", f"{workspace}sources/"),
        ("workspace household", "assessor", f"{workspace}household/"),
        ("workspace risk", "assessor", f"{workspace}risk/"),
        ("workspace questions", "assessor", f"{workspace}questions/"),
        ("workspace history", "assessor", f"{workspace}history/"),
        ("retention reviews", "manager", "/privacy/retention/"),
        ("feedback results", "manager", "/feedback/results/"),
        ("advocacy not offered", "manager", "/feedback/advocacy/not-offered/"),
        ("advocacy and support", "assessor", f"/feedback/assessments/{hub['parenting'].pk}/support/"),
        ("feedback surveys", "assessor", f"/feedback/assessments/{hub['parenting'].pk}/invitations/"),
        ("api list", "api", "/api/v1/referrals"),
        ("api detail", "api", f"/api/v1/referrals/{hub['accepted'].reference}"),
    ]


def measure(hub: dict) -> dict[str, int]:
    clients = {role: _signed_in(hub[role]) for role in ("manager", "assessor", "referrer")}
    clients["api"] = Client(headers={"Authorization": f"Bearer {hub['token']}"})
    counts = {}
    with time_machine.travel(NOW, tick=False):
        for page, who, url in pages(hub):
            # The first request may do once-only work (a token's last use, a session's first save).
            first = clients[who].get(url)
            assert first.status_code == 200, f"{page}: GET {url} answered {first.status_code}"
            with CaptureQueriesContext(connection) as captured:
                response = clients[who].get(url)
            assert response.status_code == 200, f"{page}: GET {url} answered {response.status_code}"
            counts[page] = len(captured.captured_queries)
    return counts


def test_no_page_runs_more_queries_than_its_baseline(hub, request):
    counts = measure(hub)
    if _updating(request):
        BASELINE.write_text(json.dumps(counts, indent=2, sort_keys=True) + "\n")
        return
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    rises = [
        f"{page}: {baseline[page]} queries before, {count} now"
        for page, count in counts.items()
        if page in baseline and count > baseline[page]
    ]
    missing = [
        f"{page}: no baseline yet ({count} queries now)" for page, count in counts.items() if page not in baseline
    ]
    falls = [
        f"{page}: {baseline[page]} queries before, {count} now"
        for page, count in counts.items()
        if page in baseline and count < baseline[page]
    ]
    if falls:
        warnings.warn(
            "Fewer queries than the baseline (lower it with --update-query-counts to keep the gain): "
            + "; ".join(falls),
            stacklevel=1,
        )
    assert not rises + missing, (
        "More queries than tests/query_counts.json allows (a query per row? a missing select_related?); "
        "if the change is meant, run pytest tests/test_query_counts.py --update-query-counts:\n"
        + "\n".join(rises + missing)
    )
