"""The built site from the real database, read as files: links, anchors, banners, marks and escaping."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.database import Database
from generator.pipeline import load_database
from generator.site import urls
from generator.site.build import build_site
from generator.site.catalog import Catalog
from generator.site.downloads import Download
from generator.synthetic import make_database

from .browser.data import RAW, hostile_database
from .conftest import REPO, Result


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def db() -> Database:
    return load_database(REPO)


@pytest.fixture(scope="module")
def site(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("webbplats")
    files = []
    for name in ("FFU-vc-2026.docx", "Förändringar-2025-2026-vc.docx"):
        (tmp / name).write_bytes(b"PK word")
        files.append(Download(name.removesuffix(".docx"), tmp / name, 2026))
    return build_site(db, REPO, tmp / "site", files, work_dir=tmp / "arbete").site_dir


def _page(site: Path, page: str) -> str:
    return (site / urls.output_path(page)).read_text(encoding="utf-8")


def test_every_page_is_in_swedish(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert pages
    assert all('<html lang="sv"' in p.read_text(encoding="utf-8") for p in pages)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    parsed = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, links in parsed.items():
        if page.name == "404.html":
            continue  # served for any missing URL, so the theme gives it absolute links
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in parsed[target].ids:
                broken.append(f"{page.relative_to(site)}: {href} (ankaret saknas)")
    assert broken == []


def test_each_requirement_is_anchored_by_its_id_on_its_chapter_page(db: Database, site: Path) -> None:
    catalog = Catalog(db)
    year = catalog.home_year
    for entry in db.entries(year):
        page = catalog.location(entry.id, year)
        assert page is not None
        assert f'id="{entry.id}"' in _page(site, page)


def test_each_requirement_links_to_its_history(db: Database, site: Path) -> None:
    page = Catalog(db).location("VC-014", 2026)
    assert page is not None
    assert urls.relative(page, urls.history("VC-014"), "VC-014") in _page(site, page)


def test_current_year_pages_say_they_apply(site: Path) -> None:
    assert "Gällande 2026" in _page(site, urls.ffu(2026, "vc"))


def test_older_year_pages_say_what_replaced_them(site: Path) -> None:
    assert "Ersatt av 2026" in _page(site, urls.ffu(2024, "vc"))


def test_history_shows_every_version_with_date_kind_motivation_and_decision(site: Path) -> None:
    page = _page(site, urls.history("VC-001"))
    section = page[page.index('id="VC-001"') : page.index('id="VC-002"')]
    for year in (2024, 2025, 2026):
        assert f'id="VC-001-{year}"' in section
    assert "Gäller från 1 september 2025" in section
    assert "Motivering" in section and "Primärvårdsnämnden" in section and "Källa" in section
    assert "<ins>" in section


def test_change_page_marks_insertions_and_deletions_in_words(site: Path) -> None:
    page = _page(site, urls.changes(2025, 2026, "vc"))
    assert '<ins><span class="ffu-sr">Tillagt: </span>' in page
    assert '<del><span class="ffu-sr">Borttaget: </span>' in page


def test_answers_link_to_the_requirements_they_concern(site: Path) -> None:
    page = _page(site, urls.meeting("2026-05-07"))
    assert urls.relative(urls.meeting("2026-05-07"), urls.history("BMM-001"), "BMM-001") in page


def test_requirements_link_back_to_their_questions(db: Database, site: Path) -> None:
    page = Catalog(db).location("BMM-001", 2026)
    assert page is not None
    anchor = urls.question_anchor("2026-05-07", 1)
    assert urls.relative(page, urls.meeting("2026-05-07"), anchor) in _page(site, page)


def test_dates_are_written_out_in_swedish(site: Path) -> None:
    page = _page(site, urls.meeting("2026-05-07"))
    assert "7 maj 2026" in page
    assert "Kompletterat 12 maj 2026" in page


def test_compensation_shares_are_a_chart_beside_a_table(site: Path) -> None:
    page = _page(site, urls.comparison_topic("ersattningsmodeller"))
    chart = page[page.index('<div class="ffu-chart-pair">') :]
    assert chart.index("<svg") < chart.index("<table>")
    assert 'role="img"' in chart and "Riskjustering för ålder: 95 %" in chart
    assert re.search(r"<th scope=\"row\">Riskjustering för ålder</th><td[^>]*>95 %</td>", chart)


def test_downloads_page_links_the_files_the_build_was_given(site: Path) -> None:
    page = _page(site, urls.DOWNLOADS)
    assert 'href="nedladdningar/FFU-vc-2026.docx"' in page
    assert (site / "nedladdningar" / "Förändringar-2025-2026-vc.docx").is_file()


def test_superseded_years_are_left_out_of_the_search_index(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert any(loc.startswith("ffu/2026/") for loc in locations)
    assert not any(loc.startswith("ffu/2024/") for loc in locations)


def test_search_keeps_ids_whole_and_stems_swedish(site: Path) -> None:
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["sv"]
    assert "stemmer" in config["pipeline"]
    assert not re.compile(config["separator"]).search("VC-014")


def test_a_proposal_year_says_it_is_not_decided(tmp_path: Path) -> None:
    synthetic = make_database(n_requirements=20, n_comparisons=4, n_questions=4)
    site = build_site(synthetic, REPO, tmp_path / "site", work_dir=tmp_path / "arbete").site_dir
    assert "Förslag – ej beslutat" in _page(site, urls.ffu(2026, "vc"))


def test_text_from_the_data_never_reaches_a_page_unescaped(tmp_path: Path) -> None:
    site = build_site(hostile_database(), REPO, tmp_path / "site", work_dir=tmp_path / "arbete").site_dir
    leaks = [
        f"{path.relative_to(site)}: {raw}"
        for path in site.rglob("*")
        if path.suffix in (".html", ".json", ".xml")
        for raw in RAW
        if raw in path.read_text(encoding="utf-8")
    ]
    assert leaks == []


def _project(tmp_path: Path) -> Path:
    """A project folder with the real database, templates and prose, so `ffu site` can run in it."""
    root = tmp_path / "projekt"
    for folder in ("requirements_db", "content", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_ffu_site_builds_the_site(run_ffu: Callable[..., Result], tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = run_ffu("-C", str(root), "site")
    assert result.code == 0, result.err
    assert (root / "site" / "index.html").is_file()
    assert "Webbplatsen byggdes" in result.out


def test_ffu_site_refuses_a_folder_it_did_not_create(run_ffu: Callable[..., Result], tmp_path: Path) -> None:
    root = _project(tmp_path)
    foreign = tmp_path / "annat"
    foreign.mkdir()
    (foreign / "viktigt.txt").write_text("behåll mig", encoding="utf-8")
    result = run_ffu("-C", str(root), "site", "-o", str(foreign))
    assert result.code == 2
    assert "inte har skapats av ffu" in result.err
    assert (foreign / "viktigt.txt").is_file()


def test_building_on_several_cores_writes_the_same_site_as_one_process(db: Database, tmp_path: Path) -> None:
    single = build_site(db, REPO, tmp_path / "en", work_dir=tmp_path / "arbete-en", workers=1).site_dir
    shared = build_site(db, REPO, tmp_path / "två", work_dir=tmp_path / "arbete-två", workers=2).site_dir
    files = sorted(p.relative_to(single) for p in single.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(shared) for p in shared.rglob("*") if p.is_file())
    differ = [f for f in files if (single / f).read_bytes() != (shared / f).read_bytes()]
    assert differ == []
