"""Proposals still being written: a copied text that the writer has not changed yet.

`ffu propose` starts a proposal as a copy of the current text, marked `ändrad`, for the
writer to edit. Until they do, the validator reports that text and placement are the same
as the year before; that is right for `ffu validate` and the pre-commit hook (nothing
unfinished is committed) and for `ffu decide` (nothing unchanged is decided). The other
editing commands must still work meanwhile, so they validate with such versions counted
as `oförändrad`, which is what they are until edited.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..load import RawDatabase, RawFile


def unedited_proposals(raw: RawDatabase) -> Iterator[tuple[RawFile, int]]:
    """Each requirement file and version index whose proposal is still an unchanged copy."""
    for file in raw.files:
        if file.kind != "requirement" or not isinstance(file.data, dict):
            continue
        versions = file.data.get("versions")
        if not isinstance(versions, list):
            continue
        for index in range(1, len(versions)):
            if _unedited(versions[index - 1], versions[index]):
                yield file, index


def _unedited(previous: Any, version: Any) -> bool:
    if not isinstance(previous, dict) or not isinstance(version, dict):
        return False
    return (
        version.get("status") == "förslag"
        and version.get("change") == "ändrad"
        and version.get("text") is not None
        and version.get("text") == previous.get("text")
        and version.get("placement") == previous.get("placement")
    )


def as_unchanged(raw: RawDatabase) -> RawDatabase:
    """The database with every unedited proposal counted as `oförändrad`; texts are untouched."""
    found: dict[str, list[int]] = {}
    for file, index in unedited_proposals(raw):
        found.setdefault(file.path, []).append(index)
    if not found:
        return raw
    files = []
    for file in raw.files:
        if file.path in found:
            data = copy.deepcopy(file.data)
            for index in found[file.path]:
                data["versions"][index]["change"] = "oförändrad"
            file = RawFile(file.path, file.kind, file.text, data)
        files.append(file)
    return replace(raw, files=tuple(files))
