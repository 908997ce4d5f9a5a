"""Commands for the records outside the yearly cycle: sources, regions, topics and omvärldsbevakning.

Each follows the same sequence as the others (see `session`): the database must validate
first, the change is made in memory, and the whole would-be database is validated before
every file is written at once, or none.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..load import DB_DIR, SOURCES_DIR
from ..messages import did_you_mean
from ..model import SLUG
from ..problems import show
from ..swedish import sort_key
from . import nodes
from .errors import EditError
from .numbering import next_id
from .roundtrip import dump_text
from .session import Session

SOURCES_YAML = f"{DB_DIR}/sources.yaml"
REGIONS_YAML = f"{DB_DIR}/regions.yaml"
TOPICS_YAML = f"{DB_DIR}/topics.yaml"
COMPARISONS = f"{DB_DIR}/comparisons"
COMPARISON_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/comparison.schema.json"
REGIONS_HEADER = (
    "# yaml-language-server: $schema=../schemas/regions.schema.json\n"
    "# Regionerna som omvärldsbevakningen gäller. En uppgift om en region måste använda ett namn\n"
    "# härifrån, så att samma region alltid heter samma sak. Lägg till med 'ffu region add'.\n"
)


# -- sources ----------------------------------------------------------------------------------


def source_name(number: int, content: bytes) -> str:
    """The project's name for a source file: its number in the register and 16 hex digits.

    The hex digits of the first five files came with the documents; for a new file they are
    the start of the SHA-256 of its bytes, so the name says which text it is and cannot clash.
    """
    return f"{number:03d}_{hashlib.sha256(content).hexdigest()[:16]}.txt"


def add_source(
    root: Path,
    file: Path,
    *,
    title: str,
    publisher: str,
    date: dt.date | None,
    url: str | None,
) -> list[str]:
    """Copy a text document into requirements_db/sources/ under the next name and register it."""
    session = Session(root)
    try:
        content = file.read_bytes()
    except OSError as exc:
        raise EditError(f"kan inte läsa {file}: {exc.strerror or exc}") from exc
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(
            f"{file} är ingen text i UTF-8; källor sparas som text, så spara dokumentet som "
            "oformaterad text (UTF-8) först, till exempel med 'pdftotext' för en PDF"
        ) from None
    folder = root / DB_DIR / SOURCES_DIR
    for existing in session.db.sources:
        path = folder / existing
        if path.is_file() and path.read_bytes() == content:
            raise EditError(f"dokumentet finns redan som {existing} i {SOURCES_YAML}")
    numbers = [int(name[:3]) for name in [*session.db.sources, *_names(folder)] if name[:3].isdigit()]
    name = source_name(max(numbers, default=-1) + 1, content)
    entry = nodes.block_map({"file": name, "title": title, "publisher": publisher, "date": date, "url": url})
    session.open(SOURCES_YAML).data["sources"].append(entry)
    display = f"{DB_DIR}/{SOURCES_DIR}/{name}"
    session.create(display, content)
    session.commit()
    return [
        f"Källan är registrerad som {name}: {display}",
        f'Hänvisa till den med --source {name} --locator "…" (avsnitt, fråga eller bildrubrik).',
    ]


def _names(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir()] if folder.is_dir() else []


# -- regions and topics -----------------------------------------------------------------------


def add_region(root: Path, name: str, *, anyway: bool = False) -> list[str]:
    """Add a region to regions.yaml (creating the register when the project has none)."""
    session = Session(root)
    name = " ".join(name.split())
    _put_region(session, name, anyway=anyway)
    session.commit()
    return [f"Regionen {show(name)} är tillagd i {REGIONS_YAML}."]


def _put_region(session: Session, name: str, *, anyway: bool) -> None:
    known = list(session.db.regions)
    if name in known:
        raise EditError(f"regionen {show(name)} finns redan i {REGIONS_YAML}")
    similar = similar_region(name, known)
    if similar and not anyway:
        raise EditError(
            f"{show(name)} liknar {show(similar)}, som redan finns; använd det namnet, så hamnar "
            "uppgifterna under samma region, eller lägg till ändå med --ny"
        )
    entry = nodes.block_map({"name": name})
    if (session.root / REGIONS_YAML).exists():
        session.open(REGIONS_YAML).data["regions"].append(entry)
    else:
        session.create(REGIONS_YAML, (REGIONS_HEADER + dump_text({"regions": [entry]})).encode())


_REGION_WORDS = {"region", "regionen", "län", "läns", "landsting"}


def _core(name: str) -> str:
    """A region's name without the words every region has: 'Region Kalmar län' → 'kalmar'."""
    words = [w for w in re.split(r"[\s-]+", name.casefold()) if w and w not in _REGION_WORDS]
    return " ".join(words).removesuffix("regionen")


def similar_region(name: str, known: Sequence[str]) -> str | None:
    """The registered region a writer most likely means by `name`, compared without 'Region' and 'län'."""
    cores = {_core(k): k for k in known}
    close = difflib.get_close_matches(_core(name), list(cores), n=1, cutoff=0.8)
    return cores[close[0]] if close else None


