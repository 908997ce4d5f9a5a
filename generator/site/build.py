"""Build the website: write the Markdown pages, then let mkdocs turn them into HTML.

    build_site(db, root, out_dir, downloads)
      1. catalog   reverse lookups over the database          (catalog.Catalog)
      2. pages     which pages exist and what each shows       (pages.Site)
      3. markdown  render each page template into the docs folder
      4. mkdocs    `mkdocs build --strict` with the generated navigation, in this process
                   (mkdocs_build.run_mkdocs), or for a large site on every core (parallel)
      5. search    Pagefind indexes the built pages                  (search.build_index)

Steps 1–3 know nothing about mkdocs; the Markdown needs no plugin, only the `toc` and
`attr_list` extensions for heading anchors, so another static builder could take over.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import shutil
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..database import Database
from ..diff import YearDiff
from ..errors import SiteError as SiteError  # re-exported for callers of the builder
from ..model import PART_NAMES, VARDVAL, VARDVAL_NAMES
from ..swedish import format_date, format_number
from ..vocabulary import PROPOSAL_KINDS, YEAR_UNSTATED_NOTE, proposals_intro
from . import charts, render_html, urls
from .breadcrumbs import breadcrumbs
from .catalog import Catalog
from .downloads import Download
from .feeds import all_feeds
from .mkdocs_build import run_mkdocs
from .nav import NavItem, build_nav
from .opendata import open_data_files
from .pages import Prose, Site
from .parallel import build_parallel
from .search import SearchIndexError, build_index

TEMPLATES = Path("templates") / "site"
CONTENT = Path("content")
# Below this much Markdown a single mkdocs process is faster than starting several.
PARALLEL_FROM_BYTES = 4_000_000
LEVELS = {"ska": "Ska-krav", "bör": "Bör-krav (rekommendation)"}


SITE_URL_VARIABLE = "FFU_SITE_URL"


def configured_site_url(root: Path) -> str | None:
    """The address the site is published at: $FFU_SITE_URL, or `site_url` in mkdocs.yml.

    mkdocs.yml reads the same variable, so the sitemap, the canonical links and the feeds'
    absolute links all follow one setting. None when neither says.
    """
    value = os.environ.get(SITE_URL_VARIABLE, "").strip()
    if not value:
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        match = re.search(r"^site_url:[ \t]*([^!\s#][^\s#]*)", config, re.MULTILINE)
        value = match.group(1).strip("\"'") if match else ""
    if not value:
        return None
    return value if value.endswith("/") else value + "/"


@dataclass(frozen=True)
class BuildResult:
    docs_dir: Path
    site_dir: Path
    pages: int
    markdown_seconds: float
    mkdocs_seconds: float
    search_seconds: float = 0.0


def count_text(n: int, one: str, many: str) -> str:
    """'1 fråga', '3 frågor'."""
    return f"{n} {one if n == 1 else many}"


def read_prose(root: Path) -> Prose:
    """The hand-written pages. They are the project's own Markdown, so the templates take them as
    they are: escaping them would turn every quotation mark into an entity."""

    def read(name: str) -> Markup:
        path = root / CONTENT / name
        try:
            return Markup(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise SiteError(f"texten {path.relative_to(root).as_posix()} saknas") from exc

    return Prose(read("hem.md"), read("om.md"), read("tillganglighet.md"), read("redaktorsguide.md"))


def environment(root: Path, site: Site) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root / TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=render_html.md_inline,
        h1=render_html.md_title,
        rich=render_html.rich,
        excerpt=render_html.excerpt,
        plain=render_html.plain,
        diff=render_html.word_diff,
        date=format_date,
        number=format_number,
    )
    env.globals.update(
        urls=urls,
        VARDVAL=VARDVAL,
        VARDVAL_NAMES=VARDVAL_NAMES,
        PART_NAMES=PART_NAMES,
        LEVELS=LEVELS,
        ONE_DAY=dt.timedelta(days=1),
        PROPOSALS_INTRO=proposals_intro,
        YEAR_UNSTATED_NOTE=YEAR_UNSTATED_NOTE,
        PROPOSAL_KINDS=PROPOSAL_KINDS,
        count=count_text,
        chartable=charts.chartable,
        bar_chart=charts.bar_chart,
        count_chart=charts.count_chart,
        **site.globals(),
    )
    return env


def write_markdown(
    db: Database,
    root: Path,
    docs_dir: Path,
    downloads: Sequence[Download] = (),
    diffs: Mapping[tuple[int, int], YearDiff] | None = None,
) -> tuple[Site, int]:
    """Write every page as Markdown into `docs_dir`, which is emptied first; the number of pages.

    `diffs` are year comparisons already made, by pair of years; the rest are made here.
    """
    site = Site(Catalog(db), read_prose(root), downloads, diffs)
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    docs_dir.mkdir(parents=True)
    env = environment(root, site)
    written = 0
    for page in site.pages():
        template = env.get_template(page.template)
        url = functools.partial(urls.relative, page.path)
        text = template.render({**page.context, "url": url})
        # The page's own heading as its <title>: nav labels such as "Vårdcentral" repeat across
        # years, and the theme would otherwise give every such page the same title.
        heading = render_html.heading_text(text)
        if heading is None:
            raise SiteError(f"sidan {page.path} har ingen huvudrubrik (en rad som börjar med ”# ”)")
        title = render_html.title_text(heading)
        trail = breadcrumbs(page.path, title, url)
        text = render_html.front_matter(title, rank=page.search_rank) + trail + text
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    shutil.copytree(root / TEMPLATES / "assets", docs_dir / "assets")
    headings = {r.id: site.heading_of(r) for r in db.requirements.values()}
    generated = {
        # A feed without changes is dated 1 January of the newest year, a date from the data.
        **all_feeds(
            site.feed_entries(), headings, configured_site_url(root), dt.date(site.catalog.years[-1], 1, 1)
        ),
        **open_data_files(db, {year: site.catalog.view(year).entries for year in site.catalog.years}),
    }
    for path, data in generated.items():
        (docs_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (docs_dir / path).write_bytes(data)
    if downloads:
        folder = docs_dir / urls.DOWNLOADS_DIR
        folder.mkdir()
        for download in downloads:
            shutil.copy2(download.path, folder / download.filename)
    return site, written


def mkdocs_workers(docs_dir: Path) -> int:
    """One process for an ordinary site; every core for a large one, where it pays."""
    size = sum(p.stat().st_size for p in docs_dir.rglob("*.md"))
    return min(os.cpu_count() or 1, 4) if size > PARALLEL_FROM_BYTES else 1


def build_html(
    root: Path, docs_dir: Path, out_dir: Path, nav: list[NavItem], workers: int | None = None
) -> None:
    """The mkdocs stage: in this process, or for a large site in `workers` processes at once."""
    workers = workers or mkdocs_workers(docs_dir)
    if workers > 1:
        build_parallel(root, docs_dir, out_dir, nav, workers)
    else:
        run_mkdocs(root, docs_dir, out_dir, nav)


def latest_date(db: Database) -> dt.date:
    """The newest date the data holds: the site is as new as its content, not as its build."""
    dates = [v.effective_date() for r in db.requirements.values() for v in r.versions]
    dates += [y.decision.date for y in db.years.values() if y.decision and y.decision.date]
    for meeting in db.meetings.values():
        dates.append(meeting.date)
        dates += [q.completed.date for q in meeting.questions if q.completed]
    return max(dates, default=dt.date(2000, 1, 1))


@contextmanager
def _build_date(day: dt.date) -> Iterator[None]:
    """mkdocs stamps the build time into sitemap.xml.gz unless SOURCE_DATE_EPOCH says otherwise.

    A date from the data keeps two builds of one commit byte-identical. The variable is set
    for the duration of the build only (worker processes inherit it) and an outside value wins.
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if previous is None:
        stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()
        os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def build_site(
    db: Database,
    root: Path,
    out_dir: Path,
    downloads: Sequence[Download] = (),
    *,
    work_dir: Path | None = None,
    workers: int | None = None,
    diffs: Mapping[tuple[int, int], YearDiff] | None = None,
) -> BuildResult:
    """Build the site for `db` into `out_dir`, using the templates and prose under `root`.

    The Markdown goes to `work_dir/docs` (default `root/build/docs`, where `mkdocs.yml`
    expects it), so a plain `mkdocs build` or `mkdocs serve` works after this too.
    `workers` sets the number of mkdocs processes; by default it follows the site's size.
    """
    docs_dir = (work_dir or root / "build") / "docs"
    started = time.perf_counter()
    site, pages = write_markdown(db, root, docs_dir, downloads, diffs)
    written = time.perf_counter()
    with _build_date(latest_date(db)):
        build_html(root, docs_dir, out_dir, build_nav(site), workers)
    done = time.perf_counter()
    try:
        build_index(out_dir)
    except SearchIndexError as exc:
        raise SiteError(str(exc)) from exc
    indexed = time.perf_counter()
    return BuildResult(docs_dir, out_dir, pages, written - started, done - written, indexed - done)


def describe(result: BuildResult) -> str:
    return (
        f"Webbplatsen byggdes i {result.site_dir}: {result.pages} sidor "
        f"(Markdown {format_number(round(result.markdown_seconds, 1))} s, "
        f"mkdocs {format_number(round(result.mkdocs_seconds, 1))} s, "
        f"sökindex {format_number(round(result.search_seconds, 1))} s)."
    )
