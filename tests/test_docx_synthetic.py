"""The synthetic corpus: deterministic, valid, of the asked size, and renderable."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from bench.corpus import write_corpus
from generator.docx import render_ffu
from generator.pipeline import load_database
from generator.synthetic import make_database
from generator.timeline import year_view

from .docx_helpers import id_line


def test_the_same_arguments_give_the_same_database() -> None:
    first = make_database(120, n_comparisons=10, n_questions=20)
    second = make_database(120, n_comparisons=10, n_questions=20)
    assert first.requirements == second.requirements
    assert first.meetings == second.meetings
    assert make_database(120, seed=2).requirements != first.requirements


def test_the_corpus_written_as_yaml_loads_and_validates(tmp_path: Path) -> None:
    # The three requirements after the first 2 000 go to bvc, bmm and psykoterapi: every part is checked.
    db = make_database(2003, n_comparisons=10, n_questions=20)
    loaded = load_database(write_corpus(db, tmp_path))
    assert loaded.requirements == db.requirements
    assert loaded.meetings == db.meetings and loaded.comparisons == db.comparisons


def test_sizes_and_change_rate_are_as_asked() -> None:
    db = make_database(1000, change_rate=0.1, n_comparisons=40, n_questions=60)
    assert len(db.requirements) == 1000
    assert len(db.comparisons) == 40
    assert sum(len(m.questions) for m in db.meetings.values()) == 60
    changed = sum(1 for r in db.requirements.values() for v in r.versions if v.year == 2025)
    assert 50 <= changed <= 150


def test_every_requirement_text_has_a_list_and_a_table_and_is_in_the_vc_document() -> None:
    db = make_database(60, n_comparisons=5, n_questions=5)
    entries = year_view(db, 2026, "vc").entries
    assert len(entries) == 60
    assert all("\n- " in (e.version.text or "") and "| --- |" in (e.version.text or "") for e in entries)


def test_a_synthetic_document_reopens_with_every_id() -> None:
    db = make_database(80, n_comparisons=10, n_questions=20)
    document = docx.Document(io.BytesIO(render_ffu(db, "vc", 2026, with_comparisons=True)))
    ids = {id_line(p) for p in document.paragraphs if p.style is not None and p.style.name == "Kravrad"}
    assert ids == {e.id for e in year_view(db, 2026, "vc").entries}
