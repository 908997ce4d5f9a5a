"""The nämnd's change report as Word: summary, table of changes, and tracked changes.

Each changed requirement's text is a run of paragraphs in which the differences are real
revisions (w:ins and w:del, authored by the deciding body or as 'Förslag ÅR'), so the
secretariat can accept or reject each change in Word and filter them by reviewer.
Accepting everything gives exactly the new year's texts and rejecting everything the old
ones, because the paragraphs hold the same plain text that the diff engine compared (see
`diff.comparable_text` and `docx.tracked`). Decided changes and proposals stand in separate
sections; the report opens with 'Förslag till beslut' and names each change's source,
motivation and consequences, and sections by the numbers the FFUs show (see `outline`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import facts
from .database import Database
from .diff import KINDS, Change, YearDiff, count
from .diff_text import describe
from .docx import ooxml
from .docx.assemble import assemble, default_texts
from .docx.chart import CHART_REL, chart_parts, inline_chart
from .docx.ooxml import Element, Revisions, paragraph, run
from .docx.package import Relationships, write_atomic
from .docx.tracked import tracked_paragraphs
from .markup import document_plain_text, parse
from .model import FACT_KIND_NAMES, PART_NAMES, VARDVAL, VARDVAL_NAMES, Version
from .outline import DocumentNumbers
from .swedish import format_number
from .timeline import is_open
from .vocabulary import (
    CATEGORY_LABEL,
    CATEGORY_MEANING,
    YEAR_UNSTATED_NOTE,
    decision_statement,
    document_title,
)

COLUMNS = (*KINDS, "flyttad", "ändrad omfattning", "rättad")
# The chart shows what changes; unchanged requirements would dwarf every other bar.
CHART_COLUMNS = ("ny", "först dokumenterad", "ändrad", "utgår", "flyttad", "ändrad omfattning")
CHART_PART = "word/charts/chart1.xml"


def _t(macro: str, *args: object) -> str:
    return default_texts()("report", macro, *args)


def bookmark_name(requirement_id: str) -> str:
    """The bookmark that wraps a requirement's tracked text; tests and links find it by this."""
    return "krav_" + requirement_id.replace("-", "_")


def title(diff: YearDiff) -> str:
    return _t("title", diff.from_year, diff.to_year, VARDVAL_NAMES[diff.vardval] if diff.vardval else "")


def _text(style: str | None, text: str) -> Element:
    return paragraph(style, [run(text)])


def id_runs(identifier: str, *, style: str | None = None) -> list[Element]:
    """An id as runs whose hyphens do not break (w:noBreakHyphen), so 'VC-012' never splits."""
    out: list[Element] = []
    for n, piece in enumerate(identifier.split("-")):
        if n:
            holder = run("", style=style)
            ooxml.sub(holder, "noBreakHyphen")
            out.append(holder)
        if piece:
            out.append(run(piece, style=style))
    return out


def _cell(text: str, *, header: bool = False, identifier: bool = False) -> list[Element]:
    style = "Tabellrubrik" if header else "Tabelltext"
    if identifier:
        return [paragraph(style, id_runs(text))]
    return [_text(style, text)]


def _table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths: Sequence[int] | None = None,
    *,
    id_column: bool = False,
) -> Element:
    """A table with a header row; with `id_column`, the first column holds requirement ids."""
    data = [[_cell(h, header=True) for h in header]]
    data += [[_cell(value, identifier=id_column and n == 0) for n, value in enumerate(row)] for row in rows]
    return ooxml.table(data, style="Tabell", header_rows=1, widths=widths)


def _placed(change: Change) -> Version | None:
    """The version whose place the report names: the new one, or the old one if it ends."""
    for version in (change.new, change.old):
        if version is not None and version.placement is not None:
            return version
    return None


def section_reference(numbers: DocumentNumbers, diff: YearDiff, change: Change) -> str:
    """The section as the year's FFU numbers it, for the report's vårdval or for each of them."""
    version = _placed(change)
    if version is None:
        return ""
    part = change.requirement.part
    if diff.vardval is not None:
        scope: tuple[str, ...] = (diff.vardval,)
    elif part != "a":
        scope = (part,)
    else:
        scope = tuple(v for v in VARDVAL if v in change.requirement.scope(version))
    return numbers.reference(change.requirement, version, scope) or ""


