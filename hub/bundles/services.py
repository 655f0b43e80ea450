"""Every write to a bundle's reading, its pages, the search index and the chronology suggestions."""

import datetime
import json
import logging
import os
import socket
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from hub.accounts.models import User
from hub.assessments.models import Assessment
from hub.bundles import extract, labels, ocr, rules
from hub.bundles.models import (
    BundleIngestion,
    BundlePage,
    ChronologySuggestion,
    IngestionProblem,
    IngestionStatus,
    OcrStatus,
    SuggestionCitation,
    SuggestionStatus,
)
from hub.referrals.models import BundleDocument
from hub.workspace import rules as workspace_rules
from hub.workspace import services as workspace_services
from hub.workspace.models import ChronologyEntry

logger = logging.getLogger(__name__)

# A reading whose worker has not reported for this long was left by a worker that died.
STALE_AFTER = datetime.timedelta(minutes=2)
BATCH_PAGES = 200


class LeaseLost(Exception):
    """Another worker took this reading over (this one was thought dead): stop without writing."""


class ReadingInProgress(Exception):
    """A worker is reading this bundle now: a retry would only race it."""


def is_stale(heartbeat_at: datetime.datetime | None, now: datetime.datetime | None = None) -> bool:
    return heartbeat_at is None or (now or timezone.now()) - heartbeat_at > STALE_AFTER


def _new_lease() -> str:
    # Host and process first, so a reading whose worker on this machine has died can be
    # taken over at once instead of after STALE_AFTER.
    return f"{socket.gethostname()[:12]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def lease_holder_dead(lease: str) -> bool:
    """True when the lease was taken by a process on this machine that is no longer running."""
    host, _, rest = lease.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname()[:12] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # a killed process its parent has not reaped yet is dead all the same
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def reading_abandoned(ingestion: BundleIngestion, now: datetime.datetime | None = None) -> bool:
    """A RUNNING reading nobody is doing: its heartbeat is old, or its worker here has died."""
    return is_stale(ingestion.heartbeat_at, now) or lease_holder_dead(ingestion.lease)


# --- Queueing ---------------------------------------------------------------------------


def _enqueue_reading(document_id: int) -> None:
    from hub.bundles.tasks import bundle_ingest

    transaction.on_commit(lambda: bundle_ingest.enqueue(document_id=document_id))


@transaction.atomic
def ingestion_queue(*, document: BundleDocument) -> BundleIngestion:
    """Put a bundle file in the queue to be read (when it is uploaded, and for the demo's bundles)."""
    ingestion, _ = BundleIngestion.objects.get_or_create(
        document=document, defaults={"pages_total": document.page_count, "status": IngestionStatus.QUEUED}
    )
    if ingestion.status != IngestionStatus.COMPLETE:
        _enqueue_reading(document.pk)
    return ingestion


@transaction.atomic
def ingestion_retry(*, ingestion: BundleIngestion) -> BundleIngestion:
    """Read again: pages already stored are kept and the rest are read (writes are per page, so nothing doubles)."""
    ingestion = BundleIngestion.objects.select_for_update().get(pk=ingestion.pk)
    if ingestion.status == IngestionStatus.RUNNING and not reading_abandoned(ingestion):
        raise ReadingInProgress("This bundle is being read now")
    if ingestion.status == IngestionStatus.COMPLETE:
        return ingestion
    ingestion.status = IngestionStatus.QUEUED
    ingestion.problem = IngestionProblem.NONE
    ingestion.detail = ""
    ingestion.lease = ""
    ingestion.save(update_fields=["status", "problem", "detail", "lease"])
    _enqueue_reading(ingestion.document_id)
    return ingestion


# --- Reading ----------------------------------------------------------------------------


def _claim(document_id: int) -> BundleIngestion | None:
    """Take the reading for this worker, or None when it is done or a live worker has it."""
    with transaction.atomic():
        document = BundleDocument.objects.get(pk=document_id)
        ingestion, _ = BundleIngestion.objects.get_or_create(
            document=document, defaults={"pages_total": document.page_count}
        )
        ingestion = BundleIngestion.objects.select_for_update().get(pk=ingestion.pk)
        if ingestion.status == IngestionStatus.COMPLETE:
            return None
        if ingestion.status == IngestionStatus.RUNNING and not reading_abandoned(ingestion):
            return None
        now = timezone.now()
        ingestion.status = IngestionStatus.RUNNING
        ingestion.problem = IngestionProblem.NONE
        ingestion.detail = ""
        ingestion.lease = _new_lease()
        ingestion.attempts += 1
        ingestion.heartbeat_at = now
        ingestion.started_at = now
        ingestion.finished_at = None
        ingestion.save()
        return ingestion


