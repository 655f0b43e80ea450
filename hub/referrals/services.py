"""Every change to a referral goes through one of these functions."""

import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hub.accounts.models import User
from hub.core import antivirus
from hub.referrals import rules, signals
from hub.referrals.models import (
    Adult,
    AdultChildRelationship,
    BundleDocument,
    Child,
    Contact,
    CourtQuestion,
    ReadingItem,
    Referral,
    ReferralEvent,
    ReferralEventKind,
)
from hub.referrals.pdfcheck import BundleCheckUnavailable, BundleRejected, CheckedPdf, check_bundle_pdf
from hub.referrals.selectors import referral_letter_facts

logger = logging.getLogger(__name__)


class ReferralIncomplete(Exception):
    def __init__(self, gaps: list[rules.Gap]) -> None:
        super().__init__("; ".join(gap.message for gap in gaps))
        self.gaps = gaps


@transaction.atomic
def referral_start(*, actor: User) -> Referral:
    assert actor.organisation is not None, "only a member of a local authority can start a referral"
    referral = Referral.objects.create(local_authority=actor.organisation, created_by=actor, reference="pending")
    referral.reference = f"HUB-{referral.created_at:%Y}-{referral.pk:05d}"
    referral.save(update_fields=["reference"])
    ReferralEvent.objects.create(
        referral=referral, kind=ReferralEventKind.CREATED, actor=actor, to_status=referral.status
    )
    return referral


@transaction.atomic
def referral_update(*, referral: Referral, changes: dict[str, Any]) -> Referral:
    """Save one page of the letter. Each page is saved as the referrer goes: a draft."""
    for name, value in changes.items():
        setattr(referral, name, value)
    referral.save(update_fields=[*changes.keys(), "updated_at"])
    return referral


@transaction.atomic
def child_save(*, referral: Referral, child: Child | None = None, data: dict[str, Any]) -> Child:
    child = child or Child(referral=referral)
    for name, value in data.items():
        setattr(child, name, value)
    child.save()
    return child


@transaction.atomic
def child_remove(*, child: Child) -> None:
    child.delete()


@transaction.atomic
def adult_save(
    *, referral: Referral, adult: Adult | None = None, data: dict[str, Any], relationships: dict[int, str]
) -> Adult:
    adult = adult or Adult(referral=referral)
    for name, value in data.items():
        setattr(adult, name, value)
    adult.save()
    for child_id, relationship in relationships.items():
        AdultChildRelationship.objects.update_or_create(
            adult=adult, child_id=child_id, defaults={"relationship": relationship}
        )
    return adult


@transaction.atomic
def adult_remove(*, adult: Adult) -> None:
    adult.delete()


@transaction.atomic
def question_add(*, referral: Referral, text: str) -> CourtQuestion:
    number = referral.questions.count() + 1
    return CourtQuestion.objects.create(referral=referral, number=number, text=text)


@transaction.atomic
def question_remove(*, question: CourtQuestion) -> None:
    referral = question.referral
    question.delete()
    # Keep the numbering the court will read: 1, 2, 3 with no gaps.
    for number, remaining in enumerate(referral.questions.order_by("number"), start=1):
        if remaining.number != number:
            remaining.number = number
            remaining.save(update_fields=["number"])


@transaction.atomic
def reading_item_add(*, referral: Referral, data: dict[str, Any]) -> ReadingItem:
    return ReadingItem.objects.create(referral=referral, **data)


@transaction.atomic
def reading_item_remove(*, item: ReadingItem) -> None:
    item.delete()


@transaction.atomic
def contact_add(*, referral: Referral, data: dict[str, Any]) -> Contact:
    return Contact.objects.create(referral=referral, **data)


@transaction.atomic
def contact_remove(*, contact: Contact) -> None:
    contact.delete()


