"""Small statistics for the dashboard: plain Python, no Django, so the pages, the
downloads, the PDF and `manage.py impact_figures` round the same way."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def median(values: Sequence[float]) -> float | None:
    """The median, to one decimal place; None when there is nothing to take it of."""
    if not values:
        return None
    return round(float(statistics.median(values)), 1)


def percent(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole`, to one decimal place; None when `whole` is 0."""
    if whole <= 0:
        return None
    return round(100.0 * part / whole, 1)


def mean(values: Sequence[float]) -> float | None:
    if not values:
        return None
    return round(float(statistics.fmean(values)), 1)
