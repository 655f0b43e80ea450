"""The QA queue benchmark still runs, on a handful of reports, with the same query count at two sizes."""

import random

import pytest
from django.test import Client

from bench import sign_in, time_page
from bench.qa_queue import reports_grow_to
from hub.reports.models import Report, ReportState

pytestmark = pytest.mark.django_db


def test_the_queue_keeps_its_query_count_as_it_grows():
    rng = random.Random(1)
    state: dict = {}
    counts = []
    for size in (5, 40):
        reports_grow_to(size, rng=rng, state=state)
        client = Client()
        sign_in(client, state["manager"])
        timing = time_page(client, "/reports/qa/", repetitions=1, warmup=1)
        assert timing.status_code == 200
        counts.append(timing.queries)
    assert Report.objects.filter(state=ReportState.IN_QA).count() == 40
    assert counts[0] == counts[1]
