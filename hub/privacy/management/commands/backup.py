from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.privacy.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and every stored document into one .tar.gz archive with a checksum manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Where to write the archive, e.g. hub-2026-11-25.tar.gz")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, path: Path, database: str, **options: Any) -> None:
        summary = backup_create(path=path, using=database)
        self.stdout.write(
            f"Backed up {summary.rows} rows and {summary.documents} documents "
            f"({summary.document_bytes / 1_048_576:.1f} MB) to {path}"
        )