def _fail(ingestion: BundleIngestion, problem: str, detail: str) -> None:
    BundleIngestion.objects.filter(pk=ingestion.pk, lease=ingestion.lease).update(
        status=IngestionStatus.FAILED, problem=problem, detail=detail[:300], finished_at=timezone.now()
    )


def bundle_ingestion_run(*, document_id: int, after_batch: Callable[[int], None] | None = None) -> str:
    """Read one bundle file: every page's text and label, into the search index, then mine it.

    Resumable: the pages already stored are skipped, so a reading that died part-way
    (or was retried) carries on where it stopped. `after_batch` is for the tests that
    stop a reading part-way, as a killed worker would.
    """
    ingestion = _claim(document_id)
    if ingestion is None:
        return "nothing to do"
    document = ingestion.document
    try:
        path = Path(document.file.path)
        total = extract.page_count(path)
        if total > settings.BUNDLE_MAX_PAGES:
            _fail(
                ingestion,
                IngestionProblem.TOO_LARGE,
                f"The file has {total:,} pages; the hub reads bundle files of up to "
                f"{settings.BUNDLE_MAX_PAGES:,} pages: split it and upload the parts",
            )
            return "too large"
        BundleIngestion.objects.filter(pk=ingestion.pk, lease=ingestion.lease).update(pages_total=total)
        stored = set(BundlePage.objects.filter(document=document).values_list("number", flat=True))
        missing = [n for n in range(1, total + 1) if n not in stored]
        for batch in extract.read_in_pool(path, missing, batch_size=BATCH_PAGES):
            done = _pages_store(ingestion=ingestion, document=document, pages=batch)
            if after_batch is not None:
                after_batch(done)
        _finish(ingestion=ingestion, document=document, total=total)
    except extract.PdfUnreadable as unreadable:
        _fail(ingestion, unreadable.problem, unreadable.detail)
        return unreadable.problem
    except LeaseLost:
        return "taken over by another worker"
    except Exception:
        logger.exception("Reading bundle document %s stopped", document.pk)
        _fail(ingestion, IngestionProblem.INTERRUPTED, "The reading stopped with an unexpected error: retry it")
        raise
    return "read"


