"""Background reading of court bundles, run by the database task worker."""

from django.tasks import task

from hub.bundles import services


@task()
def bundle_ingest(*, document_id: int) -> str:
    """Read one bundle file page by page into the search index and mine its dated events."""
    return services.bundle_ingestion_run(document_id=document_id)


@task()
def bundle_ocr(*, document_id: int) -> str:
    """Read the scanned pages of one bundle file with Tesseract."""
    return services.bundle_ocr_run(document_id=document_id)
