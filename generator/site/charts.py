"""Bar charts drawn as SVG at build time, so the page needs no script to show them.

A chart is never the only way to read the figures: the page shows the same numbers in a
table beside it, and the SVG carries a title and a description for screen readers.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..model import Figure
from ..swedish import format_number

WIDTH = 420  # close to the width the chart gets on the page, so 13 px text stays 13 px
ROW = 42
TOP = 8
VALUE_SPACE = 64
CHAR_WIDTH = 7.6  # a generous average width of a 13 px bold character
BAR_COLOUR = "#1d4f91"  # 8.6:1 against white, well above the 3:1 that graphics need
TEXT_COLOUR = "#1a1a1a"


def chartable(figures: Sequence[Figure]) -> bool:
    """Shares in percent read well as bars; other figures stay in the table."""
    return len(figures) >= 3 and all(f.unit == "%" for f in figures)


def bar_chart(chart_id: str, title: str, figures: Sequence[Figure]) -> Markup:
    """A horizontal bar chart of percentages, 0–100: each label above its bar, the value after it."""
    return _bars(chart_id, title, figures, (0, 25, 50, 75, 100), lambda tick: f"{tick:g} %")


def count_chart(chart_id: str, title: str, figures: Sequence[Figure]) -> Markup:
    """A horizontal bar chart of counts, from 0 to a round number at or above the largest value.

    Each bar carries its own unit, so figures of different units can stand in one chart of
    counts; the page's table beside it gives the same numbers.
    """
    top, step = nice_scale(max((f.value for f in figures), default=0.0))
    ticks = [step * i for i in range(round(top / step) + 1)]
    return _bars(chart_id, title, figures, ticks, format_number)


def nice_scale(largest: float) -> tuple[float, float]:
    """The axis end and tick step for counts up to `largest`: steps of 1, 2 or 5 times a power of ten."""
    if largest <= 0:
        return 1.0, 0.25
    magnitude = 10 ** math.floor(math.log10(largest / 4))
    step = next(m * magnitude for m in (1, 2, 5, 10) if largest / (m * magnitude) <= 4)
    if largest >= 1:
        step = max(step, 1)  # whole things are counted in whole steps
    return round(step * math.ceil(largest / step), 9), step


def _bars(
    chart_id: str,
    title: str,
    figures: Sequence[Figure],
    ticks: Sequence[float],
    tick_label: Callable[[float], str],
) -> Markup:
    top = ticks[-1]
    values = [f"{format_number(f.value)} {f.unit}" for f in figures]
    # Room after the longest bar for its value: a long unit must not run off the chart.
    value_space = max(VALUE_SPACE, round(max((len(v) for v in values), default=0) * CHAR_WIDTH) + 10)
    bar_space = WIDTH - value_space
    bottom = TOP + ROW * len(figures)
    height = bottom + 22
    esc = html.escape
    description = "; ".join(f"{f.label}: {format_number(f.value)} {f.unit}" for f in figures)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ffu-chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{esc(description)}</desc>',
    ]
    for tick in ticks:
        x = 1 + (bar_space - 2) * tick / top
        anchor = "start" if tick == 0 else "middle"
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{bottom}" '
            'stroke="#767676" stroke-width="0.6" stroke-dasharray="2 3"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 16}" font-size="12" text-anchor="{anchor}" '
            f'fill="{TEXT_COLOUR}">{esc(tick_label(tick))}</text>'
        )
    for index, (figure, value) in enumerate(zip(figures, values, strict=True)):
        y = TOP + ROW * index
        width = (bar_space - 2) * max(0.0, min(figure.value, top)) / top
        parts.append(
            f'<text x="1" y="{y + 14}" font-size="13" fill="{TEXT_COLOUR}">{esc(figure.label)}</text>'
        )
        parts.append(f'<rect x="1" y="{y + 20}" width="{width:.1f}" height="14" fill="{BAR_COLOUR}"/>')
        parts.append(
            f'<text x="{width + 7:.1f}" y="{y + 32}" font-size="13" font-weight="bold" '
            f'fill="{TEXT_COLOUR}">{esc(value)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
