"""The record schema and the immutable model of the requirements database.

The pydantic classes below are the single definition of every record kind: the
loader validates YAML against them, `schemas/*.schema.json` is generated from
them, and the renderers read the resulting frozen objects. Descriptions are in
Swedish because they reach writers through the JSON Schema in their editor.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

VARDVAL = ("vc", "bvc", "bmm", "psykoterapi")
PARTS = ("a", *VARDVAL)

Vardval = Literal["vc", "bvc", "bmm", "psykoterapi"]
Part = Literal["a", "vc", "bvc", "bmm", "psykoterapi"]
ChangeKind = Literal["ny", "ändrad", "oförändrad", "utgår"]
Status = Literal["förslag", "beslutad"]
Level = Literal["ska", "bör"]
RequirementKind = Literal[
    "basuppdrag",
    "tilläggsuppdrag",
    "ersättning",
    "allmänna villkor",
    "bemanning och kompetens",
    "tillgänglighet",
    "uppföljning och sanktioner",
]

VARDVAL_NAMES: dict[str, str] = {
    "vc": "Vårdcentral",
    "bvc": "Barnavårdscentral",
    "bmm": "Barnmorskemottagning",
    "psykoterapi": "Psykoterapi",
}
PART_NAMES: dict[str, str] = {"a": "Del A – Allmänna avsnitt", **VARDVAL_NAMES}
# The ID prefix of a requirement is fixed by its part, so an ID tells where it lives.
ID_PREFIX: dict[str, str] = {"a": "A", "vc": "VC", "bvc": "BVC", "bmm": "BMM", "psykoterapi": "PSY"}

REQUIREMENT_ID = r"^(A|VC|BVC|BMM|PSY)-[0-9]{3}$"
COMPARISON_ID = r"^OMV-[0-9]{3}$"
MEETING_ID = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
FACT_ID = r"^FAKTA-[0-9]{3}$"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SECTION_NUMBER = r"^[0-9]{1,2}(\.[0-9]{1,2}){0,2}$"

RequirementId = Annotated[str, StringConstraints(pattern=REQUIREMENT_ID)]
Slug = Annotated[str, StringConstraints(pattern=SLUG)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=r"^[^\n]*\S[^\n]*$")]
# The longest text today is under 1,000 characters; a text far longer cannot be reviewed, and
# renders slowly enough to stall a build.
PROSE_MAX_LENGTH = 20_000
Prose = Annotated[str, StringConstraints(min_length=1, max_length=PROSE_MAX_LENGTH, pattern=r"\S")]


class Record(BaseModel):
    """Base for every record: unknown fields are errors and objects never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class SourceRef(Record):
    """Var ett faktum kommer ifrån: en källfil och platsen i den."""

    seed: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")] = Field(
        description="Källfilens namn, till exempel 000_9457d6a6039ce02e.txt (se sources.yaml)."
    )
    locator: Line = Field(description="Var i källan: frågans nummer, bildens rubrik eller avsnittets rubrik.")


class DecisionRef(Record):
    """Beslutsreferens: organ, datum och paragraf där de är kända."""

    body: Line = Field(description="Beslutande organ, till exempel Primärvårdsnämnden.")
    date: dt.date | None = Field(default=None, description="Beslutsdatum (ÅÅÅÅ-MM-DD) om det är känt.")
    paragraph: Line | None = Field(default=None, description="Paragraf, till exempel § 123, om den är känd.")
    sources: tuple[SourceRef, ...] = Field(
        default=(), description="Källor som visar beslutet, om de skiljer sig från versionens källor."
    )

    def label(self) -> str:
        """The reference as one would write it in a document: 'PVN 2025-04-23 § 5'."""
        parts = [self.body]
        if self.date:
            parts.append(self.date.isoformat())
        if self.paragraph:
            parts.append(self.paragraph)
        return " ".join(parts)


