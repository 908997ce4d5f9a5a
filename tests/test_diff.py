"""The diff engine: word-level, exact, and keyed by requirement ID only."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diff import apply, comparable_text, compare, tokenize, word_diff
from generator.pipeline import load_database

# Texts built from Swedish words, numbers with thousands separators and punctuation.
PIECES = st.sampled_from(
    [*"abcåäöÅÄÖ ,.;:–-()%/\n0123456789", "kr", " 000", "ST-läkare", "timmar", "vårdcentral", "\u00a0"]
)
SWEDISH = st.lists(PIECES, max_size=40).map("".join)


@given(SWEDISH, SWEDISH)
@settings(max_examples=300, deadline=None)
def test_accepting_a_diff_gives_the_new_text_and_rejecting_it_the_old(old: str, new: str) -> None:
    segments = word_diff(old, new)
    assert apply(segments, accept=True) == new
    assert apply(segments, accept=False) == old


@given(SWEDISH)
@settings(max_examples=100, deadline=None)
def test_identical_texts_give_no_change(text: str) -> None:
    assert all(s.op == "equal" for s in word_diff(text, text))


@given(SWEDISH)
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


def test_numbers_with_units_and_swedish_words_stay_whole() -> None:
    tokens = tokenize("höjdes från 75 000 till 150 000 kronor kl. 8:00–17:00 för ST-läkare")
    assert "75 000" in tokens and "150 000" in tokens and "8:00–17:00" in tokens and "ST-läkare" in tokens


def test_a_changed_number_is_one_deletion_and_one_insertion_of_whole_words() -> None:
    segments = word_diff("minst 30 timmar per vecka", "minst 45 timmar per vecka")
    assert [(s.op, s.text) for s in segments if s.op != "equal"] == [("delete", "30"), ("insert", "45")]


def test_comparable_text_is_one_line_per_paragraph_item_and_row() -> None:
    text = "Inledning med **fetstil**.\n\n- ett\n- två\n\n| a | b |\n| --- | --- |\n| 1 | 2 |"
    assert comparable_text(text) == "Inledning med fetstil.\n• ett\n• två\na | b\n1 | 2"


def test_identical_years_give_an_empty_diff(minimal_project: Path) -> None:
    db = load_database(minimal_project)
    result = compare(db, 2025, 2025)
    assert result.changed == ()


def test_renaming_a_file_without_changing_its_id_is_not_a_change(
    minimal_project: Path, tmp_path: Path
) -> None:
    before = compare(load_database(minimal_project), 2024, 2025)
    renamed = tmp_path / "renamed"
    shutil.copytree(minimal_project, renamed)
    folder = renamed / "requirements_db" / "requirements"
    (folder / "VC-001.yaml").rename(folder / "VC-001.yml")
    # .yml is read too; the ID inside decides identity, so the comparison is the same.
    after = compare(load_database(renamed), 2024, 2025)
    assert [(c.id, c.kind, c.words) for c in after.changes] == [
        (c.id, c.kind, c.words) for c in before.changes
    ]


def test_opening_hours_went_from_30_to_45_hours_on_1_september_2025(real_project: Path) -> None:
    diff = compare(load_database(real_project), 2024, 2025, vardval="vc")
    change = next(c for c in diff.changes if c.id == "VC-001")
    assert change.kind == "ändrad"
    assert [(s.op, s.text) for s in change.words if s.op != "equal"] == [("delete", "30"), ("insert", "45")]
    assert change.recorded is not None and str(change.recorded.effective) == "2025-09-01"


def test_a_requirement_outside_the_vardval_is_left_out(real_project: Path) -> None:
    diff = compare(load_database(real_project), 2024, 2026, vardval="bvc")
    assert diff.changes and all("bvc" in c.old_scope or "bvc" in c.new_scope for c in diff.changes)


def test_a_requirement_first_documented_later_is_its_own_category_not_new(real_project: Path) -> None:
    # VC-023 (the 200-kronor deduction) is first recorded in 2026 as 'oförändrad': it was in force already.
    diff = compare(load_database(real_project), 2025, 2026, vardval="vc")
    change = next(c for c in diff.changes if c.id == "VC-023")
    assert change.kind == "först dokumenterad" and change.earlier_unknown and change.is_change
    assert change.old is None and change.new is not None
    assert diff.counts()["ny"] == 0


def test_a_first_version_recorded_as_changed_has_no_invented_earlier_text(real_project: Path) -> None:
    # PSY-006's proposed boundary wording is all the sources give; the earlier wording is unknown.
    diff = compare(load_database(real_project), 2025, 2026, vardval="psykoterapi")
    assert "PSY-006" not in {c.id for c in diff.changes}, "an undecided proposal is not in the decided text"
    change = next(c for c in diff.proposals if c.id == "PSY-006")
    assert change.kind == "ändrad" and change.earlier_unknown and change.status == "förslag"
    assert all(s.op == "equal" for s in change.words)
    assert change.old_text == comparable_text(change.new.text if change.new else None)


def test_a_requirement_first_recorded_as_new_is_new_and_all_its_text_inserted(real_project: Path) -> None:
    # VC-008 (rehab subcontractors limited) is new from 1 July 2025.
    diff = compare(load_database(real_project), 2024, 2025, vardval="vc")
    change = next(c for c in diff.changes if c.id == "VC-008")
    assert change.kind == "ny" and not change.earlier_unknown and change.old_text == ""
    assert [s.op for s in change.words] == ["insert"]


def test_restricting_a_full_comparison_equals_comparing_for_one_vardval(real_project: Path) -> None:
    db = load_database(real_project)
    full = compare(db, 2024, 2026)
    for vardval in ("vc", "bvc", "bmm", "psykoterapi"):
        assert full.restricted_to(vardval, db) == compare(db, 2024, 2026, vardval=vardval)
