"""Recovering tasks left behind by a task worker that died in the middle of one.

django-tasks-db (0.13) marks a task RUNNING when a worker claims it and only ever
picks up READY tasks. A worker that is killed (SIGKILL, out of memory, the machine
restarting) leaves its task RUNNING for ever: nothing retries it. The database
itself is safe (the task's transaction is rolled back with the dead connection),
but the work is lost.

So workers started with `manage.py run_worker` name themselves "host:pid:random",
and before taking work they put back to READY every RUNNING task whose worker was
on this machine and is no longer alive. A task from a worker on another machine
can only be judged by age: `manage.py requeue_orphaned_tasks --stale-after` does
that, for a deployment with workers on several machines.

A re-run task runs from the start again, so tasks must be idempotent: they do
their database work in one transaction and check first whether it is done.
"""

import datetime
import os
import socket
from pathlib import Path

from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.models import DBTaskResult


def _host() -> str:
    return socket.gethostname()[:30]


def new_worker_id() -> str:
    return f"{_host()}:{os.getpid()}:{get_random_string(8)}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A killed process its parent has not yet reaped still answers: it is dead all the same.
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def worker_alive(worker_id: str) -> bool | None:
    """True or False for a run_worker on this machine; None when it cannot be told."""
    host, _, rest = worker_id.partition(":")
    pid_text = rest.partition(":")[0]
    if host != _host() or not pid_text.isdigit():
        return None
    return _process_alive(int(pid_text))


@transaction.atomic
def tasks_requeue_orphaned(*, stale_after: datetime.timedelta | None = None) -> list[str]:
    """Put back to READY the RUNNING tasks whose worker is gone. Returns their ids."""
    requeued = []
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).select_for_update(skip_locked=True)
    for result in running:
        last_worker = result.worker_ids[-1] if result.worker_ids else ""
        alive = worker_alive(last_worker)
        stale = (
            stale_after is not None
            and result.started_at is not None
            and result.started_at < timezone.now() - stale_after
        )
        if alive is False or (alive is None and stale):
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            requeued.append(str(result.id))
    return requeued
