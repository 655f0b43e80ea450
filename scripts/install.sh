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

# WeasyPrint (PDF court reports) draws text with Debian's Pango; Liberation Sans
# has Arial's metrics, so the PDF paginates like the Word file, DejaVu is the fallback.
missing_debs=()
for deb in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fontconfig fonts-liberation fonts-dejavu-core; do
  if ! dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed"; then
    missing_debs+=("$deb")
  fi
done
if [ ${#missing_debs[@]} -gt 0 ]; then
  echo "Installing ${missing_debs[*]} from Debian's packages for PDF reports"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_debs[@]}" >/dev/null
fi

# Scanned pages of a court bundle are read by Tesseract (OCR), offered page by page.
if ! command -v tesseract >/dev/null 2>&1 || ! dpkg-query -W -f='${Status}' tesseract-ocr-eng 2>/dev/null | grep -q "ok installed"; then
  echo "Installing Tesseract OCR from Debian's packages for scanned bundle pages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-eng >/dev/null
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
