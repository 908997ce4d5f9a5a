"""Opening a year (`ffu new-year`) and deciding it (`ffu decide`), with the decision reference."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.edit import placeholders
from generator.edit.errors import EditError
from generator.edit.refs import parse_ref
from generator.model import DecisionRef
from generator.pipeline import load_database
from generator.timeline import year_view

from .conftest import Result

YEARS = "requirements_db/years.yaml"


def snapshot(root: Path) -> dict[str, bytes]:
    # .cache/ holds the editing lock, which is not part of the project.
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".cache" not in p.relative_to(root).parts
    }


def changed(before: dict[str, bytes], root: Path) -> set[str]:
    after = snapshot(root)
    return {p for p in set(before) | set(after) if before.get(p) != after.get(p)}


def test_new_year_adds_two_lines_to_the_register_and_touches_nothing_else(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    before = snapshot(real_project)
    result = run_ffu("-C", str(real_project), "new-year", "2027")
    assert result.code == 0, result.err
    assert changed(before, real_project) == {YEARS}
    assert (real_project / YEARS).read_bytes() == before[
        YEARS
    ] + b"  - year: 2027\n    status: f\xc3\xb6rslag\n"


def test_every_requirement_carries_forward_into_the_new_year_unchanged(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    run_ffu("-C", str(real_project), "new-year", "2027")
    db = load_database(real_project)
    carried = [(e.id, e.version) for e in year_view(db, 2027).entries]
    assert carried == [(e.id, e.version) for e in year_view(db, 2026).entries]


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (
            "2026",
            "ffu: året 2026 finns redan i requirements_db/years.yaml (status beslutad); inget har ändrats\n",
        ),
        ("2028", "ffu: året 2028 är inte nästa år; nästa år att öppna är 2027; inget har ändrats\n"),
    ],
)
def test_new_year_refuses_a_year_that_exists_or_is_not_next(
    year: str, message: str, real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    before = snapshot(real_project)
    result = run_ffu("-C", str(real_project), "new-year", year)
    assert (result.code, result.err) == (2, message)
    assert changed(before, real_project) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PVN 2026-12-10 § 123",
            DecisionRef(body="Primärvårdsnämnden", date=dt.date(2026, 12, 10), paragraph="§ 123"),
        ),
        ("PVN §123", DecisionRef(body="Primärvårdsnämnden", paragraph="§ 123")),
        ("Regionstyrelsen, 2026-11-30", DecisionRef(body="Regionstyrelsen", date=dt.date(2026, 11, 30))),
        (
            "RF 2026-06-17 §§ 12–13",
            DecisionRef(body="Regionfullmäktige", date=dt.date(2026, 6, 17), paragraph="§ 12–13"),
        ),
    ],
)
def test_a_decision_reference_is_read_into_body_date_and_paragraph(text: str, expected: DecisionRef) -> None:
    assert parse_ref(text) == expected


def test_the_date_option_fills_in_a_reference_without_a_date_and_must_agree_with_one() -> None:
    assert parse_ref("PVN § 5", dt.date(2026, 12, 10)).date == dt.date(2026, 12, 10)
    with pytest.raises(EditError, match="skiljer sig"):
        parse_ref("PVN 2026-12-10 § 5", dt.date(2026, 12, 11))


@pytest.mark.parametrize("text", ["2026-12-10 § 5", "PVN 2026-12-10 2026-12-11", "PVN 2026-02-30"])
def test_a_reference_without_a_body_or_with_two_dates_or_an_impossible_date_is_refused(text: str) -> None:
    with pytest.raises(EditError):
        parse_ref(text)


def _proposals(root: Path, year: int) -> set[str]:
    found = set()
    for rid, requirement in load_database(root).requirements.items():
        version = requirement.version_in(year)
        if version is not None and version.status == "förslag":
            found.add(rid)
    return found


def test_decide_turns_the_years_proposals_into_decisions_and_leaves_other_years_alone(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    project = str(real_project)
    run_ffu("-C", project, "new-year", "2027")
    run_ffu(
        "-C",
        project,
        "propose",
        "VC-014",
        "--text",
        "Riktmärket är 500 listade per läkare.",
        *("--motivation", "Mindre listor.", "--source", "000_9457d6a6039ce02e.txt", "--locator", "Fråga 12"),
    )
    proposals_2026 = _proposals(real_project, 2026)

    result = run_ffu("-C", project, "decide", "2027", "--date", "2026-12-10", "--ref", "PVN 2026-12-10 § 123")

    assert result.code == 0, result.err
    db = load_database(real_project)
    version = db.requirements["VC-014"].version_in(2027)
    assert version is not None and version.status == "beslutad"
    assert version.decision == DecisionRef(
        body="Primärvårdsnämnden", date=dt.date(2026, 12, 10), paragraph="§ 123"
    )
    assert db.years[2027].status == "beslutad" and db.years[2027].decision == version.decision
    assert _proposals(real_project, 2026) == proposals_2026
    assert proposals_2026, "the real content has 2026 proposals that were never decided"


def test_decide_refuses_an_unedited_copy_with_the_validators_reason_and_changes_nothing(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    project = str(real_project)
    run_ffu("-C", project, "new-year", "2027")
    run_ffu(
        "-C",
        project,
        "propose",
        "VC-014",
        "--motivation",
        "M",
        *("--source", "000_9457d6a6039ce02e.txt", "--locator", "Fråga 12"),
    )
    before = snapshot(real_project)

    result = run_ffu("-C", project, "decide", "2027", "--ref", "PVN 2026-12-10 § 123")

    assert result.code == 1
    assert result.err.splitlines() == [
        "ffu decide: ändringen skulle ge fel och har inte gjorts; inget har ändrats:",
        "requirements_db/requirements/VC-014.yaml:32:13: texten och placeringen är desamma som i förra "
        "versionen; skriv den ändrade texten, eller ta bort versionen om kravet inte ska ändras",
        "1 fel hittades.",
    ]
    assert changed(before, real_project) == set()


def test_decide_refuses_every_placeholder_left_in_a_new_requirement(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    project = str(real_project)
    run_ffu("-C", project, "new-year", "2027")
    run_ffu("-C", project, "new", "--vardval", "vc", "--title", "Startbidrag", "--section", "5.7")

    result = run_ffu("-C", project, "decide", "2027", "--ref", "PVN 2026-12-10 § 123")

    assert result.code == 1
    path = "requirements_db/requirements/VC-028.yaml"
    assert [line.split(": ", 1)[0] for line in result.err.splitlines()[1:-1]] == [
        f"{path}:17:11",
        f"{path}:20:17",
        f"{path}:22:15",
        f"{path}:23:18",
    ]
    assert "skriv kravtexten innan året beslutas" in result.err
    assert "skriv varför ändringen görs" in result.err
    assert "ange källdokumentet ur sources.yaml" in result.err
    assert "källdokumentet är gissat" in result.err


def test_decide_refuses_a_source_document_that_ffu_guessed_until_its_comment_is_gone(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    project = str(real_project)
    run_ffu("-C", project, "new-year", "2027")
    run_ffu(
        "-C", project, "new", "--vardval", "vc", "--title", "Startbidrag", "--section", "5.7",
        "--text", "Startbidrag kan ges.", "--motivation", "Underlättar etablering.",
    )  # fmt: skip
    path = real_project / "requirements_db/requirements/VC-028.yaml"
    # The writer fills in the place in the source, but does not look at the document ffu guessed.
    path.write_text(
        path.read_text(encoding="utf-8").replace(placeholders.LOCATOR, "Preliminära förslag"),
        encoding="utf-8",
    )
    before = snapshot(real_project)
    decide = ("-C", project, "decide", "2027", "--ref", "PVN 2026-12-10 § 123")

    result = run_ffu(*decide)

    assert result.code == 1
    assert result.err.splitlines()[1:] == [
        "requirements_db/requirements/VC-028.yaml:22:15: källdokumentet är gissat av ffu (kommentaren "
        "'# platshållare' står kvar); kontrollera att det är dokumentet som förslaget kommer från, byt "
        "annars filnamnet, och ta bort kommentaren innan året beslutas",
        "1 fel hittades.",
    ]
    assert changed(before, real_project) == set()

    path.write_text(
        path.read_text(encoding="utf-8").replace(f"  {placeholders.SOURCE_COMMENT}", ""), encoding="utf-8"
    )
    assert run_ffu(*decide).code == 0, "the document is confirmed"


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (
            "2026",
            "ffu: året 2026 är redan beslutat (Primärvårdsnämnden); ett felaktigt beslut återkallas med "
            "'ffu decide 2026 --withdraw --reason \"…\"'; inget har ändrats\n",
        ),
        ("2027", "ffu: året 2027 finns inte i requirements_db/years.yaml; inget har ändrats\n"),
    ],
)
def test_decide_refuses_a_decided_or_unknown_year(
    year: str, message: str, real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    result = run_ffu("-C", str(real_project), "decide", year, "--ref", "PVN 2026-12-10 § 1")
    assert (result.code, result.err) == (2, message)


def test_other_commands_work_while_a_proposal_is_still_a_copy_but_validate_reminds_the_writer(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    project = str(real_project)
    run_ffu("-C", project, "new-year", "2027")
    assert run_ffu("-C", project, "propose", "VC-014").code == 0

    assert run_ffu("-C", project, "propose", "VC-001").code == 0
    assert (
        run_ffu("-C", project, "new", "--vardval", "bvc", "--title", "Ny", "--chapter", "bvc-uppdrag").code
        == 0
    )

    reminder = run_ffu("-C", project, "validate")
    assert reminder.code == 1
    assert [line.split(":")[0] for line in reminder.err.splitlines()[:-1]] == [
        "requirements_db/requirements/VC-001.yaml",
        "requirements_db/requirements/VC-014.yaml",
    ]
