"""The main job, read top to bottom: load → validate → model → render (docx | reports | site) → publish.

Nothing is written before validation has passed. Every output is rendered into a
staging folder beside its target and swapped in only when all stages succeeded,
so a failed build leaves the previous `site/` and `dist/` exactly as they were.
Word files are cached by a hash of what they are made from, so a rebuild after a
small edit renders only the documents the edit touches, and a rebuild with no
edit at all stops after hashing the inputs.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from pathlib import Path

from . import templates
from .database import Database
from .diff import YearDiff, compare_pairs
from .forked import run_all
from .locks import locked
from .manifest import Stamp, record, up_to_date
from .model import VARDVAL
from .outputs import OutputError, check_output_folders
from .pipeline import load_database
from .problems import ProblemsFound
from .publish import NEW, OUTPUT_MARKER, publish, recover_locked, remove_leftovers, staging_name
from .timing import Stopwatch

PACKAGE = Path(__file__).resolve().parent
CACHE_DIR = Path(".cache") / "ffu"
# Rendering in worker processes pays off from this many documents to render.
PARALLEL_FROM_JOBS = 3
FFU_DIR = "ffu"
REPORTS_DIR = "rapporter"
# What the outputs are made from, besides the database: the generator and its templates.
INPUT_FOLDERS = ("requirements_db", "content", "templates")
INPUT_FILES = ("mkdocs.yml", "pyproject.toml")


@dataclass
class BuildResult:
    skipped: bool = False
    documents: int = 0
    reports: int = 0
    reused: int = 0
    laid_out: int = 0  # documents laid out by LibreOffice in this build (the rest came from the cache)
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    database: Database | None = None


# -- inputs and cache keys ------------------------------------------------------------------------


def _files(root: Path) -> Iterator[Path]:
    for name in INPUT_FOLDERS:
        folder = root / name
        if folder.is_dir():
            yield from sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for name in INPUT_FILES:
        if (root / name).is_file():
            yield root / name


def input_key(root: Path, code: str) -> str:
    """A hash of every file the outputs are made from, given `code_key`: equal keys mean equal outputs.

    The site says which year is in force, which turns with the calendar year: that is an input too.
    """
    from .site.catalog import reference_date

    digest = hashlib.sha256(f"{code}\0{reference_date().year}".encode())
    for path in _files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def code_key(root: Path) -> str:
    """A hash of the running generator and of the templates; any change there renders everything anew.

    The package is hashed where it is installed, which need not be the project folder: a
    writer's clone may be built by an ffu installed from elsewhere.
    """
    digest = hashlib.sha256()
    folders = [PACKAGE, PACKAGE.parent / "templates", root / "templates"]
    for folder in dict.fromkeys(f.resolve() for f in folders if f.is_dir()):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class Fingerprints:
    """Hashes of the database's records, computed once, combined into a key per document."""

    def __init__(self, db: Database, code: str) -> None:
        self.db = db
        self.code = code
        self.requirements = {
            rid: hashlib.sha256(r.model_dump_json().encode()).hexdigest()
            for rid, r in db.requirements.items()
        }
        shared = [
            *(t.model_dump_json() for t in db.topics.values()),
            *(c.model_dump_json() for c in db.chapters.values()),
            # Seals change no output; a correction re-renders only what its requirement touches.
            *(y.model_dump_json(exclude={"seals"}) for y in db.years.values()),
            *(s.model_dump_json() for s in db.sources.values()),
            *(m.model_dump_json() for m in db.meetings.values()),
            *(f.model_dump_json() for f in db.facts.values()),
        ]
        self.shared = hashlib.sha256("\n".join(shared).encode()).hexdigest()

    def key(self, kind: str, parameters: str, requirement_ids: Iterable[str]) -> str:
        digest = hashlib.sha256(f"{self.code}\0{self.shared}\0{kind}\0{parameters}".encode())
        for rid in sorted(set(requirement_ids)):
            digest.update(f"\0{rid}:{self.requirements[rid]}".encode())
        return digest.hexdigest()


Job = tuple[Path, str, Callable[[], bytes]]  # where the file goes, its cache key, how to render it


