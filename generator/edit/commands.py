"""The writers' commands on the `ffu` command line: their arguments, and running them.

`generator/cli.py` lists them beside the other commands; each `cmd_*` here takes the
project root and the parsed arguments like the commands there, and each `*_arguments`
adds a command's arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import get_args

from ..errors import FfuError
from ..model import VARDVAL, Level, RequirementKind
from ..problems import ProblemsFound
from .errors import EditError
from .session import Refused

Command = Callable[[Path, argparse.Namespace], int]


def _writer_command(run: Callable[[Path, argparse.Namespace], list[str]]) -> Command:
    """Print what the command did; give a refusal its first line and the CLI's exit code."""

    @wraps(run)
    def command(root: Path, args: argparse.Namespace) -> int:
        from .journal import editing

        try:
            # One editing command at a time, from reading the database to writing it.
            with editing(root):
                lines = run(root, args)
        except Refused as exc:
            print(f"ffu {args.command}: {exc.headline}:", file=sys.stderr)
            raise
        except EditError as exc:
            # The one place that says so: an EditError is raised before anything is written.
            raise FfuError(f"{exc}; inget har ändrats") from exc
        print("\n".join(lines))
        return 0

    return command


# -- argument types ---------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' är inget giltigt datum; skriv ÅÅÅÅ-MM-DD") from None


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"'{text}' är inget årtal; skriv till exempel 2027")
    return int(text)


def _words(text: str) -> list[str]:
    """A comma-separated list, as in --vardval vc,bvc."""
    return [word.strip() for word in text.split(",") if word.strip()]


def _vardval(text: str) -> list[str]:
    words = _words(text)
    unknown = [w for w in words if w not in VARDVAL]
    if unknown:
        raise argparse.ArgumentTypeError(f"okänt vårdval '{unknown[0]}'; välj bland {', '.join(VARDVAL)}")
    return words


def _source_arguments(p: argparse.ArgumentParser, *, required: bool = False) -> None:
    p.add_argument(
        "--source",
        metavar="FIL",
        required=required,
        help="källdokumentet: ett filnamn ur requirements_db/sources.yaml, som 000_9457d6a6039ce02e.txt",
    )
    p.add_argument(
        "--locator",
        metavar="VAR",
        required=required,
        help="var i källan: frågans nummer, bildens rubrik eller avsnittets rubrik",
    )


# -- validate FILES ---------------------------------------------------------------------------


def validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FIL",
        help="visa bara fel i dessa filer (hela databasen läses ändå, så att hänvisningar kan kontrolleras)",
    )


def cmd_validate_files(root: Path, args: argparse.Namespace) -> int:
    from .scoped import problems_in

    # Like git -C: file names count from the folder ffu runs in.
    mine, elsewhere = problems_in(root, args.files, args.directory or Path.cwd())
    if mine:
        raise ProblemsFound(mine)
    print(f"Inga fel i {len(args.files)} {'fil' if len(args.files) == 1 else 'filer'}.")
    if elsewhere:
        print(f"({elsewhere} fel i andra filer; kör 'ffu validate' för att se dem.)")
    return 0


# -- new-year and decide ----------------------------------------------------------------------


def new_year_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("year", type=_year, metavar="ÅR", help="året att öppna, till exempel 2027")


@_writer_command
def cmd_new_year(root: Path, args: argparse.Namespace) -> list[str]:
    from .years import new_year

    return new_year(root, args.year)


def decide_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("year", type=_year, metavar="ÅR", help="året som beslutas")
    p.add_argument(
        "--ref",
        metavar="REFERENS",
        help='beslutet som organ, datum och paragraf, till exempel "PVN 2026-12-10 § 123" '
        "(krävs för ett beslut)",
    )
    p.add_argument(
        "--date",
        type=_date,
        metavar="ÅÅÅÅ-MM-DD",
        help="beslutsdatum, om det inte står i referensen; med --withdraw: återkallelsens datum "
        "(standard: i dag)",
    )
    p.add_argument(
        "--withdraw",
        action="store_true",
        help="återkalla ett felaktigt beslut: året och dess beslutade versioner blir förslag igen",
    )
    p.add_argument("--reason", metavar="SKÄL", help="varför beslutet återkallas (krävs med --withdraw)")