class Placement(Record):
    """Kravets plats i årets förfrågningsunderlag. Numreringen flyttar mellan år."""

    chapter: Slug = Field(description="Kapitlets id i chapters.yaml.")
    section: Annotated[str, StringConstraints(pattern=SECTION_NUMBER)] = Field(
        description="Avsnittsnummer, till exempel 4.2 eller 4.2.1. Första siffran är kapitlets nummer."
    )
    heading: Line = Field(description="Avsnittets rubrik.")

    def chapter_number(self) -> str:
        return self.section.split(".")[0]

    def sort_key(self) -> tuple[int, ...]:
        return tuple(int(p) for p in self.section.split("."))


class Correction(Record):
    """En rättelse av en beslutad version: när, varför och vad texten var före rättelsen."""

    date: dt.date = Field(description="Datum för rättelsen.")
    reason: Line = Field(description="Varför versionen rättades.")
    previous_text: Prose | None = Field(default=None, description="Texten före rättelsen, om den fanns.")


class Version(Record):
    """En version av ett krav för ett FFU-år. Ett år utan ändring behöver ingen version."""

    year: int = Field(ge=2000, le=2100, description="FFU-året som versionen hör till.")
    effective: dt.date | None = Field(
        default=None,
        description="Datum då versionen börjar gälla, om inte 1 januari. Ska ligga inom FFU-året.",
    )
    effective_unknown: bool = Field(
        default=False,
        description=(
            "true när källan inte anger från vilket datum versionen gäller. Utdata säger då att "
            "datumet saknas i stället för att visa 1 januari."
        ),
    )
    year_stated: bool = Field(
        default=True,
        description=(
            "false när källan inte anger vilket års förfrågningsunderlag ett förslag avser; året är "
            "då redaktionens placering, och utdata säger att källan inte anger året."
        ),
    )
    change: ChangeKind = Field(description="Typ av ändring: ny, ändrad, oförändrad eller utgår.")
    status: Status = Field(description="förslag eller beslutad.")
    placement: Placement | None = Field(
        default=None, description="Kapitel, avsnitt och rubrik. Krävs utom när kravet utgår."
    )
    text: Prose | None = Field(
        default=None,
        description=(
            "Kravtexten i enkel Markdown: stycken, punktlistor, numrerade listor, **fetstil**, "
            "*kursiv*, [länkar](https://…) och enkla tabeller. Ingen text när kravet utgår."
        ),
    )
    paraphrased: bool = Field(
        default=False,
        description="true när texten återger källans innehåll med egna ord och inte är ett citat.",
    )
    motivation: Prose | None = Field(default=None, description="Varför ändringen görs.")
    consequences: Prose | None = Field(
        default=None,
        description="Ändringens konsekvenser för patienter, vårdgivare och ekonomi, om de är kända.",
    )
    decision: DecisionRef | None = Field(
        default=None, description="Beslutsreferens. Krävs för en beslutad ändring."
    )
    vardval: tuple[Vardval, ...] | None = Field(
        default=None,
        description="Vårdval som versionen gäller, om de skiljer sig från kravets vardval (bara i Del A).",
    )
    sources: tuple[SourceRef, ...] = Field(min_length=1, description="Källor för versionen.")
    corrections: tuple[Correction, ...] = Field(
        default=(),
        description="Rättelser av den beslutade versionen, gjorda med ffu correct. Skrivs inte för hand.",
    )

    def effective_date(self) -> dt.date:
        return self.effective or dt.date(self.year, 1, 1)

    def is_mid_year(self) -> bool:
        return self.effective is not None and self.effective != dt.date(self.year, 1, 1)


