"""A build never half-fails: outputs are swapped in only when every stage succeeded,
and it deletes nothing outside its own output folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import build as build_module
from generator.build import OUTPUT_MARKER, OutputError, build
from generator.problems import ProblemsFound


def _fake_documents(db: Any, fingerprints: Any, cache: Any, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "FFU-vc-2025.docx"
    path.write_bytes(b"ny version")
    return [path]


def _fake_reports(db: Any, fingerprints: Any, cache: Any, out: Path, diffs: Any) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "Förändringar-2024-2025.docx"
    path.write_bytes(b"ny rapport")
    return [path]


def _fake_site(db: Any, root: Path, out: Path, downloads: list[Path], work: Path, diffs: Any) -> int:
    (out / "index.html").write_text("ny webbplats", encoding="utf-8")
    return 1


def _fail(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("injicerat fel")


@pytest.fixture
def fake_renderers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "render_documents", _fake_documents)
    monkeypatch.setattr(build_module, "render_reports", _fake_reports)
    monkeypatch.setattr(build_module, "render_site", _fake_site)


def _previous_outputs(project: Path) -> dict[Path, bytes]:
    """A finished earlier build: outputs marked as the build's own."""
    for name, content in (("site", b"gammal webbplats"), ("dist", b"gamla dokument")):
        folder = project / name
        folder.mkdir()
        (folder / OUTPUT_MARKER).write_text("x", encoding="utf-8")
        (folder / "fil").write_bytes(content)
    return _snapshot(project)


def _snapshot(project: Path) -> dict[Path, bytes]:
    return {
        p.relative_to(project): p.read_bytes()
        for p in project.rglob("*")
        if p.is_file() and ".cache" not in p.parts
    }


@pytest.mark.usefixtures("fake_renderers")
def test_a_successful_build_replaces_both_output_folders(minimal_project: Path) -> None:
    _previous_outputs(minimal_project)
    result = build(minimal_project)
    assert not result.skipped
    assert (minimal_project / "site" / "index.html").read_text(encoding="utf-8") == "ny webbplats"
    assert (minimal_project / "dist" / "ffu" / "FFU-vc-2025.docx").read_bytes() == b"ny version"
    assert not (minimal_project / "site" / "fil").exists()
    assert not [
        p for p in minimal_project.iterdir() if p.name.startswith(".site") or p.name.startswith(".dist")
    ]


