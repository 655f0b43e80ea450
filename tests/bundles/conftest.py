"""Real PDFs for the bundle tests, made with pikepdf: text, scanned, encrypted, truncated and 5,000 pages."""

import io

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from hub.bundles import services
from hub.bundles.demo import BundlePageSpec, demo_bundle_pdf, make_court_bundle
from hub.bundles.models import BundleIngestion
from hub.referrals.models import BundleDocument
from hub.referrals.services import bundle_document_add


def text_bundle() -> bytes:
    return demo_bundle_pdf(case_number="LV26C00001")


def scanned_only_bundle() -> bytes:
    return make_court_bundle(
        [BundlePageSpec(scanned=True, scanned_lines=["C1", "On 14 June 2023 the health visitor saw the baby."])]
    )


def encrypted_bundle() -> bytes:
    with pikepdf.open(io.BytesIO(make_court_bundle([BundlePageSpec(["C1", "Secret"])]))) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="owner-pw", user="user-pw", R=6))
        return out.getvalue()


def truncated_bundle() -> bytes:
    whole = make_court_bundle([BundlePageSpec([f"C{n}", f"Page {n} text."]) for n in range(1, 40)])
    return whole[: len(whole) // 3]


@pytest.fixture(scope="session")
def five_thousand_pages() -> bytes:
    # One shared font and short content streams: pikepdf writes 5,000 pages in a second or two.
    return make_court_bundle(
        [
            BundlePageSpec([f"Page {n}", f"Chronology note {n} about contact arrangements.", f"C{n}"])
            for n in range(1, 5001)
        ]
    )


def upload(referral, pdf: bytes, *, name: str = "bundle.pdf", by=None) -> BundleDocument:
    """A file through the real upload (checked with pikepdf), which queues its reading."""
    return bundle_document_add(
        referral=referral, actor=by or referral.created_by, upload=SimpleUploadedFile(name, pdf, "application/pdf")
    )


def stored(referral, pdf: bytes, *, name: str = "bundle.pdf") -> BundleDocument:
    """A file kept without the upload checks: as if it were damaged on disk after it was accepted."""
    document = BundleDocument(
        referral=referral,
        original_name=name,
        size_bytes=len(pdf),
        page_count=0,
        sha256="0" * 64,
        uploaded_by=referral.created_by,
    )
    document.file.save("bundle.pdf", ContentFile(pdf), save=False)
    document.save()
    return document


def read(document: BundleDocument, **kwargs) -> BundleIngestion:
    services.bundle_ingestion_run(document_id=document.pk, **kwargs)
    return BundleIngestion.objects.get(document=document)
