"""The two Word renderers `make bench` compares: the project's lxml renderer and python-docx's own API.

Both write the same content (every requirement with its lists and table, the questions and
answers, the comparison tables) for vårdcentral in the given year. The baseline uses
python-docx the way its documentation shows: add_paragraph, add_run, add_table and the cell
API. `bench.stages` times them.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx

from generator import markup
from generator.database import Database
from generator.docx import render_ffu
from generator.docx.annexes import covered_topics, questions_for
from generator.docx.assemble import reference_file
from generator.model import PART_NAMES
from generator.timeline import year_view

ROOT = Path(__file__).resolve().parents[1]
VARDVAL = "vc"


def render_lxml(db: Database, year: int) -> bytes:
    return render_ffu(db, VARDVAL, year, with_comparisons=True)


def _add_inlines(
    paragraph: object, nodes: markup.Inlines, *, bold: bool = False, italic: bool = False
) -> None:
    for node in nodes:
        if isinstance(node, markup.Text):
            run = paragraph.add_run(node.text)  # type: ignore[attr-defined]
            run.bold, run.italic = bold or None, italic or None
        elif isinstance(node, markup.Strong):
            _add_inlines(paragraph, node.children, bold=True, italic=italic)
        elif isinstance(node, markup.Emph):
            _add_inlines(paragraph, node.children, bold=bold, italic=True)
        else:
            _add_inlines(paragraph, node.children, bold=bold, italic=italic)


def _add_blocks(document: docx.document.Document, text: str) -> None:
    for block in markup.parse(text)[0].blocks:
        if isinstance(block, markup.Paragraph):
            _add_inlines(document.add_paragraph(style="Normal"), block.inlines)
        elif isinstance(block, markup.BulletList | markup.OrderedList):
            style = "List Bullet" if isinstance(block, markup.BulletList) else "List Number"
            for item in block.items:
                _add_inlines(document.add_paragraph(style=style), item)
        else:
            rows = ([block.header] if block.header else []) + list(block.rows)
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows), style="Tabell")
            for r, cells in enumerate(rows):
                for c, cell in enumerate(cells):
                    _add_inlines(table.cell(r, c).paragraphs[0], cell)


def render_python_docx(db: Database, year: int) -> bytes:
    """The naive baseline: python-docx's high-level API throughout."""
    document = docx.Document(str(reference_file()))
    entries = [e for e in year_view(db, year, VARDVAL).entries if e.requirement.part in ("a", VARDVAL)]
    part = chapter = section = None
    for entry in entries:
        placement = entry.version.placement
        assert placement is not None
        if entry.requirement.part != part:
            part = entry.requirement.part
            document.add_paragraph(PART_NAMES[part], style="Heading 1")
        if placement.chapter != chapter:
            chapter = placement.chapter
            document.add_paragraph(
                f"{placement.chapter_number()} {db.chapters[chapter].title}", style="Heading 2"
            )
        if placement.section != section:
            section = placement.section
            document.add_paragraph(f"{section} {placement.heading}", style="Heading 3")
        document.add_paragraph(style="Kravrad").add_run(entry.id, style="Krav-id")
        _add_blocks(document, entry.version.text or "")
    document.add_paragraph("Frågor och svar", style="Heading 1")
    for meeting, questions in questions_for(db, VARDVAL, year):
        document.add_paragraph(meeting.name, style="Heading 2")
        for question in questions:
            document.add_paragraph(f"Fråga {question.number}: {question.question}", style="Fråga")
            document.add_paragraph(f"Svar: {question.answer or 'Svar saknas i källan.'}", style="Svar")
    document.add_paragraph("Omvärldsbevakning", style="Heading 1")
    comparisons = db.comparisons_for(covered_topics(entries))
    table = document.add_table(rows=1, cols=5, style="Tabell")
    for cell, text in zip(
        table.rows[0].cells, ("Region", "Aspekt", "Regel", "Siffror", "Källa"), strict=True
    ):
        cell.text = text
    for comparison in comparisons:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = comparison.region, comparison.aspect, comparison.rule
        cells[3].text = "\n".join(f"{f.label}: {f.value} {f.unit}" for f in comparison.figures)
        cells[4].text = comparison.sources[0].locator
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
