"""The site's URL scheme: where each page lives and how one page links to another.

Pages are named by Markdown paths relative to the docs folder (`ffu/2026/vc/vc-bemanning.md`);
the builder turns each into the same path ending in `.html`. Links inside generated HTML are
written here as relative `.html` URLs, so the site works from any folder, from a file system,
and with any builder that maps `x.md` to `x.html`.
"""

from __future__ import annotations

import functools
import posixpath

HOME = "index.md"
FFU_INDEX = "ffu/index.md"
HISTORY_INDEX = "historik/index.md"
COMPARISONS_INDEX = "omvarld/index.md"
QUESTIONS_INDEX = "fragor/index.md"
QUESTIONS_BY_TOPIC = "fragor/amnen.md"
CHANGES_INDEX = "andringar/index.md"
FACTS_INDEX = "fakta/index.md"
DOWNLOADS = "nedladdningar.md"
DOWNLOADS_DIR = "nedladdningar"
ABOUT = "om.md"
ACCESSIBILITY = "tillganglighet.md"
GUIDE = "redaktorsguide.md"
OPEN_DATA = "oppna-data.md"
# The page a web server shows for a missing address. A page of the site rather than the
# theme's template, so it is in Swedish and its links are relative like every other page's.
NOT_FOUND = "404.md"


def ffu_year(year: int) -> str:
    return f"ffu/{year}/index.md"


def ffu(year: int, part: str) -> str:
    """The table of contents of one year's FFU for one vårdval, or of the shared Del A."""
    return f"ffu/{year}/{_folder(part)}/index.md"


def chapter(year: int, part: str, chapter_id: str) -> str:
    """A chapter page. Del A chapters are shared by all vårdval and live in `del-a/`."""
    return f"ffu/{year}/{_folder(part)}/{chapter_id}.md"


def proposals(year: int, part: str) -> str:
    """The undecided proposals of one year's FFU for one vårdval or Del A, apart from the text."""
    return f"ffu/{year}/{_folder(part)}/forslag.md"


def _folder(part: str) -> str:
    return "del-a" if part == "a" else part


# Requirements per history page. Pages group requirements by ID, and IDs never change, so a
# requirement's history URL never changes either; each requirement is an anchor on its page.
HISTORY_BLOCK = 50


def history_block(requirement_id: str) -> tuple[str, int]:
    """The ID prefix and the first number of the history page a requirement is on."""
    prefix, number = requirement_id.split("-")
    return prefix, int(number) // HISTORY_BLOCK * HISTORY_BLOCK


def history_title(requirement_id: str) -> str:
    prefix, start = history_block(requirement_id)
    return f"{prefix}-{start:03d} – {prefix}-{start + HISTORY_BLOCK - 1:03d}"


def history(requirement_id: str) -> str:
    prefix, start = history_block(requirement_id)
    return f"historik/{prefix.lower()}-{start:03d}-{start + HISTORY_BLOCK - 1:03d}.md"


def comparison_topic(topic: str) -> str:
    return f"omvarld/{topic}.md"


def meeting(meeting_id: str) -> str:
    return f"fragor/{meeting_id}.md"


def questions_for_vardval(vardval: str) -> str:
    return f"fragor/vardval-{vardval}.md"


def changes(from_year: int, to_year: int, vardval: str) -> str:
    return f"andringar/{from_year}-{to_year}/{vardval}.md"


def download(filename: str) -> str:
    return f"{DOWNLOADS_DIR}/{filename}"


def question_anchor(meeting_id: str, number: int) -> str:
    return f"fraga-{meeting_id}-{number}"


def version_anchor(requirement_id: str, year: int) -> str:
    return f"{requirement_id}-{year}"


def source_anchor(seed: str) -> str:
    return "kalla-" + seed.removesuffix(".txt")


def output_path(page: str) -> str:
    """The built file of a page: Markdown pages become HTML, other files keep their name."""
    return page[: -len(".md")] + ".html" if page.endswith(".md") else page


def relative(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative URL from one page to another (or to an anchor on the same page)."""
    fragment = f"#{anchor}" if anchor else ""
    if to_page == from_page and anchor:
        return fragment
    return _relative_path(from_page, to_page) + fragment


@functools.lru_cache(maxsize=65536)
def _relative_path(from_page: str, to_page: str) -> str:
    base = posixpath.dirname(output_path(from_page)) or "."
    return posixpath.relpath(output_path(to_page), base)


def aspect_anchor(aspect: str) -> str:
    """The anchor of an aspect on a comparison page: "Öppettider kväll" → "aspekt-oppettider-kvall"."""
    plain = aspect.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return "aspekt-" + "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in plain).split())
