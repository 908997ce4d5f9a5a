"""Details a reader notices: foreign terms marked as such, and no meeting chatter in the annex."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from generator.database import Database
from generator.diff import Segment
from generator.docx import render_ffu
from generator.docx.annexes import is_chatter
from generator.docx.language import split
from generator.docx.ooxml import Revisions
from generator.docx.tracked import tracked_paragraphs
from generator.pipeline import load_database

from .conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def db() -> Database:
    return load_database(REPO)


def _document(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _runs_in(root: etree._Element, language: str) -> list[str]:
    return [
        "".join(t.text or "" for t in r.iter(f"{W}t", f"{W}delText"))
        for r in root.iter(f"{W}r")
        if r.find(f"{W}rPr/{W}lang[@{W}val='{language}']") is not None
    ]


def test_english_treatment_names_are_marked_as_english_in_the_ffu(db: Database) -> None:
    english = _runs_in(_document(render_ffu(db, "psykoterapi", 2026)), "en-GB")
    assert "prolonged exposure" in english and "cognitive processing therapy" in english


def test_english_terms_are_marked_in_tracked_text_kept_inserted_and_deleted() -> None:
    segments = [
        Segment("equal", "• prolonged exposure\n"),
        Segment("delete", "• cognitive processing therapy\n"),
        Segment("insert", "prolonged exposure igen"),
    ]
    paragraphs = tracked_paragraphs(segments, Revisions("Förslag 2026", None), 1, "krav_X", "Normal")
    body = etree.Element(f"{W}body")
    body.extend(paragraphs)
    assert _runs_in(body, "en-GB") == [
        "prolonged exposure",
        "cognitive processing therapy",
        "prolonged exposure",
    ]


def test_splitting_keeps_the_text_and_marks_only_the_terms() -> None:
    text = "Utbildning i prolonged exposure eller kognitiv terapi."
    pieces = split(text)
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, language in pieces if language] == ["prolonged exposure"]
    assert split("Inga främmande ord.") == [("Inga främmande ord.", None)]


def test_a_remark_without_a_question_or_a_link_to_the_ffu_is_left_out_of_the_annex(db: Database) -> None:
    chatter = [q for m in db.meetings.values() for q in m.questions if is_chatter(q)]
    assert [q.question.strip() for q in chatter] == ["Tack gillade detta upplägg!"]
    text = "\n".join(
        "".join(t.text or "" for t in p.iter(f"{W}t"))
        for p in _document(render_ffu(db, "vc", 2026)).iter(f"{W}p")
    )
    assert "Tack gillade detta upplägg" not in text
    assert "Ett inlägg utan fråga" in text
    # Questions stay, also those without a link.
    assert "Fråga 21" in text