def _chapter_label(db: Database, change: Change) -> str:
    # No chapter number: a Del A chapter can have a different one in each vårdval's FFU.
    version = _placed(change)
    part = PART_NAMES[change.requirement.part]
    if version is None or version.placement is None:
        return part
    chapter = db.chapters.get(version.placement.chapter)
    name = chapter.title if chapter else version.placement.chapter
    return f"{part}: {name}"


def chart(diff: YearDiff, rel_id: str) -> tuple[Element, dict[str, bytes]]:
    """A bar chart of the counts of each kind of change, and its parts (chart and workbook)."""
    counts = diff.counts()
    labels = [c.capitalize() for c in CHART_COLUMNS]
    values = [counts[c] for c in CHART_COLUMNS]
    caption = _t("chart_caption")
    described = ", ".join(f"{label.lower()} {value}" for label, value in zip(labels, values, strict=True))
    drawing = inline_chart(rel_id, 1, caption, f"Stapeldiagram. {caption}: {described}.")
    return paragraph("Normal", [drawing]), chart_parts(CHART_PART, caption, caption, labels, values)


def summary_blocks(db: Database, diff: YearDiff, chart_block: Element | None = None) -> list[Element]:
    """Counts for each kind of change, per vårdval and per chapter, after an optional chart."""
    header = [_t("count_row_header"), *(c.capitalize() for c in COLUMNS)]
    blocks: list[Element] = [ooxml.paragraph("Heading1", [run(_t("summary_heading"))])]
    changed = diff.changed
    decided = sum(1 for c in changed if c.status == "beslutad")
    old_n = sum(1 for c in diff.changes if c.old is not None)
    new_n = sum(1 for c in diff.changes if c.new is not None)
    blocks.append(
        _text(
            "Normal",
            _t(
                "summary",
                diff.from_year,
                diff.to_year,
                len(changed),
                decided,
                len(diff.proposals),
                old_n,
                new_n,
            ),
        )
    )
    blocks.extend(_text("ListBullet", f"{CATEGORY_LABEL[k]}: {CATEGORY_MEANING[k]}.") for k in KINDS)
    if chart_block is not None:
        blocks.append(chart_block)
    blocks.append(ooxml.paragraph("Heading2", [run(_t("per_vardval"))]))
    per_vardval = diff.counts_per_vardval(db)
    rows = [[label, *(str(counts[c]) for c in COLUMNS)] for label, counts in per_vardval]
    widths = [5, *([2] * len(COLUMNS))]
    blocks.append(_table(header, rows, widths=widths))
    if len(per_vardval) > 1:
        # Del A counts once in Totalt but on every vårdval's row: say so where the sums differ.
        (_, total), others = per_vardval[0], per_vardval[1:]
        if any(sum(counts[c] for _, counts in others) != total[c] for c in COLUMNS):
            blocks.append(_text("Normal", _t("total_explained")))
    blocks.append(ooxml.paragraph("Heading2", [run(_t("per_chapter"))]))
    by_chapter: dict[str, list[Change]] = {}
    for change in diff.changes:
        by_chapter.setdefault(_chapter_label(db, change), []).append(change)
    chapter_rows = []
    for label, changes in by_chapter.items():
        counts = count(changes)
        chapter_rows.append([label, *(str(counts[c]) for c in COLUMNS)])
    blocks.append(_table([_t("chapter_column"), *header[1:]], chapter_rows, widths=widths))
    return blocks


def _status_label(change: Change) -> str:
    recorded = change.recorded
    if change.status == "förslag":
        return _t("status_proposed")
    reference = recorded.decision.label() if recorded is not None and recorded.decision is not None else ""
    return _t("status_decided", reference)


def _effective(change: Change) -> str:
    recorded = change.recorded
    if recorded is None:
        return ""
    if recorded.effective_unknown:
        return _t("effective_unknown")
    return _t("effective_date", recorded.effective_date())


