"""Versions carry forward, removals end a requirement, and the model cannot be changed."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator.model import Requirement

SOURCE = [{"seed": "000_9457d6a6039ce02e.txt", "locator": "Fråga 8"}]
PLACE = {"chapter": "vc-tillganglighet", "section": "2.1", "heading": "Öppettider"}


def requirement(*versions: dict[str, object]) -> Requirement:
    return Requirement.model_validate(
        {
            "id": "VC-001",
            "part": "vc",
            "vardval": ["vc"],
            "kind": "tillgänglighet",
            "level": "ska",
            "versions": list(versions),
        }
    )


def version(year: int, text: str | None = "Text.", **extra: object) -> dict[str, object]:
    data: dict[str, object] = {"year": year, "change": "ändrad", "status": "beslutad", "sources": SOURCE}
    if text is not None:
        data |= {"text": text, "placement": PLACE}
    return data | extra


def test_a_year_without_a_version_carries_the_earlier_text_forward() -> None:
    req = requirement(version(2024, "Trettio."), version(2026, "Fyrtiofem."))
    assert req.version_for(2025).text == "Trettio."  # type: ignore[union-attr]
    assert req.version_for(2026).text == "Fyrtiofem."  # type: ignore[union-attr]


def test_a_requirement_does_not_exist_before_its_first_version() -> None:
    assert requirement(version(2025)).version_for(2024) is None


def test_a_removed_requirement_is_gone_from_that_year_on() -> None:
    req = requirement(version(2024), version(2025, None, change="utgår"))
    assert req.version_for(2024) is not None
    assert req.version_for(2025) is None
    assert req.version_for(2026) is None


def test_proposals_can_be_left_out_to_get_the_decided_text() -> None:
    req = requirement(version(2024, "Beslutad."), version(2025, "Föreslagen.", status="förslag"))
    assert req.version_for(2025).text == "Föreslagen."  # type: ignore[union-attr]
    assert req.version_for(2025, proposals=False).text == "Beslutad."  # type: ignore[union-attr]


def test_the_effective_date_defaults_to_the_first_of_january() -> None:
    req = requirement(version(2024), version(2025, effective="2025-09-01"))
    assert req.versions[0].effective_date() == dt.date(2024, 1, 1)
    assert not req.versions[0].is_mid_year()
    assert req.versions[1].is_mid_year()


def test_records_are_immutable() -> None:
    req = requirement(version(2024))
    with pytest.raises(ValidationError):
        req.level = "bör"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        req.versions.append(req.versions[0])  # type: ignore[attr-defined]


def test_a_version_scope_overrides_the_requirement_scope() -> None:
    req = Requirement.model_validate(
        {
            "id": "A-001",
            "part": "a",
            "vardval": ["vc", "bvc"],
            "kind": "allmänna villkor",
            "level": "ska",
            "versions": [version(2024), version(2025, vardval=["vc", "bvc", "bmm"])],
        }
    )
    assert req.scope(req.versions[0]) == ("vc", "bvc")
    assert req.scope(req.versions[1]) == ("vc", "bvc", "bmm")
