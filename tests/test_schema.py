"""The committed JSON Schemas are exactly what the model generates."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator import schemas

from .conftest import REPO


def test_committed_schemas_equal_the_generated_ones() -> None:
    generated = schemas.generate(schemas.read_registers(REPO))
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "schemas").glob("*.schema.json")}
    assert committed == generated, "run 'ffu schema' and commit the result"


def test_schema_descriptions_are_swedish() -> None:
    requirement = schemas.generate()["requirement.schema.json"]
    assert "Kravtexten i enkel Markdown" in requirement
    assert "Stabilt id, till exempel VC-014" in requirement


def test_every_record_names_its_schema_on_the_first_line() -> None:
    db = REPO / "requirements_db"
    for path in sorted(db.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), f"{path}: {schema} does not exist"


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
    return data


def test_the_committed_requirement_schema_lists_exactly_the_registered_topics() -> None:
    topics = YAML(typ="safe").load((REPO / "requirements_db" / "topics.yaml").read_text(encoding="utf-8"))
    requirement = _load("requirement.schema.json")
    items = requirement["properties"]["topics"]["items"]
    assert items["enum"] == [t["id"] for t in topics["topics"]]
    assert items["enumDescriptions"] == [t["name"] for t in topics["topics"]]


def test_chapters_sources_and_regions_are_listed_where_records_name_them() -> None:
    registers = schemas.read_registers(REPO)
    requirement = _load("requirement.schema.json")
    comparison = _load("comparison.schema.json")
    assert requirement["$defs"]["Placement"]["properties"]["chapter"]["enum"] == list(registers.chapters)
    assert requirement["$defs"]["SourceRef"]["properties"]["seed"]["enum"] == list(registers.sources)
    assert comparison["properties"]["region"]["enum"] == list(registers.regions)
    assert comparison["properties"]["topic"]["enum"] == list(registers.topics)
    assert "Region Kronoberg" in registers.regions and "oppettider" in registers.topics


def test_a_topic_added_to_the_register_reaches_the_schema(minimal_project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    assert (
        run_ffu("-C", str(minimal_project), "topic", "add", "sommaroppet", "--name", "Sommaröppet").code == 0
    )
    assert run_ffu("-C", str(minimal_project), "schema").code == 0
    written = json.loads(
        (minimal_project / "schemas" / "requirement.schema.json").read_text(encoding="utf-8")
    )
    items = written["properties"]["topics"]["items"]
    assert items["enum"][-1] == "sommaroppet" and items["enumDescriptions"][-1] == "Sommaröppet"


def test_every_title_shown_on_hover_is_swedish() -> None:
    english = {name.replace("_", " ").title() for name in schemas.FIELD_TITLES}
    english |= set(schemas.MODEL_TITLES)
    # Words that are the same in both languages (Text, Status, Region, Id) say nothing either way.
    english -= {*schemas.FIELD_TITLES.values(), *schemas.MODEL_TITLES.values()}
    assert {"Change", "Placement", "Year Observed"} <= english
    for name in (REPO / "schemas").glob("*.schema.json"):
        titles = re.findall(r'"title": "([^"]*)"', name.read_text(encoding="utf-8"))
        assert titles and not english & set(titles), name.name
    version = _load("requirement.schema.json")["$defs"]["Version"]["properties"]
    assert version["change"]["title"] == "Typ av ändring"


def test_the_pre_commit_hook_writes_the_schemas() -> None:
    hooks = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "entry: .venv/bin/ffu schema" in hooks
