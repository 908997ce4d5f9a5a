"""Write a Database to disk as YAML records, the way writers keep them, for benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.database import Database
from generator.model import Requirement


def _dump(path: Path, schema: str, data: dict[str, Any]) -> None:
    yaml = YAML(typ="safe", pure=False)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(f"# yaml-language-server: $schema={schema}\n")
        yaml.dump(data, out)


def _plain(model: Any) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json", exclude_defaults=True)
    return data


def write_corpus(db: Database, root: Path) -> Path:
    """Write every record of `db` below `root/requirements_db`; return the project root."""
    base = root / "requirements_db"
    registers = {
        "topics.yaml": ("topics", [_plain(t) for t in db.topics.values()]),
        "chapters.yaml": ("chapters", [_plain(c) for c in db.chapters.values()]),
        "years.yaml": ("years", [_plain(y) for y in db.years.values()]),
        "sources.yaml": ("sources", [_plain(s) for s in db.sources.values()]),
    }
    for name, (key, items) in registers.items():
        _dump(base / name, f"../schemas/{key}.schema.json", {key: items})
    # A registered source must exist as a file; the corpus's one says what it is.
    (base / "sources").mkdir(parents=True, exist_ok=True)
    for source in db.sources.values():
        (base / "sources" / source.file).write_text(f"{source.title}.\n", encoding="utf-8")
    for requirement in db.requirements.values():
        _dump(
            base / "requirements" / f"{requirement.id}.yaml",
            "../../schemas/requirement.schema.json",
            _plain(requirement),
        )
    for comparison in db.comparisons.values():
        _dump(
            base / "comparisons" / f"{comparison.id}.yaml",
            "../../schemas/comparison.schema.json",
            _plain(comparison),
        )
    for meeting in db.meetings.values():
        _dump(base / "meetings" / f"{meeting.id}.yaml", "../../schemas/meeting.schema.json", _plain(meeting))
    return root


def write_record(root: Path, requirement: Requirement) -> None:
    """Write one requirement record, as `write_corpus` does."""
    path = root / "requirements_db" / "requirements" / f"{requirement.id}.yaml"
    _dump(path, "../../schemas/requirement.schema.json", _plain(requirement))
