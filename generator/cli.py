"""The `ffu` command. Every message a user sees is Swedish, and no traceback reaches them."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import argparse_sv
from .pipeline import load_database
from .problems import ProblemsFound
from .model import VARDVAL
from .project import NoProject, find_root

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UserError(Exception):
    """An error the user can fix, with a Swedish message."""


def cmd_validate(root: Path, args: argparse.Namespace) -> int:
    db = load_database(root)
    print(
        f"Inga fel: {len(db.requirements)} krav, {len(db.comparisons)} omvärldsuppgifter, "
        f"{len(db.meetings)} dialogmöten."
    )
    return EXIT_OK


def cmd_build(root: Path, args: argparse.Namespace) -> int:
    from .summary import summary

    db = load_database(root)
    print(summary(db))
    return EXIT_OK


def cmd_schema(root: Path, args: argparse.Namespace) -> int:
    from . import schemas

    for path in schemas.write(root / "schemas"):
        print(f"skrev {path.relative_to(root).as_posix()}")
    return EXIT_OK


def cmd_diff(root: Path, args: argparse.Namespace) -> int:
    from .diff import compare
    from .diff_text import render

    db = load_database(root)
    for year in (args.from_year, args.to_year):
        if year not in db.years:
            known = ", ".join(str(y) for y in db.years)
            raise UserError(f"året {year} finns inte i requirements_db/years.yaml (det finns: {known})")
    diff = compare(db, args.from_year, args.to_year, vardval=args.vardval)
    colour = args.colour == "ja" or (args.colour == "auto" and sys.stdout.isatty())
    sys.stdout.write(render(diff, colour=colour))
    return EXIT_OK


def _diff_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="from_year", type=int, required=True, metavar="ÅR", help="året att jämföra från")
    p.add_argument("--to", dest="to_year", type=int, required=True, metavar="ÅR", help="året att jämföra med")
    p.add_argument("--vardval", choices=VARDVAL, help="bara ett vårdval (Del A räknas med)")
    p.add_argument("--colour", "--color", choices=("auto", "ja", "nej"), default="auto",
                   help="färg i terminalen (standard: auto)")


# Commands that take arguments of their own name a function that adds them.
ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "diff": _diff_arguments,
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
        "build": ("validera och visa en sammanfattning per vårdval och år", cmd_build),
        "schema": ("skriv JSON-scheman för posterna till schemas/", cmd_schema),
        "diff": ("jämför två FFU-år: sammanfattning och ändringar ord för ord", cmd_diff),
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
    try:
        root = find_root(args.directory or Path.cwd())
        code: int = args.func(root, args)
        return code
    except ProblemsFound as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} fel hittades." if count != 1 else "1 fel hittades.", file=sys.stderr)
        return EXIT_PROBLEMS
    except (NoProject, UserError) as exc:
        print(f"ffu: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ffu: avbrutet", file=sys.stderr)
        return 130
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
