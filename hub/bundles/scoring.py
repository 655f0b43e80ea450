"""Precision and recall of the chronology miner on a labelled set: plain Python, no Django.

The labelled set is JSON: `{"items": [{"text": ..., "events": [{"date", "precision",
"end_date"?, "sentence"?}]}]}`. Each item's text is mined as one page; an event is
correct when its sentence, date, precision and end date all match a labelled one
(`sentence` defaults to the item's text, whitespace normalised).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from hub.bundles.miner import mine_text

LABELLED_SET = Path(__file__).resolve().parents[2] / "tests" / "bundles" / "chronology_labelled.json"

Key = tuple[int, str, str, str, str | None]  # item, sentence, date, precision, end date


@dataclass
class Score:
    items: int = 0
    expected: int = 0
    found: int = 0
    correct: int = 0
    missed: list[Key] = field(default_factory=list)
    wrong: list[Key] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "items": self.items,
            "expected": self.expected,
            "found": self.found,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "missed": [list(key) for key in self.missed],
            "wrong": [list(key) for key in self.wrong],
        }


def labelled_items(path: Path = LABELLED_SET) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["items"] if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(item, dict) and "text" in item for item in items):
        raise ValueError("a labelled set is a list of items, each with a text and its events")
    return items


def score(items: list[dict]) -> Score:
    result = Score(items=len(items))
    for index, item in enumerate(items):
        text = item["text"]
        whole = " ".join(text.split())
        expected: set[Key] = {
            (index, event.get("sentence", whole), event["date"], event["precision"], event.get("end_date"))
            for event in item.get("events", [])
        }
        found: set[Key] = {
            (index, event.sentence, event.date, event.precision, event.end_date) for event in mine_text(text)
        }
        result.expected += len(expected)
        result.found += len(found)
        result.correct += len(expected & found)
        result.missed.extend(sorted(expected - found, key=str))
        result.wrong.extend(sorted(found - expected, key=str))
    return result