@_writer_command
def cmd_decide(root: Path, args: argparse.Namespace) -> list[str]:
    from .errors import EditError
    from .years import decide, withdraw

    if args.withdraw:
        if not args.reason:
            raise EditError("ange varför beslutet återkallas med --reason")
        return withdraw(root, args.year, args.reason, args.date or dt.date.today())
    if not args.ref:
        raise EditError(f'ange beslutet med --ref, till exempel --ref "PVN {args.year - 1}-12-10 § 123"')
    return decide(root, args.year, args.ref, args.date)


def correct_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help="kravets id, till exempel VC-001")
    p.add_argument("--year", type=_year, required=True, metavar="ÅR", help="året för den beslutade versionen")
    p.add_argument("--reason", required=True, metavar="SKÄL", help="varför versionen rättas")
    p.add_argument("--date", type=_date, metavar="ÅÅÅÅ-MM-DD", help="rättelsens datum (standard: i dag)")


@_writer_command
def cmd_correct(root: Path, args: argparse.Namespace) -> list[str]:
    from .years import correct

    return correct(root, args.id.upper(), args.year, args.reason, args.date or dt.date.today())


# -- new and propose --------------------------------------------------------------------------


def _draft_arguments(p: argparse.ArgumentParser, otherwise: str) -> argparse._MutuallyExclusiveGroup:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--text", metavar="TEXT", help=f"kravtexten (annars {otherwise})")
    p.add_argument(
        "--ordagrant",
        dest="verbatim",
        action="store_true",
        help="texten står ordagrant i källan (paraphrased: false); annars märks den som återgiven med "
        "egna ord (paraphrased: true)",
    )
    p.add_argument("--motivation", metavar="TEXT", help="motiveringen (annars en platshållare)")
    _source_arguments(p)
    return group


def new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--vardval",
        type=_vardval,
        required=True,
        metavar="VÅRDVAL",
        help="vårdvalet, till exempel vc; flera med kommatecken (vc,bvc) ger ett krav i Del A",
    )
    p.add_argument(
        "--title", required=True, metavar="RUBRIK", help="avsnittets rubrik, till exempel Startbidrag"
    )
    p.add_argument("--section", metavar="NUMMER", help="avsnittsnummer, till exempel 6.6")
    p.add_argument("--chapter", metavar="KAPITEL", help="kapitlets id ur chapters.yaml, om det inte framgår")
    p.add_argument("--kind", choices=get_args(RequirementKind), default="basuppdrag", help="typ av krav")
    p.add_argument("--level", choices=get_args(Level), default="ska", help="ska (krav) eller bör")
    p.add_argument(
        "--topic", type=_words, action="extend", default=[], metavar="ÄMNE", help="ämnen ur topics.yaml"
    )
    p.add_argument(
        "--year", type=_year, metavar="ÅR", help="förslagsåret (standard: senaste året som är förslag)"
    )
    _draft_arguments(p, "en platshållare att skriva över")


@_writer_command
def cmd_new(root: Path, args: argparse.Namespace) -> list[str]:
    from .requirements import Draft, new_requirement

    return new_requirement(
        root,
        vardval=args.vardval,
        title=args.title,
        section=args.section,
        chapter=args.chapter,
        kind=args.kind,
        level=args.level,
        topics=args.topic,
        year=args.year,
        draft=Draft(args.text, args.motivation, args.source, args.locator, args.verbatim),
    )


def propose_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help="kravets id, till exempel VC-014")
    p.add_argument(
        "--year", type=_year, metavar="ÅR", help="förslagsåret (standard: senaste året som är förslag)"
    )
    group = _draft_arguments(p, "en kopia av nuvarande text att skriva om")
    group.add_argument("--remove", action="store_true", help="föreslå att kravet utgår")


@_writer_command
def cmd_propose(root: Path, args: argparse.Namespace) -> list[str]:
    from .requirements import Draft, propose

    draft = Draft(args.text, args.motivation, args.source, args.locator, args.verbatim)
    return propose(root, args.id.upper(), year=args.year, remove=args.remove, draft=draft)


# -- qa ---------------------------------------------------------------------------------------


