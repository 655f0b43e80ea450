"""Court bundles in a real browser: upload, watch the worker read it, search, open a hit, accept a suggestion.

The reading is done by a real `manage.py run_worker` process on the same test database,
so the progress the page shows is the worker's, fetched by the page's own script.
"""

import os
import re
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from playwright.sync_api import Page, expect

from e2e.conftest import ROOT, assert_accessible, shot, sign_in, sign_out
from hub.bundles.demo import BundlePageSpec, demo_bundle_pdf, make_court_bundle
from hub.bundles.models import BundleIngestion, IngestionStatus
from hub.referrals.services import bundle_document_add
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _long_bundle() -> bytes:
    pages = [BundlePageSpec(["INDEX", "Section C: Statements"])]
    for n in range(1, 1200):
        lines = [f"C{n}", f"Contact record {n}: the children were collected on time and the session went well."]
        if n == 850:
            lines.append("On 12 March 2023 police attended the family home following a report of domestic abuse.")
        pages.append(BundlePageSpec(lines))
    return make_court_bundle(pages)


@pytest.fixture
def worker(settings, tmp_path):
    """A real task worker on the test database, with the live server queueing tasks for it."""
    if connection.vendor != "sqlite":
        pytest.skip("the worker process shares the SQLite test database file")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
        "HUB_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "HUB_DOCUMENT_ROOT": str(settings.MEDIA_ROOT),
        "HUB_VAR_DIR": str(tmp_path),
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.3", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_upload_watch_the_reading_search_and_open_a_hit(page: Page, worker, tmp_path):
    referrer = factories.referrer("Liverpool")
    referral = factories.complete_referral(by=referrer)
    bundle = tmp_path / "bundle-section-c.pdf"
    bundle.write_bytes(_long_bundle())

    sign_in(page, referrer)
    page.goto(f"/referrals/{referral.pk}/letter/bundle/")
    page.get_by_label("Upload court bundle files").set_input_files(str(bundle))
    page.get_by_role("button", name="Upload files", exact=True).click()
    page.wait_for_load_state()

    page.goto(f"/bundles/referral/{referral.pk}/")
    page.evaluate("window.__sameDocument = true")
    row = page.locator("tr", has_text="bundle-section-c.pdf")
    expect(row).to_contain_text(re.compile("Waiting to be read|Being read|Read"))
    shot(page, "bundles-01-reading")
    # The page's script follows the worker to the end, without a reload.
    expect(row.locator("[data-field=title]")).to_have_text("Read", timeout=90_000)
    expect(row).to_contain_text("All 1,200 pages read and searchable")
    assert page.evaluate("window.__sameDocument") is True
    expect(page.locator("[data-progress-note]")).to_contain_text("Reading finished")
    assert_accessible(page)
    shot(page, "bundles-02-read")

    page.get_by_label("Search the court bundle").fill('"police attended" famil*')
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    hits = page.get_by_test_id("hits")
    expect(page.get_by_test_id("hit-count")).to_have_text("1 page found")
    expect(hits.locator("mark").first).to_have_text(re.compile("police", re.IGNORECASE))
    assert_accessible(page)
    shot(page, "bundles-03-search")
    link = hits.get_by_role("link", name="bundle-section-c.pdf, page C850")
    href = link.get_attribute("href")
    assert href is not None and href.endswith("#page=851")
    opened = page.request.get(href)
    assert opened.status == 200 and opened.headers["content-type"] == "application/pdf"

    page.get_by_label("Search the court bundle").fill('"police attended')
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("alert")).to_contain_text("closing double quote")
    assert_accessible(page)
    shot(page, "bundles-04-search-error")
    sign_out(page)

    outsider = factories.referrer("Wirral")
    sign_in(page, outsider)
    response = page.goto(f"/bundles/referral/{referral.pk}/?q=police")
    assert response is not None and response.status == 404


def test_the_assessor_accepts_a_suggestion_into_the_chronology(page: Page):
    assessor = factories.assessor()
    assessment = factories.accepted_assessment(assessor_user=assessor)
    # The demo's bundle, read at once (the immediate task backend runs the reading on upload).
    document = bundle_document_add(
        referral=assessment.referral,
        actor=assessment.referral.created_by,
        upload=SimpleUploadedFile("statements.pdf", demo_bundle_pdf(case_number="LV26C00001"), "application/pdf"),
    )
    assert BundleIngestion.objects.get(document=document).status == IngestionStatus.COMPLETE

    sign_in(page, assessor)
    page.goto(f"/workspace/{assessment.pk}/chronology/")
    page.get_by_role("link", name="Dated events suggested from the court bundle").click()
    expect(page.get_by_role("heading", name="Suggested from the bundle")).to_be_visible()
    suggestion = page.locator("tr", has_text="police attended the family home")
    expect(suggestion).to_contain_text("statements.pdf, page C1")
    expect(suggestion).to_contain_text("statements.pdf, page E1")
    assert_accessible(page)
    shot(page, "bundles-05-suggestions")
    suggestion.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.get_by_text("Added to the family's chronology with its bundle citation")).to_be_visible()
    page.get_by_role("link", name="Back to the chronology").click()
    entry = page.get_by_test_id("chronology").locator("tr", has_text="police attended the family home")
    expect(entry).to_contain_text("12 March 2023")
    expect(entry).to_contain_text("C1")
    shot(page, "bundles-06-chronology")
