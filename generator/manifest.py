"""What the last build was made from and where it wrote: a build with nothing new stops here.

The manifest in `.cache/ffu/manifest.json` holds the key of the inputs (see `build.input_key`)
and the output folders of the last build that succeeded; `outputs.protected_folders` reads
those folders too, so that no later command writes into them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .outputs import MANIFEST
from .publish import OUTPUT_MARKER


@dataclass(frozen=True)
class Stamp:
    """A build's inputs key and its output settings, as the manifest records them."""

    inputs: str
    outputs: dict[str, str]

    @classmethod
    def of(cls, key: str, site_dir: Path, dist_dir: Path, layout: bool) -> Stamp:
        return cls(key, {"site": str(site_dir), "dist": str(dist_dir), "layout": str(layout)})


def up_to_date(root: Path, stamp: Stamp, folders: Iterable[Path]) -> bool:
    """True when the last build had the same inputs and settings and its outputs are still there."""
    recorded = _read(root / MANIFEST)
    return (
        recorded.get("inputs") == stamp.inputs
        and recorded.get("outputs") == stamp.outputs
        and all((folder / OUTPUT_MARKER).is_file() for folder in folders)
    )


def record(root: Path, stamp: Stamp) -> None:
    """Remember a build that succeeded; written atomically, so a killed build leaves the old one."""
    path = root / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    data = {"inputs": stamp.inputs, "outputs": stamp.outputs}
    temporary.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(temporary, path)


def _read(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
