"""How long each stage of a build took, for the summary `ffu build` prints and for `make bench`."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Stopwatch:
    """Seconds per named stage, and in total since the stopwatch was made."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        mark = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = time.perf_counter() - mark

    def total(self) -> dict[str, float]:
        """Every stage's seconds, with the time since the start as "totalt"."""
        return {**self.seconds, "totalt": time.perf_counter() - self.started}
