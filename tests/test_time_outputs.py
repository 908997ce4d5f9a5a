"""Every output takes status, sets and counts from the one time model, so they agree.

Built once from the real content: for every vårdval and year, the Word FFU, the site's table
of contents and the time model hold the same requirements; for every pair of years, the site's
change page, the Word report and the model give the same counts.
"""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from itertools import pairwise
from pathlib import Path

import docx
import pytest
from lxml import etree

from generator.build import build
from generator.database import Database
from generator.diff import KINDS, compare
from generator.docx import file_name
from generator.model import VARDVAL, VARDVAL_NAMES
from generator.pipeline import load_database
from generator.report import default_name
from generator.site import urls
from generator.timeline import year_view
from generator.vocabulary import CATEGORY_LABELS, PROPOSALS_HEADING

from .conftest import REPO
from .docx_helpers import id_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ID = re.compile(r"(A|VC|BVC|BMM|PSY)-[0-9]{3}")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, Path]:
    project = tmp_path_factory.mktemp("tid") / "projekt"
    project.mkdir()
    for name in ("requirements_db", "content", "templates"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    build(project)
    return load_database(project), project


def _word_sets(path: Path) -> tuple[set[str], set[str]]:
    """The requirement ids in a Word FFU's text, and those in its section of undecided proposals."""
    body: set[str] = set()
    proposals: set[str] = set()
    in_proposals = False
    for paragraph in docx.Document(str(path)).paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style == "Heading 1":
            in_proposals = paragraph.text == PROPOSALS_HEADING
        if in_proposals and style == "Heading 2" and ID.match(paragraph.text):
            proposals.add(paragraph.text.split()[0])
        elif not in_proposals and style == "Kravrad":
            body.add(id_line(paragraph))
    return body, proposals


def _page(project: Path, page: str) -> str:
    return (project / "site" / page.replace(".md", ".html")).read_text(encoding="utf-8")


def test_word_site_and_model_hold_the_same_requirements_every_year(built: tuple[Database, Path]) -> None:
    db, project = built
    for year in db.year_numbers():
        for vardval in VARDVAL:
            view = year_view(db, year, vardval)
            shown = {s.id for s in view.document}
            body, proposals = _word_sets(project / "dist" / "ffu" / file_name(vardval, year))
            assert body == shown, (year, vardval)
            assert proposals == {p.id for p in view.proposals}, (year, vardval)
            toc = _page(project, urls.ffu(year, vardval))
            listed = set(re.findall(r'<span class="ffu-id">([A-Z]+-[0-9]{3})</span>', toc))
            assert listed == shown, (year, vardval)


def _page_counts(page: str) -> dict[str, int]:
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="ffu-num"[^>]*>(\d+)</td>', page)
    return {html.unescape(label): int(value) for label, value in rows}


def _report_rows(path: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    rows = {}
    for row in root.iter(f"{W}tr"):
        cells = ["".join(cell.itertext()) for cell in row.iter(f"{W}tc")]
        if cells and cells[0] in ("Totalt", *VARDVAL_NAMES.values()) and cells[0] not in rows:
            rows[cells[0]] = cells[1:]
    return rows


def test_change_pages_reports_and_model_give_the_same_counts(built: tuple[Database, Path]) -> None:
    db, project = built
    years = db.year_numbers()
    for from_year, to_year in pairwise(years):
        full = compare(db, from_year, to_year)
        report = _report_rows(project / "dist" / "rapporter" / default_name(full))
        for vardval in VARDVAL:
            counts = compare(db, from_year, to_year, vardval=vardval).counts()
            page = _page_counts(_page(project, urls.changes(from_year, to_year, vardval)))
            for kind in KINDS:
                assert page[CATEGORY_LABELS[kind]] == counts[kind], (from_year, to_year, vardval, kind)
            row = report[VARDVAL_NAMES[vardval]]
            assert [int(v) for v in row[: len(KINDS)]] == [counts[k] for k in KINDS], (from_year, vardval)


def test_no_undecided_text_stands_on_a_decided_years_chapter_pages(built: tuple[Database, Path]) -> None:
    db, project = built
    for year in db.year_numbers():
        view = year_view(db, year)
        assert not view.open
        chapters = (project / "site" / "ffu" / str(year)).rglob("*.html")
        text = "\n".join(p.read_text(encoding="utf-8") for p in chapters if p.name not in ("forslag.html",))
        for proposal in view.proposals:
            first_line = (proposal.version.text or "").strip().split("\n")[0]
            assert html.escape(first_line, quote=False) not in text, (year, proposal.id)
            assert "Förslag, ej beslutat" not in text


def test_proposals_have_their_own_page_that_says_they_are_not_decided(built: tuple[Database, Path]) -> None:
    _, project = built
    page = _page(project, urls.proposals(2026, "vc"))
    assert "Förslag – ej beslutade" in page and "VC-012" in page and "VC-013" in page


def test_a_title_page_states_only_the_decision_the_database_holds(built: tuple[Database, Path]) -> None:
    _, project = built
    document = docx.Document(str(project / "dist" / "ffu" / file_name("vc", 2026)))
    info = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Dokumentinfo"]
    assert (
        info[0]
        == "Status: beslutat av Primärvårdsnämnden. Källorna anger inte beslutets datum eller paragraf."
    )


def test_no_galler_fran_on_a_date_the_source_does_not_give(built: tuple[Database, Path]) -> None:
    _, project = built
    page = _page(project, urls.chapter(2025, "bvc", "bvc-tillaggsuppdrag"))
    block = page[page.index('id="BVC-008"') :]
    block = block[: block.index("</div>")]
    assert "Gäller från" not in block
    assert "Källan anger inte från vilket datum kravet gäller" in page


def test_the_2024_pages_say_they_were_replaced_by_2025(built: tuple[Database, Path]) -> None:
    _, project = built
    page = _page(project, urls.ffu(2024, "vc"))
    assert "Ersatt av 2025" in page and "Ersatt av 2026" not in page


def test_a_2025_page_links_no_question_from_the_2026_meeting(built: tuple[Database, Path]) -> None:
    _, project = built
    # The navigation lists every meeting; a link to one question carries its anchor.
    pages = list((project / "site" / "ffu" / "2025").rglob("*.html"))
    assert not any("2026-05-07.html#" in p.read_text(encoding="utf-8") for p in pages)
    pages_2026 = (project / "site" / "ffu" / "2026").rglob("*.html")
    assert any("2026-05-07.html#" in p.read_text(encoding="utf-8") for p in pages_2026)


def test_a_replaced_years_chapter_banner_links_to_the_same_chapter_in_the_next_year(
    built: tuple[Database, Path],
) -> None:
    _, project = built
    page = _page(project, urls.chapter(2025, "vc", "vc-tillganglighet"))
    assert (
        'href="../../2026/vc/vc-tillganglighet.html">Läs samma kapitel i förfrågningsunderlaget för 2026'
        in page
    )
