"""The committed JSON Schemas are exactly what the model generates."""

from __future__ import annotations

from generator import schemas

from .conftest import REPO


def test_committed_schemas_equal_the_generated_ones() -> None:
    generated = schemas.generate()
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
