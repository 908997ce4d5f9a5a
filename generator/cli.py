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
    }
    for name, (help_text, func) in commands.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
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
