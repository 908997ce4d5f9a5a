"""The site's feeds and open data: Atom that validates, and JSON and CSV that hold the database."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from generator.database import Database
from generator.diff import compare
from generator.model import VARDVAL
from generator.pipeline import load_database
from generator.site.build import build_site
from generator.timeline import year_view

from .conftest import REPO

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as RFC 4287 3.3 requires for atom:updated.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
FEEDS = ["andringar.xml", *(f"andringar-{v}.xml" for v in VARDVAL)]


@pytest.fixture(scope="module")
def db() -> Database:
    return load_database(REPO)


@pytest.fixture(scope="module")
def site(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("data")
    return build_site(db, REPO, tmp / "site", work_dir=tmp / "arbete").site_dir


def _feed(site: Path, name: str) -> etree._Element:
    return etree.parse(str(site / "feeds" / name)).getroot()  # raises unless well-formed


def _one(element: etree._Element, tag: str) -> etree._Element:
    found = element.findall(ATOM + tag)
    assert len(found) == 1, f"{tag}: {len(found)} st"
    return found[0]


@pytest.mark.parametrize("name", FEEDS)
def test_feed_is_an_atom_feed_with_the_required_elements(site: Path, name: str) -> None:
    feed = _feed(site, name)
    assert feed.tag == ATOM + "feed"
    for tag in ("id", "title", "updated"):
        assert _one(feed, tag).text
    assert RFC3339.match(_one(feed, "updated").text or "")
    assert _one(_one(feed, "author"), "name").text
    assert any(link.get("rel") == "self" for link in feed.findall(ATOM + "link"))
    entries = feed.findall(ATOM + "entry")
    # A vårdval without changes has an empty feed, which is valid Atom; all vårdval have some.
    assert entries or name != "andringar.xml"
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert _one(entry, tag).text
        assert RFC3339.match(_one(entry, "updated").text or "")
        assert [link.get("rel") for link in entry.findall(ATOM + "link")] == ["alternate"]


@pytest.mark.parametrize("name", FEEDS)
def test_feed_ids_are_unique_permanent_iris(site: Path, name: str) -> None:
    feed = _feed(site, name)
    ids = [_one(feed, "id").text] + [_one(e, "id").text for e in feed.findall(ATOM + "entry")]
    assert len(ids) == len(set(ids))
    assert all(re.match(r"^urn:uuid:[0-9a-f-]{36}$", i or "") for i in ids)


def test_feed_of_a_vardval_has_every_change_with_the_date_it_applies_from(site: Path, db: Database) -> None:
    feed = _feed(site, "andringar-vc.xml")
    found = {}
    for entry in feed.findall(ATOM + "entry"):
        title = _one(entry, "title").text or ""
        found[(title.split(" ")[0], title.rsplit("(", 1)[1].rstrip(")"))] = _one(entry, "updated").text
    expected = {}
    years = db.year_numbers()
    for from_year, to_year in itertools.pairwise(years):
        for change in compare(db, from_year, to_year, vardval="vc").changed:
            recorded = change.recorded
            known = recorded is not None and not recorded.effective_unknown
            applies = recorded.effective_date() if recorded is not None and known else dt.date(to_year, 1, 1)
            expected[(change.id, f"{from_year} → {to_year}")] = f"{applies}T00:00:00Z"
    assert found == expected


def test_feed_updated_is_its_newest_entry(site: Path) -> None:
    feed = _feed(site, "andringar.xml")
    newest = max(_one(e, "updated").text or "" for e in feed.findall(ATOM + "entry"))
    assert _one(feed, "updated").text == newest


def test_feed_links_resolve_to_change_pages(site: Path) -> None:
    feed = _feed(site, "andringar-bvc.xml")
    for entry in feed.findall(ATOM + "entry"):
        href = _one(entry, "link").get("href") or ""
        page, anchor = href.split("#")
        target = (site / "feeds" / page).resolve()
        assert target.is_file(), href
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href


def test_open_data_json_holds_every_requirement_with_all_its_versions(site: Path, db: Database) -> None:
    data = json.loads((site / "oppna-data" / "krav.json").read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in data["requirements"]}
    assert set(by_id) == set(db.requirements)
    for requirement_id, requirement in db.requirements.items():
        versions = by_id[requirement_id]["versions"]
        assert [v["year"] for v in versions] == [v.year for v in requirement.versions]
        assert [v.get("text") for v in versions] == [v.text for v in requirement.versions]
        assert all(s["title"] and s["publisher"] for v in versions for s in v["sources"])


def test_open_data_per_year_holds_the_requirements_in_force(site: Path, db: Database) -> None:
    for year in db.year_numbers():
        data = json.loads((site / "oppna-data" / f"ffu-{year}.json").read_text(encoding="utf-8"))
        in_force = {e.id: e for e in year_view(db, year).entries}
        assert data["year"] == year
        assert {r["id"] for r in data["requirements"]} == set(in_force)
        for record in data["requirements"]:
            assert record["version"]["year"] == in_force[record["id"]].version.year
        rows = list(
            csv.DictReader(io.StringIO((site / "oppna-data" / f"ffu-{year}.csv").read_text("utf-8-sig")))
        )
        assert {row["id"] for row in rows} == set(in_force)
        assert all(row["text"] == (in_force[row["id"]].version.text or "") for row in rows)


def test_open_data_page_documents_every_csv_column(site: Path) -> None:
    from generator.site.opendata import CSV_COLUMNS

    page = (site / "oppna-data.html").read_text(encoding="utf-8")
    undocumented = [c for c in CSV_COLUMNS if f"<strong>{c}</strong>" not in page and f"<dt>{c}" not in page]
    assert undocumented == []


@pytest.fixture(scope="module")
def published(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The site built for an address given in $FFU_SITE_URL."""
    tmp = tmp_path_factory.mktemp("publicerad")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FFU_SITE_URL", PUBLISHED)
        yield build_site(db, REPO, tmp / "site", work_dir=tmp / "arbete").site_dir


PUBLISHED = "https://example.org/ffu/"


def test_sitemap_lists_every_page_at_the_configured_address(published: Path) -> None:
    sitemap = etree.parse(str(published / "sitemap.xml")).getroot()
    locations = {e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {PUBLISHED + p.relative_to(published).as_posix() for p in published.rglob("*.html")}
    pages.discard(PUBLISHED + "404.html")
    assert locations == pages


def test_every_page_names_its_canonical_address(published: Path) -> None:
    page = published / "ffu" / "2026" / "vc" / "index.html"
    assert f'<link rel="canonical" href="{PUBLISHED}ffu/2026/vc/index.html">' in page.read_text("utf-8")


def test_feed_links_are_absolute_at_the_configured_address(published: Path) -> None:
    feed = _feed(published, "andringar.xml")
    links = [link.get("href") or "" for link in feed.iter(ATOM + "link")]
    assert links and all(link.startswith(PUBLISHED) for link in links), links


def test_without_an_address_the_sitemap_is_empty_but_links_stay_relative(site: Path) -> None:
    assert "canonical" not in (site / "index.html").read_text("utf-8")
    feed = _feed(site, "andringar.xml")
    assert not any((link.get("href") or "").startswith("http") for link in feed.iter(ATOM + "link"))