def qa_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="qa_command", metavar="STEG", title="steg")
    sub.required = True

    meeting = sub.add_parser(
        "add-meeting", help="lägg till ett dialogmöte", description="lägg till ett dialogmöte"
    )
    meeting.add_argument("--date", type=_date, required=True, metavar="ÅÅÅÅ-MM-DD", help="mötets datum")
    meeting.add_argument("--name", required=True, metavar="NAMN", help="mötets namn")
    meeting.add_argument("--organiser", required=True, metavar="ARRANGÖR", help="vem som höll mötet")
    meeting.add_argument(
        "--year",
        type=_year,
        metavar="ÅR",
        help="FFU-året som mötet gäller (standard: det öppna förslagsåret om det finns, annars mötets år)",
    )
    _source_arguments(meeting, required=True)
    meeting.set_defaults(qa=_cmd_add_meeting)

    add = sub.add_parser(
        "add", help="lägg till en fråga, med svar om det finns", description="lägg till en fråga"
    )
    add.add_argument("--meeting", type=_date, required=True, metavar="ÅÅÅÅ-MM-DD", help="mötets datum")
    add.add_argument("--question", required=True, metavar="TEXT", help="frågan, ordagrant")
    add.add_argument("--answer", metavar="TEXT", help="svaret, om det finns")
    add.add_argument("--number", type=int, metavar="N", help="frågans nummer (standard: nästa)")
    add.add_argument(
        "--vardval", type=_vardval, action="extend", default=[], metavar="VÅRDVAL", help="vårdval"
    )
    add.add_argument(
        "--krav", type=_words, action="extend", default=[], metavar="ID", help="krav som frågan gäller"
    )
    add.add_argument("--topic", type=_words, action="extend", default=[], metavar="ÄMNE", help="ämnen")
    add.add_argument("--source", metavar="FIL", help="källdokumentet (standard: mötets, om det har ett)")
    add.add_argument(
        "--locator", required=True, metavar="VAR", help="var i källan frågan står, till exempel Fråga 3"
    )
    add.set_defaults(qa=_cmd_add_question)

    answer = sub.add_parser(
        "answer",
        help="ge en fråga svar, eller komplettera svaret",
        description="ge en fråga svar; har frågan redan ett svar blir texten en komplettering av svaret, "
        "daterad med --date (standard: i dag)",
    )
    answer.add_argument("--meeting", type=_date, required=True, metavar="ÅÅÅÅ-MM-DD", help="mötets datum")
    answer.add_argument("--number", type=int, required=True, metavar="N", help="frågans nummer")
    answer.add_argument(
        "--text", required=True, metavar="TEXT", help="svaret, eller kompletteringen om frågan har svar"
    )
    answer.add_argument(
        "--date", type=_date, metavar="ÅÅÅÅ-MM-DD", help="kompletteringens datum (standard: i dag)"
    )
    answer.set_defaults(qa=_cmd_answer)


@_writer_command
def cmd_qa(root: Path, args: argparse.Namespace) -> list[str]:
    step: Callable[[Path, argparse.Namespace], list[str]] = args.qa
    return step(root, args)


def _cmd_add_meeting(root: Path, args: argparse.Namespace) -> list[str]:
    from .qa import add_meeting

    return add_meeting(
        root,
        date=args.date,
        name=args.name,
        organiser=args.organiser,
        source=args.source,
        locator=args.locator,
        year=args.year,
    )


def _cmd_add_question(root: Path, args: argparse.Namespace) -> list[str]:
    from .qa import add_question

    return add_question(
        root,
        meeting_date=args.meeting,
        question=args.question,
        answer=args.answer,
        number=args.number,
        vardval=args.vardval,
        requirements=[rid.upper() for rid in args.krav],
        topics=args.topic,
        source=args.source,
        locator=args.locator,
    )


def _cmd_answer(root: Path, args: argparse.Namespace) -> list[str]:
    from .qa import answer

    return answer(root, meeting_date=args.meeting, number=args.number, text=args.text, date=args.date)


# -- sources, regions, topics and omvärldsbevakning ---------------------------------------------


def _add_step(p: argparse.ArgumentParser, what: str) -> argparse.ArgumentParser:
    """The one step these commands have, `add`, as in 'ffu source add'."""
    sub = p.add_subparsers(dest="step", metavar="STEG", title="steg")
    sub.required = True
    return sub.add_parser("add", help=f"lägg till {what}", description=f"lägg till {what}")


def source_arguments(p: argparse.ArgumentParser) -> None:
    add = _add_step(p, "ett källdokument: kopiera in det under nästa filnamn och registrera det")
    add.add_argument(
        "file", type=Path, metavar="FIL", help="dokumentet som text (UTF-8), till exempel utdrag.txt"
    )
    add.add_argument("--title", required=True, metavar="TITEL", help="dokumentets titel")
    add.add_argument("--publisher", required=True, metavar="UTGIVARE", help="vem som gav ut dokumentet")
    add.add_argument("--date", type=_date, metavar="ÅÅÅÅ-MM-DD", help="dokumentets datum, om det är känt")
    add.add_argument("--url", metavar="ADRESS", help="webbadressen där dokumentet är publicerat")


