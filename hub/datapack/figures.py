"""The data pack's figures: children looked after at 31 March and those placed with parents.

Plain Python with no Django import (the selector feeds it children one at a time,
so the benchmark and the tests call it directly). For one authority and one
collection year (1 April to 31 March) it counts, from that year's SSDA903 return:

- looked after at 31 March: children with an episode open at the end of 31 March
  (DECOM on or before it, DEC blank or after it), leaving out short breaks (LS V3,
  V4) as the DfE's 31 March counts do. An episode that ceased ON 31 March is not
  open: the child left care that day (or, with REC X1, the next episode, which
  begins that day, is the open one);
- placed with parents: those whose open episode is PLACE P1;
- for the children placed with parents: age at 31 March in the DfE's bands, legal
  status (LS), time in the placement, moves (new episodes in the year for a change
  of placement: RNE P, T, U or B) and, for P1 episodes that ended in the year, the
  reason they ended (REC);
- prevalence: children per 10,000 of the authority's population aged 0 to 17,
  where that population has been supplied.

Suppression follows the DfE's rules for its children looked after statistics:
counts of 1 to 5 are shown as "c" (the explore-education-statistics methodology
for "Children looked after": "'c' to protect confidentiality. Secondary suppression
may be required"; numbers from 1 to 5 inclusive suppressed, SSDA903 tables'
footnote, Hansard 8 January 2008); where a suppressed count could be found by
subtracting the others from a total that is shown, the next smallest count is
suppressed too; and a percentage or rate made from a suppressed count is "c".
Zero is shown as 0 (the original figure was zero). The DfE's rounding of national
and regional counts to the nearest 10 is not applied: a regional pack is read by
the authorities whose own figures make it up.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from hub.datapack.ssda903 import (
    MOVE_REASONS,
    PLACED_WITH_PARENTS,
    SHORT_BREAKS,
    collection_year_end,
    collection_year_start,
)

SUPPRESSED = "c"
SMALLEST_SHOWN = 6
PER = 10_000

# The DfE's age groups for children looked after at 31 March.
AGE_BANDS = ("Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over")
TIME_IN_PLACEMENT_BANDS = (
    "Under 6 months",
    "6 months to under 1 year",
    "1 year to under 2 years",
    "2 years to under 5 years",
    "5 years and over",
)
MOVE_BANDS = ("No moves", "1 move", "2 moves", "3 or more moves")
# The characteristics of the children placed with parents, each a count by label.
BREAKDOWNS = ("ages", "legal_status", "time_in_placement", "moves", "endings")


class Episode(NamedTuple):
    """One episode as the figures need it (a named tuple: millions are made, and tuples are cheapest)."""

    decom: datetime.date
    dec: datetime.date | None
    rne: str
    ls: str
    place: str
    rec: str


@dataclass(frozen=True)
class Child:
    """One child of one return: date of birth and episodes (in any order)."""

    child: str
    dob: datetime.date
    episodes: Sequence[Episode]


@dataclass
class AuthorityYear:
    """The figures for one authority (or the region) in one collection year."""

    authority: str
    code: str
    year: int
    population: int | None = None
    looked_after: int = 0
    placed_with_parents: int = 0
    ages: Counter[str] = field(default_factory=Counter)
    legal_status: Counter[str] = field(default_factory=Counter)
    time_in_placement: Counter[str] = field(default_factory=Counter)
    moves: Counter[str] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)

    def rate(self, count: int) -> float | None:
        """Per 10,000 children aged 0 to 17, to one decimal place, or None without a population."""
        if not self.population:
            return None
        return round(count * PER / self.population, 1)

    @property
    def looked_after_rate(self) -> float | None:
        return self.rate(self.looked_after)

    @property
    def placed_with_parents_rate(self) -> float | None:
        return self.rate(self.placed_with_parents)

    @property
    def placed_with_parents_share(self) -> float | None:
        """Per cent of the children looked after at 31 March who were placed with parents."""
        if not self.looked_after:
            return None
        return round(self.placed_with_parents * 100 / self.looked_after, 1)

    def add(self, other: AuthorityYear) -> None:
        self.looked_after += other.looked_after
        self.placed_with_parents += other.placed_with_parents
        for name in BREAKDOWNS:
            getattr(self, name).update(getattr(other, name))

    def counts(self) -> dict[str, Any]:
        """The unsuppressed counts, as JSON keeps them: everything but the names and the population.

        The population is left out on purpose: it is supplied (and corrected) apart
        from the return, so rates are made from the population current when shown.
        """
        return {
            "looked_after": self.looked_after,
            "placed_with_parents": self.placed_with_parents,
            **{name: dict(getattr(self, name)) for name in BREAKDOWNS},
        }

    @classmethod
    def from_counts(
        cls, counts: Mapping[str, Any], *, authority: str, code: str, year: int, population: int | None = None
    ) -> AuthorityYear:
        """The figures again from what `counts()` gave, with the names and population as they are now."""
        return cls(
            authority=authority,
            code=code,
            year=year,
            population=population,
            looked_after=counts["looked_after"],
            placed_with_parents=counts["placed_with_parents"],
            ages=Counter(counts["ages"]),
            legal_status=Counter(counts["legal_status"]),
            time_in_placement=Counter(counts["time_in_placement"]),
            moves=Counter(counts["moves"]),
            endings=Counter(counts["endings"]),
        )


def age_on(dob: datetime.date, day: datetime.date) -> int:
    """Age in whole years on `day` (a child born on 29 February turns a year older on 1 March)."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def age_band(age: int) -> str:
    if age < 1:
        return AGE_BANDS[0]
    if age < 5:
        return AGE_BANDS[1]
    if age < 10:
        return AGE_BANDS[2]
    if age < 16:
        return AGE_BANDS[3]
    return AGE_BANDS[4]


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole calendar months from `start` to `end`."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (end.day < start.day)


