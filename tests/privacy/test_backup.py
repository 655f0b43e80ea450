"""`manage.py backup` and `manage.py restore` round-trip every table and every document."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from hub.referrals.models import Referral
from tests import factories

NOT_COMPARED = {"contenttypes.ContentType", "auth.Permission", "sessions.Session"}


def _snapshot() -> dict[str, list[dict]]:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label not in NOT_COMPARED
    }


def _documents() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def case_files(db):
    factories.complete_referral(status="accepted", children=2)
    factories.complete_referral(status="declined")
    factories.complete_referral(status="query_raised")
    factories.complete_referral()


@pytest.mark.django_db(transaction=True)
def test_it_restores_every_row_and_every_document_byte_for_byte(case_files, tmp_path):
    before_rows, before_files = _snapshot(), _documents()
    assert len(before_files) == 4
    archive = tmp_path / "hub.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    for path in Path(settings.MEDIA_ROOT).rglob("*.pdf"):
        path.unlink()
    assert Referral.objects.count() == 0

    call_command("restore", str(archive), stdout=io.StringIO())
    after_rows = _snapshot()
    for label, rows in before_rows.items():
        assert after_rows[label] == rows, label
    assert _documents() == before_files
    # The sequences carry on after the restored rows rather than colliding with them.
    factories.complete_referral()


def _tamper(archive: Path, target: Path, change) -> None:
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            data = source.extractfile(member).read() if member.isfile() else None
            member, data = change(member, data)
            if member is None:
                continue
            if data is not None:
                member.size = len(data)
                out.addfile(member, io.BytesIO(data))
            else:
                out.addfile(member)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("flip-a-byte-of-a-bundle", "does not match its checksum"),
        ("drop-a-bundle", "missing"),
        ("path-outside", "outside its own folders"),
        ("truncate", "damaged or cut short"),
    ],
)
def test_it_refuses_a_damaged_archive_and_changes_nothing(case_files, tmp_path, damage, message):
    archive = tmp_path / "hub.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    if damage == "truncate":
        damaged.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    else:

        def change(member, data):
            if member.name.startswith("documents/") and member.name.endswith(".pdf"):
                if damage == "flip-a-byte-of-a-bundle":
                    data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
                elif damage == "drop-a-bundle":
                    return None, None
                elif damage == "path-outside":
                    member.name = "../escaped.pdf"
            return member, data

        _tamper(archive, damaged, change)
    call_command("flush", interactive=False, verbosity=0)
    before = _snapshot()
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(damaged))
    assert _snapshot() == before
    assert not (tmp_path / "escaped.pdf").exists()


@pytest.mark.django_db(transaction=True)
def test_it_will_not_overwrite_a_database_in_use(case_files, tmp_path):
    archive = tmp_path / "hub.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="already holds users or referrals"):
        call_command("restore", str(archive))


def test_the_manifest_holds_a_checksum_for_every_document(tmp_path, db, case_files):

    archive = tmp_path / "hub.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    for relative, content in _documents().items():
        assert manifest["sha256"][f"documents/{relative}"] == hashlib.sha256(content).hexdigest()
