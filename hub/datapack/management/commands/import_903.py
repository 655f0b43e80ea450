"""Import an authority's SSDA903 CSV files for one collection year.

    manage.py import_903 --la 341 --year 2025 header.csv episodes.csv [uasc.csv ...]

The whole set is refused if any row is bad (each problem is printed with its file,
line and column); importing the same authority and year again replaces it.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.accounts.models import Organisation
from hub.datapack import services


class Command(BaseCommand):
    help = "Import one authority's SSDA903 CSV files for one collection year (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--la", required=True, help="The authority's DfE three-digit LA code, such as 341")
        parser.add_argument("--year", required=True, type=int, help="The collection year, by its 31 March: 2025")
        parser.add_argument("files", nargs="+", type=Path, help="The return's CSV files, in the DfE's layouts")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            authority = services.authority_by_code(options["la"])
        except Organisation.DoesNotExist:
            raise CommandError(f"No local authority has the DfE code {options['la']}") from None
        handles = []
        try:
            for path in options["files"]:
                try:
                    handles.append(path.open("rb"))
                except OSError as error:
                    raise CommandError(f"Cannot read {path}: {error}") from None
            uploads = [services.Upload(name=Path(h.name).name, stream=h) for h in handles]
            imported = services.return_import(authority=authority, year=options["year"], uploads=uploads)
        except services.ReturnRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing was imported: {len(refused.problems)} problem(s)") from None
        finally:
            for handle in handles:
                handle.close()
        rows = ", ".join(f"{table} {count:,}" for table, count in imported.table_rows.items())
        self.stdout.write(self.style.SUCCESS(f"Imported {authority} {imported.year}: {rows}"))
