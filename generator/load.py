"""Stage 1: read the database files from disk into plain Python data.

Every file is parsed with ruamel's C-backed safe loader, which is fast enough
for thousands of records. Nothing here knows the record schema; positions are
looked up later, and only for files that have problems (see `locate`).
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from collections.abc import Iterator
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
# The largest record today is about 15 kB; a file far above this is a mistake or an attack, and
# reading it whole would cost memory and time before anything could be said about it.
MAX_FILE_BYTES = 1_000_000
# Records nest four or five levels deep; checks further on walk the data recursively.
MAX_DEPTH = 20
# Registers a project may lack: without regions.yaml, the region names are not checked.
OPTIONAL_REGISTERS = {"regions.yaml": "regions"}
SOURCES_DIR = "sources"


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
    # The file names in requirements_db/sources/; None where they are not known (nothing is checked).
    source_files: frozenset[str] | None = None


def discover(root: Path) -> list[tuple[Path, str]]:
    """Every database file below `root` with its record kind, in a stable order.

    A record folder that leads out of the project (through a symbolic link) is not listed;
    `outside_folders` names it.
    """
    db = root / DB_DIR
    found: list[tuple[Path, str]] = []
    if db.is_dir() and _outside(root, db):
        return found
    for name, kind in REGISTERS.items():
        found.append((db / name, kind))
    for name, kind in OPTIONAL_REGISTERS.items():
        if (db / name).exists():
            found.append((db / name, kind))
    for folder, kind in RECORD_DIRS.items():
        directory = db / folder
        if directory.is_dir() and not _outside(root, directory):
            for path in sorted(directory.iterdir()):
                if path.suffix in (".yaml", ".yml") or (path.is_file() and not path.name.startswith(".")):
                    found.append((path, kind))
    return found


def outside_folders(root: Path) -> Iterator[Path]:
    """The database folders that a symbolic link leads out of the project."""
    for directory in (root / DB_DIR, *(root / DB_DIR / folder for folder in RECORD_DIRS)):
        if directory.is_dir() and _outside(root, directory):
            yield directory
            if directory.name == DB_DIR:
                return


def _outside(root: Path, directory: Path) -> bool:
    real, project = directory.resolve(), root.resolve()
    return real != project and project not in real.parents


# What a path is when it is not a regular file, for the message that refuses it.
_NOT_A_FILE = (
    (
        stat.S_ISLNK,
        "filen är en symbolisk länk; databasen läser bara vanliga filer i projektet, så "
        "ersätt länken med själva filen",
    ),
    (stat.S_ISDIR, "det här är en mapp, inte en fil; byt namn på mappen"),
    (
        stat.S_ISFIFO,
        "det här är ingen vanlig fil utan en namngiven pipe (FIFO); ta bort den, databasen "
        "läser bara vanliga filer",
    ),
    (
        stat.S_ISCHR,
        "det här är ingen vanlig fil utan en enhetsfil; ta bort den, databasen läser bara vanliga filer",
    ),
    (
        stat.S_ISBLK,
        "det här är ingen vanlig fil utan en enhetsfil; ta bort den, databasen läser bara vanliga filer",
    ),
    (
        stat.S_ISSOCK,
        "det här är ingen vanlig fil utan en socket; ta bort den, databasen läser bara vanliga filer",
    ),
)


def _not_a_file(mode: int) -> str | None:
    for test, message in _NOT_A_FILE:
        if test(mode):
            return message
    return None if stat.S_ISREG(mode) else "det här är ingen vanlig fil; ta bort den"


def _read_regular(path: Path, display: str) -> tuple[bytes | None, Problem | None]:
    """The bytes of a regular file no larger than the limit; anything else is refused before a read.

    The type is looked at without following a link (lstat), and again on the open file (fstat)
    in case the path was swapped in between; O_NONBLOCK keeps a FIFO from blocking the open.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None, Problem(display, 1, 1, "filen saknas; registret måste finnas")
    refusal = _not_a_file(info.st_mode)
    if refusal is not None:
        return None, Problem(display, 1, 1, refusal)
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, Problem(display, 1, 1, _NOT_A_FILE[0][1])
        raise
    try:
        info = os.fstat(handle)
        refusal = _not_a_file(info.st_mode)
        if refusal is not None:
            return None, Problem(display, 1, 1, refusal)
        if info.st_size > MAX_FILE_BYTES:
            return None, _too_large(display, info.st_size)
        chunks = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(handle, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:  # it grew after fstat
            return None, _too_large(display, size)
        return b"".join(chunks), None
    finally:
        os.close(handle)


def _too_large(display: str, size: int) -> Problem:
    shown = f"{size:,}".replace(",", "\u00a0")
    return Problem(
        display,
        1,
        1,
        f"filen är större än {MAX_FILE_BYTES // 1_000_000} MB ({shown} byte), gränsen för en post; "
        "dela upp den eller korta texterna",
    )


def read_text(path: Path, display: str) -> tuple[str | None, Problem | None]:
    """Read a regular file as UTF-8; a bad byte is reported at its line and column."""
    try:
        raw, problem = _read_regular(path, display)
    except PermissionError:
        return None, Problem(display, 1, 1, "filen kan inte läsas: behörighet saknas")
    except OSError:
        return None, Problem(display, 1, 1, "filen kan inte läsas")
    if raw is None:
        return None, problem
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
        # Tags are refused before the load, which would otherwise construct (and decode) them.
        if _MAYBE_SPECIAL.search(text):
            problem = _event_problem(text, display)
            if problem:
                return None, problem
        data = _yaml().load(text)
    except RecursionError:
        return None, _event_problem(text, display) or _depth_problem(display, 1, 1)
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
    if _too_deep(data):
        return None, _event_problem(text, display) or _depth_problem(display, 1, 1)
    return data, None


def load(root: Path) -> tuple[RawDatabase, list[Problem]]:
    """Read and parse every database file. Unparsable files become problems."""
    files: list[RawFile] = []
    problems: list[Problem] = [
        Problem(
            folder.relative_to(root).as_posix(),
            1,
            1,
            "mappen är en symbolisk länk ut ur projektet; databasen läser bara filer inuti projektmappen, "
            "så ersätt länken med en vanlig mapp",
        )
        for folder in outside_folders(root)
    ]
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
    return RawDatabase(tuple(files), unread, source_files(root)), problems


def source_files(root: Path) -> frozenset[str]:
    """The names of the files in requirements_db/sources/."""
    folder = root / DB_DIR / SOURCES_DIR
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.name for p in folder.iterdir() if p.is_file())


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


