"""Stage 2: check the parsed files against the schema and against each other.

Every problem is collected, none stops the run, and each one is placed at the
line and column of the value it concerns. Only when there are no problems is
the immutable `Database` built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from . import markup, time_rules
from .database import Database
from .load import DB_DIR, RECORD_DIRS, SOURCES_DIR, RawDatabase, RawFile
from .locate import Locator, PathPart
from .messages import did_you_mean, schema_message
from .model import (
    ID_PREFIX,
    PART_NAMES,
    ChapterRegister,
    Comparison,
    Fact,
    Meeting,
    RegionRegister,
    Requirement,
    SourceRef,
    SourceRegister,
    TopicRegister,
    Version,
    YearRegister,
)
from .problems import Problem, show
from .seals import check_seals

MODELS: dict[str, type[BaseModel]] = {
    "requirement": Requirement,
    "comparison": Comparison,
    "meeting": Meeting,
    "fact": Fact,
    "topics": TopicRegister,
    "chapters": ChapterRegister,
    "years": YearRegister,
    "sources": SourceRegister,
    "regions": RegionRegister,
}
REQUIRED_REGISTERS = ("topics", "chapters", "years", "sources")


def xml_forbidden(ch: str) -> bool:
    """True for characters outside XML 1.0's Char production: they cannot be stored in a Word file.

    Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    """
    code = ord(ch)
    if code in (0x9, 0xA, 0xD):
        return False
    return code < 0x20 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)


# Characters that change how a text reads without being seen ("Trojan Source", CVE-2021-42574):
# direction overrides, embeddings, isolates and marks, and zero-width characters that split or
# join words. The soft hyphen (U+00AD) only allows a line break, so it stays allowed.
_DIRECTION = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_DIRECTION}{_ZERO_WIDTH}]")


def invisible_characters(text: str) -> Iterator[tuple[int, int, str]]:
    """Line, column and message for each invisible or direction-changing character in `text`."""
    for match in _INVISIBLE.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        char = match.group()
        what = "riktningstecknet" if char in _DIRECTION else "det osynliga tecknet"
        yield (
            line,
            column,
            f"{what} U+{ord(char):04X} kan få texten att läsas på ett annat sätt än den står; ta bort det",
        )


def _strings(data: Any, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


class _Validator:
    def __init__(self, raw: RawDatabase, *, seals: bool = True) -> None:
        self.raw = raw
        self.seals = seals
        self.problems: list[Problem] = []
        self.locators: dict[str, Locator] = {}
        self.records: dict[str, list[tuple[RawFile, Any]]] = {kind: [] for kind in MODELS}

    # -- reporting -------------------------------------------------------------------------

    def report(self, file: RawFile, path: Sequence[PathPart], message: str, *, key: bool = False) -> None:
        locator = self.locators.setdefault(file.path, Locator(file.text))
        line, column = locator.position(path, key=key)
        self.problems.append(Problem(file.path, line, column, message))

    def report_text(self, file: RawFile, path: Sequence[PathPart], text: str) -> None:
        """Report markup issues in a text value at their own line within the file."""
        _, issues = markup.parse(text)
        if not issues:
            return
        locator = self.locators.setdefault(file.path, Locator(file.text))
        block = locator.block_source(path)
        if block is not None:
            source, line, column = block
            for issue in markup.parse(source)[1]:
                self.problems.append(
                    Problem(file.path, line + issue.line - 1, column + issue.column - 1, issue.message)
                )
            return
        line, column = locator.scalar_start(path)
        for issue in issues:
            at_column = column + issue.column - 1 if issue.line == 1 else column
            self.problems.append(Problem(file.path, line, at_column, issue.message))

    # -- stages ----------------------------------------------------------------------------

    def run(self) -> tuple[Database | None, list[Problem]]:
        for file in self.raw.files:
            self.check_characters(file)
            record = self.check_schema(file)
            if record is not None:
                self.records[file.kind].append((file, record))
        registers: dict[str, Any] = {}
        for kind in REQUIRED_REGISTERS:
            entries = self.records[kind]
            registers[kind] = entries[0][1] if entries else None
        if any(r is None for r in registers.values()):
            # A missing or broken register was reported already (the loader always looks for all
            # four); without it references cannot be checked.
            return None, sorted(set(self.problems))
        self.topic_ids = {t.id for t in registers["topics"].topics}
        self.chapters = {c.id: c for c in registers["chapters"].chapters}
        self.years = {y.year: y for y in registers["years"].years}
        self.seeds = {s.file for s in registers["sources"].sources}
        regions = self.records["regions"]
        # None: the project keeps no register of regions, so any name goes.
        self.regions = {r.name for r in regions[0][1].regions} if regions else None
        if not regions and any(f.kind == "regions" for f in self.raw.files):
            return None, sorted(set(self.problems))  # a broken regions.yaml, reported already
        self.check_registers()
        self.check_source_files(registers["sources"])
        ids: dict[str, str] = {}
        for file, requirement in self.records["requirement"]:
            self.check_identity(file, requirement.id, ids)
            self.check_requirement(file, requirement)
        self.check_structure()
        for file, comparison in self.records["comparison"]:
            self.check_identity(file, comparison.id, ids)
            self.check_topic(file, ("topic",), comparison.topic)
            self.check_region(file, comparison.region)
            self.check_sources(file, (), comparison.sources)
            self.report_text(file, ("rule",), comparison.rule)
        # A requirement whose file has errors still exists; those errors are reported at the file.
        requirement_ids = self.record_ids("requirement")
        for file, meeting in self.records["meeting"]:
            self.check_identity(file, meeting.id, ids)
            self.check_meeting(file, meeting, requirement_ids)
        comparison_ids = self.record_ids("comparison")
        for file, fact in self.records["fact"]:
            self.check_identity(file, fact.id, ids)
            self.check_fact(file, fact, requirement_ids, comparison_ids)
        self.check_time()
        if self.problems:
            return None, sorted(set(self.problems))
        return self.database(), []

    def record_ids(self, kind: str) -> set[str]:
        """The ids of every record file of a kind, also those whose errors are reported at the file."""
        folder = next(name for name, found in RECORD_DIRS.items() if found == kind)
        paths = [f.path for f in self.raw.files if f.kind == kind]
        paths += [path for path in self.raw.unread if PurePosixPath(path).parent.name == folder]
        return {PurePosixPath(path).stem for path in paths}

    def check_characters(self, file: RawFile) -> None:
        for line, column, message in invisible_characters(file.text):
            self.problems.append(Problem(file.path, line, column, message))
        for path, value in _strings(file.data):
            bad = next((ch for ch in value if xml_forbidden(ch)), None)
            if bad is not None:
                self.report(
                    file,
                    path,
                    f"tecknet U+{ord(bad):04X} är inte tillåtet i text (det kan inte visas i Word eller på "
                    "webben); ta bort det",
                )

    def check_schema(self, file: RawFile) -> Any:
        model = MODELS[file.kind]
        try:
            return model.model_validate(file.data)
        except ValidationError as exc:
            errors = exc.errors()
            for error in errors:
                loc = tuple(error["loc"])
                # pydantic also calls a list too short when one of its items failed: an echo.
                if error["type"] == "too_short" and any(
                    len(other["loc"]) > len(loc) and tuple(other["loc"][: len(loc)]) == loc
                    for other in errors
                ):
                    continue
                # Tags that pydantic adds for union members are not keys in the file.
                loc = tuple(
                    p
                    for p in loc
                    if not (
                        isinstance(p, str)
                        and p in ("date", "str", "int")
                        and p not in _keys_on_path(file.data, loc)
                    )
                )
                self.report(
                    file, loc, schema_message(dict(error), model), key=error["type"] == "extra_forbidden"
                )
            return None

    def check_registers(self) -> None:
        for kind, attr, key in (
            ("topics", "topics", "id"),
            ("chapters", "chapters", "id"),
            ("years", "years", "year"),
            ("sources", "sources", "file"),
            ("regions", "regions", "name"),
        ):
            if not self.records[kind]:
                continue
            file, register = self.records[kind][0]
            seen: set[Any] = set()
            previous = None
            for index, entry in enumerate(getattr(register, attr)):
                value = getattr(entry, key)
                if value in seen:
                    self.report(
                        file,
                        (attr, index, key),
                        f"'{value}' finns redan i registret; varje {key} får bara finnas en gång",
                    )
                seen.add(value)
                if kind == "years" and previous is not None and value < previous:
                    self.report(
                        file,
                        (attr, index, key),
                        f"åren står i fel ordning: {value} efter {previous}; sortera dem i stigande ordning",
                    )
                previous = value

    def check_source_files(self, register: SourceRegister) -> None:
        """Every registered source is there to check facts against."""
        present = self.raw.source_files
        if present is None:
            return
        file = self.records["sources"][0][0]
        for index, source in enumerate(register.sources):
            if source.file not in present:
                self.report(
                    file,
                    ("sources", index, "file"),
                    f"källfilen {DB_DIR}/{SOURCES_DIR}/{source.file} finns inte; lägg tillbaka den "
                    "(git checkout -- filen) eller ta bort posten om dokumentet inte används",
                )

    def check_region(self, file: RawFile, region: str) -> None:
        if self.regions is not None and region not in self.regions:
            self.report(
                file,
                ("region",),
                f"okänd region {show(region)}{did_you_mean(region, sorted(self.regions))}; välj en region "
                "ur requirements_db/regions.yaml eller lägg till den med 'ffu region add'",
            )

    def check_identity(self, file: RawFile, record_id: str, seen: dict[str, str]) -> None:
        stem = PurePosixPath(file.path).stem
        if stem != record_id:
            self.report(
                file,
                ("id",),
                f"id '{record_id}' stämmer inte med filnamnet '{stem}.yaml'; döp om filen eller rätta id",
            )
        if record_id in seen:
            self.report(
                file,
                ("id",),
                f"id '{record_id}' används redan i {seen[record_id]}; ett id får bara "
                "finnas i en fil och återanvänds aldrig",
            )
        else:
            seen[record_id] = file.path

    def check_topic(self, file: RawFile, path: tuple[PathPart, ...], topic: str) -> None:
        if topic not in self.topic_ids:
            self.report(
                file,
                path,
                f"okänt ämne {show(topic)}{did_you_mean(topic, sorted(self.topic_ids))}; välj ett ämne ur "
                "requirements_db/topics.yaml eller lägg till det med 'ffu topic add'",
            )

    def check_sources(self, file: RawFile, path: tuple[PathPart, ...], sources: Sequence[SourceRef]) -> None:
        for index, source in enumerate(sources):
            if source.seed not in self.seeds:
                self.report(
                    file,
                    (*path, "sources", index, "seed"),
                    f"okänd källa {show(source.seed)}{did_you_mean(source.seed, sorted(self.seeds))}; "
                    "källor ska finnas i requirements_db/sources.yaml (lägg till med 'ffu source add')",
                )

    def check_requirement(self, file: RawFile, req: Requirement) -> None:
        prefix = req.id.split("-")[0]
        if ID_PREFIX[req.part] != prefix:
            self.report(
                file,
                ("id",),
                f"id '{req.id}' passar inte delen '{req.part}'; ett krav i "
                f"{PART_NAMES[req.part]} har id {ID_PREFIX[req.part]}-NNN",
            )
        if len(set(req.vardval)) != len(req.vardval):
            self.report(file, ("vardval",), "samma vårdval står flera gånger; ange varje vårdval en gång")
        if req.part == "a" and len(req.vardval) < 2:
            self.report(
                file,
                ("vardval",),
                "ett krav i Del A gäller flera vårdval; ange minst två, eller flytta "
                "kravet till vårdvalets egen del",
            )
        elif req.part != "a" and tuple(req.vardval) != (req.part,):
            self.report(
                file,
                ("vardval",),
                f"ett krav i delen {req.part} gäller bara vårdvalet {req.part}; "
                "ett krav som gäller flera vårdval hör till Del A",
            )
        for index, topic in enumerate(req.topics):
            self.check_topic(file, ("topics", index), topic)
        previous: Version | None = None
        for index, version in enumerate(req.versions):
            self.check_version(file, req, index, version, previous)
            previous = version

    def check_version(
        self, file: RawFile, req: Requirement, index: int, v: Version, previous: Version | None
    ) -> None:
        at = ("versions", index)
        register = self.years.get(v.year)
        if register is None:
            self.report(
                file,
                (*at, "year"),
                f"året {v.year} finns inte i requirements_db/years.yaml; öppna "
                f"året med 'ffu new-year {v.year}'",
            )
        elif register.status == "förslag" and v.status == "beslutad":
            self.report(
                file,
                (*at, "status"),
                f"året {v.year} är ett förslag i years.yaml; versionen kan bli "
                "beslutad först när året beslutas med 'ffu decide'",
            )
        if previous is not None and v.year == previous.year:
            self.report(
                file,
                (*at, "year"),
                f"året {v.year} har redan en version; ett år får bara ha en version, slå ihop dem",
            )
        elif previous is not None and v.year < previous.year:
            self.report(
                file,
                (*at, "year"),
                f"versionerna står i fel ordning: {v.year} kommer efter "
                f"{previous.year}; sortera dem i stigande år",
            )
        if v.effective is not None and v.effective.year != v.year:
            self.report(
                file,
                (*at, "effective"),
                f"datumet {v.effective.isoformat()} ligger utanför FFU-året "
                f"{v.year}; ett datum ett annat år hör till det årets version",
            )
        if v.change == "utgår":
            if v.text is not None:
                self.report(
                    file, (*at, "text"), "en version som utgår har ingen text; ta bort 'text'", key=True
                )
            if v.placement is not None:
                self.report(
                    file,
                    (*at, "placement"),
                    "en version som utgår har ingen placering; ta bort 'placement'",
                    key=True,
                )
            if previous is None:
                self.report(
                    file,
                    (*at, "change"),
                    "den första versionen kan inte vara 'utgår'; ett krav måste finnas innan det kan utgå",
                )
        else:
            if v.text is None:
                self.report(file, at, "versionen saknar 'text'; bara en version som utgår saknar text")
            else:
                self.report_text(file, (*at, "text"), v.text)
            if v.placement is None:
                self.report(file, at, "versionen saknar 'placement' (kapitel, avsnitt och rubrik)")
            else:
                self.check_placement(file, req, (*at, "placement"), v)
        if previous is not None and previous.change == "utgår" and v.change != "ny":
            self.report(file, (*at, "change"), "kravet har utgått; det kan bara komma tillbaka som 'ny'")
        elif previous is not None and previous.change != "utgår" and v.change == "ny":
            self.report(file, (*at, "change"), "kravet finns redan; använd 'ändrad' eller 'oförändrad'")
        if previous is not None and v.change == "oförändrad" and v.text != previous.text:
            self.report(file, (*at, "change"), "texten skiljer sig från föregående version; använd 'ändrad'")
        if (
            previous is not None
            and v.change == "ändrad"
            and v.text == previous.text
            and v.placement == previous.placement
        ):
            self.report(
                file,
                (*at, "change"),
                "texten och placeringen är desamma som i förra versionen; skriv den ändrade texten, "
                "eller ta bort versionen om kravet inte ska ändras",
            )
        if v.status == "beslutad" and v.change in ("ny", "ändrad", "utgår") and v.decision is None:
            self.report(
                file,
                (*at, "status"),
                "en beslutad ändring behöver en beslutsreferens; lägg till "
                "'decision:' med body (och date och paragraph om de är kända)",
            )
        if v.status == "förslag" and v.decision is not None:
            self.report(
                file,
                (*at, "decision"),
                "ett förslag har inget beslut ännu; ta bort 'decision' eller sätt status: beslutad",
                key=True,
            )
        if v.vardval is not None:
            if req.part != "a":
                self.report(
                    file,
                    (*at, "vardval"),
                    "bara krav i Del A kan byta vårdval mellan år; ta bort 'vardval' från versionen",
                    key=True,
                )
            elif len(set(v.vardval)) != len(v.vardval):
                self.report(file, (*at, "vardval"), "samma vårdval står flera gånger")
        self.check_sources(file, at, v.sources)
        if v.decision is not None:
            self.check_sources(file, (*at, "decision"), v.decision.sources)

    def check_placement(self, file: RawFile, req: Requirement, at: tuple[PathPart, ...], v: Version) -> None:
        placement = v.placement
        assert placement is not None
        chapter = self.chapters.get(placement.chapter)
        if chapter is None:
            self.report(
                file,
                (*at, "chapter"),
                f"okänt kapitel {show(placement.chapter)}"
                f"{did_you_mean(placement.chapter, sorted(self.chapters))}; "
                "välj ett id ur requirements_db/chapters.yaml",
            )
        elif chapter.part != req.part:
            self.report(
                file,
                (*at, "chapter"),
                f"kapitlet '{chapter.id}' hör till {PART_NAMES[chapter.part]}, "
                f"men kravet hör till {PART_NAMES[req.part]}",
            )

    def check_structure(self) -> None:
        """Within one part and year, a section number has one heading and a chapter one number.

        Every version in force that year counts, also those carried forward from earlier years.
        Carried-forward placements are read first, so a conflict is reported at the version
        written for the year, which is where the writer just made it.
        """
        reported: set[tuple[str, int, str]] = set()
        for year in self.years:
            in_force = []
            for file, req in self.records["requirement"]:
                version = req.version_for(year)
                if version is not None and version.placement is not None:
                    in_force.append((version.year == year, file, req, version))
            headings: dict[tuple[str, str], tuple[str, str]] = {}
            numbers: dict[tuple[str, str], tuple[str, str]] = {}
            chapters_by_number: dict[tuple[str, str], tuple[str, str]] = {}

            def conflict(file: RawFile, index: int, field: str, message: str) -> None:
                if (file.path, index, field) not in reported:
                    reported.add((file.path, index, field))
                    self.report(file, ("versions", index, "placement", field), message)

            for _, file, req, version in sorted(in_force, key=lambda item: item[0]):
                index = req.versions.index(version)
                p = version.placement
                assert p is not None
                key = (req.part, p.section)
                if key in headings and headings[key][0] != p.heading:
                    conflict(
                        file,
                        index,
                        "heading",
                        f"avsnitt {p.section} heter '{headings[key][0]}' i "
                        f"{headings[key][1]} år {year}; ett avsnitt har en rubrik",
                    )
                headings.setdefault(key, (p.heading, req.id))
                chapter_key = (req.part, p.chapter)
                number = p.chapter_number()
                if chapter_key in numbers and numbers[chapter_key][0] != number:
                    conflict(
                        file,
                        index,
                        "section",
                        f"kapitlet '{p.chapter}' har nummer "
                        f"{numbers[chapter_key][0]} i {numbers[chapter_key][1]} år {year}; avsnittet "
                        f"{p.section} ger nummer {number}",
                    )
                numbers.setdefault(chapter_key, (number, req.id))
                number_key = (req.part, number)
                if number_key in chapters_by_number and chapters_by_number[number_key][0] != p.chapter:
                    conflict(
                        file,
                        index,
                        "section",
                        f"kapitel {number} är "
                        f"'{chapters_by_number[number_key][0]}' i {chapters_by_number[number_key][1]} "
                        f"år {year}, inte '{p.chapter}'",
                    )
                chapters_by_number.setdefault(number_key, (p.chapter, req.id))

    def check_time(self) -> None:
        """The rules of status and time: seals of decided text, unknown dates, meeting years."""
        by_id = {req.id: (file, req) for file, req in self.records["requirement"]}
        for file, req in by_id.values():
            for index, version in enumerate(req.versions):
                for path, message in time_rules.version_problems(version):
                    self.report(file, ("versions", index, *path), message)
        years_file, register = self.records["years"][0]
        # A seal is judged only where nothing else is wrong: a file with other errors would
        # otherwise get a follow-on error for the same edit.
        troubled = {p.path for p in self.problems}
        requirements = [req for file, req in by_id.values() if file.path not in troubled]
        sealed = check_seals(requirements, self.years) if self.seals else ()
        for problem in sealed:
            if problem.requirement_id is None:
                if self.problems or self.raw.unread:
                    continue  # a seal without its version may be a record that could not be read
                index = next(i for i, y in enumerate(register.years) if y.year == problem.year)
                self.report(years_file, ("years", index, "seals"), problem.message)
                continue
            file, req = by_id[problem.requirement_id]
            assert problem.version_index is not None
            version = req.versions[problem.version_index]
            field = "text" if version.text is not None else "status"
            self.report(file, ("versions", problem.version_index, field), problem.message)
        for file, meeting in self.records["meeting"]:
            if meeting.year not in self.years:
                self.report(
                    file,
                    ("year",),
                    f"FFU-året {meeting.year} finns inte i requirements_db/years.yaml; ange det år vars "
                    "förfrågningsunderlag mötet gäller, eller öppna året med 'ffu new-year'",
                )

    def check_meeting(self, file: RawFile, meeting: Meeting, requirement_ids: set[str]) -> None:
        if meeting.id != meeting.date.isoformat():
            self.report(file, ("id",), f"mötets id ska vara dess datum, {meeting.date.isoformat()}")
        self.check_sources(file, (), meeting.sources)
        numbers: set[int] = set()
        for index, q in enumerate(meeting.questions):
            at = ("questions", index)
            if q.number in numbers:
                self.report(
                    file, (*at, "number"), f"fråga {q.number} finns redan i mötet; numrera frågorna unikt"
                )
            numbers.add(q.number)
            for i, rid in enumerate(q.requirements):
                if rid not in requirement_ids:
                    self.report(
                        file,
                        (*at, "requirements", i),
                        f"kravet {rid} finns inte{_other_part(rid, requirement_ids)}; ange id för "
                        "ett befintligt krav i requirements_db/requirements/",
                    )
            for i, topic in enumerate(q.topics):
                self.check_topic(file, (*at, "topics", i), topic)
            if len(set(q.vardval)) != len(q.vardval):
                self.report(file, (*at, "vardval"), "samma vårdval står flera gånger")
            if q.completed is not None and q.completed.date < meeting.date:
                self.report(
                    file, (*at, "completed", "date"), "kompletteringen kan inte vara daterad före mötet"
                )
            self.report_text(file, (*at, "question"), q.question)
            if q.answer is not None:
                self.report_text(file, (*at, "answer"), q.answer)
            self.check_sources(file, at, q.sources)

    def check_fact(
        self, file: RawFile, fact: Fact, requirement_ids: set[str], comparison_ids: set[str]
    ) -> None:
        for index, rid in enumerate(fact.requirements):
            if rid not in requirement_ids:
                self.report(
                    file,
                    ("requirements", index),
                    f"kravet {rid} finns inte; ange id för ett befintligt krav i "
                    "requirements_db/requirements/",
                )
        for index, cid in enumerate(fact.comparisons):
            if cid not in comparison_ids:
                self.report(
                    file,
                    ("comparisons", index),
                    f"omvärldsuppgiften {cid} finns inte; ange id för en befintlig uppgift i "
                    "requirements_db/comparisons/",
                )
        for index, topic in enumerate(fact.topics):
            self.check_topic(file, ("topics", index), topic)
        if len(set(fact.vardval)) != len(fact.vardval):
            self.report(file, ("vardval",), "samma vårdval står flera gånger; ange varje vårdval en gång")
        period = fact.period
        if period is not None and period.start and period.end and period.end < period.start:
            self.report(
                file,
                ("period", "end"),
                f"perioden slutar {period.end.isoformat()}, före sin början {period.start.isoformat()}; "
                "rätta datumen",
            )
        self.report_text(file, ("text",), fact.text)
        self.check_sources(file, (), fact.sources)

    def database(self) -> Database:
        return Database.build(
            requirements=[r for _, r in self.records["requirement"]],
            comparisons=[c for _, c in self.records["comparison"]],
            meetings=[m for _, m in self.records["meeting"]],
            topics=list(self.records["topics"][0][1].topics),
            chapters=list(self.records["chapters"][0][1].chapters),
            years=list(self.records["years"][0][1].years),
            sources=list(self.records["sources"][0][1].sources),
            regions=[r for _, reg in self.records["regions"] for r in reg.regions],
            paths={
                r.id: f.path
                for kind in ("requirement", "comparison", "meeting", "fact")
                for f, r in self.records[kind]
            },
            facts=[f for _, f in self.records["fact"]],
        )


def _other_part(rid: str, known: set[str]) -> str:
    """' (menar du 'BVC-014'?)' when the number exists in exactly one other part: a mistyped prefix.

    A near number is no hint: VC-014 and VC-041 are unrelated requirements.
    """
    number = rid.split("-")[-1]
    same = [k for k in known if k.split("-")[-1] == number and k != rid]
    return f" (menar du '{same[0]}'?)" if len(same) == 1 else ""


def _keys_on_path(data: Any, loc: tuple[Any, ...]) -> set[str]:
    keys: set[str] = set()
    current = data
    for part in loc:
        if isinstance(current, dict):
            keys.update(str(k) for k in current)
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            break
    return keys


def validate(raw: RawDatabase, *, seals: bool = True) -> tuple[Database | None, list[Problem]]:
    """Check everything; return the database only when there is no problem at all.

    With `seals=False` decided text that no longer matches its seal passes: `ffu correct`
    starts from such a database, and its result is checked with seals again.
    """
    return _Validator(raw, seals=seals).run()
