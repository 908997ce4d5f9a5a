"""What a reader's first search downloads: the built site in headless Chromium, one fresh
browser per query, and a web server that counts the bytes of every file it sends.

    python -m bench.search_download SITE_DIR QUERY...

Prints one line of JSON: {query: bytes of the search files (site/pagefind/) sent for it}.
A fresh browser has nothing cached, so each figure is a new visitor's first query. Counting at
the server sees the search worker's requests too, which the page's own timeline does not.
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selenium.webdriver.common.by import By

from generator.site.browser import chromium

SEARCH_FOLDER = "/pagefind/"


class _Counting(http.server.SimpleHTTPRequestHandler):
    sent: dict[str, int]

    def do_GET(self) -> None:
        super().do_GET()
        target = Path(self.translate_path(self.path))
        if target.is_file():
            path = unquote(urlsplit(self.path).path)
            self.sent[path] = self.sent.get(path, 0) + target.stat().st_size

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def counting_server(folder: Path) -> Iterator[tuple[str, dict[str, int]]]:
    sent: dict[str, int] = {}
    handler = functools.partial(type("Handler", (_Counting,), {"sent": sent}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()


def first_query_bytes(site: Path, query: str, timeout: float = 60) -> int:
    """Bytes of search files a fresh browser downloads to answer `query` typed on the home page."""
    with counting_server(site) as (base, sent), chromium() as driver:
        driver.get(base + "index.html")
        sent.clear()  # the page itself is not the search's download
        box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
        box.click()
        box.send_keys(query)
        deadline = time.monotonic() + timeout
        while "sökresultat" not in driver.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text:
            if time.monotonic() > deadline:
                raise SystemExit(f"sökningen {query!r} gav inget svar inom {timeout:.0f} s")
            time.sleep(0.1)
        time.sleep(0.5)  # excerpts of the listed results arrive just after the count
        return sum(size for path, size in sent.items() if SEARCH_FOLDER in path)


def main(argv: list[str]) -> int:
    site = Path(argv[0])
    print(json.dumps({query: first_query_bytes(site, query) for query in argv[1:]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
