"""Import an authority's SSDA903 CSV files, one collection year or several at once.

    manage.py import_903 --la 341 --year 2025 header.csv episodes.csv [uasc.csv ...]
    manage.py import_903 --la 341 --year 2024 2024/*.csv --year 2025 2025/*.csv

Each --year is followed by that year's files. All or nothing: if any row of any
set is bad, nothing is imported (each problem is printed with its file, line and
column); importing the same authority and year again replaces it.
"""

import argparse
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from hub.accounts.models import Organisation
from hub.datapack import services


class Command(BaseCommand):
    help = "Import one authority's SSDA903 CSV files for one or more collection years (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--la", required=True, help="The authority's DfE three-digit LA code, such as 341")
        parser.add_argument(
            "--year",
            required=True,
            nargs="+",
            action="append",
            metavar="YEAR FILE",
            help="A collection year by its 31 March (2025), then that year's CSV files in the DfE's layouts",
        )
        parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            authority = services.authority_by_code(options["la"])
        except Organisation.DoesNotExist:
            raise CommandError(f"No local authority has the DfE code {options['la']}") from None
        sets: list[tuple[int, list[Path]]] = []
        for year, *files in options["year"]:
            if not year.isdigit():
                raise CommandError(f"--year needs a year such as 2025, not {year}")
            sets.append((int(year), [Path(name) for name in files]))
        if options["files"]:
            sets[-1][1].extend(options["files"])
        for year, files in sets:
            if not files:
                raise CommandError(f"No files given for {year}")
        try:
            with ExitStack() as stack, transaction.atomic():
                imported = []
                for year, files in sets:
                    uploads = []
                    for path in files:
                        try:
                            uploads.append(services.Upload(name=path.name, stream=stack.enter_context(path.open("rb"))))
                        except OSError as error:
                            raise CommandError(f"Cannot read {path}: {error}") from None
                    imported.append(services.return_import(authority=authority, year=year, uploads=uploads))
        except services.ReturnRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing was imported: {len(refused.problems)} problem(s)") from None
        for ssda_return in imported:
            rows = ", ".join(f"{table} {count:,}" for table, count in ssda_return.table_rows.items())
            self.stdout.write(self.style.SUCCESS(f"Imported {authority} {ssda_return.year}: {rows}"))
