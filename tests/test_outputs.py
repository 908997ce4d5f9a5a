"""Outputs go only where they may: never onto a device, a pipe or an input, never into each other."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import build as build_module
from generator import outputs
from generator.build import OUTPUT_MARKER, build
from generator.outputs import OutputError

from .conftest import Result
from .test_build_safety import _fake_documents, _fake_reports, _fake_site

DOCX = ("docx", "--vardval", "vc", "--year", "2025")
DIFF = ("diff", "--from", "2024", "--to", "2025")


@pytest.fixture
def fake_renderers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "render_documents", _fake_documents)
    monkeypatch.setattr(build_module, "render_reports", _fake_reports)
    monkeypatch.setattr(build_module, "render_site", _fake_site)


def _inputs(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (project / "requirements_db").rglob("*") if p.is_file()}


@pytest.mark.parametrize("command", [DOCX, DIFF], ids=["docx", "diff"])
def test_o_onto_a_fifo_is_refused_and_the_fifo_stays(
    minimal_project: Path, tmp_path: Path, run_ffu: Callable[..., Result], command: tuple[str, ...]
) -> None:
    fifo = tmp_path / "rör"
    os.mkfifo(fifo)
    result = run_ffu("-C", str(minimal_project), *command, "-o", str(fifo))
    assert result.code == 2
    assert f"ffu: {fifo} är ingen vanlig fil" in result.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_o_onto_a_character_device_is_refused(
    minimal_project: Path, tmp_path: Path, run_ffu: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real device node needs privileges, and a test that failed on /dev/null would replace it;
    # so a file here is presented as a character device to the check, and only to it.
    device = tmp_path / "enhet"
    device.write_bytes(b"")
    real_lstat = os.lstat

    def lstat(path: Any, *args: Any, **kwargs: Any) -> Any:
        info = real_lstat(path, *args, **kwargs)
        if Path(path) == device:
            fields = list(info)
            fields[0] = stat.S_IFCHR | 0o666
            return os.stat_result(fields)
        return info

    monkeypatch.setattr(outputs.os, "lstat", lstat)
    result = run_ffu("-C", str(minimal_project), *DOCX, "-o", str(device))
    assert result.code == 2
    assert "är ingen vanlig fil" in result.err
    assert device.read_bytes() == b""


def test_o_onto_a_link_is_refused(
    minimal_project: Path, tmp_path: Path, run_ffu: Callable[..., Result]
) -> None:
    target = tmp_path / "mål.docx"
    target.write_bytes(b"annans fil")
    link = tmp_path / "länk.docx"
    link.symlink_to(target)
    result = run_ffu("-C", str(minimal_project), *DOCX, "-o", str(link))
    assert result.code == 2 and "symbolisk länk" in result.err
    assert link.is_symlink() and target.read_bytes() == b"annans fil"


@pytest.mark.parametrize(
    "inside", ["requirements_db/years.yaml", "requirements_db/ny.docx", "content/x.docx", "templates/x.docx"]
)
def test_o_inside_the_projects_inputs_is_refused(
    minimal_project: Path, run_ffu: Callable[..., Result], inside: str
) -> None:
    for folder in ("content", "templates"):
        (minimal_project / folder).mkdir(exist_ok=True)
    before = _inputs(minimal_project)
    result = run_ffu("-C", str(minimal_project), *DOCX, "-o", inside)
    assert result.code == 2
    assert "som ffu läser från eller bygger till" in result.err
    assert _inputs(minimal_project) == before
    assert not (minimal_project / inside).exists() or inside.endswith("years.yaml")


def test_o_inside_the_build_outputs_is_refused(minimal_project: Path, run_ffu: Callable[..., Result]) -> None:
    (minimal_project / "dist").mkdir()
    result = run_ffu("-C", str(minimal_project), *DIFF, "-o", "dist/rapport.docx")
    assert result.code == 2 and "dist/" in result.err
    assert not (minimal_project / "dist/rapport.docx").exists()


def test_o_in_a_missing_folder_is_refused_and_no_folder_is_created(
    minimal_project: Path, tmp_path: Path, run_ffu: Callable[..., Result]
) -> None:
    target = tmp_path / "saknas" / "också" / "FFU.docx"
    result = run_ffu("-C", str(minimal_project), *DOCX, "-o", str(target))
    assert result.code == 2
    assert f"mappen {target.parent} finns inte" in result.err
    assert not (tmp_path / "saknas").exists()


def test_o_onto_an_existing_regular_file_replaces_it(
    minimal_project: Path, tmp_path: Path, run_ffu: Callable[..., Result]
) -> None:
    target = tmp_path / "FFU.docx"
    target.write_bytes(b"gammal")
    result = run_ffu("-C", str(minimal_project), *DOCX, "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_bytes().startswith(b"PK")


@pytest.mark.usefixtures("fake_renderers")
@pytest.mark.parametrize(
    ("site", "dist", "fragment"),
    [
        ("ut", "ut", "samma mapp eller ligger i varandra"),
        ("dist/webb", None, "samma mapp eller ligger i varandra"),
        (None, "site/filer", "samma mapp eller ligger i varandra"),
        ("ut/webb", "ut", "samma mapp eller ligger i varandra"),
        ("requirements_db/webb", None, "som ffu läser från"),
        (".", None, "rymmer hela projektet"),
    ],
)
def test_overlapping_outputs_or_outputs_among_the_inputs_are_refused(
    minimal_project: Path, run_ffu: Callable[..., Result], site: str | None, dist: str | None, fragment: str
) -> None:
    before = _inputs(minimal_project)
    listed = sorted(p.name for p in minimal_project.iterdir())
    options = [*(["--site", site] if site else []), *(["--dist", dist] if dist else [])]
    result = run_ffu("-C", str(minimal_project), "build", "--force", *options)
    assert result.code == 2
    assert fragment in result.err
    assert _inputs(minimal_project) == before
    assert sorted(p.name for p in minimal_project.iterdir()) == listed == ["requirements_db", "templates"]


def test_build_refuses_overlap_before_touching_anything(minimal_project: Path) -> None:
    with pytest.raises(OutputError):
        build(minimal_project, site_dir=minimal_project / "ut", dist_dir=minimal_project / "ut")
    assert not (minimal_project / "ut").exists()


@pytest.mark.usefixtures("fake_renderers")
def test_staging_leftovers_of_a_killed_build_are_removed_by_the_next(minimal_project: Path) -> None:
    leftovers = [".site.ny-0badc0de", ".dist.ny-0badc0de", ".site.gammal-12345678"]
    for name in leftovers:
        folder = minimal_project / name
        (folder / "sida").mkdir(parents=True)
        (folder / OUTPUT_MARKER).write_text("x", encoding="utf-8")
    # Killed while mkdocs wrote it: mkdocs empties its folder, the marker included.
    leftovers.append(".site.ny-feedf00d")
    (minimal_project / ".site.ny-feedf00d" / "halv").mkdir(parents=True)
    users = minimal_project / ".dist.ny-användarens"
    users.mkdir()
    (users / "egen.txt").write_text("min", encoding="utf-8")

    build(minimal_project)

    assert not [name for name in leftovers if (minimal_project / name).exists()]
    assert (users / "egen.txt").read_text(encoding="utf-8") == "min"
    assert (minimal_project / "site" / "index.html").is_file()


def test_site_o_inside_the_database_is_refused(minimal_project: Path, run_ffu: Callable[..., Result]) -> None:
    before = _inputs(minimal_project)
    result = run_ffu("-C", str(minimal_project), "site", "-o", "requirements_db/webb")
    assert result.code == 2 and "som ffu läser från" in result.err
    assert _inputs(minimal_project) == before
