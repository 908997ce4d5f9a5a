"""`ffu docx`: writes the file, defaults its name, and explains a wrong year in Swedish."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from .conftest import FIXTURES, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "projekt"
    copy_project(FIXTURES / "docx", target)
    return target


def test_docx_writes_the_default_file_name_in_the_folder_it_runs_in(project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    result = run_ffu("-C", str(project), "docx", "--vardval", "vc", "--year", "2025")
    assert result.code == 0, result.err
    written = project / "FFU-vc-2025.docx"
    assert docx.Document(str(written)).core_properties.title.endswith("Vårdcentral 2025")
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == []


def test_docx_writes_where_output_says_with_comparisons(project: Path, tmp_path: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "ut" / "underlag.docx"
    target.parent.mkdir()
    result = run_ffu(
        "-C",
        str(project),
        "docx",
        "--vardval",
        "vc",
        "--year",
        "2025",
        "-o",
        str(target),
        "--with-comparisons",
    )
    assert result.code == 0, result.err
    assert "Bilaga 2 Omvärldsbevakning" in [p.text for p in docx.Document(str(target)).paragraphs]


def test_a_year_not_in_the_register_is_a_swedish_usage_error(project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    result = run_ffu("-C", str(project), "docx", "--vardval", "vc", "--year", "2031")
    assert result.code == 2
    assert "året 2031 finns inte i requirements_db/years.yaml (det finns: 2024, 2025, 2026)" in result.err
    assert not (project / "FFU-vc-2031.docx").exists()


def test_an_unknown_vardval_is_refused_by_the_argument_parser(project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        run_ffu("-C", str(project), "docx", "--vardval", "tandvard", "--year", "2025")
    assert exit_info.value.code == 2


def test_an_unwritable_output_is_a_swedish_usage_error(project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    blocked = project / "finns"
    blocked.write_text("en fil, inte en mapp")
    result = run_ffu(
        "-C", str(project), "docx", "--vardval", "vc", "--year", "2025", "-o", str(blocked / "FFU.docx")
    )
    assert result.code == 2
    assert f"{blocked} är ingen mapp" in result.err
