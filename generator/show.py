"""`ffu show ID`: a requirement over the years, or on one day, as the time model sees it."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .database import Database
from .errors import FfuError
from .model import VARDVAL, VARDVAL_NAMES, Requirement, Version
from .pipeline import load_database
from .problems import ProblemsFound
from .swedish import format_date
from .timeline import Moment, moment, scope, year_view
from .vocabulary import (
    CATEGORY_LABEL,
    STATE_LABELS,
    YEAR_UNSTATED_NOTE,
    first_documented_note,
    start_unknown_note,
    unconfirmed_note,
)


def show_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help="kravets id, till exempel VC-001")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="visa vad som gällde det datumet")
    when.add_argument("--year", type=int, metavar="ÅR", help="visa kravet i det årets förfrågningsunderlag")
    p.add_argument("--vardval", choices=VARDVAL, help="för ett vårdval (gäller krav i Del A)")


def cmd_show(root: Path, args: argparse.Namespace) -> int:
    db = load_database(root)
    rid = args.id.upper()
    requirement = db.requirements.get(rid)
    if requirement is None:
        raise FfuError(f"kravet {rid} finns inte i requirements_db/requirements/")
    if args.date is not None:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            raise FfuError(f"'{args.date}' är inget giltigt datum; skriv ÅÅÅÅ-MM-DD") from None
        print(describe_moment(db, requirement, moment(db, requirement, day, args.vardval)))
        return 0
    if args.year is not None and args.year not in db.years:
        known = ", ".join(str(y) for y in db.years)
        raise FfuError(f"året {args.year} finns inte i requirements_db/years.yaml (det finns: {known})")
    years = [args.year] if args.year is not None else list(reversed(db.year_numbers()))
    print(describe_years(db, requirement, years, args.vardval))
    return 0


def _header(requirement: Requirement) -> list[str]:
    names = ", ".join(VARDVAL_NAMES[v] for v in requirement.vardval)
    return [f"{requirement.id} ({requirement.kind}, {requirement.level}) · {names}"]


def _sources(version: Version) -> str:
    return "; ".join(f"{s.seed}, {s.locator}" for s in version.sources)


def _decision(version: Version) -> str:
    if version.status == "förslag":
        return "inget beslut (förslag)"
    if version.decision is None:
        return "beslutad; källorna anger inte beslutet"
    return version.decision.label()


def _text(version: Version) -> list[str]:
    return ["  " + line for line in (version.text or "(ingen text: kravet utgår)").rstrip().split("\n")]


def describe_years(db: Database, requirement: Requirement, years: list[int], vardval: str | None) -> str:
    lines = _header(requirement)
    for year in years:
        view = year_view(db, year, vardval)
        lines.append("")
        entry = next((s for s in (*view.entries, *view.ending) if s.id == requirement.id), None)
        proposal = next((p for p in view.proposals if p.id == requirement.id), None)
        title = f"Förslag till förfrågningsunderlag {year}" if view.open else f"Förfrågningsunderlag {year}"
        if entry is None:
            lines.append(f"{title}: ingår inte.")
        else:
            version = entry.version
            state = STATE_LABELS[entry.state]
            lines.append(
                f"{title}: {state.lower()} · {CATEGORY_LABEL[entry.category].lower()} sedan året före"
            )
            if entry.ending and entry.until is not None:
                lines.append(f"  gäller till och med {format_date(entry.until)}")
            elif version.effective_unknown:
                lines.append("  " + start_unknown_note(version.decision.date if version.decision else None))
            elif entry.starts_this_year:
                lines.append(f"  gäller från {format_date(version.effective_date())}")
            if entry.category == "först dokumenterad" and entry.first_documented:
                lines.append("  " + first_documented_note(entry.first_documented))
            if entry.unconfirmed:
                lines.append("  " + unconfirmed_note(entry.last_confirmed))
            lines.append(
                f"  version {version.year} · beslut: {_decision(version)} · källa: {_sources(version)}"
            )
            lines.extend(_text(version))
            for correction in version.corrections:
                lines.append(f"  rättad {format_date(correction.date)}: {correction.reason}")
        if proposal is not None:
            lines.append(f"  Förslag som inte är beslutat ({proposal.kind}):")
            if not proposal.version.year_stated:
                lines.append("  " + YEAR_UNSTATED_NOTE)
            lines.extend(_text(proposal.version))
    return "\n".join(lines)


def describe_moment(db: Database, requirement: Requirement, m: Moment) -> str:
    lines = _header(requirement)
    lines.append("")
    day = format_date(m.date)
    if m.before_documented is not None:
        lines.append(
            f"{day}: källorna visar kravet först för {m.before_documented}; om det gällde den dagen, "
            "och med vilken lydelse, anges inte."
        )
    elif m.state is None:
        lines.append(f"{day}: kravet gällde inte" + (" vårdvalet." if m.version else "."))
    else:
        lines.append(f"{day}: {STATE_LABELS[m.state].lower()}.")
    if m.version is not None and m.state in ("gällande", "utgått"):
        version = m.version
        if m.start_unknown:
            lines.append("  " + start_unknown_note(version.decision.date if version.decision else None))
        elif m.documented_late and m.state == "gällande":
            lines.append(f"  {first_documented_note(version.year)} (version {version.year})")
        else:
            verb = "utgick" if m.state == "utgått" else "gäller från"
            lines.append(f"  {verb} {format_date(version.effective_date())} (version {version.year})")
        lines.append(f"  beslut: {_decision(version)} · källa: {_sources(version)}")
        if m.state == "gällande":
            lines.extend(_text(version))
            lines.append("  vårdval: " + ", ".join(VARDVAL_NAMES[v] for v in scope(requirement, version)))
    if m.upcoming is not None and m.before_documented is not None:
        lines.append(f"Lydelsen som källorna visar för {m.upcoming.year} ({_decision(m.upcoming)}):")
        lines.extend(_text(m.upcoming))
    elif m.upcoming is not None:
        lines.append(
            f"Beslutat att gälla från {format_date(m.upcoming.effective_date())} "
            f"(version {m.upcoming.year}, {_decision(m.upcoming)}):"
        )
        lines.extend(_text(m.upcoming))
    for proposal in m.proposals:
        lines.append(f"Förslag {proposal.year}, inte beslutat:")
        lines.extend(_text(proposal))
    return "\n".join(lines)


__all__ = ["ProblemsFound", "cmd_show", "describe_moment", "describe_years", "show_arguments"]