def add_topic(root: Path, topic_id: str, *, name: str, description: str | None) -> list[str]:
    """Add a topic to topics.yaml."""
    session = Session(root)
    if topic_id in session.db.topics:
        raise EditError(
            f"ämnet '{topic_id}' finns redan i {TOPICS_YAML} ({session.db.topics[topic_id].name})"
        )
    if not re.fullmatch(SLUG, topic_id):
        raise EditError(
            f"{show(topic_id)} kan inte vara ett ämnes-id: skriv små bokstäver a–z utan å, ä och ö, siffror "
            "och bindestreck, till exempel oppettider"
        )
    same_name = [t.id for t in session.db.topics.values() if t.name.casefold() == name.casefold()]
    if same_name:
        raise EditError(f"ämnet {show(name)} finns redan med id '{same_name[0]}'")
    entry = nodes.block_map(
        {"id": topic_id, "name": name, "description": nodes.literal(description) if description else None}
    )
    session.open(TOPICS_YAML).data["topics"].append(entry)
    session.commit()
    return [f"Ämnet '{topic_id}' ({name}) är tillagt i {TOPICS_YAML}."]


# -- omvärldsbevakning ------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureArg:
    label: str
    value: float | int
    unit: str


# A number (Swedish or English decimals, thousands spaced), then the unit after a space or a '%'.
_NUMBER = re.compile(r"^(-?\d{1,3}(?:[ \u00a0]\d{3})+|-?\d+)(?:[.,](\d+))?(?:\s+|(?=%))(\S.*)$")


def parse_figure(text: str) -> FigureArg:
    """'Öppettider per vecka=45 timmar' → label, value and unit; Swedish '1,5' and '150 000' are numbers."""
    label, sep, rest = text.partition("=")
    match = _NUMBER.match(rest.strip())
    if not sep or not label.strip() or match is None:
        raise ValueError(
            f'{show(text)} är ingen siffra; skriv "etikett=värde enhet", till exempel '
            '"Öppettider per vecka=45 timmar" eller "Startbidrag=150 000 kr"'
        )
    whole = re.sub(r"[ \u00a0]", "", match.group(1))
    value: float | int = float(f"{whole}.{match.group(2)}") if match.group(2) else int(whole)
    return FigureArg(label.strip(), value, match.group(3).strip())


def add_comparison(
    root: Path,
    *,
    region: str,
    topic: str,
    aspect: str,
    rule: str,
    figures: Sequence[FigureArg],
    source: str,
    locator: str,
    year_observed: int | None,
    verbatim: bool,
    new_region: bool,
    new_aspect: bool,
) -> list[str]:
    """Create the next OMV record; refuse an unknown topic, region or source, or a near-miss aspect."""
    session = Session(root)
    db = session.db
    if topic not in db.topics:
        raise EditError(
            f"okänt ämne {show(topic)}{did_you_mean(topic, sorted(db.topics))}; lägg till det med "
            "'ffu topic add' eller välj ett ur requirements_db/topics.yaml"
        )
    if source not in db.sources:
        raise EditError(
            f"okänd källa {show(source)}{did_you_mean(source, sorted(db.sources))}; registrera dokumentet "
            "med 'ffu source add' först"
        )
    lines: list[str] = []
    region = " ".join(region.split())
    if db.regions and region not in db.regions:
        if not new_region:
            meant = similar_region(region, list(db.regions))
            hint = f" (menar du {show(meant)}?)" if meant else ""
            raise EditError(
                f"okänd region {show(region)}{hint}; välj ett namn ur "
                f"{REGIONS_YAML}, eller lägg till regionen med --ny-region (eller 'ffu region add')"
            )
        _put_region(session, region, anyway=False)
        lines.append(f"Regionen {show(region)} är tillagd i {REGIONS_YAML}.")
    used = sorted({c.aspect for c in db.comparisons.values() if c.topic == topic}, key=sort_key)
    if aspect not in used and not new_aspect:
        close = difflib.get_close_matches(aspect.casefold(), [a.casefold() for a in used], n=1, cutoff=0.6)
        if close:
            meant = next(a for a in used if a.casefold() == close[0])
            raise EditError(
                f"aspekten {show(aspect)} används inte för ämnet '{topic}' (menar du {show(meant)}?); "
                "uppgifter hamnar i samma kolumn bara om aspekten är stavad exakt likadant; använd den, "
                "eller --ny-aspekt för en ny kolumn"
            )
    cid = next_id(root, db, "OMV", COMPARISONS)
    record = nodes.block_map(
        {
            "id": cid,
            "topic": topic,
            "region": region,
            "aspect": aspect,
            "year_observed": year_observed,
            "rule": nodes.literal(rule),
            "paraphrased": not verbatim,
            "figures": nodes.block_list(
                nodes.block_map({"label": f.label, "value": f.value, "unit": f.unit}) for f in figures
            )
            if figures
            else None,
            "sources": nodes.sources([(source, locator)]),
        }
    )
    display = f"{COMPARISONS}/{cid}.yaml"
    comment = f"# {region}: {aspect}"
    session.create(display, f"{COMPARISON_SCHEMA_LINE}\n{comment}\n{dump_text(record)}".encode())
    session.commit()
    lines.insert(0, f"{cid} {display}")
    lines.append(
        f"Omvärldsbevakning för ämnet {db.topics[topic].name}, region {region}, aspekt {show(aspect)}."
    )
    if aspect not in used:
        others = ", ".join(show(a) for a in used) or "inga"
        lines.append(f"Aspekten är ny för ämnet; de som redan används: {others}.")
    return lines
