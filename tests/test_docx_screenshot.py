"""`python -m generator.docx.screenshot`: wrong input gives a Swedish message, never a traceback.

Every case here is refused before LibreOffice starts, so the tests need no office suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.docx.screenshot import main

from .conftest import FIXTURES, copy_project


def test_outside_a_project_it_says_so_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([str(tmp_path / "sida.png")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ffu: hittar ingen projektmapp") and "Traceback" not in err


def test_a_database_with_errors_lists_them_and_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "projekt"
    copy_project(FIXTURES / "docx", project)
    with (project / "requirements_db" / "requirements" / "VC-001.yaml").open("a") as record:
        record.write("okänt_fält: 1\n")
    monkeypatch.chdir(project)
    assert main([str(tmp_path / "sida.png")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("requirements_db/requirements/VC-001.yaml:") and "Traceback" not in err


def test_a_year_not_in_the_register_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(copy_project(FIXTURES / "docx", tmp_path / "projekt"))
    assert main([str(tmp_path / "sida.png"), "--year", "2031"]) == 2
    assert capsys.readouterr().err == (
        "ffu: året 2031 finns inte i requirements_db/years.yaml (det finns: 2024, 2025, 2026)\n"
    )
    assert not (tmp_path / "sida.png").exists()


def test_argument_errors_are_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["sida.png", "--vardval", "tandvard"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("användning: ") and "fel: argument --vardval: ogiltigt val: 'tandvard'" in err
