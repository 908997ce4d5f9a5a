"""Records are regular files inside the project, of bounded size and depth, in plain YAML.

Each test is one of the ways a record was once read that should not have been: through a
link, from a FIFO or a device, from outside the project, or too large or too deep to check.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load import MAX_DEPTH, MAX_FILE_BYTES
from generator.model import PROSE_MAX_LENGTH

from .conftest import FIXTURES

RECORD = "requirements_db/requirements/VC-099.yaml"


def _validate(project: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`ffu validate` in its own process, so that a hang or a memory blow-up cannot take pytest along."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(project), "validate"],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _refused(result: subprocess.CompletedProcess[str], where: str, fragment: str) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internt fel" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(where)]
    assert lines, f"expected {where} in:\n{result.stderr}"
    assert fragment in lines[0], lines[0]
    return lines[0]


def test_a_record_linked_to_dev_zero_is_refused_without_reading_it(minimal_project: Path) -> None:
    (minimal_project / RECORD).symlink_to("/dev/zero")
    result = _validate(minimal_project)
    _refused(result, f"{RECORD}:1:1: ", "symbolisk länk")


def test_a_fifo_with_a_records_name_is_refused_instead_of_hanging(minimal_project: Path) -> None:
    os.mkfifo(minimal_project / RECORD)
    result = _validate(minimal_project, timeout=30)
    _refused(result, f"{RECORD}:1:1: ", "FIFO")


def test_a_record_linked_to_a_secret_never_shows_its_content(minimal_project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:hemligt-lösenord:/root:/bin/bash\n", encoding="utf-8")
    (minimal_project / RECORD).symlink_to(secret)
    result = _validate(minimal_project)
    _refused(result, f"{RECORD}:1:1: ", "symbolisk länk")
    assert "hemligt" not in result.stderr + result.stdout
    assert "root" not in result.stderr + result.stdout


def test_a_link_to_a_valid_record_outside_the_project_is_refused(
    minimal_project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "utanför.yaml"
    record = (minimal_project / "requirements_db/requirements/VC-001.yaml").read_text(encoding="utf-8")
    outside.write_text(record.replace("VC-001", "VC-099"), encoding="utf-8")
    (minimal_project / RECORD).symlink_to(outside)
    _refused(_validate(minimal_project), f"{RECORD}:1:1: ", "symbolisk länk")


def test_a_link_inside_the_project_is_refused_too(minimal_project: Path) -> None:
    (minimal_project / RECORD).symlink_to(minimal_project / "requirements_db/requirements/VC-001.yaml")
    _refused(_validate(minimal_project), f"{RECORD}:1:1: ", "symbolisk länk")


def test_a_record_folder_linked_out_of_the_project_is_refused(minimal_project: Path, tmp_path: Path) -> None:
    folder = minimal_project / "requirements_db/comparisons"
    folder.rename(tmp_path / "jämförelser")
    folder.symlink_to(tmp_path / "jämförelser")
    _refused(_validate(minimal_project), "requirements_db/comparisons:1:1: ", "ut ur projektet")


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(minimal_project: Path) -> None:
    (minimal_project / RECORD).write_bytes(b"id: VC-099\ntext: " + b"a" * MAX_FILE_BYTES + b"\n")
    _refused(_validate(minimal_project), f"{RECORD}:1:1: ", "större än 1 MB")


def test_a_text_over_the_length_limit_is_refused_at_its_line(minimal_project: Path) -> None:
    path = minimal_project / "requirements_db/requirements/VC-001.yaml"
    text = path.read_text(encoding="utf-8")
    long = "Vårdcentralen ska " + "a" * PROSE_MAX_LENGTH
    path.write_text(text.replace("Vårdcentralen ska ha öppet minst 30", long, 1), encoding="utf-8")
    _refused(_validate(minimal_project), "requirements_db/requirements/VC-001.yaml:17:", "för långt")


def test_twenty_thousand_nested_lists_give_a_located_message(minimal_project: Path) -> None:
    depth = 20_000
    (minimal_project / RECORD).write_text("id: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    _refused(_validate(minimal_project), f"{RECORD}:1:{4 + MAX_DEPTH}: ", f"fler än {MAX_DEPTH} nivåer")


def test_an_unclosed_deep_list_is_a_located_yaml_error_not_an_internal_one(minimal_project: Path) -> None:
    (minimal_project / RECORD).write_text("id: " + "[" * 20_000 + "\n", encoding="utf-8")
    result = _validate(minimal_project)
    assert result.returncode == 1 and "internt fel" not in result.stderr
    assert result.stderr.startswith(f"{RECORD}:")


def test_nesting_just_under_the_limit_is_left_to_the_schema(minimal_project: Path) -> None:
    nested = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    (minimal_project / RECORD).write_text(f"id: VC-099\ntopics: {nested}\n", encoding="utf-8")
    result = _validate(minimal_project)
    assert result.returncode == 1
    assert "nivåer" not in result.stderr


@pytest.mark.parametrize(
    ("value", "shown"),
    [("!!binary VsOlcmRjZW50cmFsZW4=", "'!!binary'"), ("!!str text", "'!!str'"), ("!egen text", "'!egen'")],
)
def test_an_explicit_yaml_tag_is_refused_at_its_line(minimal_project: Path, value: str, shown: str) -> None:
    path = minimal_project / "requirements_db/requirements/VC-001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("level: ska", f"level: {value}"), encoding="utf-8")
    where = "requirements_db/requirements/VC-001.yaml:7:8: "
    line = _refused(_validate(minimal_project), where, "YAML-taggen")
    assert shown in line


def test_an_exclamation_mark_inside_a_text_is_no_tag(minimal_project: Path) -> None:
    path = minimal_project / "requirements_db/requirements/VC-001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("per vecka.", "per vecka: ! viktigt!", 1), encoding="utf-8")
    result = _validate(minimal_project)
    assert result.returncode == 0, result.stderr


def test_a_control_character_after_an_anchor_sign_is_a_located_message(minimal_project: Path) -> None:
    # The look for anchors and tags parses the file before the load does, and must report what the load would.
    (minimal_project / RECORD).write_text("id: VC-099\n&\x1b\n", encoding="utf-8")
    _refused(_validate(minimal_project), f"{RECORD}:2:2: ", "U+001B")


def test_a_database_folder_linked_out_of_the_project_is_refused_whole(tmp_path: Path) -> None:
    elsewhere = tmp_path / "någon-annans"
    shutil.copytree(FIXTURES / "minimal" / "requirements_db", elsewhere)
    (elsewhere / "years.yaml").write_text("hemlig: uppgift\n", encoding="utf-8")
    project = tmp_path / "projekt"
    project.mkdir()
    (project / "requirements_db").symlink_to(elsewhere)
    result = _validate(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("requirements_db:1:1: mappen är en symbolisk länk ut ur")
    assert "hemlig" not in result.stderr
