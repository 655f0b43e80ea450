"""Load the hub's records from before this service: `manage.py import_history FILE [--by EMAIL]`.

FILE is a CSV or Excel (.xlsx) file with the columns in the README (a template is
on the impact dashboard). Every row is checked first; if any is bad, nothing is
loaded and each bad row is listed with its line and why.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.accounts.models import Role, User
from hub.impact import services


class Command(BaseCommand):
    help = "Load past referrals and assessments from a CSV or Excel file: all rows, or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--by",
            default="",
            help="Email of the service manager the records are loaded as (the only active one if omitted)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        actor = self._actor(options["by"])
        try:
            result = services.history_import(name=path.name, content=path.read_bytes(), actor=actor)
        except services.HistoryRefused as refused:
            for error in refused.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{path.name} was not loaded: {refused}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {result.referrals} referrals and {result.assessments} assessments from {path.name}"
            )
        )

    def _actor(self, email: str) -> User:
        managers = User.objects.filter(role=Role.SERVICE_MANAGER, is_active=True)
        if email:
            actor = managers.filter(email__iexact=email).first()
            if actor is None:
                raise CommandError(f"{email} is not an active service manager")
            return actor
        found = list(managers[:2])
        if len(found) != 1:
            raise CommandError("Say which service manager loads the records: --by EMAIL")
        return found[0]
