"""Editing keeps every byte it did not mean to change, and writes all files or none."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.edit import nodes
from generator.edit.errors import EditError
from generator.edit.roundtrip import Write, dump_text, load_document, write_atomically, yaml_rt
from generator.problems import ProblemsFound

from .conftest import REPO, Result

REAL_FILES = sorted((REPO / "requirements_db").rglob("*.yaml"))


def test_there_are_real_files_to_check() -> None:
    assert len(REAL_FILES) > 150


@pytest.mark.parametrize("path", REAL_FILES, ids=[p.relative_to(REPO).as_posix() for p in REAL_FILES])
def test_loading_and_dumping_a_real_file_gives_back_every_byte(path: Path) -> None:
    document = load_document(path, path.name)
    assert document.dump() == path.read_bytes()


def test_windows_line_endings_and_a_byte_order_mark_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "VC-001.yaml"
    path.write_bytes(b"\xef\xbb\xbf# kommentar\r\nid: VC-001\r\ntopics: [a, b]\r\n")
    document = load_document(path, "VC-001.yaml")
    document.data["topics"].append("c")
    assert document.dump() == b"\xef\xbb\xbf# kommentar\r\nid: VC-001\r\ntopics: [a, b, c]\r\n"


def test_a_file_the_dumper_would_reformat_is_refused_at_the_first_line_it_would_change(
    tmp_path: Path,
) -> None:
    path = tmp_path / "VC-001.yaml"
    path.write_text("id: VC-001\nversions:\n- year: 2024\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_document(path, "requirements_db/requirements/VC-001.yaml")
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.column) == ("requirements_db/requirements/VC-001.yaml", 3, 1)
    assert "skriv raden som '- year: 2024'" in problem.message


COMMENTED = """\
# yaml-language-server: $schema=../../schemas/requirement.schema.json
# Huvudkommentar.
id: VC-014   # radslutskommentar
part: vc
vardval: [vc]
kind: bemanning och kompetens
level: bör
topics: [kompetensforsorjning, bemanning]  # ämnen
versions:
  # Kommentar före första versionen.
  - year: 2026
    change: oförändrad
    status: beslutad
    placement:
      chapter: vc-bemanning   # kapitel
      section: "3.4"
      heading: 'ST-läkare'
    text: |
      Riktmärket för ST-läkare är 550 listade per läkare.
    # Kommentar mellan text och källor.
    paraphrased: true
    sources:
      - seed: 000_9457d6a6039ce02e.txt
        locator: Fråga 12