@_writer_command
def cmd_source(root: Path, args: argparse.Namespace) -> list[str]:
    from .records import add_source

    # Like git -C: the file name counts from the folder ffu runs in.
    file = (args.directory or Path.cwd()) / args.file
    return add_source(root, file, title=args.title, publisher=args.publisher, date=args.date, url=args.url)


def region_arguments(p: argparse.ArgumentParser) -> None:
    add = _add_step(p, "en region i registret requirements_db/regions.yaml")
    add.add_argument("name", metavar="NAMN", help='regionens namn, till exempel "Region Kalmar län"')
    add.add_argument(
        "--ny", dest="anyway", action="store_true", help="lägg till även om ett liknande namn finns"
    )


@_writer_command
def cmd_region(root: Path, args: argparse.Namespace) -> list[str]:
    from .records import add_region

    return add_region(root, args.name, anyway=args.anyway)


def topic_arguments(p: argparse.ArgumentParser) -> None:
    add = _add_step(p, "ett ämne i requirements_db/topics.yaml")
    add.add_argument(
        "id", metavar="ID", help="ämnets id: a–z, siffror och bindestreck, till exempel oppettider"
    )
    add.add_argument(
        "--name", required=True, metavar="NAMN", help="ämnets namn på svenska, till exempel Öppettider"
    )
    add.add_argument("--description", metavar="TEXT", help="en kort beskrivning")


@_writer_command
def cmd_topic(root: Path, args: argparse.Namespace) -> list[str]:
    from .records import add_topic

    return add_topic(root, args.id, name=args.name, description=args.description)


def _figure(text: str) -> object:
    from .records import parse_figure

    try:
        return parse_figure(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def omvarld_arguments(p: argparse.ArgumentParser) -> None:
    add = _add_step(p, "en uppgift om hur en annan region reglerar ett ämne, med nästa lediga OMV-id")
    add.add_argument("--region", required=True, metavar="REGION", help="regionen, stavad som i regions.yaml")
    add.add_argument("--topic", required=True, metavar="ÄMNE", help="ämnets id ur topics.yaml")
    add.add_argument(
        "--aspect",
        required=True,
        metavar="ASPEKT",
        help="kolumnen i jämförelsen; samma stavning som de andra regionernas uppgifter om ämnet",
    )
    add.add_argument("--rule", required=True, metavar="TEXT", help="regeln i korthet")
    add.add_argument(
        "--figure",
        type=_figure,
        action="append",
        default=[],
        metavar='"ETIKETT=VÄRDE ENHET"',
        help='en siffra, till exempel "Öppettider per vecka=45 timmar"; flera med --figure igen',
    )
    _source_arguments(add, required=True)
    add.add_argument(
        "--year-observed", type=_year, metavar="ÅR", help="året uppgiften avser, om källan anger det"
    )
    add.add_argument(
        "--ordagrant",
        dest="verbatim",
        action="store_true",
        help="regeln står ordagrant i källan (annars märks den som återgiven med egna ord)",
    )
    add.add_argument("--ny-region", action="store_true", help="lägg också till regionen i regions.yaml")
    add.add_argument(
        "--ny-aspekt", action="store_true", help="en ny aspekt även om en liknande redan används"
    )


@_writer_command
def cmd_omvarld(root: Path, args: argparse.Namespace) -> list[str]:
    from .records import add_comparison

    return add_comparison(
        root,
        region=args.region,
        topic=args.topic,
        aspect=args.aspect,
        rule=args.rule,
        figures=args.figure,
        source=args.source,
        locator=args.locator,
        year_observed=args.year_observed,
        verbatim=args.verbatim,
        new_region=args.ny_region,
        new_aspect=args.ny_aspekt,
    )


def status_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=_year, metavar="ÅR", help="året (standard: senaste året som är förslag)")


def cmd_status(root: Path, args: argparse.Namespace) -> int:
    from .status import report, status

    found = status(root, args.year)
    if found is None:
        print(
            "Inget år är öppet som förslag, så inget väntar på beslut. "
            "Öppna nästa år med 'ffu new-year ÅR', eller ange ett år med --year."
        )
        return 0
    print("\n".join(report(found)))
    return 0
