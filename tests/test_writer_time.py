"""Decided text is sealed, corrections are recorded, decisions need dates and motivations, and
`ffu show` answers what applied when."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from generator.diff import compare
from generator.docx import render_ffu
from generator.pipeline import load_database
from generator.report import render_report

from .conftest import Result

VC001 = "requirements_db/requirements/VC-001.yaml"
SOURCE = ("--source", "000_9457d6a6039ce02e.txt", "--locator", "Fråga 8")


def _git(project: Path) -> None:
    """Make the copy a repository with everything committed, as a writer's clone is."""
    for args in (
        ("init", "-q"),
        ("add", "-A"),
        ("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "start"),
    ):
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)


def _rewrite_2026_hours(project: Path) -> None:
    path = project / VC001
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("  - year: 2026", 1)
    path.write_text(
        head
        + "  - year: 2026"
        + tail.replace("minst 45 timmar per vecka, förlagt", "minst 50 timmar per vecka, förlagt", 1),
        encoding="utf-8",
    )


def test_a_hand_edit_of_decided_text_is_refused_at_its_line_naming_the_correction(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    _rewrite_2026_hours(real_project)
    result = run_ffu("-C", str(real_project), "validate")
    assert result.code == 1
    [problem] = [line for line in result.err.splitlines() if line.startswith(VC001)]
    location, message = problem.split(": ", 1)
    line = int(location.split(":")[1])
    assert "50 timmar" in (real_project / VC001).read_text(encoding="utf-8").splitlines()[line]
    assert "versionen 2026 av VC-001 är beslutad" in message
    assert "ffu correct VC-001 --year 2026 --reason" in message


def test_a_correction_is_recorded_with_date_reason_and_the_text_before_and_resealed(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    _git(real_project)
    _rewrite_2026_hours(real_project)
    result = run_ffu(
        "-C", str(real_project), "correct", "VC-001", "--year", "2026",
        "--reason", "Skrivfel rättat", "--date", "2026-11-30",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert run_ffu("-C", str(real_project), "validate").code == 0
    db = load_database(real_project)
    version = db.requirements["VC-001"].version_in(2026)
    assert version is not None and len(version.corrections) == 1
    correction = version.corrections[0]
    assert (str(correction.date), correction.reason) == ("2026-11-30", "Skrivfel rättat")
    assert correction.previous_text is not None and "minst 45 timmar" in correction.previous_text
    # The next report shows the correction.
    report = render_report(db, compare(db, 2025, 2026))
    text = "".join(p.text for p in docx.Document(_bytes(report)).paragraphs)
    assert "Rättelse 30 november 2026: Skrivfel rättat" in text


def _bytes(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def test_a_correction_of_unchanged_text_is_refused(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    result = run_ffu("-C", str(real_project), "correct", "VC-001", "--year", "2026", "--reason", "x")
    assert result.code == 2
    assert "stämmer med sitt sigill" in result.err and "inget har ändrats" in result.err


@pytest.fixture
def proposed(real_project: Path, run_ffu: Callable[..., Result]) -> Path:
    assert run_ffu("-C", str(real_project), "new-year", "2027").code == 0
    result = run_ffu(
        "-C", str(real_project), "propose", "VC-001", "--year", "2027",
        "--text", "Vårdcentralen ska ha öppet minst 47,5 timmar per vecka.", "--motivation", "M", *SOURCE,
    )  # fmt: skip
    assert result.code == 0, result.err
    return real_project


def test_a_decision_without_a_date_is_refused(proposed: Path, run_ffu: Callable[..., Result]) -> None:
    result = run_ffu("-C", str(proposed), "decide", "2027", "--ref", "PVN § 5")
    assert result.code == 2 and "saknar datum" in result.err


def test_a_proposal_whose_motivation_was_deleted_cannot_be_decided(
    proposed: Path, run_ffu: Callable[..., Result]
) -> None:
    path = proposed / VC001
    path.write_text(path.read_text(encoding="utf-8").replace("    motivation: M\n", ""), encoding="utf-8")
    before = path.read_bytes()
    result = run_ffu("-C", str(proposed), "decide", "2027", "--ref", "PVN 2026-12-10 § 5")
    assert result.code == 1
    assert any(line.startswith(VC001) and "saknar motivering" in line for line in result.err.splitlines())
    assert path.read_bytes() == before


def test_a_withdrawn_decision_leaves_proposals_and_a_record_of_why(
    proposed: Path, run_ffu: Callable[..., Result]
) -> None:
    assert run_ffu("-C", str(proposed), "decide", "2027", "--ref", "PVN 2026-12-10 § 5").code == 0
    result = run_ffu(
        "-C",
        str(proposed),
        "decide",
        "2027",
        "--withdraw",
        "--reason",
        "Fel sammanträde",
        "--date",
        "2026-12-11",
    )
    assert result.code == 0, result.err
    db = load_database(proposed)
    year = db.years[2027]
    assert year.status == "förslag" and year.decision is None and not year.seals
    assert [(w.reason, str(w.date), w.decision.label()) for w in year.withdrawn] == [
        ("Fel sammanträde", "2026-12-11", "Primärvårdsnämnden 2026-12-10 § 5")
    ]
    version = db.requirements["VC-001"].version_in(2027)
    assert version is not None and version.status == "förslag" and version.decision is None


def test_a_meeting_in_autumn_about_the_open_year_belongs_to_that_years_annex(
    proposed: Path, run_ffu: Callable[..., Result]
) -> None:
    result = run_ffu(
        "-C", str(proposed), "qa", "add-meeting", "--date", "2026-10-01", "--name", "Dialogmöte",
        "--organiser", "Region Skåne", *SOURCE,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert run_ffu(
        "-C", str(proposed), "qa", "add", "--meeting", "2026-10-01", "--question", "Gäller 47,5 timmar?",
        "--vardval", "vc", "--locator", "Fråga 1",
    ).code == 0  # fmt: skip
    db = load_database(proposed)
    assert db.meetings["2026-10-01"].year == 2027

    def annex(year: int) -> str:
        document = docx.Document(_bytes(render_ffu(db, "vc", year)))
        return "\n".join(p.text for p in document.paragraphs)

    assert "Gäller 47,5 timmar?" in annex(2027)
    assert "Gäller 47,5 timmar?" not in annex(2026)


def test_show_on_a_date_says_what_applied_and_what_was_decided_for_later(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    result = run_ffu("-C", str(real_project), "show", "VC-001", "--date", "2025-06-01")
    assert result.code == 0, result.err
    assert "1 juni 2025: gällande." in result.out
    assert "minst 30 timmar" in result.out
    assert "Beslutat att gälla från 1 september 2025" in result.out


def test_show_for_a_year_states_an_unknown_start_date(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    result = run_ffu("-C", str(real_project), "show", "BVC-008", "--year", "2025")
    assert result.code == 0, result.err
    assert "Källan anger inte från vilket datum kravet gäller (beslutat 23 april 2025)." in result.out
    assert "gäller från 1 januari" not in result.out


def test_show_refuses_an_unknown_id_in_swedish(real_project: Path, run_ffu: Callable[..., Result]) -> None:
    result = run_ffu("-C", str(real_project), "show", "VC-999")
    assert result.code == 2 and "kravet VC-999 finns inte" in result.err
