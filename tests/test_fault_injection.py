"""A command killed after any single file operation leaves, after the next command, the old state or the new.

Each command runs in a forked child whose file operations (creating, syncing, linking,
renaming, replacing and removing files and folders) are counted; the child dies with
os._exit, as under kill -9, right after the n-th. Then `ffu validate` runs as the next
command, and the project must be exactly as before the command or exactly as after it
ran undisturbed. n grows until the command finishes without being killed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import build as build_module
from generator.build import OUTPUT_MARKER
from generator.cli import main

from .conftest import FIXTURES
from .test_build_safety import _fake_documents, _fake_reports, _fake_site

KILLED = 86
COUNTED = ("replace", "rename", "link", "symlink", "unlink", "remove", "rmdir", "mkdir", "fsync", "chmod")
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT

PROPOSE = (
    "propose",
    "VC-001",
    "--text",
    "Vårdcentralen ska ha öppet minst 50 timmar per vecka.",
    "--motivation",
    "Bättre tillgänglighet.",
    "--source",
    "001_cd0c95988a732e9a.txt",
    "--locator",
    "Beslutade förändringar att gälla under 2025",
)
DECIDE = ("decide", "2026", "--date", "2025-12-10", "--ref", "PVN 2025-12-10 § 1")
NEW = ("new", "--vardval", "vc", "--chapter", "vc-tillganglighet", "--title", "Nytt avsnitt")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """The commands' own output, away from the test's."""
    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, null):
            os.close(fd)


def _count_and_die_after(limit: int) -> None:
    """From now on, end the process right after the `limit`-th file operation."""
    count = [0]

    def tick() -> None:
        count[0] += 1
        if count[0] == limit:
            os._exit(KILLED)

    for name in COUNTED:
        real = getattr(os, name)

        def wrapper(*args: Any, _real: Callable[..., Any] = real, **kwargs: Any) -> Any:
            result = _real(*args, **kwargs)
            tick()
            return result

        setattr(os, name, wrapper)
    real_open = os.open

    def opening(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        handle = real_open(path, flags, *args, **kwargs)
        if flags & WRITING:
            tick()
        return handle

    os.open = opening  # type: ignore[assignment]


def _run_killed_after(limit: int, argv: list[str]) -> int:
    """Run ffu in a forked child that dies after its `limit`-th file operation; the child's exit code."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 99
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            _count_and_die_after(limit)
            code = main(argv)
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _state(project: Path, under: tuple[str, ...]) -> dict[str, bytes]:
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for name in under
        for p in sorted((project / name).rglob("*"))
        if p.is_file()
    }


def _every_crash_leaves_old_or_new(
    template: Path, tmp_path: Path, argv: tuple[str, ...], under: tuple[str, ...]
) -> int:
    """Kill the command after each of its file operations in turn; return how many there were."""
    reference = tmp_path / "referens"
    shutil.copytree(template, reference)
    old = _state(reference, under)
    with _quiet():
        assert main(["-C", str(reference), *argv]) == 0
    new = _state(reference, under)
    assert new != old
    limit = 0
    while True:
        limit += 1
        project = tmp_path / f"försök-{limit}"
        shutil.copytree(template, project)
        code = _run_killed_after(limit, ["-C", str(project), *argv])
        with _quiet():
            main(["-C", str(project), "validate"])  # the next command
        state = _state(project, under)
        if code != KILLED:
            assert code == 0
            assert state == new
            return limit - 1
        assert state in (old, new), f"killed after file operation {limit}: a mixed state"
        shutil.rmtree(project)
        assert limit < 200


@pytest.fixture
def proposed(tmp_path: Path) -> Path:
    template = tmp_path / "mall"
    shutil.copytree(FIXTURES / "minimal", template)
    with _quiet():
        assert main(["-C", str(template), *PROPOSE]) == 0
    shutil.rmtree(template / ".cache")
    return template


@pytest.fixture
def minimal_template(tmp_path: Path) -> Path:
    template = tmp_path / "mall"
    shutil.copytree(FIXTURES / "minimal", template)
    return template


def test_a_killed_decide_leaves_the_old_or_the_new_database(proposed: Path, tmp_path: Path) -> None:
    operations = _every_crash_leaves_old_or_new(proposed, tmp_path, DECIDE, ("requirements_db",))
    assert operations >= 8  # two files: temporary, sync, backup and replace each, and the journal


def test_a_killed_propose_leaves_the_old_or_the_new_database(minimal_template: Path, tmp_path: Path) -> None:
    assert _every_crash_leaves_old_or_new(minimal_template, tmp_path, PROPOSE, ("requirements_db",)) >= 4


def test_a_killed_new_leaves_the_old_or_the_new_database(minimal_template: Path, tmp_path: Path) -> None:
    assert _every_crash_leaves_old_or_new(minimal_template, tmp_path, NEW, ("requirements_db",)) >= 4