def bundle_document_add(*, referral: Referral, actor: User, upload: UploadedFile) -> BundleDocument:
    """Check an uploaded bundle file and keep it, or raise BundleRejected and keep nothing.

    Large uploads are already on disk (Django streams them to a temporary file);
    small ones are written to one here so that every file is checked the same way.
    """
    display_name = Path(upload.name or "file").name

    def check(path: Path) -> CheckedPdf:
        # The virus scan comes first, so that nothing else opens an infected file.
        _virus_scan(path, display_name=display_name, referral=referral, actor=actor)
        return check_bundle_pdf(path, display_name=display_name, max_bytes=settings.BUNDLE_MAX_BYTES)

    temporary_path = getattr(upload, "temporary_file_path", None)
    if temporary_path is not None:
        checked = check(Path(temporary_path()))
    else:
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
            handle.flush()
            checked = check(Path(handle.name))
    upload.seek(0)
    document = BundleDocument(
        referral=referral,
        original_name=_safe_display_name(display_name),
        size_bytes=checked.size_bytes,
        page_count=checked.page_count,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    # Storage first, then the row: if the row fails the stored file is removed.
    document.file.save("bundle.pdf", upload, save=False)
    try:
        with transaction.atomic():
            document.save()
            signals.bundle_document_added.send(sender=BundleDocument, document=document)
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def _virus_scan(path: Path, *, display_name: str, referral: Referral, actor: User) -> None:
    """Refuse a file clamd finds a virus in, or any file when clamd is on but cannot answer.

    The log lines name the referral and the user by number only: a file's name can
    carry a child's name.
    """
    if not settings.HUB_CLAMAV_SOCKET:
        return
    scanner = antivirus.Clamd(address=settings.HUB_CLAMAV_SOCKET, timeout_seconds=settings.HUB_CLAMAV_TIMEOUT_SECONDS)
    try:
        result = scanner.scan_file(path)
    except antivirus.ScannerUnavailable as problem:
        logger.error("Bundle upload refused for referral %s by user %s: %s", referral.pk, actor.pk, problem)
        raise BundleCheckUnavailable(
            f"{display_name} could not be checked for viruses. The virus scanner is not available: try again later"
        ) from None
    if not result.clean:
        logger.warning(
            "Bundle upload refused for referral %s by user %s: the virus scanner found %s",
            referral.pk,
            actor.pk,
            result.signature,
        )
        raise BundleRejected(f"{display_name} contains a virus ({result.signature}) and was not uploaded")


class DocumentKept(Exception):
    """A bundle file the hub has received is evidence it may have relied on: it stays."""


def bundle_document_remove(*, document: BundleDocument) -> None:
    if document.referral.received_at is not None:
        raise DocumentKept("A bundle file the hub has received cannot be removed: upload a corrected file instead")
    with transaction.atomic():
        signals.bundle_document_removing.send(sender=BundleDocument, document=document)
        document.delete()
    document.file.delete(save=False)


def _safe_display_name(name: str) -> str:
    """A file name fit to show back to people: no paths, no control characters."""
    cleaned = "".join(ch for ch in name if ch.isprintable() and ch not in '/\\<>:"|?*')
    return cleaned.strip()[:200] or "bundle.pdf"


def referral_event_record(
    referral: Referral, *, actor: User, action: rules.Action, kind: ReferralEventKind, message: str = ""
) -> ReferralEvent:
    """Move a locked referral on by one allowed step, keep the step in its history, and
    email whoever needs to know once the transaction commits. Called inside the
    service (here or in triage) that locked the referral."""
    before = referral.status
    referral.status = rules.next_status(before, action)
    referral.save(update_fields=["status", "received_at", "decided_at", "decline_reason", "updated_at"])
    event = ReferralEvent.objects.create(
        referral=referral, kind=kind, actor=actor, from_status=before, to_status=referral.status, message=message
    )
    from hub.referrals.tasks import email_about_referral_event

    transaction.on_commit(lambda: email_about_referral_event.enqueue(event_id=event.pk))
    return event


@transaction.atomic
def referral_submit(*, referral: Referral, actor: User) -> ReferralEvent:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    gaps = rules.letter_gaps(referral_letter_facts(referral))
    if gaps:
        raise ReferralIncomplete(gaps)
    # The hub's clock starts now: the complete letter and bundle have been received.
    referral.received_at = timezone.now()
    return referral_event_record(referral, actor=actor, action=rules.Action.SUBMIT, kind=ReferralEventKind.SUBMITTED)
