"""Round-trip YAML that changes only what an edit means to change, and all-or-nothing writes.

The database files are written by people, so a command that rewrites a whole file to
change one value would also reformat lines it never meant to touch. ruamel's round-trip
mode keeps comments, key order and quoting; the indentation and width below are the
ones the files use. A file the dumper cannot reproduce byte for byte is refused rather
than silently reformatted.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ruamel.yaml import YAML

from ..oserrors import reason
from ..problems import Problem, ProblemsFound
from . import journal
from .errors import EditError, PartlyWritten

BOM = "\ufeff"
TEMP_SUFFIX = ".ffu-tmp"
BACKUP_SUFFIX = ".ffu-backup"
LINE_ENDINGS = {"\r\n": "CRLF", "\n": "LF"}


def yaml_rt() -> YAML:
    """A round-trip YAML set up as the database files are written: mapping 2, sequence 4 offset 2."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    # Wide enough that no value is ever folded onto a new line.
    yaml.width = 1_000_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump_text(data: Any) -> str:
    out = io.StringIO()
    yaml_rt().dump(data, out)
    return out.getvalue()


@dataclass
class Document:
    """One file open for editing: its bytes as read, and its data as round-trip nodes."""

    path: Path
    display: str  # relative to the project root, for messages
    original: bytes
    data: Any
    newline: str
    bom: bool

    def dump(self) -> bytes:
        text = dump_text(self.data)
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ((BOM if self.bom else "") + text).encode("utf-8")


def load_document(path: Path, display: str) -> Document:
    """Open a file for editing; refuse one that a load and dump would change anywhere."""
    try:
        original = path.read_bytes()
    except OSError as exc:
        raise EditError(f"kan inte läsa {display}: {reason(exc)}") from exc
    text = original.decode("utf-8")
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    # Files saved on Windows keep their line endings; ruamel itself only writes "\n".
    newline = "\r\n" if "\r\n" in text else "\n"
    plain = text.replace("\r\n", "\n")
    document = Document(path, display, original, yaml_rt().load(plain), newline, bom)
    # Bytes, not text: a file whose lines end in both ways would get every line ending rewritten.
    if document.dump() != original:
        problem = _mixed_line_endings(display, text) or _first_difference(
            display, plain, dump_text(document.data)
        )
        raise ProblemsFound([problem])
    return document


def _mixed_line_endings(display: str, text: str) -> Problem | None:
    """The first line that ends otherwise than the first line does, if any does."""
    lines = text.split("\n")[:-1]  # the lines that end in a line break
    endings = ["\r\n" if line.endswith("\r") else "\n" for line in lines]
    index = next((i for i, ending in enumerate(endings) if ending != endings[0]), None)
    if index is None:
        return None
    return Problem(
        display,
        index + 1,
        len(lines[index].removesuffix("\r")) + 1,
        f"filen blandar radslut: den här raden slutar med {LINE_ENDINGS[endings[index]]}, men rad 1 med "
        f"{LINE_ENDINGS[endings[0]]}; spara filen med ett slags radslut (i VS Code: LF eller CRLF längst "
        "ned till höger) och kör kommandot igen",
    )


def _first_difference(display: str, text: str, again: str) -> Problem:
    old, new = text.split("\n"), again.split("\n")
    line = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new))
    )
    wanted = new[line] if line < len(new) else ""
    indent = len(wanted) - len(wanted.lstrip(" "))
    # The indentation is what usually differs, so the suggestion shows it in words as well.
    how = f"med {indent} mellanslag först" if indent else "utan mellanslag först"
    fix = (
        f"skriv raden {how}: '{wanted}' eller gör ändringen för hand"
        if wanted.strip()
        else "gör ändringen för hand"
    )
    return Problem(
        display,
        line + 1,
        1,
        "ffu kan inte ändra filen utan att också skriva om den här raden (indrag, citattecken eller "
        f"mellanrum skiljer sig från övriga filer); {fix}",
    )


@dataclass(frozen=True)
class Write:
    """One file to write: what it must hold now (None: it must not exist) and what it gets."""

    path: Path
    display: str
    before: bytes | None
    after: bytes


