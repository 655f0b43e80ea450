"""Print the data pack's figures for everything imported.

    manage.py data_pack --json

By authority and year: children looked after at 31 March, those placed with
parents (P1) and the rates per 10,000 children aged 0 to 17 where a population
has been supplied. These are the unsuppressed counts, for the region's analysts:
the PDF and the workbook suppress small numbers.

The counts are those stored with each return when it was imported.
`manage.py data_pack --recount` counts every return's figures again from its
episodes (after a change to how the figures are counted, `hub/datapack/figures.py`).
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.datapack import figures, selectors, services
from hub.datapack.models import Return


class Command(BaseCommand):
    help = "Print the data pack's figures (by authority and year) for what has been imported."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print JSON (the default is a plain table)")
        parser.add_argument(
            "--recount", action="store_true", help="Count every return's figures again from its episodes first"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["recount"]:
            for ssda_return in Return.objects.order_by("pk").iterator():
                services.return_counts_refresh(ssda_return=ssda_return)
        rows = selectors.pack_figures()
        totals = figures.region(rows, name="Region")

        def entry(row: figures.AuthorityYear) -> dict[str, Any]:
            return {
                "authority": row.authority,
                "la_code": row.code,
                "year": row.year,
                "looked_after_at_31_march": row.looked_after,
                "placed_with_parents": row.placed_with_parents,
                "placed_with_parents_percent": row.placed_with_parents_share,
                "population_0_17": row.population,
                "looked_after_per_10000": row.looked_after_rate,
                "placed_with_parents_per_10000": row.placed_with_parents_rate,
            }

        if options["json"]:
            data = {"authorities": [entry(row) for row in rows], "region": [entry(t) for t in totals.values()]}
            self.stdout.write(json.dumps(data, indent=2))
            return
        for row in [*rows, *totals.values()]:
            rate = "" if row.placed_with_parents_rate is None else f" ({row.placed_with_parents_rate} per 10,000)"
            self.stdout.write(
                f"{row.authority} {row.year}: {row.looked_after} looked after at 31 March, "
                f"{row.placed_with_parents} placed with parents{rate}"
            )
