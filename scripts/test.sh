#!/usr/bin/env bash
# The whole test suite: lint, types, then every test (browser tests included)
# on SQLite and again on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium from Debian's packages for the browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
fi

echo "== ruff"
.venv/bin/ruff check .
echo "== mypy"
.venv/bin/mypy .
echo "== import-linter (the apps' layers, pyproject.toml)"
.venv/bin/lint-imports --no-cache

export HUB_VAR_DIR=${HUB_VAR_DIR:-$(mktemp -d /tmp/hub-test-var.XXXXXX)}
mkdir -p test-artefacts
# The browser tests are served the real compiled assets, as in production.
.venv/bin/python manage.py collectstatic --no-input -v 0
workers=${HUB_TEST_WORKERS:-2}

echo "== tests on SQLite, with a ClamAV daemon scanning every upload"
scripts/with-clamav.sh env -u DATABASE_URL .venv/bin/pytest -n "$workers" -p no:cacheprovider "$@"

# A test that only passes on some days fails on the day the calendar finds it. The
# unit tests that count from the real today (allocation, the workspace, reminders,
# intake's dates, retention; most timescales tests freeze their own day) run again as
# if it were two awkward moments this year: Christmas Eve (bank holidays and a year's
# end ahead) and 01:30 on the last Sunday of October, the hour that happens twice
# when the clocks go back: about 40 s for both on 2 cores. Any other moment:
# HUB_TEST_TODAY=2028-02-29 .venv/bin/pytest ... (see README, Test it).
if [ "$#" -eq 0 ]; then
  year=$(date +%Y)
  last_sunday_of_october=$(date -d "$year-10-31 -$(date -d "$year-10-31" +%w) days" +%F)
  for moment in "$year-12-24" "${last_sunday_of_october}T01:30"; do
    echo "== date-sensitive tests as if it were $moment in London"
    # One process: for these few tests a second xdist worker costs more (its own migrations) than it saves.
    HUB_TEST_TODAY=$moment env -u DATABASE_URL .venv/bin/pytest -n 0 -p no:cacheprovider -q \
      tests/allocation/test_services.py tests/allocation/test_views.py tests/workspace/test_workspace.py \
      tests/timescales/test_reminders.py tests/privacy/test_retention.py \
      tests/referrals/test_intake.py::test_it_adds_a_child_and_keeps_typed_answers_when_one_is_missing
  done
fi

echo "== tests on PostgreSQL"
scripts/with-postgres.sh .venv/bin/pytest -n "$workers" -p no:cacheprovider "$@"
