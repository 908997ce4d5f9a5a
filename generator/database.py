"""The loaded database: immutable, free of I/O, and the input of every renderer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from .model import (
    Chapter,
    Comparison,
    Fact,
    Meeting,
    Question,
    Region,
    Requirement,
    Source,
    Topic,
    Year,
)

K = TypeVar("K")
V = TypeVar("V")


def _frozen(items: Mapping[K, V]) -> Mapping[K, V]:
    return MappingProxyType(dict(items))


@dataclass(frozen=True)
class Database:
    requirements: Mapping[str, Requirement]
    comparisons: Mapping[str, Comparison]
    meetings: Mapping[str, Meeting]
    topics: Mapping[str, Topic]
    chapters: Mapping[str, Chapter]
    years: Mapping[int, Year]
    sources: Mapping[str, Source]
    paths: Mapping[str, str]  # record id -> file path relative to the project root
    # Facts that are not rules (follow-up, status figures, planned reviews, audits), by id.
    facts: Mapping[str, Fact] = field(default_factory=lambda: _frozen({}))
    # By name; empty when the project has no regions.yaml.
    regions: Mapping[str, Region] = field(default_factory=lambda: _frozen({}))

    @classmethod
    def build(
        cls,
        *,
        requirements: list[Requirement],
        comparisons: list[Comparison],
        meetings: list[Meeting],
        topics: list[Topic],
        chapters: list[Chapter],
        years: list[Year],
        sources: list[Source],
        paths: Mapping[str, str],
        facts: list[Fact] | None = None,
        regions: list[Region] | None = None,
    ) -> Database:
        return cls(
            requirements=_frozen({r.id: r for r in sorted(requirements, key=lambda r: r.id)}),
            comparisons=_frozen({c.id: c for c in sorted(comparisons, key=lambda c: c.id)}),
            meetings=_frozen({m.id: m for m in sorted(meetings, key=lambda m: m.date)}),
            topics=_frozen({t.id: t for t in topics}),
            chapters=_frozen({c.id: c for c in chapters}),
            years=_frozen({y.year: y for y in sorted(years, key=lambda y: y.year)}),
            sources=_frozen({s.file: s for s in sources}),
            paths=_frozen(paths),
            facts=_frozen({f.id: f for f in sorted(facts or [], key=lambda f: f.id)}),
            regions=_frozen({r.name: r for r in regions or ()}),
        )

    def year_numbers(self) -> tuple[int, ...]:
        return tuple(self.years)

    def questions(self) -> list[tuple[Meeting, Question]]:
        return [(m, q) for m in self.meetings.values() for q in m.questions]

    def questions_for(self, requirement_id: str) -> list[tuple[Meeting, Question]]:
        return [(m, q) for m, q in self.questions() if requirement_id in q.requirements]

    def comparisons_for(self, topics: tuple[str, ...] | list[str]) -> list[Comparison]:
        wanted = set(topics)
        return [c for c in self.comparisons.values() if c.topic in wanted]

    def facts_for(self, requirement_id: str) -> list[Fact]:
        """The facts that name a requirement, in id order."""
        return [f for f in self.facts.values() if requirement_id in f.requirements]
