"""Reading bundle files in the background: text, scans, damaged, encrypted, enormous, and a worker killed halfway."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from hub.bundles import selectors, services
from hub.bundles.models import BundleIngestion, BundlePage, IngestionStatus, OcrStatus
from hub.referrals.models import ReferralStatus
from tests import factories
from tests.bundles.conftest import (
    encrypted_bundle,
    read,
    scanned_only_bundle,
    stored,
    text_bundle,
    truncated_bundle,
    upload,
)

pytestmark = pytest.mark.django_db


def _state(document):
    ingestion = BundleIngestion.objects.filter(document=document).first()
    return selectors.reading_state(document, ingestion)


def test_an_uploaded_bundle_is_queued_and_read_by_the_worker_task(django_capture_on_commit_callbacks):
    referral = factories.complete_referral(status=ReferralStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(referral, text_bundle(), name="statements.pdf")
    ingestion = BundleIngestion.objects.get(document=document)
    assert ingestion.status == IngestionStatus.COMPLETE
    assert (ingestion.pages_done, ingestion.pages_total) == (9, 9)
    state = _state(document)
    assert state.key == "complete" and "All 9 pages read" in state.message and "1 scanned page" in state.message


def test_the_court_page_labels_are_kept_for_each_page():
    referral = factories.complete_referral()
    document = stored(referral, text_bundle())
    read(document)
    labels = list(BundlePage.objects.filter(document=document).values_list("label", flat=True))
    # The index, the section divider, printed labels, and C4 (a scan) inferred between C3 and C5.
    assert labels == ["Index 1", "Section C", "C1", "C2", "C3", "C4", "C5", "C6", "E1"]


def test_the_pdfs_own_page_labels_win():
    from hub.bundles.demo import BundlePageSpec, make_court_bundle

    pdf = make_court_bundle([BundlePageSpec([f"Text {n}"]) for n in range(4)], page_labels=[(0, "A", 1), (2, "B", 10)])
    document = stored(factories.complete_referral(), pdf)
    read(document)
    assert list(BundlePage.objects.filter(document=document).values_list("label", flat=True)) == [
        "A1",
        "A2",
        "B10",
        "B11",
    ]


def test_a_scanned_page_is_flagged_and_ocr_reads_it():
    document = stored(factories.complete_referral(), text_bundle())
    ingestion = read(document)
    scan = BundlePage.objects.get(document=document, number=6)
    assert scan.scanned and scan.text.strip() == ""
    assert ingestion.scanned_pages == 1 and ingestion.ocr_status == OcrStatus.OFFERED
    assert _state(document).can_ocr
    services.ocr_queue(ingestion=ingestion)  # the immediate task backend runs it at commit; run it here
    services.bundle_ocr_run(document_id=document.pk)
    scan.refresh_from_db()
    ingestion.refresh_from_db()
    assert scan.from_ocr and "health visitor" in scan.text.lower()
    assert ingestion.ocr_status == OcrStatus.COMPLETE
    assert "OCR read 1 scanned pages" in _state(document).ocr_message
    hits = selectors.bundle_search(document.referral, '"health visitor"').hits
    assert [hit.label for hit in hits] == ["C4"]


def test_an_image_only_file_says_so_and_offers_ocr():
    document = stored(factories.complete_referral(), scanned_only_bundle())
    ingestion = read(document)
    assert ingestion.status == IngestionStatus.COMPLETE
    state = _state(document)
    assert state.title == "Scanned images only" and state.can_ocr


@pytest.mark.parametrize(
    ("pdf", "problem", "words"),
    [
        (encrypted_bundle, "encrypted", "password"),
        (truncated_bundle, "damaged", "damaged"),
    ],
)
def test_a_file_that_cannot_be_read_fails_with_its_reason_and_never_looks_complete(pdf, problem, words):
    document = stored(factories.complete_referral(), pdf())
    ingestion = read(document)
    assert ingestion.status == IngestionStatus.FAILED and ingestion.problem == problem
    state = _state(document)
    assert state.key == "failed" and words in (state.title + state.message).lower() and state.can_retry
    assert not BundlePage.objects.filter(document=document).exists()


def test_a_missing_file_says_so():
    document = stored(factories.complete_referral(), text_bundle())
    document.file.storage.delete(document.file.name)
    assert read(document).problem == "missing"


def test_an_enormous_file_is_refused_with_the_limit(settings):
    settings.BUNDLE_MAX_PAGES = 5
    document = stored(factories.complete_referral(), text_bundle())
    ingestion = read(document)
    assert ingestion.problem == "too_large"
    assert "9 pages" in ingestion.detail and "up to 5 pages" in ingestion.detail


class Killed(BaseException):
    """What a SIGKILL looks like from inside: nothing after it runs, no handler sees it."""


def test_a_worker_killed_halfway_leaves_a_stopped_reading_that_retry_resumes(five_thousand_pages):
    referral = factories.complete_referral()
    document = stored(referral, five_thousand_pages)

    def die_after_two_batches(done: int) -> None:
        if done >= 2 * services.BATCH_PAGES:
            raise Killed

    with pytest.raises(Killed):
        read(document, after_batch=die_after_two_batches)
    ingestion = BundleIngestion.objects.get(document=document)
    stopped_at = 2 * services.BATCH_PAGES
    assert ingestion.status == IngestionStatus.RUNNING and ingestion.pages_done == stopped_at
    assert _state(document).key == "running"  # its heartbeat is fresh: it may yet be alive

    # Another worker started now must not race a reading that may still be alive.
    assert services.bundle_ingestion_run(document_id=document.pk) == "nothing to do"
    with pytest.raises(services.ReadingInProgress):
        services.ingestion_retry(ingestion=ingestion)

    with time_machine.travel(timezone.now() + services.STALE_AFTER + datetime.timedelta(seconds=5)):
        state = _state(document)
        assert state.key == "stopped" and f"{stopped_at} of 5,000 pages" in state.message and state.can_retry
        services.ingestion_retry(ingestion=ingestion)
        ingestion = read(document)
    assert ingestion.status == IngestionStatus.COMPLETE and ingestion.attempts == 2
    assert BundlePage.objects.filter(document=document).count() == 5000
    assert BundlePage.objects.filter(document=document, number=4321).get().label == "C4321"
    # Each page once in the index too: a page read before the kill is found once.
    hits = selectors.bundle_search(referral, '"chronology note 150"')
    assert hits.total == 1 and hits.hits[0].label == "C150"


def test_retrying_a_failed_reading_restarts_cleanly():
    document = stored(factories.complete_referral(), truncated_bundle())
    ingestion = read(document)
    assert ingestion.status == IngestionStatus.FAILED
    # The file is replaced by a whole copy (as an administrator restoring it would).
    with document.file.open("wb") as handle:
        handle.write(text_bundle())
    services.ingestion_retry(ingestion=ingestion)
    ingestion = read(document)
    assert ingestion.status == IngestionStatus.COMPLETE and ingestion.problem == ""
    assert BundlePage.objects.filter(document=document).count() == 9


def test_five_thousand_pages_are_read_with_progress_saved_as_it_goes(five_thousand_pages):
    document = stored(factories.complete_referral(), five_thousand_pages)
    seen: list[int] = []
    ingestion = read(document, after_batch=seen.append)
    assert ingestion.status == IngestionStatus.COMPLETE and ingestion.pages_done == 5000
    assert seen == list(range(services.BATCH_PAGES, 5001, services.BATCH_PAGES))


def test_the_progress_endpoint_answers_json_and_refuses_others(client_for):
    referral = factories.complete_referral()
    for earlier in referral.bundle_documents.all():  # the factory's own bundle file
        read(earlier)
    document = stored(referral, text_bundle())
    BundleIngestion.objects.create(document=document, pages_total=9)
    response = client_for(referral.created_by).get(f"/bundles/referral/{referral.pk}/progress.json")
    assert response.status_code == 200
    body = response.json()
    assert body["finished"] is False and body["documents"][-1]["status"] == "queued"
    read(document)
    body = client_for(referral.created_by).get(f"/bundles/referral/{referral.pk}/progress.json").json()
    assert body["finished"] is True and body["documents"][-1]["pages_done"] == 9
    other = factories.referrer("Wirral")
    assert client_for(other).get(f"/bundles/referral/{referral.pk}/progress.json").status_code == 404
