"""`ffu validate FILES…`: the whole database is read, so references resolve, but only the given
files' problems count, for a writer's editor. It passes a file whose own lines are right even
when other files' references to it are broken, so the pre-commit hook runs the whole `ffu validate`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..load import line_ending_problems, load
from ..problems import Problem
from ..validate import validate


def problems_in(root: Path, files: Sequence[Path], cwd: Path) -> tuple[list[Problem], int]:
    """The problems in `files` (relative to `cwd`), and how many there are in other files."""
    raw, problems = load(root)
    _, more = validate(raw)
    every = sorted(set(problems) | set(more) | set(line_ending_problems(raw)))
    wanted = {_display(root, cwd / file) for file in files}
    mine = [p for p in every if p.path in wanted]
    return mine, len(every) - len(mine)


def _display(root: Path, path: Path) -> str:
    """The path as problems name it: relative to the project root, with forward slashes."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