def _groups(diff: YearDiff) -> list[tuple[str, tuple[Change, ...]]]:
    """Decided changes, changes in an open year's proposed text, and undecided proposals apart."""
    decided = tuple(c for c in diff.changed if c.status == "beslutad")
    proposed = tuple(c for c in diff.changed if c.status == "förslag")
    groups = [(_t("decided_heading", len(decided)), decided)]
    if proposed:
        groups.append((_t("proposals_heading", len(proposed)), proposed))
    groups.append((_t("apart_heading", len(diff.proposals)), diff.proposals))
    return groups


def overview_blocks(db: Database, diff: YearDiff, numbers: DocumentNumbers) -> list[Element]:
    """The table 'Sammanfattning av förändringar', decided changes and proposals apart."""
    blocks = [ooxml.paragraph("Heading1", [run(_t("overview_heading"))])]
    header = _t("overview_columns").split("|")
    for heading, group in _groups(diff):
        blocks.append(ooxml.paragraph("Heading2", [run(heading)]))
        if not group:
            blocks.append(_text("Normal", _t("nothing")))
            continue
        rows = []
        for change in group:
            version = _placed(change)
            placement = version.placement if version else None
            motivation = change.recorded.motivation if change.recorded and change.recorded.motivation else ""
            rows.append(
                [
                    change.id,
                    section_reference(numbers, diff, change),
                    placement.heading if placement else "",
                    describe(change),
                    _effective(change),
                    motivation,
                    _status_label(change),
                ]
            )
        blocks.append(_table(header, rows, widths=[2, 2, 4, 3, 3, 8, 4], id_column=True))
    return blocks


def revisions_for(change: Change, diff: YearDiff, next_id: int) -> Revisions:
    """Tracked changes authored by what they are, so Word's reviewer filter tells them apart.

    A decided change is the deciding body's, dated by its decision where the data has the
    date; a proposal is 'Förslag ÅR'. No date is made up where the data has none.
    """
    recorded = change.recorded
    if change.status == "förslag" or recorded is None or recorded.decision is None:
        return Revisions(_t("proposal_author", diff.to_year), None, next_id)
    decided = recorded.decision.date
    return Revisions(recorded.decision.body, f"{decided.isoformat()}T00:00:00Z" if decided else None, next_id)


def _sources(db: Database, change: Change) -> str:
    version = change.recorded or _placed(change)
    refs = version.sources if version is not None else ()
    named = []
    for ref in refs:
        source = db.sources.get(ref.seed)
        named.append(_t("source_ref", source.title if source else ref.seed, ref.locator))
    return "; ".join(named)


def change_facts(db: Database, change: Change) -> list[Element]:
    """Source, motivation and consequences of a change, each said to be missing where it is."""
    recorded = change.recorded
    facts = [
        (_t("source_label"), _sources(db, change) or _t("not_given")),
        (_t("motivation_label"), (recorded.motivation if recorded else None) or _t("not_given")),
        (_t("consequences_label"), (recorded.consequences if recorded else None) or _t("not_given")),
    ]
    return [
        paragraph("Normal", [run(f"{label}: ", style="Strong"), run(" ".join(value.split()))])
        for label, value in facts
    ]


