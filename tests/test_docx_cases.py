"""The FFU for small databases built in code: scope changes during the year, and heading levels.

Each test builds just the requirements its rule needs, so the case is visible in the test.
"""

from __future__ import annotations

import datetime as dt
import io

import docx

from generator.database import Database
from generator.docx import render_ffu
from generator.model import Chapter, Placement, Requirement, SourceRef, Version, Year

from .docx_helpers import id_line

SOURCES = (SourceRef(seed="000_0000000000000000.txt", locator="Testfall"),)
OLD_TEXT = "Mottagningen ska ha öppet vardagar."
NEW_TEXT = "Mottagningen ska ha öppet vardagar och lördagar."
JULY = dt.date(2025, 7, 1)


def version(
    year: int,
    text: str,
    section: str = "1.1",
    *,
    effective: dt.date | None = None,
    vardval: tuple[str, ...] | None = None,
) -> Version:
    chapter = "allmant" if section.startswith("1") else "vc-uppdrag"
    return Version.model_validate(
        {
            "year": year,
            "effective": effective,
            "change": "ny" if year == 2024 else "ändrad",
            "status": "beslutad",
            "placement": Placement(chapter=chapter, section=section, heading=f"Rubrik {section}"),
            "text": text,
            "vardval": vardval,
            "sources": SOURCES,
        }
    )


def requirement(requirement_id: str, vardval: tuple[str, ...], *versions: Version) -> Requirement:
    part = "a" if requirement_id.startswith("A-") else "vc"
    return Requirement.model_validate(
        {
            "id": requirement_id,
            "part": part,
            "vardval": vardval,
            "kind": "basuppdrag",
            "level": "ska",
            "versions": versions,
        }
    )


def database(*requirements: Requirement) -> Database:
    return Database.build(
        requirements=list(requirements),
        comparisons=[],
        meetings=[],
        topics=[],
        chapters=[
            Chapter(id="allmant", part="a", title="Allmänt"),
            Chapter(id="vc-uppdrag", part="vc", title="Uppdrag"),
        ],
        years=[Year(year=year, status="beslutad") for year in (2024, 2025, 2026)],
        sources=[],
        paths={},
    )


def paragraphs(db: Database, vardval: str, year: int = 2025) -> list[str]:
    document = docx.Document(io.BytesIO(render_ffu(db, vardval, year)))
    return [id_line(p) for p in document.paragraphs]


def after(texts: list[str], requirement_id: str, count: int) -> list[str]:
    start = texts.index(requirement_id) + 1
    return texts[start : start + count]


def headings(db: Database, vardval: str = "vc") -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(render_ffu(db, vardval, 2025)))
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading") and p.text[:1].isdigit()
    ]


# A Del A requirement for vc and bvc that, from 1 July 2025, applies to vc only.
NARROWED = requirement(
    "A-001",
    ("vc", "bvc"),
    version(2024, OLD_TEXT),
    version(2025, NEW_TEXT, effective=JULY, vardval=("vc",)),
)
# A Del A requirement for vc and bmm that, from 1 July 2025, applies to every vårdval.
WIDENED = requirement(
    "A-002",
    ("vc", "bmm"),
    version(2024, OLD_TEXT),
    version(2025, NEW_TEXT, effective=JULY, vardval=("vc", "bvc", "bmm", "psykoterapi")),
)


def test_a_vardval_left_mid_year_keeps_the_requirement_until_then() -> None:
    assert after(paragraphs(database(NARROWED), "bvc"), "A-001", 3) == [
        "Till och med den 30 juni 2025 gäller:",
        OLD_TEXT,
        "Från och med den 1 juli 2025 gäller kravet inte längre för barnavårdscentral.",
    ]


def test_a_vardval_left_mid_year_no_longer_has_the_requirement_the_year_after() -> None:
    assert "A-001" not in paragraphs(database(NARROWED), "bvc", 2026)


def test_a_vardval_still_in_scope_sees_the_change_of_text_as_usual() -> None:
    assert after(paragraphs(database(NARROWED), "vc"), "A-001", 4) == [
        "Till och med den 30 juni 2025 gäller:",
        OLD_TEXT,
        "Från och med den 1 juli 2025 gäller:",
        NEW_TEXT,
    ]


def test_a_vardval_added_mid_year_gets_the_requirement_as_new_from_then() -> None:
    texts = paragraphs(database(WIDENED), "bvc")
    assert after(texts, "A-002", 2) == ["Från och med den 1 juli 2025 gäller följande nya krav.", NEW_TEXT]
    assert OLD_TEXT not in texts and not any(t.startswith("Till och med") for t in texts)


def test_a_vardval_in_scope_before_and_after_a_widening_sees_both_texts() -> None:
    assert after(paragraphs(database(WIDENED), "bmm"), "A-002", 4) == [
        "Till och med den 30 juni 2025 gäller:",
        OLD_TEXT,
        "Från och med den 1 juli 2025 gäller:",
        NEW_TEXT,
    ]


def test_a_mid_year_scope_change_that_keeps_the_text_shows_it_once_without_dates() -> None:
    kept = requirement(
        "A-003",
        ("vc", "bvc"),
        version(2024, OLD_TEXT),
        version(2025, OLD_TEXT, effective=JULY, vardval=("vc",)),
    )
    texts = paragraphs(database(kept), "vc")
    assert after(texts, "A-003", 1) == [OLD_TEXT]
    assert texts.count(OLD_TEXT) == 1 and not any(t.startswith("Till och med") for t in texts)


def test_sections_three_deep_without_their_parent_heading_are_heading_3() -> None:
    db = database(
        requirement("VC-001", ("vc",), version(2024, OLD_TEXT, "2.2.1")),
        requirement("VC-002", ("vc",), version(2024, OLD_TEXT, "2.2.2")),
    )
    # The document numbers continuously from chapter 1 (see generator/outline.py).
    assert headings(db) == [
        ("Heading 2", "1 Uppdrag"),
        ("Heading 3", "1.1.1 Rubrik 2.2.1"),
        ("Heading 3", "1.1.2 Rubrik 2.2.2"),
    ]


def test_a_section_three_deep_after_another_sections_heading_is_heading_3() -> None:
    db = database(
        requirement("VC-001", ("vc",), version(2024, OLD_TEXT, "2.1")),
        requirement("VC-002", ("vc",), version(2024, OLD_TEXT, "2.2.1")),
    )
    assert headings(db) == [
        ("Heading 2", "1 Uppdrag"),
        ("Heading 3", "1.1 Rubrik 2.1"),
        ("Heading 3", "1.2.1 Rubrik 2.2.1"),
    ]


def test_a_section_three_deep_under_its_parents_heading_is_heading_4() -> None:
    db = database(
        requirement("VC-001", ("vc",), version(2024, OLD_TEXT, "2.2")),
        requirement("VC-002", ("vc",), version(2024, OLD_TEXT, "2.2.1")),
        requirement("VC-003", ("vc",), version(2024, OLD_TEXT, "2.2.2")),
        requirement("VC-004", ("vc",), version(2024, OLD_TEXT, "2.3.1")),
    )
    assert headings(db) == [
        ("Heading 2", "1 Uppdrag"),
        ("Heading 3", "1.1 Rubrik 2.2"),
        ("Heading 4", "1.1.1 Rubrik 2.2.1"),
        ("Heading 4", "1.1.2 Rubrik 2.2.2"),
        ("Heading 3", "1.2.1 Rubrik 2.3.1"),
    ]
