"""Uploaded bundle files are scanned by ClamAV before they are kept; no scanner, no upload.

The tests that need a real clamd run under scripts/with-clamav.sh, which
`make test` uses: it starts one with only the EICAR test file's signature
(scripts/clamav/eicar.hdb). That signature, like ClamAV's own
Win.Test.EICAR_HDB-1, matches the 68-byte test file exactly: the EICAR string
inside an otherwise valid PDF is not a match, as EICAR's own rules say (the
test file must start with the string), so it is not tested here.
"""

import logging
import os
import socket
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hub.core.antivirus import Clamd, ScannerUnavailable
from hub.core.documents import make_bundle_pdf
from hub.referrals.models import BundleDocument, Referral
from tests import factories
from tests.api.conftest import complete_letter, issue_token, pdf_file, submit

# The EICAR anti-virus test file: harmless, and detected as a virus by every
# scanner. Kept in two halves so that this source file is not itself flagged.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SCANNER_DOWN = "The virus scanner is not available: try again later"

_clamd = os.environ.get("HUB_CLAMAV_SOCKET", "")
needs_clamd = pytest.mark.skipif(
    not _clamd, reason="needs a running clamd: run under scripts/with-clamav.sh (make test does)"
)


@pytest.fixture
def scanning(settings) -> str:
    settings.HUB_CLAMAV_SOCKET = _clamd
    settings.HUB_CLAMAV_TIMEOUT_SECONDS = 30
    return _clamd


@pytest.fixture(params=["in-memory", "on-disk"])
def upload_kind(request, settings) -> str:
    """Small uploads arrive in memory and large ones in a temporary file: both are scanned."""
    if request.param == "on-disk":
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    return request.param


def documents_on_disk(settings) -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def upload_to_bundle_page(client: Client, referral: Referral, *files: SimpleUploadedFile) -> str:
    response = client.post(
        reverse("referrals:step", args=[referral.pk, "bundle"]), {"bundle_files": list(files), "action": "upload"}
    )
    return response.content.decode() if response.status_code == 200 else ""


@needs_clamd
@pytest.mark.django_db
def test_it_refuses_the_eicar_test_file_on_the_bundle_page_and_keeps_nothing(
    client_for, settings, scanning, upload_kind, caplog
):
    referral = factories.complete_referral()
    documents_before = BundleDocument.objects.count()
    files_before = documents_on_disk(settings)

    with caplog.at_level(logging.WARNING, logger="hub.referrals.services"):
        html = upload_to_bundle_page(
            client_for(referral.created_by),
            referral,
            SimpleUploadedFile("Child Example statement.pdf", EICAR, "application/pdf"),
        )

    assert "There is a problem" in html
    assert "Child Example statement.pdf contains a virus (Hub.Test.EICAR_HDB-1" in html
    # The scanner refused it, before the PDF check could.
    assert "must be a PDF" not in html
    assert BundleDocument.objects.count() == documents_before
    assert documents_on_disk(settings) == files_before
    # One log line for the operators, without the file's name (it could name a child).
    refusals = [r.getMessage() for r in caplog.records if "virus scanner found" in r.getMessage()]
    assert len(refusals) == 1
    assert f"referral {referral.pk}" in refusals[0]
    assert "Hub.Test.EICAR_HDB-1" in refusals[0]
    assert "Child Example" not in caplog.text


@needs_clamd
@pytest.mark.django_db
def test_it_keeps_a_clean_pdf_that_passes_the_scan(client_for, settings, scanning, upload_kind):
    referral = factories.complete_referral()
    files_before = documents_on_disk(settings)

    upload_to_bundle_page(
        client_for(referral.created_by), referral, factories.bundle_upload("Section C statements.pdf", pages=4)
    )

    document = referral.bundle_documents.get(original_name="Section C statements.pdf")
    assert document.page_count == 4
    assert len(documents_on_disk(settings) - files_before) == 1


@pytest.mark.django_db
def test_it_refuses_uploads_when_the_scanner_is_on_but_cannot_be_reached(client_for, settings, tmp_path, caplog):
    referral = factories.complete_referral()
    documents_before = BundleDocument.objects.count()
    files_before = documents_on_disk(settings)
    settings.HUB_CLAMAV_SOCKET = str(tmp_path / "no-clamd-here.sock")

    with caplog.at_level(logging.ERROR, logger="hub.referrals.services"):
        html = upload_to_bundle_page(
            client_for(referral.created_by), referral, factories.bundle_upload("Child Example plan.pdf")
        )

    assert f"Child Example plan.pdf could not be checked for viruses. {SCANNER_DOWN}" in html
    assert BundleDocument.objects.count() == documents_before
    assert documents_on_disk(settings) == files_before
    assert "cannot connect to clamd" in caplog.text
    assert "Child Example" not in caplog.text


