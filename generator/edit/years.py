"""Opening a year as a draft and deciding it: steps 1 and 4 of the yearly cycle."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from ..load import DB_DIR, parse_yaml
from ..model import DecisionRef, Version
from ..problems import Problem
from ..seals import seal
from . import nodes
from .errors import EditError
from .placeholders import GUESSED_SOURCE, guessed_source, unfilled
from .refs import EXAMPLE, parse_ref
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
    """Turn every proposal of `year` into a decided version, seal it, and decide the year."""
    decision = parse_ref(ref, date)
    if decision.date is None:
        raise EditError(
            f"beslutet '{ref}' saknar datum; ange beslutsdatumet i referensen "
            f"(till exempel '{EXAMPLE}') eller med --date"
        )
    session = Session(root)
    entry = session.db.years.get(year)
    if entry is None:
        raise EditError(f"året {year} finns inte i {YEARS}")
    if entry.status == "beslutad":
        raise EditError(
            f"året {year} är redan beslutat ({entry.decision.label() if entry.decision else YEARS}); "
            f"ett felaktigt beslut återkallas med 'ffu decide {year} --withdraw --reason \"…\"'"
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
    register = _register(session, year)
    register["status"] = "beslutad"
    nodes.put(register, "decision", _decision(decision), nodes.YEAR_KEYS)
    problems = _placeholders(session, decided) + _motivations(session, decided)
    nodes.put(register, "seals", _seals(session, decided), nodes.YEAR_KEYS)
    changed = session.commit(drafts=False, problems=problems)
    lines = [f"Året {year} är beslutat: {decision.label()}."]
    if decided:
        lines.append(f"{len(decided)} förslag blev beslut: {', '.join(rid for rid, _, _ in decided)}.")
        lines.append(
            f"De beslutade versionerna är förseglade i {YEARS}; en ändring av dem görs med 'ffu correct'."
        )
    else:
        lines.append("Året hade inga förslag; alla krav gäller som året före.")
    lines += ["Ändrade filer:", *(f"  {path}" for path in changed)]
    return lines


def withdraw(root: Path, year: int, reason: str, date: dt.date) -> list[str]:
    """Take back a mistaken decision: the year and its decided versions become proposals again."""
    session = Session(root)
    entry = session.db.years.get(year)
    if entry is None:
        raise EditError(f"året {year} finns inte i {YEARS}")
    if entry.status != "beslutad" or entry.decision is None:
        raise EditError(f"året {year} är inte beslutat; det finns inget beslut att återkalla")
    if not reason.strip():
        raise EditError("ange varför beslutet återkallas med --reason")
    later = [y for y, record in session.db.years.items() if y > year and record.status == "beslutad"]
    if later:
        raise EditError(f"året {later[0]} är beslutat efter {year}; återkalla det först")
    returned: list[str] = []
    for rid, requirement in session.db.requirements.items():
        version = requirement.version_in(year)
        if version is None or version.status != "beslutad":
            continue
        versions = session.open(session.db.paths[rid]).data["versions"]
        node = next(n for n in versions if n["year"] == year)
        node["status"] = "förslag"
        if "decision" in node:
            del node["decision"]
        if "corrections" in node:
            del node["corrections"]
        returned.append(rid)
    register = _register(session, year)
    withdrawn = register.get("withdrawn")
    record = nodes.block_map(
        {
            "decision": _decision(entry.decision),
            "date": date,
            "reason": reason.strip(),
        }
    )
    if withdrawn is None:
        nodes.put(register, "withdrawn", nodes.block_list([record]), nodes.YEAR_KEYS)
    else:
        nodes.make_block(withdrawn)
        withdrawn.append(record)
    register["status"] = "förslag"
    for key in ("decision", "seals"):
        if key in register:
            del register[key]
    changed = session.commit(drafts=True)
    return [
        f"Beslutet om {year} ({entry.decision.label()}) är återkallat: {reason.strip()}",
        f"Året och {len(returned)} versioner är förslag igen; återkallelsen står kvar i {YEARS}.",
        "Ändrade filer:",
        *(f"  {path}" for path in changed),
    ]


def correct(root: Path, requirement_id: str, year: int, reason: str, date: dt.date) -> list[str]:
    """Record a rättelse of a decided version whose text was changed, and seal it anew."""
    if not reason.strip():
        raise EditError("ange varför versionen rättas med --reason")
    session = Session(root, sealed=False)
    requirement = session.db.requirements.get(requirement_id)
    if requirement is None:
        raise EditError(f"kravet {requirement_id} finns inte")
    version = requirement.version_in(year)
    if version is None or version.status != "beslutad":
        raise EditError(
            f"{requirement_id} har ingen beslutad version {year}; ett förslag ändras direkt i filen"
        )
    entry = session.db.years[year]
    if entry.seals.get(requirement_id) == seal(version):
        raise EditError(
            f"versionen {year} av {requirement_id} stämmer med sitt sigill; ändra först texten i filen, "
            "och registrera sedan ändringen med ffu correct"
        )
    display = session.db.paths[requirement_id]
    previous = _committed_text(root, display, year)
    versions = session.open(display).data["versions"]
    index = next(i for i, node in enumerate(versions) if node["year"] == year)
    fields: dict[str, object] = {"date": date, "reason": reason.strip()}
    if previous is not None and previous != version.text:
        fields["previous_text"] = nodes.literal(previous)
    correction = nodes.block_map(fields)
    corrections = versions[index].get("corrections")
    if corrections is None:
        nodes.put(versions[index], "corrections", nodes.block_list([correction]), nodes.VERSION_KEYS)
    else:
        nodes.make_block(corrections)
        corrections.append(correction)
    register = _register(session, year)
    seals = register.get("seals")
    new_seal = _seals(session, [(requirement_id, display, index)])[requirement_id]
    if seals is None:
        nodes.put(register, "seals", nodes.block_map({requirement_id: new_seal}), nodes.YEAR_KEYS)
    else:
        seals[requirement_id] = new_seal
    changed = session.commit(drafts=False)
    lines = [f"Rättelsen av {requirement_id} {year} är registrerad ({date.isoformat()}): {reason.strip()}"]
    if "previous_text" in fields:
        lines.append(
            "Texten före rättelsen är sparad i rättelsen och visas i historiken och ändringsrapporten."
        )
    lines += ["Ändrade filer:", *(f"  {path}" for path in changed)]
    return lines


def _register(session: Session, year: int) -> CommentedMap:
    years = session.open(YEARS).data["years"]
    register: CommentedMap = next(node for node in years if node["year"] == year)
    return register


def _seals(session: Session, decided: list[tuple[str, str, int]]) -> CommentedMap:
    """The seal of each would-be decided version, read back as `ffu validate` would read it."""
    raw, _ = session.after()
    by_path = {f.path: f for f in raw.files}
    found: dict[str, str] = {}
    for rid, display, index in sorted(decided):
        try:
            found[rid] = seal(Version.model_validate(by_path[display].data["versions"][index]))
        except (KeyError, IndexError, TypeError, ValidationError):
            continue  # the commit's validation reports what is wrong with the version
    return nodes.block_map(found)


def _motivations(session: Session, decided: list[tuple[str, str, int]]) -> list[Problem]:
    """A decision needs a motivation for every new, changed and removed requirement."""
    problems = []
    texts = session.texts()
    for rid, display, index in decided:
        version = session.file(display).data["versions"][index]
        if (
            version.get("change") in ("ny", "ändrad", "utgår")
            and not str(version.get("motivation") or "").strip()
        ):
            line, column = session.position(display, ("versions", index), texts)
            problems.append(
                Problem(
                    display,
                    line,
                    column,
                    f"förslaget för {rid} ({version.get('change')}) saknar motivering; nämnden beslutar "
                    "inte utan motivering, så skriv en under 'motivation:'",
                )
            )
    return problems


def _committed_text(root: Path, display: str, year: int) -> str | None:
    """The version's text as last committed to git, if the project is a git repository."""
    try:
        shown = subprocess.run(
            ["git", "-C", str(root), "show", f"HEAD:{display}"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if shown.returncode != 0:
        return None
    data, problem = parse_yaml(shown.stdout.decode("utf-8", errors="replace"), display)
    if problem is not None or not isinstance(data, dict):
        return None
    for node in data.get("versions") or ():
        if isinstance(node, dict) and node.get("year") == year:
            text = node.get("text")
            return text if isinstance(text, str) else None
    return None


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
