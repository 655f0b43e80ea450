"""Bar charts as server-drawn SVG: no script, nothing for the content security policy to
refuse (sizes are SVG attributes, not inline styles). Each chart is hidden from screen
readers; the table printed under it carries the same numbers for them."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from hub.impact.figures import Table

# GOV.UK colours with enough contrast against white and against each other.
COLOURS = ("#1d70b8", "#f47738", "#00703c")
LABEL_WIDTH = 280
BAR_AREA = 380
VALUE_WIDTH = 60
BAR_HEIGHT = 16
GAP = 8


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _shown(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def bar_chart(table: Table) -> SafeString:
    """Horizontal bars, one group per row of the table, one bar per value column."""
    chart = table.chart
    if chart is None or not table.rows:
        return mark_safe("")  # an empty string
    series = chart.value_columns
    largest = 100.0 if chart.percent else max((_number(row[c]) for row in table.rows for c in series), default=0)
    largest = largest or 1.0
    group_height = len(series) * (BAR_HEIGHT + 2) + GAP
    # One legend line per series: long column names never run into each other.
    legend_height = 20 * len(series) + 4 if len(series) > 1 else 0
    height = legend_height + len(table.rows) * group_height + GAP
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    parts: list[SafeString] = []
    if len(series) > 1:
        parts.append(
            format_html_join(
                "",
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="14">{}</text>',
                (
                    (LABEL_WIDTH, 4 + n * 20, colour, LABEL_WIDTH + 18, 15 + n * 20, table.columns[c])
                    for n, c in enumerate(series)
                    for colour in [COLOURS[n % len(COLOURS)]]
                ),
            )
        )
    for r, row in enumerate(table.rows):
        top = legend_height + r * group_height
        label = _shown(row[chart.label_column])
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="14" text-anchor="end">{}</text>',
                LABEL_WIDTH - 8,
                top + BAR_HEIGHT - 3,
                label if len(label) <= 34 else label[:33] + "…",
            )
        )
        for n, c in enumerate(series):
            value = row[c]
            length = round(BAR_AREA * min(_number(value), largest) / largest, 1)
            y = top + n * (BAR_HEIGHT + 2)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                    '<text x="{}" y="{}" font-size="13">{}{}</text>',
                    LABEL_WIDTH,
                    y,
                    length,
                    BAR_HEIGHT,
                    COLOURS[n % len(COLOURS)],
                    LABEL_WIDTH + length + 4,
                    y + BAR_HEIGHT - 3,
                    _shown(value),
                    "%" if chart.percent and value is not None else "",
                )
            )
    return format_html(
        '<svg class="hub-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
        'aria-hidden="true" focusable="false" font-family="arial, sans-serif" fill="#0b0c0c">{}</svg>',
        width,
        height,
        mark_safe("".join(parts)),  # noqa: S308  # each part was escaped by format_html above
    )
