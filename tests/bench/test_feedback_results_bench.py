"""The feedback results benchmark still runs, on a handful of surveys, with the same query count at two sizes."""

import random

import pytest
from django.test import Client

from bench import sign_in, time_page
from bench.feedback_results import responses_grow_to
from hub.feedback.models import SurveyResponse

pytestmark = pytest.mark.django_db


def test_the_results_keep_their_query_count_as_the_answers_grow():
    rng = random.Random(1)
    state: dict = {}
    counts = []
    for size in (5, 40):
        responses_grow_to(size, rng=rng, state=state)
        client = Client()
        sign_in(client, state["manager"])
        timing = time_page(client, "/feedback/results/?group_by=assessor", repetitions=1, warmup=1)
        assert timing.status_code == 200
        counts.append(timing.queries)
    assert SurveyResponse.objects.count() == 40
    assert counts[0] == counts[1]
