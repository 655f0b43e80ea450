"""Synthetic SSDA903 returns in the DfE's CSV layouts, for the demo and the benchmark. Never real data.

Plain Python with no Django import. Deterministic for an authority code, a year
and a size: the same call writes the same files. Children are identified as
`<code>-<n>` and nothing in them describes a real child.
"""

from __future__ import annotations

import csv
import datetime
import random
from collections.abc import Iterator
from typing import TextIO

from hub.datapack.ssda903 import COLUMNS, Table, collection_year_end

# Placement and its provider, with weights roughly like the national mix (placed with
# parents about one in fifteen); the codes that need no provider (T0-T4, Z1) are not used.
PLACEMENTS = (
    ("U6", "PR1", 30),
    ("U4", "PR4", 14),
    ("U3", "PR1", 10),
    ("U1", "PR1", 6),
    ("K2", "PR4", 10),
    ("H5", "PR4", 5),
    ("R1", "PR3", 2),
    ("A6", "PR1", 3),
    ("P1", "PR0", 7),
)
LEGAL = (("C2", 58), ("C1", 16), ("V2", 20), ("E1", 4), ("L2", 2))
ENDINGS = ("E4A", "E13", "E41", "E45", "E47", "E11", "E8", "E17")


def _date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _children(code: str, year: int, children: int) -> Iterator[tuple[list[str], list[list[str]]]]:
    """Each child's header row and episode rows."""
    rng = random.Random(f"ssda903:{code}:{year}")  # noqa: S311 - invented data, not security
    end = collection_year_end(year)
    places = [p for p, _, _ in PLACEMENTS]
    place_weights = [w for _, _, w in PLACEMENTS]
    providers = {p: provider for p, provider, _ in PLACEMENTS}
    legal = [c for c, _ in LEGAL]
    legal_weights = [w for _, w in LEGAL]
    # The share placed with parents drifts a little from year to year, so the trend has a shape.
    place_weights[-1] = 5 + (year % 4) + (int(code) % 3)
    for n in range(children):
        child = f"{code}-{n:06d}"
        dob = end - datetime.timedelta(days=rng.randrange(30, 17 * 365))
        header = [
            child,
            rng.choice("12"),
            _date(dob),
            rng.choice(("WBRI", "WBRI", "WBRI", "MWBC", "BCRB", "AOTH")),
            "UN1",
            "",
            "",
        ]
        # The first episode began up to three years before the end of the year, never before birth.
        earliest = max(dob, end - datetime.timedelta(days=3 * 365))
        start = earliest + datetime.timedelta(days=rng.randrange(0, max(1, (end - earliest).days)))
        episodes: list[list[str]] = []
        count = rng.choice((1, 1, 2, 2, 3, 4))
        place = rng.choices(places, place_weights)[0]
        ls = rng.choices(legal, legal_weights)[0]
        rne = "S"
        for index in range(count):
            last = index == count - 1
            remaining = (end - start).days
            if last or remaining < 2:
                # The last episode is open at 31 March for about two children in three.
                if rng.random() < 0.65 or remaining < 2:
                    episodes.append(_episode(child, start, rne, ls, place, providers[place], None, ""))
                else:
                    dec = start + datetime.timedelta(days=rng.randrange(1, remaining + 1))
                    episodes.append(_episode(child, start, rne, ls, place, providers[place], dec, rng.choice(ENDINGS)))
                break
            dec = start + datetime.timedelta(days=rng.randrange(1, max(2, remaining // 2)))
            episodes.append(_episode(child, start, rne, ls, place, providers[place], dec, "X1"))
            start = dec
            if rng.random() < 0.3:
                rne, ls = "L", rng.choices(legal, legal_weights)[0]
            else:
                rne, place = "P", rng.choices(places, place_weights)[0]
        yield header, episodes


def _episode(
    child: str,
    start: datetime.date,
    rne: str,
    ls: str,
    place: str,
    provider: str,
    dec: datetime.date | None,
    rec: str,
) -> list[str]:
    change = "CARPL" if rne == "P" else ""
    return [child, _date(start), rne, ls, "N1", place, provider, _date(dec) if dec else "", rec, change, "", "", ""]


def write_return(code: str, year: int, children: int, *, header: TextIO, episodes: TextIO) -> tuple[int, int]:
    """Write one authority-year's header and episodes files; return how many rows each has."""
    header_writer, episode_writer = csv.writer(header), csv.writer(episodes)
    header_writer.writerow(COLUMNS[Table.HEADER])
    episode_writer.writerow(COLUMNS[Table.EPISODES])
    rows = (0, 0)
    for child_row, episode_rows in _children(code, year, children):
        header_writer.writerow(child_row)
        episode_writer.writerows(episode_rows)
        rows = (rows[0] + 1, rows[1] + len(episode_rows))
    return rows
