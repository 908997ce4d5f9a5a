"""A problem found in the database, reported as `path:line:column: message`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import FfuError


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ProblemsFound(FfuError):
    """Raised by a pipeline stage that cannot go on; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} fel")
        self.problems = sorted(problems)


def show(value: Any, limit: int = 60) -> str:
    """A value as a message may quote it: on one line, printable, and short.

    A quoted value must not break the `path:line:column: message` line, so line breaks and
    other unprintable characters are written as escapes such as \\u001e.
    """
    text = value if isinstance(value, str) else repr(value)
    printable = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)
    if len(printable) > limit:
        printable = printable[: limit - 1] + "…"
    return f"'{printable}'" if isinstance(value, str) else printable
