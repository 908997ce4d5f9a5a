"""The sequence every editing command follows: load, check, edit in memory, validate, write.

A `Session` starts from a database that validates, so a command never builds on a
broken state. Edits happen on round-trip documents in memory; `commit` then parses the
would-be texts exactly as `ffu validate` would read them from disk, validates the whole
database, and writes only when there is no problem, every file at once or none.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..database import Database
from ..load import (
    DB_DIR,
    OPTIONAL_REGISTERS,
    RECORD_DIRS,
    REGISTERS,
    SOURCES_DIR,
    RawDatabase,
    RawFile,
    load,
    parse_yaml,
)
from ..locate import Locator, PathPart
from ..problems import Problem, ProblemsFound
from ..validate import validate
from .drafts import as_unchanged
from .errors import EditError
from .roundtrip import BOM, Document, Write, load_document, write_atomically

# The order in which `load.discover` lists files, so that validation sees the same sequence.
KIND_ORDER = (*REGISTERS.values(), *OPTIONAL_REGISTERS.values(), *RECORD_DIRS.values())
KIND_BY_REGISTER = {f"{DB_DIR}/{name}": kind for name, kind in {**REGISTERS, **OPTIONAL_REGISTERS}.items()}
SOURCES = f"{DB_DIR}/{SOURCES_DIR}"
KIND_BY_FOLDER = {f"{DB_DIR}/{folder}": kind for folder, kind in RECORD_DIRS.items()}


class Refused(ProblemsFound):
    """Problems that stop a command, with a first line saying what they stop."""

    def __init__(self, headline: str, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.headline = headline


def check(
    raw: RawDatabase, problems: Iterable[Problem], *, drafts: bool, seals: bool = True
) -> tuple[Database | None, list[Problem]]:
    """Validate; with `drafts`, proposals still being written do not count as problems."""
    database, found = validate(as_unchanged(raw) if drafts else raw, seals=seals)
    every = sorted(set(problems) | set(found))
    return (database, []) if not every and database is not None else (None, every)


class Session:
    """One editing command's view of the project: the validated database and the pending changes."""

    def __init__(self, root: Path, *, sealed: bool = True) -> None:
        """`sealed=False` starts from a database whose decided text may differ from its seals."""
        self.root = root
        self.raw, self.load_problems = load(root)
        database, problems = check(self.raw, self.load_problems, drafts=True, seals=sealed)
        if database is None:
            raise Refused("databasen har fel som måste rättas först; inget har ändrats", problems)
        self.db: Database = database
        self.documents: dict[str, Document] = {}
        self.created: dict[str, bytes] = {}

    def file(self, display: str) -> RawFile:
        return next(f for f in self.raw.files if f.path == display)

    def open(self, display: str) -> Document:
        """The file at `display` (relative to the project root) as round-trip data to edit."""
        if display not in self.documents:
            try:
                self.documents[display] = load_document(self.root / display, display)
            except ProblemsFound as exc:
                raise Refused(f"{display} kan inte ändras säkert; inget har ändrats", exc.problems) from exc
        return self.documents[display]

    def create(self, display: str, content: bytes) -> None:
        if (self.root / display).exists() or display in self.created:
            raise EditError(f"{display} finns redan; ffu skriver aldrig över en befintlig post")
        self.created[display] = content

    def texts(self) -> dict[str, str]:
        """Every changed or new database file's would-be text, as the loader would read it.

        Source documents are copied in as they are and are no records, so they are left out.
        """
        changed = {display: document.dump() for display, document in self.documents.items()}
        changed.update((d, c) for d, c in self.created.items() if not d.startswith(f"{SOURCES}/"))
        return {display: content.decode("utf-8").removeprefix(BOM) for display, content in changed.items()}

    def after(self) -> tuple[RawDatabase, list[Problem]]:
        """The database as it would be read from disk after the change."""
        texts = self.texts()
        files: list[RawFile] = []
        problems = list(self.load_problems)
        for file in self.raw.files:
            if file.path in texts:
                new = self._parse(file.path, file.kind, texts.pop(file.path), problems)
                if new is not None:
                    files.append(new)
            else:
                files.append(file)
        for display, text in texts.items():
            kind = KIND_BY_REGISTER.get(display) or KIND_BY_FOLDER[display.rsplit("/", 1)[0]]
            new = self._parse(display, kind, text, problems)
            if new is not None:
                files.append(new)
        files.sort(key=lambda f: (KIND_ORDER.index(f.kind), f.path))
        unread = {*self.raw.unread, *(p.path for p in problems)}
        sources = self.raw.source_files
        if sources is not None:
            added = {d.rsplit("/", 1)[1] for d in self.created if d.startswith(f"{SOURCES}/")}
            sources = sources | added
        return RawDatabase(tuple(files), tuple(sorted(unread)), sources), problems

    @staticmethod
    def _parse(display: str, kind: str, text: str, problems: list[Problem]) -> RawFile | None:
        data, problem = parse_yaml(text, display)
        if problem is not None:
            problems.append(problem)
            return None
        return RawFile(display, kind, text, data)

    def position(
        self, display: str, path: tuple[PathPart, ...], texts: dict[str, str] | None = None
    ) -> tuple[int, int]:
        """Line and column of a value in the would-be text of a changed file (`texts`, if already made)."""
        return Locator((texts or self.texts())[display]).position(path)

    def _on_disk(self, problem: Problem, texts: dict[str, str]) -> Problem:
        """A problem found in a would-be text, placed where the writer finds it in the file as it is.

        Nothing is written when there are problems, so a line number in the would-be text
        would point the writer at the wrong line of the file on disk.
        """
        if problem.path in self.created:
            return replace(problem, message=f"{problem.message} (i filen som kommandot skulle ha skapat)")
        document = self.documents.get(problem.path)
        if document is None:
            return problem
        before = self.file(problem.path).text.split("\n")
        after = texts[problem.path].split("\n")
        index = problem.line - 1
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for tag, i1, _, j1, j2 in matcher.get_opcodes():
            if j1 <= index < j2:
                if tag == "equal":
                    return replace(problem, line=i1 + index - j1 + 1)
                return replace(
                    problem,
                    line=i1 + 1,
                    column=1,
                    message=f"{problem.message} (i raderna som kommandot skulle ha lagt till här)",
                )
        return problem

    def commit(self, *, drafts: bool = True, problems: Iterable[Problem] = ()) -> list[str]:
        """Validate the result and write every changed file; return their paths.

        `problems` are the command's own findings (located in the would-be texts); they
        refuse the change like validation problems do.
        """
        raw, load_problems = self.after()
        _, found = check(raw, load_problems, drafts=drafts)
        texts = self.texts()
        every = sorted({self._on_disk(p, texts) for p in (*found, *problems)})
        if every:
            raise Refused("ändringen skulle ge fel och har inte gjorts; inget har ändrats", every)
        writes = [
            Write(self.root / display, display, document.original, document.dump())
            for display, document in self.documents.items()
            if document.dump() != document.original
        ]
        writes += [
            Write(self.root / display, display, None, content) for display, content in self.created.items()
        ]
        write_atomically(writes, self.root)
        return [w.display for w in writes]
