"""The writers' guide stays true: its commands run, in order, on a copy of the real content.

Conventions in `content/redaktorsguide.md`, which the test follows:
- every `ffu …` line in a ```sh block is run (a trailing backslash continues the line);
  it must succeed, unless it ends in the comment `# vägras`, when it must be refused;
- a ```text block right after a ```sh block is the exact output of that block's last command;
- a ```yaml block whose first line is `# lägg till sist i FIL` is added to the end of FIL,
  as the guide asks the writer to do by hand;
- a ```txt block whose first line is `# spara som FIL` is saved as FIL in the project folder,
  as the writer saves a document before registering it;
- `ffu serve` is started as its own process on a free port, and must serve the site with the
  script that reloads it, before it is stopped.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.cli import build_parser

from .conftest import REPO, Result
from .test_writer_messages import MISTAKES

GUIDE = REPO / "content" / "redaktorsguide.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
APPEND = re.compile(r"# lägg till sist i (\S+)\n")
SAVE = re.compile(r"# spara som (\S+)\n")
REFUSED = "# vägras"


@dataclass(frozen=True)
class Block:
    kind: str
    body: str
    follows_sh: bool  # directly after a ```sh block, with nothing between


def blocks() -> list[Block]:
    text = GUIDE.read_text(encoding="utf-8")
    found: list[Block] = []
    previous_end, previous_kind = 0, ""
    for match in BLOCK.finditer(text):
        between = text[previous_end : match.start()]
        found.append(Block(match.group(1), match.group(2), previous_kind == "sh" and not between.strip()))
        previous_end, previous_kind = match.end(), match.group(1)
    return found


def commands(body: str) -> list[str]:
    """The `ffu` lines of a shell block, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", "", body)
    return [line.strip() for line in joined.splitlines() if line.strip().startswith("ffu ")]


def test_the_guide_has_commands_for_every_step_of_the_cycle() -> None:
    run = [c.split()[1] for b in blocks() if b.kind == "sh" for c in commands(b.body)]
    assert {"new-year", "propose", "new", "qa", "decide", "build"} <= set(run)


def test_every_command_in_the_guide_is_one_ffu_understands() -> None:
    parser = build_parser()
    for block in blocks():
        for line in commands(block.body) if block.kind == "sh" else ():
            args = shlex.split(line, comments=True)[1:]
            parser.parse_args(args)  # exits with a usage error on an unknown option


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "projekt"
    root.mkdir()
    for name in ("requirements_db", "content", "templates", "schemas"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    if (REPO / "mkdocs.yml").is_file():
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_the_guide_runs_from_top_to_bottom_and_says_what_happens(
    tmp_path: Path, run_ffu: Callable[..., Result]
) -> None:
    root = _project(tmp_path)
    last: tuple[str, Result] | None = None
    for block in blocks():
        if block.kind == "sh":
            for line in commands(block.body):
                if line.split()[1] == "serve":
                    _serve(root, shlex.split(line, comments=True)[1:])
                    continue
                result = run_ffu("-C", str(root), *shlex.split(line, comments=True)[1:])
                if line.endswith(REFUSED):
                    assert result.code != 0, f"{line}\nshould have been refused"
                else:
                    assert result.code == 0, f"{line}\n{result.err}"
                last = (line, result)
        elif block.kind == "text" and block.follows_sh:
            assert last is not None
            line, result = last
            said = result.err if line.endswith(REFUSED) else result.out
            assert said.rstrip("\n") == block.body.rstrip("\n"), f"the output of: {line}"
        elif block.kind == "yaml" and (append := APPEND.match(block.body)):
            with (root / append.group(1)).open("a", encoding="utf-8") as target:
                target.write(block.body[append.end() :])
        elif block.kind == "txt" and (save := SAVE.match(block.body)):
            (root / save.group(1)).write_text(block.body[save.end() :], encoding="utf-8")
    assert last is not None


def _serve(root: Path, args: list[str]) -> None:
    """Run `ffu serve` until it shows the site, on a free port so that nothing else is disturbed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(root), *args, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if match := re.search(r"visas på (http://127\.0\.0\.1:\d+/)", line):
                with urllib.request.urlopen(match.group(1), timeout=30) as response:
                    assert response.status == 200
                    assert "/__ffu/version" in response.read().decode("utf-8")
                return
        raise AssertionError("ffu serve ended without showing the site")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_every_message_the_guide_quotes_is_one_validate_gives() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## När något är fel", 1)[1].split("\n## ", 1)[0]
    quoted = re.findall(r"^\|[^|]+\| `([^`]+)` \|$", section, re.MULTILINE)
    messages = [line.split(": ", 1)[1] for m in MISTAKES.values() for line in m.expected]
    assert len(quoted) == len(MISTAKES)
    for start in quoted:
        assert any(message.startswith(start) for message in messages), start


def test_every_output_the_guide_quotes_is_checked() -> None:
    assert all(b.follows_sh for b in blocks() if b.kind == "text")


def test_the_guide_is_a_page_with_one_title_and_no_links_for_the_site_to_check() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    prose = BLOCK.sub("", guide)
    assert guide.startswith("# Redaktörsguide\n")
    assert "\n# " not in prose
    assert "](" not in prose