class Requirement(Record):
    """Ett krav i förfrågningsunderlaget, med ett stabilt id och en version per ändrat år."""

    id: RequirementId = Field(
        description="Stabilt id, till exempel VC-014. Samma som filnamnet. Återanvänds aldrig."
    )
    part: Part = Field(description="Del A (a) eller vårdvalets egen del: vc, bvc, bmm, psykoterapi.")
    vardval: tuple[Vardval, ...] = Field(
        min_length=1, description="Vårdval som kravet gäller: vc, bvc, bmm, psykoterapi."
    )
    kind: RequirementKind = Field(description="Typ av krav, till exempel basuppdrag eller ersättning.")
    level: Level = Field(description="ska (krav) eller bör (rekommendation).")
    topics: tuple[Slug, ...] = Field(default=(), description="Ämnen i topics.yaml som kravet hör till.")
    versions: tuple[Version, ...] = Field(min_length=1, description="Versioner i årsordning.")

    def version_for(self, year: int, *, proposals: bool = True) -> Version | None:
        """The version in force in `year`: the latest one at or before it.

        With `proposals=False`, proposed versions are skipped, giving the decided text.
        Returns None before the first version and after an `utgår` version.
        """
        current: Version | None = None
        for version in self.versions:
            if version.year > year:
                break
            if version.status == "förslag" and not proposals:
                continue
            current = version
        if current is None or current.change == "utgår":
            return None
        return current

    def scope(self, version: Version) -> tuple[str, ...]:
        """The vårdval a version applies to: its own list, or else the requirement's."""
        return tuple(version.vardval) if version.vardval is not None else tuple(self.vardval)

    def version_in(self, year: int) -> Version | None:
        """The version recorded for exactly `year`, if any."""
        return next((v for v in self.versions if v.year == year), None)


class Figure(Record):
    """En siffra med enhet."""

    label: Line = Field(description="Vad siffran avser.")
    value: float = Field(description="Värdet som tal.")
    unit: Line = Field(description="Enhet, till exempel kr/månad, %, hp eller kr.")


class Comparison(Record):
    """Omvärldsbevakning: hur en annan region reglerar ett ämne."""

    id: Annotated[str, StringConstraints(pattern=COMPARISON_ID)] = Field(
        description="Stabilt id, till exempel OMV-001. Samma som filnamnet."
    )
    topic: Slug = Field(description="Ämnets id i topics.yaml.")
    region: Line = Field(description="Region, eller 'Flera regioner' för en allmän iakttagelse.")
    aspect: Line = Field(description="Kort rubrik för aspekten, används som kolumn i jämförelsen.")
    year_observed: int | None = Field(
        default=None, ge=2000, le=2100, description="Året uppgiften avser, om källan anger det."
    )
    rule: Prose = Field(description="Regeln i korthet.")
    paraphrased: bool = Field(default=True, description="true när regeln återges med egna ord.")
    figures: tuple[Figure, ...] = Field(default=(), description="Siffror med enheter.")
    sources: tuple[SourceRef, ...] = Field(min_length=1, description="Källor.")


FactKind = Literal["uppföljning", "status", "planerad översyn", "granskning"]
FACT_KINDS: tuple[str, ...] = ("uppföljning", "status", "planerad översyn", "granskning")
FACT_KIND_NAMES: dict[str, str] = {
    "uppföljning": "Uppföljning och resultat",
    "status": "Läget i siffror",
    "planerad översyn": "Planerade översyner och förslag",
    "granskning": "Granskningar",
}


class FactPeriod(Record):
    """Tiden en uppgift avser, som källan anger den."""

    label: Line = Field(
        description="Perioden med källans ord, till exempel 'januari–augusti 2024' eller 'hösten 2025'."
    )
    start: dt.date | None = Field(
        default=None, description="Första dagen, om källan anger den (ÅÅÅÅ-MM-DD). Ett datum: samma som end."
    )
    end: dt.date | None = Field(default=None, description="Sista dagen, om källan anger den (ÅÅÅÅ-MM-DD).")


