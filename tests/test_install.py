"""Installed the ordinary way: a wheel (not editable) in a fresh virtual environment builds a clean clone.

ffu takes its templates from the project folder it works on (see generator/templates.py),
so the installed package needs none of its own, and the clone's wording is what the
Word files say.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


def _clean_copy(target: Path) -> Path:
    """The project as git would check it out: tracked and new files, nothing ignored (no .venv, no builds)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A fresh venv with `pip install <clean copy>` (pip's cache and configured index keep it quick)."""
    base = tmp_path_factory.mktemp("installera")
    project = _clean_copy(base / "projekt")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", str(project)],
        capture_output=True,
        text=True,
    )
    assert pip.returncode == 0, pip.stderr[-3000:]
    return venv, project


def test_the_package_is_installed_into_the_venv_not_linked_to_the_source(
    installed: tuple[Path, Path],
) -> None:
    venv, _ = installed
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)"],
        cwd="/",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where


def test_ffu_build_in_a_clean_clone_exits_0_and_writes_every_output(installed: tuple[Path, Path]) -> None:
    venv, project = installed
    # The clone's own wording must reach the Word files: the templates come from the project.
    title_page = project / "templates" / "docx" / "title_page.j2"
    title_page.write_text(
        title_page.read_text(encoding="utf-8").replace(
            "{% macro committee() %}Primärvårdsnämnden{% endmacro %}",
            "{% macro committee() %}Primärvårdsnämnden i klonen{% endmacro %}",
        ),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [
            str(
                venv / "bin" / "ffu",
            ),
            "build",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "internt fel" not in result.stderr
    documents = sorted((project / "dist" / "ffu").glob("FFU-*.docx"))
    assert len(documents) == 12
    assert (project / "site" / "index.html").is_file()
    with zipfile.ZipFile(project / "dist" / "ffu" / "FFU-vc-2026.docx") as docx:
        names = docx.namelist()
        xml = docx.read("word/document.xml").decode("utf-8")
        xml += "".join(docx.read(n).decode("utf-8") for n in names if n.startswith("word/header"))
        xml += "".join(docx.read(n).decode("utf-8") for n in names if n.startswith("word/footer"))
    assert "Primärvårdsnämnden i klonen" in xml


def test_a_clone_without_its_reference_template_is_a_located_error(installed: tuple[Path, Path]) -> None:
    venv, project = installed
    (project / "templates" / "reference.docx").rename(project / "reference.docx.bak")
    try:
        result = subprocess.run(
            [str(venv / "bin" / "ffu"), "build", "--force"], cwd=project, capture_output=True, text=True
        )
    finally:
        (project / "reference.docx.bak").rename(project / "templates" / "reference.docx")
    assert result.returncode == 1
    assert "templates/reference.docx:1:1: mallen saknas" in result.stderr
    assert "Traceback" not in result.stderr
