"""Picture of a rendered page for the README: `python -m generator.docx.screenshot OUT.png`.

Renders the FFU for vårdcentral 2025 from the project's database (or, with `--rapport
2025:2026`, the nämnd's change report), lays it out and exports the PDF exactly as the build
does (see `layout` and `finish`), and turns one page into a PNG with pdftoppm. By default
that is the first page of the vårdval's own part, which shows the chapter and section
headings, requirement ids, lists and the page header and footer; for a report, the first
page of the changed requirements with their tracked changes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Collection
from pathlib import Path

from .. import argparse_sv
from ..cli import guarded
from ..diff import compare
from ..errors import FfuError
from ..model import VARDVAL, VARDVAL_NAMES
from ..pipeline import load_database
from ..project import find_root
from ..report import render_report
from .document import render_ffu
from .finish import finish_pdf
from .layout import export_pdfs
from .pdf import ConversionError

REPORT_PAGE_HEADING = "Ändrade och nya krav"


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return next(int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:"))


def page_text(pdf: Path, page: int) -> str:
    command = ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def find_page(pdf: Path, heading: str) -> int:
    """The first page that starts with `heading` as its first line of body text (not the contents)."""
    for page in range(1, page_count(pdf) + 1):
        lines = [line.strip() for line in page_text(pdf, page).splitlines() if line.strip()]
        # Line 0 is the running header; a part heading is the first line below it.
        if len(lines) > 1 and lines[1] == heading:
            return page
    return 1


def main(argv: list[str] | None = None) -> int:
    argparse_sv.install()
    parser = argparse.ArgumentParser(
        prog="python -m generator.docx.screenshot", description="Bild av en sida i förfrågningsunderlaget."
    )
    parser.add_argument("output", type=Path, metavar="UT.png", help="bildfilen att skriva")
    parser.add_argument("--vardval", choices=VARDVAL, default="vc", help="vårdvalet (standard: vc)")
    parser.add_argument("--year", type=int, default=2025, metavar="ÅR", help="FFU-året (standard: 2025)")
    parser.add_argument(
        "--rapport",
        metavar="FRÅN:TILL",
        help="avbilda ändringsrapporten mellan två år, till exempel 2025:2026, i stället för FFU:n",
    )
    parser.add_argument("--page", type=int, help="sidan att avbilda (standard: vårdvalets första sida)")
    parser.add_argument("--resolution", type=int, default=60, help="upplösning i punkter per tum")
    args = parser.parse_args(argv)
    return guarded(lambda: _screenshot(args))


def _screenshot(args: argparse.Namespace) -> int:
    db = load_database(find_root(Path.cwd()))
    if args.year not in db.years:
        known = ", ".join(str(y) for y in db.years)
        raise FfuError(f"året {args.year} finns inte i requirements_db/years.yaml (det finns: {known})")
    heading = VARDVAL_NAMES[args.vardval]
    if args.rapport:
        older, newer = _years(args.rapport, db.year_numbers())
        document = render_report(db, compare(db, older, newer))
        heading = REPORT_PAGE_HEADING
    else:
        document = render_ffu(db, args.vardval, args.year)
    with tempfile.TemporaryDirectory(prefix="ffu-screenshot-") as temporary:
        folder = Path(temporary)
        try:
            (laid_out,) = export_pdfs([document])
        except ConversionError as exc:
            print(f"ffu: {exc}", file=sys.stderr)
            return 1
        pdf = folder / "dokument.pdf"
        pdf.write_bytes(finish_pdf(laid_out, document))
        page = args.page or find_page(pdf, heading)
        stem = folder / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(args.resolution),
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        args.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stem.with_suffix(".png"), args.output)
    print(f"skrev {args.output} (sida {page})")
    return 0


def _years(text: str, known: Collection[int]) -> tuple[int, int]:
    older, _, newer = text.partition(":")
    if not (older.isdigit() and newer.isdigit()) or int(older) not in known or int(newer) not in known:
        raise FfuError(
            f"--rapport vill ha två år i registret som FRÅN:TILL, till exempel 2025:2026, inte {text!r}"
        )
    return int(older), int(newer)


if __name__ == "__main__":
    raise SystemExit(main())
