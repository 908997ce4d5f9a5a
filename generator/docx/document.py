"""One year's FFU for one vårdval as a Word document, built from the requirements database.

Structure: a title page, the table of contents, then Del A and the vårdval's own part.
Heading 1 is a part or an annex, Heading 2 a chapter ('2 Tillgänglighet') and Heading 3 a
section ('2.1 Öppettider'), numbered as each version's placement says. A section numbered
three deep (4.2.1) gets Heading 4 under its parent's heading, and Heading 3 where the chapter
shows no heading for the parent, so that no level is skipped. Requirements follow their
section heading, each with its id in the character style Krav-id.

A requirement that changes during the year shows its text before and after, as it stood for
this vårdval: a Del A requirement that stops applying to the vårdval mid-year shows its text
until then, and one that starts applying mid-year is new to the vårdval from that date.

The body is built with lxml and the package written part by part (see `assemble` and
`package`), which keeps a document of thousands of requirements within a second or two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from .. import markup
from ..database import Database, Entry, document_order
from ..model import PART_NAMES, VARDVAL_NAMES, Version
from .annexes import comparisons_annex, questions_annex, questions_for
from .assemble import REFERENCE, assemble, default_texts, new_numbering
from .context import Context
from .ooxml import Element, paragraph, run
from .package import Relationships
from .richtext import EMPHASIS, ORDINARY, PROPOSED, RichText, parse_text
from .texts import Texts

__all__ = ["document_entries", "ending_entries", "file_name", "render_ffu"]

ID_STYLE = "Kravid"
ID_LINE = "Kravrad"
PROPOSAL_LABEL = "Forslagsetikett"
EFFECTIVE = "Ikrafttradande"


def file_name(vardval: str, year: int) -> str:
    return f"FFU-{vardval}-{year}.docx"


def render_ffu(
    db: Database, vardval: str, year: int, *, with_comparisons: bool = False, reference: Path = REFERENCE
) -> bytes:
    """The .docx file as bytes; the same database always gives the same bytes."""
    return _Renderer(db, vardval, year, with_comparisons, reference, default_texts()).render()


class _Renderer:
    def __init__(
        self, db: Database, vardval: str, year: int, with_comparisons: bool, reference: Path, texts: Texts
    ) -> None:
        self.db, self.vardval, self.year = db, vardval, year
        self.with_comparisons = with_comparisons
        self.reference = reference
        self.texts = texts
        self.vardval_name = VARDVAL_NAMES[vardval]
        self.ending = {e.id for e in ending_entries(db, vardval, year)}
        self.entries = document_entries(db, vardval, year)
        self.relationships = Relationships()
        self.numbering = new_numbering(reference)
        anchors = {e.id: _anchor(e.id) for e in self.entries}
        self.ctx = Context(texts, RichText(self.relationships, self.numbering, anchors))
        self.title = texts("title_page", "document_title", self.vardval_name, year)

    def render(self) -> bytes:
        record = self.db.years.get(self.year)
        decided = record.decision.date if record and record.decision else None
        created = decided or dt.date(self.year, 1, 1)
        body = [*self.requirements(), *self.annexes()]
        keywords = self.texts("title_page", "keywords", self.vardval_name, self.year)
        return assemble(
            title=self.title,
            subject=self.texts("title_page", "subject", self.vardval_name, self.year),
            keywords=[k.strip() for k in keywords.split(";")],
            title_page=self.title_page(),
            body=body,
            relationships=self.relationships,
            numbering=self.numbering,
            created=created,
            modified=max([created, *self.dates_in_document()]),
            reference=self.reference,
        )

    def title_page(self) -> list[Element]:
        texts = self.texts
        record = self.db.years.get(self.year)
        decision = record.decision if record else None
        status = record.status if record else "förslag"
        has_proposals = any(e.version.status == "förslag" for e in self.entries)
        paraphrased = any(e.version.paraphrased for e in self.entries)
        label = decision.label() if decision else None
        version_date = texts("title_page", "version_date", decision.date if decision else None)
        # An id from the vårdval's own part, so the example is one the reader will find.
        example = next((e.id for e in self.entries if e.requirement.part == self.vardval), None)
        about = texts.paragraphs(
            "title_page", "about", self.vardval_name, self.year, example, has_proposals, paraphrased
        )
        blocks = [
            paragraph("Organisation", [run(texts("title_page", "organisation"))]),
            paragraph("Namnd", [run(texts("title_page", "committee"))]),
            paragraph("Title", [run(self.title)]),
            paragraph("Dokumentinfo", [run(texts("title_page", "status", status, label))]),
            paragraph("Dokumentinfo", [run(version_date)]),
        ]
        blocks.extend(paragraph("Ingress", [run(text)]) for text in about)
        return blocks

    def requirements(self) -> Iterable[Element]:
        ctx = self.ctx
        part = chapter = section = None
        headed: set[str] = set()  # the sections with a heading in the current chapter
        for entry in self.entries:
            placement = entry.version.placement
            assert placement is not None  # only an 'utgår' version lacks one, and it is never in force
            if entry.requirement.part != part:
                part = entry.requirement.part
                chapter = section = None
                yield ctx.heading(1, PART_NAMES[part])
            chapter_key = (placement.chapter_number(), placement.chapter)
            if chapter_key != chapter:
                chapter, section = chapter_key, None
                headed.clear()
                record = self.db.chapters.get(placement.chapter)
                title = record.title if record else placement.heading
                yield ctx.heading(2, f"{placement.chapter_number()} {title}")
            if placement.section != section and "." in placement.section:
                section = placement.section
                yield ctx.heading(_section_level(section, headed), f"{section} {placement.heading}")
                headed.add(section)
            yield from self.requirement(entry)

    def requirement(self, entry: Entry) -> list[Element]:
        ctx, texts, version = self.ctx, self.texts, entry.version
        out = [paragraph(ID_LINE, ctx.anchored(_anchor(entry.id), [run(entry.id, style=ID_STYLE)]))]
        proposed = version.status == "förslag"
        styles = PROPOSED if proposed else ORDINARY
        if entry.id in self.ending:
            return [*out, *self.ended(entry)]
        mid_year = version.year == self.year and version.is_mid_year()
        previous = _previous(entry, self.vardval) if mid_year else None
        # A change that leaves this vårdval's text as it was, such as one of another vårdval's
        # scope or of the section number, is no change to show here.
        if mid_year and (previous is None or previous.text != version.text):
            effective = version.effective_date()
            if previous is not None and previous.text:
                until = effective - dt.timedelta(days=1)
                out.append(paragraph(EFFECTIVE, [run(texts("requirement", "until", until))]))
                earlier = parse_text(previous.text)
                out.extend(ctx.rich.blocks(earlier, caption=self.caption(earlier, entry)))
                phrase = texts("requirement", "from", effective)
            else:
                phrase = texts("requirement", "new_from", effective)
            if proposed:
                out.append(paragraph(PROPOSAL_LABEL, [run(texts.proposal_label)]))
                out.append(paragraph(styles.body, [run(phrase, style=EMPHASIS)]))
            else:
                out.append(paragraph(EFFECTIVE, [run(phrase)]))
        elif proposed:
            out.append(paragraph(PROPOSAL_LABEL, [run(texts.proposal_label)]))
        if version.text:
            text = parse_text(version.text)
            out.extend(ctx.rich.blocks(text, styles=styles, caption=self.caption(text, entry)))
        return out

    def ended(self, entry: Entry) -> list[Element]:
        """A requirement that ends for this vårdval during the year: its text until then, and the date.

        Either the requirement ends ('utgår') or, in Del A, its new version no longer applies
        to this vårdval.
        """
        texts = self.texts
        removal = entry.requirement.version_in(self.year)
        assert removal is not None and entry.version.text is not None
        effective = removal.effective_date()
        until = texts("requirement", "until", effective - dt.timedelta(days=1))
        out = [paragraph(EFFECTIVE, [run(until)])]
        text = parse_text(entry.version.text)
        out.extend(self.ctx.rich.blocks(text, caption=self.caption(text, entry)))
        if removal.status == "förslag":
            out.append(paragraph(PROPOSAL_LABEL, [run(texts.proposal_label)]))
        if removal.change == "utgår":
            ends = texts("requirement", "ends_from", effective)
        else:
            ends = texts("requirement", "leaves_vardval_from", effective, self.vardval_name)
        out.append(paragraph(EFFECTIVE, [run(ends)]))
        return out

    def caption(self, text: markup.Document, entry: Entry) -> str | None:
        """The title of the tables in a requirement's text, if it has any."""
        if not any(isinstance(block, markup.Table) for block in text.blocks):
            return None
        return self.texts("requirement", "table_caption", entry.id)

    def annexes(self) -> list[Element]:
        out = questions_annex(self.ctx, self.db, self.vardval_name, self.vardval, self.year, 1)
        if self.with_comparisons:
            out.extend(comparisons_annex(self.ctx, self.db, self.entries, self.vardval_name, 2))
        return out

    def dates_in_document(self) -> list[dt.date]:
        """Dates from the data that the document shows: the 'last changed' of its content."""
        # The version recorded for this very year, whether it changes a text or ends it.
        recorded = (e.requirement.version_in(self.year) for e in self.entries)
        dates = [version.effective_date() for version in recorded if version is not None]
        for meeting, questions in questions_for(self.db, self.vardval, self.year):
            dates.append(meeting.date)
            dates.extend(q.completed.date for q in questions if q.completed)
        return dates


