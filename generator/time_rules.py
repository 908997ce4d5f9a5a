"""Rules about dates and status that a single version must follow, as located problems."""

from __future__ import annotations

from collections.abc import Iterator

from .locate import PathPart
from .model import Version


def version_problems(version: Version) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    """Each problem as (path inside the version, Swedish message)."""
    if version.effective_unknown and version.effective is not None:
        yield (
            ("effective_unknown",),
            "ange antingen 'effective' (datumet versionen gäller från) eller 'effective_unknown: true' "
            "(källan anger inget datum), inte båda",
        )
    if not version.year_stated and version.status != "förslag":
        yield (
            ("year_stated",),
            "'year_stated: false' passar bara ett förslag; ett beslut gäller alltid ett bestämt FFU-år",
        )
    if version.corrections and version.status != "beslutad":
        yield (
            ("corrections",),
            "bara en beslutad version kan ha rättelser; ett förslag ändras direkt i texten",
        )
