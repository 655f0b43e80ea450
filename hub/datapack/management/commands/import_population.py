"""Set the authorities' populations aged 0 to 17 from a CSV (LA,YEAR,POPULATION_0_17).

manage.py import_population populations.csv
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.datapack import services


class Command(BaseCommand):
    help = "Set the authorities' populations aged 0 to 17 (for rates per 10,000 children)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            with path.open("rb") as handle:
                count = services.populations_import(stream=handle, name=path.name)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        except services.ReturnRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing was saved: {len(refused.problems)} problem(s)") from None
        self.stdout.write(self.style.SUCCESS(f"{count} population figure(s) saved"))
