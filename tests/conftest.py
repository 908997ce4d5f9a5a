"""Shared fixtures: a throwaway copy of a project, and running the CLI in-process."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from generator.cli import main

# Locally hypothesis explores new examples on every run, which is how it finds bugs; in CI
# (CI=true) it replays a fixed sequence, so a landing never fails on a newly drawn example.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run_ffu(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def copy_project(source: Path, target: Path) -> Path:
    """A copy of a fixture project with the real templates/, which every project folder carries.

    The fixtures' requirements_db/sources are links to the real documents; the copy gets the files.
    """
    shutil.copytree(source, target)
    if not (target / "templates").exists():
        shutil.copytree(REPO / "templates", target / "templates")
    return target


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A copy of the small valid project in tests/fixtures/minimal."""
    return copy_project(FIXTURES / "minimal", tmp_path / "projekt")


@pytest.fixture
def real_project(tmp_path: Path) -> Path:
    """A copy of the project's real database, safe to edit."""
    target = tmp_path / "projekt"
    shutil.copytree(REPO / "requirements_db", target / "requirements_db")
    shutil.copytree(REPO / "templates", target / "templates")
    return target


def unseal(project: Path) -> None:
    """Drop the seals from a copy's year register: a database decided before seals existed.

    For tests whose fixture edits decided text by hand to set up another case.
    """
    years = project / "requirements_db" / "years.yaml"
    kept = []
    skipping = False
    for line in years.read_text(encoding="utf-8").splitlines(keepends=True):
        if line == "    seals:\n":
            skipping = True
            continue
        if skipping and line.startswith("      "):
            continue
        skipping = False
        kept.append(line)
    years.write_text("".join(kept), encoding="utf-8")
