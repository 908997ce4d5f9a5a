"""What each page of the site says about a year, and the order it lists things in."""

from __future__ import annotations

import dataclasses
import gc
import weakref
from types import MappingProxyType

import pytest

from generator.database import Database
from generator.diff import PARALLEL_FROM_REQUIREMENTS, compare, compare_pairs
from generator.model import Comparison, SourceRef, Status, Topic, Year
from generator.site.catalog import Catalog
from generator.synthetic import make_database
from generator.timeline import year_view

SOURCE = (SourceRef(seed="000_0000000000000000.txt", locator="Syntetiskt underlag"),)


@pytest.fixture(scope="module")
def db() -> Database:
    """Three years, the last one a proposal: 2025 is the current FFU."""
    return make_database(n_requirements=40, n_comparisons=10, n_questions=10)


def _with_years(db: Database, statuses: dict[int, Status]) -> Database:
    years = {y: Year(year=y, status=s) for y, s in statuses.items()}
    return dataclasses.replace(db, years=MappingProxyType(years))


def test_current_year_is_the_latest_decided_year(db: Database) -> None:
    assert Catalog(db).current == 2025


def test_current_year_page_says_it_applies(db: Database) -> None:
    banner = Catalog(db).banner(2025)
    assert (banner.kind, banner.label, banner.short) == ("gallande", "Gällande 2025", "gällande")


def test_older_year_page_says_what_replaced_it(db: Database) -> None:
    banner = Catalog(db).banner(2024)
    assert (banner.kind, banner.label, banner.short) == ("ersatt", "Ersatt av 2025", "ersatt")


def test_later_year_page_says_it_is_a_proposal(db: Database) -> None:
    banner = Catalog(db).banner(2026)
    assert (banner.kind, banner.label, banner.short) == (
        "forslag",
        "Förslag till förfrågningsunderlag 2026",
        "förslag",
    )


def test_without_a_decided_year_every_year_is_a_proposal(db: Database) -> None:
    catalog = Catalog(_with_years(db, {2024: "förslag", 2025: "förslag", 2026: "förslag"}))
    assert catalog.current is None
    assert {catalog.banner(y).kind for y in (2024, 2025, 2026)} == {"forslag"}


def test_del_a_chapters_are_one_page_per_year_for_all_vardval(db: Database) -> None:
    catalog = Catalog(db)
    shared = catalog.chapters(2025, "a")
    assert shared and all(p.path.startswith("ffu/2025/del-a/") for p in shared)
    toc = catalog.toc(2025, "bvc")
    assert toc[0][0] == "a"
    assert {page.path for page, _ in toc[0][1]} <= {p.path for p in shared}


def test_del_a_table_of_contents_lists_every_del_a_requirement(db: Database) -> None:
    catalog = Catalog(db)
    toc = catalog.toc(2025, "a")
    assert [part for part, _ in toc] == ["a"]
    listed = [entry.id for _, chapters in toc for _, entries in chapters for entry in entries]
    assert listed == [entry.id for page in catalog.chapters(2025, "a") for entry in page.entries]


def test_a_catalog_is_freed_once_nothing_refers_to_it(db: Database) -> None:
    catalog = Catalog(db)
    catalog.entries(2025, "vc")
    catalog.chapters(2025, "a")
    catalog.location("VC-000", 2025)
    freed = weakref.ref(catalog)
    del catalog
    gc.collect()
    assert freed() is None


def test_every_requirement_in_force_has_one_chapter_page(db: Database) -> None:
    catalog = Catalog(db)
    for entry in year_view(db, 2025).entries:
        path = catalog.location(entry.id, 2025)
        assert path is not None and path.startswith("ffu/2025/")


def test_topics_are_listed_in_swedish_order(db: Database) -> None:
    names = {"oppet": "Öppettider", "arende": "Ärenden", "avtal": "Avtal", "zon": "Zoner", "ata": "Åtaganden"}
    topics = {t: Topic(id=t, name=n) for t, n in names.items()}
    comparisons = {
        f"OMV-{i:03d}": Comparison(
            id=f"OMV-{i:03d}", topic=t, region="Region Halland", aspect="Krav", rule="Regel.", sources=SOURCE
        )
        for i, t in enumerate(names, start=1)
    }
    swedish = dataclasses.replace(
        db, topics=MappingProxyType(topics), comparisons=MappingProxyType(comparisons)
    )
    ordered = [names[t] for t in Catalog(swedish).comparison_topics()]
    assert ordered == ["Avtal", "Zoner", "Åtaganden", "Ärenden", "Öppettider"]


def test_year_comparisons_on_several_cores_equal_those_of_one_process() -> None:
    large = make_database(n_requirements=PARALLEL_FROM_REQUIREMENTS, n_comparisons=2, n_questions=2)
    pairs = [(2024, 2025), (2025, 2026)]
    shared = compare_pairs(large, pairs)
    assert shared == {pair: compare(large, *pair) for pair in pairs}
