"""One year's FFU for one vårdval as a Word document, built from the requirements database.

Structure: a title page, the table of contents, then Del A and the vårdval's own part.
Heading 1 is a part or an annex, Heading 2 a chapter ('2 Tillgänglighet') and Heading 3 a
section ('2.1 Öppettider'), ordered as each version's placement says and numbered continuously
through the whole document (see `outline`), so Del A and the vårdval's part never share a
chapter number and no number is skipped. A section numbered
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
from ..database import Database
from ..model import PART_NAMES, VARDVAL_NAMES
from ..outline import outline
from ..timeline import Proposal, Standing, removals, year_view
from ..vocabulary import (
    CATEGORY_LABELS,
    PROPOSAL_KINDS,
    PROPOSALS_HEADING,
    RETOLD,
    YEAR_UNSTATED_NOTE,
    decision_statement,
    proposals_intro,
    standing_notes,
)
from .annexes import comparisons_annex, questions_annex, questions_for
from .assemble import assemble, default_texts, new_numbering
from .context import Context
from .ooxml import Element, paragraph, run
from .package import Relationships
from .richtext import EMPHASIS, ORDINARY, PROPOSED, RichText, parse_text
from .texts import Texts

__all__ = ["document_ids", "file_name", "render_ffu"]

PROPOSAL_KIND = {
    "ny": "nytt krav",
    "ändrad": "ändrad text",
    "utgår": "kravet utgår",
    "oförändrad": "ny placering",
}
MARKER_STYLE = "Strong"

ID_STYLE = "Kravid"
ID_LINE = "Kravrad"
PROPOSAL_LABEL = "Forslagsetikett"
EFFECTIVE = "Ikrafttradande"


def file_name(vardval: str, year: int) -> str:
    return f"FFU-{vardval}-{year}.docx"


def render_ffu(
    db: Database, vardval: str, year: int, *, with_comparisons: bool = False, reference: Path | None = None
) -> bytes:
    """The .docx file as bytes; the same database always gives the same bytes."""
    return _Renderer(db, vardval, year, with_comparisons, reference, default_texts()).render()


class _Renderer:
    def __init__(
        self,
        db: Database,
        vardval: str,
        year: int,
        with_comparisons: bool,
        reference: Path | None,
        texts: Texts,
    ) -> None:
        self.db, self.vardval, self.year = db, vardval, year
        self.with_comparisons = with_comparisons
        self.reference = reference
        self.texts = texts
        self.vardval_name = VARDVAL_NAMES[vardval]
        self.view = year_view(db, year, vardval)
        self.entries = self.view.document
        self.outline = outline(self.entries)
        self.relationships = Relationships()
        self.numbering = new_numbering(reference)
        anchors = {e.id: _anchor(e.id) for e in self.entries}
        self.ctx = Context(texts, RichText(self.relationships, self.numbering, anchors))
        self.title = texts("title_page", "document_title", self.vardval_name, year, self.view.open)

    def render(self) -> bytes:
        record = self.db.years.get(self.year)
        decided = record.decision.date if record and record.decision else None
        created = decided or dt.date(self.year, 1, 1)
        body = [*self.changes_since(), *self.requirements(), *self.proposals(), *self.annexes()]
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
        texts, view = self.texts, self.view
        decision = view.decision
        statement = decision_statement(
            decision.body if decision else None,
            decision.date if decision else None,
            decision.paragraph if decision else None,
            view.open,
        )
        paraphrased = any(e.version.paraphrased for e in self.entries)
        version_date = texts("title_page", "version_date", decision.date if decision else None)
        # An id from the vårdval's own part, so the example is one the reader will find.
        example = next((e.id for e in self.entries if e.requirement.part == self.vardval), None)
        about = texts.paragraphs(
            "title_page",
            "about",
            self.vardval_name,
            self.year,
            example,
            len(view.proposals),
            paraphrased,
            view.open,
        )
        blocks = [
            paragraph("Organisation", [run(texts("title_page", "organisation"))]),
            paragraph("Namnd", [run(texts("title_page", "committee"))]),
            paragraph("Title", [run(self.title)]),
            paragraph("Dokumentinfo", [run(statement)]),
            paragraph("Dokumentinfo", [run(version_date)]),
        ]
        blocks.extend(paragraph("Ingress", [run(text)]) for text in about)
        return blocks

    def changes_since(self) -> list[Element]:
        """A short list at the front: what differs from the year before, by category."""
        view, ctx = self.view, self.ctx
        if view.previous_year is None:
            return []
        out = [ctx.heading(1, self.texts("title_page", "changes_heading", view.previous_year))]
        counts = view.counts()
        ending = [s for s in view.ending]
        removed = [m.requirement.id for m in removals(self.db, view)]
        out.append(
            paragraph(
                "Normal",
                [
                    run(
                        self.texts(
                            "title_page", "changes_intro", view.previous_year, len(view.entries), len(ending)
                        )
                    )
                ],
            )
        )
        for category in ("ny", "ändrad", "först dokumenterad"):
            ids = [s.id for s in view.entries if s.category == category]
            if ids:
                out.append(_bullet(f"{CATEGORY_LABELS[category]} ({len(ids)}): {', '.join(ids)}"))
        if removed:
            out.append(_bullet(f"{CATEGORY_LABELS['utgår']} ({len(removed)}): {', '.join(removed)}"))
        unconfirmed = counts["obekräftad"]
        if unconfirmed:
            out.append(_bullet(f"{CATEGORY_LABELS['obekräftad']}: {unconfirmed}"))
        if not any(counts[c] for c in ("ny", "ändrad", "först dokumenterad")) and not removed:
            out.append(paragraph("Normal", [run(self.texts("title_page", "no_changes"))]))
        if view.proposals:
            out.append(
                paragraph("Normal", [run(self.texts("title_page", "proposals_apart", len(view.proposals)))])
            )
        return out

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
                number = self.outline.chapter(part, placement.section)
                yield ctx.heading(2, f"{number} {title}")
            if placement.section != section and "." in placement.section:
                section = placement.section
                number = self.outline.number(part, section)
                yield ctx.heading(_section_level(section, headed), f"{number} {placement.heading}")
                headed.add(section)
            yield from self.requirement(entry)

    def requirement(self, entry: Standing) -> list[Element]:
        ctx, texts, version = self.ctx, self.texts, entry.version
        line = [run(entry.id, style=ID_STYLE)]
        if entry.marker:
            line.append(run(f"  {entry.marker}", style=MARKER_STYLE))
        out = [paragraph(ID_LINE, ctx.anchored(_anchor(entry.id), line))]
        proposed = entry.state == "förslag"
        styles = PROPOSED if proposed else ORDINARY
        if entry.ending:
            return [*out, *self.ended(entry)]
        if entry.mid_year and (entry.earlier is None or entry.earlier.text != version.text):
            effective = version.effective_date()
            if entry.earlier is not None and entry.earlier.text:
                until = effective - dt.timedelta(days=1)
                out.append(paragraph(EFFECTIVE, [run(texts("requirement", "until", until))]))
                earlier = parse_text(entry.earlier.text)
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
        notes = standing_notes(entry) + ([RETOLD] if version.paraphrased else [])
        if notes:
            out.append(paragraph(EFFECTIVE, [run(" ".join(notes))]))
        return out

    def ended(self, entry: Standing) -> list[Element]:
        """A requirement that ends for this vårdval during the year: its text until then, and the date.

        Either the requirement ends ('utgår') or, in Del A, its new version no longer applies
        to this vårdval.
        """
        texts = self.texts
        removal = entry.ended_by
        assert removal is not None and entry.until is not None and entry.version.text is not None
        effective = removal.effective_date()
        out = [paragraph(EFFECTIVE, [run(texts("requirement", "until", entry.until))])]
        text = parse_text(entry.version.text)
        out.extend(self.ctx.rich.blocks(text, caption=self.caption(text, entry)))
        if removal.change == "utgår":
            ends = texts("requirement", "ends_from", effective)
        else:
            ends = texts("requirement", "leaves_vardval_from", effective, self.vardval_name)
        out.append(paragraph(EFFECTIVE, [run(ends)]))
        return out

    def proposals(self) -> list[Element]:
        """Undecided proposals of a decided year, in a section of their own after the text."""
        view, ctx, texts = self.view, self.ctx, self.texts
        if not view.proposals:
            return []
        out = [ctx.heading(1, PROPOSALS_HEADING), paragraph("Normal", [run(proposals_intro(self.year))])]
        for proposal in view.proposals:
            version = proposal.version
            placement = version.placement or (proposal.current.placement if proposal.current else None)
            heading = f"{proposal.id} {placement.heading}" if placement else proposal.id
            out.append(ctx.heading(2, heading))
            facts = [f"Förslag: {PROPOSAL_KINDS[proposal.kind].lower()}"]
            shown = self.outline.find(proposal.requirement.part, placement.section) if placement else None
            if shown:
                # A section the document shows; a proposal for a section it lacks names none.
                facts.append(f"avsnitt {shown}")
            out.append(paragraph(EFFECTIVE, [run(" · ".join(facts))]))
            out.append(paragraph(PROPOSAL_LABEL, [run(texts.proposal_label)]))
            if proposal.kind == "utgår":
                out.append(paragraph("Normal", [run(texts("requirement", "proposed_removal"))]))
            elif version.text:
                text = parse_text(version.text)
                out.extend(ctx.rich.blocks(text, styles=PROPOSED, caption=self.caption(text, proposal)))
            notes = []
            if not version.year_stated:
                notes.append(YEAR_UNSTATED_NOTE)
            if version.paraphrased:
                notes.append(RETOLD)
            if version.motivation:
                notes.append(f"Motivering: {version.motivation}")
            out.append(paragraph(EFFECTIVE, [run(" ".join(notes))]))
        return out

    def caption(self, text: markup.Document, entry: Standing | Proposal) -> str | None:
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
        recorded = [e.version for e in self.view.entries if e.starts_this_year]
        recorded += [e.ended_by for e in self.view.ending if e.ended_by is not None]
        dates = [version.effective_date() for version in recorded if not version.effective_unknown]
        for meeting, questions in questions_for(self.db, self.vardval, self.year):
            dates.append(meeting.date)
            dates.extend(q.completed.date for q in questions if q.completed)
        return dates


def document_ids(db: Database, vardval: str, year: int) -> list[str]:
    """Every requirement the year's document shows or names as removed: its cache key is made of these."""
    view = year_view(db, year, vardval)
    before = year_view(db, view.previous_year, vardval).ids() if view.previous_year is not None else []
    return sorted({*view.ids(), *before})


def _bullet(text: str) -> Element:
    return paragraph("ListBullet", [run(text)])


def _section_level(section: str, headed: set[str]) -> int:
    """Heading 4 for a section three deep under its parent's heading, else Heading 3.

    Never skip a level: a 4.2.1 without a 4.2 heading earlier in its chapter gets Heading 3.
    """
    parent, _, _ = section.rpartition(".")
    return 4 if section.count(".") == 2 and parent in headed else 3


def _anchor(requirement_id: str) -> str:
    # Bookmark names allow letters, digits and underscores only.
    return "Krav_" + requirement_id.replace("-", "_")
