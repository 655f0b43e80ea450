#!/usr/bin/env bash
# Prints a Python 3.12+ interpreter, or stops with a clear message.
# pyenv shims can exist for versions that are not active, so each candidate is run.
set -u
candidates=(python3.13 python3.12)
for dir in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[3-9]*/bin "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin /usr/local/bin /usr/bin; do
  for name in python3.13 python3.12; do
    [ -x "$dir/$name" ] && candidates+=("$dir/$name")
  done
done
for candidate in "${candidates[@]}"; do
  if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
echo "This project needs Python 3.12 or newer (python3.13 or python3.12), and neither was found." >&2
echo "On Debian: apt-get install python3.12 (or python3.13), then run the command again." >&2
exit 1