class DocumentCache:
    """Finished files by key, in `.cache/ffu/`; entries this build did not use are dropped after it.

    With `layout`, each Word file is laid out by LibreOffice once: its contents get their
    page numbers and an accessible PDF is made beside it (`<key>.docx` and `<key>.pdf`).
    Without it, the Word file is kept as rendered (`<key>.utkast.docx`), for quick drafts.
    Without `reuse` (ffu build --force), nothing is taken from the cache; it is refilled.
    """

    def __init__(self, folder: Path, *, layout: bool = True, reuse: bool = True) -> None:
        self.folder = folder
        self.layout = layout
        self.reuse = reuse
        self.used: set[str] = set()
        self.reused = 0
        self.laid_out = 0

    def _names(self, key: str) -> tuple[str, ...]:
        return (f"{key}.docx", f"{key}.pdf") if self.layout else (f"{key}.utkast.docx",)

    def render_all(self, jobs: Sequence[Job]) -> list[bytes]:
        """Every job's Word bytes, reusing the cache; misses are rendered on every core, then written out.

        With layout, each job's PDF is written beside its Word file.
        """
        found: dict[str, tuple[bytes, ...]] = {}
        for _, key, _ in jobs:
            names = self._names(key)
            self.used.update(names)
            if self.reuse and key not in found and all((self.folder / name).is_file() for name in names):
                found[key] = tuple((self.folder / name).read_bytes() for name in names)
                self.reused += 1
        misses = {key: render for _, key, render in jobs if key not in found}
        rendered = run_all(list(misses.values()), parallel=len(misses) >= PARALLEL_FROM_JOBS)
        finished = self._finish(rendered) if self.layout else [(data,) for data in rendered]
        self.folder.mkdir(parents=True, exist_ok=True)
        for key, files in zip(misses, finished, strict=True):
            for name, data in zip(self._names(key), files, strict=True):
                temporary = self.folder / f"{name}.{secrets.token_hex(4)}.tmp"
                temporary.write_bytes(data)
                os.replace(temporary, self.folder / name)
            found[key] = files
        for path, key, _ in jobs:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(found[key][0])
            if self.layout:
                path.with_suffix(".pdf").write_bytes(found[key][1])
        return [found[key][0] for _, key, _ in jobs]

    def _finish(self, documents: list[bytes]) -> list[tuple[bytes, ...]]:
        """Lay out every document in one LibreOffice run; Word files with page numbers, and PDFs."""
        from .docx.finish import contents_bookmarks, fill_contents, finish_pdf, heading_pages
        from .docx.layout import export_pdfs

        pdfs = export_pdfs(documents)
        self.laid_out += len(documents)
        out: list[tuple[bytes, ...]] = []
        for document, pdf in zip(documents, pdfs, strict=True):
            pages = heading_pages(pdf, contents_bookmarks(document))
            out.append((fill_contents(document, pages), finish_pdf(pdf, document)))
        return out

    def prune(self) -> None:
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.suffix in (".docx", ".pdf") and path.name not in self.used:
                    path.unlink(missing_ok=True)


# -- render stages --------------------------------------------------------------------------------


def compare_years(db: Database) -> dict[tuple[int, int], YearDiff]:
    """Each pair of consecutive years compared once; the reports and the site share the result."""
    return compare_pairs(db, list(pairwise(db.year_numbers())))


def render_documents(db: Database, fingerprints: Fingerprints, cache: DocumentCache, out: Path) -> list[Path]:
    """The yearly FFU for every vårdval and year."""
    from .docx.document import document_ids, file_name, render_ffu

    jobs: list[Job] = []
    for year in db.year_numbers():
        for vardval in VARDVAL:
            ids = document_ids(db, vardval, year)
            key = fingerprints.key("ffu", f"{vardval}:{year}", ids)
            jobs.append((out / file_name(vardval, year), key, partial(render_ffu, db, vardval, year)))
    cache.render_all(jobs)
    return [path for path, _, _ in jobs]


def render_reports(
    db: Database,
    fingerprints: Fingerprints,
    cache: DocumentCache,
    out: Path,
    diffs: dict[tuple[int, int], YearDiff],
) -> list[Path]:
    """The change report between each pair of consecutive years, for all vårdval and for each."""
    from .report import default_name, render_report

    jobs: list[Job] = []
    for (older, newer), full in diffs.items():
        for vardval in (None, *VARDVAL):
            diff = full if vardval is None else full.restricted_to(vardval, db)
            key = fingerprints.key("report", f"{vardval}:{older}:{newer}", (c.id for c in diff.changes))
            jobs.append((out / default_name(diff), key, partial(render_report, db, diff)))
    cache.render_all(jobs)
    return [path for path, _, _ in jobs]


def render_site(
    db: Database,
    root: Path,
    out: Path,
    downloads_from: list[Path],
    work: Path,
    diffs: dict[tuple[int, int], YearDiff],
) -> int:
    from .site.build import build_site
    from .site.downloads import describe

    downloads = [d for p in downloads_from if (d := describe(p)) is not None]
    return build_site(db, root, out, downloads, work_dir=work, diffs=diffs).pages


