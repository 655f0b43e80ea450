#!/usr/bin/env bash
# Installs what is needed, prepares the embedded database with demo data, then
# runs the web server and the task worker on 127.0.0.1:8000 (HUB_DEMO_PORT) until stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
py=.venv/bin/python
port=${HUB_DEMO_PORT:-8000}
$py manage.py migrate --no-input -v 0
$py manage.py collectstatic --no-input -v 0
$py manage.py seed_demo
# Queue the daily deadline reminders (the job re-queues itself each morning).
$py manage.py timescale_reminders --schedule

# run_worker is db_worker that first puts back tasks a killed worker left half-done.
$py manage.py run_worker &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM

password=$($py -c 'from hub.home.demo import demo_password; print(demo_password())')
cat <<TXT

  The assessment hub is running at http://127.0.0.1:$port/  (Ctrl+C stops it)
  Every demo account's password: $password
    Service manager ........ manager@example.org
    Assessor ............... assessor.halton@example.org (and five more: assessor.<authority>@example.org)
    Referrer, Cheshire West  referrer.cheshire-west@example.org
    Referrer, Liverpool .... referrer.liverpool@example.org
    Performance viewer ..... viewer@example.org
    Case-file audit lead ... audit.lead@example.org (auditors: auditor.<authority>@example.org)
    Administrator .......... admin@example.org
  Sign-in asks for a code from an authenticator app. For a demo account, get the
  code its app would show now with, in another terminal:
    .venv/bin/python manage.py demo_code manager@example.org
  Emails to referrers are printed here by the task worker.

TXT
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$port" --workers 2 --timeout 600 --access-logfile -