# Kommentar sist i filen.
"""


def test_comments_quotes_and_flow_lists_survive_a_proposal(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    path = real_project / "requirements_db/requirements/VC-014.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    assert run_ffu("-C", str(real_project), "new-year", "2027").code == 0

    result = run_ffu(
        "-C",
        str(real_project),
        "propose",
        "VC-014",
        "--text",
        "Riktmärket är 500 listade.",
        *("--motivation", "M", "--source", "000_9457d6a6039ce02e.txt", "--locator", "Fråga 12"),
    )

    assert result.code == 0, result.err
    after = path.read_text(encoding="utf-8").splitlines()
    remaining = iter(after)
    assert all(line in remaining for line in COMMENTED.splitlines()), "every old line, in its order"
    comments = [line for line in COMMENTED.splitlines() if "#" in line]
    assert [line for line in after if "#" in line] == comments, "no comment lost, moved or copied"
    assert after.count("      heading: 'ST-läkare'") == 2, "the copied placement keeps its quotes"


def _writes(tmp_path: Path) -> list[Write]:
    old = tmp_path / "a.yaml"
    old.write_bytes(b"a: 1\n")
    os.chmod(old, 0o640)
    return [
        Write(old, "a.yaml", b"a: 1\n", b"a: 2\n"),
        Write(tmp_path / "b.yaml", "b.yaml", None, b"b: 1\n"),
        Write(tmp_path / "c.yaml", "c.yaml", None, b"c: 1\n"),
    ]


def test_all_files_are_written_and_an_edited_file_keeps_its_permissions(tmp_path: Path) -> None:
    write_atomically(_writes(tmp_path))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "a.yaml": b"a: 2\n",
        "b.yaml": b"b: 1\n",
        "c.yaml": b"c: 1\n",
    }
    assert (tmp_path / "a.yaml").stat().st_mode & 0o777 == 0o640


def test_a_failure_while_replacing_puts_every_file_back_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = _writes(tmp_path)
    real_replace = os.replace
    calls: list[object] = []

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(dst)
        if len(calls) == 3:  # the first two files are in place when the third fails
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(
        EditError, match=r"kunde inte skriva c\.yaml: No space left on device; inget har ändrats"
    ):
        write_atomically(writes)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.yaml": b"a: 1\n"}


def test_a_file_saved_by_someone_else_meanwhile_stops_the_write(tmp_path: Path) -> None:
    writes = _writes(tmp_path)
    (tmp_path / "a.yaml").write_bytes(b"a: 3\n")
    with pytest.raises(EditError, match=r"a\.yaml ändrades medan ffu arbetade"):
        write_atomically(writes)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.yaml": b"a: 3\n"}


def test_a_new_key_goes_where_the_schema_puts_it() -> None:
    version = yaml_rt().load("year: 2027\nchange: ny\nstatus: förslag\nmotivation: M\nsources: []\n")
    nodes.put(version, "decision", nodes.decision("Primärvårdsnämnden", None, "§ 5"), nodes.VERSION_KEYS)
    assert list(version) == ["year", "change", "status", "motivation", "decision", "sources"]


def test_a_copied_node_is_written_out_again_not_as_an_alias() -> None:
    data = yaml_rt().load('a:\n  placement: {chapter: x, section: "1.1"}\n')
    data["b"] = nodes.copy(data["a"])
    assert (
        dump_text(data)
        == 'a:\n  placement: {chapter: x, section: "1.1"}\nb:\n  placement: {chapter: x, section: "1.1"}\n'
    )


def test_a_copy_of_the_real_project_is_not_touched_by_a_refused_command(
    real_project: Path, tmp_path: Path, run_ffu: Callable[..., Result]
) -> None:
    reference = tmp_path / "referens"
    shutil.copytree(real_project, reference)
    result = run_ffu("-C", str(real_project), "new-year", "2030")
    assert result.code == 2
    assert result.err == "ffu: året 2030 är inte nästa år; nästa år att öppna är 2027; inget har ändrats\n"
    assert {p.relative_to(real_project): p.read_bytes() for p in real_project.rglob("*") if p.is_file()} == {
        p.relative_to(reference): p.read_bytes() for p in reference.rglob("*") if p.is_file()
    }


def test_a_command_on_a_database_with_problems_names_them_and_changes_nothing(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    path = real_project / "requirements_db/requirements/VC-027.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("level: ska", "level: måste"), encoding="utf-8")
    before = (real_project / "requirements_db/years.yaml").read_bytes()

    result = run_ffu("-C", str(real_project), "new-year", "2027")

    assert result.code == 1
    assert result.err.splitlines() == [
        "ffu new-year: databasen har fel som måste rättas först; inget har ändrats:",
        "requirements_db/requirements/VC-027.yaml:7:8: 'måste' är inte ett tillåtet värde för 'level'; "
        "välj ett av: ska, bör",
        "1 fel hittades.",
    ]
    assert (real_project / "requirements_db/years.yaml").read_bytes() == before


def test_a_file_ffu_cannot_edit_safely_is_refused_by_the_command(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    years = real_project / "requirements_db/years.yaml"
    years.write_text(
        years.read_text(encoding="utf-8").replace("  - year: 2024", "  - year:   2024"), encoding="utf-8"
    )

    result = run_ffu("-C", str(real_project), "new-year", "2027")

    assert result.code == 1
    assert result.err.splitlines()[:2] == [
        "ffu new-year: requirements_db/years.yaml kan inte ändras säkert; inget har ändrats:",
        "requirements_db/years.yaml:4:1: ffu kan inte ändra filen utan att också skriva om den här raden "
        "(indrag, citattecken eller mellanrum skiljer sig från övriga filer); skriv raden som '- year: 2024' "
        "eller gör ändringen för hand",
    ]
