"""The write-ahead journal of an editing command, so that a crash mid-write is completed or undone.

`write_atomically` first puts every new content in a temporary file and every old one in a
backup beside its target; then it records the plan here (target, temporary file, backup,
and a hash of the content before and after), and only then replaces the targets. A command
killed after the first replace leaves the journal behind: the next ffu command finds it,
with the editing lock free, and completes the change from the temporary files. One killed
before any replace is undone, so the files stay as they were. A file that someone changed
after the crash is never overwritten: the command refuses and says which.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from ..durable import write_json
from ..locks import if_free, locked
from .errors import EditError

JOURNAL = Path(".cache") / "ffu" / "redigering.json"
LOCK = "redigering"


@dataclass(frozen=True)
class Entry:
    """One file of a change, with paths relative to the project root."""

    path: str
    temp: str
    backup: str | None
    before: str | None  # sha256 of the content before, None for a new file
    after: str


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write(root: Path, entries: list[Entry]) -> Path:
    """Record the plan durably before the first target is replaced."""
    journal = root / JOURNAL
    journal.parent.mkdir(parents=True, exist_ok=True)
    write_json(journal, {"files": [asdict(e) for e in entries]})
    return journal


@contextlib.contextmanager
def editing(root: Path) -> Iterator[None]:
    """Hold the editing lock for a whole command, after completing or undoing a crashed one."""
    with locked(root, LOCK):
        recover_locked(root)
        yield


def recover(root: Path) -> str | None:
    """Complete or undo an editing command that was killed while it wrote; say which, in Swedish.

    A journal whose lock is held belongs to a command still running, and is left alone.
    """
    if not (root / JOURNAL).exists():
        return None
    with if_free(root, LOCK) as free:
        return recover_locked(root) if free else None


def _state(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except FileNotFoundError:
        return None


def _planned(entry: Entry) -> bool:
    """A database file, with its temporary file and backup beside it as `write_atomically` names them."""
    path = PurePosixPath(entry.path)
    if path.is_absolute() or ".." in path.parts or path.parts[:1] != ("requirements_db",):
        return False
    if path.suffix not in (".yaml", ".yml"):
        return False
    beside = rf"\.{re.escape(path.name)}\.[0-9a-f]{{16}}"
    temp, backup = PurePosixPath(entry.temp), PurePosixPath(entry.backup or "")
    temp_named = re.fullmatch(beside + r"\.ffu-tmp", temp.name) is not None
    backup_named = re.fullmatch(beside + r"\.ffu-backup", backup.name) is not None
    return (
        temp.parent == path.parent
        and temp_named
        and (entry.backup is None or (backup.parent == path.parent and backup_named))
    )


def _undo(root: Path, written: list[Entry]) -> None:
    """Put back the files already written, from their backups; a new file is removed."""
    for entry in written:
        if entry.before is None:
            (root / entry.path).unlink(missing_ok=True)
        elif entry.backup and _state(root / entry.backup) == entry.before:
            os.replace(root / entry.backup, root / entry.path)
        else:
            raise EditError(
                f"{entry.path} kunde inte återställas efter ett avbrutet ffu-kommando; se över filen och ta "
                f"sedan bort {JOURNAL.as_posix()}, så kan ffu användas igen"
            )


def recover_locked(root: Path) -> str | None:
    """`recover`, for a caller that holds the editing lock."""
    journal = root / JOURNAL
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except ValueError:
        # A journal cut short was written before any replace: nothing to complete.
        journal.unlink()
        return None
    try:
        entries = [Entry(**e) for e in data["files"]]
    except (KeyError, TypeError):
        entries = []
    # The journal is a file like any other, and could come from elsewhere (a commit that forced
    # .cache/ in); only a plan that ffu itself could have made is carried out.
    if not entries or not all(_planned(e) for e in entries):
        journal.unlink()
        return (
            "en journal för ett avbrutet kommando var inte ffu:s egen och har tagits bort; inget har ändrats"
        )
    states = {e.path: _state(root / e.path) for e in entries}
    for entry in entries:
        if states[entry.path] not in (entry.before, entry.after):
            raise EditError(
                f"{entry.path} har ändrats efter att ett ffu-kommando avbröts mitt i en ändring; se över "
                f"filen och ta sedan bort {JOURNAL.as_posix()}, så kan ffu användas igen"
            )
    started = any(states[e.path] == e.after and e.before != e.after for e in entries)
    complete = all(states[e.path] == e.after or _state(root / e.temp) == e.after for e in entries)
    if started and complete:
        for entry in entries:
            if states[entry.path] != entry.after:
                os.replace(root / entry.temp, root / entry.path)
        message = (
            f"ett avbrutet kommando har slutförts: {', '.join(e.path for e in entries)} har sparats klart"
        )
    elif started:
        _undo(root, [e for e in entries if states[e.path] == e.after])
        message = "ett avbrutet kommando har tagits tillbaka; filerna är som före kommandot"
    else:
        message = "ett avbrutet kommando har tagits tillbaka; inga filer hade hunnit ändras"
    for entry in entries:
        for leftover in (entry.temp, entry.backup):
            if leftover:
                (root / leftover).unlink(missing_ok=True)
    journal.unlink()
    return message
