"""Settings read from the environment fail loudly, naming the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("off", False), ("", False)])
def test_it_reads_yes_no_values(monkeypatch, raw, expected):
    monkeypatch.setenv("HUB_FLAG", raw)
    assert env_bool("HUB_FLAG", not expected) is expected


def test_it_refuses_a_value_that_is_not_yes_or_no(monkeypatch):
    monkeypatch.setenv("HUB_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="HUB_FLAG"):
        env_bool("HUB_FLAG", False)


def test_it_refuses_a_number_that_is_not_whole_or_too_small(monkeypatch):
    monkeypatch.setenv("HUB_SIZE", "12MB")
    with pytest.raises(ImproperlyConfigured, match="HUB_SIZE"):
        env_int("HUB_SIZE", 1)
    monkeypatch.setenv("HUB_SIZE", "-5")
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env_int("HUB_SIZE", 1, minimum=0)


def test_it_needs_a_required_value(monkeypatch):
    monkeypatch.delenv("HUB_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="HUB_SECRET must be set"):
        env_str("HUB_SECRET")


def test_it_splits_lists_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("HUB_HOSTS", "a.example, b.example,,")
    assert env_list("HUB_HOSTS", []) == ["a.example", "b.example"]


def test_production_settings_refuse_to_start_without_a_secret_key():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_DEBUG"] = "false"
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_it_refuses_a_number_above_the_maximum(monkeypatch):
    monkeypatch.setenv("HUB_MAX_ASSESSMENTS_PER_ASSESSOR", "4")
    with pytest.raises(ImproperlyConfigured, match="HUB_MAX_ASSESSMENTS_PER_ASSESSOR=4 is above the maximum of 3"):
        env_int("HUB_MAX_ASSESSMENTS_PER_ASSESSOR", 3, minimum=1, maximum=3)


def test_the_hubs_maximum_per_assessor_never_exceeds_what_the_database_holds(settings):
    from hub.accounts.models import ASSESSMENTS_PER_ASSESSOR_CEILING

    assert settings.HUB_MAX_ASSESSMENTS_PER_ASSESSOR <= ASSESSMENTS_PER_ASSESSOR_CEILING == 3
