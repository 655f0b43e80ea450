"""Reads of court bundles: how far each file's reading got, the case's full-text search, and the suggestions."""

import datetime
import json
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hub.bundles import query as bundle_query
from hub.bundles.models import (
    BundleIngestion,
    ChronologySuggestion,
    IngestionProblem,
    IngestionStatus,
    OcrStatus,
    SuggestionCitation,
    SuggestionStatus,
)
from hub.bundles.services import is_stale, reading_abandoned
from hub.referrals.models import BundleDocument, Referral

# Highlight markers no page text contains: the snippet is escaped as HTML first, then
# these become <mark>, so nothing in a bundle's text can inject markup.
_START, _STOP = "\x02", "\x03"
SEARCH_PAGE_SIZE = 50


@dataclass(frozen=True)
class ReadingState:
    """What the bundle page (and its progress endpoint) says about one file."""

    document_id: int
    name: str
    key: str  # queued | running | stopped | complete | failed
    title: str
    message: str
    pages_done: int
    pages_total: int
    can_retry: bool
    scanned_pages: int
    ocr_key: str
    ocr_message: str
    can_ocr: bool

    @property
    def percent(self) -> int:
        return int(100 * self.pages_done / self.pages_total) if self.pages_total else 0

    @property
    def finished(self) -> bool:
        return self.key in ("complete", "failed", "stopped") and self.ocr_key not in ("queued", "running")

    def as_json(self) -> dict[str, object]:
        return {
            "document": self.document_id,
            "status": self.key,
            "title": self.title,
            "message": self.message,
            "pages_done": self.pages_done,
            "pages_total": self.pages_total,
            "percent": self.percent,
            "can_retry": self.can_retry,
            "scanned_pages": self.scanned_pages,
            "ocr_status": self.ocr_key,
            "ocr_message": self.ocr_message,
            "finished": self.finished,
        }


def reading_state(
    document: BundleDocument, ingestion: BundleIngestion | None, now: datetime.datetime | None = None
) -> ReadingState:
    now = now or timezone.now()
    total = (ingestion.pages_total if ingestion else 0) or document.page_count
    done = ingestion.pages_done if ingestion else 0
    pages = f"{done:,} of {total:,} pages"
    if ingestion is None or ingestion.status == IngestionStatus.QUEUED:
        key, title, message = "queued", "Waiting to be read", f"{pages} read so far" if done else "Not started yet"
    elif ingestion.status == IngestionStatus.RUNNING and reading_abandoned(ingestion, now):
        key, title = "stopped", "Stopped part-way"
        message = f"The reading stopped after {pages} (the worker reading it stopped). Retry carries on from there."
    elif ingestion.status == IngestionStatus.RUNNING:
        key, title, message = "running", "Being read", f"{pages} read"
    elif ingestion.status == IngestionStatus.FAILED:
        key, title = "failed", IngestionProblem(ingestion.problem or "interrupted").label
        message = ingestion.detail or "The reading did not finish."
        if done:
            message += f" ({pages} were read before it stopped; they are searchable, but the bundle is not complete.)"
    else:
        key, title = "complete", "Read"
        message = f"All {total:,} pages read and searchable"
        if ingestion.scanned_pages == total and total:
            title = "Scanned images only"
            message = f"No page of the {total:,} has a text layer: read them with OCR to search them"
        elif ingestion.scanned_pages:
            scanned = ingestion.scanned_pages
            message += f"; {scanned:,} scanned page{'s' if scanned != 1 else ''} without text"
    ocr_key, ocr_message, can_ocr = _ocr_state(ingestion, now)
    return ReadingState(
        document_id=document.pk,
        name=document.original_name,
        key=key,
        title=title,
        message=message,
        pages_done=done,
        pages_total=total,
        can_retry=key in ("failed", "stopped") or (key == "queued" and ingestion is None),
        scanned_pages=ingestion.scanned_pages if ingestion else 0,
        ocr_key=ocr_key,
        ocr_message=ocr_message,
        can_ocr=can_ocr,
    )


