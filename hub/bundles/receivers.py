"""Intake's signals about bundle files, received here (see hub/referrals/signals.py)."""

from typing import Any

from hub.bundles import services
from hub.referrals.models import BundleDocument


def read_added_document(sender: object, *, document: BundleDocument, **kwargs: Any) -> None:
    services.ingestion_queue(document=document)


def forget_removed_document(sender: object, *, document: BundleDocument, **kwargs: Any) -> None:
    services.document_pages_forget(document=document)
