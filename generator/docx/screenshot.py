"""Picture of a rendered FFU page for the README: `python -m generator.docx.screenshot OUT.png`.

Renders the FFU for vårdcentral 2025 from the project's database, converts it to PDF with
LibreOffice (contents updated, so it shows page numbers) and turns one page into a PNG with
pdftoppm. By default that is the first page of the vårdval's own part, which shows the
chapter and section headings, requirement ids, lists and the page header and footer.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import argparse_sv
from ..cli import UserError, guarded
from ..model import VARDVAL, VARDVAL_NAMES
from ..pipeline import load_database
from ..project import find_root
from .document import file_name, render_ffu
from .pdf import ConversionError, convert_to_pdf


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
    parser.add_argument("--page", type=int, help="sidan att avbilda (standard: vårdvalets första sida)")
    parser.add_argument("--resolution", type=int, default=60, help="upplösning i punkter per tum")
    args = parser.parse_args(argv)
    return guarded(lambda: _screenshot(args))


def _screenshot(args: argparse.Namespace) -> int:
    db = load_database(find_root(Path.cwd()))
    if args.year not in db.years:
        known = ", ".join(str(y) for y in db.years)
        raise UserError(f"året {args.year} finns inte i requirements_db/years.yaml (det finns: {known})")
    with tempfile.TemporaryDirectory(prefix="ffu-screenshot-") as temporary:
        folder = Path(temporary)
        docx = folder / file_name(args.vardval, args.year)
        docx.write_bytes(render_ffu(db, args.vardval, args.year))
        try:
            pdf = convert_to_pdf(docx, folder, profile=folder / "profile", update_indexes=True)
        except ConversionError as exc:
            print(f"ffu: {exc}", file=sys.stderr)
            return 1
        page = args.page or find_page(pdf, VARDVAL_NAMES[args.vardval])
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


if __name__ == "__main__":
    raise SystemExit(main())
