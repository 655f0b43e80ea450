"""HUB_TEST_TODAY: the suite can run as if it were another day (see the root conftest.py)."""

import datetime
import os

import pytest
from django.utils import timezone

from conftest import moment_named


def test_a_date_means_ten_in_the_morning_in_london():
    assert moment_named("2026-12-24") == datetime.datetime(2026, 12, 24, 10, tzinfo=datetime.UTC)
    assert moment_named("2027-06-01") == datetime.datetime(2027, 6, 1, 9, tzinfo=datetime.UTC)


def test_a_wall_time_is_read_in_london_on_the_nights_the_clocks_change():
    # 01:30 on 28 March 2027 does not exist in London (01:00 GMT jumps to 02:00 BST): read as GMT.
    assert moment_named("2027-03-28T01:30") == datetime.datetime(2027, 3, 28, 1, 30, tzinfo=datetime.UTC)
    # 01:30 on 31 October 2027 happens twice: the first time, still in summer time.
    assert moment_named("2027-10-31T01:30") == datetime.datetime(2027, 10, 31, 0, 30, tzinfo=datetime.UTC)


@pytest.mark.skipif(not os.environ.get("HUB_TEST_TODAY"), reason="only when the suite runs as if on another day")
def test_every_worker_runs_on_the_day_asked_for():
    asked = moment_named(os.environ["HUB_TEST_TODAY"])
    assert timezone.localdate() == timezone.localtime(asked).date()
    assert asked <= timezone.now() < asked + datetime.timedelta(hours=2)
