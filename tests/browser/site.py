"""A built site opened in headless Chromium: pages, the search box and axe-core."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chromium.webdriver import ChromiumDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from generator.site import urls

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = HERE / "axe_run.js"


class SiteBrowser:
    def __init__(self, driver: WebDriver, base: str) -> None:
        self.driver = driver
        self.base = base

    def open(self, page: str) -> None:
        """Open a page by its Markdown path, e.g. `ffu/2026/vc/index.md`."""
        self.driver.get(self.base + urls.output_path(page))

    def text(self) -> str:
        return str(self.driver.find_element(By.TAG_NAME, "body").text)

    def title(self) -> str:
        return str(self.driver.title)

    @contextlib.contextmanager
    def width(self, pixels: int) -> Iterator[None]:
        """Pages laid out `pixels` wide, as on a phone, until the block ends.

        Set through the DevTools protocol: Chromium will not make a window narrower than 500 px.
        """
        assert isinstance(self.driver, ChromiumDriver)
        height = self.driver.get_window_size()["height"]
        metrics = {"width": pixels, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        try:
            yield
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def inner_width(self) -> int:
        return int(self.driver.execute_script("return window.innerWidth;"))

    def columns(self, selector: str) -> int:
        """How many columns the elements matching `selector` are laid out in."""
        lefts: list[float] = self.driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0]))"
            ".map(e => Math.round(e.getBoundingClientRect().left));",
            selector,
        )
        return len(set(lefts))

    def search(self, query: str, timeout: float = 20) -> list[str]:
        """Type `query` into the search box; the result links as site paths with anchors."""
        self.open(urls.HOME)
        box = self.driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
        box.click()
        box.send_keys(query)
        deadline = time.monotonic() + timeout
        last: list[str] | None = None
        while time.monotonic() < deadline:
            meta = self.driver.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
            links: list[str] = self.driver.execute_script(
                "return Array.from(document.querySelectorAll('.md-search-result a.md-search-result__link'))"
                ".map(a => { const u = new URL(a.href); return u.pathname.slice(1) + u.hash; });"
            )
            # The worker loads the index first; the answer is final once the count is shown twice alike.
            if "sökresultat" in meta and links == last:
                return links
            last = links if "sökresultat" in meta else None
            time.sleep(0.25)
        raise AssertionError(f"sökningen {query!r} gav inget svar inom {timeout} s")

    def overflow(self) -> list[str]:
        """What is wider than it may be: the page itself wider than the window, or a table
        wider than its box, so that columns are cut off or scroll out of sight."""
        found: list[str] = self.driver.execute_script(
            """
            const out = [];
            const doc = document.documentElement;
            if (doc.scrollWidth > window.innerWidth + 1) out.push(`sidan ${doc.scrollWidth} px`);
            const content = document.querySelector('.md-content__inner');
            const edge = content ? content.getBoundingClientRect().right : window.innerWidth;
            for (const table of document.querySelectorAll('.md-content table')) {
              const right = table.getBoundingClientRect().right;
              if (right > edge + 1 && !table.closest('[data-ffu-scroll-cue]')) {
                const name = table.caption ? table.caption.textContent : '';
                out.push(`tabellen "${name}" går ${Math.round(right - edge)} px utanför`);
              }
            }
            return out;
            """
        )
        return found

    def tab_stops(self, count: int) -> list[dict[str, bool]]:
        """Where the first `count` presses of Tab land: in the navigation drawer, or in the page."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        self.driver.execute_script("document.activeElement && document.activeElement.blur(); window.focus();")
        stops = []
        for _ in range(count):
            ActionChains(self.driver).send_keys(Keys.TAB).perform()
            stops.append(
                self.driver.execute_script(
                    "const e = document.activeElement;"
                    "return {in_drawer: !!e.closest('.md-sidebar--primary'),"
                    " in_content: !!e.closest('.md-content'), tag: e.outerHTML.slice(0, 80)};"
                )
            )
        return stops

    def first_marks(self) -> list[str]:
        """The words highlighted in the first search result's excerpt."""
        marks: list[str] = self.driver.execute_script(
            "const a = document.querySelector('.md-search-result a.md-search-result__link');"
            "return a ? Array.from(a.querySelectorAll('mark')).map(m => m.textContent) : [];"
        )
        return marks

    def search_excerpts(self) -> list[str]:
        excerpts: list[str] = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('.md-search-result__article'))"
            ".map(a => a.textContent);"
        )
        return excerpts

    def search_message_from_folder(self, home: Path, query: str, timeout: float = 10) -> str:
        """The search box's answer on the home page opened as a file, not from a web server."""
        self.driver.get(home.as_uri())
        box = self.driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
        box.click()
        box.send_keys(query)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            meta = str(self.driver.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text)
            if "mappen" in meta or "sökresultat" in meta:
                return meta
            time.sleep(0.2)
        raise AssertionError("sökrutan svarade inte när sidan var öppnad från mappen")

    def axe_violations(self) -> list[dict[str, Any]]:
        """WCAG 2.1 A and AA violations that axe-core finds on the open page."""
        assert AXE.is_file(), f"axe-core saknas i {AXE.parent.parent}: kör make setup"
        self.driver.set_script_timeout(60)
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        found: list[dict[str, Any]] = self.driver.execute_async_script(AXE_RUN.read_text(encoding="utf-8"))
        return found

    def script_ran(self) -> bool:
        """Whether any payload of the hostile database set its marker on this page."""
        return bool(self.driver.execute_script("return typeof window.__xss !== 'undefined';"))

    def alert_open(self) -> bool:
        try:
            self.driver.switch_to.alert.dismiss()
        except NoAlertPresentException:
            return False
        return True
