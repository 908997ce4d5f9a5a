"""Show the site on this computer while the writer edits: a static server on 127.0.0.1 that
rebuilds when the project changes and reloads the open pages.

The watcher polls the modification times of the files in requirements_db/, content/ and
templates/ (and mkdocs.yml), which needs nothing beyond the standard library and behaves
the same on every system. A change rebuilds the site into a new folder, which the server
then switches to; until a build succeeds, the last good site stays up. Each HTML page gets
a small script that asks `/__ffu/version` once a second and reloads when the site is new,
and, while the database has errors, a box listing them; the terminal lists them too.
"""

from __future__ import annotations

import html
import http.server
import json
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

WATCHED_FOLDERS = ("requirements_db", "content", "templates")
WATCHED_FILES = ("mkdocs.yml",)
VERSION_PATH = "/__ffu/version"
POLL_SECONDS = 0.4
HTML = "text/html; charset=utf-8"
# Shown until a first build succeeds, with the problems that stop it.
_EMPTY_PAGE = b"<!doctype html><html lang=sv><meta charset=utf-8><title>ffu serve</title><body></body></html>"

# Asks for the site's version once a second and reloads when it changes.
_SCRIPT = """<script>
(function () {
  var version = %d;
  function poll() {
    fetch("%s", {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (d) { if (d.version !== version) { location.reload(); } })
      .catch(function () {})
      .then(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 1000);
})();
</script>"""
_PROBLEMS = (
    '<div role="alert" style="position:fixed;z-index:1000;left:0;right:0;bottom:0;max-height:40vh;'
    "overflow:auto;margin:0;padding:1em;background:#fff3f3;color:#5a0000;border-top:3px solid #b00020;"
    'font:14px/1.4 monospace"><strong>%s</strong><pre style="white-space:pre-wrap;margin:.5em 0 0">%s</pre>'
    "</div>"
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        # One line per request drowns the address the user needs to see.
        return


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every watched file's modification time and size, by path."""
    found: dict[str, tuple[int, int]] = {}
    paths: Iterator[Path] = (
        p for name in WATCHED_FOLDERS if (root / name).is_dir() for p in (root / name).rglob("*")
    )
    for path in [*paths, *(root / name for name in WATCHED_FILES)]:
        try:
            stat = path.stat()
        except OSError:
            continue  # removed while looking, or never there
        if path.is_file():
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


class Preview:
    """The site being shown: the folder of the last good build, its version, and the current problems."""

    def __init__(self, root: Path, work: Path, build: Callable[[Path], str]) -> None:
        self.root = root
        self.work = work
        self.build = build
        self.version = 0
        self.current: Path | None = None
        self.problems: list[str] = []
        self.headline = ""
        self.lock = threading.Lock()

    def rebuild(self) -> bool:
        """Build into a new folder; switch to it when the build succeeds. True when it did."""
        from ..errors import FfuError
        from ..problems import ProblemsFound

        target = self.work / f"site-{self.version + 1}"
        try:
            message = self.build(target)
        except ProblemsFound as exc:
            problems = [str(p) for p in exc.problems]
            headline = f"Databasen har {len(problems)} fel; webbplatsen visar det senaste som gick att bygga."
        except FfuError as exc:
            problems, headline = [str(exc)], "Webbplatsen kunde inte byggas."
        except Exception as exc:  # a long-running preview must outlive a bug in one build
            problems = [f"internt fel ({type(exc).__name__}: {exc}); rapportera felet"]
            headline = "Webbplatsen kunde inte byggas."
        else:
            with self.lock:
                old, self.current = self.current, target
                self.problems, self.headline = [], ""
                self.version += 1
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
            print(message, flush=True)
            return True
        shutil.rmtree(target, ignore_errors=True)
        with self.lock:
            self.problems, self.headline = problems, headline
            self.version += 1
        print(headline, file=sys.stderr)
        for line in problems:
            print(line, file=sys.stderr)
        sys.stderr.flush()
        return False

    def watch(self, stop: threading.Event) -> None:
        """Rebuild whenever a watched file changes, until `stop` is set."""
        seen = snapshot(self.root)
        while not stop.wait(POLL_SECONDS):
            now = snapshot(self.root)
            if now == seen:
                continue
            # An editor may write a file in steps; wait until it has settled.
            while not stop.wait(POLL_SECONDS) and (later := snapshot(self.root)) != now:
                now = later
            seen = now
            print("Ändring upptäckt; bygger om …", flush=True)
            self.rebuild()

    def state(self) -> tuple[int, Path | None, list[str], str]:
        with self.lock:
            return self.version, self.current, list(self.problems), self.headline


def inject(page: bytes, version: int, problems: list[str], headline: str) -> bytes:
    """The page with the reload script, and the problems box while there are problems."""
    extra = _SCRIPT % (version, VERSION_PATH)
    if problems:
        extra = _PROBLEMS % (html.escape(headline), html.escape("\n".join(problems))) + extra
    text = page.decode("utf-8")
    at = text.rfind("</body>")
    at = len(text) if at < 0 else at
    return (text[:at] + extra + text[at:]).encode("utf-8")


class _PreviewHandler(_QuietHandler):
    preview: Preview

    def do_GET(self) -> None:
        version, current, problems, headline = self.preview.state()
        path = unquote(urlsplit(self.path).path)
        if path == VERSION_PATH:
            body = json.dumps({"version": version, "problems": problems}, ensure_ascii=False).encode()
            self._send(200, "application/json; charset=utf-8", body)
            return
        if current is None:
            self._send(503, HTML, inject(_EMPTY_PAGE, version, problems, headline))
            return
        self.directory = str(current)
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            self._send(
                200, "text/html; charset=utf-8", inject(file.read_bytes(), version, problems, headline)
            )
            return
        super().do_GET()

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def make_preview_server(preview: Preview, port: int) -> http.server.ThreadingHTTPServer:
    """A server for the preview's current site, with the reload script in every page.

    Only on 127.0.0.1, so the preview is never visible to the network.
    """
    handler = type("Handler", (_PreviewHandler,), {"preview": preview})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server
