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

echo "== tests on PostgreSQL"
scripts/with-postgres.sh .venv/bin/pytest -n "$workers" -p no:cacheprovider "$@"