# -- output folders -------------------------------------------------------------------------------


def check_output(path: Path) -> None:
    """Refuse an output folder the build could damage: a link, a file, or a folder of someone else's."""
    if path.is_symlink():
        raise OutputError(
            f"utmappen {path} är en symbolisk länk; ange en vanlig mapp, så följer bygget inga länkar"
        )
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path} finns redan och är ingen mapp; ange en annan utmapp")
    if path.is_dir() and any(path.iterdir()) and not (path / OUTPUT_MARKER).is_file():
        raise OutputError(
            f"mappen {path} innehåller filer som inte har skapats av ffu; töm den eller ange en annan utmapp"
        )


def _stage(target: Path) -> Path:
    # Beside the target, so that the final rename stays on one file system.
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_name(target, NEW)
    staging.mkdir()
    _mark(staging)
    return staging


def _mark(folder: Path) -> None:
    """Mark a folder as the build's own, so that the next build may replace it."""
    (folder / OUTPUT_MARKER).write_text(
        "Skapad av ffu build. Mappen ersätts vid nästa bygge.\n", encoding="utf-8"
    )


# -- the build ------------------------------------------------------------------------------------


def build(
    root: Path,
    *,
    site_dir: Path | None = None,
    dist_dir: Path | None = None,
    force: bool = False,
    layout: bool = True,
) -> BuildResult:
    """Validate and render every output; publish them only if everything succeeded.

    One build at a time: a second waits for the first, so neither removes the other's staging.

    Without `layout`, the Word files are not laid out: no PDFs, and contents without page numbers.
    With `force`, everything is rendered anew: the check for an unchanged project and the
    document cache are both bypassed (the cache is still refilled).
    """
    site_dir = (site_dir or root / "site").absolute()
    dist_dir = (dist_dir or root / "dist").absolute()
    check_output_folders({"--site": site_dir, "--dist": dist_dir}, root)
    for target in (site_dir, dist_dir):
        check_output(target)
    with locked(root, "bygge"):
        recover_locked(root)
        remove_leftovers((site_dir, dist_dir))
        with templates.project(root):
            return _build(root, site_dir, dist_dir, force, layout)


def _build(root: Path, site_dir: Path, dist_dir: Path, force: bool, layout: bool) -> BuildResult:
    clock = Stopwatch()
    code = code_key(root)
    stamp = Stamp.of(input_key(root, code), site_dir, dist_dir, layout)
    if not force and up_to_date(root, stamp, (site_dir, dist_dir)):
        return BuildResult(skipped=True, seconds=clock.total())
    with clock.stage("validering"):
        db = load_database(root)  # raises ProblemsFound before anything is written
    fingerprints = Fingerprints(db, code)
    cache = DocumentCache(root / CACHE_DIR / "docx", layout=layout, reuse=not force)
    staged_site, staged_dist = _stage(site_dir), _stage(dist_dir)
    try:
        with clock.stage("word"):
            documents = render_documents(db, fingerprints, cache, staged_dist / FFU_DIR)
        with clock.stage("rapporter"):
            diffs = compare_years(db)
            reports = render_reports(db, fingerprints, cache, staged_dist / REPORTS_DIR, diffs)
        with clock.stage("webbplats"):
            files = [*documents, *reports]
            files += [pdf for path in files if (pdf := path.with_suffix(".pdf")).is_file()]
            pages = _render_site_in_work_folder(db, root, staged_site, files, diffs)
        _mark(staged_site)  # mkdocs empties its output folder, marker included
        publish({site_dir: staged_site, dist_dir: staged_dist}, root)
    finally:
        for staging in (staged_site, staged_dist):
            shutil.rmtree(staging, ignore_errors=True)
    cache.prune()
    record(root, stamp)
    return BuildResult(
        documents=len(documents),
        reports=len(reports),
        reused=cache.reused,
        laid_out=cache.laid_out,
        pages=pages,
        seconds=clock.total(),
        database=db,
    )


def _render_site_in_work_folder(
    db: Database, root: Path, out: Path, downloads: list[Path], diffs: dict[tuple[int, int], YearDiff]
) -> int:
    """The site, with its Markdown in a work folder of this build only, removed afterwards."""
    work = root / CACHE_DIR / f"arbete-{secrets.token_hex(4)}"
    try:
        return render_site(db, root, out, downloads, work, diffs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


__all__ = [
    "OUTPUT_MARKER",
    "BuildResult",
    "OutputError",
    "ProblemsFound",
    "build",
    "check_output",
    "input_key",
]
