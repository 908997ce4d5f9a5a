"""Which pages the site has, and the data each page template receives.

Every function here returns `Page` records; none renders or writes anything. The URL of
each page comes from `urls`, and the template turns the record into Markdown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..diff import Change, Segment, YearDiff, comparable_text, compare_pairs, word_diff
from ..model import PARTS, VARDVAL, Meeting, Placement, Question, Requirement, Version
from ..swedish import sort_key
from . import urls
from .catalog import Catalog
from .charts import chartable
from .downloads import Download, download_order


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    # Pages that repeat text found elsewhere stay out of the search index, which keeps the
    # index small and search results free of duplicates.
    searchable: bool = True


@dataclass(frozen=True)
class Prose:
    """The hand-written pages from `content/`: the project's own Markdown, shown as written."""

    intro: Markup
    about: Markup
    accessibility: Markup
    guide: Markup


@dataclass(frozen=True)
class VersionView:
    """One version on a history page, with its word diff against the version before it."""

    version: Version
    previous: Version | None
    words: tuple[Segment, ...] | None  # None: show the text itself
    moved_from: Placement | None

    @property
    def previous_year(self) -> int | None:
        return self.previous.year if self.previous is not None else None

    @property
    def retold(self) -> bool:
        """Whether the word diff compares a text re-told in own words rather than FFU wording."""
        return self.words is not None and _retold(self.previous, self.version)


def _retold(*versions: Version | None) -> bool:
    return any(v is not None and v.paraphrased for v in versions)


KIND_LABELS = {"ny": "Nytt krav", "ändrad": "Ändrad text", "utgår": "Utgår", "oförändrad": "Oförändrad text"}


