"""The built site from the real database, read as files: links, anchors, banners, marks and escaping."""

from __future__ import annotations

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
from generator.site.build import SiteError, build_site, environment, read_prose
from generator.site.catalog import Catalog
from generator.site.downloads import Download
from generator.site.pages import Site
from generator.synthetic import make_database
from generator.timeline import year_view

from .browser.data import RAW, hostile_database
from .conftest import REPO, Result


class _Text(HTMLParser):
    """The text of a page as a reader sees it, entities decoded, and its <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _read(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


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
    for entry in year_view(db, year).entries:
        page = catalog.location(entry.id, year)
        assert page is not None
        assert f'id="{entry.id}"' in _page(site, page)


def test_each_requirement_links_to_its_history(db: Database, site: Path) -> None:
    page = Catalog(db).location("VC-014", 2026)
    assert page is not None
    assert urls.relative(page, urls.history("VC-014"), "VC-014") in _page(site, page)


def test_current_year_pages_say_they_apply(site: Path) -> None:
    assert "Gällande 2026" in _page(site, urls.ffu(2026, "vc"))


def test_older_year_pages_say_which_year_replaced_them(site: Path) -> None:
    # 2024 was replaced by 2025, not by the year in force today.
    page = _page(site, urls.ffu(2024, "vc"))
    assert "Ersatt av 2025" in page and "Ersatt av 2026" not in page


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


def test_answers_link_to_the_rule_in_force_they_concern_not_its_history(db: Database, site: Path) -> None:
    page = _page(site, urls.meeting("2026-05-07"))
    rule = Catalog(db).location("BMM-001", 2026)
    assert rule is not None
    concerns = page[page.index("<dt>Gäller krav</dt>") :]
    concerns = concerns[: concerns.index("</dd>")]
    assert urls.relative(urls.meeting("2026-05-07"), rule, "BMM-001") in concerns
    assert urls.history("BMM-001").removesuffix(".md") not in concerns


def test_a_requirement_links_to_itself_in_the_other_years_newest_first(db: Database, site: Path) -> None:
    chapter = Catalog(db).location("VC-001", 2026)
    assert chapter is not None
    page = _page(site, chapter)
    links = page[page.index('id="VC-001"') :]
    links = links[links.index('<p class="ffu-req__links">') :]
    links = links[: links.index("</p>")]
    years = re.findall(r'#VC-001">(\d{4})</a>', links)
    assert years == sorted(years, reverse=True) and "2025" in years and "2026" not in years


def test_chapter_pages_link_to_the_comparisons_of_their_topics_and_back(db: Database, site: Path) -> None:
    chapter = Catalog(db).location("BMM-001", 2026)
    assert chapter is not None
    page = _page(site, chapter)
    topic = next(t for t in db.requirements["BMM-001"].topics if t in Catalog(db).comparisons_by_topic)
    assert urls.relative(chapter, urls.comparison_topic(topic)) in page
    back = _page(site, urls.comparison_topic(topic))
    assert urls.relative(urls.comparison_topic(topic), chapter, "BMM-001") in back


def test_every_comparison_page_starts_with_skanes_rule_in_force(db: Database, site: Path) -> None:
    catalog = Catalog(db)
    for topic in catalog.comparison_topics():
        page = _page(site, urls.comparison_topic(topic))
        skane, others = page.index('id="skane"'), page.index('id="andra-regioner"')
        assert skane < others
        in_force = [e.id for e in year_view(db, catalog.home_year).entries if topic in e.requirement.topics]
        section = page[skane:others]
        for requirement_id in in_force:
            assert f'id="skane-{requirement_id}"' in section, (topic, requirement_id)
        if not in_force:
            assert "Inget krav i förfrågningsunderlaget" in section


def test_pages_carry_breadcrumbs_to_their_sections(db: Database, site: Path) -> None:
    chapter = Catalog(db).chapters(2026, "vc")[0].path
    page = _page(site, chapter)
    crumbs = page[page.index('<nav class="ffu-breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    for target in (urls.HOME, urls.FFU_INDEX, urls.ffu_year(2026), urls.ffu(2026, "vc")):
        assert f'href="{urls.relative(chapter, target)}"' in crumbs
    assert 'aria-current="page"' in crumbs


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


def _indexed(site: Path) -> dict[str, str]:
    """The pages Pagefind indexes, with their search rank."""
    found = {}
    for page in site.rglob("*.html"):
        match = re.search(r'data-pagefind-filter="rang(\d):ja"', page.read_text(encoding="utf-8"))
        if match:
            found[page.relative_to(site).as_posix()] = match.group(1)
    return found


def test_superseded_years_are_left_out_of_the_search_index(site: Path) -> None:
    indexed = _indexed(site)
    assert any(page.startswith("ffu/2026/") for page in indexed)
    assert not any(page.startswith("ffu/2024/") for page in indexed)


def test_search_ranks_the_rule_in_force_before_questions_and_history(site: Path) -> None:
    indexed = _indexed(site)
    chapter = urls.output_path(Catalog(load_database(REPO)).chapters(2026, "vc")[0].path)
    assert indexed[chapter] == "1"
    assert indexed[urls.output_path(urls.meeting("2026-05-07"))] == "3"
    assert indexed[urls.output_path(urls.history("VC-001"))] == "4"


def test_writer_guide_is_not_in_readers_search(site: Path) -> None:
    assert urls.output_path(urls.GUIDE) not in _indexed(site)


def test_the_search_index_is_built_in_chunks(site: Path) -> None:
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert list((bundle / "index").glob("*.pf_index"))
    assert list((bundle / "fragment").glob("*.pf_fragment"))
    assert not (site / "search" / "search_index.json").exists()


def test_no_page_hides_a_name_every_template_can_use(db: Database) -> None:
    site = Site(Catalog(db), read_prose(REPO), ())
    shared = set(environment(REPO, site).globals)
    hidden = {page.path: sorted(shared & set(page.context)) for page in site.pages()}
    assert {path: names for path, names in hidden.items() if names} == {}


def test_a_proposal_year_says_it_is_not_decided(tmp_path: Path) -> None:
    synthetic = make_database(n_requirements=20, n_comparisons=4, n_questions=4)
    site = build_site(synthetic, REPO, tmp_path / "site", work_dir=tmp_path / "arbete").site_dir
    assert "Förslag till förfrågningsunderlag 2026" in _page(site, urls.ffu(2026, "vc"))


def test_text_from_the_data_never_reaches_a_page_unescaped(tmp_path: Path) -> None:
    site = build_site(hostile_database(), REPO, tmp_path / "site", work_dir=tmp_path / "arbete").site_dir
    # The open data files hold the texts as written, as data should: no browser renders them.
    data = site / "oppna-data"
    leaks = [
        f"{path.relative_to(site)}: {raw}"
        for path in site.rglob("*")
        if path.suffix in (".html", ".json", ".xml") and not path.is_relative_to(data)
        for raw in RAW
        if raw in path.read_text(encoding="utf-8")
    ]
    assert leaks == []


def test_hand_written_pages_show_quotation_marks_as_written(site: Path) -> None:
    guide = _read(site / urls.output_path(urls.GUIDE)).text
    assert '--title "Startbidrag"' in guide
    assert "&#34;" not in guide and "&#39;" not in guide


def test_every_page_has_a_title_of_its_own(site: Path) -> None:
    titles: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        if path.name != "404.html":
            titles.setdefault(_read(path).title, []).append(path.relative_to(site).as_posix())
    shared = {title: pages for title, pages in titles.items() if len(pages) > 1}
    assert shared == {}


def test_a_page_title_is_its_heading(site: Path) -> None:
    title = _read(site / urls.output_path(urls.changes(2025, 2026, "vc"))).title
    assert title.startswith("Ändringar 2025 → 2026: Vårdcentral - ")


def test_every_table_the_site_compiles_has_a_caption_and_header_cells(site: Path) -> None:
    # content/tillganglighet.md says so. The real texts hold no tables of their own, and the
    # hand-written pages are left out: the statement names their tables as a known gap.
    written = {urls.output_path(page) for page in (urls.GUIDE, urls.ABOUT, urls.ACCESSIBILITY)}
    lacking = []
    for path in sorted(p for p in site.rglob("*.html") if p.relative_to(site).as_posix() not in written):
        for table in re.findall(r"<table>.*?</table>", path.read_text(encoding="utf-8"), re.DOTALL):
            if "<caption>" not in table or "<th " not in table:
                lacking.append(f"{path.relative_to(site)}: {table[:80]}")
    assert lacking == []


def _section(page: str, requirement_id: str, level: int = 2) -> str:
    """The part of a page about one requirement: from its anchor to the next heading of its level."""
    start = page.index(f'id="{requirement_id}"')
    end = page.find(f"<h{level}", start)
    return page[start : end if end > 0 else len(page)]


def test_texts_in_own_words_are_marked_where_requirements_are_shown(db: Database, site: Path) -> None:
    retold, verbatim = db.requirements["VC-001"], db.requirements["VC-002"]
    assert retold.versions[-1].paraphrased and not verbatim.versions[-1].paraphrased
    catalog = Catalog(db)
    for requirement in (retold, verbatim):
        chapter = catalog.location(requirement.id, 2026)
        assert chapter is not None
        section = _section(_page(site, chapter), requirement.id)
        meta = section.split('class="ffu-req__meta">')[1].split("</p>")[0]
        assert ("Återgiven med egna ord" in meta) == requirement.versions[-1].paraphrased
    history = _section(_page(site, urls.history("VC-001")), "VC-001")
    assert history.count("Återgiven med egna ord") == len(retold.versions)
    assert "Markeringarna visar skillnaden mellan återgivningarna" in history
    assert "Återgiven med egna ord" not in _section(_page(site, urls.history("VC-002")), "VC-002")


def test_a_word_diff_between_texts_in_own_words_says_so(site: Path) -> None:
    change = _section(_page(site, urls.changes(2025, 2026, "vc")), "VC-001", level=3)
    assert "<dt>Återgivning</dt><dd>Återgiven med egna ord</dd>" in change
    assert "Markeringarna visar skillnaden mellan återgivningarna" in change
    assert '<div class="ffu-diff"' in change  # the comparison itself stays


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


def test_a_link_to_a_missing_anchor_in_a_hand_written_page_stops_the_build(
    db: Database, tmp_path: Path
) -> None:
    root = _project(tmp_path)
    about = root / "content" / "om.md"
    broken = about.read_text(encoding="utf-8") + "\n[Saknas](index.md#finns-inte)\n"
    about.write_text(broken, encoding="utf-8")
    with pytest.raises(SiteError) as error:
        build_site(db, root, tmp_path / "site", work_dir=tmp_path / "arbete")
    message = str(error.value)
    assert message.startswith("mkdocs kunde inte bygga webbplatsen; varningar från mkdocs (på engelska):")
    assert "finns-inte" in message


def test_ffu_site_takes_both_folders_relative_to_the_folder_it_runs_in(
    run_ffu: Callable[..., Result], tmp_path: Path
) -> None:
    root = _project(tmp_path)
    here = root / "arbetsmapp"
    (here / "filer").mkdir(parents=True)
    (here / "filer" / "FFU-vc-2026.docx").write_bytes(b"PK word")
    result = run_ffu("-C", str(here), "site", "-o", "ut", "--nedladdningar", "filer")
    assert result.code == 0, result.err
    assert (here / "ut" / "nedladdningar" / "FFU-vc-2026.docx").is_file()


def test_ffu_site_refuses_a_downloads_folder_that_does_not_exist(
    run_ffu: Callable[..., Result], tmp_path: Path
) -> None:
    root = _project(tmp_path)
    result = run_ffu("-C", str(root), "site", "--nedladdningar", "dsit")
    assert result.code == 2
    assert "dsit" in result.err and "finns inte" in result.err
    assert "Traceback" not in result.err
    assert not (root / "site").exists()


def test_the_not_found_page_is_swedish_with_relative_links_and_a_search_hint(site: Path) -> None:
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "Sidan finns inte" in page and "Not found" not in page
    assert "sökrutan" in page
    links = re.findall(r'(?:href|src)="([^"]*)"', page)
    assert links and not any(link.startswith("/") for link in links), [x for x in links if x.startswith("/")]


def test_the_writer_guide_is_in_the_footer_not_the_readers_navigation(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    nav = page[
        page.index('<nav class="md-nav md-nav--primary"') : page.index(
            "</nav>", page.index("md-nav--primary")
        )
    ]
    assert "redaktorsguide.html" not in nav
    footer = page[page.index('<footer class="md-footer"') :]
    assert 'href="redaktorsguide.html"' in footer


def test_sources_are_named_by_title_and_publisher_not_file_name(db: Database, site: Path) -> None:
    about = _read(site / urls.output_path(urls.ABOUT)).text
    for source in db.sources.values():
        assert source.title in about and source.publisher in about
        assert source.file not in about


def test_question_headings_are_whole(db: Database, site: Path) -> None:
    page = _read(site / urls.output_path(urls.meeting("2026-05-07"))).text
    for question in db.meetings["2026-05-07"].questions:
        first_line = " ".join(question.question.split("\n")[0].split())
        assert f"Fråga {question.number}: {first_line[:60]}" in " ".join(page.split())
    assert "…" not in "".join(line for line in page.splitlines() if line.startswith("Fråga "))


def test_unanswered_questions_are_flagged_in_the_questions_index(db: Database, site: Path) -> None:
    page = (site / urls.output_path(urls.QUESTIONS_INDEX)).read_text(encoding="utf-8")
    unanswered = [(m, q) for m in db.meetings.values() for q in m.questions if not q.answer]
    assert unanswered
    flagged = page[page.index('id="utan-svar"') :]
    for meeting, question in unanswered:
        assert f'#{urls.question_anchor(meeting.id, question.number)}"' in flagged
    assert flagged.count("Inget svar</span>") == len(unanswered)
