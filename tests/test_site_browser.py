"""The built site in a real browser: search, accessibility (axe-core) and text that must never run.

The site is served with `python -m http.server` on a free port and driven with Debian's
headless Chromium, the way a provider would use it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from generator.database import Database
from generator.pipeline import load_database
from generator.site import urls
from generator.site.browser import chromium, serve
from generator.site.build import build_site, read_prose
from generator.site.catalog import Catalog
from generator.site.pages import Site

from .browser.data import (
    ENTITY_TITLE,
    HOSTILE_REQUIREMENT,
    SCRIPT,
    decimal_database,
    hostile_database,
)
from .browser.site import SiteBrowser
from .conftest import REPO


@pytest.fixture(scope="module")
def db() -> Database:
    return load_database(REPO)


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    with chromium() as chrome:
        yield chrome


@pytest.fixture(scope="module")
def site_dir(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("webbplats")
    return build_site(db, REPO, tmp / "site", work_dir=tmp / "arbete").site_dir


@pytest.fixture(scope="module")
def browser(site_dir: Path, driver: WebDriver) -> Iterator[SiteBrowser]:
    with serve(site_dir) as base:
        yield SiteBrowser(driver, base)


@pytest.fixture(scope="module")
def decimals(tmp_path_factory: pytest.TempPathFactory, driver: WebDriver) -> Iterator[SiteBrowser]:
    """A small site whose requirement in force says "47,5 timmar"."""
    tmp = tmp_path_factory.mktemp("decimaler")
    site = build_site(decimal_database(), REPO, tmp / "site", work_dir=tmp / "arbete").site_dir
    with serve(site) as base:
        yield SiteBrowser(driver, base)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, driver: WebDriver) -> Iterator[SiteBrowser]:
    tmp = tmp_path_factory.mktemp("fientlig")
    site = build_site(hostile_database(), REPO, tmp / "site", work_dir=tmp / "arbete").site_dir
    with serve(site) as base:
        yield SiteBrowser(driver, base)


# -- search ---------------------------------------------------------------------------------------


def test_search_finds_a_requirement_by_its_id_as_written(browser: SiteBrowser) -> None:
    results = browser.search("VC-014")
    assert any(r.endswith("#VC-014") for r in results[:5]), results


def test_search_finds_a_number_with_its_unit(browser: SiteBrowser) -> None:
    results = browser.search("45 timmar")
    assert any(r.endswith("#VC-001") for r in results), results


@pytest.mark.parametrize("word", ["filial", "filialer", "filialen"])
def test_search_finds_inflected_swedish_words(browser: SiteBrowser, word: str) -> None:
    results = browser.search(word)
    assert urls.output_path(urls.comparison_topic("filialer")) in {r.split("#")[0] for r in results}, results


# What a provider types, and the requirements in force that answer it (any one of them first).
BINDING_RULES = {
    "45 timmar": {"VC-001"},
    "öppettider": {"VC-001", "BVC-001", "BMM-002"},
    "VC-001": {"VC-001"},
    "200 barn": {"BVC-006"},
    "lättgynekologi": {"BMM-001", "BMM-003", "BMM-006"},
}


def _in_force_link(db: Database, requirement_id: str) -> str:
    catalog = Catalog(db)
    chapter = catalog.location(requirement_id, catalog.home_year)
    assert chapter is not None
    return f"{urls.output_path(chapter)}#{requirement_id}"


@pytest.mark.parametrize("query", BINDING_RULES)
def test_search_lists_the_current_years_rule_first(browser: SiteBrowser, db: Database, query: str) -> None:
    results = browser.search(query)
    assert results, query
    assert results[0] in {_in_force_link(db, rid) for rid in BINDING_RULES[query]}, results[:5]


def test_search_lists_history_after_the_rule_and_its_questions(browser: SiteBrowser) -> None:
    results = browser.search("45 timmar")
    kinds = [
        "historik" if r.startswith("historik/") else "fråga" if r.startswith("fragor/") else "krav"
        for r in results
        if not r.startswith(("ffu/2026/vc/index", "ffu/2026/index"))
    ]
    assert kinds.index("krav") < kinds.index("fråga") < kinds.index("historik"), results


def test_search_does_not_show_readers_the_writer_guide(browser: SiteBrowser) -> None:
    results = browser.search("ffu propose")
    assert not any(r.startswith(urls.output_path(urls.GUIDE)) for r in results), results


def test_search_highlights_whole_words(browser: SiteBrowser) -> None:
    browser.search("45 timmar")
    assert sorted(set(browser.first_marks())) == ["45", "timmar"]
    browser.search("VC-001")
    assert "VC-001" in browser.first_marks()


def test_search_finds_a_number_with_a_decimal_comma(browser: SiteBrowser) -> None:
    results = browser.search("34,9")
    assert results and results[0].startswith(urls.output_path(urls.comparison_topic("obesitas")))
    assert any("34,9" in text for text in browser.search_excerpts())


def test_search_finds_the_decimal_comma_as_written(decimals: SiteBrowser) -> None:
    results = decimals.search("47,5")
    assert results, results
    assert any("47,5" in text for text in decimals.search_excerpts()[:1]), decimals.search_excerpts()[:2]
    assert "47,5" in decimals.first_marks()


def test_search_from_the_folder_says_why_it_cannot_answer(browser: SiteBrowser, site_dir: Path) -> None:
    message = browser.search_message_from_folder(site_dir / "index.html", "öppettider")
    assert "öppnas direkt från mappen" in message and "ffu serve" in message


# -- accessibility --------------------------------------------------------------------------------


# A phone held upright, and a laptop.
NARROW = 390
WIDE = 1280
# axe runs on this many pages of each kind (all of a kind that has fewer), at both widths.
PER_KIND = 15


def page_kind(path: str) -> str:
    """The kind of a page, by where it lives; content/tillganglighet.md names the kinds."""
    if path == urls.HOME:
        return "startsidan"
    if path.startswith("ffu/"):
        return "innehållsförteckningar" if path.endswith("index.md") else "kapitel"
    if path.startswith("historik/"):
        return "kravhistorik"
    if path.startswith("omvarld/"):
        return "omvärldsbevakning"
    if path.startswith("fragor/"):
        return "frågor och svar"
    if path.startswith("andringar/"):
        return "ändringar"
    if path.startswith("fakta/"):
        return "fakta"
    return "övriga sidor"


def _pages_by_kind(db: Database) -> dict[str, list[str]]:
    """Up to PER_KIND pages of every kind, spread evenly over the kind's pages."""
    site = Site(Catalog(db), read_prose(REPO), ())
    kinds: dict[str, list[str]] = {}
    for page in site.pages():
        kinds.setdefault(page_kind(page.path), []).append(page.path)
    chosen = {}
    for kind, paths in kinds.items():
        step = max(1, len(paths) // PER_KIND)
        chosen[kind] = paths[::step][:PER_KIND]
    return chosen


PAGES_BY_KIND = _pages_by_kind(load_database(REPO))


def _serious(browser: SiteBrowser) -> list[dict[str, object]]:
    return [v for v in browser.axe_violations() if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("kind", sorted(PAGES_BY_KIND))
def test_no_page_of_a_kind_has_serious_or_critical_accessibility_violations(
    browser: SiteBrowser, kind: str
) -> None:
    found = {}
    for width in (WIDE, NARROW):
        with browser.width(width):
            for page in PAGES_BY_KIND[kind]:
                browser.open(page)
                assert browser.inner_width() == width
                violations = _serious(browser)
                if violations:
                    found[f"{page} ({width} px)"] = [(v["id"], v["nodes"]) for v in violations]
    assert found == {}


def test_every_kind_is_checked_on_fifteen_pages_or_all_it_has(db: Database) -> None:
    site = Site(Catalog(db), read_prose(REPO), ())
    counts: dict[str, int] = {}
    for page in site.pages():
        counts[page_kind(page.path)] = counts.get(page_kind(page.path), 0) + 1
    assert {k: len(v) for k, v in PAGES_BY_KIND.items()} == {k: min(n, PER_KIND) for k, n in counts.items()}


@pytest.mark.parametrize("kind", ["omvärldsbevakning", "ändringar", "innehållsförteckningar"])
def test_no_page_is_wider_than_the_screen_or_hides_table_columns(
    browser: SiteBrowser, db: Database, kind: str
) -> None:
    site = Site(Catalog(db), read_prose(REPO), ())
    pages = [p.path for p in site.pages() if page_kind(p.path) == kind]
    wide = {}
    for width in (WIDE, NARROW):
        with browser.width(width):
            for page in pages:
                browser.open(page)
                overflow = browser.overflow()
                if overflow:
                    wide[f"{page} ({width} px)"] = overflow
    assert wide == {}


def test_the_closed_navigation_drawer_is_out_of_the_tab_order(browser: SiteBrowser, db: Database) -> None:
    chapter = Catalog(db).chapters(2026, "vc")[0].path
    with browser.width(NARROW):
        browser.open(chapter)
        stops = browser.tab_stops(12)
    assert not any(stop["in_drawer"] for stop in stops), stops
    assert any(stop["in_content"] for stop in stops), stops


def test_home_page_shows_this_years_ffu_for_every_vardval_on_a_phones_first_screen(
    browser: SiteBrowser,
) -> None:
    with browser.width(NARROW):
        browser.open(urls.HOME)
        bottoms: list[float] = browser.driver.execute_script(
            "return Array.from(document.querySelectorAll('.ffu-cards a'))"
            ".map(a => a.getBoundingClientRect().bottom);"
        )
        screen = int(browser.driver.execute_script("return window.innerHeight;"))
    assert len(bottoms) == 4
    assert max(bottoms) <= screen, (bottoms, screen)


def test_search_dialog_opens_from_the_header_on_a_phone(browser: SiteBrowser) -> None:
    with browser.width(NARROW):
        browser.open(urls.HOME)
        browser.driver.find_element(By.CSS_SELECTOR, "label.md-header__button[for='__search']").click()
        box = browser.driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
        deadline = time.monotonic() + 3  # the theme slides the box in
        while not box.is_displayed() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert box.is_displayed()
        assert browser.driver.switch_to.active_element == box


def test_home_page_cards_stack_in_one_column_on_a_narrow_screen(browser: SiteBrowser) -> None:
    browser.open(urls.HOME)
    assert browser.columns(".ffu-cards > li") == 2
    with browser.width(NARROW):
        browser.open(urls.HOME)
        assert browser.columns(".ffu-cards > li") == 1


# -- text from the data never runs ----------------------------------------------------------------


def _hostile_pages() -> list[str]:
    db = hostile_database()
    catalog = Catalog(db)
    requirement = db.requirements[HOSTILE_REQUIREMENT]
    meeting = next(iter(db.meetings.values()))
    topic = requirement.topics[0]
    chapter = catalog.location(HOSTILE_REQUIREMENT, catalog.home_year)
    assert chapter is not None
    return [
        urls.HOME,
        chapter,
        urls.history(HOSTILE_REQUIREMENT),
        urls.meeting(meeting.id),
        urls.QUESTIONS_BY_TOPIC,
        urls.comparison_topic(topic),
        urls.changes(2025, 2026, "vc"),
        urls.COMPARISONS_INDEX,
        urls.FACTS_INDEX,
    ]


@pytest.mark.parametrize("page", _hostile_pages())
def test_script_in_the_data_does_not_run(hostile: SiteBrowser, page: str) -> None:
    hostile.open(page)
    assert not hostile.alert_open()
    assert not hostile.script_ran()


def _hostile_titled_pages() -> list[str]:
    db = hostile_database()
    topic = db.requirements[HOSTILE_REQUIREMENT].topics[0]
    return [urls.meeting(next(iter(db.meetings))), urls.comparison_topic(topic)]


@pytest.mark.parametrize("page", _hostile_titled_pages())
def test_an_encoded_tag_in_a_page_title_stays_text(hostile: SiteBrowser, page: str) -> None:
    hostile.open(page)
    assert not hostile.alert_open()
    assert not hostile.script_ran()
    assert ENTITY_TITLE in hostile.title()


def test_script_in_an_answer_is_shown_as_text(hostile: SiteBrowser) -> None:
    meeting = next(iter(hostile_database().meetings.values()))
    hostile.open(urls.meeting(meeting.id))
    assert f"Får vi {SCRIPT} skriva så?" in hostile.text()


def test_searching_hostile_text_runs_nothing(hostile: SiteBrowser) -> None:
    results = hostile.search("klicka")
    assert results
    assert not hostile.alert_open()
    assert not hostile.script_ran()


def test_following_a_link_from_hostile_text_goes_nowhere(hostile: SiteBrowser) -> None:
    meeting = next(iter(hostile_database().meetings.values()))
    hostile.open(urls.meeting(meeting.id))
    links = hostile.driver.execute_script(
        "return Array.from(document.querySelectorAll('a')).filter(a => a.protocol === 'javascript:').length;"
    )
    assert links == 0