class Fact(Record):
    """En uppgift som inte är ett krav: uppföljning, läget i siffror, planerad översyn eller granskning."""

    id: Annotated[str, StringConstraints(pattern=FACT_ID)] = Field(
        description="Stabilt id, till exempel FAKTA-001. Samma som filnamnet. Återanvänds aldrig."
    )
    kind: FactKind = Field(
        description="Typ: uppföljning (resultat och åtgärder), status (läget i siffror), "
        "planerad översyn (aviserade översyner och förslag) eller granskning."
    )
    title: Line = Field(description="Kort rubrik.")
    period: FactPeriod | None = Field(
        default=None, description="Tiden uppgiften avser, om källan anger den. Utelämna annars."
    )
    region: Line | None = Field(
        default=None, description="Regionen uppgiften gäller, om inte Hälsoval Skåne (Region Skåne)."
    )
    text: Prose = Field(description="Uppgiften i enkel Markdown, så nära källan som möjligt.")
    paraphrased: bool = Field(
        default=True,
        description="true när texten återger källan med egna ord; false för ett ordagrant citat.",
    )
    figures: tuple[Figure, ...] = Field(default=(), description="Siffror med enheter.")
    vardval: tuple[Vardval, ...] = Field(default=(), description="Vårdval som uppgiften gäller.")
    topics: tuple[Slug, ...] = Field(default=(), description="Ämnen i topics.yaml som uppgiften hör till.")
    requirements: tuple[RequirementId, ...] = Field(
        default=(), description="Id för de krav som uppgiften gäller."
    )
    comparisons: tuple[Annotated[str, StringConstraints(pattern=COMPARISON_ID)], ...] = Field(
        default=(), description="Id för omvärldsuppgifter som redan återger en del av uppgiften."
    )
    sources: tuple[SourceRef, ...] = Field(min_length=1, description="Källor.")

    def sort_date(self) -> dt.date | None:
        """The date the fact is placed at in time: the end of its period, else its start."""
        if self.period is None:
            return None
        return self.period.end or self.period.start


class AgendaItem(Record):
    """En punkt på mötets dagordning."""

    time: Line | None = Field(default=None, description="Tid, till exempel 16.00–16.10.")
    item: Line = Field(description="Punkten.")


class AnswerCompletion(Record):
    """Ett svar som kompletterades efter mötet."""

    date: dt.date = Field(description="Datum för kompletteringen.")
    text: Prose = Field(description="Det kompletterande svaret.")


class Question(Record):
    """En fråga från ett dialogmöte, med svar om det finns."""

    number: int = Field(ge=1, description="Frågans nummer inom mötet.")
    question: Prose = Field(description="Frågan, ordagrant.")
    answer: Prose | None = Field(default=None, description="Svaret, om det finns.")
    completed: AnswerCompletion | None = Field(
        default=None, description="Komplettering av svaret efter mötet."
    )
    vardval: tuple[Vardval, ...] = Field(default=(), description="Vårdval som frågan gäller.")
    topics: tuple[Slug, ...] = Field(default=(), description="Ämnen som frågan gäller.")
    requirements: tuple[RequirementId, ...] = Field(
        default=(), description="Id för de krav som frågan gäller."
    )
    sources: tuple[SourceRef, ...] = Field(min_length=1, description="Källor.")


class Meeting(Record):
    """Ett dialogmöte med vårdgivarna och dess frågor och svar."""

    id: Annotated[str, StringConstraints(pattern=MEETING_ID)] = Field(
        description="Mötets datum som id, ÅÅÅÅ-MM-DD. Samma som filnamnet."
    )
    year: int = Field(
        ge=2000,
        le=2100,
        description=(
            "FFU-året som mötet gäller. Mötets frågor hör till det årets förfrågningsunderlag, "
            "inte till kalenderåret då mötet hölls."
        ),
    )
    name: Line = Field(description="Mötets namn.")
    date: dt.date = Field(description="Mötets datum.")
    organiser: Line = Field(description="Arrangör.")
    agenda: tuple[AgendaItem, ...] = Field(default=(), description="Dagordning.")
    questions: tuple[Question, ...] = Field(default=(), description="Frågor och svar.")
    sources: tuple[SourceRef, ...] = Field(min_length=1, description="Källor.")


