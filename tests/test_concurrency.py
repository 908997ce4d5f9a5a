"""Two editing commands at once: the second waits for the first, so nothing is numbered twice or lost."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator import locks
from generator.load import load

from .conftest import Result


def _at_once(project: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command before waiting for any, each in its own process."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "-C", str(project), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    results = []
    for process, command in zip(processes, commands, strict=True):
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def test_two_new_requirements_at_once_get_different_ids_and_sections(minimal_project: Path) -> None:
    new = ["new", "--vardval", "vc", "--chapter", "vc-tillganglighet", "--title"]
    results = _at_once(minimal_project, [[*new, "Första"], [*new, "Andra"]])
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    raw, problems = load(minimal_project)
    assert problems == []
    requirements = [f.data for f in raw.files if f.kind == "requirement"]
    assert len(requirements) == 3
    sections = [r["versions"][-1]["placement"]["section"] for r in requirements]
    assert len(set(sections)) == 3, sections
    assert {r["versions"][-1]["placement"]["heading"] for r in requirements} >= {"Första", "Andra"}


def test_two_questions_added_to_one_meeting_at_once_are_both_kept(minimal_project: Path) -> None:
    def add(text: str) -> list[str]:
        return ["qa", "add", "--meeting", "2026-05-07", "--question", text, "--locator", f"Fråga om {text}"]

    results = _at_once(minimal_project, [add("öppettider"), add("telefontider")])
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    meeting = YAML(typ="safe").load(
        (minimal_project / "requirements_db/meetings/2026-05-07.yaml").read_bytes()
    )
    questions = [q["question"].strip() for q in meeting["questions"]]
    assert "öppettider" in questions and "telefontider" in questions
    assert len({q["number"] for q in meeting["questions"]}) == len(questions)


def test_a_command_that_waits_too_long_gives_up_in_swedish_and_changes_nothing(
    minimal_project: Path, run_ffu: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(locks.WAIT_SECONDS, "redigering", 0.2)
    before = (minimal_project / "requirements_db/years.yaml").read_bytes()
    with locks.locked(minimal_project, "redigering"):
        result = run_ffu("-C", str(minimal_project), "new-year", "2027")
    assert result.code == 2
    assert result.err.startswith("ffu: ett annat ffu-kommando ändrar databasen just nu")
    assert (minimal_project / "requirements_db/years.yaml").read_bytes() == before
