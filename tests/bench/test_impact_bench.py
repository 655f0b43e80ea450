"""The impact benchmark still runs, on a few hundred rows, and its pages answer."""

import pytest
from django.test import Client

from bench import sign_in, time_page
from bench.impact import build
from hub.assessments.models import Assessment
from hub.training.models import Booking

pytestmark = pytest.mark.django_db


def test_the_dashboard_benchmark_builds_its_data_and_times_the_pages():
    made = build(assessments=300, bookings=200)
    assert Assessment.objects.count() == 300
    assert Booking.objects.count() == 200
    client = Client()
    sign_in(client, made["viewer"])
    for url in ("/impact/", "/impact/download/all.xlsx"):
        assert time_page(client, url, repetitions=1, warmup=0).status_code == 200
