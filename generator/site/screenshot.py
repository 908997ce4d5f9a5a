"""Screenshots of the key pages for the README: `python -m generator.site.screenshot OUTDIR`.

Builds the site from the project's database into a temporary folder, serves it on
localhost and photographs the home page, a chapter page, a change page and a comparison
page with the same headless Chromium the browser tests use.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver

from ..cli import guarded
from ..pipeline import load_database
from ..project import find_root
from . import charts, urls
from .browser import chromium, serve
from .build import SiteError, build_site
from .catalog import Catalog

WIDTH = 1280
MAX_HEIGHT = 2000


def key_pages(catalog: Catalog) -> list[tuple[str, str]]:
    """(file name, page) for each screenshot: the pages a provider opens first."""
    year = catalog.home_year
    shots = [("startsida", urls.HOME)]
    chapters = catalog.chapters(year, "vc")
    if chapters:
        shots.append(("kapitel", chapters[min(1, len(chapters) - 1)].path))
    previous = catalog.previous_year(year)
    if previous is not None:
        shots.append(("andringar", urls.changes(previous, year, "vc")))
    topics = catalog.comparison_topics()
    charted = [t for t in topics if any(charts.chartable(c.figures) for c in catalog.comparisons_by_topic[t])]
    if charted or topics:
        shots.append(("omvarldsbevakning", urls.comparison_topic((charted or topics)[0])))
    return shots


def photograph(driver: WebDriver, url: str, target: Path) -> None:
    """The page from the top, as tall as its content up to MAX_HEIGHT pixels."""
    driver.set_window_size(WIDTH, 900)
    driver.get(url)
    time.sleep(0.3)  # the theme lays out the navigation with a script after load
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(WIDTH, min(int(height) + 120, MAX_HEIGHT))
    time.sleep(0.2)
    driver.save_screenshot(str(target))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("användning: python -m generator.site.screenshot UTMAPP", file=sys.stderr)
        return 2
    return guarded(lambda: _screenshots(Path(args[0])))


def _screenshots(out_dir: Path) -> int:
    root = find_root(Path.cwd())
    db = load_database(root)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ffu-bilder-") as tmp:
        try:
            result = build_site(db, root, Path(tmp) / "site", work_dir=Path(tmp) / "work")
        except SiteError as exc:
            print(f"ffu: {exc}", file=sys.stderr)
            return 1
        with serve(result.site_dir) as base, chromium(WIDTH, 900) as driver:
            for name, page in key_pages(Catalog(db)):
                target = out_dir / f"{name}.png"
                photograph(driver, base + urls.output_path(page), target)
                print(f"skrev {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
