"""A synthetic requirements database of any size, for benchmarks and load tests.

Built directly from the model classes, with a seeded random generator, so the same
arguments always give the same database. The first 2 000 requirements alternate between
Del A (which applies to every vårdval) and the VC part, so up to that size one VC document
holds the whole corpus; any further requirements go in turn to the BVC, BMM and psykoterapi
parts. Texts use the whole Markdown subset: paragraphs with emphasis and links, a bullet
list, sometimes a numbered list, and a small table.
"""

from __future__ import annotations

import datetime as dt
import random

from .database import Database
from .model import (
    ID_PREFIX,
    VARDVAL,
    AnswerCompletion,
    Chapter,
    Comparison,
    DecisionRef,
    Figure,
    Meeting,
    Placement,
    Question,
    Requirement,
    Source,
    SourceRef,
    Topic,
    Version,
    Year,
)

# Joined and split rather than listed, so the vocabulary reads as the prose it imitates.
_PROSE = (
    "vårdcentralen ska erbjuda patienter tillgång till vård enligt gällande riktlinjer och avtal med "
    "regionen inom rimlig tid samt följa upp kvalitet och säkerhet för listade personer i hela Skåne "
    "utföraren ansvarar för bemanning kompetens journalföring hälsosamtal öppettider ersättning"
)
WORDS = tuple(_PROSE.split(" "))
REGIONS = (
    "Region Stockholm",
    "Västra Götalandsregionen",
    "Region Uppsala",
    "Region Kronoberg",
    "Region Halland",
    "Region Blekinge",
    "Region Jönköpings län",
    "Region Östergötland",
)
TOPICS = (
    "oppettider",
    "tillganglighet",
    "bemanning",
    "ersattning",
    "uppfoljning",
    "digitala-vardtjanster",
    "filialer",
    "jour",
    "kompetensforsorjning",
    "nara-vard",
)
SOURCE_FILE = "000_0000000000000000.txt"
CHAPTERS_PER_PART = 8
SECTIONS_PER_CHAPTER = 12


def make_database(
    n_requirements: int = 2000,
    years: tuple[int, ...] = (2024, 2025, 2026),
    change_rate: float = 0.1,
    n_comparisons: int = 200,
    n_questions: int = 300,
    *,
    seed: int = 20240101,
) -> Database:
    """A valid database of `n_requirements` requirements; about `change_rate` of them change each year."""
    rng = random.Random(seed)
    source = (SourceRef(seed=SOURCE_FILE, locator="Syntetiskt underlag"),)
    if n_requirements > 5000:
        raise ValueError("högst 5 000 krav: id har tre siffror per del")
    chapters = [
        Chapter(id=f"{part}-kapitel-{n}", part=part, title=_words(rng, 2).capitalize())
        for part in ("a", *VARDVAL)
        for n in range(1, CHAPTERS_PER_PART + 1)
    ]
    requirements = [_requirement(rng, index, years, change_rate, source) for index in range(n_requirements)]
    ids = [r.id for r in requirements]
    return Database.build(
        requirements=requirements,
        comparisons=[_comparison(rng, n, source) for n in range(1, n_comparisons + 1)],
        meetings=_meetings(rng, years, n_questions, ids, source),
        topics=[Topic(id=t, name=t.replace("-", " ").capitalize()) for t in TOPICS],
        chapters=chapters,
        years=[_year(y, last=y == years[-1], source=source) for y in years],
        sources=[Source(file=SOURCE_FILE, title="Syntetiskt underlag", publisher="ffu")],
        paths={},
    )


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _sentence(rng: random.Random) -> str:
    parts = [_words(rng, rng.randint(4, 9)), f"**{_words(rng, 2)}**", _words(rng, rng.randint(3, 8))]
    if rng.random() < 0.3:
        parts.append(f"[{_words(rng, 2)}](https://vardgivare.skane.se/{rng.randint(1, 99)})")
    if rng.random() < 0.3:
        parts.append(f"*{_words(rng, 2)}*")
    return " ".join(parts).capitalize() + "."


def _text(rng: random.Random) -> str:
    blocks = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))]
    blocks.append("\n".join(f"- {_words(rng, rng.randint(3, 7))}" for _ in range(3)))
    if rng.random() < 0.4:
        blocks.append("\n".join(f"{n}. {_words(rng, rng.randint(3, 6))}" for n in range(1, 4)))
    rows = [f"| {_words(rng, 1)} | {rng.randint(1, 500)} kr | {_words(rng, 3)} |" for _ in range(2)]
    blocks.append("\n".join(["| Ersättning | Belopp | Villkor |", "| --- | --- | --- |", *rows]))
    blocks.append(_sentence(rng))
    return "\n\n".join(blocks) + "\n"


