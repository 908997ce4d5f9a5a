"""Dialogue meetings, questions and late answers (`ffu qa`), each with its source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import load_database

from .conftest import Result

MEETINGS = "requirements_db/meetings"
SLIDES = "001_cd0c95988a732e9a.txt"


def add_meeting(root: Path, run_ffu: Callable[..., Result]) -> Result:
    return run_ffu(
        "-C", str(root), "qa", "add-meeting", "--date", "2026-09-15", "--name", "Dialogmöte Hälsovalen",
        "--organiser", "Region Skåne", "--source", SLIDES, "--locator", "Dialogmöte",
    )  # fmt: skip


def test_a_new_meeting_is_a_file_named_by_its_date(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    result = add_meeting(real_project, run_ffu)

    assert result.code == 0, result.err
    assert (real_project / MEETINGS / "2026-09-15.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schemas/meeting.schema.json\n"
        "# Dialogmöte Hälsovalen 15 september 2026.\n"
        'id: "2026-09-15"\n'
        "name: Dialogmöte Hälsovalen\n"
        "date: 2026-09-15\n"
        "year: 2026\n"
        "organiser: Region Skåne\n"
        "agenda: []\n"
        "questions: []\n"
        "sources:\n"
        f"  - seed: {SLIDES}\n"
        "    locator: Dialogmöte\n"
    )


def test_a_meeting_that_exists_is_not_added_again(real_project: Path, run_ffu: Callable[..., Result]) -> None:
    result = run_ffu(
        "-C", str(real_project), "qa", "add-meeting", "--date", "2026-05-07", "--name", "X",
        "--organiser", "Y", "--source", SLIDES, "--locator", "Z",
    )  # fmt: skip
    assert result.err == (
        "ffu: mötet 2026-05-07 finns redan: requirements_db/meetings/2026-05-07.yaml; inget har ändrats\n"
    )


def test_a_meeting_needs_its_source(real_project: Path, run_ffu: Callable[..., Result]) -> None:
    with pytest.raises(SystemExit):
        run_ffu(
            "-C",
            str(real_project),
            "qa",
            "add-meeting",
            "--date",
            "2026-09-15",
            "--name",
            "X",
            "--organiser",
            "Y",
        )


def test_the_first_question_turns_the_empty_list_into_a_block_list(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    add_meeting(real_project, run_ffu)
    result = run_ffu(
        "-C", str(real_project), "qa", "add", "--meeting", "2026-09-15",
        "--question", "Gäller kravet i sommar?", "--krav", "vc-001", "--vardval", "vc",
        "--topic", "oppettider,tillganglighet", "--locator", "Fråga 1",
    )  # fmt: skip

    assert result.code == 0, result.err
    text = (real_project / MEETINGS / "2026-09-15.yaml").read_text(encoding="utf-8")
    assert text.split("questions:", 1)[1].split("sources:\n  -", 1)[0] == (
        "\n  - number: 1\n"
        "    question: |\n      Gäller kravet i sommar?\n"
        "    vardval: [vc]\n    topics: [oppettider, tillganglighet]\n    requirements: [VC-001]\n"
        f"    sources:\n      - seed: {SLIDES}\n        locator: Fråga 1\n"
    )


def test_a_question_gets_the_next_number_and_the_meetings_own_source(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    path = real_project / MEETINGS / "2026-05-07.yaml"
    before = path.read_bytes()
    result = run_ffu(
        "-C", str(real_project), "qa", "add", "--meeting", "2026-05-07", "--question", "Ny fråga?",
        "--locator", "Fråga 23",
    )  # fmt: skip

    assert result.code == 0, result.err
    meeting = load_database(real_project).meetings["2026-05-07"]
    question = meeting.questions[-1]
    assert (question.number, question.sources[0].seed) == (23, "000_9457d6a6039ce02e.txt")
    after = path.read_bytes()
    assert after.startswith(before.split(b"sources:\n  - seed")[0]), "all questions before stay byte for byte"


def test_a_question_about_a_requirement_that_does_not_exist_is_refused_at_its_line(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    add_meeting(real_project, run_ffu)
    result = run_ffu(
        "-C", str(real_project), "qa", "add", "--meeting", "2026-09-15", "--question", "?",
        "--krav", "VC-099", "--locator", "x",
    )  # fmt: skip
    assert result.code == 1
    assert result.err.splitlines()[1] == (
        "requirements_db/meetings/2026-09-15.yaml:9:1: kravet VC-099 finns inte; ange id för ett befintligt "
        "krav i requirements_db/requirements/ (i raderna som kommandot skulle ha lagt till här)"
    )


def test_an_answer_then_its_completion_then_nothing_more(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    add_meeting(real_project, run_ffu)
    root = str(real_project)
    run_ffu(
        "-C", root, "qa", "add", "--meeting", "2026-09-15", "--question", "Fråga?", "--locator", "Fråga 1"
    )

    first = run_ffu("-C", root, "qa", "answer", "--meeting", "2026-09-15", "--number", "1", "--text", "Svar.")
    later = run_ffu(
        "-C",
        root,
        "qa",
        "answer",
        "--meeting",
        "2026-09-15",
        "--number",
        "1",
        "--text",
        "Mer.",
        "--date",
        "2026-09-22",
    )
    third = run_ffu(
        "-C", root, "qa", "answer", "--meeting", "2026-09-15", "--number", "1", "--text", "Ännu mer."
    )

    assert (first.code, later.code, third.code) == (0, 0, 2)
    question = load_database(real_project).meetings["2026-09-15"].questions[0]
    assert question.answer == "Svar.\n"
    assert question.completed is not None
    assert (question.completed.date.isoformat(), question.completed.text) == ("2026-09-22", "Mer.\n")
    assert "har redan både svar och komplettering" in third.err


def test_a_completion_dated_before_the_meeting_is_refused(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    root = str(real_project)
    result = run_ffu(
        "-C",
        root,
        "qa",
        "answer",
        "--meeting",
        "2026-05-07",
        "--number",
        "1",
        "--text",
        "Mer.",
        "--date",
        "2026-05-01",
    )
    assert result.code == 1
    assert "kompletteringen kan inte vara daterad före mötet" in result.err


def test_answering_a_question_that_is_not_there_names_the_ones_that_are(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    add_meeting(real_project, run_ffu)
    result = run_ffu(
        "-C", str(real_project), "qa", "answer", "--meeting", "2026-09-15", "--number", "4", "--text", "x"
    )
    assert result.err == "ffu: mötet 2026-09-15 har ingen fråga 4 (frågor: inga); inget har ändrats\n"