def _ocr_state(ingestion: BundleIngestion | None, now: datetime.datetime) -> tuple[str, str, bool]:
    if ingestion is None or ingestion.status != IngestionStatus.COMPLETE:
        return "", "", False
    status = ingestion.ocr_status
    progress = f"{ingestion.ocr_pages_done:,} of {ingestion.ocr_pages_total:,} scanned pages"
    if status == OcrStatus.OFFERED:
        n = ingestion.scanned_pages
        pages = f"{n:,} page{'s are' if n != 1 else ' is'}"
        return "offered", f"{pages} scanned images: OCR can read the words on them", True
    if status == OcrStatus.QUEUED:
        return "queued", "Waiting for OCR", False
    if status == OcrStatus.RUNNING and is_stale(ingestion.ocr_heartbeat_at, now):
        return "stopped", f"OCR stopped after {progress}: read the rest", True
    if status == OcrStatus.RUNNING:
        return "running", f"OCR: {progress} read", False
    if status == OcrStatus.FAILED:
        return "failed", f"OCR did not finish: {ingestion.ocr_detail}", True
    if status == OcrStatus.COMPLETE:
        return "complete", f"OCR read {ingestion.ocr_pages_total:,} scanned pages", False
    return "", "", False


def bundle_documents_of(referral: Referral) -> QuerySet[BundleDocument]:
    return referral.bundle_documents.select_related("ingestion").order_by("uploaded_at", "id")


def reading_states(referral: Referral) -> list[ReadingState]:
    now = timezone.now()
    return [reading_state(d, getattr(d, "ingestion", None), now) for d in bundle_documents_of(referral)]


# --- Search -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    page_id: int
    document_id: int
    document_name: str
    number: int
    label: str
    snippet: SafeString


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    total: int


def _highlighted(snippet: str | None) -> SafeString:
    text = escape(snippet or "")
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308 (escaped first)


def bundle_search(referral: Referral, typed: str, *, limit: int = SEARCH_PAGE_SIZE, offset: int = 0) -> SearchResults:
    """Pages of this referral's bundles that hold every term, in the bundle's order, with the terms highlighted.

    Bundle order (file, then page), not relevance: an assessor reads a bundle front to
    back, and ranking by relevance (bm25) made FTS5 count each phrase across every
    case's pages, which took a second at a million pages.

    Raises query.QueryProblem for something that cannot be searched as typed.
    """
    parsed = bundle_query.parse(typed)
    try:
        with transaction.atomic():  # a savepoint: a query the database refuses leaves the request usable
            if connection.vendor == "postgresql":
                rows, total = _search_postgres(referral.pk, parsed, limit, offset)
            else:
                rows, total = _search_sqlite(referral.pk, parsed, limit, offset)
    except DatabaseError:
        raise bundle_query.QueryProblem(
            'That search could not be run: use words, "a phrase" in double quotes, or word* for words starting so'
        ) from None
    hits = [
        SearchHit(
            page_id=r[0], document_id=r[1], document_name=r[2], number=r[3], label=r[4], snippet=_highlighted(r[5])
        )
        for r in rows
    ]
    return SearchResults(hits=hits, total=total)


