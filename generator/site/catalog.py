"""What the site knows about the database, computed once and shared by every page.

The database answers questions per record; the site needs the reverse lookups too (which
questions concern a requirement, which chapter page a requirement sits on in a given year).
They are built here in one pass so page builders stay simple and the build stays linear.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..database import Database
from ..model import PARTS, Chapter, Comparison, Meeting, Question, Requirement, Source
from ..swedish import format_date, sort_key
from ..timeline import Proposal, Standing, YearStatus, YearView, current_year, year_status, year_view
from . import urls

Asked = tuple[Meeting, Question]


@dataclass(frozen=True)
class ChapterPage:
    """One chapter of one year's FFU and the requirements in it.

    Del A chapters are shared: one page per year serves every vårdval (each requirement says
    which vårdval it applies to). A vårdval's own chapters have one page per vårdval.
    """

    year: int
    part: str  # "a" or the vårdval
    chapter: Chapter
    number: str
    entries: tuple[Standing, ...]

    @property
    def path(self) -> str:
        return urls.chapter(self.year, self.part, self.chapter.id)

    def entries_for(self, vardval: str) -> tuple[Standing, ...]:
        return tuple(e for e in self.entries if vardval in e.scope)


@dataclass(frozen=True)
class Banner:
    """What a year's pages say about its status, taken from the time model's `YearStatus`."""

    kind: str  # gallande | forslag | ersatt | kommande
    label: str  # "Gällande 2026", on the banner itself
    short: str  # "gällande", beside the year in the navigation
    text: str
    link_year: int | None  # the year the banner points to: the one that replaced this, or the current


def banner_for(status: YearStatus) -> Banner:
    year = status.year
    if status.state == "gällande":
        return Banner(
            "gallande",
            f"Gällande {year}",
            "gällande",
            f"Förfrågningsunderlaget för {year} är beslutat och gäller. Sidorna visar bara det som är "
            "beslutat; förslag som inte är beslutade står på en egen sida.",
            None,
        )
    if status.state == "ersatt":
        assert status.replaced_by is not None
        now = (
            f" I dag gäller förfrågningsunderlaget för {status.current}."
            if status.current is not None and status.current != status.replaced_by
            else ""
        )
        return Banner(
            "ersatt",
            f"Ersatt av {status.replaced_by}",
            "ersatt",
            f"Förfrågningsunderlaget för {year} gäller inte längre. Det ersattes av förfrågningsunderlaget "
            f"för {status.replaced_by}.{now}",
            status.replaced_by,
        )
    if status.state == "kommande":
        when = (
            f"beslutat {format_date(status.decision.date)}"
            if status.decision and status.decision.date
            else "beslutat"
        )
        return Banner(
            "kommande",
            f"Beslutat, gäller från 1 januari {year}",
            "kommande",
            f"Förfrågningsunderlaget för {year} är {when} och gäller från den 1 januari {year}.",
            status.current,
        )
    return Banner(
        "forslag",
        f"Förslag till förfrågningsunderlag {year}",
        "förslag",
        f"Förfrågningsunderlaget för {year} är ett förslag och inte beslutat. Texten kan ändras innan "
        "Primärvårdsnämnden beslutar.",
        status.current,
    )


def reference_date() -> dt.date:
    """The day the site's 'gällande' is judged on: today, or FFU_IDAG (ÅÅÅÅ-MM-DD) in tests."""
    import os

    text = os.environ.get("FFU_IDAG")
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    return dt.date.today()


