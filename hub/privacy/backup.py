"""Back up and restore the whole service: every table and every stored document.

One gzipped tar archive holds:
- manifest.json: the format, when it was made, the migrations applied, the number of
  rows per model, and the SHA-256 of every other member;
- data.jsonl: every row, one JSON object a line, in an order that loads (Django's
  serialisation, with exact datetimes; content types and permissions by natural key,
  because a new database numbers them afresh);
- documents/...: every file under MEDIA_ROOT (court bundles and reports), byte for byte.

The format is the same for SQLite and PostgreSQL, so a backup from one restores into
the other. Restoring checks every member against the manifest before it changes
anything: a damaged or tampered archive is refused and the database is left alone.
"""

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

from hub.bundles.services import search_index_rebuild
from hub.privacy.serialise import ExactJSONEncoder

FORMAT = "assessment-hub-backup"
VERSION = 1
# Made afresh by `migrate` in every database, and referred to by natural key instead.
NOT_COPIED = {"contenttypes.ContentType", "auth.Permission"}
# Emptied on restore but never copied: a restored service signs everybody in again.
EMPTIED_NOT_COPIED = {"sessions.Session"}
_CHUNK = 1024 * 1024


class BackupRefused(Exception):
    """The archive is damaged, from another schema, or the database is not empty."""


@dataclass(frozen=True)
class BackupSummary:
    rows: int
    documents: int
    document_bytes: int


def _copied_models() -> list[type[Model]]:
    app_list = {
        config: [m for m in config.get_models() if m._meta.label not in NOT_COPIED | EMPTIED_NOT_COPIED]
        for config in apps.get_app_configs()
    }
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [m for m in ordered if not m._meta.proxy and m._meta.managed]


def _applied_migrations(using: str) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _documents(root: Path) -> Iterator[tuple[str, Path]]:
    if not root.is_dir():
        return
    for folder, _dirs, files in os.walk(root, followlinks=False):
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path


