"""A short text summary of the database: requirements per vårdval and year."""

from __future__ import annotations

from .database import Database
from .model import VARDVAL, VARDVAL_NAMES


def summary(db: Database) -> str:
    years = db.year_numbers()
    width = max(len(n) for n in VARDVAL_NAMES.values()) + 2
    lines = ["Krav per vårdval och år (Del A inräknad; förslag inom parentes):", ""]
    lines.append("".ljust(width) + "".join(str(y).rjust(12) for y in years))
    for vardval in VARDVAL:
        cells = []
        for year in years:
            entries = db.entries(year, vardval=vardval)
            proposals = sum(1 for e in entries if e.version.status == "förslag")
            cells.append(f"{len(entries)} ({proposals})".rjust(12))
        lines.append(VARDVAL_NAMES[vardval].ljust(width) + "".join(cells))
    lines.append("")
    answered = sum(1 for _, q in db.questions() if q.answer)
    lines.append(
        f"{len(db.requirements)} krav, {len(db.comparisons)} omvärldsuppgifter, "
        f"{len(db.meetings)} dialogmöten med {len(db.questions())} frågor ({answered} besvarade), "
        f"{len(db.topics)} ämnen."
    )
    return "\n".join(lines)
