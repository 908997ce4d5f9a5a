"""A short text summary of the database: requirements per vårdval and year."""

from __future__ import annotations

from .database import Database
from .model import VARDVAL, VARDVAL_NAMES
from .timeline import year_view


def summary(db: Database) -> str:
    years = db.year_numbers()
    width = max(len(n) for n in VARDVAL_NAMES.values()) + 2
    lines = [
        "Krav per vårdval och år vid årets slut, Del A inräknad (+ förslag som inte är beslutade):",
        "",
    ]
    lines.append("".ljust(width) + "".join(str(y).rjust(12) for y in years))
    for vardval in VARDVAL:
        cells = []
        for year in years:
            view = year_view(db, year, vardval)
            cells.append(f"{len(view.entries)} (+{len(view.proposals)})".rjust(12))
        lines.append(VARDVAL_NAMES[vardval].ljust(width) + "".join(cells))
    lines.append("")
    answered = sum(1 for _, q in db.questions() if q.answer)
    lines.append(
        f"{len(db.requirements)} krav, {len(db.comparisons)} omvärldsuppgifter, "
        f"{len(db.meetings)} dialogmöten med {len(db.questions())} frågor ({answered} besvarade), "
        f"{len(db.facts)} faktauppgifter, {len(db.topics)} ämnen."
    )
    return "\n".join(lines)
