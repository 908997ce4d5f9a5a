"""JSON Schemas for the record kinds, generated from the model for editors (VS Code's YAML extension).

Beside the model's own rules, a schema knows the project's registers: the fields that
name a topic, a chapter, a source file or a region list the registered values, each
with its Swedish name, so the editor completes them and marks a misspelt one at once.
Every title the editor shows on hover is Swedish. `ffu schema` writes them from the
project's registers, and a test keeps the committed ones equal to the registers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .load import DB_DIR, OPTIONAL_REGISTERS, REGISTERS, parse_yaml, read_text
from .model import (
    ChapterRegister,
    Comparison,
    Fact,
    Meeting,
    RegionRegister,
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
    "regions": (RegionRegister, "Regioner i omvärldsbevakningen"),
}

# The Swedish title of every field and record, shown on hover; a new field needs one here.
FIELD_TITLES = {
    "agenda": "Dagordning",
    "case_number": "Diarienummer",
    "consequences": "Konsekvenser",
    "meeting_date": "Sammanträdesdatum",
    "officer": "Handläggare",
    "comparisons": "Omvärldsuppgifter",
    "end": "Sista dag",
    "period": "Period",
    "start": "Första dag",
    "corrections": "Rättelser",
    "effective_unknown": "Datum saknas i källan",
    "previous_text": "Texten före rättelsen",
    "reason": "Skäl",
    "seals": "Sigill",
    "withdrawn": "Återkallade beslut",
    "year_stated": "Året anges i källan",
    "answer": "Svar",
    "aspect": "Aspekt",
    "body": "Beslutande organ",
    "change": "Typ av ändring",
    "chapter": "Kapitel",
    "chapters": "Kapitel",
    "completed": "Komplettering",
    "date": "Datum",
    "decision": "Beslut",
    "description": "Beskrivning",
    "effective": "Gäller från",
    "figures": "Siffror",
    "file": "Fil",
    "heading": "Rubrik",
    "id": "Id",
    "item": "Punkt",
    "kind": "Typ av krav",
    "label": "Etikett",
    "level": "Nivå",
    "locator": "Plats i källan",
    "motivation": "Motivering",
    "name": "Namn",
    "note": "Kommentar",
    "number": "Nummer",
    "organiser": "Arrangör",
    "paragraph": "Paragraf",
    "paraphrased": "Återgiven med egna ord",
    "part": "Del",
    "placement": "Placering",
    "publisher": "Utgivare",
    "question": "Fråga",
    "questions": "Frågor",
    "region": "Region",
    "regions": "Regioner",
    "requirements": "Krav",
    "rule": "Regel",
    "section": "Avsnitt",
    "seed": "Källfil",
    "sources": "Källor",
    "status": "Status",
    "text": "Text",
    "time": "Tid",
    "title": "Titel",
    "topic": "Ämne",
    "topics": "Ämnen",
    "unit": "Enhet",
    "url": "Webbadress",
    "value": "Värde",
    "vardval": "Vårdval",
    "versions": "Versioner",
    "year": "År",
    "year_observed": "År som uppgiften avser",
    "years": "År",
}
MODEL_TITLES = {
    "AgendaItem": "Punkt på dagordningen",
    "AnswerCompletion": "Kompletterat svar",
    "Chapter": "Kapitel",
    "Correction": "Rättelse",
    "Withdrawal": "Återkallat beslut",
    "DecisionRef": "Beslutsreferens",
    "Fact": "Faktauppgift",
    "FactPeriod": "Period",
    "Figure": "Siffra",
    "Placement": "Placering",
    "Question": "Fråga",
    "Region": "Region",
    "Source": "Källdokument",
    "SourceRef": "Källa",
    "Topic": "Ämne",
    "Version": "Version",
    "Year": "FFU-år",
}
# Which register lists the allowed values of a field, by (record, field).
REGISTER_FIELDS = {
    ("Requirement", "topics"): "topics",
    ("Comparison", "topic"): "topics",
    ("Question", "topics"): "topics",
    ("Fact", "topics"): "topics",
    ("Placement", "chapter"): "chapters",
    ("SourceRef", "seed"): "sources",
    ("Comparison", "region"): "regions",
}


@dataclass(frozen=True)
class Registers:
    """The registered values, each with the Swedish name an editor shows beside it."""

    topics: Mapping[str, str] = field(default_factory=dict)
    chapters: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    regions: Mapping[str, str] = field(default_factory=dict)


def read_registers(root: Path) -> Registers:
    """The project's registers, each as far as it can be read; one with errors gives no list."""
    found: dict[str, Mapping[str, str]] = {}
    db = root / DB_DIR
    for name, kind in {**REGISTERS, **OPTIONAL_REGISTERS}.items():
        text, problem = read_text(db / name, f"{DB_DIR}/{name}")
        if text is None or problem is not None:
            continue
        data, problem = parse_yaml(text, name)
        if problem is not None:
            continue
        try:
            register = SCHEMAS[kind][0].model_validate(data)
        except ValidationError:
            continue
        if isinstance(register, TopicRegister):
            found["topics"] = {t.id: t.name for t in register.topics}
        elif isinstance(register, ChapterRegister):
            found["chapters"] = {c.id: c.title for c in register.chapters}
        elif isinstance(register, SourceRegister):
            found["sources"] = {s.file: s.title for s in register.sources}
        elif isinstance(register, RegionRegister):
            found["regions"] = {r.name: r.name for r in register.regions}
    return Registers(**found)


def generate(registers: Registers | None = None) -> dict[str, str]:
    """File name → JSON text for every schema, deterministic."""
    registers = registers or Registers()
    out: dict[str, str] = {}
    for kind, (model, title) in SCHEMAS.items():
        schema = model.model_json_schema()
        for name, definition in schema.get("$defs", {}).items():
            _localise(name, definition, registers)
        _localise(model.__name__, schema, registers)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}
        out[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def _localise(model: str, schema: dict[str, Any], registers: Registers) -> None:
    """Swedish titles for a record and its fields, and the registered values where a field names one."""
    if model in MODEL_TITLES:
        schema["title"] = MODEL_TITLES[model]
    for name, prop in schema.get("properties", {}).items():
        prop["title"] = FIELD_TITLES[name]
        register = REGISTER_FIELDS.get((model, name))
        if register is None:
            continue
        values: Mapping[str, str] = getattr(registers, register)
        if not values:
            continue
        target = prop["items"] if prop.get("type") == "array" else prop
        target.pop("pattern", None)
        target["enum"] = list(values)
        # Both spellings: VS Code's JSON support and the YAML extension each read one of them.
        target["enumDescriptions"] = list(values.values())
        target["markdownEnumDescriptions"] = list(values.values())


def write(folder: Path, registers: Registers | None = None) -> list[Path]:
    """Write every schema whose text differs; return the paths of all of them."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate(registers).items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