def _part_and_id(index: int) -> tuple[str, str]:
    # IDs have three digits, so each prefix holds 1 000 requirements: the first 2 000 alternate
    # between Del A and VC (all in the VC document), any further ones go to the other parts.
    if index < 2000:
        part, serial = ("a", "vc")[index % 2], index // 2
    else:
        part, serial = ("bvc", "bmm", "psykoterapi")[index % 3], (index - 2000) // 3
    return part, f"{ID_PREFIX[part]}-{serial:03d}"


def _requirement(
    rng: random.Random, index: int, years: tuple[int, ...], change_rate: float, source: tuple[SourceRef, ...]
) -> Requirement:
    part, requirement_id = _part_and_id(index)
    chapter = rng.randint(1, CHAPTERS_PER_PART)
    section = f"{chapter}.{rng.randint(1, SECTIONS_PER_CHAPTER)}"
    # Requirements that share a section share its heading, as validation demands.
    heading = _words(random.Random(f"{part} {section}"), 3).capitalize()
    placement = Placement(chapter=f"{part}-kapitel-{chapter}", section=section, heading=heading)
    first_year = years[0] if rng.random() < 0.9 else rng.choice(years)
    is_new = first_year != years[0]
    versions = [
        _version(
            rng,
            first_year,
            "ny" if is_new else "oförändrad",
            placement,
            source,
            mid_year=is_new and rng.random() < 0.3,
            proposal=first_year == years[-1],
        )
    ]
    for year in years:
        if year <= first_year or rng.random() >= change_rate:
            continue
        versions.append(
            _version(
                rng,
                year,
                "ändrad",
                placement,
                source,
                mid_year=rng.random() < 0.2,
                proposal=year == years[-1],
            )
        )
    return Requirement(
        id=requirement_id,
        part=part,
        vardval=VARDVAL if part == "a" else (part,),
        kind="basuppdrag",
        level="ska",
        topics=tuple(sorted(rng.sample(TOPICS, 2))),
        versions=tuple(versions),
    )


def _version(
    rng: random.Random,
    year: int,
    change: str,
    placement: Placement,
    source: tuple[SourceRef, ...],
    *,
    mid_year: bool = False,
    proposal: bool = False,
) -> Version:
    effective = dt.date(year, rng.choice((4, 7, 9)), 1) if mid_year else None
    decision = None if proposal else DecisionRef(body="Primärvårdsnämnden", date=dt.date(year - 1, 11, 20))
    return Version(
        year=year,
        effective=effective,
        change=change,
        status="förslag" if proposal else "beslutad",
        placement=placement,
        text=_text(rng),
        decision=decision,
        sources=source,
    )


def _year(year: int, *, last: bool, source: tuple[SourceRef, ...]) -> Year:
    if last:
        return Year(year=year, status="förslag", sources=source)
    decision = DecisionRef(body="Primärvårdsnämnden", date=dt.date(year - 1, 11, 20), paragraph="§ 101")
    return Year(year=year, status="beslutad", decision=decision, sources=source)


def _comparison(rng: random.Random, number: int, source: tuple[SourceRef, ...]) -> Comparison:
    figures = tuple(
        Figure(
            label=_words(rng, 2),
            value=rng.choice((rng.randint(1, 90000), round(rng.random() * 100, 1))),
            unit=rng.choice(("kr", "kr/månad", "%", "timmar")),
        )
        for _ in range(rng.randint(0, 2))
    )
    return Comparison(
        id=f"OMV-{number:03d}",
        topic=rng.choice(TOPICS),
        region=rng.choice(REGIONS),
        aspect=_words(rng, 2).capitalize(),
        rule=_sentence(rng),
        figures=figures,
        sources=source,
    )


def _meetings(
    rng: random.Random,
    years: tuple[int, ...],
    n_questions: int,
    ids: list[str],
    source: tuple[SourceRef, ...],
) -> list[Meeting]:
    dates = [dt.date(year, month, 6) for year in years for month in (5, 11)]
    questions: dict[dt.date, list[Question]] = {d: [] for d in dates}
    for n in range(n_questions):
        date = dates[n % len(dates)]
        number = len(questions[date]) + 1
        answered = rng.random() >= 0.15
        completed = (
            AnswerCompletion(date=date + dt.timedelta(days=14), text=_sentence(rng))
            if answered and rng.random() < 0.1
            else None
        )
        vardval = () if rng.random() < 0.5 else tuple(sorted(rng.sample(VARDVAL, rng.randint(1, 2))))
        questions[date].append(
            Question(
                number=number,
                question=_sentence(rng).rstrip(".") + "?",
                answer=_sentence(rng) if answered else None,
                completed=completed,
                vardval=vardval,
                requirements=tuple(sorted(rng.sample(ids, min(len(ids), rng.randint(0, 2))))),
                sources=source,
            )
        )
    return [
        Meeting(
            id=d.isoformat(),
            name="Dialogmöte Hälsoval Skåne",
            date=d,
            year=d.year,
            organiser="Region Skåne",
            questions=tuple(questions[d]),
            sources=source,
        )
        for d in dates
    ]