def time_in_placement_band(start: datetime.date, end: datetime.date) -> str:
    months = months_between(start, end)
    if months < 6:
        return TIME_IN_PLACEMENT_BANDS[0]
    if months < 12:
        return TIME_IN_PLACEMENT_BANDS[1]
    if months < 24:
        return TIME_IN_PLACEMENT_BANDS[2]
    if months < 60:
        return TIME_IN_PLACEMENT_BANDS[3]
    return TIME_IN_PLACEMENT_BANDS[4]


def move_band(moves: int) -> str:
    return MOVE_BANDS[min(moves, 3)]


def open_on(episode: Episode, day: datetime.date) -> bool:
    """Open at the end of `day`: begun on or before it, not ceased on or before it."""
    return episode.decom <= day and (episode.dec is None or episode.dec > day)


def placement_start(episodes: Sequence[Episode], index: int) -> datetime.date:
    """When the placement of episode `index` began: back through episodes that changed only
    the legal status (RNE L) and followed on the same day in the same placement.

    Only the episodes in this year's return are seen, so a placement that began
    before the earliest of them is dated from that earliest episode.
    """
    start = index
    while start > 0:
        this, previous = episodes[start], episodes[start - 1]
        if this.rne != "L" or previous.dec != this.decom or previous.place != this.place:
            break
        start -= 1
    return episodes[start].decom


def children(births: Mapping[str, datetime.date], rows: Iterable[Sequence[Any]]) -> Iterator[Child]:
    """Children one at a time from episode rows in child order.

    Each row is CHILD then an Episode's fields in order (DECOM, DEC, RNE, LS, PLACE,
    REC), as the database gives them: one tuple a row, no keywords, and only one
    child's episodes held at a time.
    """
    current: str | None = None
    episodes: list[Episode] = []
    make = Episode._make
    for row in rows:
        if row[0] != current:
            if current is not None:
                yield Child(child=current, dob=births[current], episodes=episodes)
            current, episodes = row[0], []
        episodes.append(make(row[1:]))
    if current is not None:
        yield Child(child=current, dob=births[current], episodes=episodes)


