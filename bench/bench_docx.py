"""Benchmark: the FFU as Word from a synthetic corpus, lxml renderer against python-docx's own API.

    python -m bench.bench_docx [--requirements 2000] [--runs 3] [--json build/bench/docx.json]

Both renderers write the same content (every requirement with its lists and table, the
questions and answers, the comparison tables) for vårdcentral in the last year of the
corpus. The baseline uses python-docx the way its documentation shows: add_paragraph,
add_run, add_table and the cell API. Each run starts cold: the parsed texts are not cached
between runs. Prints a table and writes the figures as JSON; it asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import docx

from generator import markup
from generator.database import Database
from generator.docx import render_ffu
from generator.docx.annexes import covered_topics, questions_for
from generator.docx.assemble import REFERENCE
from generator.docx.richtext import parse_text
from generator.model import PART_NAMES
from generator.synthetic import make_database

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
    document = docx.Document(str(REFERENCE))
    entries = [e for e in db.entries(year, vardval=VARDVAL) if e.requirement.part in ("a", VARDVAL)]
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


def measure(render: Callable[[Database, int], bytes], db: Database, year: int, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        parse_text.cache_clear()
        start = time.perf_counter()
        render(db, year)
        times.append(time.perf_counter() - start)
    return times


def _seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_docx", description=__doc__.split("\n")[0])
    parser.add_argument("--requirements", type=int, default=2000, help="antal krav i korpusen")
    parser.add_argument("--runs", type=int, default=3, help="körningar per renderare (medianen redovisas)")
    parser.add_argument(
        "--json", type=Path, default=ROOT / "build" / "bench" / "docx.json", help="JSON-filen"
    )
    args = parser.parse_args(argv)

    corpus = {
        "n_requirements": args.requirements,
        "n_comparisons": 200,
        "n_questions": 300,
        "change_rate": 0.1,
    }
    db = make_database(args.requirements, n_comparisons=200, n_questions=300)
    year = db.year_numbers()[-1]
    results = {
        "lxml": measure(render_lxml, db, year, args.runs),
        "python-docx": measure(render_python_docx, db, year, args.runs),
    }
    medians = {name: statistics.median(times) for name, times in results.items()}
    ratio = medians["python-docx"] / medians["lxml"]

    count = len(db.entries(year, vardval=VARDVAL))
    print(f"Word-rendering av syntetisk korpus: {count} krav i FFU {VARDVAL} {year}, med bilagor")
    print(f"{'renderare':<28}{'median':>10}   körningar")
    labels = {"lxml": "lxml (generator.docx)", "python-docx": "python-docx, högnivå-API"}
    for name, times in results.items():
        print(f"{labels[name]:<28}{_seconds(medians[name]):>10}   {'  '.join(_seconds(t) for t in times)}")
    print(f"{'kvot python-docx/lxml':<28}{f'{ratio:.1f}'.replace('.', ',') + '×':>10}")

    report = {
        "benchmark": "docx",
        "corpus": corpus,
        "document": {"vardval": VARDVAL, "year": year, "requirements": count, "with_comparisons": True},
        "runs": args.runs,
        "median_seconds": {name: round(value, 4) for name, value in medians.items()},
        "run_seconds": {name: [round(t, 4) for t in times] for name, times in results.items()},
        "ratio": round(ratio, 2),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"skrev {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