def change_blocks(
    db: Database, diff: YearDiff, numbers: DocumentNumbers, *, first_revision: int = 1
) -> list[Element]:
    """Every changed and removed requirement: its facts, and its text as tracked changes; proposals apart."""
    blocks: list[Element] = []
    next_id = first_revision
    bookmark_id = 1
    sections = (
        (_t("changed_heading"), [c for c in diff.changed if c.kind != "utgår"]),
        (_t("removed_heading"), [c for c in diff.changed if c.kind == "utgår"]),
        (_t("apart_section_heading"), list(diff.proposals)),
    )
    for heading, changes in sections:
        blocks.append(ooxml.paragraph("Heading1", [run(heading)]))
        if not changes:
            blocks.append(_text("Normal", _t("nothing")))
            continue
        for change in changes:
            version = _placed(change)
            placement = version.placement if version else None
            name = id_runs(change.id) + ([run(f" {placement.heading}")] if placement else [])
            blocks.append(ooxml.paragraph("Heading3", name))
            facts = [describe(change), _status_label(change)]
            where = section_reference(numbers, diff, change)
            if where:
                facts.insert(0, _t("section", where))
            blocks.append(_text("Kravrad", " · ".join(facts)))
            # The date a change takes effect in ordinary text, not in the small grey id line.
            recorded = change.recorded
            if recorded is not None and recorded.effective_unknown:
                blocks.append(_text("Ikrafttradande", _t("effective_unknown")))
            elif recorded is not None and recorded.is_mid_year():
                blocks.append(_text("Ikrafttradande", _t("effective", recorded.effective_date())))
            if change.status == "förslag":
                blocks.append(_text("Forslagsetikett", _t("status_proposed")))
            if recorded is not None and not recorded.year_stated:
                blocks.append(_text("Normal", YEAR_UNSTATED_NOTE))
            blocks.extend(change_facts(db, change))
            if change.earlier_unknown and change.new is not None:
                blocks.append(_text("Normal", _t("earlier_unknown", change.new.year)))
            if change.new is not None:
                blocks.extend(
                    _text("Normal", _t("correction", c.date, c.reason)) for c in change.new.corrections
                )
            revisions = revisions_for(change, diff, next_id)
            blocks.extend(
                tracked_paragraphs(change.words, revisions, bookmark_id, bookmark_name(change.id), "Normal")
            )
            next_id = revisions.next_id
            bookmark_id += 1
    return blocks


class FactCharts:
    """Native charts of facts' figures: each a chart part of its own, numbered after the summary's."""

    def __init__(self, relationships: Relationships, first: int = 2) -> None:
        self.relationships = relationships
        self.first = first
        self.parts: dict[str, bytes] = {}

    def add(self, title: str, description: str, labels: Sequence[str], values: Sequence[float]) -> Element:
        number = self.first + len(self.parts)
        name = f"word/charts/chart{number}.xml"
        rel_id = self.relationships.add(CHART_REL, name.removeprefix("word/"))
        self.parts.update(chart_parts(name, title, title, labels, values))
        # A centimetre per bar keeps every label readable; Word and LibreOffice skip labels that crowd.
        height = 2.5 + 1.0 * len(labels)
        return paragraph("Normal", [inline_chart(rel_id, number, title, description, height_cm=height)])


def background_blocks(db: Database, diff: YearDiff, charts: FactCharts | None = None) -> list[Element]:
    """Facts about the changed requirements and the reviews announced for the period; none, no section.

    With `charts`, figures that compare like with like are also drawn, above their table.
    """
    changed = (c.id for c in (*diff.changed, *diff.proposals))
    chosen = facts.background(db, diff.from_year, diff.to_year, diff.vardval, changed)
    if not chosen:
        return []
    blocks = [ooxml.paragraph("Heading1", [run(_t("background_heading"))])]
    blocks.append(_text("Normal", _t("background_intro")))
    for fact in chosen:
        blocks.append(ooxml.paragraph("Heading2", [run(fact.title)]))
        period = fact.period.label if fact.period else ""
        info = _t(
            "background_info", FACT_KIND_NAMES[fact.kind], period, list(fact.requirements), fact.paraphrased
        )
        blocks.append(_text("Kravrad", info))
        text = document_plain_text(parse(fact.text)[0], markers=True)
        blocks.extend(_text("Normal", line) for line in text.split("\n") if line.strip())
        if charts is not None and facts.chart_scale(fact.figures):
            description = _t("background_chart", fact.title, list(fact.figures))
            labels = [f.label for f in fact.figures]
            blocks.append(charts.add(fact.title, description, labels, [f.value for f in fact.figures]))
        if fact.figures:
            rows = [[f.label, format_number(f.value), f.unit] for f in fact.figures]
            blocks.append(_table(_t("background_figures").split("|"), rows, widths=[8, 2, 3]))
        cited = [f"{_source_title(db, ref.seed)}, {ref.locator}" for ref in fact.sources]
        blocks.append(_text("Normal", _t("background_source", cited)))
    return blocks


def _source_title(db: Database, seed: str) -> str:
    source = db.sources.get(seed)
    return source.title if source else seed


