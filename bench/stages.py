"""One benchmark stage, run in a process of its own so that its peak memory is its own.

    python -m bench.stages STAGE PROJECT_DIR

Prints one line of JSON: {"seconds": wall time of the stage itself}. Loading the corpus
for a render stage is not timed (it is the load stage's figure) but does count in the
stage's peak memory, since a real run holds the database too.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

from generator.build import build
from generator.database import Database
from generator.diff import compare
from generator.model import VARDVAL
from generator.pipeline import load_database


def _last_year(db: Database) -> int:
    return db.year_numbers()[-1]


def load_and_validate(project: Path) -> Callable[[], object]:
    return lambda: load_database(project)


def load_round_trip(project: Path) -> Callable[[], object]:
    """The naive baseline: every record through ruamel's round-trip loader."""

    def run() -> object:
        yaml = YAML(typ="rt")
        return [yaml.load(p.read_text(encoding="utf-8")) for p in sorted(project.rglob("*.yaml"))]

    return run


def docx_all_vardval(project: Path) -> Callable[[], object]:
    from generator.docx import render_ffu

    db = load_database(project)
    year = _last_year(db)
    return lambda: [render_ffu(db, v, year) for v in VARDVAL]


def docx_one_lxml(project: Path) -> Callable[[], object]:
    from bench.bench_docx import render_lxml

    db = load_database(project)
    return lambda: render_lxml(db, _last_year(db))


def docx_one_python_docx(project: Path) -> Callable[[], object]:
    """The naive baseline: python-docx's paragraph, run, table and cell API."""
    from bench.bench_docx import render_python_docx

    db = load_database(project)
    return lambda: render_python_docx(db, _last_year(db))


def change_report(project: Path) -> Callable[[], object]:
    from generator.report import render_report

    db = load_database(project)
    years = db.year_numbers()
    return lambda: render_report(db, compare(db, years[-2], years[-1]))


def site_markdown(project: Path) -> Callable[[], object]:
    from generator.site.build import write_markdown

    db = load_database(project)
    out = Path(tempfile.mkdtemp(prefix="ffu-bench-md-"))
    return lambda: write_markdown(db, project, out / "docs")


def mkdocs(project: Path) -> Callable[[], object]:
    from generator.site.build import build_html, write_markdown
    from generator.site.nav import build_nav

    db = load_database(project)
    work = Path(tempfile.mkdtemp(prefix="ffu-bench-mkdocs-"))
    site, _ = write_markdown(db, project, work / "docs")
    return lambda: build_html(project, work / "docs", work / "site", build_nav(site))


# The whole-build stages run without the LibreOffice layout pass (`ffu build --utan-pdf`): on
# this corpus each FFU is some 600 pages, which LibreOffice lays out in about a minute, so a
# build with PDFs takes minutes. The pass is measured on its own in the stage 'layout'.
def search_index(project: Path) -> Callable[[], object]:
    """Pagefind over a built site; the site itself is built first, untimed."""
    from generator.site.build import build_html, write_markdown
    from generator.site.nav import build_nav
    from generator.site.search import build_index

    db = load_database(project)
    site, _ = write_markdown(db, project, project / "build" / "docs")
    build_html(project, project / "build" / "docs", project / "site", build_nav(site))
    return lambda: build_index(project / "site")


def search_queries(project: Path) -> list[str]:
    """A reader's queries on the synthetic corpus: common words, two words, an amount, an ID."""
    db = load_database(project)
    requirement = next(r for r in db.requirements.values() if r.part == "vc")
    return ["vårdcentralen", "hälsosamtal öppettider", "250 kr", requirement.id]


def full_build(project: Path) -> Callable[[], object]:
    """`ffu build --utan-pdf` from scratch: no cache and no earlier outputs."""

    def run() -> object:
        for name in ("site", "dist", ".cache"):
            shutil.rmtree(project / name, ignore_errors=True)
        return build(project, layout=False)

    return run


def noop_rebuild(project: Path) -> Callable[[], object]:
    """`ffu build --utan-pdf` again with nothing edited: the previous build is made first, untimed."""
    build(project, layout=False)
    return lambda: build(project, layout=False)


def layout_one(project: Path) -> Callable[[], object]:
    """The layout pass for one vårdval's FFU: LibreOffice's PDF, page numbers into Word, PDF finished."""
    from generator.docx import render_ffu
    from generator.docx.finish import contents_bookmarks, fill_contents, finish_pdf, heading_pages
    from generator.docx.layout import export_pdfs

    db = load_database(project)
    document = render_ffu(db, "vc", _last_year(db))

    def run() -> object:
        (pdf,) = export_pdfs([document])
        return fill_contents(document, heading_pages(pdf, contents_bookmarks(document))), finish_pdf(
            pdf, document
        )

    return run


def edit_rebuild(project: Path) -> Callable[[], object]:
    """`ffu build` after editing one requirement: only what the edit touches is rendered anew."""
    from bench.corpus import write_record

    build(project, layout=False)
    db = load_database(project)
    requirement = next(r for r in db.requirements.values() if r.part == "vc")
    last = requirement.versions[-1]
    edited = requirement.model_copy(
        update={
            "versions": (*requirement.versions[:-1], last.model_copy(update={"text": f"{last.text} Ändrat."}))
        }
    )
    write_record(project, edited)
    return lambda: build(project, layout=False)


STAGES: dict[str, Callable[[Path], Callable[[], object]]] = {
    "load": load_and_validate,
    "load-baseline": load_round_trip,
    "docx": docx_all_vardval,
    "docx-one": docx_one_lxml,
    "docx-baseline": docx_one_python_docx,
    "report": change_report,
    "markdown": site_markdown,
    "mkdocs": mkdocs,
    "search": search_index,
    "build": full_build,
    "noop": noop_rebuild,
    "edit": edit_rebuild,
    "layout": layout_one,
}


def main(argv: list[str]) -> int:
    stage, project = argv[0], Path(argv[1])
    run = STAGES[stage](project)
    # mkdocs logs to stderr; the parent reads only our JSON line from stdout.
    sys.stderr = io.StringIO()
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    figures: dict[str, float] = {"seconds": seconds}
    site = project / "site"
    if stage == "build" and site.is_dir():
        figures["site_bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    if stage == "search":
        from bench.search_download import first_query_bytes

        for query in search_queries(project):
            figures[f"first_query_bytes:{query}"] = first_query_bytes(site, query)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
