"""Facts that are not rules, as the renderers need them: by requirement, by topic, and selected.

Every selection a page, chart or report shows is made here, so the renderers only lay out
what the core chose. Nothing here adds, sums or derives a figure: each figure shown is one
the source gives.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .database import Database
from .model import FACT_KINDS, VARDVAL, Fact, Figure

FOLLOW_UP_TOPIC = "uppfoljning-och-sanktioner"
PERCENT = "%"


@dataclass(frozen=True)
class FollowUp:
    """The follow-up figures of one vårdval over one period, each as its fact gives it."""

    vardval: str
    period: str | None  # the period's label when all its facts share one
    rows: tuple[tuple[Fact, Figure], ...]


def by_requirement(db: Database) -> dict[str, list[Fact]]:
    """Requirement id → the facts that name it, in id order."""
    found: dict[str, list[Fact]] = defaultdict(list)
    for fact in db.facts.values():
        for requirement_id in fact.requirements:
            found[requirement_id].append(fact)
    return dict(found)


def by_topic(db: Database) -> dict[str, list[Fact]]:
    """Topic id → the facts on it, in id order."""
    found: dict[str, list[Fact]] = defaultdict(list)
    for fact in db.facts.values():
        for topic in fact.topics:
            found[topic].append(fact)
    return dict(found)


def by_kind(db: Database) -> list[tuple[str, list[Fact]]]:
    """The facts grouped by kind, kinds in their fixed order, newest first within a kind.

    A fact without a date of its own comes after the dated ones of its kind.
    """
    groups = []
    for kind in FACT_KINDS:
        facts = [f for f in db.facts.values() if f.kind == kind]
        facts.sort(key=lambda f: f.id)
        facts.sort(key=lambda f: f.sort_date() or dt.date.min, reverse=True)
        if facts:
            groups.append((kind, facts))
    return groups


def chart_scale(figures: Sequence[Figure]) -> str | None:
    """How a fact's figures can be drawn: 'percent' (0–100), 'count' (0 to the largest), or None.

    Bars only compare like with like, so all figures must share one unit and none be negative.
    """
    if len(figures) < 2 or len({f.unit for f in figures}) != 1 or any(f.value < 0 for f in figures):
        return None
    if figures[0].unit == PERCENT:
        return "percent" if all(f.value <= 100 for f in figures) else None
    return "count"


def follow_up(db: Database) -> list[FollowUp]:
    """Per vårdval, the counted figures of its follow-up and sanction facts.

    Those are facts of kind 'uppföljning' on the topic of follow-up and sanctions that
    concern exactly one vårdval; shares in percent are left out, since they are not counts.
    """
    result = []
    for vardval in VARDVAL:
        facts = [
            f
            for f in db.facts.values()
            if f.kind == "uppföljning" and FOLLOW_UP_TOPIC in f.topics and f.vardval == (vardval,)
        ]
        rows = tuple((f, figure) for f in facts for figure in f.figures if figure.unit != PERCENT)
        if not rows:
            continue
        periods = {f.period.label if f.period else None for f in facts}
        result.append(FollowUp(vardval, periods.pop() if len(periods) == 1 else None, rows))
    return result


def _known_year(db: Database, fact: Fact) -> int | None:
    """The year a fact is placed in: its period's, else the year of its first dated source."""
    day = fact.sort_date()
    if day is not None:
        return day.year
    for ref in fact.sources:
        source = db.sources.get(ref.seed)
        if source is not None and source.date is not None:
            return source.date.year
    return None


def background(
    db: Database, from_year: int, to_year: int, vardval: str | None, changed_ids: Iterable[str]
) -> list[Fact]:
    """The facts a change report gives as background, in id order.

    Facts about Hälsoval Skåne that name a changed requirement, and planned reviews for the
    vårdval in scope placed between the two years compared.
    """
    changed = set(changed_ids)
    chosen = []
    for fact in db.facts.values():
        if fact.region is not None:
            continue
        if vardval is not None and fact.vardval and vardval not in fact.vardval:
            continue
        if changed.intersection(fact.requirements):
            chosen.append(fact)
        elif fact.kind == "planerad översyn":
            year = _known_year(db, fact)
            if year is not None and from_year <= year <= to_year:
                chosen.append(fact)
    return chosen
