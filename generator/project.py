"""Finding the project folder, the way git and mkdocs find theirs."""

from __future__ import annotations

from pathlib import Path

from .errors import FfuError
from .load import DB_DIR


class NoProject(FfuError):
    """Raised when no project folder is found from the working directory upwards."""


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds `requirements_db/`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / DB_DIR).is_dir():
            return folder
    raise NoProject(
        f"hittar ingen projektmapp: varken {start} eller någon mapp ovanför innehåller {DB_DIR}/. "
        "Kör kommandot i en klon av projektet, eller ange mappen med -C."
    )