def report_body(
    db: Database, diff: YearDiff, chart_block: Element | None = None, charts: FactCharts | None = None
) -> list[Element]:
    """The report's body after its title page."""
    numbers = DocumentNumbers(db)
    return [
        *proposal_blocks(db, diff),
        *summary_blocks(db, diff, chart_block),
        *overview_blocks(db, diff, numbers),
        *background_blocks(db, diff, charts),
        *change_blocks(db, diff, numbers),
    ]


def default_name(diff: YearDiff) -> str:
    scope = f"-{diff.vardval}" if diff.vardval else ""
    return f"Förändringar-{diff.from_year}-{diff.to_year}{scope}.docx"


def render_report(db: Database, diff: YearDiff) -> bytes:
    """The report as .docx bytes; the same database and years always give the same bytes."""
    year = db.years.get(diff.to_year)
    created = (
        year.decision.date if year and year.decision and year.decision.date else dt.date(diff.to_year, 1, 1)
    )
    dates = [
        c.recorded.effective_date()
        for c in (*diff.changed, *diff.proposals)
        if c.recorded is not None and not c.recorded.effective_unknown
    ]
    relationships = Relationships()
    chart_block, chart_files = chart(diff, relationships.add(CHART_REL, CHART_PART.removeprefix("word/")))
    charts = FactCharts(relationships)
    body = report_body(db, diff, chart_block, charts)
    return assemble(
        title=title(diff),
        subject=_t("subject"),
        keywords=["Hälsoval Skåne", "förfrågningsunderlag", "förändringar", str(diff.to_year)],
        title_page=title_page(db, diff),
        body=body,
        created=created,
        modified=max([created, *dates]),
        relationships=relationships,
        extra_parts={**chart_files, **charts.parts},
    )


def write_report(db: Database, diff: YearDiff, path: Path) -> Path:
    """Render the report to `path` atomically."""
    write_atomic(path, render_report(db, diff))
    return path


def title_page(db: Database, diff: YearDiff) -> list[Element]:
    year = db.years.get(diff.to_year)
    return [
        _text("Organisation", default_texts()("title_page", "organisation")),
        _text("Namnd", default_texts()("title_page", "committee")),
        _text("Title", title(diff)),
        _text("Subtitle", _t("subtitle")),
        _text(
            "Dokumentinfo",
            f"{document_title(diff.to_year, is_open(db, diff.to_year))}: "
            + decision_statement(
                year.decision.body if year and year.decision else None,
                year.decision.date if year and year.decision else None,
                year.decision.paragraph if year and year.decision else None,
                is_open(db, diff.to_year),
            ),
        ),
        *meeting_blocks(db, diff),
        _text("Dokumentinfo", _t("about")),
    ]


def meeting_blocks(db: Database, diff: YearDiff) -> list[Element]:
    """Case number, meeting date and handling officer from years.yaml, or that the sources lack them."""
    year = db.years.get(diff.to_year)
    values = [
        (_t("case_number_label"), year.case_number if year else None),
        (_t("meeting_date_label"), year.meeting_date if year else None),
        (_t("officer_label"), year.officer if year else None),
    ]
    return [_text("Dokumentinfo", _t("meeting_fact", label, value)) for label, value in values]


def proposal_blocks(db: Database, diff: YearDiff) -> list[Element]:
    """'Förslag till beslut': what the nämnd is asked to decide, built from the changes' status."""
    proposals = [c.id for c in (*diff.changed, *diff.proposals) if c.status == "förslag"]
    decided = sum(1 for c in diff.changed if c.status == "beslutad")
    scope = VARDVAL_NAMES[diff.vardval].lower() if diff.vardval else None
    clauses = []
    if proposals:
        clauses.append(_t("propose_adopt", diff.to_year, scope, len(proposals), ", ".join(proposals)))
    if decided:
        clauses.append(_t("propose_note_decided", decided))
    if not clauses:
        clauses.append(_t("propose_nothing"))
    committee = default_texts()("title_page", "committee")
    return [
        ooxml.paragraph("Heading1", [run(_t("proposal_heading"))]),
        _text("Normal", _t("propose_intro", committee)),
        *(
            _text("ListBullet", clause + ("." if n == len(clauses) - 1 else ", samt"))
            for n, clause in enumerate(clauses)
        ),
    ]
