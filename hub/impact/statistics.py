"""Small statistics for the dashboard: plain Python, no Django, so the pages, the
downloads, the PDF and `manage.py impact_figures` round the same way."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence


def median(values: Sequence[float]) -> float | None:
    """The median, to one decimal place; None when there is nothing to take it of."""
    if not values:
        return None
    return round(float(statistics.median(values)), 1)


def median_of_counts(counts: Mapping[int, int] | Iterable[tuple[int, int]]) -> float | None:
    """The median of values given as (value, how many times it occurs), to one decimal place, exactly
    as `median` of the values written out: what the database's counts per number of days give,
    without reading one row per assessment. None when there is nothing to take it of."""
    pairs = counts.items() if isinstance(counts, Mapping) else counts
    ordered = sorted((value, n) for value, n in pairs if n > 0)
    total = sum(n for _, n in ordered)
    if not total:
        return None
    # The middle one when the count is odd, the two either side of the middle when it is even
    # (0-based positions in the values written out in order).
    low_at, high_at = (total - 1) // 2, total // 2
    low = high = None
    seen = 0
    for value, n in ordered:
        seen += n
        if low is None and seen > low_at:
            low = value
        if seen > high_at:
            high = value
            break
    assert low is not None and high is not None
    middle = float(low) if total % 2 else (low + high) / 2
    return round(middle, 1)


def percent(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole`, to one decimal place; None when `whole` is 0."""
    if whole <= 0:
        return None
    return round(100.0 * part / whole, 1)


def mean(values: Sequence[float]) -> float | None:
    if not values:
        return None
    return round(float(statistics.fmean(values)), 1)