def _page_id_ranges(referral_id: int) -> list[tuple[int, int]]:
    """The spans of page ids this case's files occupy (each file's pages are written in runs)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(id), max(id) FROM bundles_bundlepage WHERE referral_id = %s GROUP BY document_id ORDER BY 1",
            [referral_id],
        )
        spans = [(int(low), int(high)) for low, high in cursor.fetchall()]
    merged: list[tuple[int, int]] = []
    for low, high in spans:
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def _search_sqlite(referral_id: int, parsed: bundle_query.BundleQuery, limit: int, offset: int) -> tuple[list, int]:
    # FTS5 seeks straight to a span of rowids, so the match is run only over the spans
    # this case's pages occupy rather than over every page of every case (a common word
    # is on most of a million pages). Another case's pages inside a span (two files read
    # at once interleave) are dropped by the join on referral_id.
    spans = _page_id_ranges(referral_id)
    if not spans:
        return [], 0
    match = f"text : ({parsed.fts5()})"
    with connection.cursor() as cursor:
        found: list[int] = []
        for low, high in spans:
            cursor.execute(
                "SELECT rowid FROM bundles_page_fts WHERE bundles_page_fts MATCH %s AND rowid BETWEEN %s AND %s",
                [match, low, high],
            )
            found += [row[0] for row in cursor.fetchall()]
        if not found:
            return [], 0
        # The matches are found first and then looked up by id (one JSON parameter, however many),
        # so the planner cannot run the match once per page of the case.
        cursor.execute(
            "SELECT p.id, p.document_id, d.original_name, p.number, p.label FROM bundles_bundlepage p "
            "JOIN referrals_bundledocument d ON d.id = p.document_id "
            "WHERE p.id IN (SELECT value FROM json_each(%s)) AND p.referral_id = %s ORDER BY p.document_id, p.number",
            [json.dumps(found), referral_id],
        )
        matches = cursor.fetchall()
        shown = matches[offset : offset + limit]
        snippets: dict[int, str] = {}
        if shown:
            # Snippets only for the hits shown, fetched by one scan of the span of ids they
            # occupy: looking each up by id made FTS5 rebuild a prefix term's matches per page.
            ids = {row[0] for row in shown}
            cursor.execute(
                "SELECT rowid, snippet(bundles_page_fts, 0, %s, %s, ' … ', 24) FROM bundles_page_fts "
                "WHERE bundles_page_fts MATCH %s AND rowid BETWEEN %s AND %s",
                [_START, _STOP, match, min(ids), max(ids)],
            )
            snippets = {rowid: snippet for rowid, snippet in cursor.fetchall() if rowid in ids}
    return [(*row, snippets.get(row[0], "")) for row in shown], len(matches)


_HEADLINE_OPTIONS = (
    f'StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
)


def _search_postgres(referral_id: int, parsed: bundle_query.BundleQuery, limit: int, offset: int) -> tuple[list, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM bundles_bundlepage WHERE referral_id = %s AND search @@ to_tsquery('english', %s)",
            [referral_id, parsed.tsquery()],
        )
        total = cursor.fetchone()[0]
        # The headline is drawn only for the page of hits shown, not for every match.
        cursor.execute(
            "SELECT hit.id, hit.document_id, d.original_name, hit.number, hit.label, "
            "ts_headline('english', hit.text, to_tsquery('english', %s), %s) FROM ("
            "  SELECT p.id, p.document_id, p.number, p.label, p.text FROM bundles_bundlepage p "
            "  WHERE p.referral_id = %s AND p.search @@ to_tsquery('english', %s) "
            "  ORDER BY p.document_id, p.number LIMIT %s OFFSET %s"
            ") hit JOIN referrals_bundledocument d ON d.id = hit.document_id "
            "ORDER BY hit.document_id, hit.number",
            [parsed.tsquery(), _HEADLINE_OPTIONS, referral_id, parsed.tsquery(), limit, offset],
        )
        return cursor.fetchall(), total


# --- Suggestions ------------------------------------------------------------------------


def suggestions_for(referral: Referral, status: str = SuggestionStatus.PENDING) -> QuerySet[ChronologySuggestion]:
    return (
        ChronologySuggestion.objects.filter(referral=referral, status=status)
        .prefetch_related(Prefetch("citations", queryset=SuggestionCitation.objects.select_related("page__document")))
        .order_by("date", "id")
    )


def suggestion_counts(referral: Referral) -> dict[str, int]:
    counts = dict.fromkeys(SuggestionStatus.values, 0)
    for row in ChronologySuggestion.objects.filter(referral=referral).values_list("status", flat=True):
        counts[row] += 1
    return counts