def write_atomically(writes: Sequence[Write], root: Path | None = None) -> None:
    """Write every file or none.

    All new contents go to temporary files in the target folders first, and each file that
    exists is hard-linked to a backup beside it. With `root`, the plan is then recorded in
    the project's journal (see `journal`), so that a crash from here on is completed or undone
    by the next command. Then the files are replaced. If anything fails, the temporary files
    are removed and each file already written is put back: a new file is removed, and an
    edited file gets its backup back by a rename, which needs no free space. Only if that too
    fails is the project left partly written, and `PartlyWritten` names the files.
    """
    token = secrets.token_hex(8)
    temps: dict[Path, Path] = {}
    backups: dict[Path, Path] = {}
    done: list[Write] = []
    current: Write | None = None
    recorded: Path | None = None
    try:
        for current in writes:
            _check_unchanged(current)
        current = None
        # The journal comes first, naming every file that will be created, so that even the
        # temporary files of a command killed before its first replace are removed afterwards.
        if root is not None and writes:
            recorded = journal.write(root, _entries(root, writes, token))
        for current in writes:
            temps[current.path] = _temporary(
                _hidden(current.path, token, TEMP_SUFFIX), current.after, _mode(current)
            )
        for current in writes:
            _check_unchanged(current)
            if current.before is not None:
                backups[current.path] = _backup(
                    current.path, _hidden(current.path, token, BACKUP_SUFFIX), current.before, _mode(current)
                )
        for current in writes:
            _check_unchanged(current)
            os.replace(temps[current.path], current.path)
            del temps[current.path]
            done.append(current)
    except BaseException as exc:
        for temp in temps.values():
            _remove(temp)
        left = _undo(done, backups)
        for path, backup in backups.items():
            if path not in left:
                _remove(backup)
        if recorded is not None and not left:
            _remove(recorded)
        failed = (
            f"kunde inte skriva {current.display if current else 'filerna'}: {reason(exc)}"
            if isinstance(exc, OSError)
            else None
        )
        if left:
            cause = failed or (str(exc) if isinstance(exc, EditError) else "skrivningen avbröts")
            raise PartlyWritten(_partly_written(cause, left, backups)) from exc
        if failed is not None:
            raise EditError(failed) from exc
        raise
    for backup in backups.values():
        _remove(backup)
    if recorded is not None:
        recorded.unlink()


def _hidden(path: Path, token: str, suffix: str) -> Path:
    """A hidden name beside `path`, so that os.replace stays on one file system."""
    return path.with_name(f".{path.name}.{token}{suffix}")


def _entries(root: Path, writes: Sequence[Write], token: str) -> list[journal.Entry]:
    def relative(path: Path) -> str:
        return path.relative_to(root).as_posix()

    return [
        journal.Entry(
            path=relative(w.path),
            temp=relative(_hidden(w.path, token, TEMP_SUFFIX)),
            backup=relative(_hidden(w.path, token, BACKUP_SUFFIX)) if w.before is not None else None,
            before=journal.digest(w.before) if w.before is not None else None,
            after=journal.digest(w.after),
        )
        for w in writes
    ]


def _check_unchanged(write: Write) -> None:
    """Refuse when someone saved the file after the command read it."""
    try:
        current: bytes | None = write.path.read_bytes()
    except FileNotFoundError:
        current = None
    if current != write.before:
        what = "skapades" if write.before is None else "ändrades"
        raise EditError(f"{write.display} {what} medan ffu arbetade; kör kommandot igen")


def _mode(write: Write) -> int:
    if write.before is not None:
        return write.path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _temporary(temp: Path, data: bytes, mode: int) -> Path:
    """A new file at `temp` holding `data`, synced to disk; it must not exist yet."""
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _backup(path: Path, backup: Path, before: bytes, mode: int) -> Path:
    """The file as it is, under a hidden name beside it, so that putting it back is one rename.

    A hard link takes no space and keeps the file's permissions. On a file system without
    hard links the old bytes are copied instead, before anything is replaced.
    """
    try:
        os.link(path, backup)
    except FileExistsError:
        raise
    except OSError:
        return _temporary(backup, before, mode)
    return backup


def _undo(done: Sequence[Write], backups: dict[Path, Path]) -> dict[Path, Write]:
    """Put back each file already written, last first; the ones that could not be, by path."""
    left: dict[Path, Write] = {}
    for write in reversed(done):
        try:
            if write.before is None:
                write.path.unlink(missing_ok=True)
            else:
                os.replace(backups[write.path], write.path)
        except OSError:
            left[write.path] = write
    return left


def _partly_written(cause: str, left: dict[Path, Write], backups: dict[Path, Path]) -> str:
    """What the writer must know when not every file could be put back: which, and where the old text is."""
    states = []
    for write in reversed(left.values()):  # in the order they were written
        if write.before is None:
            states.append(f"{write.display} har skapats (ta bort den)")
        else:
            backup = PurePosixPath(write.display).with_name(backups[write.path].name)
            states.append(f"{write.display} har redan den nya texten (den gamla finns i {backup})")
    files = "filen" if len(states) == 1 else "filerna"
    return (
        f"{cause}, och ändringen kunde inte tas tillbaka helt: {'; '.join(states)}; rätta {files} för hand "
        "innan du kör kommandot igen"
    )


def _remove(path: Path) -> None:
    """Remove a temporary file or backup; one left behind is hidden and harmless, so never fail."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