@pytest.mark.usefixtures("fake_renderers")
@pytest.mark.parametrize(
    "stage", ["load_database", "render_documents", "render_reports", "render_site", "publish"]
)
def test_a_failure_in_any_stage_leaves_the_previous_outputs_untouched(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    before = _previous_outputs(minimal_project)
    monkeypatch.setattr(build_module, stage, _fail)
    with pytest.raises(RuntimeError, match="injicerat fel"):
        build(minimal_project)
    assert _snapshot(minimal_project) == before
    leftovers = [p.name for p in minimal_project.iterdir() if p.name.startswith(".")]
    assert leftovers in ([], [".cache"])


@pytest.mark.usefixtures("fake_renderers")
def test_invalid_records_stop_the_build_before_anything_is_written(minimal_project: Path) -> None:
    (minimal_project / "requirements_db/requirements/VC-002.yaml").write_text("id: [\n", encoding="utf-8")
    before = _previous_outputs(minimal_project)
    with pytest.raises(ProblemsFound):
        build(minimal_project)
    assert _snapshot(minimal_project) == before


@pytest.mark.usefixtures("fake_renderers")
def test_an_output_path_that_is_a_symlink_is_refused(minimal_project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "annan-plats"
    elsewhere.mkdir()
    (elsewhere / "viktig.txt").write_text("användarens fil", encoding="utf-8")
    (minimal_project / "site").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="symbolisk länk"):
        build(minimal_project)
    assert (elsewhere / "viktig.txt").read_text(encoding="utf-8") == "användarens fil"
    assert [p.name for p in elsewhere.iterdir()] == ["viktig.txt"]


@pytest.mark.usefixtures("fake_renderers")
def test_a_folder_holding_the_users_files_is_refused(minimal_project: Path) -> None:
    (minimal_project / "dist").mkdir()
    (minimal_project / "dist" / "anteckningar.docx").write_bytes(b"mina anteckningar")
    with pytest.raises(OutputError, match="inte har skapats av ffu"):
        build(minimal_project)
    assert (minimal_project / "dist" / "anteckningar.docx").read_bytes() == b"mina anteckningar"


@pytest.mark.usefixtures("fake_renderers")
def test_an_output_path_outside_the_project_gets_only_the_build_and_nothing_else_is_touched(
    minimal_project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "publicering"
    outside.mkdir()
    (outside / "grannens-fil.txt").write_text("orörd", encoding="utf-8")
    site = outside / "webb"
    build(minimal_project, site_dir=site, dist_dir=outside / "filer")
    assert (site / "index.html").is_file()
    assert (outside / "grannens-fil.txt").read_text(encoding="utf-8") == "orörd"
    assert sorted(p.name for p in outside.iterdir()) == ["filer", "grannens-fil.txt", "webb"]


@pytest.mark.usefixtures("fake_renderers")
def test_a_rebuild_without_any_edit_renders_nothing(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(minimal_project)
    monkeypatch.setattr(build_module, "render_documents", _fail)
    result = build(minimal_project)
    assert result.skipped


@pytest.mark.usefixtures("fake_renderers")
def test_an_edit_makes_the_next_build_run_again(minimal_project: Path) -> None:
    build(minimal_project)
    record = minimal_project / "requirements_db/requirements/VC-001.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("30 timmar", "32 timmar"), encoding="utf-8")
    assert not build(minimal_project).skipped


def test_the_document_cache_renders_each_key_once_and_drops_unused_entries(tmp_path: Path) -> None:
    calls: list[str] = []

    def render() -> bytes:
        calls.append("x")
        return b"data"

    cache = build_module.DocumentCache(tmp_path / "cache", layout=False)
    assert cache.render_all([(tmp_path / "ut" / "a.docx", "a", render)]) == [b"data"]
    fresh = build_module.DocumentCache(tmp_path / "cache", layout=False)
    assert fresh.render_all([(tmp_path / "ut" / "b.docx", "a", render)]) == [b"data"]
    assert calls == ["x"] and fresh.reused == 1
    assert (tmp_path / "ut" / "b.docx").read_bytes() == b"data"
    fresh.used.clear()
    fresh.prune()
    assert not list((tmp_path / "cache").glob("*.docx"))


def _rename_failing_on(target_name: str) -> Callable[[Any, Any], None]:
    real = build_module.os.rename

    def rename(source: Any, destination: Any) -> None:
        if Path(destination).name == target_name and Path(source).name.startswith(f".{target_name}.ny-"):
            raise OSError(28, "No space left on device")
        real(source, destination)

    return rename


@pytest.mark.usefixtures("fake_renderers")
def test_when_moving_the_second_folder_in_fails_the_first_is_put_back(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _previous_outputs(minimal_project)
    monkeypatch.setattr(build_module.os, "rename", _rename_failing_on("dist"))
    with pytest.raises(OSError):
        build(minimal_project)
    assert _snapshot(minimal_project) == before
    assert sorted(p.name for p in minimal_project.iterdir() if p.name.startswith(".")) in ([], [".cache"])


@pytest.mark.usefixtures("fake_renderers")
def test_a_first_build_that_fails_to_publish_leaves_no_half_published_output(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module.os, "rename", _rename_failing_on("dist"))
    with pytest.raises(OSError):
        build(minimal_project)
    assert not (minimal_project / "site").exists() and not (minimal_project / "dist").exists()
