"""Each malformed fixture gives its Swedish message at the right place and a non-zero exit.

A fixture declares where it goes in a copy of the minimal project and what
`ffu validate` must say, in its first two lines:
    # target: requirements/VC-002.yaml
    # expect: 9:1 tabb
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES

CASES = sorted((FIXTURES / "malformed").glob("*.yaml"))


def _header(path: Path) -> tuple[str, int, int, str]:
    head = path.read_bytes().split(b"\n", 2)
    target = re.fullmatch(r"# target: (\S+)", head[0].decode()).group(1)  # type: ignore[union-attr]
    match = re.fullmatch(r"# expect: (\d+):(\d+) (.+)", head[1].decode())
    assert match, f"{path.name}: second line must be '# expect: LINE:COL message'"
    return target, int(match.group(1)), int(match.group(2)), match.group(3)


def test_there_are_at_least_twenty_malformed_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_malformed_input_is_reported_at_its_line_in_swedish(
    case: Path, minimal_project: Path, run_ffu
) -> None:  # type: ignore[no-untyped-def]
    target, line, column, fragment = _header(case)
    destination = minimal_project / "requirements_db" / target
    destination.write_bytes(case.read_bytes())
    before = {p: p.read_bytes() for p in minimal_project.rglob("*") if p.is_file()}

    result = run_ffu("-C", str(minimal_project), "validate")

    assert result.code == 1
    expected_prefix = f"requirements_db/{target}:{line}:{column}: "
    lines = result.err.splitlines()
    matching = [entry for entry in lines if entry.startswith(expected_prefix) and fragment in entry]
    assert matching, f"expected {expected_prefix}…{fragment}… in:\n{result.err}"
    assert "Traceback" not in result.err
    assert re.search(r"^\d+ fel hittades\.$|^1 fel hittades\.$", lines[-1])
    after = {p: p.read_bytes() for p in minimal_project.rglob("*") if p.is_file()}
    assert after == before, "validate must not change any file"


def test_every_error_is_printed_not_just_the_first(minimal_project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    for name in ("unknown_field", "impossible_date", "unknown_topic_in_comparison"):
        target, *_ = _header(FIXTURES / "malformed" / f"{name}.yaml")
        destination = minimal_project / "requirements_db" / target
        if destination.exists():
            destination = destination.with_name("VC-003.yaml")
            content = (FIXTURES / "malformed" / f"{name}.yaml").read_text().replace("VC-002", "VC-003")
            destination.write_text(content)
        else:
            destination.write_bytes((FIXTURES / "malformed" / f"{name}.yaml").read_bytes())
    result = run_ffu("-C", str(minimal_project), "validate")
    assert result.code == 1
    files = {entry.split(":")[0] for entry in result.err.splitlines() if entry.startswith("requirements_db/")}
    assert files == {
        "requirements_db/requirements/VC-002.yaml",
        "requirements_db/requirements/VC-003.yaml",
        "requirements_db/comparisons/OMV-002.yaml",
    }


def test_a_broken_file_run_as_a_real_process_gives_no_traceback(minimal_project: Path) -> None:
    (minimal_project / "requirements_db/requirements/VC-002.yaml").write_bytes(b"id: [\n\xff\xfe")
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "validate"],
        cwd=minimal_project,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(Path(__file__).resolve().parent.parent), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("requirements_db/requirements/VC-002.yaml:2:1: ")


def test_a_quoted_value_with_a_line_separator_stays_on_one_message_line(  # type: ignore[no-untyped-def]
    minimal_project: Path, run_ffu
) -> None:
    # U+001E is a line boundary for str.splitlines; found by the fuzz test as a whole record "\x1e".
    (minimal_project / "requirements_db/requirements/VC-002.yaml").write_text('"\\x1e"\n', encoding="utf-8")
    result = run_ffu("-C", str(minimal_project), "validate")
    *problems, total = result.err.splitlines()
    assert total == "2 fel hittades."
    assert all(line.startswith("requirements_db/requirements/VC-002.yaml:1:1: ") for line in problems)
    assert "inte '\\u001e'" in result.err


def test_a_missing_register_is_reported_once(minimal_project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    (minimal_project / "requirements_db" / "topics.yaml").unlink()
    result = run_ffu("-C", str(minimal_project), "validate")
    assert result.code == 1
    assert result.err.splitlines() == [
        "requirements_db/topics.yaml:1:1: filen saknas; registret måste finnas",
        "1 fel hittades.",
    ]


def test_a_folder_named_like_a_record_gets_a_swedish_message(minimal_project: Path, run_ffu) -> None:  # type: ignore[no-untyped-def]
    (minimal_project / "requirements_db" / "requirements" / "VC-009.yaml").mkdir()
    result = run_ffu("-C", str(minimal_project), "validate")
    assert result.code == 1
    assert "requirements_db/requirements/VC-009.yaml:1:1: det här är en mapp, inte en fil" in result.err
