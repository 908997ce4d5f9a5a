"""The real build, end to end: every output, reproducible to the byte, and only what changed rebuilt."""

from __future__ import annotations

import datetime as dt
import shutil
import struct
from pathlib import Path

import pytest

from generator.build import build

from .conftest import REPO, unseal


def _project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("requirements_db", "content", "templates"):
        shutil.copytree(REPO / name, folder / name)
    shutil.copy2(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    unseal(folder)  # these tests edit decided text by hand to see what the build renders again
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same commit built twice, in two folders with different paths, each with its own cache.

    Tests that edit a project work on a copy (`_copy_of_built`), so these stay as built.
    """
    first = _project(tmp_path_factory.mktemp("ett") / "projekt")
    second = _project(tmp_path_factory.mktemp("andra") / "annat-namn")
    build(first)
    build(second)
    return first, second


def _copy_of_built(project: Path, tmp_path: Path) -> Path:
    """A copy of a built project, outputs and cache included."""
    copy = tmp_path / "kopia"
    shutil.copytree(project, copy, symlinks=True)
    manifest = copy / ".cache" / "ffu" / "manifest.json"
    # The manifest names the output folders by absolute path; point it at the copy's.
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(str(project), str(copy)), encoding="utf-8"
    )
    return copy


def test_two_builds_of_the_same_commit_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    for output in ("site", "dist"):
        a, b = _files(first / output), _files(second / output)
        assert a.keys() == b.keys()
        different = [name for name in a if a[name] != b[name]]
        assert different == [], f"{output}: {different[:5]}"


def test_the_build_writes_every_document_report_and_page(two_builds: tuple[Path, Path]) -> None:
    project, _ = two_builds
    # Each as Word and as PDF.
    documents = sorted(p.name for p in (project / "dist" / "ffu").iterdir())
    assert len(documents) == 4 * 3 * 2 and {"FFU-vc-2025.docx", "FFU-vc-2025.pdf"} <= set(documents)
    reports = sorted(p.name for p in (project / "dist" / "rapporter").iterdir())
    assert len(reports) == 2 * 5 * 2
    assert "Förändringar-2025-2026.docx" in reports and "Förändringar-2024-2025-vc.docx" in reports
    assert (project / "site" / "index.html").is_file()
    published = {p.name for p in (project / "site" / "nedladdningar").iterdir()}
    assert set(documents) <= published and set(reports) <= published


def test_the_site_is_stamped_with_the_newest_date_of_the_data_not_the_build_time(
    two_builds: tuple[Path, Path],
) -> None:
    project, _ = two_builds
    header = (project / "site" / "sitemap.xml.gz").read_bytes()[:8]
    (mtime,) = struct.unpack("<I", header[4:8])
    # The newest date in the real content: question 7 of 7 May 2026 was answered in full on 12 May.
    assert dt.datetime.fromtimestamp(mtime, dt.UTC).date() == dt.date(2026, 5, 12)


def test_a_rebuild_after_one_edit_renders_only_the_documents_it_touches(
    two_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    project = _copy_of_built(two_builds[0], tmp_path)
    assert build(project).skipped
    record = project / "requirements_db" / "requirements" / "BMM-002.yaml"
    text = record.read_text(encoding="utf-8")
    sentence = "      Barnmorskemottagningen ska vara tillgänglig"
    assert sentence in text
    record.write_text(text.replace(sentence, sentence + " alltid", 1), encoding="utf-8")
    result = build(project)
    assert not result.skipped
    # BMM-002 is in force from 2024: the three BMM documents change, and the reports for all vårdval
    # and for BMM, 2024→2025 and 2025→2026. Nothing else is rendered again.
    assert result.documents + result.reports - result.reused == 3 + 4
    assert build(project).skipped


def test_an_edit_to_a_comment_changes_no_document(two_builds: tuple[Path, Path], tmp_path: Path) -> None:
    project = _copy_of_built(two_builds[1], tmp_path)
    record = project / "requirements_db" / "requirements" / "BMM-002.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("# ", "# Anteckning: ", 1), encoding="utf-8")
    result = build(project)
    assert not result.skipped and result.reused == result.documents + result.reports


def test_force_renders_every_document_again_without_the_cache(
    two_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    project = _copy_of_built(two_builds[1], tmp_path)
    before = _files(project / "dist")
    result = build(project, force=True)
    assert not result.skipped and result.reused == 0
    assert result.documents + result.reports == len([n for n in before if n.endswith(".docx")])
    assert _files(project / "dist") == before


def test_a_requirement_ending_mid_year_is_rendered_again_when_its_end_date_changes(
    two_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    # VC-021 (death certificates) ends on 1 May 2025; the 2025 document shows it until then.
    project = _copy_of_built(two_builds[0], tmp_path)
    record = project / "requirements_db" / "requirements" / "VC-021.yaml"
    text = record.read_text(encoding="utf-8")
    assert "effective: 2025-05-01" in text
    before = (project / "dist" / "ffu" / "FFU-vc-2025.docx").read_bytes()
    record.write_text(text.replace("effective: 2025-05-01", "effective: 2025-06-01"), encoding="utf-8")
    build(project)
    assert (project / "dist" / "ffu" / "FFU-vc-2025.docx").read_bytes() != before
