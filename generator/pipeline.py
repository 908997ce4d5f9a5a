"""The build pipeline, read top to bottom: load → validate → model → render.

Each stage is a function that takes what the previous one returned.
"""

from __future__ import annotations

from pathlib import Path

from .database import Database
from .load import line_ending_problems, load
from .problems import ProblemsFound
from .validate import validate


def load_database(root: Path) -> Database:
    """Load and validate the database; raise `ProblemsFound` with every problem if any."""
    raw, problems = load(root)
    database, more = validate(raw)
    problems = sorted(set(problems + more + line_ending_problems(raw)))
    if problems or database is None:
        raise ProblemsFound(problems)
    return database
