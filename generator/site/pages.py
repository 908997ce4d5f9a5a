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

from .. import facts
from ..database import Database
from ..diff import KINDS, Change, Segment, YearDiff, comparable_text, compare_pairs, word_diff
from ..model import (
    FACT_KIND_NAMES,
    PARTS,
    VARDVAL,
    VARDVAL_NAMES,
    Meeting,
    Placement,
    Question,
    Requirement,
    Version,
)
from ..swedish import format_date, sort_key
from ..timeline import Standing, first_documented, is_open
from ..vocabulary import (
    CATEGORY_LABEL,
    CATEGORY_LABELS,
    CATEGORY_MEANING,
    FLAG_LABELS,
    YEAR_UNSTATED_NOTE,
    first_documented_note,
    standing_notes,
    start_unknown_note,
)
from . import urls
from .catalog import Catalog
from .charts import chartable
from .downloads import Download, download_order
from .feeds import FeedEntry


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    # The page's rank in search results (SEARCH_RANKS), or None: pages that repeat text found
    # elsewhere stay out of the search index, which keeps results free of duplicates.
    search_rank: int | None = 5


# Search lists results rank by rank (templates/site/assets/ffu-search.js): first the rule a
# provider must follow now, then proposals, then what explains it, then its past.
SEARCH_RANKS = {
    "gallande": 1,  # requirement texts of the year in force
    "forslag": 2,  # requirement texts of a proposed year
    "kommande": 2,  # requirement texts of a decided year not yet in force
    "explains": 3,  # questions and answers, region comparisons
    "history": 4,  # requirement history
    "other": 5,  # indexes, about pages
}


def chapter_rank(banner_kind: str) -> int | None:
    """A year's chapter pages by the year's status; a superseded year's are not indexed, since
    its texts are on the history pages too and results should point at what applies now."""
    return SEARCH_RANKS.get(banner_kind) if banner_kind != "ersatt" else None


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
    label: str = ""  # what the version is: "ändrad, beslutad", "förslag som inte beslutades"
    when: str = ""  # from when it applies, or that the source does not say
    notes: tuple[str, ...] = ()

    @property
    def previous_year(self) -> int | None:
        return self.previous.year if self.previous is not None else None

    @property
    def retold(self) -> bool:
        """Whether the word diff compares a text re-told in own words rather than FFU wording."""
        return self.words is not None and _retold(self.previous, self.version)


def _retold(*versions: Version | None) -> bool:
    return any(v is not None and v.paraphrased for v in versions)


