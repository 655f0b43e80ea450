"""`manage.py impact_figures --from DATE --to DATE [--json]`: the dashboard's figures for a period.

The same function (hub.impact.figures.impact_figures) computes the pages, the
downloads and this, so the numbers are the same.
"""

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.impact import figures


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f'"{text}" is not a date: write it as 2026-03-31') from None


class Command(BaseCommand):
    help = "Print the impact dashboard's figures for a period (as JSON with --json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="starts", required=True, help="First day, e.g. 2025-12-05")
        parser.add_argument("--to", dest="ends", required=True, help="Last day, e.g. 2026-03-06")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of text")
        parser.add_argument("--local-authority", type=int, default=None, help="An authority's id")
        parser.add_argument("--type", dest="assessment_type", default="", help="An assessment type, e.g. parenting")
        parser.add_argument("--assessor", type=int, default=None, help="An assessor's id")

    def handle(self, *args: Any, **options: Any) -> None:
        starts, ends = _day(options["starts"]), _day(options["ends"])
        if ends < starts:
            raise CommandError("--to must be on or after --from")
        result = figures.impact_figures(
            figures.Filters(
                starts=starts,
                ends=ends,
                local_authority=options["local_authority"],
                assessment_type=options["assessment_type"],
                assessor=options["assessor"],
            )
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
            return
        for section in result.sections:
            self.stdout.write(section.title)
            if section.pending:
                self.stdout.write(f"  {section.note}")
            for item in section.headlines:
                value = "-" if item.value is None else f"{item.value}{'%' if 'percent' in item.key else ''}"
                self.stdout.write(f"  {item.label}: {value}" + (f" ({item.note})" if item.note else ""))