class Tally:
    """Counts one authority's children for one year, child by child, in constant memory."""

    def __init__(self, *, authority: str, code: str, year: int, population: int | None = None) -> None:
        self.figures = AuthorityYear(authority=authority, code=code, year=year, population=population)
        self.year_start = collection_year_start(year)
        self.year_end = collection_year_end(year)

    def add(self, child: Child) -> None:
        figures, start, end = self.figures, self.year_start, self.year_end
        episodes = sorted(child.episodes, key=lambda e: e.decom)
        for episode in episodes:
            if episode.place == PLACED_WITH_PARENTS and episode.dec is not None and start <= episode.dec <= end:
                figures.endings[episode.rec] += 1
        open_index = next((i for i in range(len(episodes) - 1, -1, -1) if open_on(episodes[i], end)), None)
        if open_index is None:
            return
        open_episode = episodes[open_index]
        if open_episode.ls in SHORT_BREAKS:
            return
        figures.looked_after += 1
        if open_episode.place != PLACED_WITH_PARENTS:
            return
        figures.placed_with_parents += 1
        figures.ages[age_band(age_on(child.dob, end))] += 1
        figures.legal_status[open_episode.ls] += 1
        figures.time_in_placement[time_in_placement_band(placement_start(episodes, open_index), end)] += 1
        moves = sum(1 for e in episodes if start <= e.decom <= end and e.rne in MOVE_REASONS)
        figures.moves[move_band(moves)] += 1


def authority_year(
    children: Iterable[Child], *, authority: str, code: str, year: int, population: int | None = None
) -> AuthorityYear:
    tally = Tally(authority=authority, code=code, year=year, population=population)
    for child in children:
        tally.add(child)
    return tally.figures


def region(rows: Iterable[AuthorityYear], *, name: str = "Region", code: str = "") -> dict[int, AuthorityYear]:
    """The authorities' figures added up, year by year.

    The region's population is the sum of its authorities' only when every
    authority with figures that year has one: a rate over part of a population
    would overstate it.
    """
    totals: dict[int, AuthorityYear] = {}
    populations: dict[int, int | None] = {}
    for row in rows:
        total = totals.setdefault(row.year, AuthorityYear(authority=name, code=code, year=row.year))
        total.add(row)
        known = populations.get(row.year, 0)
        populations[row.year] = None if known is None or row.population is None else known + row.population
    for year, total in totals.items():
        total.population = populations[year]
    return dict(sorted(totals.items()))


# --- Suppression ---------------------------------------------------------------------

type Shown = int | float | str


