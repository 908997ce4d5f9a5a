"""Bar charts drawn as SVG at build time, so the page needs no script to show them.

A chart is never the only way to read the figures: the page shows the same numbers in a
table beside it, and the SVG carries a title and a description for screen readers.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from markupsafe import Markup

from ..model import Figure
from ..swedish import format_number

WIDTH = 420  # close to the width the chart gets on the page, so 13 px text stays 13 px
ROW = 42
TOP = 8
VALUE_SPACE = 64
BAR_COLOUR = "#1d4f91"  # 8.6:1 against white, well above the 3:1 that graphics need
TEXT_COLOUR = "#1a1a1a"


def chartable(figures: Sequence[Figure]) -> bool:
    """Shares in percent read well as bars; other figures stay in the table."""
    return len(figures) >= 3 and all(f.unit == "%" for f in figures)


def bar_chart(chart_id: str, title: str, figures: Sequence[Figure]) -> Markup:
    """A horizontal bar chart of percentages, 0–100: each label above its bar, the value after it."""
    bar_space = WIDTH - VALUE_SPACE
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
    for tick in (0, 25, 50, 75, 100):
        x = 1 + (bar_space - 2) * tick / 100
        anchor = "start" if tick == 0 else "middle"
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{bottom}" '
            'stroke="#767676" stroke-width="0.6" stroke-dasharray="2 3"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 16}" font-size="12" text-anchor="{anchor}" '
            f'fill="{TEXT_COLOUR}">{tick} %</text>'
        )
    for index, figure in enumerate(figures):
        y = TOP + ROW * index
        width = (bar_space - 2) * max(0.0, min(figure.value, 100.0)) / 100
        parts.append(
            f'<text x="1" y="{y + 14}" font-size="13" fill="{TEXT_COLOUR}">{esc(figure.label)}</text>'
        )
        parts.append(f'<rect x="1" y="{y + 20}" width="{width:.1f}" height="14" fill="{BAR_COLOUR}"/>')
        parts.append(
            f'<text x="{width + 7:.1f}" y="{y + 32}" font-size="13" font-weight="bold" '
            f'fill="{TEXT_COLOUR}">{esc(format_number(figure.value))} {esc(figure.unit)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
