"""The README's first command really serves the hub, with the demo sign-ins printed."""

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the demo runs on its embedded SQLite: checked in the SQLite run"
)
def test_the_demo_command_serves_the_sign_in_page_and_prints_the_sign_ins(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update({"HUB_VAR_DIR": str(tmp_path), "HUB_DEMO_PORT": str(port)})
    demo = subprocess.Popen(
        ["scripts/demo.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, so the worker and server stop with it
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(demo.stdout), daemon=True)  # type: ignore[arg-type]
    reader.start()
    try:
        deadline = time.monotonic() + 240
        status = None
        while time.monotonic() < deadline and demo.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/sign-in/", timeout=5) as response:
                    status = response.status
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(1)
        assert demo.poll() is None, "the demo stopped:\n" + "".join(output[-40:])
        assert status == 200
        assert "Sign in" in page
    finally:
        os.killpg(demo.pid, signal.SIGTERM)
        demo.wait(timeout=30)
        reader.join(timeout=5)
    printed = "".join(output)
    assert "Every demo account's password: demo-password-2026" in printed
    assert "manager@example.org" in printed
    assert "manage.py demo_code" in printed
