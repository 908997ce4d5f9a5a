"""Stage 1: read the database files from disk into plain Python data.

Every file is parsed with ruamel's C-backed safe loader, which is fast enough
for thousands of records. Nothing here knows the record schema; positions are
looked up later, and only for files that have problems (see `locate`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from .problems import Problem, show

DB_DIR = "requirements_db"
RECORD_DIRS = {
    "requirements": "requirement",
    "comparisons": "comparison",
    "meetings": "meeting",
    "fakta": "fact",
}
REGISTERS = {
    "topics.yaml": "topics",
    "chapters.yaml": "chapters",
    "years.yaml": "years",
    "sources.yaml": "sources",
}


class _Constructor(SafeConstructor):
    """Keeps timestamps as strings so that an impossible date becomes a located schema error."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _Constructor
    return yaml


@dataclass(frozen=True)
class RawFile:
    """One database file: where it is, what kind of record it holds, its text and data."""

    path: str  # relative to the project root, with forward slashes
    kind: str
    text: str
    data: Any


@dataclass(frozen=True)
class RawDatabase:
    files: tuple[RawFile, ...]
    # Files found but not read (unparsable, wrong type): later checks must not guess at them.
    unread: tuple[str, ...] = ()


def discover(root: Path) -> list[tuple[Path, str]]:
    """Every database file below `root` with its record kind, in a stable order."""
    db = root / DB_DIR
    found: list[tuple[Path, str]] = []
    for name, kind in REGISTERS.items():
        found.append((db / name, kind))
    for folder, kind in RECORD_DIRS.items():
        directory = db / folder
        if directory.is_dir():
            for path in sorted(directory.iterdir()):
                if path.suffix in (".yaml", ".yml") or (path.is_file() and not path.name.startswith(".")):
                    found.append((path, kind))
    return found


def read_text(path: Path, display: str) -> tuple[str | None, Problem | None]:
    """Read a file as UTF-8; a bad byte is reported at its line and column."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, Problem(display, 1, 1, "filen saknas; registret måste finnas")
    except IsADirectoryError:
        return None, Problem(display, 1, 1, "det här är en mapp, inte en fil; byt namn på mappen")
    except PermissionError:
        return None, Problem(display, 1, 1, "filen kan inte läsas: behörighet saknas")
    except OSError:
        return None, Problem(display, 1, 1, "filen kan inte läsas")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, Problem(
            display,
            line,
            column,
            f"filen är inte giltig UTF-8 (byte 0x{raw[exc.start]:02x}); spara den som UTF-8",
        )
    return text.removeprefix("\ufeff"), None


def parse_yaml(text: str, display: str) -> tuple[Any, Problem | None]:
    """Parse one YAML document, refusing anchors and aliases."""
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        return None, Problem(display, 1, 1, "filen är tom; en post måste innehålla sina fält")
    try:
        data = _yaml().load(text)
    except ReaderError as exc:
        line, column = _position(text, exc.position)
        return None, Problem(
            display,
            line,
            column,
            f"otillåtet tecken U+{exc.character:04X}; ta bort det (styrtecken får inte förekomma)"
            if isinstance(exc.character, int)
            else "otillåtet tecken; ta bort det",
        )
    except MarkedYAMLError as exc:
        return None, _marked(exc, display, text)
    except Exception as exc:
        return None, Problem(display, 1, 1, f"filen kan inte tolkas som YAML ({type(exc).__name__})")
    if _MAYBE_ANCHOR.search(text):
        problem = _anchor_problem(text, display)
        if problem:
            return None, problem
    return data, None


def load(root: Path) -> tuple[RawDatabase, list[Problem]]:
    """Read and parse every database file. Unparsable files become problems."""
    files: list[RawFile] = []
    problems: list[Problem] = []
    for path, kind in discover(root):
        display = path.relative_to(root).as_posix()
        if path.suffix not in (".yaml", ".yml"):
            problems.append(
                Problem(display, 1, 1, "filen hör inte hemma här; poster ska ha filändelsen .yaml")
            )
            continue
        text, problem = read_text(path, display)
        if problem is None and text is not None:
            data, problem = parse_yaml(text, display)
        if problem is not None:
            problems.append(problem)
            continue
        assert text is not None
        files.append(RawFile(display, kind, text, data))
    unread = tuple(sorted({p.path for p in problems}))
    return RawDatabase(tuple(files), unread), problems


def _position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of a reader error, whose offset counts UTF-8 bytes."""
    before = text.encode("utf-8")[:offset].decode("utf-8", errors="ignore")
    offset = len(before)
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


