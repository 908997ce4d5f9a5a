"""Swapping the built folders into place, so that a crash at any point is undone by the next command.

`site/` and `dist/` are separate folders that users and web servers know by name, so they are
swapped by two renames. Before the first, a journal in `.cache/ffu/` records every planned
move; it goes only after the last. A build killed in between leaves the journal, and the
next ffu command (`recover`) completes the swap if every new folder is in place, and
otherwise puts every old folder back. Staging folders of a killed build (`.site.ny-*`,
`.dist.ny-*`) and old folders not yet removed (`.site.gammal-*`) are removed by the next build.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from collections.abc import Iterable
from pathlib import Path

from .durable import write_json
from .locks import if_free

JOURNAL = Path(".cache") / "ffu" / "publicering.json"
# A file in every output folder that says the build made it, so that the next build may replace it.
OUTPUT_MARKER = ".ffu-utdata"
NEW, OLD = "ny", "gammal"


def staging_name(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{kind}-{secrets.token_hex(4)}")


def _is_staging(folder: Path, target: Path, kind: str) -> bool:
    """Whether `folder` is named as the build names a staging or old folder of `target`, beside it."""
    pattern = rf"\.{re.escape(target.name)}\.{kind}-[0-9a-f]{{8}}"
    return folder.parent == target.parent and re.fullmatch(pattern, folder.name) is not None


def _ours(folder: Path) -> bool:
    """A real folder (not a link) that carries the build's marker."""
    return folder.is_dir() and not folder.is_symlink() and (folder / OUTPUT_MARKER).is_file()


def _remove(folder: Path) -> None:
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder, ignore_errors=True)


def publish(staged: dict[Path, Path], root: Path) -> None:
    """Move each staged folder into place; the old folders go only after every move succeeded."""
    moves = [
        (target, new, staging_name(target, OLD) if target.exists() else None)
        for target, new in staged.items()
    ]
    journal = root / JOURNAL
    _write_journal(journal, moves)
    try:
        for target, new, old in moves:
            if old is not None:
                os.rename(target, old)
            os.rename(new, target)
    except BaseException:
        _undo(moves)
        journal.unlink(missing_ok=True)
        raise
    journal.unlink()
    for _, _, old in moves:
        if old is not None:
            shutil.rmtree(old)


def recover(root: Path) -> str | None:
    """Finish or undo the swap of a build that was killed during it; say which, in Swedish.

    Nothing happens while another build holds the lock: its swap is not interrupted but under way.
    """
    if not (root / JOURNAL).exists():
        return None
    with if_free(root, "bygge") as free:
        return recover_locked(root) if free else None


def recover_locked(root: Path) -> str | None:
    """`recover`, for a caller that holds the build lock."""
    journal = root / JOURNAL
    if not journal.exists():
        return None
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        moves = [
            (Path(m["target"]), Path(m["new"]), Path(m["old"]) if m["old"] else None) for m in data["moves"]
        ]
    except (ValueError, KeyError, TypeError):
        moves = []
    # The journal is a file like any other, and could come from elsewhere (a commit that forced
    # .cache/ in); only moves the build itself could have planned are acted on.
    if not moves or not all(_planned(*move) for move in moves):
        journal.unlink()
        return "en journal för ett avbrutet bygge var inte ffu:s egen och har tagits bort; inget har ändrats"
    if all(_moved(*move) for move in moves):
        for _, _, old in moves:
            if old is not None:
                _remove(old)
        message = "ett avbrutet bygge har slutförts: de nya utdata är på plats"
    else:
        _undo(moves)
        message = "ett avbrutet bygge har tagits tillbaka: de förra utdata är kvar"
    journal.unlink()
    return message


def _planned(target: Path, new: Path, old: Path | None) -> bool:
    return (
        target.is_absolute()
        and _is_staging(new, target, NEW)
        and (old is None or _is_staging(old, target, OLD))
    )


def remove_leftovers(targets: Iterable[Path]) -> None:
    """Remove the staging and old folders that a killed build left beside its targets.

    Only folders named exactly as the build names them are touched (`.site.ny-` and eight hex
    digits), never a link; a staging folder killed while mkdocs wrote it has no marker yet.
    """
    for target in targets:
        if not target.parent.is_dir():
            continue
        for kind in (NEW, OLD):
            for folder in target.parent.glob(f".{target.name}.{kind}-*"):
                if _is_staging(folder, target, kind):
                    _remove(folder)


def _moved(target: Path, new: Path, old: Path | None) -> bool:
    """Whether the new folder is at the target: it left its staging name, and the old one left the target."""
    return target.exists() and not new.exists() and (old is None or old.exists())


def _undo(moves: list[tuple[Path, Path, Path | None]]) -> None:
    """Put every old folder back and remove the new ones, last move first."""
    for target, new, old in reversed(moves):
        if _moved(target, new, old) and _ours(target):
            shutil.rmtree(target)
        if old is not None and old.exists() and not target.exists():
            os.rename(old, target)
        _remove(new)


def _write_journal(journal: Path, moves: list[tuple[Path, Path, Path | None]]) -> None:
    journal.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "moves": [
            {"target": str(target), "new": str(new), "old": str(old) if old else None}
            for target, new, old in moves
        ]
    }
    write_json(journal, data)