class Site:
    """The page list of one build, with the helpers the templates call."""

    def __init__(
        self,
        catalog: Catalog,
        prose: Prose,
        downloads: Sequence[Download],
        diffs: Mapping[tuple[int, int], YearDiff] | None = None,
    ) -> None:
        self.catalog = catalog
        self.db = catalog.db
        self.prose = prose
        self.downloads = sorted(downloads, key=download_order)
        # Comparisons the caller already made (the build shares them with the change reports).
        self._diffs: dict[tuple[int, int], YearDiff] = dict(diffs or {})
        self._by_id: dict[tuple[int, int], dict[str, Change]] = {}

    # -- helpers the templates use -----------------------------------------------------------

    def full_diff(self, from_year: int, to_year: int) -> YearDiff:
        """Every requirement compared once per pair of years; the vårdval pages filter it."""
        key = (from_year, to_year)
        if key not in self._diffs:
            self._diffs.update(compare_pairs(self.db, [key, *self.catalog.year_pairs()]))
        return self._diffs[key]

    def diff(self, from_year: int, to_year: int, vardval: str) -> YearDiff:
        """The same selection as `compare(..., vardval=vardval)`, without diffing Del A four times."""
        return self.full_diff(from_year, to_year).restricted_to(vardval)

    @staticmethod
    def heading_of(requirement: Requirement) -> str:
        """The requirement's latest heading, which names it on pages that span years."""
        for version in reversed(requirement.versions):
            if version.placement is not None:
                return version.placement.heading
        return requirement.id

    def placements(self, requirement: Requirement) -> list[tuple[int, str]]:
        """Every (year, chapter page) where the requirement appears, newest year first."""
        found = []
        for year in reversed(self.catalog.years):
            path = self.catalog.location(requirement.id, year)
            if path is not None:
                found.append((year, path))
        return found

    def _words(self, requirement: Requirement, previous: Version, version: Version) -> tuple[Segment, ...]:
        """The word diff between two versions, taken from the year comparison when it has it."""
        earlier = self.catalog.previous_year(version.year)
        if earlier is not None:
            key = (earlier, version.year)
            if key not in self._by_id:
                self._by_id[key] = {c.id: c for c in self.full_diff(*key).changes}
            change = self._by_id[key].get(requirement.id)
            if change is not None and change.old == previous and change.new == version:
                return change.words
        return word_diff(comparable_text(previous.text), comparable_text(version.text))

    def versions_of(self, requirement: Requirement) -> list[VersionView]:
        views = []
        previous: Version | None = None
        for version in requirement.versions:
            words: tuple[Segment, ...] | None = None
            if previous is not None and previous.text and previous.text != version.text:
                words = self._words(requirement, previous, version)
                if all(w.op == "equal" for w in words):
                    words = None
            moved = (
                previous.placement
                if previous is not None
                and previous.placement
                and version.placement
                and previous.placement.section != version.placement.section
                else None
            )
            views.append(VersionView(version, previous, words, moved))
            previous = version
        return views

    @staticmethod
    def change_label(change: Change) -> str:
        labels = [KIND_LABELS[change.kind]]
        if change.moved:
            labels.append("flyttad")
        if change.rescoped:
            labels.append("ändrad omfattning")
        return ", ".join(labels)

    @staticmethod
    def retold(change: Change) -> bool:
        """Whether a change compares two texts of which one or both are re-told in own words."""
        return change.kind == "ändrad" and change.old is not None and _retold(change.old, change.new)

    @staticmethod
    def effective(change: Change) -> dt.date:
        if change.recorded is not None:
            return change.recorded.effective_date()
        return dt.date(change.new.year if change.new else change.placement_version.year, 1, 1)

    def globals(self) -> dict[str, Any]:
        return {
            "catalog": self.catalog,
            "db": self.db,
            "heading_of": self.heading_of,
            "placements": self.placements,
            "versions_of": self.versions_of,
            "change_label": self.change_label,
            "retold": self.retold,
            "effective": self.effective,
        }

    # -- the pages ---------------------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        yield self.home()
        yield from self.ffu_pages()
        yield from self.history_pages()
        yield from self.comparison_pages()
        yield from self.question_pages()
        yield from self.change_pages()
        yield Page(urls.DOWNLOADS, "downloads.md.j2", {"downloads": self.downloads})
        sources = sorted(self.db.sources.values(), key=lambda s: s.file)
        yield Page(urls.ABOUT, "prose.md.j2", {"body": self.prose.about, "sources": sources})
        yield Page(urls.ACCESSIBILITY, "prose.md.j2", {"body": self.prose.accessibility, "sources": ()})
        yield Page(urls.GUIDE, "prose.md.j2", {"body": self.prose.guide, "sources": ()})

    def home(self) -> Page:
        catalog = self.catalog
        year = catalog.home_year
        previous = catalog.previous_year(year)
        changes = []
        if previous is not None:
            for vardval in VARDVAL:
                diff = self.diff(previous, year, vardval)
                proposals = sum(1 for c in diff.changed if c.status == "förslag")
                changes.append((vardval, diff.counts(), proposals))
        later = [y for y in catalog.years if y > year]
        featured = [d for d in self.downloads if d.year == year]
        return Page(
            urls.HOME,
            "home.md.j2",
            {
                "intro": self.prose.intro,
                "year": year,
                "previous": previous,
                "changes": changes,
                "later": later[-1] if later else None,
                "meeting": catalog.latest_meeting(),
                "downloads": featured,
            },
        )

    def ffu_pages(self) -> Iterator[Page]:
        catalog = self.catalog
        yield Page(urls.FFU_INDEX, "ffu_index.md.j2")
        for year in catalog.years:
            banner = catalog.banner(year)
            # A superseded year stays on the site but out of the search index: its texts are
            # on the history pages too, and search results then point at what applies now.
            searchable = banner.kind != "ersatt"
            yield Page(
                urls.ffu_year(year),
                "ffu_year.md.j2",
                {
                    "year": year,
                    "banner": banner,
                    "previous": catalog.previous_year(year),
                },
                searchable,
            )
            for part in ("a", *VARDVAL):
                chapters = catalog.chapters(year, part)
                toc = catalog.toc(year, part)
                entries = [e for _, listed in toc for _, in_chapter in listed for e in in_chapter]
                yield Page(
                    urls.ffu(year, part),
                    "ffu_toc.md.j2",
                    {
                        "year": year,
                        "part": part,
                        "banner": banner,
                        "parts": toc,
                        "total": len(entries),
                        "proposals": sum(1 for e in entries if e.version.status == "förslag"),
                        "previous": catalog.previous_year(year),
                    },
                    searchable,
                )
                for index, page in enumerate(chapters):
                    yield Page(
                        page.path,
                        "chapter.md.j2",
                        {
                            "page": page,
                            "banner": banner,
                            "previous": chapters[index - 1] if index > 0 else None,
                            "next": chapters[index + 1] if index + 1 < len(chapters) else None,
                        },
                        searchable,
                    )

    def history_groups(self) -> list[tuple[str, list[tuple[str, list[Requirement]]]]]:
        """Per part, its history pages and the requirements on each."""
        groups = []
        for part in PARTS:
            pages: dict[str, list[Requirement]] = {}
            for requirement in self.catalog.requirements_in(part):
                pages.setdefault(urls.history(requirement.id), []).append(requirement)
            if pages:
                groups.append((part, list(pages.items())))
        return groups

    def history_pages(self) -> Iterator[Page]:
        groups = self.history_groups()
        yield Page(urls.HISTORY_INDEX, "history_index.md.j2", {"groups": groups})
        for part, pages in groups:
            for path, requirements in pages:
                yield Page(
                    path,
                    "history.md.j2",
                    {
                        "part": part,
                        "requirements": requirements,
                        "single": len(pages) == 1,
                        "id_range": urls.history_title(requirements[0].id),
                    },
                )

    def comparison_pages(self) -> Iterator[Page]:
        catalog = self.catalog
        yield Page(urls.COMPARISONS_INDEX, "comparisons_index.md.j2")
        for topic in catalog.comparison_topics():
            comparisons = catalog.comparisons_by_topic[topic]
            cells: dict[tuple[str, str], list[Any]] = {}
            for comparison in comparisons:
                cells.setdefault((comparison.region, comparison.aspect), []).append(comparison)
            related = [r for r in self.db.requirements.values() if topic in r.topics]
            yield Page(
                urls.comparison_topic(topic),
                "comparison_topic.md.j2",
                {
                    "topic": topic,
                    "comparisons": comparisons,
                    "cells": cells,
                    "regions": sorted({c.region for c in comparisons}, key=sort_key),
                    "aspects": sorted({c.aspect for c in comparisons}, key=sort_key),
                    "related": related,
                    "charted": [c for c in comparisons if chartable(c.figures)],
                },
            )

    def question_pages(self) -> Iterator[Page]:
        catalog = self.catalog
        meetings = sorted(self.db.meetings.values(), key=lambda m: m.date, reverse=True)
        yield Page(urls.QUESTIONS_INDEX, "questions_index.md.j2", {"meetings": meetings})
        for meeting in meetings:
            yield Page(urls.meeting(meeting.id), "meeting.md.j2", {"meeting": meeting})
        for vardval in VARDVAL:
            asked = catalog.questions_by_vardval.get(vardval, [])
            groups: dict[str, tuple[Meeting, list[Question]]] = {}
            for meeting, question in asked:
                groups.setdefault(meeting.id, (meeting, []))[1].append(question)
            ordered = sorted(groups.values(), key=lambda g: g[0].date, reverse=True)
            yield Page(
                urls.questions_for_vardval(vardval),
                "questions_vardval.md.j2",
                {"vardval": vardval, "groups": ordered},
                searchable=False,
            )
        yield Page(urls.QUESTIONS_BY_TOPIC, "questions_topics.md.j2")

    def change_pages(self) -> Iterator[Page]:
        table = []
        for from_year, to_year in self.catalog.year_pairs():
            row: dict[str, Counter[str]] = {}
            for vardval in VARDVAL:
                diff = self.diff(from_year, to_year, vardval)
                counts = diff.counts()
                row[vardval] = counts
                yield Page(
                    urls.changes(from_year, to_year, vardval),
                    "changes.md.j2",
                    {
                        "diff": diff,
                        "vardval": vardval,
                        "banner": self.catalog.banner(to_year),
                        "changed": diff.changed,
                        "counts": [
                            ("Nya krav", counts["ny"]),
                            ("Ändrad text", counts["ändrad"]),
                            ("Utgår", counts["utgår"]),
                            ("Flyttade", counts["flyttad"]),
                            ("Ändrad omfattning (vårdval)", counts["ändrad omfattning"]),
                            ("Oförändrad text", counts["oförändrad"]),
                        ],
                    },
                    searchable=False,
                )
            table.append(((from_year, to_year), row))
        yield Page(urls.CHANGES_INDEX, "changes_index.md.j2", {"table": list(reversed(table))})
