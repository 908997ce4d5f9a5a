"""Where the templates come from: the templates/ folder of the project being built.

Templates are part of the project, like the database and the prose: writers change the
fixed wording of the Word files in templates/docx/*.j2 and the site's pages in
templates/site/, and their own clone must build with their own wording. So ffu takes
them from the project folder it works on, never from where the package happens to be
installed; a wheel or `pipx install` then builds any clone. The source tree's own
templates/ is the fallback for code that names no project (tests, library use).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .problems import Problem, ProblemsFound

FOLDER = "templates"
SOURCE_TREE = Path(__file__).resolve().parents[1] / FOLDER

_project: Path | None = None


@contextmanager
def project(root: Path) -> Iterator[None]:
    """Take the templates from `root`'s templates/ folder while the block runs."""
    global _project
    before, _project = _project, root
    try:
        yield
    finally:
        _project = before


def folder() -> Path:
    """The templates/ folder in use."""
    return _project / FOLDER if _project is not None else SOURCE_TREE


def file(relative: str) -> Path:
    """A template file, or a located Swedish problem when the project lacks it."""
    path = folder() / relative
    if not path.is_file():
        shown = f"{FOLDER}/{relative}"
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    1,
                    1,
                    f"mallen saknas; {shown} hör till projektmappen, hämta den från projektets git-arkiv",
                )
            ]
        )
    return path