class Topic(Record):
    """Ett ämne som knyter ihop krav, omvärldsbevakning och frågor."""

    id: Slug = Field(description="Ämnets id, små bokstäver a–z, siffror och bindestreck.")
    name: Line = Field(description="Ämnets namn på svenska.")
    description: Prose | None = Field(default=None, description="Kort beskrivning.")


class TopicRegister(Record):
    """Registret över ämnen."""

    topics: tuple[Topic, ...] = Field(min_length=1, description="Ämnen.")


class Chapter(Record):
    """Ett kapitel i förfrågningsunderlaget. Numret kommer från kravens avsnittsnummer."""

    id: Slug = Field(description="Kapitlets stabila id.")
    part: Part = Field(description="Delen som kapitlet hör till.")
    title: Line = Field(description="Kapitlets rubrik.")


class ChapterRegister(Record):
    """Registret över kapitel."""

    chapters: tuple[Chapter, ...] = Field(min_length=1, description="Kapitel.")


class Withdrawal(Record):
    """Ett beslut som har återkallats med ffu decide --withdraw."""

    decision: DecisionRef = Field(description="Beslutet som återkallades.")
    date: dt.date = Field(description="Datum för återkallelsen.")
    reason: Line = Field(description="Varför beslutet återkallades.")


Seal = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{20}$")]


class Year(Record):
    """Ett FFU-år och dess status."""

    year: int = Field(ge=2000, le=2100, description="FFU-året.")
    status: Status = Field(description="förslag (utkast) eller beslutad.")
    decision: DecisionRef | None = Field(default=None, description="Beslutet om årets FFU, om det är känt.")
    note: Prose | None = Field(default=None, description="Kommentar om året.")
    case_number: Line | None = Field(
        default=None, description="Ärendets diarienummer hos nämnden, om det är känt."
    )
    meeting_date: dt.date | None = Field(
        default=None,
        description="Datum för nämndens sammanträde om årets underlag, om det är känt.",
    )
    officer: Line | None = Field(default=None, description="Handläggare av ärendet, om den är känd.")
    sources: tuple[SourceRef, ...] = Field(default=(), description="Källor för årets status.")
    seals: dict[RequirementId, Seal] = Field(
        default_factory=dict,
        description=(
            "Sigill för årets beslutade versioner, per krav-id: en kontrollsumma av text, datum och "
            "status som ffu decide skriver. ffu validate vägrar en beslutad version som inte stämmer "
            "med sitt sigill. Skrivs inte för hand; rätta med ffu correct."
        ),
    )
    withdrawn: tuple[Withdrawal, ...] = Field(
        default=(), description="Beslut om året som har återkallats, med datum och skäl."
    )


class YearRegister(Record):
    """Registret över FFU-år."""

    years: tuple[Year, ...] = Field(min_length=1, description="År i stigande ordning.")


class Source(Record):
    """Ett källdokument."""

    file: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")] = Field(
        description="Filnamnet i requirements_db/sources/."
    )
    title: Line = Field(description="Dokumentets titel.")
    publisher: Line = Field(description="Utgivare.")
    date: dt.date | None = Field(default=None, description="Dokumentets datum, om det är känt.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$")] | None = Field(
        default=None, description="Webbadressen där dokumentet finns publicerat, om den är känd."
    )


class SourceRegister(Record):
    """Registret över källdokument."""

    sources: tuple[Source, ...] = Field(min_length=1, description="Källdokument.")


class Region(Record):
    """En region, eller en grupp av regioner, som omvärldsbevakningen gäller."""

    name: Line = Field(
        description="Namnet så som det står i omvärldsbevakningen, till exempel Region Kronoberg."
    )


class RegionRegister(Record):
    """Registret över regioner i omvärldsbevakningen."""

    regions: tuple[Region, ...] = Field(min_length=1, description="Regioner.")
