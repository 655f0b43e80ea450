"""A task for the worker-crash test: several rows in one transaction, with a pause in the middle."""

import time
from pathlib import Path

from django.db import transaction
from django.tasks import task

from hub.audit.models import AccessLogEntry


@task()
def write_rows(*, batch: str, rows: int, started_flag: str, pause_seconds: float) -> int:
    # Idempotent: a re-run after a crash writes the batch once.
    with transaction.atomic():
        if AccessLogEntry.objects.filter(object_type="worker-probe", object_id__startswith=f"{batch}:").exists():
            return 0
        half = rows // 2
        for i in range(half):
            AccessLogEntry.objects.create(action="change", object_type="worker-probe", object_id=f"{batch}:{i}")
        flag = Path(started_flag)
        if not flag.exists():
            # Only the first attempt pauses: long enough to be killed in the middle.
            flag.write_text("half written")
            time.sleep(pause_seconds)
        for i in range(half, rows):
            AccessLogEntry.objects.create(action="change", object_type="worker-probe", object_id=f"{batch}:{i}")
    return rows
