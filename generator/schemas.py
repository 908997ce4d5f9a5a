"""JSON Schemas for the record kinds, generated from the model for editors (VS Code's YAML extension)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .model import (
    ChapterRegister,
    Comparison,
    Fact,
    Meeting,
    Requirement,
    SourceRegister,
    TopicRegister,
    YearRegister,
)

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "requirement": (Requirement, "Krav i förfrågningsunderlaget"),
    "comparison": (Comparison, "Omvärldsbevakning"),
    "meeting": (Meeting, "Dialogmöte med frågor och svar"),
    "fact": (Fact, "Fakta och uppföljning"),
    "topics": (TopicRegister, "Ämnen"),
    "chapters": (ChapterRegister, "Kapitel"),
    "years": (YearRegister, "FFU-år"),
    "sources": (SourceRegister, "Källdokument"),
}


def generate() -> dict[str, str]:
    """File name → JSON text for every schema, deterministic."""
    out: dict[str, str] = {}
    for kind, (model, title) in SCHEMAS.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}
        out[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
