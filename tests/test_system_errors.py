"""System errors reach the user in Swedish: a full disk, a read-only file system, a missing permission."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Result

NEW = ("new", "--vardval", "vc", "--chapter", "vc-tillganglighet", "--title", "Nytt avsnitt")


def _creating_fails(monkeypatch: pytest.MonkeyPatch, code: int, under: Path) -> None:
    """Creating any file below `under` fails with `code`, as on a full or read-only disk."""
    real_open = os.open

    def failing(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and Path(path).is_relative_to(under):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing)


@pytest.mark.parametrize(
    ("code", "swedish", "english"),
    [
        (errno.ENOSPC, "disken är full", "No space left"),
        (errno.EROFS, "filsystemet är skrivskyddat", "Read-only file system"),
        (errno.EACCES, "skrivskyddad, eller behörighet saknas", "Permission denied"),
    ],
)
def test_an_editing_command_reports_a_system_error_in_swedish_and_changes_nothing(
    minimal_project: Path,
    run_ffu: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    swedish: str,
    english: str,
) -> None:
    db = minimal_project / "requirements_db"
    before = {p: p.read_bytes() for p in db.rglob("*") if p.is_file()}
    _creating_fails(monkeypatch, code, db)
    result = run_ffu("-C", str(minimal_project), *NEW)
    assert result.code == 2
    assert swedish in result.err and english not in result.err
    assert "internt fel" not in result.err
    assert {p: p.read_bytes() for p in db.rglob("*") if p.is_file()} == before


def test_a_read_only_project_refuses_an_editing_command_in_swedish(
    minimal_project: Path, run_ffu: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Even the lock cannot be created in .cache/ on a read-only file system.
    _creating_fails(monkeypatch, errno.EROFS, minimal_project)
    real_mkdir = os.mkdir

    def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if Path(path).is_relative_to(minimal_project):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    result = run_ffu("-C", str(minimal_project), *NEW)
    assert result.code == 2
    assert "filsystemet är skrivskyddat" in result.err and "Read-only" not in result.err


def test_a_full_disk_during_a_build_is_a_plain_swedish_message(
    minimal_project: Path, run_ffu: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mkdir = os.mkdir

    def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if ".site.ny-" in str(path) or ".dist.ny-" in str(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    result = run_ffu("-C", str(minimal_project), "build")
    assert result.code == 2
    assert "disken är full" in result.err
    assert "internt fel" not in result.err and "rapportera" not in result.err


@pytest.mark.parametrize(
    ("code", "swedish"),
    [
        (errno.ENOSPC, "disken är full"),
        (errno.EROFS, "filsystemet är skrivskyddat"),
        (errno.EADDRINUSE, "porten används redan"),
        (errno.EDQUOT, "diskkvoten är slut"),
        (12345, "systemfel 12345"),
    ],
)
def test_every_system_error_has_a_swedish_reason(code: int, swedish: str) -> None:
    from generator.oserrors import reason

    assert swedish in reason(OSError(code, "engelsk text"))