def test_a_killed_build_leaves_the_old_or_the_new_outputs(
    minimal_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The renderers are stand-ins: what is tested is how the outputs are put in place.
    monkeypatch.setattr(build_module, "render_documents", _fake_documents)
    monkeypatch.setattr(build_module, "render_reports", _fake_reports)
    monkeypatch.setattr(build_module, "render_site", _fake_site)
    for name in ("site", "dist"):
        (minimal_template / name).mkdir()
        (minimal_template / name / OUTPUT_MARKER).write_text("x", encoding="utf-8")
        (minimal_template / name / "förra.txt").write_text(f"förra {name}", encoding="utf-8")
    assert _every_crash_leaves_old_or_new(minimal_template, tmp_path, ("build",), ("site", "dist")) >= 6


def test_a_decide_that_could_not_undo_its_write_is_put_back_by_the_next_command(
    proposed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while writing, and again while undoing: the journal still lets the next command recover."""
    import errno

    before = _state(proposed, ("requirements_db",))
    real_replace = os.replace
    failed: list[bool] = []

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).name == "years.yaml" or failed:
            failed.append(True)
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with _quiet():
        assert main(["-C", str(proposed), *DECIDE]) == 2
    assert _state(proposed, ("requirements_db",)) != before
    monkeypatch.setattr(os, "replace", real_replace)
    with _quiet():
        assert main(["-C", str(proposed), "validate"]) == 0
    assert _state(proposed, ("requirements_db",)) == before


def test_a_file_edited_after_a_crash_is_never_overwritten_by_the_recovery(
    minimal_template: Path, tmp_path: Path
) -> None:
    # Killed right after its first replace: the journal is left, and the change is half done.
    original = _state(minimal_template, ("requirements_db",))
    for limit in range(1, 50):
        project = tmp_path / f"försök-{limit}"
        shutil.copytree(minimal_template, project)
        if _run_killed_after(limit, ["-C", str(project), *PROPOSE]) != KILLED:
            pytest.fail("the command never reached a replace")
        journal_left = (project / ".cache/ffu/redigering.json").exists()
        if journal_left and _state(project, ("requirements_db",)) != original:
            break
    record = project / "requirements_db/requirements/VC-001.yaml"
    record.write_bytes(record.read_bytes() + b"# en kollegas rad\n")
    with _quiet():
        assert main(["-C", str(project), "validate"]) == 2
    assert record.read_bytes().endswith(b"# en kollegas rad\n")
    assert (project / ".cache/ffu/redigering.json").exists()


def test_a_forged_editing_journal_writes_nothing_outside_the_database(
    minimal_template: Path, tmp_path: Path
) -> None:
    """A journal committed into .cache/ by someone else must not let the next command write where it says."""
    import json

    from generator.edit.journal import digest

    victim = tmp_path / "offer.txt"
    victim.write_text("orörd", encoding="utf-8")
    evil = minimal_template / "requirements_db" / "ond.yaml"
    evil.write_text("ondskefullt", encoding="utf-8")
    existing = minimal_template / "requirements_db/years.yaml"
    files = [
        {"path": "../offer.txt", "temp": "requirements_db/ond.yaml", "backup": None,
         "before": digest(victim.read_bytes()), "after": digest(evil.read_bytes())},
        {"path": "requirements_db/years.yaml", "temp": "requirements_db/ond.yaml", "backup": None,
         "before": None, "after": digest(existing.read_bytes())},
    ]  # fmt: skip
    journal = minimal_template / ".cache/ffu/redigering.json"
    journal.parent.mkdir(parents=True)
    journal.write_text(json.dumps({"files": files}), encoding="utf-8")
    with _quiet():
        main(["-C", str(minimal_template), "validate"])
    assert victim.read_text(encoding="utf-8") == "orörd"
    assert evil.read_text(encoding="utf-8") == "ondskefullt"
    assert not journal.exists()


def test_a_forged_build_journal_removes_nothing_that_is_not_the_builds(
    minimal_template: Path, tmp_path: Path
) -> None:
    import json

    precious = tmp_path / "hemkatalog"
    (precious / "viktigt").mkdir(parents=True)
    moves = [
        {"target": str(precious), "new": str(tmp_path / "finns-inte"), "old": None},
        {
            "target": str(minimal_template / "site"),
            "new": str(minimal_template / "requirements_db"),
            "old": None,
        },
    ]
    journal = minimal_template / ".cache/ffu/publicering.json"
    journal.parent.mkdir(parents=True)
    journal.write_text(json.dumps({"moves": moves}), encoding="utf-8")
    with _quiet():
        assert main(["-C", str(minimal_template), "validate"]) == 0
    assert (precious / "viktigt").is_dir()
    assert (minimal_template / "requirements_db/years.yaml").is_file()
    assert not journal.exists()
