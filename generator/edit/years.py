"""Opening a year as a draft and deciding it: steps 1 and 4 of the yearly cycle."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ..load import DB_DIR
from ..model import DecisionRef
from ..problems import Problem
from . import nodes
from .errors import EditError
from .placeholders import GUESSED_SOURCE, guessed_source, unfilled
from .refs import parse_ref
from .session import Session

YEARS = f"{DB_DIR}/years.yaml"


def new_year(root: Path, year: int) -> list[str]:
    """Record `year` as a förslag in the year register; every requirement carries forward as it is."""
    session = Session(root)
    known = session.db.years
    if year in known:
        raise EditError(f"året {year} finns redan i {YEARS} (status {known[year].status})")
    following = max(known) + 1
    if year != following:
        raise EditError(f"året {year} är inte nästa år; nästa år att öppna är {following}")
    document = session.open(YEARS)
    document.data["years"].append(nodes.block_map({"year": year, "status": "förslag"}))
    session.commit()
    return [
        f"Året {year} är öppnat som förslag i {YEARS}.",
        f"Alla krav följer med oförändrade till {year}; ingen kravfil har ändrats.",
        f"Nästa steg: föreslå ändringar med 'ffu propose ID --year {year}' och nya krav med 'ffu new'.",
    ]


def decide(root: Path, year: int, ref: str, date: dt.date | None) -> list[str]:
    """Turn every proposal of `year` into a decided version, and the year into a decided year."""
    decision = parse_ref(ref, date)
    session = Session(root)
    entry = session.db.years.get(year)
    if entry is None:
        raise EditError(f"året {year} finns inte i {YEARS}")
    if entry.status == "beslutad":
        raise EditError(
            f"året {year} är redan beslutat ({entry.decision.label() if entry.decision else YEARS})"
        )
    decided: list[tuple[str, str, int]] = []
    for rid, requirement in session.db.requirements.items():
        version = requirement.version_in(year)
        if version is None or version.status != "förslag":
            continue
        display = session.db.paths[rid]
        versions = session.open(display).data["versions"]
        index = next(i for i, node in enumerate(versions) if node["year"] == year)
        versions[index]["status"] = "beslutad"
        nodes.put(versions[index], "decision", _decision(decision), nodes.VERSION_KEYS)
        decided.append((rid, display, index))
    years = session.open(YEARS).data["years"]
    register = next(node for node in years if node["year"] == year)
    register["status"] = "beslutad"
    nodes.put(register, "decision", _decision(decision), nodes.YEAR_KEYS)
    changed = session.commit(drafts=False, problems=_placeholders(session, decided))
    lines = [f"Året {year} är beslutat: {decision.label()}."]
    if decided:
        lines.append(f"{len(decided)} förslag blev beslut: {', '.join(rid for rid, _, _ in decided)}.")
    else:
        lines.append("Året hade inga förslag; alla krav gäller som året före.")
    lines += ["Ändrade filer:", *(f"  {path}" for path in changed)]
    return lines


def _decision(ref: DecisionRef) -> CommentedMap:
    # A node of its own for every version: a shared one would be written as a YAML alias.
    return nodes.decision(ref.body, ref.date, ref.paragraph)


def _placeholders(session: Session, decided: list[tuple[str, str, int]]) -> list[Problem]:
    """A skeleton's placeholders are valid while it is a proposal, but cannot be decided."""
    problems = []
    texts = session.texts()
    for _, display, index in decided:
        version = session.file(display).data["versions"][index]
        for path, message in unfilled(version):
            line, column = session.position(display, ("versions", index, *path), texts)
            problems.append(Problem(display, line, column, message))
        lines = texts[display].split("\n")
        for number in range(len(version.get("sources") or ())):
            line, column = session.position(display, ("versions", index, "sources", number, "seed"), texts)
            if guessed_source(lines[line - 1]):
                problems.append(Problem(display, line, column, GUESSED_SOURCE))
    return problems