# An anchor (&name), alias (*name) or tag (!name) where YAML allows one: after "key: ", "- ", "[",
# "{" or ",". Emphasis in texts (*ord*) and bullets ("* punkt") do not match, so almost no file pays
# for the second parse below; the parse itself decides.
_MAYBE_SPECIAL = re.compile(r"(?m)(?:^|[:\-\[{,?][ \t]+|[\[{,])(?:[&*][^\s\[\]{},*]+(?=[\s,\]}]|$)|!)")


def _event_problem(text: str, display: str) -> Problem | None:
    """The first anchor, alias, explicit tag or too deep nesting, from the parser's events."""
    depth = 0
    for event in _yaml().parse(io.StringIO(text)):
        mark = event.start_mark
        kind = type(event).__name__
        anchor = getattr(event, "anchor", None)
        if anchor:
            what = "alias" if kind == "AliasEvent" else "ankare"
            return Problem(
                display,
                mark.line + 1,
                mark.column + 1,
                f"YAML-{what} (&{anchor} / *{anchor}) används inte i databasen; skriv ut värdet i varje post",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and kind in ("ScalarEvent", "SequenceStartEvent", "MappingStartEvent"):
            return Problem(display, mark.line + 1, mark.column + 1, _tag_message(tag))
        if kind in ("SequenceStartEvent", "MappingStartEvent"):
            depth += 1
            if depth > MAX_DEPTH:
                return _depth_problem(display, mark.line + 1, mark.column + 1)
        elif kind in ("SequenceEndEvent", "MappingEndEvent"):
            depth -= 1
    return None


def _tag_message(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_STANDARD_TAGS) if tag.startswith(_STANDARD_TAGS) else tag
    why = " (den gör texten oläslig vid granskning)" if shown == "!!binary" else ""
    return (
        f"YAML-taggen {show(shown)} används inte i databasen{why}; ta bort taggen och skriv värdet "
        "som vanlig text"
    )


_STANDARD_TAGS = "tag:yaml.org,2002:"


def _depth_problem(display: str, line: int, column: int) -> Problem:
    return Problem(
        display,
        line,
        column,
        f"värdena är nästlade i fler än {MAX_DEPTH} nivåer; en post behöver bara några få, så "
        "kontrollera hakparenteser och indrag",
    )


def _too_deep(data: Any) -> bool:
    """Whether lists and mappings nest deeper than the limit; walked without recursion."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def line_ending_problems(raw: RawDatabase) -> list[Problem]:
    """A file saved with Windows line endings (CRLF), at the end of its first such line.

    YAML reads it fine, but git would show every line as changed; `.gitattributes` keeps the
    repository in LF, and this says which file an editor saved otherwise. The editing commands
    keep a file's line endings as they are, so only `validate` and the build report them.
    """
    problems = []
    for file in raw.files:
        index = file.text.find("\r\n")
        if index < 0:
            continue
        before = file.text[:index]
        line = before.count("\n") + 1
        column = index - (before.rfind("\n") + 1) + 1
        problems.append(
            Problem(
                file.path,
                line,
                column,
                "filen har Windows-radslut (CRLF); spara den med LF, i VS Code genom att klicka på CRLF "
                "längst ned till höger och välja LF",
            )
        )
    return problems
