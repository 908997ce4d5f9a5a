"""Breadcrumbs: where a page sits in the site, from the start page down, by its URL.

The theme's own breadcrumbs follow the navigation, which lists index pages only; chapter,
history and comparison pages would get none. These follow the URL scheme of `urls` instead.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from ..model import PART_NAMES, VARDVAL_NAMES
from . import urls

SECTIONS = {
    "ffu": ("Förfrågningsunderlag", urls.FFU_INDEX),
    "historik": ("Kravhistorik", urls.HISTORY_INDEX),
    "omvarld": ("Omvärldsbevakning", urls.COMPARISONS_INDEX),
    "fragor": ("Frågor och svar", urls.QUESTIONS_INDEX),
    "andringar": ("Ändringar", urls.CHANGES_INDEX),
}


def trail(page: str) -> list[tuple[str, str | None]]:
    """The pages above `page` as (label, page or None for a level without a page of its own)."""
    if page == urls.HOME:
        return []
    crumbs: list[tuple[str, str | None]] = [("Start", urls.HOME)]
    parts = page.split("/")
    section = SECTIONS.get(parts[0]) if len(parts) > 1 else None
    if section is None or page == section[1]:
        return crumbs
    crumbs.append(section)
    if parts[0] == "ffu" and len(parts) >= 3:
        year = int(parts[1])
        if page != urls.ffu_year(year):
            crumbs.append((str(year), urls.ffu_year(year)))
        if len(parts) == 4 and parts[3] != "index.md":
            part = "a" if parts[2] == "del-a" else parts[2]
            crumbs.append((PART_NAMES[part] if part == "a" else VARDVAL_NAMES[part], urls.ffu(year, part)))
    elif parts[0] == "andringar" and len(parts) == 3:
        crumbs.append((parts[1].replace("-", " → "), None))
    return crumbs


def breadcrumbs(page: str, current: str, url: Callable[[str], str]) -> str:
    """The breadcrumb navigation of `page` as HTML; `current` is the page's own title, already
    safe for HTML, and `url` makes a link relative to the page. Empty on the start page."""
    crumbs = trail(page)
    if not crumbs:
        return ""
    items = []
    for label, target in crumbs:
        text = html.escape(label)
        items.append(f'<li><a href="{url(target)}">{text}</a></li>' if target else f"<li>{text}</li>")
    items.append(f'<li aria-current="page">{current}</li>')
    return f'<nav class="ffu-breadcrumbs" aria-label="Du är här"><ol>{"".join(items)}</ol></nav>\n\n'
