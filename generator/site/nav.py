"""The site navigation, in the shape mkdocs' `nav` setting takes.

The theme repeats the navigation on every page, so it lists index pages only: years and
vårdval, not chapters. Its size then grows with the number of years, not of requirements;
chapter pages are reached from each FFU's table of contents.
"""

from __future__ import annotations

from typing import Any

from ..model import PART_NAMES, VARDVAL, VARDVAL_NAMES
from ..swedish import format_date
from . import urls
from .pages import Site
from .render_html import title_text

NavItem = str | dict[str, Any]


def _label(text: str) -> str:
    """A nav title from the data. The theme writes nav titles unescaped and uses them as page
    titles, so they are made safe the way page titles are."""
    return str(title_text(text))


def build_nav(site: Site) -> list[NavItem]:
    catalog = site.catalog
    ffu: list[NavItem] = [urls.FFU_INDEX]
    for year in reversed(catalog.years):
        label = f"{year} – {catalog.banner(year).short}"
        ffu.append(
            {
                label: [
                    urls.ffu_year(year),
                    {"Del A – Allmänna avsnitt": urls.ffu(year, "a")},
                    *({VARDVAL_NAMES[v]: urls.ffu(year, v)} for v in VARDVAL),
                ]
            }
        )
    changes: list[NavItem] = [urls.CHANGES_INDEX]
    for from_year, to_year in reversed(catalog.year_pairs()):
        changes.append(
            {
                f"{from_year} → {to_year}": [
                    {VARDVAL_NAMES[v]: urls.changes(from_year, to_year, v)} for v in VARDVAL
                ]
            }
        )
    history: list[NavItem] = [urls.HISTORY_INDEX]
    for part, pages in site.history_groups():
        if len(pages) == 1:
            history.append({PART_NAMES[part]: pages[0][0]})
        else:
            history.append({PART_NAMES[part]: [{urls.history_title(rs[0].id): path} for path, rs in pages]})
    comparisons: list[NavItem] = [urls.COMPARISONS_INDEX]
    comparisons += [
        {_label(catalog.topic_name(t)): urls.comparison_topic(t)} for t in catalog.comparison_topics()
    ]
    meetings = sorted(site.db.meetings.values(), key=lambda m: m.date, reverse=True)
    questions: list[NavItem] = [urls.QUESTIONS_INDEX]
    questions += [{_label(f"{m.name} {format_date(m.date)}"): urls.meeting(m.id)} for m in meetings]
    questions += [{f"Vårdval {VARDVAL_NAMES[v].lower()}": urls.questions_for_vardval(v)} for v in VARDVAL]
    questions.append({"Per ämne": urls.QUESTIONS_BY_TOPIC})
    return [
        {"Start": urls.HOME},
        {"Förfrågningsunderlag": ffu},
        {"Ändringar": changes},
        {"Kravhistorik": history},
        {"Omvärldsbevakning": comparisons},
        {"Frågor och svar": questions},
        *([{"Fakta och uppföljning": urls.FACTS_INDEX}] if site.db.facts else []),
        {"Nedladdningar": urls.DOWNLOADS},
        {
            "Om webbplatsen": [
                {"Om webbplatsen och källorna": urls.ABOUT},
                {"Tillgänglighetsredogörelse": urls.ACCESSIBILITY},
                {"Öppna data och flöden": urls.OPEN_DATA},
            ]
        },
    ]