def version_label(
    db: Database, requirement: Requirement, version: Version
) -> tuple[str, str, tuple[str, ...]]:
    """A version's label, its start and what the sources leave open, for the history page."""
    notes: list[str] = []
    if version.status == "förslag":
        label = f"{version.change}, förslag"
        if not is_open(db, version.year):
            notes.append(
                "Källorna visar inte att förslaget beslutades när förfrågningsunderlaget "
                f"{version.year} beslutades."
            )
        if not version.year_stated:
            notes.append(YEAR_UNSTATED_NOTE)
    elif first_documented(requirement) == version.year and requirement.versions[0] is version:
        label = "först dokumenterad, beslutad"
        notes.append(first_documented_note(version.year))
    else:
        label = f"{version.change}, beslutad"
    if version.effective_unknown:
        when = start_unknown_note(version.decision.date if version.decision else None).rstrip(".")
    elif version.change == "utgår":
        when = f"Utgår från {format_date(version.effective_date())}"
    elif version.status == "förslag":
        when = f"Föreslås gälla från {format_date(version.effective_date())}"
    else:
        when = f"Gäller från {format_date(version.effective_date())}"
    return label, when, tuple(notes)


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
        self.facts_by_requirement = facts.by_requirement(self.db)
        self.facts_by_topic = facts.by_topic(self.db)

    # -- helpers the templates use -----------------------------------------------------------

    def full_diff(self, from_year: int, to_year: int) -> YearDiff:
        """Every requirement compared once per pair of years; the vårdval pages filter it."""
        key = (from_year, to_year)
        if key not in self._diffs:
            self._diffs.update(compare_pairs(self.db, [key, *self.catalog.year_pairs()]))
        return self._diffs[key]

    def diff(self, from_year: int, to_year: int, vardval: str) -> YearDiff:
        """The same selection as `compare(..., vardval=vardval)`, without diffing Del A four times."""
        return self.full_diff(from_year, to_year).restricted_to(vardval, self.db)

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
            label, when, notes = version_label(self.db, requirement, version)
            views.append(VersionView(version, previous, words, moved, label, when, notes))
            previous = version
        return views

    @staticmethod
    def change_label(change: Change) -> str:
        labels = [CATEGORY_LABEL[change.kind]]
        if change.moved:
            labels.append("flyttad")
        if change.rescoped:
            labels.append("ändrad omfattning")
        if change.corrected:
            labels.append("rättad efter beslutet")
        return ", ".join(labels)

    @staticmethod
    def retold(change: Change) -> bool:
        """Whether a change compares two texts of which one or both are re-told in own words."""
        return change.kind == "ändrad" and change.old is not None and _retold(change.old, change.new)

    @staticmethod
    def effective(change: Change) -> str:
        """'Gäller från' of a change: a date, or what the sources leave open."""
        if change.kind == "först dokumenterad":
            return "anges inte i källorna (gällde redan tidigare)"
        recorded = change.recorded
        if recorded is not None and recorded.effective_unknown:
            return "anges inte i källan"
        if recorded is not None:
            return format_date(recorded.effective_date())
        if change.kind in ("oförändrad", "obekräftad"):
            return "oförändrad"
        return format_date(dt.date(change.new.year if change.new else change.placement_version.year, 1, 1))

    @staticmethod
    def notes(entry: Standing) -> list[str]:
        """What the sources establish and leave open about a requirement in a year's FFU."""
        return standing_notes(entry)

    def feed_entries(self) -> dict[str, list[FeedEntry]]:
        """The changes between every pair of years, per vårdval, for the Atom feeds."""
        found: dict[str, list[FeedEntry]] = {}
        for from_year, to_year in self.catalog.year_pairs():
            for vardval in VARDVAL:
                page = urls.changes(from_year, to_year, vardval)
                for change in self.diff(from_year, to_year, vardval).changed:
                    entry = FeedEntry(from_year, to_year, change, page, self.effective(change))
                    found.setdefault(vardval, []).append(entry)
        return found

    def globals(self) -> dict[str, Any]:
        return {
            "catalog": self.catalog,
            "db": self.db,
            "heading_of": self.heading_of,
            "placements": self.placements,
            "versions_of": self.versions_of,
            "change_label": self.change_label,
            "notes": self.notes,
            "CATEGORY_MEANING": CATEGORY_MEANING,
            "retold": self.retold,
            "effective": self.effective,
            "facts_by_requirement": self.facts_by_requirement,
            "facts_by_topic": self.facts_by_topic,
            "FACT_KIND_NAMES": FACT_KIND_NAMES,
            "chart_scale": facts.chart_scale,
        }

    # -- the pages ---------------------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        yield self.home()
        yield from self.ffu_pages()
        yield from self.history_pages()
        yield from self.comparison_pages()
        yield from self.question_pages()
        yield from self.fact_pages()
        yield from self.change_pages()
        yield Page(urls.DOWNLOADS, "downloads.md.j2", {"downloads": self.downloads})
        sources = sorted(self.db.sources.values(), key=lambda s: s.file)
        yield Page(urls.ABOUT, "prose.md.j2", {"body": self.prose.about, "sources": sources})
        yield Page(urls.ACCESSIBILITY, "prose.md.j2", {"body": self.prose.accessibility, "sources": ()})
        yield Page(urls.OPEN_DATA, "open_data.md.j2", {"years": self.catalog.years})
        yield Page(urls.NOT_FOUND, "not_found.md.j2", search_rank=None)
        # The writer guide is for editors: readers' searches do not find it.
        yield Page(urls.GUIDE, "prose.md.j2", {"body": self.prose.guide, "sources": ()}, None)

    def home(self) -> Page:
        catalog = self.catalog
        year = catalog.home_year
        previous = catalog.previous_year(year)
        changes = []
        if previous is not None:
            for vardval in VARDVAL:
                diff = self.diff(previous, year, vardval)
                proposals = len(diff.proposals) + sum(1 for c in diff.changed if c.status == "förslag")
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
            # A superseded year stays on the site but out of the search index.
            rank = chapter_rank(banner.kind)
            listing = SEARCH_RANKS["other"] if rank is not None else None
            yield Page(
                urls.ffu_year(year),
                "ffu_year.md.j2",
                {
                    "year": year,
                    "banner": banner,
                    "previous": catalog.previous_year(year),
                },
                listing,
            )
            for part in ("a", *VARDVAL):
                chapters = catalog.chapters(year, part)
                toc = catalog.toc(year, part)
                view = catalog.view(year, None if part == "a" else part)
                in_part = [s for s in view.entries if part != "a" or s.requirement.part == "a"]
                ending = [s for s in view.ending if part != "a" or s.requirement.part == "a"]
                proposals = [p for p in view.proposals if part != "a" or p.requirement.part == "a"]
                yield Page(
                    urls.ffu(year, part),
                    "ffu_toc.md.j2",
                    {
                        "year": year,
                        "part": part,
                        "banner": banner,
                        "parts": toc,
                        "summary": toc_summary(year, part, len(in_part), len(ending), view.open),
                        "proposals": len(proposals),
                        "previous": catalog.previous_year(year),
                    },
                    listing,
                )
                if proposals:
                    yield Page(
                        urls.proposals(year, part),
                        "proposals.md.j2",
                        {"year": year, "part": part, "proposals": proposals},
                        SEARCH_RANKS["forslag"] if rank is not None else None,
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
                        rank,
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
                    SEARCH_RANKS["history"],
                )

    def comparison_pages(self) -> Iterator[Page]:
        catalog = self.catalog
        year = catalog.home_year
        yield Page(urls.COMPARISONS_INDEX, "comparisons_index.md.j2")
        for topic in catalog.comparison_topics():
            comparisons = catalog.comparisons_by_topic[topic]
            by_aspect: dict[str, list[Any]] = {}
            for comparison in comparisons:
                by_aspect.setdefault(comparison.aspect, []).append(comparison)
            related = [r for r in self.db.requirements.values() if topic in r.topics]
            yield Page(
                urls.comparison_topic(topic),
                "comparison_topic.md.j2",
                {
                    "topic": topic,
                    "year": year,
                    # Skåne's own rule: the requirements on the topic as the core has them in
                    # force in the year the site presents, never a record copied for the page.
                    "in_force": [e for e in catalog.view(year).entries if topic in e.requirement.topics],
                    "comparisons": comparisons,
                    "by_aspect": sorted(by_aspect.items(), key=lambda item: sort_key(item[0])),
                    "regions": sorted({c.region for c in comparisons}, key=sort_key),
                    "related": related,
                    "charted": [c for c in comparisons if chartable(c.figures)],
                    "facts": self.facts_by_topic.get(topic, []),
                },
                SEARCH_RANKS["explains"],
            )

    def question_pages(self) -> Iterator[Page]:
        catalog = self.catalog
        meetings = sorted(self.db.meetings.values(), key=lambda m: m.date, reverse=True)
        yield Page(urls.QUESTIONS_INDEX, "questions_index.md.j2", {"meetings": meetings})
        for meeting in meetings:
            yield Page(
                urls.meeting(meeting.id), "meeting.md.j2", {"meeting": meeting}, SEARCH_RANKS["explains"]
            )
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
                search_rank=None,
            )
        # The same questions as the meeting pages, grouped by topic.
        yield Page(urls.QUESTIONS_BY_TOPIC, "questions_topics.md.j2", search_rank=None)

    def fact_pages(self) -> Iterator[Page]:
        if self.db.facts:
            yield Page(
                urls.FACTS_INDEX,
                "facts_index.md.j2",
                {"groups": facts.by_kind(self.db), "follow_up": facts.follow_up(self.db)},
            )

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
                        "counts": [(CATEGORY_LABELS[k], counts[k], CATEGORY_MEANING[k]) for k in KINDS]
                        + [(label, counts[k], "") for k, label in FLAG_LABELS.items()],
                        "sizes": (
                            sum(1 for c in diff.changes if c.old is not None),
                            sum(1 for c in diff.changes if c.new is not None),
                        ),
                    },
                    search_rank=None,
                )
            table.append(((from_year, to_year), row))
        yield Page(urls.CHANGES_INDEX, "changes_index.md.j2", {"table": list(reversed(table))})


def toc_summary(year: int, part: str, total: int, ending: int, open_year: bool) -> str:
    """The opening sentence of a table of contents: its counts, from the time model."""
    what = (
        f"Del A {year}" if part == "a" else f"Förfrågningsunderlaget för {VARDVAL_NAMES[part].lower()} {year}"
    )
    where = "" if part == "a" else " i Del A och i vårdvalets egen del"
    kind = "föreslagna krav" if open_year else "krav"
    text = f"{what} har {total} {kind}{where} vid årets slut"
    if ending:
        text += f", och {ending} krav som upphör under året"
    return text + "."
