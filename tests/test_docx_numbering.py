"""Every FFU numbers its chapters and sections continuously: no number twice, none skipped unexplained."""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict

import pytest
from lxml import etree

from generator.database import Database
from generator.diff import compare
from generator.docx import render_ffu
from generator.model import VARDVAL
from generator.pipeline import load_database
from generator.report import render_report
from generator.synthetic import make_database

from .conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*) ")
# A number may be left out where the document says so in place.
EXPLAINED = "avsnittet utgår"


def _paragraphs(docx_bytes: bytes) -> list[tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        out.append((style.get(f"{W}val") if style is not None else "", text))
    return out


def numbering_problems(docx_bytes: bytes) -> list[str]:
    """Duplicate numbers, and numbers skipped without 'avsnittet utgår', among the section headings."""
    seen: set[tuple[int, ...]] = set()
    children: dict[tuple[int, ...], list[int]] = defaultdict(list)
    explained: set[tuple[int, ...]] = set()
    problems = []
    for style, text in _paragraphs(docx_bytes):
        match = NUMBERED.match(text)
        if not style.startswith("Heading") or style == "Heading1" or match is None:
            continue
        number = tuple(int(n) for n in match.group(1).split("."))
        if number in seen:
            problems.append(f"{match.group(1)} förekommer två gånger")
        seen.add(number)
        if EXPLAINED in text:
            explained.add(number)
        # A section implies its parents, shown or not.
        for depth in range(1, len(number) + 1):
            parent, last = number[: depth - 1], number[depth - 1]
            if last not in children[parent]:
                children[parent].append(last)
    for parent, numbers in children.items():
        for expected, found in enumerate(sorted(numbers), start=1):
            if found != expected and (*parent, expected) not in explained:
                label = ".".join(str(n) for n in (*parent, expected))
                problems.append(f"{label} saknas")
                break
        if sorted(numbers) != numbers:
            problems.append(f"avsnitten under {parent} står i fel ordning: {numbers}")
    return problems


@pytest.fixture(scope="module")
def db() -> Database:
    return load_database(REPO)


def test_every_ffu_of_the_real_content_numbers_its_sections_without_repeats_or_gaps(db: Database) -> None:
    for year in db.year_numbers():
        for vardval in VARDVAL:
            assert numbering_problems(render_ffu(db, vardval, year)) == [], f"{vardval} {year}"


def test_every_ffu_of_a_synthetic_corpus_numbers_its_sections_without_repeats_or_gaps() -> None:
    synthetic = make_database(400, n_comparisons=5, n_questions=10, seed=3)
    for year in synthetic.year_numbers():
        for vardval in VARDVAL:
            assert numbering_problems(render_ffu(synthetic, vardval, year)) == [], f"{vardval} {year}"


def test_the_check_finds_a_repeated_and_a_skipped_number() -> None:
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{s}"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>'
        for s, t in [("Heading2", "1 A"), ("Heading3", "1.1 B"), ("Heading3", "1.3 C"), ("Heading2", "1 D")]
    )
    xml = f'<w:document xmlns:w="{W[1:-1]}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    assert numbering_problems(buffer.getvalue()) == ["1 förekommer två gånger", "1.2 saknas"]


def test_del_a_and_the_vardval_part_do_not_share_chapter_numbers(db: Database) -> None:
    chapters = [t for s, t in _paragraphs(render_ffu(db, "bmm", 2025)) if s == "Heading2"]
    numbers = [int(NUMBERED.match(t).group(1)) for t in chapters if NUMBERED.match(t)]  # type: ignore[union-attr]
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_change_report_refers_to_sections_by_the_ffus_numbers(db: Database) -> None:
    diff = compare(db, 2025, 2026).restricted_to("vc", db)
    headings = {
        t.split(" ", 1)[1]: t.split(" ", 1)[0]
        for s, t in _paragraphs(render_ffu(db, "vc", 2026))
        if s in ("Heading3", "Heading4") and NUMBERED.match(t)
    }
    report = "\n".join(t for _, t in _paragraphs(render_report(db, diff)))
    checked = 0
    for change in diff.changed:
        placement = change.new.placement if change.new else None
        if placement is None or placement.heading not in headings or "." not in placement.section:
            continue
        assert f"avsnitt {headings[placement.heading]}" in report, change.id
        checked += 1
    assert checked > 0
