"""Advisory locks, so that two ffu commands that write never interleave.

A lock is `flock` on a file in `.cache/ffu/`. The kernel releases it when its process ends,
however it ends, so a lock is never left behind by a crash; a journal left behind with its
lock free is therefore one whose command was interrupted.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import FfuError

LOCK_DIR = Path(".cache") / "ffu"
# How long a command waits for another one to finish before it gives up.
WAIT_SECONDS = {"redigering": 60.0, "bygge": 600.0}


class Busy(FfuError):
    """Another ffu command held the lock for longer than this one waits; the message is Swedish."""


def _open(root: Path, name: str) -> int:
    folder = root / LOCK_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return os.open(folder / f"{name}.lås", os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)


@contextlib.contextmanager
def locked(root: Path, name: str) -> Iterator[None]:
    """Hold the lock `name` of the project at `root`, waiting for another holder up to a limit."""
    handle = _open(root, name)
    try:
        deadline = time.monotonic() + WAIT_SECONDS[name]
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    what = "ändrar databasen" if name == "redigering" else "bygger"
                    raise Busy(
                        f"ett annat ffu-kommando {what} just nu och blev inte klart på "
                        f"{WAIT_SECONDS[name]:.0f} s; vänta tills det är klart och försök igen"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(handle)


@contextlib.contextmanager
def if_free(root: Path, name: str) -> Iterator[bool]:
    """Hold the lock `name` if nobody else does; yield whether it is held."""
    handle = _open(root, name)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(handle)
