"""Decided text is sealed: a checksum of what the nämnd decided, stored beside the decision.

`ffu decide` writes one seal per decided version into the year's entry in `years.yaml`;
`ffu validate` (and so the build and the pre-commit hook) refuses a decided version that no
longer matches its seal. The only way to change decided text is `ffu correct`, which records
a rättelse with date and reason and seals the corrected version anew.

Placement (chapter, section, heading) is editorial and not sealed; text, dates, status,
scope and the decision are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Requirement, Version, Year

SEAL_LENGTH = 20


def seal(version: Version) -> str:
    """The seal of a decided version: 20 hex digits of a SHA-256 over what was decided."""
    decision = version.decision
    payload = {
        "year": version.year,
        "change": version.change,
        "status": version.status,
        "effective": version.effective.isoformat() if version.effective else None,
        "effective_unknown": version.effective_unknown,
        "vardval": list(version.vardval) if version.vardval is not None else None,
        "text": version.text,
        "decision": (
            [decision.body, decision.date.isoformat() if decision.date else None, decision.paragraph]
            if decision
            else None
        ),
    }
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:SEAL_LENGTH]


@dataclass(frozen=True)
class SealProblem:
    """A located problem with a seal: which requirement, which year, what is wrong."""

    requirement_id: str | None  # None: the problem is in the year register itself
    year: int
    version_index: int | None
    message: str


def correction_hint(requirement_id: str, year: int) -> str:
    return f'ffu correct {requirement_id} --year {year} --reason "…"'


def check_seals(requirements: list[Requirement], years: dict[int, Year]) -> Iterator[SealProblem]:
    """Every decided version in a sealed year must match its seal, and every seal a decided version."""
    by_id = {r.id: r for r in requirements}
    for year, record in years.items():
        if not record.seals:
            continue  # a year decided before seals existed, or written by hand in a test corpus
        for rid, requirement in by_id.items():
            index, version = next(
                ((i, v) for i, v in enumerate(requirement.versions) if v.year == year), (None, None)
            )
            if version is None or index is None or version.status != "beslutad":
                continue
            expected = record.seals.get(rid)
            if expected is None:
                yield SealProblem(
                    rid,
                    year,
                    index,
                    f"versionen {year} av {rid} är beslutad men saknar sigill i requirements_db/years.yaml; "
                    f"en beslutad version läggs till med 'ffu decide' eller, i efterhand, med "
                    f"'{correction_hint(rid, year)}'",
                )
            elif expected != seal(version):
                yield SealProblem(
                    rid,
                    year,
                    index,
                    f"versionen {year} av {rid} är beslutad, men texten, datumen eller beslutet har ändrats "
                    f"efter beslutet (sigillet i requirements_db/years.yaml stämmer inte); ändra tillbaka, "
                    f"eller registrera ändringen som en rättelse med '{correction_hint(rid, year)}'",
                )
        for rid in record.seals:
            sealed = by_id.get(rid)
            version = next((v for v in sealed.versions if v.year == year), None) if sealed else None
            if version is None or version.status != "beslutad":
                yield SealProblem(
                    None,
                    year,
                    None,
                    f"sigillet för {rid} år {year} hör inte till någon beslutad version: kravet eller "
                    f"versionen har tagits bort eller gjorts om till förslag; återställ den, eller "
                    f"återkalla årets beslut med 'ffu decide {year} --withdraw --reason \"…\"'",
                )
