"""Idle and absolute session limits, and the way to stay signed in."""

import datetime as dt

import pytest
import time_machine

from tests import factories

pytestmark = pytest.mark.django_db

RECORD_PAGE = "/referrals/"
START = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def test_it_signs_out_after_the_idle_limit(client_for, settings):
    settings.HUB_IDLE_TIMEOUT_SECONDS = 30 * 60
    with time_machine.travel(START, tick=False) as clock:
        client = client_for(factories.referrer())
        assert client.get(RECORD_PAGE).status_code == 200
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(RECORD_PAGE).status_code == 200  # activity restarts the clock
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(RECORD_PAGE).status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get(RECORD_PAGE)
    assert response.status_code == 302
    assert response.url == "/accounts/sign-in/"
    assert "inactivity" in client.get(response.url).content.decode()


def test_it_signs_out_after_the_absolute_limit_however_active(client_for, settings):
    settings.HUB_IDLE_TIMEOUT_SECONDS = 30 * 60
    settings.HUB_ABSOLUTE_TIMEOUT_SECONDS = 60 * 60
    with time_machine.travel(START, tick=False) as clock:
        client = client_for(factories.referrer())
        for _ in range(3):
            assert client.get(RECORD_PAGE).status_code == 200
            clock.shift(dt.timedelta(minutes=25))
        response = client.get(RECORD_PAGE)
    assert response.status_code == 302


def test_staying_signed_in_counts_as_activity(client_for, settings):
    settings.HUB_IDLE_TIMEOUT_SECONDS = 30 * 60
    with time_machine.travel(START, tick=False) as clock:
        client = client_for(factories.referrer())
        client.get(RECORD_PAGE)
        clock.shift(dt.timedelta(minutes=28))
        assert client.post("/accounts/keep-alive/").status_code == 200
        clock.shift(dt.timedelta(minutes=28))
        assert client.get(RECORD_PAGE).status_code == 200


def test_staying_signed_in_counts_even_within_a_minute_of_the_last_request(client_for, settings):
    # Requests are recorded as activity at most once a minute; asking to stay always is.
    settings.HUB_IDLE_TIMEOUT_SECONDS = 90
    with time_machine.travel(START, tick=False) as clock:
        client = client_for(factories.referrer())
        client.get(RECORD_PAGE)
        clock.shift(dt.timedelta(seconds=50))
        assert client.post("/accounts/keep-alive/").status_code == 200
        clock.shift(dt.timedelta(seconds=80))  # 130 s after the page, 80 s after choosing to stay
        assert client.get(RECORD_PAGE).status_code == 200


def test_every_signed_in_page_carries_the_timeout_warning(client_for, settings):
    settings.HUB_IDLE_TIMEOUT_SECONDS = 1800
    settings.HUB_IDLE_WARNING_SECONDS = 120
    html = client_for(factories.referrer()).get(RECORD_PAGE).content.decode()
    assert 'data-idle-seconds="1800"' in html
    assert 'data-warning-seconds="120"' in html
    assert "Stay signed in" in html
