"""The ffu command finds its project like git does and always answers in Swedish."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import REPO


def ffu(*args: str, cwd: Path, path: str = "/usr/bin:/bin") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(REPO), "PATH": path},
    )


def test_validate_works_from_a_subfolder_of_the_project(minimal_project: Path) -> None:
    result = ffu("validate", cwd=minimal_project / "requirements_db" / "requirements")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Inga fel: 1 krav")


def test_dash_c_names_the_project_folder(minimal_project: Path, tmp_path: Path) -> None:
    result = ffu("-C", str(minimal_project), "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_outside_a_project_the_message_is_swedish_and_the_exit_code_two(tmp_path: Path) -> None:
    result = ffu("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "hittar ingen projektmapp" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_command_is_refused_in_swedish(tmp_path: Path) -> None:
    result = ffu("publicera", cwd=tmp_path)
    assert result.returncode == 2
    assert "ogiltigt val: 'publicera'" in result.stderr
    assert "användning: ffu" in result.stderr


def test_build_of_an_invalid_project_reports_every_error_and_writes_nothing(minimal_project: Path) -> None:
    record = minimal_project / "requirements_db" / "requirements" / "VC-001.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("level: ska", "level: kanske"), encoding="utf-8"
    )
    result = ffu("build", cwd=minimal_project)
    assert result.returncode == 1
    assert "'kanske' är inte ett tillåtet värde för 'level'" in result.stderr
    assert not (minimal_project / "site").exists() and not (minimal_project / "dist").exists()


def test_a_missing_folder_after_dash_c_is_refused(minimal_project: Path) -> None:
    result = ffu("-C", "finns-inte", "validate", cwd=minimal_project)
    assert result.returncode == 2
    assert "mappen finns-inte finns inte" in result.stderr
    assert not (minimal_project / "finns-inte").exists()


def test_build_without_pdf_writes_word_files_only_and_asks_word_to_update_the_contents(
    tmp_path: Path,
) -> None:
    project = tmp_path / "projekt"
    for name in ("requirements_db", "content", "templates"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    result = ffu("build", "--utan-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    dist = project / "dist"
    assert list(dist.rglob("*.docx")) and not list(dist.rglob("*.pdf"))
    with zipfile.ZipFile(next(dist.rglob("FFU-*.docx"))) as archive:
        assert b"updateFields" in archive.read("word/settings.xml")


def test_build_without_libreoffice_says_so_in_swedish_and_how_to_do_without(minimal_project: Path) -> None:
    # A PATH without soffice: the layout pass cannot start.
    result = ffu("build", cwd=minimal_project, path=str(minimal_project / "ingen-sökväg"))
    assert result.returncode != 0
    assert "LibreOffice (soffice) saknas" in result.stderr and "--utan-pdf" in result.stderr
    assert "Traceback" not in result.stderr
