"""`ffu serve` as a writer uses it: edit a requirement, and the page shows the new text within seconds.

The server runs as its own process on the real content, and the test reads the page over
HTTP on 127.0.0.1 as a browser would, polling until the rebuilt site is served.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import REPO

# VC-012, a proposal for 2026: a decided text is sealed, and an edit to it would be an error.
PAGE = "/ffu/2026/vc/forslag.html"
TEXT = "Vårdcentralen ska ha två läkare, minst 150"
WAIT_SECONDS = 90  # an upper bound on a shared machine, not a timing assertion


@dataclass
class Server:
    root: Path
    process: subprocess.Popen[str]
    base: str = ""
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return str(response.read().decode("utf-8"))

    def wait_for(self, path: str, found: str) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                page = self.get(path)
            except urllib.error.HTTPError as exc:
                page = exc.read().decode("utf-8")
            if found in page:
                return page
            time.sleep(0.5)
        raise AssertionError(f"{found!r} never appeared at {path}; terminal: {self.out[-5:]} {self.err[-5:]}")


def _read(stream: object, into: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.append(line.rstrip("\n"))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    root = tmp_path / "projekt"
    root.mkdir()
    for name in ("requirements_db", "content", "templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(root), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    running = Server(root, process)
    threading.Thread(target=_read, args=(process.stdout, running.out), daemon=True).start()
    threading.Thread(target=_read, args=(process.stderr, running.err), daemon=True).start()
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not running.base and time.monotonic() < deadline and process.poll() is None:
            for line in running.out:
                if match := re.search(r"visas på (http://127\.0\.0\.1:\d+)/", line):
                    running.base = match.group(1)
            time.sleep(0.2)
        assert running.base, f"the server did not start: {running.out} {running.err}"
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)


def _edit_vc012(root: Path, old: str, new: str) -> None:
    path = root / "requirements_db" / "requirements" / "VC-012.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_requirement_is_served_with_its_new_text_and_the_page_reloads(server: Server) -> None:
    page = server.get(PAGE)
    assert TEXT in page
    assert "/__ffu/version" in page  # the script that reloads the page
    version = json.loads(server.get("/__ffu/version"))["version"]

    _edit_vc012(server.root, "Vårdcentralen ska ha två", "Vårdcentralen i förhandsvisningen ska ha två")

    server.wait_for(PAGE, "Vårdcentralen i förhandsvisningen ska ha två läkare, minst 150")
    assert json.loads(server.get("/__ffu/version"))["version"] > version
    assert server.process.poll() is None


def test_a_broken_file_is_shown_in_the_terminal_and_on_the_page_and_serving_goes_on(server: Server) -> None:
    _edit_vc012(server.root, "    change: ny\n", "    change: ny\n\tstatus: x\n")

    page = server.wait_for(PAGE, 'role="alert"')
    problem = "requirements_db/requirements/VC-012.yaml:"
    assert problem in page and "tabb används för indrag" in page
    assert TEXT in page  # the last good site is still shown
    assert any(line.startswith(problem) for line in server.err)

    _edit_vc012(server.root, "\tstatus: x\n", "")
    server.wait_for(PAGE, TEXT)
    deadline = time.monotonic() + WAIT_SECONDS
    while json.loads(server.get("/__ffu/version"))["problems"] and time.monotonic() < deadline:
        time.sleep(0.5)
    assert 'role="alert"' not in server.get(PAGE)
    assert server.process.poll() is None
