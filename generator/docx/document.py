"""One year's FFU for one vårdval as a Word document, built from the requirements database.

Structure: a title page, the table of contents, then Del A and the vårdval's own part.
Heading 1 is a part or an annex, Heading 2 a chapter ('2 Tillgänglighet') and Heading 3 a
section ('2.1 Öppettider'), numbered as each version's placement says. Sections numbered
three deep (4.2.1) get Heading 4. Requirements follow their section heading, each with its
id in the character style Krav-id.

The body is built with lxml and the package written part by part (see `assemble` and
`package`), which keeps a document of thousands of requirements within a second or two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from .. import markup
from ..database import Database, Entry
from ..model import PART_NAMES, PARTS, VARDVAL, VARDVAL_NAMES, Version
from .annexes import comparisons_annex, questions_annex, questions_for
from .assemble import REFERENCE, assemble, default_texts, new_numbering
from .context import Context
from .ooxml import Element, paragraph, run
from .package import Relationships, write_atomic
from .richtext import EMPHASIS, ORDINARY, PROPOSED, RichText, parse_text
from .texts import Texts

__all__ = ["assemble", "file_name", "render_ffu", "write_all", "write_ffu"]

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


def write_ffu(db: Database, vardval: str, year: int, path: Path, *, with_comparisons: bool = False) -> Path:
    """Render and write atomically to `path`."""
    write_atomic(path, render_ffu(db, vardval, year, with_comparisons=with_comparisons))
    return path


def write_all(db: Database, out_dir: Path, *, with_comparisons: bool = False) -> list[Path]:
    """FFU-<vardval>-<year>.docx for every vårdval and every year in the register."""
    return [
        write_ffu(db, vardval, year, out_dir / file_name(vardval, year), with_comparisons=with_comparisons)
        for year in db.year_numbers()
        for vardval in VARDVAL
    ]


class _Renderer:
    def __init__(
        self, db: Database, vardval: str, year: int, with_comparisons: bool, reference: Path, texts: Texts
    ) -> None:
        self.db, self.vardval, self.year = db, vardval, year
        self.with_comparisons = with_comparisons
        self.reference = reference
        self.texts = texts
        self.vardval_name = VARDVAL_NAMES[vardval]
        in_force = [e for e in db.entries(year, vardval=vardval) if e.requirement.part in ("a", vardval)]
        ending = ending_entries(db, vardval, year)
        self.ending = {e.id for e in ending}
        self.entries = sorted([*in_force, *ending], key=_document_order)
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
        about = texts.paragraphs(
            "title_page", "about", self.vardval_name, self.year, has_proposals, paraphrased
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
        section_level = 2
        for entry in self.entries:
            placement = entry.version.placement
            assert placement is not None  # only an 'utgår' version lacks one, and it is never in force
            if entry.requirement.part != part:
                part = entry.requirement.part
                chapter = section = None
                yield ctx.heading(1, PART_NAMES[part])
            chapter_key = (placement.chapter_number(), placement.chapter)
            if chapter_key != chapter:
                chapter, section, section_level = chapter_key, None, 2
                record = self.db.chapters.get(placement.chapter)
                title = record.title if record else placement.heading
                yield ctx.heading(2, f"{placement.chapter_number()} {title}")
            depth = placement.section.count(".") + 1
            if placement.section != section and depth > 1:
                section = placement.section
                # Never skip a level: a 4.2.1 without a 4.2 heading above it becomes Heading 3.
                section_level = min(depth + 1, section_level + 1) if depth > 2 else 3
                yield ctx.heading(section_level, f"{placement.section} {placement.heading}")
            yield from self.requirement(entry)

    def requirement(self, entry: Entry) -> list[Element]:
        ctx, texts, version = self.ctx, self.texts, entry.version
        out = [paragraph(ID_LINE, ctx.anchored(_anchor(entry.id), [run(entry.id, style=ID_STYLE)]))]
        proposed = version.status == "förslag"
        styles = PROPOSED if proposed else ORDINARY
        if entry.id in self.ending:
            return [*out, *self.ended(entry)]
        if version.year == self.year and version.is_mid_year():
            effective = version.effective_date()
            previous = _previous(entry, self.year)
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
        """A requirement that ends during the year: its text until then, and the date it ends."""
        removal = entry.requirement.version_in(self.year)
        assert removal is not None and entry.version.text is not None
        effective = removal.effective_date()
        until = self.texts("requirement", "until", effective - dt.timedelta(days=1))
        out = [paragraph(EFFECTIVE, [run(until)])]
        text = parse_text(entry.version.text)
        out.extend(self.ctx.rich.blocks(text, caption=self.caption(text, entry)))
        if removal.status == "förslag":
            out.append(paragraph(PROPOSAL_LABEL, [run(self.texts.proposal_label)]))
        out.append(paragraph(EFFECTIVE, [run(self.texts("requirement", "ends_from", effective))]))
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


def ending_entries(db: Database, vardval: str, year: int) -> list[Entry]:
    """Requirements that end during `year` (utgår from a date after 1 January), as they stood before.

    They are not in force at the end of the year, so `Database.entries` leaves them out, but
    the year's document must still show them until the date they end.
    """
    found = []
    for requirement in db.requirements.values():
        removal = requirement.version_in(year)
        if removal is None or removal.change != "utgår" or not removal.is_mid_year():
            continue
        before = requirement.version_for(year - 1)
        if (
            before is None
            or vardval not in requirement.scope(before)
            or requirement.part not in ("a", vardval)
        ):
            continue
        found.append(Entry(requirement, before))
    return found


def _document_order(entry: Entry) -> tuple[int, tuple[int, ...], str]:
    # The order of Database.entries: Del A first, then by section number, then by id.
    placement = entry.version.placement
    return PARTS.index(entry.requirement.part), placement.sort_key() if placement else (999,), entry.id


def _previous(entry: Entry, year: int) -> Version | None:
    """The version in force just before `entry`'s version took effect."""
    return entry.requirement.version_for(year - 1)


def _anchor(requirement_id: str) -> str:
    # Bookmark names allow letters, digits and underscores only.
    return "Krav_" + requirement_id.replace("-", "_")
