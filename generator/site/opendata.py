"""The database as open data under `site/oppna-data/`, documented on the page oppna-data.md.

    krav.json            every requirement with all its versions, as in requirements_db/
    ffu-<år>.json        one year's FFU: each requirement in force that year with that version
    ffu-<år>.csv         the same as a table, one row per requirement

Field names are the database's own (the JSON schemas in schemas/ describe them); the year files
take the requirements in force from the core's time model (`timeline.year_view`), as the
site and the Word files do. Everything is sorted, and nothing depends on the build, so the bytes are stable.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from ..database import Database
from ..timeline import Standing as Entry

FOLDER = "oppna-data"
CSV_COLUMNS = (
    "id",
    "part",
    "vardval",
    "kind",
    "level",
    "topics",
    "year",
    "state",
    "change",
    "status",
    "effective",
    "chapter",
    "section",
    "heading",
    "text",
    "paraphrased",
    "sources",
)


def all_requirements_path() -> str:
    return f"{FOLDER}/krav.json"


def year_path(year: int, suffix: str) -> str:
    return f"{FOLDER}/ffu-{year}.{suffix}"


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _source_titles(db: Database) -> dict[str, dict[str, str]]:
    return {s.file: {"title": s.title, "publisher": s.publisher} for s in db.sources.values()}


def _sources(db: Database, refs: Iterable[Any]) -> list[dict[str, str]]:
    titles = _source_titles(db)
    return [{"seed": r.seed, "locator": r.locator, **titles.get(r.seed, {})} for r in refs]


def requirements_json(db: Database) -> bytes:
    """Every requirement with every version, in ID order."""
    items = []
    for requirement_id in sorted(db.requirements):
        record = db.requirements[requirement_id].model_dump(mode="json", exclude_none=True)
        for version, dumped in zip(db.requirements[requirement_id].versions, record["versions"], strict=True):
            dumped["sources"] = _sources(db, version.sources)
        items.append(record)
    return _dump({"requirements": items})


def _entry_record(db: Database, entry: Entry) -> dict[str, Any]:
    requirement = entry.requirement
    return {
        "id": entry.id,
        "part": requirement.part,
        "vardval": list(entry.scope),
        "kind": requirement.kind,
        "level": requirement.level,
        "topics": list(requirement.topics),
        "state": entry.state,
        "version": {
            **entry.version.model_dump(mode="json", exclude_none=True),
            "effective": entry.start.isoformat() if entry.start else None,
            "sources": _sources(db, entry.version.sources),
        },
    }


def year_json(db: Database, year: int, entries: Iterable[Entry]) -> bytes:
    record = db.years.get(year)
    return _dump(
        {
            "year": year,
            "status": record.status if record else None,
            "requirements": [_entry_record(db, e) for e in sorted(entries, key=lambda e: e.id)],
        }
    )


def year_csv(db: Database, entries: Iterable[Entry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    titles = _source_titles(db)
    for entry in sorted(entries, key=lambda e: e.id):
        version, requirement = entry.version, entry.requirement
        placement = version.placement
        writer.writerow(
            [
                entry.id,
                requirement.part,
                ";".join(entry.scope),
                requirement.kind,
                requirement.level,
                ";".join(requirement.topics),
                version.year,
                entry.state,
                version.change,
                version.status,
                entry.start.isoformat() if entry.start else "",
                placement.chapter if placement else "",
                placement.section if placement else "",
                placement.heading if placement else "",
                version.text or "",
                "ja" if version.paraphrased else "nej",
                "; ".join(
                    f"{titles.get(r.seed, {}).get('title', r.seed)}, {r.locator}" for r in version.sources
                ),
            ]
        )
    # A byte order mark, so that Excel reads å, ä and ö right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def open_data_files(db: Database, in_force: dict[int, tuple[Entry, ...]]) -> dict[str, bytes]:
    """Every open-data file by its path under the site."""
    files = {all_requirements_path(): requirements_json(db)}
    for year, entries in sorted(in_force.items()):
        files[year_path(year, "json")] = year_json(db, year, entries)
        files[year_path(year, "csv")] = year_csv(db, entries)
    return files
