"""Round-trip YAML that changes only what an edit means to change, and all-or-nothing writes.

The database files are written by people, so a command that rewrites a whole file to
change one value would also reformat lines it never meant to touch. ruamel's round-trip
mode keeps comments, key order and quoting; the indentation and width below are the
ones the files use. A file the dumper cannot reproduce byte for byte is refused rather
than silently reformatted.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ..problems import Problem, ProblemsFound
from .errors import EditError

BOM = "\ufeff"
TEMP_SUFFIX = ".ffu-tmp"


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
        raise EditError(f"kan inte läsa {display}: {exc.strerror or exc}") from exc
    text = original.decode("utf-8")
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    # Files saved on Windows keep their line endings; ruamel itself only writes "\n".
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    data = yaml_rt().load(text)
    again = dump_text(data)
    if again != text:
        raise ProblemsFound([_first_difference(display, text, again)])
    return Document(path, display, original, data, newline, bom)


def _first_difference(display: str, text: str, again: str) -> Problem:
    old, new = text.split("\n"), again.split("\n")
    line = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new))
    )
    wanted = new[line] if line < len(new) else ""
    return Problem(
        display,
        line + 1,
        1,
        "ffu kan inte ändra filen utan att också skriva om den här raden (indrag, citattecken eller "
        f"mellanrum skiljer sig från övriga filer); skriv raden som '{wanted.strip()}' eller gör ändringen "
        "för hand",
    )


@dataclass(frozen=True)
class Write:
    """One file to write: what it must hold now (None: it must not exist) and what it gets."""

    path: Path
    display: str
    before: bytes | None
    after: bytes


def write_atomically(writes: Sequence[Write]) -> None:
    """Write every file or none.

    All new contents go to temporary files in the target folders first, and only then
    replace the targets one by one. If anything fails, the temporary files are removed and
    the files already replaced get their old bytes back, so every file is as it was.
    """
    temps: dict[Path, Path] = {}
    done: list[Write] = []
    try:
        for write in writes:
            _check_unchanged(write)
        for write in writes:
            temps[write.path] = _temporary(write.path, write.after, _mode(write))
        for write in writes:
            _check_unchanged(write)
            os.replace(temps[write.path], write.path)
            del temps[write.path]
            done.append(write)
    except BaseException as exc:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        for write in reversed(done):
            _restore(write)
        if isinstance(exc, OSError):
            raise EditError(
                f"kunde inte skriva {_failed(writes, done).display}: {exc.strerror or exc}; inget har ändrats"
            ) from exc
        raise


def _failed(writes: Sequence[Write], done: Sequence[Write]) -> Write:
    return writes[len(done)] if len(done) < len(writes) else writes[-1]


def _check_unchanged(write: Write) -> None:
    """Refuse when someone saved the file after the command read it."""
    try:
        current: bytes | None = write.path.read_bytes()
    except FileNotFoundError:
        current = None
    if current != write.before:
        what = "finns redan" if write.before is None else "ändrades medan ffu arbetade"
        raise EditError(f"{write.display} {what}; inget har skrivits, kör kommandot igen")


def _mode(write: Write) -> int:
    if write.before is not None:
        return write.path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _temporary(path: Path, data: bytes, mode: int) -> Path:
    """The new contents in a hidden file beside the target, so os.replace stays on one file system."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    temp = Path(name)
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


def _restore(write: Write) -> None:
    if write.before is None:
        write.path.unlink(missing_ok=True)
        return
    temp = _temporary(write.path, write.before, write.path.stat().st_mode & 0o7777)
    os.replace(temp, write.path)
