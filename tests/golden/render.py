"""Render the golden outputs of tests/fixtures/docx: the texts that tests/golden/ holds.

Each output is text made to diff well: the Word files' `word/document.xml` pretty-printed, and
the Markdown the site builder writes before mkdocs turns it into HTML. The site's "today"
is pinned by FFU_IDAG; every other date comes from the data.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lxml import etree

from generator.diff import compare
from generator.docx import render_ffu
from generator.pipeline import load_database
from generator.report import render_report
from generator.site.build import write_markdown

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DATABASE = REPO / "tests" / "fixtures" / "docx"
TODAY = "2026-11-30"
# A handful of site pages that show the fixture's requirements, years, changes and topics,
# and none of the hand-written prose in content/, which changes for its own reasons.
SITE_PAGES = (
    "ffu/2025/vc/index.md",
    "ffu/2025/vc/vc-tillganglighet.md",
    "andringar/2024-2025/vc.md",
    "historik/vc-000-049.md",
    "fragor/2025-05-06.md",
    "omvarld/oppettider.md",
)


def document_xml(docx: bytes) -> str:
    """A Word file's main part, one element per line."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@contextmanager
def _today(day: str) -> Iterator[None]:
    previous = os.environ.get("FFU_IDAG")
    os.environ["FFU_IDAG"] = day
    try:
        yield
    finally:
        if previous is None:
            del os.environ["FFU_IDAG"]
        else:
            os.environ["FFU_IDAG"] = previous


def outputs() -> dict[str, str]:
    """Every golden output by its file name under tests/golden/."""
    db = load_database(DATABASE)
    texts = {
        "ffu-vc-2025.document.xml": document_xml(render_ffu(db, "vc", 2025)),
        "rapport-2024-2025.document.xml": document_xml(render_report(db, compare(db, 2024, 2025))),
    }
    with _today(TODAY), tempfile.TemporaryDirectory() as work:
        docs = Path(work) / "docs"
        write_markdown(db, REPO, docs)
        for page in SITE_PAGES:
            texts[f"site/{page}"] = (docs / page).read_text(encoding="utf-8")
    return texts
