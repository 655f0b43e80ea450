#!/usr/bin/env bash
# Creates .venv with pinned dependencies and builds the front-end assets.
# Safe to run again: it only does what is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

python=$(scripts/find-python.sh)
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment with $python"
  "$python" -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ requirements.txt -nt .venv/.installed ] || [ requirements-dev.txt -nt .venv/.installed ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements-dev.txt
  touch .venv/.installed
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "Installing Node.js and npm from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --silent
fi
if [ ! -f hub/static/build/hub.css ] || [ hub/static_src/hub.scss -nt hub/static/build/hub.css ]; then
  npm run --silent build
fi
