"""The numbers a document shows: chapters and sections numbered continuously, at render time.

The placement's section numbers in the database are editorial (the sources do not give the
FFU's own numbering) and are kept per part, so Del A and a vårdval's part both start at
chapter 1 and a section that has no requirement one year leaves a gap. A document instead
numbers its chapters 1, 2, 3 … across all its parts, and the sections within each chapter
1, 2, 3 … in the order they appear, so no number repeats and none is skipped. The change
report refers to sections by these same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from .database import Database
from .model import ID_PREFIX, Requirement, Version


class Placed(Protocol):
    """A requirement as a document shows it (a timeline Standing, say)."""

    @property
    def requirement(self) -> Requirement: ...

    @property
    def version(self) -> Version: ...


@dataclass
class Outline:
    """Display numbers of one document, keyed by part and the placement's own section number."""

    _numbers: dict[tuple[str, tuple[str, ...]], tuple[int, ...]] = field(default_factory=dict)
    _children: dict[tuple[int, ...], int] = field(default_factory=dict)

    def add(self, part: str, section: str) -> str:
        """Number `section` of `part`, and every level above it, if not numbered yet."""
        components = tuple(section.split("."))
        for depth in range(1, len(components) + 1):
            key = (part, components[:depth])
            if key in self._numbers:
                continue
            parent = self._numbers[(part, components[: depth - 1])] if depth > 1 else ()
            self._children[parent] = self._children.get(parent, 0) + 1
            self._numbers[key] = (*parent, self._children[parent])
        return self.number(part, section)

    def number(self, part: str, section: str) -> str:
        """The number the document shows for `section` of `part`."""
        return ".".join(str(n) for n in self._numbers[(part, tuple(section.split(".")))])

    def find(self, part: str, section: str) -> str | None:
        """The number the document shows for `section` of `part`, or None if it shows no such section."""
        key = (part, tuple(section.split(".")))
        return ".".join(str(n) for n in self._numbers[key]) if key in self._numbers else None

    def chapter(self, part: str, section: str) -> str:
        """The number the document shows for the chapter that holds `section`."""
        return self.number(part, section.split(".")[0])

    def numbers(self) -> Mapping[tuple[str, tuple[str, ...]], tuple[int, ...]]:
        return dict(self._numbers)


def outline(entries: Iterable[Placed]) -> Outline:
    """The numbering of a document that shows `entries` in this order (document order)."""
    result = Outline()
    for entry in entries:
        placement = entry.version.placement
        if placement is not None:
            result.add(entry.requirement.part, placement.section)
    return result


class DocumentNumbers:
    """Section numbers as each yearly FFU shows them, for references from the change report.

    A Del A section can have different numbers in different vårdval's documents (each numbers
    its own chapters); a reference then names the number for each vårdval.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._outlines: dict[tuple[str, int], Outline] = {}

    def outline(self, vardval: str, year: int) -> Outline:
        key = (vardval, year)
        if key not in self._outlines:
            from .timeline import year_view

            self._outlines[key] = outline(year_view(self.db, year, vardval).document)
        return self._outlines[key]

    def reference(self, requirement: Requirement, version: Version, vardval: Iterable[str]) -> str | None:
        """The section of `version` as the documents of `vardval` for its year number it.

        None if no such document shows the section.
        """
        placement = version.placement
        if placement is None:
            return None
        found: dict[str, list[str]] = {}
        for name in vardval:
            try:
                number = self.outline(name, version.year).number(requirement.part, placement.section)
            except KeyError:
                continue
            found.setdefault(number, []).append(ID_PREFIX[name])
        if len(found) <= 1:
            return next(iter(found), None)
        return "; ".join(f"{number} ({', '.join(names)})" for number, names in found.items())
