from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.privacy.backup import BackupRefused, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty, migrated database. Every file in the "
        "archive is checked against its checksum first: a damaged archive is refused and nothing changes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--replace-existing",
            action="store_true",
            help="Overwrite a database that already holds users or referrals",
        )

    def handle(self, *args: Any, path: Path, database: str, replace_existing: bool, **options: Any) -> None:
        try:
            summary = backup_restore(path=path, using=database, replace_existing=replace_existing)
        except BackupRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(f"Restored {summary.rows} rows and {summary.documents} documents from {path}")
