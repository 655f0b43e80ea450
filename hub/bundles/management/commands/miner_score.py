"""`manage.py miner_score [FILE] [--json]`: the chronology miner's precision and recall on a labelled set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.bundles.scoring import LABELLED_SET, labelled_items, score


class Command(BaseCommand):
    help = "Score the chronology miner on a labelled set (default: the project's own, tests/bundles/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default=str(LABELLED_SET), help="the labelled set (JSON)")
        parser.add_argument("--json", action="store_true", help="print the figures and every miss as JSON")

    def handle(self, *args: Any, file: str, json: bool, **options: Any) -> None:
        try:
            items = labelled_items(Path(file))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"{file} is not a labelled set that can be read ({error}).") from None
        result = score(items)
        if json:
            self.stdout.write(_dumps(result.as_dict()))
            return
        self.stdout.write(
            f"{result.items} texts, {result.expected} labelled events, {result.found} found, {result.correct} correct\n"
            f"precision {result.precision:.3f}  recall {result.recall:.3f}"
        )
        for kind, keys in (("missed", result.missed), ("wrong", result.wrong)):
            for index, sentence, iso, precision, end in keys:
                until = f" to {end}" if end else ""
                self.stdout.write(f"{kind}: #{index} {iso}{until} ({precision}) {sentence}")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
