"""A task worker killed in the middle of a task leaves nothing half-written, and the task completes later.

This starts real `manage.py run_worker` processes against a real database file
(SQLite) or the test database (PostgreSQL, when DATABASE_URL is set) and kills
one with SIGKILL while its task's transaction is open.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _database_url(tmp_path: Path) -> str:
    if connection.vendor == "sqlite":
        # The test database lives in memory; copy it, migrated, to a file the workers can open.
        target = tmp_path / "hub.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{target}"
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:{settings['PORT']}"
        f"/{settings['NAME']}"
    )


def _manage(env: dict[str, str], *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, **kwargs
    )


def _shell(env: dict[str, str], code: str) -> str:
    result = _manage(env, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


COUNT = (
    "from hub.audit.models import AccessLogEntry as A; "
    "from django_tasks_db.models import DBTaskResult as T; "
    "print(A.objects.filter(object_type='worker-probe').count(), T.objects.get().status)"
)


@pytest.mark.django_db(transaction=True)
def test_it_leaves_nothing_half_written_and_completes_the_task_when_a_worker_returns(tmp_path):
    flag = tmp_path / "started"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(tmp_path),
        "HUB_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "HUB_VAR_DIR": str(tmp_path),
        "DJANGO_DEBUG": "true",
    }
    _shell(
        env,
        "from tests.security.worker_probe import write_rows; "
        f"write_rows.enqueue(batch='b1', rows=6, started_flag={str(flag)!r}, pause_seconds=60)",
    )
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()
            assert time.monotonic() < deadline, "the worker never started the task"
            time.sleep(0.1)
        # Three of six rows are written, uncommitted, and the task is asleep in its transaction.
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()

    assert _shell(env, COUNT) == "0 RUNNING"
    # django-tasks-db's own worker never picks a RUNNING task up again: without our recovery it is lost.
    plain = _manage(env, "db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert plain.returncode == 0, plain.stderr
    assert _shell(env, COUNT) == "0 RUNNING"

    # A worker returns: it finds the dead worker's task, puts it back, and runs it to the end.
    result = _manage(env, "run_worker", "--batch", "--no-startup-delay")
    assert result.returncode == 0, result.stderr
    assert "Requeued 1 tasks" in result.stdout
    assert _shell(env, COUNT) == "6 SUCCESSFUL"
