"""The texts a new record or proposal starts with, and finding the ones still left at decision time.

A skeleton must validate, so that `ffu validate` and the writer's editor stay quiet while
the writer fills it in; these are therefore valid values that say what to write. The source
document must be a registered one, so ffu guesses the latest and marks the guess with a
comment on its line. A version still holding a placeholder, or a guess still marked, cannot
be decided, which `ffu decide` checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..locate import PathPart

TEXT = "Skriv kravtexten här."
MOTIVATION = "Skriv här varför förslaget görs."
LOCATOR = "Ange var i källan förslaget står (fråga, bildrubrik eller avsnittsrubrik)."
SOURCE_MARK = "# platshållare"
SOURCE_COMMENT = f"{SOURCE_MARK}: byt till dokumentet som förslaget kommer från"
GUESSED_SOURCE = (
    f"källdokumentet är gissat av ffu (kommentaren '{SOURCE_MARK}' står kvar); kontrollera att det är "
    "dokumentet som förslaget kommer från, byt annars filnamnet, och ta bort kommentaren innan året beslutas"
)


def unfilled(version: Any) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    """Each placeholder left in one version (safe-loaded data): its path within the version and a message."""
    if not isinstance(version, dict):
        return
    if _same(version.get("text"), TEXT):
        yield ("text",), "texten är fortfarande platshållaren; skriv kravtexten innan året beslutas"
    if _same(version.get("motivation"), MOTIVATION):
        yield (
            ("motivation",),
            "motiveringen är fortfarande platshållaren; skriv varför ändringen görs innan året beslutas",
        )
    for index, source in enumerate(version.get("sources") or ()):
        if isinstance(source, dict) and _same(source.get("locator"), LOCATOR):
            yield (
                ("sources", index, "locator"),
                "källan är fortfarande en platshållare; ange källdokumentet ur sources.yaml och var i det "
                "förslaget står innan året beslutas",
            )


def _same(value: Any, placeholder: str) -> bool:
    return isinstance(value, str) and value.strip() == placeholder


def guessed_source(line: str) -> bool:
    """Whether a `seed:` line still carries the comment that marks its document as ffu's guess."""
    # Safe-loaded data has no comments, so the check reads the line itself.
    return SOURCE_MARK in line