_PAGE_INSERT = (
    "INSERT INTO bundles_bundlepage (document_id, referral_id, number, label, text, scanned, from_ocr, mined) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)
_PAGE_INSERT_POSTGRES = _PAGE_INSERT.removesuffix("%s)") + "%s::jsonb)"


def _pages_store(*, ingestion: BundleIngestion, document: BundleDocument, pages: list[extract.ReadPage]) -> int:
    """Store a batch of read pages (once each, however often it is retried) and report progress.

    One multi-row INSERT rather than bulk_create: building 2,000 model instances cost
    more than reading the pages (see bench/bundle_ingest.py).
    """
    with transaction.atomic():
        present = set(
            BundlePage.objects.filter(document=document, number__in=[p.number for p in pages]).values_list(
                "number", flat=True
            )
        )
        new = [page for page in pages if page.number not in present]
        if new:
            with connection.cursor() as cursor:
                cursor.executemany(
                    _PAGE_INSERT_POSTGRES if connection.vendor == "postgresql" else _PAGE_INSERT,
                    [
                        (
                            document.pk,
                            document.referral_id,
                            page.number,
                            page.label,
                            page.text,
                            page.scanned,
                            False,
                            json.dumps(page.mined),
                        )
                        for page in new
                    ],
                )
            search_index_add_numbers(document_id=document.pk, numbers=[page.number for page in new])
        done = BundlePage.objects.filter(document=document).count()
        claimed = BundleIngestion.objects.filter(pk=ingestion.pk, lease=ingestion.lease).update(
            pages_done=done, heartbeat_at=timezone.now()
        )
        if not claimed:
            raise LeaseLost
    return done


@transaction.atomic
def _finish(*, ingestion: BundleIngestion, document: BundleDocument, total: int) -> None:
    pages_labels_join(document=document)
    suggestions_from_document(document=document)
    counts = BundlePage.objects.filter(document=document).aggregate(
        done=Count("id"), scanned=Count("id", filter=Q(scanned=True, from_ocr=False))
    )
    if counts["done"] != total:
        # Never call a reading complete unless every page is stored.
        raise RuntimeError(f"{counts['done']} of {total} pages stored")
    claimed = BundleIngestion.objects.filter(pk=ingestion.pk, lease=ingestion.lease).update(
        status=IngestionStatus.COMPLETE,
        pages_done=total,
        scanned_pages=counts["scanned"],
        ocr_status=OcrStatus.OFFERED if counts["scanned"] else OcrStatus.NOT_NEEDED,
        heartbeat_at=timezone.now(),
        finished_at=timezone.now(),
    )
    if not claimed:
        raise LeaseLost


def pages_labels_join(*, document: BundleDocument) -> None:
    """Join up the labels of pages read in separate batches (an unlabelled page between C22 and C24 is C23)."""
    pages = list(BundlePage.objects.filter(document=document).only("id", "number", "label").order_by("number"))
    changed = []
    for page, label in zip(pages, labels.fill_gaps([p.label for p in pages]), strict=True):
        if page.label != label:
            page.label = label
            changed.append(page)
    BundlePage.objects.bulk_update(changed, ["label"], batch_size=500)


def pages_labels_settle(*, document: BundleDocument) -> None:
    """Labels that need the neighbouring pages ("C22" and "C24" around an unlabelled page) are set once all are read."""
    pages = list(BundlePage.objects.filter(document=document).only("id", "number", "label", "text").order_by("number"))
    # The PDF's own labels win where the file has them, as they did while reading.
    path = Path(document.file.path)
    pdf_labels = _pdf_labels(path, len(pages))
    sources = [
        labels.PageLabelSource(p.number, p.text, pdf_labels[p.number - 1] if pdf_labels else None) for p in pages
    ]
    changed = []
    for page, label in zip(pages, labels.court_labels(sources), strict=True):
        if page.label != label:
            page.label = label
            changed.append(page)
    BundlePage.objects.bulk_update(changed, ["label"], batch_size=500)


def _pdf_labels(path: Path, count: int) -> list[str | None] | None:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return None
    try:
        found = [document.get_page_label(i) or None for i in range(min(count, len(document)))]
    finally:
        document.close()
    return found if any(found) else None


# --- The search index -------------------------------------------------------------------
# PostgreSQL keeps its tsvector column up to date itself (a generated column, migration
# 0002); SQLite's FTS5 table is an external-content index over bundles_bundlepage, so
# every write to a page's text goes through these two functions.


# Only placeholders ("%s, %s, ...") are put into these; the ids go as parameters.
_INDEX_ADD = (
    "INSERT INTO bundles_page_fts(rowid, text, referral_id) "
    "SELECT id, text, referral_id FROM bundles_bundlepage WHERE id IN ({marks})"
)
_INDEX_ADD_NUMBERS = (
    "INSERT INTO bundles_page_fts(rowid, text, referral_id) "
    "SELECT id, text, referral_id FROM bundles_bundlepage WHERE document_id = %s AND number IN ({marks})"
)
_INDEX_REMOVE = (
    "INSERT INTO bundles_page_fts(bundles_page_fts, rowid, text, referral_id) "
    "SELECT 'delete', id, text, referral_id FROM bundles_bundlepage WHERE id IN ({marks})"
)


def search_index_add_numbers(*, document_id: int, numbers: list[int]) -> None:
    """Index a file's pages by their numbers (just inserted, so not yet in the index)."""
    if connection.vendor != "sqlite" or not numbers:
        return
    with connection.cursor() as cursor:
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            marks = ",".join("%s" for _ in chunk)
            cursor.execute(_INDEX_ADD_NUMBERS.format(marks=marks), [document_id, *chunk])


def search_index_add(*, page_ids: list[int]) -> None:
    if connection.vendor != "sqlite" or not page_ids:
        return
    with connection.cursor() as cursor:
        for start in range(0, len(page_ids), 500):
            chunk = page_ids[start : start + 500]
            marks = ",".join("%s" for _ in chunk)
            cursor.execute(_INDEX_ADD.format(marks=marks), chunk)


def search_index_remove(*, page_ids: list[int]) -> None:
    """Take pages out of the index; call it before their text changes or they are deleted."""
    if connection.vendor != "sqlite" or not page_ids:
        return
    with connection.cursor() as cursor:
        for start in range(0, len(page_ids), 500):
            chunk = page_ids[start : start + 500]
            marks = ",".join("%s" for _ in chunk)
            cursor.execute(_INDEX_REMOVE.format(marks=marks), chunk)


def search_index_rebuild(*, using: str = "default") -> None:
    """Rebuild the SQLite index from the stored pages (after a restore, which copies rows, not the index)."""
    from django.db import connections

    target = connections[using]
    if target.vendor != "sqlite":
        return
    with target.cursor() as cursor:
        cursor.execute("INSERT INTO bundles_page_fts(bundles_page_fts) VALUES ('rebuild')")


def document_pages_forget(*, document: BundleDocument) -> None:
    """Before a bundle file is deleted, its pages leave the search index (the rows go with the file)."""
    search_index_remove(page_ids=list(BundlePage.objects.filter(document=document).values_list("id", flat=True)))


# --- OCR of scanned pages ---------------------------------------------------------------


@transaction.atomic
def ocr_queue(*, ingestion: BundleIngestion) -> BundleIngestion:
    from hub.bundles.tasks import bundle_ocr

    ingestion = BundleIngestion.objects.select_for_update().get(pk=ingestion.pk)
    if ingestion.status != IngestionStatus.COMPLETE or not ingestion.scanned_pages:
        return ingestion
    if ingestion.ocr_status == OcrStatus.RUNNING and not is_stale(ingestion.ocr_heartbeat_at):
        raise ReadingInProgress("The scanned pages are being read now")
    ingestion.ocr_status = OcrStatus.QUEUED
    ingestion.ocr_detail = ""
    ingestion.save(update_fields=["ocr_status", "ocr_detail"])
    document_id = ingestion.document_id
    transaction.on_commit(lambda: bundle_ocr.enqueue(document_id=document_id))
    return ingestion


def bundle_ocr_run(*, document_id: int) -> str:
    """Read each scanned page with Tesseract; each page is saved (and indexed, and mined) as it is read."""
    with transaction.atomic():
        ingestion = BundleIngestion.objects.select_for_update().select_related("document").get(document_id=document_id)
        if ingestion.ocr_status not in (OcrStatus.QUEUED, OcrStatus.RUNNING, OcrStatus.FAILED):
            return "nothing to do"
        if ingestion.ocr_status == OcrStatus.RUNNING and not is_stale(ingestion.ocr_heartbeat_at):
            return "already running"
        scanned = list(
            BundlePage.objects.filter(document_id=document_id, scanned=True, from_ocr=False).order_by("number")
        )
        ingestion.ocr_status = OcrStatus.RUNNING
        ingestion.ocr_heartbeat_at = timezone.now()
        ingestion.ocr_pages_total = BundlePage.objects.filter(document_id=document_id, scanned=True).count()
        ingestion.ocr_pages_done = ingestion.ocr_pages_total - len(scanned)
        ingestion.save()
    document = ingestion.document
    path = Path(document.file.path)
    try:
        for page in scanned:
            text = ocr.read_scanned_page(path, page.number)
            _ocr_page_store(page=page, text=text, ingestion=ingestion)
    except (ocr.OcrUnavailable, extract.PdfUnreadable) as problem:
        BundleIngestion.objects.filter(pk=ingestion.pk).update(
            ocr_status=OcrStatus.FAILED, ocr_detail=str(problem)[:300]
        )
        return "failed"
    with transaction.atomic():
        pages_labels_settle(document=document)
        suggestions_from_document(document=document)
        BundleIngestion.objects.filter(pk=ingestion.pk).update(
            ocr_status=OcrStatus.COMPLETE, scanned_pages=0, ocr_heartbeat_at=timezone.now()
        )
    return "read"


@transaction.atomic
def _ocr_page_store(*, page: BundlePage, text: str, ingestion: BundleIngestion) -> None:
    from hub.bundles.miner import mine_pages

    search_index_remove(page_ids=[page.pk])
    page.text = text
    page.from_ocr = True
    page.mined = [extract.event_dict(event) for event in mine_pages([(page.number, text)])]
    page.save(update_fields=["text", "from_ocr", "mined"])
    search_index_add(page_ids=[page.pk])
    BundleIngestion.objects.filter(pk=ingestion.pk).update(
        ocr_pages_done=BundlePage.objects.filter(document_id=page.document_id, scanned=True, from_ocr=True).count(),
        ocr_heartbeat_at=timezone.now(),
    )


# --- Chronology suggestions -------------------------------------------------------------


def suggestions_from_document(*, document: BundleDocument) -> int:
    """Turn the events mined from a file's pages into suggestions for its referral.

    An event with the same date as a suggestion already made (from this file or another
    of the referral's bundles) and a near-same sentence is the same event: it becomes
    one more citation of that suggestion, not a second suggestion. Running it again adds
    nothing (citations are unique per page).
    """
    pages = list(BundlePage.objects.filter(document=document).exclude(mined=[]).only("id", "number", "mined"))
    known: dict[tuple[str, str, str], list[ChronologySuggestion]] = {}
    for suggestion in ChronologySuggestion.objects.filter(referral_id=document.referral_id):
        known.setdefault((suggestion.date, suggestion.precision, suggestion.end_date), []).append(suggestion)
    targets: list[tuple[ChronologySuggestion, BundlePage]] = []
    new: list[ChronologySuggestion] = []
    for page in pages:
        for event in page.mined:
            key = (str(event["date"]), str(event["precision"]), str(event.get("end_date") or ""))
            sentence = str(event["sentence"])
            bucket = known.setdefault(key, [])
            match = next((s for s in bucket if rules.same_event(s.sentence, sentence)), None)
            if match is None:
                match = ChronologySuggestion(
                    referral_id=document.referral_id, sentence=sentence, date=key[0], precision=key[1], end_date=key[2]
                )
                bucket.append(match)
                new.append(match)
            targets.append((match, page))
    ChronologySuggestion.objects.bulk_create(new)
    SuggestionCitation.objects.bulk_create(
        [SuggestionCitation(suggestion=s, page=p) for s, p in targets], ignore_conflicts=True, batch_size=500
    )
    return len(new)


def suggestion_citations(suggestion: ChronologySuggestion) -> list[rules.Citation]:
    return [
        rules.Citation(document=c.page.document.original_name, label=c.page.label)
        for c in suggestion.citations.select_related("page__document")
    ]


def partial_date_of(suggestion: ChronologySuggestion) -> workspace_rules.PartialDate:
    parts = [int(part) for part in suggestion.date.split("-")]
    month = parts[1] if len(parts) > 1 else None
    return workspace_rules.PartialDate(parts[0], month, parts[2] if len(parts) > 2 else None)


def suggestion_entry_data(suggestion: ChronologySuggestion) -> dict[str, Any]:
    """What an accepted suggestion puts in the chronology, unless the assessor changes it."""
    citations = suggestion_citations(suggestion)
    return {
        "what_happened": suggestion.sentence,
        "source": rules.citation_text(citations),
        "bundle_reference": rules.bundle_reference(citations),
        "significance": "",
    }


class SuggestionDecided(Exception):
    """Someone has already accepted or rejected this suggestion."""


@transaction.atomic
def suggestion_accept(
    *,
    suggestion: ChronologySuggestion,
    assessment: Assessment,
    actor: User,
    when: workspace_rules.PartialDate | None = None,
    data: dict[str, Any] | None = None,
) -> ChronologyEntry:
    """Make the suggestion a chronology entry (as found, or as the assessor edited it), keeping its citation."""
    suggestion = ChronologySuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.PENDING:
        raise SuggestionDecided("This suggestion has already been decided")
    entry = workspace_services.chronology_entry_save(
        assessment=assessment,
        actor=actor,
        when=when or partial_date_of(suggestion),
        data=data or suggestion_entry_data(suggestion),
    )
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.chronology_entry = entry
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "chronology_entry", "decided_by", "decided_at"])
    return entry


@transaction.atomic
def suggestion_reject(*, suggestion: ChronologySuggestion, actor: User) -> ChronologySuggestion:
    suggestion = ChronologySuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.PENDING:
        raise SuggestionDecided("This suggestion has already been decided")
    suggestion.status = SuggestionStatus.REJECTED
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
    return suggestion