def document_entries(db: Database, vardval: str, year: int) -> list[Entry]:
    """Every requirement the year's document shows: those in force, and those that stop applying during it.

    The build's cache key for the document is made from exactly these, so keep them one list.
    """
    in_force = db.entries(year, vardval=vardval)
    return sorted([*in_force, *ending_entries(db, vardval, year)], key=document_order)


def ending_entries(db: Database, vardval: str, year: int) -> list[Entry]:
    """Requirements that stop applying to `vardval` during `year`, as they stood before.

    That is a version from a date after 1 January that ends the requirement ('utgår') or, in
    Del A, no longer lists the vårdval. `Database.entries` leaves these out, since they do not
    apply at the end of the year, but the year's document must show them until that date.
    """
    found = []
    for requirement in db.requirements.values():
        change = requirement.version_in(year)
        if change is None or not change.is_mid_year():
            continue
        before = requirement.version_for(year - 1)
        if before is None or vardval not in requirement.scope(before):
            continue
        if change.change == "utgår" or vardval not in requirement.scope(change):
            found.append(Entry(requirement, before))
    return found


def _section_level(section: str, headed: set[str]) -> int:
    """Heading 4 for a section three deep under its parent's heading, else Heading 3.

    Never skip a level: a 4.2.1 without a 4.2 heading earlier in its chapter gets Heading 3.
    """
    parent, _, _ = section.rpartition(".")
    return 4 if section.count(".") == 2 and parent in headed else 3


def _previous(entry: Entry, vardval: str) -> Version | None:
    """The version that applied to `vardval` just before `entry`'s version, if one did.

    A Del A version can widen the requirement's vårdval: to a vårdval it newly applies to,
    the earlier text never applied, so the requirement is new there.
    """
    before = entry.requirement.version_for(entry.version.year - 1)
    if before is None or vardval not in entry.requirement.scope(before):
        return None
    return before


def _anchor(requirement_id: str) -> str:
    # Bookmark names allow letters, digits and underscores only.
    return "Krav_" + requirement_id.replace("-", "_")