class Catalog:
    def __init__(self, db: Database, today: dt.date | None = None) -> None:
        self.db = db
        self.years = db.year_numbers()
        self.today = today or reference_date()
        self.current: int | None = current_year(db, self.today)
        self.questions_by_requirement: dict[str, list[Asked]] = defaultdict(list)
        self.questions_by_topic: dict[str, list[Asked]] = defaultdict(list)
        self.questions_by_vardval: dict[str, list[Asked]] = defaultdict(list)
        for meeting, question in db.questions():
            for requirement_id in question.requirements:
                self.questions_by_requirement[requirement_id].append((meeting, question))
            for topic in question.topics:
                self.questions_by_topic[topic].append((meeting, question))
            for vardval in question.vardval:
                self.questions_by_vardval[vardval].append((meeting, question))
        by_topic: dict[str, list[Comparison]] = defaultdict(list)
        for comparison in db.comparisons.values():
            by_topic[comparison.topic].append(comparison)
        self.comparisons_by_topic = {
            topic: sorted(items, key=lambda c: (sort_key(c.region), sort_key(c.aspect), c.id))
            for topic, items in by_topic.items()
        }
        # Per-instance caches: many pages ask the same questions. They live and die with the
        # catalog, so a long-lived process keeps no database alive after its build.
        self._views: dict[tuple[int, str | None], YearView] = {}
        self._chapters: dict[tuple[int, str], tuple[ChapterPage, ...]] = {}
        self._locations: dict[int, dict[str, str]] = {}

    # -- years -------------------------------------------------------------------------------

    @property
    def home_year(self) -> int:
        """The year the home page presents: the current one, or the latest if none is in force."""
        return self.current if self.current is not None else self.years[-1]

    def previous_year(self, year: int) -> int | None:
        earlier = [y for y in self.years if y < year]
        return earlier[-1] if earlier else None

    def year_pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.years, self.years[1:], strict=False))

    def status(self, year: int) -> YearStatus:
        return year_status(self.db, year, self.today)

    def banner(self, year: int) -> Banner:
        return banner_for(self.status(year))

    def questions_for_year(self, requirement_id: str, year: int) -> list[Asked]:
        """The questions about a requirement from meetings about the FFU of `year`."""
        return [(m, q) for m, q in self.questions_by_requirement.get(requirement_id, []) if m.year == year]

    # -- the FFU -----------------------------------------------------------------------------

    def view(self, year: int, vardval: str | None = None) -> YearView:
        """The time model's view of one year, for one vårdval or for all."""
        key = (year, vardval)
        if key not in self._views:
            self._views[key] = year_view(self.db, year, vardval)
        return self._views[key]

    def entries(self, year: int, vardval: str) -> tuple[Standing, ...]:
        """One vårdval's FFU at the year's end: the Del A requirements that apply to it and its own part."""
        return self.view(year, vardval).entries

    def proposals(self, year: int, part: str) -> tuple[Proposal, ...]:
        """The undecided proposals of one part ("a" or a vårdval) in one year."""
        return tuple(p for p in self.view(year).proposals if p.requirement.part == part)

    def chapters(self, year: int, part: str) -> tuple[ChapterPage, ...]:
        """The chapter pages of one part ("a" or a vårdval) in one year, in chapter order."""
        key = (year, part)
        if key not in self._chapters:
            self._chapters[key] = self._chapter_pages(year, part)
        return self._chapters[key]

    def _chapter_pages(self, year: int, part: str) -> tuple[ChapterPage, ...]:
        grouped: dict[str, list[Standing]] = defaultdict(list)
        for entry in self.view(year).document:
            placement = entry.version.placement
            if entry.requirement.part == part and placement is not None:
                grouped[placement.chapter].append(entry)
        register = list(self.db.chapters)
        pages = []
        for chapter_id, entries in grouped.items():
            placement = entries[0].version.placement
            assert placement is not None
            chapter = self.db.chapters[chapter_id]
            pages.append(ChapterPage(year, part, chapter, placement.chapter_number(), tuple(entries)))
        return tuple(sorted(pages, key=lambda p: (int(p.number), register.index(p.chapter.id))))

    def toc(self, year: int, part: str) -> list[tuple[str, list[tuple[ChapterPage, tuple[Standing, ...]]]]]:
        """A table of contents as parts, chapters and their entries.

        For a vårdval: Del A and its own part, with the entries that apply to the vårdval.
        For "a": Del A on its own, with every entry, since it serves all vårdval.
        """
        parts = []
        for shown in ("a",) if part == "a" else ("a", part):
            chapters = [
                (page, page.entries if part == "a" else page.entries_for(part))
                for page in self.chapters(year, shown)
            ]
            chapters = [(page, entries) for page, entries in chapters if entries]
            if chapters:
                parts.append((shown, chapters))
        return parts

    def chapter_path(self, year: int, part: str, chapter_id: str) -> str | None:
        """The page of a chapter in one year's FFU, if that year has the chapter."""
        return next((page.path for page in self.chapters(year, part) if page.chapter.id == chapter_id), None)

    def location(self, requirement_id: str, year: int) -> str | None:
        """The chapter page a requirement sits on in one year's FFU."""
        if year not in self._locations:
            self._locations[year] = {
                entry.id: page.path
                for part in PARTS
                for page in self.chapters(year, part)
                for entry in page.entries
            }
        return self._locations[year].get(requirement_id)

    # -- everything else ---------------------------------------------------------------------

    def requirements_in(self, part: str) -> list[Requirement]:
        return [r for r in self.db.requirements.values() if r.part == part]

    def topic_name(self, topic: str) -> str:
        record = self.db.topics.get(topic)
        return record.name if record else topic

    def topics_sorted(self, topics: list[str] | tuple[str, ...]) -> list[str]:
        return sorted(set(topics), key=lambda t: sort_key(self.topic_name(t)))

    def comparison_topics(self) -> list[str]:
        return self.topics_sorted(list(self.comparisons_by_topic))

    def question_topics(self) -> list[str]:
        return self.topics_sorted(list(self.questions_by_topic))

    def source(self, seed: str) -> Source | None:
        return self.db.sources.get(seed)

    def latest_meeting(self) -> Meeting | None:
        meetings = list(self.db.meetings.values())
        return max(meetings, key=lambda m: m.date) if meetings else None
