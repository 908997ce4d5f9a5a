"""Trojan Source: characters that make a text read otherwise than it says are refused where they stand."""

from __future__ import annotations

from pathlib import Path

import pytest

RECORD = "requirements_db/requirements/VC-001.yaml"
CHARACTERS = ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200d", "\u2060", "\ufeff"]


def _files(project: Path) -> dict[Path, bytes]:
    db = project / "requirements_db"
    return {p: p.read_bytes() for p in db.rglob("*") if p.is_file()}


def _insert(project: Path, old: str, new: str) -> None:
    path = project / RECORD
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("char", CHARACTERS, ids=[f"U+{ord(c):04X}" for c in CHARACTERS])
def test_a_character_in_a_requirement_text_is_refused_at_its_line_and_column(
    minimal_project: Path, run_ffu, char: str
) -> None:  # type: ignore[no-untyped-def]
    # Line 18 is the first line of the 2024 text, indented by six spaces.
    _insert(minimal_project, "minst 30 timmar", f"minst 3{char}0 timmar")
    result = run_ffu("-C", str(minimal_project), "validate")
    assert result.code == 1
    column = 7 + len("Vårdcentralen ska ha öppet minst 3")
    assert f"{RECORD}:18:{column}: " in result.err
    assert f"U+{ord(char):04X}" in result.err
    assert "Traceback" not in result.err


def test_a_direction_override_in_a_heading_is_refused(minimal_project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    _insert(minimal_project, "heading: Öppettider", "heading: Öppet\u202etider")
    result = run_ffu("-C", str(minimal_project), "validate")
    assert result.code == 1
    assert f"{RECORD}:16:{len('      heading: Öppet') + 1}: riktningstecknet U+202E" in result.err


def test_a_zero_width_space_in_an_id_is_refused(minimal_project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    _insert(minimal_project, "id: VC-001", "id: VC-\u200b001")
    result = run_ffu("-C", str(minimal_project), "validate")
    assert result.code == 1
    assert f"{RECORD}:3:8: det osynliga tecknet U+200B" in result.err


def test_a_direction_override_in_a_comment_is_refused(minimal_project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    _insert(minimal_project, "# A valid record", "# A \u2067valid\u2069 record")
    result = run_ffu("-C", str(minimal_project), "validate")
    assert result.code == 1
    assert f"{RECORD}:2:5: riktningstecknet U+2067" in result.err


def test_a_byte_order_mark_at_the_start_of_a_file_is_allowed(minimal_project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    path = minimal_project / RECORD
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_ffu("-C", str(minimal_project), "validate").code == 0


def test_an_editing_command_refuses_a_text_with_an_override(minimal_project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    before = _files(minimal_project)
    result = run_ffu(
        "-C",
        str(minimal_project),
        "new",
        "--vardval",
        "vc",
        "--title",
        "Ny rubrik",
        "--chapter",
        "vc-tillganglighet",
        "--text",
        "Vårdcentralen ska \u202einte\u202c ha öppet.",
    )
    assert result.code != 0
    assert "U+202E" in result.err
    assert _files(minimal_project) == before
