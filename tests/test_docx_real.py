"""The real database renders for every vårdval and year, with its known mid-year changes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from generator.database import Database
from generator.docx import file_name, render_ffu, write_atomic
from generator.model import VARDVAL
from generator.pipeline import load_database
from generator.timeline import year_view

from .conftest import REPO
from .docx_helpers import id_line

# Requirements that end during the year, so the year's document shows them though they are
# not in force at its end. Written out rather than computed, to check the code that finds them.
ENDING = {("vc", 2025): {"VC-021"}}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, dict[str, Path]]:
    db = load_database(REPO)
    out = tmp_path_factory.mktemp("downloads")
    paths = {}
    for year in db.year_numbers():
        for vardval in VARDVAL:
            name = file_name(vardval, year)
            write_atomic(out / name, render_ffu(db, vardval, year))
            paths[name] = out / name
    return db, paths


def test_every_vardval_and_year_is_written_and_reopens(written: tuple[Database, dict[str, Path]]) -> None:
    db, paths = written
    assert len(paths) == 4 * len(db.years)
    for name, path in paths.items():
        document = docx.Document(str(path))
        ids = {id_line(p) for p in document.paragraphs if p.style is not None and p.style.name == "Kravrad"}
        vardval, year = name.removeprefix("FFU-").removesuffix(".docx").rsplit("-", 1)
        expected = {e.id for e in year_view(db, int(year), vardval).entries}
        expected |= ENDING.get((vardval, int(year)), set())
        assert ids == expected, name


def test_vc_021_in_2025_shows_that_it_ends_on_1_may(written: tuple[Database, dict[str, Path]]) -> None:
    _, paths = written
    paragraphs = [id_line(p) for p in docx.Document(str(paths["FFU-vc-2025.docx"])).paragraphs]
    after = paragraphs[paragraphs.index("VC-021") + 1 :]
    assert after[0] == "Till och med den 30 april 2025 gäller:"
    assert "Från och med den 1 maj 2025 utgår kravet." in after[:6]


def test_vc_001_in_2025_shows_its_change_from_1_september(written: tuple[Database, dict[str, Path]]) -> None:
    _, paths = written
    paragraphs = [id_line(p) for p in docx.Document(str(paths["FFU-vc-2025.docx"])).paragraphs]
    after = paragraphs[paragraphs.index("VC-001") + 1 :]
    assert any(text.startswith("Från och med den 1 september 2025") for text in after[:8])
