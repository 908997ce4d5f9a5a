"""The `ffu` command. Every message a user sees is Swedish, and no traceback reaches them."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import argparse_sv, templates
from .edit import commands as edit
from .errors import FfuError
from .model import VARDVAL
from .oserrors import describe, reason
from .pipeline import load_database
from .problems import ProblemsFound
from .project import find_root
from .show import cmd_show, show_arguments
from .site import commands as site

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


# The former name of FfuError, for code written before generator/errors.py.
UserError = FfuError


def cmd_validate(root: Path, args: argparse.Namespace) -> int:
    if args.files:
        return edit.cmd_validate_files(root, args)
    db = load_database(root)
    print(
        f"Inga fel: {len(db.requirements)} krav, {len(db.comparisons)} omvärldsuppgifter, "
        f"{len(db.meetings)} dialogmöten, {len(db.facts)} faktauppgifter."
    )
    return EXIT_OK


def cmd_build(root: Path, args: argparse.Namespace) -> int:
    from .build import build
    from .docx.pdf import ConversionError
    from .summary import summary
    from .swedish import format_number

    # Like git -C: relative output folders count from the folder ffu runs in.
    base = args.directory or Path.cwd()
    site = (base / args.site).absolute() if args.site else root / "site"
    dist = (base / args.dist).absolute() if args.dist else root / "dist"
    try:
        result = build(root, site_dir=site, dist_dir=dist, force=args.force, layout=not args.utan_pdf)
    except ConversionError as exc:
        raise FfuError(f"{exc} (--utan-pdf bygger utan LibreOffice)") from exc
    shown_site, shown_dist = (_shown(folder, root) for folder in (site, dist))
    if result.skipped or result.database is None:
        print(
            f"Inget har ändrats sedan förra bygget: {shown_site} och {shown_dist} är aktuella. "
            "(--force bygger ändå.)"
        )
        return EXIT_OK
    print(summary(result.database))
    seconds = format_number(round(result.seconds.get("totalt", 0.0), 1))
    print(
        f"\nSkrev {result.documents} förfrågningsunderlag ({result.reused} ur cachen) och {result.reports} "
        f"ändringsrapporter till {shown_dist}, och en webbplats med {result.pages} sidor till {shown_site}, "
        f"på {seconds} s."
    )
    return EXIT_OK


def _shown(folder: Path, root: Path) -> str:
    """A folder as the user thinks of it: relative to the project when inside it."""
    try:
        return folder.relative_to(root).as_posix() + "/"
    except ValueError:
        return str(folder)


def _build_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site", type=Path, metavar="MAPP", help="mappen för webbplatsen (standard: site/)")
    p.add_argument("--dist", type=Path, metavar="MAPP", help="mappen för Word-filerna (standard: dist/)")
    p.add_argument("--force", action="store_true", help="bygg allt på nytt, utan cachen")
    p.add_argument(
        "--utan-pdf",
        action="store_true",
        help="snabbt utkast: ingen PDF och inga sidnummer i innehållsförteckningen (utan LibreOffice)",
    )


def cmd_schema(root: Path, args: argparse.Namespace) -> int:
    from . import schemas

    for path in schemas.write(root / "schemas", schemas.read_registers(root)):
        print(f"skrev {path.relative_to(root).as_posix()}")
    return EXIT_OK


def cmd_diff(root: Path, args: argparse.Namespace) -> int:
    from .diff import compare
    from .diff_text import render

    db = load_database(root)
    for year in (args.from_year, args.to_year):
        if year not in db.years:
            known = ", ".join(str(y) for y in db.years)
            raise FfuError(f"året {year} finns inte i requirements_db/years.yaml (det finns: {known})")
    diff = compare(db, args.from_year, args.to_year, vardval=args.vardval)
    if args.output is not None:
        from .report import write_report

        # Like git -C: a relative output path counts from the folder ffu runs in.
        output = (args.directory or Path.cwd()) / args.output
        _check_output_file(output, root)
        try:
            write_report(db, diff, output)
        except OSError as exc:
            raise FfuError(f"kan inte skriva {output}: {reason(exc)}") from exc
        print(f"skrev {output}: {len(diff.changed)} förändrade krav")
        return EXIT_OK
    colour = args.colour == "ja" or (args.colour == "auto" and sys.stdout.isatty())
    sys.stdout.write(render(db, diff, colour=colour))
    return EXIT_OK


def _diff_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from", dest="from_year", type=int, required=True, metavar="ÅR", help="året att jämföra från"
    )
    p.add_argument("--to", dest="to_year", type=int, required=True, metavar="ÅR", help="året att jämföra med")
    p.add_argument("--vardval", choices=VARDVAL, help="bara ett vårdval (Del A räknas med)")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FIL",
        help="skriv nämndens rapport som Word-fil i stället för att visa ändringarna i terminalen",
    )
    p.add_argument(
        "--colour",
        "--color",
        choices=("auto", "ja", "nej"),
        default="auto",
        help="färg i terminalen (standard: auto)",
    )


def cmd_docx(root: Path, args: argparse.Namespace) -> int:
    from .docx import file_name, render_ffu, write_atomic

    db = load_database(root)
    if args.year not in db.years:
        known = ", ".join(str(y) for y in db.years)
        raise FfuError(f"året {args.year} finns inte i requirements_db/years.yaml (det finns: {known})")
    # Like git -C: a relative output path counts from the folder ffu runs in.
    output = (args.directory or Path.cwd()) / (args.output or file_name(args.vardval, args.year))
    _check_output_file(output, root)
    data = render_ffu(db, args.vardval, args.year, with_comparisons=args.with_comparisons)
    try:
        write_atomic(output, data)
    except OSError as exc:
        raise FfuError(f"kan inte skriva {output}: {reason(exc)}") from exc
    print(f"skrev {output}")
    return EXIT_OK


def _check_output_file(output: Path, root: Path) -> None:
    from .outputs import check_output_file

    check_output_file(output, root)


def _docx_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vardval", choices=VARDVAL, required=True, help="vårdvalet (Del A kommer med)")
    p.add_argument("--year", type=int, required=True, metavar="ÅR", help="FFU-året")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FIL",
        help="filen att skriva (standard: FFU-<vårdval>-<år>.docx)",
    )
    p.add_argument("--with-comparisons", action="store_true", help="ta med omvärldsbevakningen som bilaga")


# Commands that take arguments of their own name a function that adds them.
ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "build": _build_arguments,
    "diff": _diff_arguments,
    "docx": _docx_arguments,
    "validate": edit.validate_arguments,
    "new-year": edit.new_year_arguments,
    "new": edit.new_arguments,
    "propose": edit.propose_arguments,
    "decide": edit.decide_arguments,
    "correct": edit.correct_arguments,
    "show": show_arguments,
    "qa": edit.qa_arguments,
    "site": site.site_arguments,
    "serve": site.serve_arguments,
    "source": edit.source_arguments,
    "region": edit.region_arguments,
    "topic": edit.topic_arguments,
    "omvarld": edit.omvarld_arguments,
    "status": edit.status_arguments,
}


def build_parser() -> argparse.ArgumentParser:
    argparse_sv.install()
    parser = argparse.ArgumentParser(
        prog="ffu",
        description="Förfrågningsunderlag Hälsoval Skåne: validera databasen och bygg Word, webbplats och "
        "ändringsrapporter.",
    )
    parser.add_argument(
        "-C",
        dest="directory",
        metavar="MAPP",
        type=Path,
        help="kör som om ffu startats i MAPP (standard: aktuell mapp)",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", title="kommandon")
    sub.required = True
    commands: dict[str, tuple[str, Callable[[Path, argparse.Namespace], int]]] = {
        "validate": ("kontrollera hela databasen och visa alla fel", cmd_validate),
        "build": ("validera och bygg Word-filer, ändringsrapporter och webbplats", cmd_build),
        "schema": ("skriv JSON-scheman för posterna, med registrens värden, till schemas/", cmd_schema),
        "diff": ("jämför två FFU-år: sammanfattning och ändringar ord för ord", cmd_diff),
        "docx": ("skriv ett års förfrågningsunderlag för ett vårdval som Word-fil", cmd_docx),
        "new-year": ("öppna nästa FFU-år som förslag", edit.cmd_new_year),
        "new": ("skapa ett nytt krav med nästa lediga id, som förslag", edit.cmd_new),
        "propose": ("föreslå en ändring av ett krav, eller att det utgår", edit.cmd_propose),
        "qa": ("för in dialogmöten, frågor och svar", edit.cmd_qa),
        "decide": ("gör ett års förslag till beslut, med nämndens beslutsreferens", edit.cmd_decide),
        "correct": (
            "registrera en rättelse av en beslutad version och försegla den på nytt",
            edit.cmd_correct,
        ),
        "show": ("visa ett krav: vad som gällde ett visst datum eller år, och varför", cmd_show),
        "status": ("visa vad som återstår innan årets förslag kan beslutas", edit.cmd_status),
        "source": ("registrera ett källdokument", edit.cmd_source),
        "omvarld": ("för in omvärldsbevakning: hur andra regioner reglerar ett ämne", edit.cmd_omvarld),
        "region": ("lägg till en region i omvärldsbevakningens register", edit.cmd_region),
        "topic": ("lägg till ett ämne", edit.cmd_topic),
        "site": ("bygg webbplatsen till site/", site.cmd_site),
        "serve": ("bygg webbplatsen och visa den på http://127.0.0.1:8000/", site.cmd_serve),
    }
    for name, (help_text, func) in commands.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        if name in ARGUMENTS:
            ARGUMENTS[name](p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)

    def run() -> int:
        if args.directory is not None and not args.directory.is_dir():
            raise FfuError(f"mappen {args.directory} finns inte")
        root = find_root(args.directory or Path.cwd())
        _recover(root)
        with templates.project(root):
            code: int = args.func(root, args)
        return code

    return guarded(run)


def _recover(root: Path) -> None:
    """Complete or undo a command that was killed while it wrote, before anything else reads."""
    from .edit.journal import recover as recover_edit
    from .publish import recover as recover_build

    for recover in (recover_edit, recover_build):
        message = recover(root)
        if message:
            print(f"ffu: {message}", file=sys.stderr)


def guarded(run: Callable[[], int]) -> int:
    """Run a command body the way every ffu entry point does: problems listed, errors in Swedish,
    the exit codes of `ffu`, and never a traceback (unless FFU_DEBUG is set)."""
    try:
        return run()
    except ProblemsFound as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} fel hittades." if count != 1 else "1 fel hittades.", file=sys.stderr)
        return EXIT_PROBLEMS
    except FfuError as exc:
        print(f"ffu: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        if os.environ.get("FFU_DEBUG"):
            raise
        print(f"ffu: {describe(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ffu: avbrutet", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped reading (ffu show … | head): nothing is wrong, and nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("FFU_DEBUG"):
            raise
        print(
            f"ffu: internt fel ({type(exc).__name__}: {exc}). Inget har skrivits om. "
            "Kör igen med FFU_DEBUG=1 för detaljer och rapportera felet.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
