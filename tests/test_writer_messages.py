"""The ten mistakes a writer is most likely to make, and exactly what `ffu validate` tells them.

Each message was read by hand for plain Swedish: it says where (path:line:column), what is
wrong, and what to do. Each case makes one mistake in a copy of the real content, the way
it happens in the editor, and expects every line that validate prints, no more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import Result

VC024 = "requirements_db/requirements/VC-024.yaml"
VC027 = "requirements_db/requirements/VC-027.yaml"
MEETING = "requirements_db/meetings/2026-05-07.yaml"


@dataclass(frozen=True)
class Mistake:
    path: str
    old: str
    new: str
    expected: tuple[str, ...]
    commands: tuple[tuple[str, ...], ...] = ()  # ffu commands run before the edit


MISTAKES: dict[str, Mistake] = {
    "tab used for indentation": Mistake(
        VC027,
        "    placement:\n      chapter",
        "    placement:\n\tchapter",
        (f"{VC027}:14:1: YAML-fel: tabb används för indrag; använd mellanslag",),
    ),
    "section number without quotes": Mistake(
        VC027,
        'section: "6.4"',
        "section: 6.10",
        (
            f"{VC027}:15:16: 'section' ska vara text, men utan citattecken läses värdet som talet 6.1 "
            '(4.10 blir 4.1); sätt citattecken runt värdet så som du skrev det, till exempel "4.10"',
        ),
    ),
    "field name in Swedish": Mistake(
        VC024,
        "    motivation: >-",
        "    motivering: >-",
        (
            f"{VC024}:20:5: okänt fält 'motivering' (menar du 'motivation'?); tillåtna fält här: year, "
            "effective, effective_unknown, year_stated, change, status, placement, text, paraphrased, "
            "motivation, consequences, decision, vardval, sources, corrections",
        ),
    ),
    "misspelled change": Mistake(
        VC024,
        "change: ändrad",
        "change: ändrat",
        (
            f"{VC024}:11:13: 'ändrat' är inte ett tillåtet värde för 'change'; välj ett av: "
            "ny, ändrad, oförändrad, utgår",
        ),
    ),
    "impossible date": Mistake(
        VC024,
        "      body: Primärvårdsnämnden\n",
        "      body: Primärvårdsnämnden\n      date: 2024-02-30\n",
        (
            f"{VC024}:25:13: '2024-02-30' är inget giltigt datum för 'date'; skriv ett verkligt datum "
            "som ÅÅÅÅ-MM-DD",
        ),
    ),
    "topic written with å, ä or ö": Mistake(
        VC027,
        "topics: [antibiotika]",
        "topics: [antibiotika, läkemedel]",
        (
            f"{VC027}:8:23: 'läkemedel' har fel form för 'topics': ett ämnes-id består av små bokstäver "
            "a–z utan å, ä och ö, siffror och bindestreck, till exempel oppettider; välj id:t ur "
            "requirements_db/topics.yaml",
        ),
    ),
    "decided change without its decision": Mistake(
        VC024,
        "    decision:\n      body: Primärvårdsnämnden\n",
        "",
        (
            f"{VC024}:12:13: en beslutad ändring behöver en beslutsreferens; lägg till 'decision:' med "
            "body (och date och paragraph om de är kända)",
        ),
    ),
    "proposal left as a copy": Mistake(
        VC027,
        "",
        "",
        (
            f"{VC027}:29:13: texten och placeringen är desamma som i förra versionen; skriv den ändrade "
            "texten, eller ta bort versionen om kravet inte ska ändras",
        ),
        commands=(
            ("new-year", "2027"),
            ("propose", "VC-027", "--year", "2027", "--source", "002_7fc2f6196ae83701.txt", "--locator", "x"),
        ),
    ),
    "question about a requirement that does not exist": Mistake(
        MEETING,
        "requirements: [BVC-006]",
        "requirements: [BVC-060]",
        (
            f"{MEETING}:46:20: kravet BVC-060 finns inte; ange id för ett befintligt krav i "
            "requirements_db/requirements/",
        ),
    ),
    "version for a year not opened yet": Mistake(
        VC027,
        "  - year: 2024",
        "  - year: 2027",
        (
            f"{VC027}:10:11: året 2027 finns inte i requirements_db/years.yaml; "
            "öppna året med 'ffu new-year 2027'",
        ),
    ),
}


def _problems(project: Path, mistake: Mistake, run_ffu: Callable[..., Result]) -> list[str]:
    for command in mistake.commands:
        assert run_ffu("-C", str(project), *command).code == 0
    path = project / mistake.path
    text = path.read_text(encoding="utf-8")
    assert mistake.old in text
    path.write_text(text.replace(mistake.old, mistake.new, 1), encoding="utf-8")
    result = run_ffu("-C", str(project), "validate")
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[-1].endswith("fel hittades.")
    return lines[:-1]


def test_there_are_ten() -> None:
    assert len(MISTAKES) == 10


@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_likely_mistake_gets_one_plain_message_at_its_place(
    name: str, real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    mistake = MISTAKES[name]
    # Exactly the expected lines: no second message echoes the same mistake.
    assert _problems(real_project, mistake, run_ffu) == list(mistake.expected)


def test_a_colon_in_an_unquoted_value_says_to_quote_it(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    mistake = Mistake(
        VC027,
        "heading: Antibiotikaval",
        "heading: Antibiotika: val",
        (
            f"{VC027}:16:27: YAML-fel: kolon på fel plats; "
            "sätt citattecken runt värdet om det innehåller ': '",
        ),
    )
    assert _problems(real_project, mistake, run_ffu) == list(mistake.expected)
