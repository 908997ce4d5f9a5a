"""`mkdocs build` on every core, for sites too large to build in one process in good time.

mkdocs builds one page after another. Here each worker builds the whole site, but only its
share of the pages is real: the others are stubs with the same title and first heading, so
that the navigation, which names pages by them, comes out identical in every build. The real
pages of every share are then gathered into one site; Pagefind indexes the merged site afterwards.
The result is the site a single `mkdocs build` would write, in a fraction of the time.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import urls
from .mkdocs_build import run_mkdocs
from .render_html import front_matter


def _stub(text: str) -> str:
    """A page with the same title, headings and anchors as `text`, and nothing to index.

    The title and first heading keep the navigation identical in every build. Every heading
    and every `id` stays too: a link from a real page to an anchor on a stub (`om.md#kallor`,
    `#VC-001`) is checked by mkdocs under --strict, which needs the anchor to exist.
    """
    from mkdocs.utils.meta import get_data

    body, meta = get_data(text)
    headings = []
    fenced = False
    for line in body.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            headings.append(line + "\n\n")
    anchors = "".join(f'<span id="{anchor}"></span>' for anchor in re.findall(r'\bid="([^"]+)"', body))
    # The title in the front matter was made safe when the page was written.
    return front_matter(Markup(meta.get("title", "")), rank=None) + "".join(headings) + anchors + "\n"


def _shares(docs_dir: Path, pages: Sequence[str], workers: int) -> list[list[str]]:
    """Pages dealt out so that each share holds about the same amount of Markdown."""
    shares: list[list[str]] = [[] for _ in range(workers)]
    sizes = [0] * workers
    for page in sorted(pages, key=lambda p: (docs_dir / p).stat().st_size, reverse=True):
        lightest = sizes.index(min(sizes))
        shares[lightest].append(page)
        sizes[lightest] += (docs_dir / page).stat().st_size
    return shares


def _docs_for(docs_dir: Path, target: Path, share: set[str], pages: Sequence[str]) -> None:
    """A copy of the docs folder (hard links, so it costs nothing) with the other pages as stubs."""
    shutil.copytree(docs_dir, target, copy_function=os.link)
    for page in pages:
        if page not in share:
            stub = target / page
            text = _stub(stub.read_text(encoding="utf-8"))
            stub.unlink()  # a new file: writing through the link would change the original
            stub.write_text(text, encoding="utf-8")


def _build(job: tuple[Path, Path, Path, list[Any]]) -> None:
    run_mkdocs(*job)


def build_parallel(root: Path, docs_dir: Path, site_dir: Path, nav: list[Any], workers: int) -> None:
    """Build the Markdown pages in `docs_dir` into `site_dir` with `workers` processes."""
    pages = [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")]
    shares = _shares(docs_dir, pages, workers)
    with tempfile.TemporaryDirectory(prefix="ffu-mkdocs-", dir=docs_dir.parent) as tmp:
        jobs = []
        for n, share in enumerate(shares):
            part_docs = Path(tmp) / f"docs-{n}"
            _docs_for(docs_dir, part_docs, set(share), pages)
            jobs.append((root, part_docs, site_dir if n == 0 else Path(tmp) / f"site-{n}", nav))
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            list(pool.map(_build, jobs))
        for (_, _, built, _), share in zip(jobs[1:], shares[1:], strict=True):
            for page in share:
                output = urls.output_path(page)
                shutil.copy2(built / output, site_dir / output)
