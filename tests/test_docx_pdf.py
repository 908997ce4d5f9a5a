"""LibreOffice opens the FFU and lays it out: converted headless to PDF, read back with pdftotext.

Each test module gets its own LibreOffice profile, so parallel runs never share one.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator import markup
from generator.database import Database
from generator.docx import render_ffu
from generator.docx.pdf import convert_to_pdf
from generator.outline import outline
from generator.pipeline import load_database
from generator.timeline import year_view

from .conftest import FIXTURES, REPO


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def pages(pdf: Path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    match = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert match, info
    return int(match.group(1))


def flat(text: str) -> str:
    return " ".join(text.split())


def convert(db: Database, folder: Path, vardval: str, year: int) -> Path:
    source = folder / f"FFU-{vardval}-{year}.docx"
    source.write_bytes(render_ffu(db, vardval, year, with_comparisons=True))
    return convert_to_pdf(source, folder, profile=folder / "lo-profile", timeout=180)


@pytest.fixture(scope="module")
def fixture_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert(load_database(FIXTURES / "docx"), tmp_path_factory.mktemp("pdf"), "vc", 2025)


@pytest.fixture(scope="module")
def real_db() -> Database:
    return load_database(REPO)


@pytest.fixture(scope="module")
def real_pdf(real_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert(real_db, tmp_path_factory.mktemp("pdf-real"), "vc", 2025)


def test_libreoffice_lays_out_the_fixture_document_over_several_pages(fixture_pdf: Path) -> None:
    assert pages(fixture_pdf) > 1
    text = flat(pdf_text(fixture_pdf))
    for expected in (
        "Förfrågningsunderlag Hälsoval Skåne – Vårdcentral 2025",
        "Del A – Allmänna avsnitt",
        "1 Allmänna villkor",
        "2 Tillgänglighet",
        "2.1 Öppettider",
        "3.1.1 Avdrag vid utebliven rapportering",
        "Från och med den 1 september 2025 gäller:",
        "Vårdcentralen ska ha öppet minst 45 timmar per vecka.",
        "VC-004",
        'Avdrag görs när andelen är < 5 % & "målet" inte nås',
        "Bilaga 1 Frågor och svar 2025",
        "Svar saknas i källan.",
        "Sida 2 av",
    ):
        assert expected in text


def test_libreoffice_shows_every_chapter_and_requirement_of_the_real_vc_2025(
    real_db: Database, real_pdf: Path
) -> None:
    assert pages(real_pdf) > 1
    text = flat(pdf_text(real_pdf))
    view = year_view(real_db, 2025, "vc")
    numbers = outline(view.document)  # the document numbers its chapters continuously
    entries = [e for e in view.entries if e.requirement.part in ("a", "vc")]
    for entry in entries:
        placement = entry.version.placement
        assert placement is not None
        chapter = real_db.chapters[placement.chapter].title
        assert f"{numbers.chapter(entry.requirement.part, placement.section)} {chapter}" in text
        assert entry.id in text
        document, _ = markup.parse(entry.version.text or "")
        opening = " ".join(flat(markup.document_plain_text(document)).split()[:6])
        assert opening in text, f"{entry.id}: {opening!r} saknas i PDF-texten"
