"""Atom feeds of the changes between FFU years: one for all vårdval and one per vårdval.

    site/feeds/andringar.xml             every change, all vårdval
    site/feeds/andringar-<vårdval>.xml   the changes that concern one vårdval

The changes are the year comparisons of `generator.diff` (the same as the change pages and the
nämnd's reports): every requirement that is new, changed or removed from one year to the next.
Everything in a feed comes from the data, dates included, so two builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from ..diff import Change
from ..model import VARDVAL, VARDVAL_NAMES
from . import render_html, urls

ATOM = "http://www.w3.org/2005/Atom"
FEEDS_DIR = "feeds"
AUTHOR = "Hälsoval Skåne – förfrågningsunderlag"
# Entry and feed ids are UUIDs derived from the change, so they never depend on where the site
# is published and stay the same from build to build (RFC 4287 4.2.6: an id never changes).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "ffu:hälsoval-skåne:ändringar")
KIND_TITLES = {"ny": "nytt krav", "ändrad": "ändrad text", "utgår": "utgår"}


def feed_path(vardval: str | None = None) -> str:
    """Where a feed lives, relative to the site root."""
    return f"{FEEDS_DIR}/andringar{'-' + vardval if vardval else ''}.xml"


def feed_title(vardval: str | None = None) -> str:
    scope = f"vårdval {VARDVAL_NAMES[vardval].lower()}" if vardval else "alla vårdval"
    return f"Ändringar i förfrågningsunderlaget, {scope}"


def _id(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


class FeedEntry:
    """One change in one pair of years, with what a feed shows of it."""

    def __init__(self, from_year: int, to_year: int, change: Change, page: str, applies: str) -> None:
        self.from_year = from_year
        self.to_year = to_year
        self.change = change
        self.page = page  # the change page the entry links to
        self.applies = applies  # "Gäller från" as the change page words it

    @property
    def effective(self) -> dt.date:
        """The entry's date: the day the change applies from when the sources give it, else
        1 January of the year it belongs to."""
        recorded = self.change.recorded
        if recorded is not None and not recorded.effective_unknown:
            return recorded.effective_date()
        return dt.date(self.to_year, 1, 1)

    @property
    def key(self) -> str:
        return f"{self.from_year}-{self.to_year}/{self.change.id}"

    def title(self, heading: str) -> str:
        label = KIND_TITLES.get(self.change.kind, self.change.kind)
        status = ", förslag" if self.change.status == "förslag" else ""
        return f"{self.change.id} {heading}: {label}{status} ({self.from_year} → {self.to_year})"

    def summary(self) -> str:
        change = self.change
        if change.kind == "utgår" or change.new is None or not change.new.text:
            return f"Kravet {change.id} utgår i förfrågningsunderlaget för {self.to_year}."
        text = render_html.plain(change.new.text)
        return f"Gäller från {self.applies}. {text}"


def atom(
    entries: Iterable[FeedEntry],
    *,
    vardval: str | None,
    heading_of: dict[str, str],
    site_url: str | None,
    empty_updated: dt.date,
) -> bytes:
    """The Atom document for `entries`, newest first; `empty_updated` dates a feed without any.

    Links are absolute when the site's address is known (`site_url`), else relative to the
    feed's own folder, which feed readers resolve against the feed's address.
    """
    ordered = sorted(entries, key=lambda e: (e.effective, e.to_year, e.change.id), reverse=True)
    own = feed_path(vardval)

    def href(page: str, anchor: str | None = None) -> str:
        if site_url:
            target = site_url.rstrip("/") + "/" + urls.output_path(page)
            return target + (f"#{anchor}" if anchor else "")
        return urls.relative(own, page, anchor)

    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "sv")
    _sub(feed, "id", _id(own))
    _sub(feed, "title", feed_title(vardval))
    newest = max((e.effective for e in ordered), default=empty_updated)
    _sub(feed, "updated", _timestamp(newest))
    author = _sub(feed, "author")
    _sub(author, "name", AUTHOR)
    _sub(
        feed, "link", rel="self", href=(site_url.rstrip("/") + "/" + own) if site_url else own.split("/")[-1]
    )
    _sub(feed, "link", rel="alternate", href=href(urls.CHANGES_INDEX))
    for entry in ordered:
        item = _sub(feed, "entry")
        _sub(item, "id", _id(entry.key))
        _sub(item, "title", entry.title(heading_of.get(entry.change.id, entry.change.id)))
        _sub(item, "updated", _timestamp(entry.effective))
        _sub(item, "link", rel="alternate", href=href(entry.page, entry.change.id))
        _sub(item, "summary", entry.summary())
    document: bytes = etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return document


def all_feeds(
    entries_by_vardval: dict[str, list[FeedEntry]],
    heading_of: dict[str, str],
    site_url: str | None,
    empty_updated: dt.date,
) -> dict[str, bytes]:
    """Every feed by its path: one per vårdval and one with the changes of them all (each
    change once, linked to the change page of the first vårdval it concerns)."""
    feeds = {}
    seen: dict[str, FeedEntry] = {}
    for vardval in VARDVAL:
        entries = entries_by_vardval.get(vardval, [])
        feeds[feed_path(vardval)] = atom(
            entries, vardval=vardval, heading_of=heading_of, site_url=site_url, empty_updated=empty_updated
        )
        for entry in entries:
            seen.setdefault(entry.key, entry)
    feeds[feed_path()] = atom(
        seen.values(), vardval=None, heading_of=heading_of, site_url=site_url, empty_updated=empty_updated
    )
    return feeds
