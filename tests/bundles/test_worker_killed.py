"""A real task worker killed with SIGKILL halfway through a 5,000-page bundle: the next worker finishes it.

`manage.py run_worker` processes read the bundle from the test database (the SQLite
test file, or the PostgreSQL test database). The first is killed once some pages are
stored; the page then says the reading stopped (its worker is dead), and the next
worker carries on from the pages already stored, writing each page once.
"""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from hub.bundles import selectors, services
from hub.bundles.models import BundleIngestion, BundlePage, IngestionStatus
from tests import factories
from tests.bundles.conftest import stored
from tests.security.test_worker_crash import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:{settings['PORT']}"
        f"/{settings['NAME']}"
    )


def test_a_killed_worker_leaves_a_stopped_reading_and_the_next_worker_finishes_it(
    settings, tmp_path, five_thousand_pages
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    referral = factories.complete_referral()
    document = stored(referral, five_thousand_pages)
    services.ingestion_queue(document=document)
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "HUB_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "HUB_DOCUMENT_ROOT": str(settings.MEDIA_ROOT),
        "HUB_VAR_DIR": str(tmp_path),
    }
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            ingestion = BundleIngestion.objects.get(document=document)
            if ingestion.pages_done >= services.BATCH_PAGES:
                break
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()
            assert time.monotonic() < deadline, "the worker never stored a page"
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()

    ingestion = BundleIngestion.objects.get(document=document)
    stopped_at = ingestion.pages_done
    assert ingestion.status == IngestionStatus.RUNNING and 0 < stopped_at < 5000
    state = selectors.reading_state(document, ingestion)
    assert state.key == "stopped" and state.can_retry  # its worker is dead: no need to wait for the heartbeat
    assert f"{stopped_at:,} of 5,000 pages" in state.message

    # The next worker puts the dead worker's task back and the reading carries on from the stored pages.
    result = subprocess.run(
        [sys.executable, "manage.py", "run_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    ingestion.refresh_from_db()
    assert ingestion.status == IngestionStatus.COMPLETE and ingestion.attempts == 2
    assert BundlePage.objects.filter(document=document).count() == 5000
    assert selectors.bundle_search(referral, '"chronology note 4999"').total == 1
    assert selectors.bundle_search(referral, '"chronology note 7"').total == 1
