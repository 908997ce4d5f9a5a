"""Screenshots of the key pages for the README: `python -m generator.site.screenshot OUTDIR`.

Builds the site from the project's database into a temporary folder, serves it on
localhost and photographs the home page, a chapter page, a change page, a comparison page and
a search with the same headless Chromium the browser tests use, and the home page and a change
page as on a phone (390 px wide).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from selenium.webdriver.chromium.webdriver import ChromiumDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from ..cli import guarded
from ..pipeline import load_database
from ..project import find_root
from . import charts, urls
from .browser import chromium, serve
from .build import SiteError, build_site
from .catalog import Catalog

WIDTH = 1280
PHONE = 390
MAX_HEIGHT = 2000
# The search shown in the README: what a vårdcentral manager would type.
QUERY = "45 timmar"


def key_pages(catalog: Catalog) -> list[tuple[str, str, int]]:
    """(file name, page, width) for each screenshot: the pages a provider opens first."""
    year = catalog.home_year
    shots = [("startsida", urls.HOME, WIDTH)]
    chapters = catalog.chapters(year, "vc")
    if chapters:
        shots.append(("kapitel", chapters[min(1, len(chapters) - 1)].path, WIDTH))
    previous = catalog.previous_year(year)
    if previous is not None:
        shots.append(("andringar", urls.changes(previous, year, "vc"), WIDTH))
    topics = catalog.comparison_topics()
    charted = [t for t in topics if any(charts.chartable(c.figures) for c in catalog.comparisons_by_topic[t])]
    if charted or topics:
        shots.append(("omvarldsbevakning", urls.comparison_topic((charted or topics)[0]), WIDTH))
    shots.append(("mobil-startsida", urls.HOME, PHONE))
    if previous is not None:
        shots.append(("mobil-andringar", urls.changes(previous, year, "vc"), PHONE))
    return shots


def _size(driver: WebDriver, width: int, height: int) -> None:
    """The page laid out `width` by `height` pixels. Chromium will not make a window narrower
    than 500 px, so a phone's width is set through the DevTools protocol."""
    assert isinstance(driver, ChromiumDriver)
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def photograph(
    driver: WebDriver, url: str, target: Path, width: int = WIDTH, max_height: int = MAX_HEIGHT
) -> None:
    """The page from the top, as tall as its content up to `max_height` pixels."""
    _size(driver, width, 900)
    driver.get(url)
    time.sleep(0.3)  # the theme lays out the navigation with a script after load
    height = driver.execute_script("return document.documentElement.scrollHeight")
    _size(driver, width, min(int(height), max_height))
    time.sleep(0.2)
    driver.save_screenshot(str(target))


def photograph_search(driver: WebDriver, url: str, target: Path) -> None:
    """The search box with the results for QUERY, as a reader sees them."""
    _size(driver, WIDTH, 900)
    driver.get(url)
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.send_keys(QUERY)
    deadline = time.monotonic() + 20
    while "sökresultat" not in driver.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text:
        if time.monotonic() > deadline:
            raise SiteError(f"sökningen {QUERY!r} gav inget svar")
        time.sleep(0.2)
    time.sleep(0.5)
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
            for name, page, width in key_pages(Catalog(db)):
                target = out_dir / f"{name}.png"
                photograph(driver, base + urls.output_path(page), target, width)
                print(f"skrev {target}")
            target = out_dir / "sok.png"
            photograph_search(driver, base + urls.output_path(urls.HOME), target)
            print(f"skrev {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
