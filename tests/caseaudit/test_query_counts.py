"""The audit's list and results pages run the same number of queries however many cases there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hub.caseaudit import services
from hub.caseaudit.models import AuditKind
from hub.caseaudit.rules import DOMAINS, Grade
from tests.caseaudit import builders

pytestmark = pytest.mark.django_db

PAGES = ["caseaudit:programme", "caseaudit:results", "caseaudit:themes"]


def _counts(client, programme) -> dict[str, int]:
    counts = {}
    for name in PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[programme.pk])).status_code == 200
        # The session's own writes depend on the time since the last request, not on the page.
        counts[name] = sum(1 for q in queries if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"])
    return counts


def _audit_all(built, name):
    for case in builders.select(built, name):
        audit = builders.submit(case, built.auditors[name], Grade.GOOD, comments="Drift")
        decisions = {d.value: services.ModerationDecision(grade="good") for d in DOMAINS}
        services.audit_moderate(audit=audit, moderator=built.moderators[name], decisions=decisions)
        builders.submit(case, built.dip_sampler, Grade.GOOD, kind=AuditKind.DIP_SAMPLE)


def test_the_pages_do_not_run_a_query_per_case(client_for):
    built = builders.programme(("Liverpool", "Sefton", "Wirral"))
    services.theme_add(programme=built.programme, name="Drift")
    client = client_for(built.lead)
    _audit_all(built, "Liverpool")
    few = _counts(client, built.programme)
    _audit_all(built, "Sefton")
    _audit_all(built, "Wirral")
    many = _counts(client, built.programme)
    assert many == few


def test_the_case_page_runs_a_fixed_number_of_queries(client_for):
    built = builders.programme()
    _audit_all(built, "Liverpool")
    case = built.programme.cases.first()
    client = client_for(built.lead)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("caseaudit:case", args=[case.pk])).status_code == 200
    assert len(queries) <= 20, [q["sql"][:120] for q in queries]