def backup_create(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> BackupSummary:
    """Write a backup archive to `path` (written beside it first, then moved into place)."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="hub-backup-") as work:
        data_path = Path(work) / "data.jsonl"
        counts: dict[str, int] = {}
        # One read-only snapshot: on PostgreSQL a repeatable-read transaction would be
        # stricter still, but the atomic block keeps each table's rows consistent.
        with transaction.atomic(using=using), data_path.open("w", encoding="utf-8") as out:
            for model in _copied_models():
                rows = model._base_manager.using(using).order_by("pk")
                counts[model._meta.label] = 0
                for obj in rows.iterator(chunk_size=500):
                    (row,) = serializers.serialize("python", [obj], use_natural_foreign_keys=True)
                    out.write(json.dumps(row, cls=ExactJSONEncoder, ensure_ascii=False, sort_keys=True) + "\n")
                    counts[model._meta.label] += 1
            migrations = _applied_migrations(using)
        hashes = {"data.jsonl": _sha256_file(data_path)}
        documents = list(_documents(media_root))
        document_bytes = 0
        for relative, source in documents:
            hashes[f"documents/{relative}"] = _sha256_file(source)
            document_bytes += source.stat().st_size
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connections[using].vendor,
            "migrations": migrations,
            "counts": counts,
            "sha256": hashes,
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(encoded)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(encoded))
            archive.add(data_path, "data.jsonl", recursive=False)
            for relative, source in documents:
                archive.add(source, f"documents/{relative}", recursive=False)
        os.replace(partial, path)
    return BackupSummary(rows=sum(counts.values()), documents=len(documents), document_bytes=document_bytes)


def _safe_member_name(name: str) -> PurePosixPath:
    member = PurePosixPath(name)
    if member.is_absolute() or ".." in member.parts or not member.parts:
        raise BackupRefused(f"The archive holds a file outside its own folders ({name!r}): it is not a hub backup.")
    return member


def _unpack_and_verify(path: Path, staging: Path) -> dict[str, Any]:
    """Unpack into `staging`, checking every member against the manifest. Changes nothing else."""
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the `with archive` below
    except (OSError, tarfile.TarError) as error:
        raise BackupRefused(f"{path} is not a readable backup archive ({error}).") from error
    hashes: dict[str, str] = {}
    manifest: dict[str, Any] | None = None
    try:
        with archive:
            for member in archive:
                name = _safe_member_name(member.name).as_posix()
                if member.isdir():
                    continue
                if not member.isfile():
                    raise BackupRefused(f"The archive holds {name!r}, which is not a plain file.")
                source = archive.extractfile(member)
                assert source is not None
                if name == "manifest.json":
                    try:
                        manifest = json.loads(source.read(10 * _CHUNK))
                    except ValueError as error:
                        raise BackupRefused("The archive's manifest is not valid JSON.") from error
                    continue
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with target.open("wb") as out:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                hashes[name] = digest.hexdigest()
    except (OSError, EOFError, tarfile.TarError, UnicodeDecodeError) as error:
        raise BackupRefused(f"The archive is damaged or cut short ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused("The archive has no hub backup manifest.")
    if manifest.get("version") != VERSION:
        raise BackupRefused(
            f"This is a version {manifest.get('version')} backup; this release reads version {VERSION}."
        )
    expected = manifest.get("sha256")
    if not isinstance(expected, dict) or "data.jsonl" not in expected:
        raise BackupRefused("The archive's manifest lists no data.")
    missing = sorted(set(expected) - set(hashes))
    extra = sorted(set(hashes) - set(expected))
    changed = sorted(name for name in set(expected) & set(hashes) if expected[name] != hashes[name])
    if missing or extra or changed:
        problems = []
        if missing:
            problems.append(f"missing {', '.join(missing[:5])}")
        if extra:
            problems.append(f"not in the manifest {', '.join(extra[:5])}")
        if changed:
            problems.append(f"content does not match its checksum {', '.join(changed[:5])}")
        raise BackupRefused("The archive is damaged: " + "; ".join(problems) + ". Nothing was restored.")
    return manifest


def _database_has_data(using: str) -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    referral_model = apps.get_model("referrals", "Referral")
    return any(m._base_manager.using(using).exists() for m in (user_model, referral_model))


def _tables(models: list[type[Model]]) -> list[str]:
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables += [
            f.remote_field.through._meta.db_table  # type: ignore[union-attr]
            for f in model._meta.local_many_to_many
            if f.remote_field.through._meta.auto_created  # type: ignore[union-attr]
        ]
    return tables


def backup_restore(*, path: Path, using: str = DEFAULT_DB_ALIAS, replace_existing: bool = False) -> BackupSummary:
    """Restore an archive into a migrated database, replacing every copied table and writing the documents."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Staged beside the documents folder so moving into place is a rename, not a copy.
    with tempfile.TemporaryDirectory(prefix=".hub-restore-", dir=media_root.parent) as work:
        staging = Path(work)
        manifest = _unpack_and_verify(path, staging)
        if manifest["migrations"] != _applied_migrations(using):
            raise BackupRefused(
                "The backup was made at a different database schema: migrate this database to the same "
                "release the backup came from, then restore. Nothing was restored."
            )
        if _database_has_data(using) and not replace_existing:
            raise BackupRefused(
                "This database already holds users or referrals. Restore into an empty, migrated database "
                "(or pass --replace-existing to overwrite it). Nothing was restored."
            )
        models = _copied_models()
        sessions = [apps.get_model(label) for label in EMPTIED_NOT_COPIED]
        connection = connections[using]
        rows = 0
        with transaction.atomic(using=using):
            flush = connection.ops.sql_flush(no_style(), _tables(models + sessions), reset_sequences=True)
            connection.ops.execute_sql_flush(flush)
            with connection.constraint_checks_disabled(), (staging / "data.jsonl").open(encoding="utf-8") as data:
                for line in data:
                    try:
                        objects = serializers.deserialize(
                            "python", [json.loads(line)], using=using, handle_forward_references=False
                        )
                        for obj in objects:
                            obj.save(using=using)
                            rows += 1
                    except (ValueError, LookupError, serializers.base.DeserializationError) as error:
                        raise BackupRefused(f"A row in the backup could not be loaded ({error}).") from error
            connection.check_constraints(table_names=_tables(models))
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
            # The bundle search index is not a table of rows: it is rebuilt from the restored pages.
            search_index_rebuild(using=using)
            if rows != sum(manifest["counts"].values()):
                raise BackupRefused("The backup's rows do not add up to the manifest's counts.")
            documents = 0
            document_bytes = 0
            staged_documents = staging / "documents"
            for relative, source in list(_documents(staged_documents)):
                target = media_root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                document_bytes += source.stat().st_size
                shutil.move(source, target)
                documents += 1
    return BackupSummary(rows=rows, documents=documents, document_bytes=document_bytes)
