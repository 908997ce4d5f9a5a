"""The files the downloads page offers: the yearly FFU documents and the change reports, as Word and PDF.

The build decides which files exist and passes them in; `find_downloads` is the usual way
to collect them from a folder by their agreed file names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import VARDVAL, VARDVAL_NAMES
from ..swedish import format_number

_FFU = re.compile(r"^FFU-(?P<vardval>[a-z]+)-(?P<year>\d{4})\.(?:docx|pdf)$")
_REPORT = re.compile(r"^Förändringar-(?P<from>\d{4})-(?P<to>\d{4})(?:-(?P<vardval>[a-z]+))?\.(?:docx|pdf)$")
FORMATS = {".docx": "Word", ".pdf": "PDF"}


@dataclass(frozen=True)
class Download:
    """A file to publish: its Swedish title, where it is now, and the FFU year it belongs to.

    `vardval` is the vårdval the file covers (None for all of them), and `report` says whether
    it is a change report rather than an FFU document.
    """

    title: str
    path: Path
    year: int | None = None
    vardval: str | None = None
    report: bool = False

    @property
    def filename(self) -> str:
        return self.path.name

    @property
    def format(self) -> str:
        """Word or PDF, as the downloads page names the file's format."""
        return FORMATS[self.path.suffix]

    @property
    def size_text(self) -> str:
        kilobytes = max(1, round(self.path.stat().st_size / 1024))
        return f"{format_number(kilobytes)} kB"


def describe(path: Path) -> Download | None:
    """A download for a file named by the project's convention, or None for any other file."""
    if match := _FFU.match(path.name):
        vardval, year = match["vardval"], int(match["year"])
        if vardval in VARDVAL:
            title = f"Förfrågningsunderlag {year}, {VARDVAL_NAMES[vardval]}"
            return Download(title, path, year, vardval)
    if match := _REPORT.match(path.name):
        scope = match["vardval"] if match["vardval"] in VARDVAL else None
        named = f", {VARDVAL_NAMES[scope]}" if scope else ""
        title = f"Ändringsrapport {match['from']}–{match['to']}{named}"
        return Download(title, path, int(match["to"]), scope, report=True)
    return None


def download_order(download: Download) -> tuple[int, int, int, str]:
    """Newest year first; per year the FFU documents in vårdval order, then the change reports."""
    vardval = VARDVAL.index(download.vardval) if download.vardval in VARDVAL else -1
    return (-(download.year or 0), int(download.report), vardval, download.filename)


def find_downloads(folder: Path) -> list[Download]:
    """Every FFU document and change report in `folder` or below it, newest year first."""
    if not folder.is_dir():
        return []
    found: dict[str, Download] = {}
    for path in sorted(p for p in folder.rglob("*") if p.suffix in FORMATS):
        download = describe(path)
        if download is not None:
            found.setdefault(download.filename, download)  # the site has one folder for them all
    return sorted(found.values(), key=download_order)