def primary(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def shown(count: int) -> Shown:
    return SUPPRESSED if primary(count) else count


def suppress_cells(cells: Mapping[str, int], *, total: int | None = None) -> dict[str, Shown]:
    """A breakdown whose cells add up to a total that is shown: counts of 1 to 5 are "c", and
    when only one cell is "c" the next smallest non-zero cell is "c" too, so the hidden
    count cannot be found by subtraction."""
    total = sum(cells.values()) if total is None else total
    hidden = {name for name, count in cells.items() if primary(count)}
    if len(hidden) == 1 and not primary(total):
        others = sorted((count, name) for name, count in cells.items() if count > 0 and name not in hidden)
        if others:
            hidden.add(others[0][1])
    return {name: SUPPRESSED if name in hidden else count for name, count in cells.items()}


def derived(value: float | None, *counts: Shown) -> Shown:
    """A percentage or rate: "c" if any count it is made from is hidden, "" if there is none."""
    if any(count == SUPPRESSED for count in counts):
        return SUPPRESSED
    return "" if value is None else value


@dataclass(frozen=True)
class HeadlineRow:
    """One row of the headline table as shown: counts, or "c" where suppressed."""

    authority: str
    code: str
    year: int
    looked_after: Shown
    placed_with_parents: Shown
    share: Shown
    population: Shown
    looked_after_rate: Shown
    placed_with_parents_rate: Shown
    change: Shown


def headline(rows: Sequence[AuthorityYear], totals: Mapping[int, AuthorityYear]) -> list[HeadlineRow]:
    """Each authority and the region, year by year, suppressed.

    The authorities' counts in a year add up to the region's, so each column is
    suppressed as one breakdown across the authorities (with its secondary cell).
    """
    by_year: dict[int, list[AuthorityYear]] = {}
    for row in rows:
        by_year.setdefault(row.year, []).append(row)
    shown_counts: dict[tuple[str, int], tuple[Shown, Shown]] = {}
    for year, year_rows in by_year.items():
        looked_after = suppress_cells({r.code: r.looked_after for r in year_rows})
        with_parents = suppress_cells({r.code: r.placed_with_parents for r in year_rows})
        for r in year_rows:
            shown_counts[(r.code, year)] = (looked_after[r.code], with_parents[r.code])
    for year, total in totals.items():
        shown_counts[(total.code, year)] = (shown(total.looked_after), shown(total.placed_with_parents))

    result = []
    ordered = sorted(rows, key=lambda r: (r.authority, r.year)) + list(totals.values())
    previous: dict[str, tuple[AuthorityYear, Shown]] = {}
    for row in ordered:
        la_shown, p1_shown = shown_counts[(row.code, row.year)]
        before = previous.get(row.code)
        change: Shown = ""
        if before is not None and before[0].year == row.year - 1:
            change = derived(row.placed_with_parents - before[0].placed_with_parents, p1_shown, before[1])
        previous[row.code] = (row, p1_shown)
        result.append(
            HeadlineRow(
                authority=row.authority,
                code=row.code,
                year=row.year,
                looked_after=la_shown,
                placed_with_parents=p1_shown,
                share=derived(row.placed_with_parents_share, la_shown, p1_shown),
                population="" if row.population is None else row.population,
                looked_after_rate=derived(row.looked_after_rate, la_shown),
                placed_with_parents_rate=derived(row.placed_with_parents_rate, p1_shown),
                change=change,
            )
        )
    return result


@dataclass(frozen=True)
class Breakdown:
    """One characteristic of the children placed with parents, year by year, suppressed."""

    title: str
    labels: tuple[str, ...]
    # label -> one shown value per year (in `years` order)
    values: dict[str, list[Shown]]
    years: tuple[int, ...]
    totals: list[Shown]
    total_label: str = "All placed with parents"

    def rows(self) -> list[tuple[str, list[Shown]]]:
        return [(label, self.values[label]) for label in self.labels]


def breakdown(
    title: str,
    totals: Mapping[int, AuthorityYear],
    attribute: str,
    labels: Sequence[str],
    names: Mapping[str, str],
    *,
    total_label: str = "All placed with parents",
) -> Breakdown:
    """A characteristic of the region's children placed with parents, one column a year."""
    years = tuple(totals)
    seen = [label for label in labels if any(getattr(t, attribute)[label] for t in totals.values())] or list(labels)
    extra = sorted({key for t in totals.values() for key in getattr(t, attribute)} - set(seen))
    order = tuple(seen + extra)
    values: dict[str, list[Shown]] = {label: [] for label in order}
    column_totals: list[Shown] = []
    for year in years:
        counter: Counter[str] = getattr(totals[year], attribute)
        cells = suppress_cells({label: counter[label] for label in order})
        for label in order:
            values[label].append(cells[label])
        column_totals.append(shown(sum(counter.values())))
    labelled = {f"{label}: {names[label]}" if label in names else label: v for label, v in values.items()}
    return Breakdown(
        title=title,
        labels=tuple(labelled),
        values=labelled,
        years=years,
        totals=column_totals,
        total_label=total_label,
    )
