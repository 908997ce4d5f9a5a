"""`ffu status`: what stands between the open year and the nämnd's decision.

It lists, each at its line, what `ffu decide` would refuse or the nämnd would miss:
proposals still holding a placeholder or an unedited copy, changes without a motivation,
sources guessed by ffu, and the dialogue meetings' questions that have no answer yet.
It reads the files only; nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..load import RawFile, load
from ..locate import Locator, PathPart
from ..problems import Problem
from .drafts import unedited_proposals
from .errors import EditError
from .placeholders import GUESSED_SOURCE, guessed_source, unfilled
from .session import Refused, check

CHANGES_NEEDING_MOTIVATION = ("ny", "ändrad", "utgår")


@dataclass
class Status:
    year: int
    decided: bool = False
    proposals: int = 0
    drafts: list[Problem] = field(default_factory=list)
    motivations: list[Problem] = field(default_factory=list)
    questions: list[Problem] = field(default_factory=list)


def status(root: Path, year: int | None) -> Status | None:
    """What is left in `year` (default: the latest year open as a förslag); None when none is open."""
    raw, load_problems = load(root)
    db, problems = check(raw, load_problems, drafts=True)
    if db is None:
        raise Refused("databasen har fel som måste rättas först", problems)
    open_years = [y for y, entry in db.years.items() if entry.status == "förslag"]
    if year is None:
        if not open_years:
            return None
        year = max(open_years)
    elif year not in db.years:
        raise EditError(f"året {year} finns inte i requirements_db/years.yaml")
    found = Status(year, decided=db.years[year].status == "beslutad")
    files = {f.path: f for f in raw.files}
    unedited = {(f.path, index) for f, index in unedited_proposals(raw)}
    for rid, requirement in db.requirements.items():
        display = db.paths[rid]
        file = files[display]
        for index, version in enumerate(requirement.versions):
            if version.year != year or version.status != "förslag":
                continue
            found.proposals += 1
            at: tuple[PathPart, ...] = ("versions", index)
            if (display, index) in unedited:
                found.drafts.append(
                    _at(file, (*at, "text"), f"{rid}: texten är en oförändrad kopia; skriv den nya texten")
                )
            data = file.data["versions"][index]
            for path, message in unfilled(data):
                found.drafts.append(_at(file, (*at, *path), f"{rid}: {message}"))
            lines = file.text.split("\n")
            for number in range(len(version.sources)):
                problem = _at(file, (*at, "sources", number, "seed"), f"{rid}: {GUESSED_SOURCE}")
                if guessed_source(lines[problem.line - 1]):
                    found.drafts.append(problem)
            if version.change in CHANGES_NEEDING_MOTIVATION and version.motivation is None:
                found.motivations.append(
                    _at(
                        file,
                        at,
                        f"{rid}: förslaget ({version.change}) saknar motivering; lägg till 'motivation:'",
                    )
                )
    for meeting in (m for m in db.meetings.values() if m.year == year):
        file = files[db.paths[meeting.id]]
        for index, question in enumerate(meeting.questions):
            if question.answer is None:
                found.questions.append(
                    _at(
                        file,
                        ("questions", index),
                        f"fråga {question.number} från {meeting.id} saknar svar; "
                        f'ffu qa answer --meeting {meeting.id} --number {question.number} --text "…"',
                    )
                )
    return found


def _at(file: RawFile, path: tuple[PathPart, ...], message: str) -> Problem:
    line, column = Locator(file.text).position(path)
    return Problem(file.path, line, column, message)


def report(found: Status) -> list[str]:
    """The status as lines for the terminal."""
    lines = [f"FFU-året {found.year}: {found.proposals} förslag."]
    sections = (
        ("Förslag som inte är färdigskrivna", found.drafts),
        ("Förslag utan motivering", found.motivations),
        ("Frågor från dialogmöten utan svar", found.questions),
    )
    for title, problems in sections:
        lines.append(f"\n{title}: {len(problems) or 'inga'}")
        lines += [f"  {problem}" for problem in problems]
    if found.decided:
        lines.append(f"\nÅret {found.year} är redan beslutat.")
    elif found.drafts or found.motivations:
        lines.append(
            f"\nÅret kan inte beslutas förrän förslagen ovan är färdiga ('ffu decide {found.year}' vägrar)."
        )
    else:
        lines.append(f"\nFörslagen är färdiga; nästa steg är 'ffu decide {found.year} --ref \"…\"'.")
    return lines
