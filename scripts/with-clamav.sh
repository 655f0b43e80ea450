#!/usr/bin/env bash
# Runs a command with a throwaway ClamAV daemon (clamd) listening on a Unix
# socket in a temporary directory that is removed afterwards. Installs
# clamav-daemon from Debian's packages when it is missing. HUB_CLAMAV_SOCKET is
# set for the command, so every uploaded bundle file is scanned.
#
# clamd is given only the signatures in scripts/clamav/ (the EICAR test file):
# this machine cannot reach ClamAV's mirrors, and the tests need no more.
# Production runs Debian's clamav-daemon with freshclam's databases instead.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
signatures=$here/clamav
python=$("$here/find-python.sh")

if ! command -v clamd >/dev/null 2>&1 && [ ! -x /usr/sbin/clamd ]; then
  echo "Installing clamav-daemon from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav-daemon >/dev/null
fi
clamd=$(command -v clamd || echo /usr/sbin/clamd)

workdir=$(mktemp -d /tmp/hub-clamav.XXXXXX)
mkdir "$workdir/db"
cp "$signatures"/*.hdb "$workdir/db/"
socket=$workdir/clamd.sock
# Limits are raised above the largest bundle the hub accepts (250 MB by
# default): past MaxFileSize clamd would skip a file and still answer OK.
cat >"$workdir/clamd.conf" <<EOF
LocalSocket $socket
LocalSocketMode 600
DatabaseDirectory $workdir/db
LogFile $workdir/clamd.log
LogTime yes
LogVerbose yes
PidFile $workdir/clamd.pid
TemporaryDirectory $workdir
Foreground yes
StreamMaxLength 1000M
MaxFileSize 1000M
MaxScanSize 1000M
AlertExceedsMax yes
SelfCheck 0
EOF
# clamd keeps running as whoever starts it when no User is configured: root here,
# which is fine for a throwaway daemon that only reads the streams it is sent.

pid=
stop() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap stop EXIT

started=$EPOCHREALTIME
"$clamd" --config-file="$workdir/clamd.conf" >"$workdir/clamd.out" 2>&1 &
pid=$!

# Ready when the socket answers PING with PONG.
ping() {
  "$python" - "$socket" <<'PY' 2>/dev/null
import socket, sys
with socket.socket(socket.AF_UNIX) as s:
    s.settimeout(2)
    s.connect(sys.argv[1])
    s.sendall(b"zPING\0")
    sys.exit(0 if s.recv(16).rstrip(b"\0") == b"PONG" else 1)
PY
}
for _ in $(seq 1 300); do
  if ping; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "clamd did not start:" >&2
    cat "$workdir/clamd.out" "$workdir/clamd.log" >&2 2>/dev/null || true
    exit 1
  fi
  sleep 0.1
done
if ! ping; then
  echo "clamd did not answer on $socket within 30 seconds" >&2
  cat "$workdir/clamd.log" >&2 2>/dev/null || true
  exit 1
fi
signature_count=$(grep -o 'Loaded [0-9]* signatures' "$workdir/clamd.log" | head -n 1 || true)
seconds=$(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $started }")
echo "ClamAV $("$clamd" --version | cut -d/ -f1 | awk '{print $2}') on $socket: ${signature_count:-signatures not logged}, ready in $seconds s"

export HUB_CLAMAV_SOCKET=$socket
"$@"