_YAML_PHRASES = {
    "found duplicate key": "nyckeln finns redan i samma mappning; ta bort eller byt namn på den ena",
    "found character that cannot start any token": "tecknet kan inte inleda ett värde här; "
    "använd mellanslag, inte tabb, för indrag",
    "found character '\\t' that cannot start any token": "tabb används för indrag; använd mellanslag",
    "mapping values are not allowed": (
        "kolon på fel plats; sätt citattecken runt värdet om det innehåller ': '"
    ),
    "could not find expected ':'": "kolon saknas efter nyckeln",
    "found undefined alias": "alias (*namn) används inte i databasen; skriv ut värdet",
    "found unexpected end of stream": "filen slutar mitt i ett värde; kontrollera citattecken",
    "did not find expected key": "indraget stämmer inte; kontrollera mellanslagen i början av raden",
    "did not find expected '-' indicator": "indraget stämmer inte i listan; kontrollera mellanslagen",
    "found a tab character": "tabb används för indrag; använd mellanslag",
    "expected <block end>, but found": "indraget stämmer inte; kontrollera mellanslagen i början av raden",
    "found unknown escape character": "okänd escape-sekvens i citerad text",
    "while scanning a quoted scalar": "citattecknet stängs aldrig",
}


def _marked(exc: MarkedYAMLError, display: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    message = None
    for phrase, swedish in _YAML_PHRASES.items():
        if phrase in problem or phrase in context:
            message = swedish
            break
    context_mark = exc.context_mark
    if "while parsing a flow sequence" in context and context_mark is not None:
        message = f"listan som börjar på rad {context_mark.line + 1} saknar avslutande ']'"
    elif "while parsing a flow mapping" in context and context_mark is not None:
        message = f"mappningen som börjar på rad {context_mark.line + 1} saknar avslutande '}}'"
    if "duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else ""
        message = f"nyckeln {show(key)} finns två gånger i samma mappning; ta bort den ena"
    lines = text.split("\n")
    if mark is not None and line <= len(lines) and "\t" in lines[line - 1][: max(column, 1) + 1]:
        column = lines[line - 1].index("\t") + 1
        message = "tabb används för indrag; använd mellanslag"
    if message is None:
        message = "YAML-syntaxen är felaktig här; kontrollera indrag, kolon och citattecken"
    return Problem(display, line, column, f"YAML-fel: {message}")


# An anchor (&name) or alias (*name) where YAML allows one: after "key: ", "- ", "[", "{" or ",".
# Emphasis in texts (*ord*) and bullets ("* punkt") do not match, so almost no file pays for the
# second parse below; the parse itself decides.
_MAYBE_ANCHOR = re.compile(r"(?m)(?:^|[:\-\[{,?][ \t]+|[\[{,])[&*][^\s\[\]{},*]+(?=[\s,\]}]|$)")


def _anchor_problem(text: str, display: str) -> Problem | None:
    for event in _yaml().parse(io.StringIO(text)):
        anchor = getattr(event, "anchor", None)
        if anchor:
            mark = event.start_mark
            kind = "alias" if type(event).__name__ == "AliasEvent" else "ankare"
            return Problem(
                display,
                mark.line + 1,
                mark.column + 1,
                f"YAML-{kind} (&{anchor} / *{anchor}) används inte i databasen; skriv ut värdet i varje post",
            )
    return None
