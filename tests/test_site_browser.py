"""The built site in a real browser: search, accessibility (axe-core) and text that must never run.

The site is served with `python -m http.server` on a free port and driven with Debian's
headless Chromium, the way a provider would use it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from generator.database import Database
from generator.pipeline import load_database
from generator.site import urls
from generator.site.browser import chromium, serve
from generator.site.build import build_site
from generator.site.catalog import Catalog

from .browser.data import ENTITY_TITLE, HOSTILE_REQUIREMENT, SCRIPT, hostile_database
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
def browser(
    db: Database, tmp_path_factory: pytest.TempPathFactory, driver: WebDriver
) -> Iterator[SiteBrowser]:
    tmp = tmp_path_factory.mktemp("webbplats")
    site = build_site(db, REPO, tmp / "site", work_dir=tmp / "arbete").site_dir
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


# -- accessibility --------------------------------------------------------------------------------


# Every kind of page, generated and hand-written; content/tillganglighet.md lists them.
KEY_PAGES = [
    "startsidan",
    "en kapitelsida",
    "en historiksida",
    "en jämförelsesida",
    "en sida med frågor och svar",
    "en ändringssida",
    "faktasidan",
    "redaktörsguiden",
    "sidan om webbplatsen",
    "tillgänglighetsredogörelsen",
]
# A phone held upright: the cards and the theme's layout change below 40em (640 px).
NARROW = 400


def _key_pages(db: Database) -> dict[str, str]:
    catalog = Catalog(db)
    year = catalog.home_year
    chapter = catalog.chapters(year, "vc")[0].path
    previous = catalog.previous_year(year)
    assert previous is not None
    return {
        "startsidan": urls.HOME,
        "en kapitelsida": chapter,
        "en historiksida": urls.history("VC-001"),
        "en jämförelsesida": urls.comparison_topic("ersattningsmodeller"),
        "en sida med frågor och svar": urls.meeting(max(db.meetings)),
        "en ändringssida": urls.changes(previous, year, "vc"),
        "faktasidan": urls.FACTS_INDEX,
        "redaktörsguiden": urls.GUIDE,
        "sidan om webbplatsen": urls.ABOUT,
        "tillgänglighetsredogörelsen": urls.ACCESSIBILITY,
    }


def _serious(browser: SiteBrowser) -> list[dict[str, object]]:
    return [v for v in browser.axe_violations() if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", KEY_PAGES)
def test_page_has_no_serious_or_critical_accessibility_violations(
    browser: SiteBrowser, db: Database, name: str
) -> None:
    browser.open(_key_pages(db)[name])
    assert _serious(browser) == []


@pytest.mark.parametrize("name", ["startsidan", "en kapitelsida", "redaktörsguiden"])
def test_page_on_a_narrow_screen_has_no_serious_or_critical_accessibility_violations(
    browser: SiteBrowser, db: Database, name: str
) -> None:
    with browser.width(NARROW):
        browser.open(_key_pages(db)[name])
        assert browser.inner_width() == NARROW
        assert _serious(browser) == []


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