@pytest.mark.django_db
def test_it_keeps_files_unscanned_only_when_scanning_is_off(client_for, settings):
    settings.HUB_CLAMAV_SOCKET = ""
    referral = factories.complete_referral()
    upload_to_bundle_page(client_for(referral.created_by), referral, factories.bundle_upload("Unscanned.pdf"))
    assert referral.bundle_documents.filter(original_name="Unscanned.pdf").exists()


def api_client() -> Client:
    _token, raw = issue_token()
    return Client(headers={"Authorization": f"Bearer {raw}"})


@needs_clamd
@pytest.mark.django_db
def test_it_refuses_the_eicar_test_file_sent_through_the_api_with_a_clear_4xx(settings, scanning):
    client = api_client()
    before = (Referral.objects.count(), BundleDocument.objects.count())
    files_before = documents_on_disk(settings)

    response = submit(
        client,
        complete_letter(),
        pdf_file("part-one.pdf"),
        SimpleUploadedFile("part-two.pdf", EICAR, "application/pdf"),
    )

    # The API looks at each file's first bytes before anything else, so the
    # test file, which is no PDF, is turned away there: nothing reaches storage.
    assert response.status_code == 415
    [error] = response.json()["errors"]
    assert (error["code"], error["field"]) == ("not_a_pdf", "bundle[1]")
    assert (Referral.objects.count(), BundleDocument.objects.count()) == before
    assert documents_on_disk(settings) == files_before


@pytest.mark.django_db
def test_it_refuses_an_api_submission_when_the_scanner_is_on_but_cannot_be_reached(settings, tmp_path):
    """The API's files go through the same scan as the bundle page's."""
    client = api_client()
    before = (Referral.objects.count(), BundleDocument.objects.count())
    files_before = documents_on_disk(settings)
    settings.HUB_CLAMAV_SOCKET = str(tmp_path / "no-clamd-here.sock")

    response = submit(client, complete_letter(), pdf_file("part-one.pdf"))

    # Not the file's fault: the case system is told to try again later.
    assert response.status_code == 503
    assert response["Retry-After"] == "300"
    [error] = response.json()["errors"]
    assert (error["code"], error["field"]) == ("check_unavailable", "bundle[0]")
    assert SCANNER_DOWN in error["message"]
    assert (Referral.objects.count(), BundleDocument.objects.count()) == before
    assert documents_on_disk(settings) == files_before


@needs_clamd
def test_it_pings_and_scans_streams_with_the_real_clamd(tmp_path):
    scanner = Clamd(address=_clamd, timeout_seconds=30)
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(make_bundle_pdf(title="Synthetic bundle", pages=2))
    # Larger than one chunk, so the file goes in several.
    several_chunks = tmp_path / "several-chunks.bin"
    several_chunks.write_bytes(b"synthetic bundle text\n" * 50_000)
    infected = tmp_path / "eicar.com"
    infected.write_bytes(EICAR)

    assert scanner.ping() is True
    assert scanner.scan_file(clean).clean is True
    assert scanner.scan_file(several_chunks).clean is True
    found = scanner.scan_file(infected)
    assert found.clean is False
    assert found.signature.startswith("Hub.Test.EICAR_HDB-1")


def test_it_reports_a_missing_socket_as_unavailable(tmp_path):
    path = tmp_path / "file.pdf"
    path.write_bytes(b"%PDF-1.7 synthetic")
    with pytest.raises(ScannerUnavailable, match="cannot connect to clamd"):
        Clamd(address=str(tmp_path / "missing.sock"), timeout_seconds=1).scan_file(path)


def test_it_gives_up_on_a_clamd_that_does_not_answer_within_the_timeout(tmp_path):
    # A socket that takes connections into its queue but never answers, like a hung daemon.
    address = str(tmp_path / "silent.sock")
    path = tmp_path / "file.pdf"
    path.write_bytes(b"%PDF-1.7 synthetic")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
        silent.bind(address)
        silent.listen(1)
        with pytest.raises(ScannerUnavailable, match="no answer from clamd"):
            Clamd(address=address, timeout_seconds=0.2).scan_file(path)


def test_it_reports_a_clamd_error_as_unavailable(tmp_path):
    """clamd's ERROR replies, such as a stream over its StreamMaxLength, are no verdict."""
    from hub.core.antivirus import _verdict

    with pytest.raises(ScannerUnavailable, match="size limit exceeded"):
        _verdict("INSTREAM size limit exceeded. ERROR")
    assert _verdict("stream: OK").clean is True
    assert _verdict("stream: Some.Name-1 FOUND").signature == "Some.Name-1"
