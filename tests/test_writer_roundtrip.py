"""Editing keeps every byte it did not mean to change, and writes all files or none."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.edit import nodes
from generator.edit import session as session_module
from generator.edit.errors import EditError, PartlyWritten
from generator.edit.roundtrip import Write, dump_text, load_document, write_atomically, yaml_rt
from generator.problems import ProblemsFound

from .conftest import REPO, Result, unseal

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


@pytest.mark.parametrize(
    ("content", "line", "column", "kinds"),
    [
        (b"id: VC-001\r\ntopics: [a, b]\nlevel: ska\r\n", 2, 15, ("LF", "CRLF")),
        (b"id: VC-001\ntopics: [a, b]\r\nlevel: ska\n", 2, 15, ("CRLF", "LF")),
    ],
    ids=["one LF among CRLF", "one CRLF among LF"],
)
def test_a_file_with_mixed_line_endings_is_refused_at_the_first_line_that_ends_otherwise(
    content: bytes, line: int, column: int, kinds: tuple[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "VC-001.yaml"
    path.write_bytes(content)
    with pytest.raises(ProblemsFound) as caught:
        load_document(path, "VC-001.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (line, column)
    assert problem.message.startswith(
        f"filen blandar radslut: den här raden slutar med {kinds[0]}, men rad 1 med {kinds[1]}; "
    )
    assert "spara filen med ett slags radslut" in problem.message


def test_a_command_changes_nothing_in_a_file_with_mixed_line_endings(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    years = real_project / "requirements_db/years.yaml"
    years.write_bytes(years.read_bytes().replace(b"\n", b"\r\n", 1))
    before = years.read_bytes()
    end = len(before.split(b"\n")[1].decode("utf-8")) + 1

    result = run_ffu("-C", str(real_project), "new-year", "2027")

    assert result.code == 1
    assert result.err.splitlines()[:2] == [
        "ffu new-year: requirements_db/years.yaml kan inte ändras säkert; inget har ändrats:",
        f"requirements_db/years.yaml:2:{end}: filen blandar radslut: den här raden slutar med LF, men "
        "rad 1 med CRLF; spara filen med ett slags radslut (i VS Code: LF eller CRLF längst ned till höger) "
        "och kör kommandot igen",
    ]
    assert years.read_bytes() == before


def test_a_file_the_dumper_would_reformat_is_refused_at_the_first_line_it_would_change(
    tmp_path: Path,
) -> None:
    path = tmp_path / "VC-001.yaml"
    path.write_text("id: VC-001\nversions:\n- year: 2024\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_document(path, "requirements_db/requirements/VC-001.yaml")
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.column) == ("requirements_db/requirements/VC-001.yaml", 3, 1)
    assert "skriv raden med 2 mellanslag först: '  - year: 2024'" in problem.message


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("versions:\n    - year: 2024\n", "skriv raden med 2 mellanslag först: '  - year: 2024'"),
        ("id: VC-001\nlevel:   ska\n", "skriv raden utan mellanslag först: 'level: ska'"),
    ],
)
def test_the_suggested_line_says_how_far_it_is_indented(text: str, suggestion: str, tmp_path: Path) -> None:
    path = tmp_path / "VC-001.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_document(path, "VC-001.yaml")
    [problem] = caught.value.problems
    assert problem.line == 2
    assert suggestion in problem.message


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
    unseal(real_project)  # the fixture rewrites decided text, which a sealed database would refuse
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
    with pytest.raises(EditError, match=r"^kunde inte skriva c\.yaml: disken är full$"):
        write_atomically(writes)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.yaml": b"a: 1\n"}
    assert (tmp_path / "a.yaml").stat().st_mode & 0o777 == 0o640


def test_putting_the_files_back_needs_no_new_space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes = _writes(tmp_path)
    real_replace, real_open = os.replace, os.open
    replaced: list[object] = []

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name == "c.yaml":
            raise OSError(errno.ENOSPC, "No space left on device")
        replaced.append(dst)
        real_replace(src, dst)

    def full_disk(*args: Any, **kwargs: Any) -> int:
        if replaced:  # once the first file is replaced, the disk is full: no file can be created
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(*args, **kwargs)

    monkeypatch.setattr(os, "replace", failing_replace)
    monkeypatch.setattr(os, "open", full_disk)
    with pytest.raises(EditError, match=r"^kunde inte skriva c\.yaml: disken är full$"):
        write_atomically(writes)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.yaml": b"a: 1\n"}


def test_without_hard_links_the_old_text_is_copied_aside_and_still_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = _writes(tmp_path)
    real_replace = os.replace

    def no_links(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name == "c.yaml":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(EditError, match=r"^kunde inte skriva c\.yaml"):
        write_atomically(writes)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.yaml": b"a: 1\n"}
    assert (tmp_path / "a.yaml").stat().st_mode & 0o777 == 0o640


def test_a_file_that_cannot_be_put_back_is_named_and_keeps_its_old_text_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = _writes(tmp_path)
    real_replace = os.replace
    calls: list[object] = []

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(dst)
        if len(calls) == 3:  # writing c.yaml fails, and then putting a.yaml back fails too
            raise OSError(errno.ENOSPC, "No space left on device")
        if len(calls) > 3 and Path(dst).name == "a.yaml":
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(PartlyWritten) as caught:
        write_atomically(writes)

    files = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    [backup] = [name for name in files if name.startswith(".a.yaml.")]
    assert files == {"a.yaml": b"a: 2\n", backup: b"a: 1\n"}, "b.yaml, which could be removed, is"
    assert str(caught.value) == (
        "kunde inte skriva c.yaml: disken är full, och ändringen kunde inte tas tillbaka helt: "
        f"a.yaml har redan den nya texten (den gamla finns i {backup}); rätta filen för hand innan du kör "
        "kommandot igen"
    )


def test_a_file_saved_by_someone_else_meanwhile_stops_the_write(tmp_path: Path) -> None:
    writes = _writes(tmp_path)
    (tmp_path / "a.yaml").write_bytes(b"a: 3\n")
    with pytest.raises(EditError, match=r"^a\.yaml ändrades medan ffu arbetade; kör kommandot igen$"):
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


def _files(root: Path) -> dict[str, bytes]:
    # .cache/ holds the editing lock and journal, which are not part of the project.
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".cache" not in p.relative_to(root).parts
    }


@pytest.fixture
def decidable(real_project: Path, run_ffu: Callable[..., Result]) -> Path:
    """2027 open, with one finished proposal: deciding it writes VC-022.yaml, then years.yaml."""
    assert run_ffu("-C", str(real_project), "new-year", "2027").code == 0
    remove = ("propose", "VC-022", "--remove", "--motivation", "Upphör.")
    source = ("--source", "000_9457d6a6039ce02e.txt", "--locator", "Fråga 8")
    assert run_ffu("-C", str(real_project), *remove, *source).code == 0
    return real_project


DECIDE = ("decide", "2027", "--ref", "PVN 2026-12-10 § 123")


def _replace_failing_on(monkeypatch: pytest.MonkeyPatch, name: str, *, undo_fails: bool = False) -> None:
    """os.replace fails with a full disk when it would replace `name`; with `undo_fails`, so does undoing."""
    real_replace = os.replace
    failed: list[bool] = []

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name == name or (undo_fails and failed):
            failed.append(True)
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_a_write_that_fails_in_a_command_is_reported_once_and_every_file_is_put_back(
    decidable: Path, run_ffu: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(decidable)
    _replace_failing_on(monkeypatch, "years.yaml")

    result = run_ffu("-C", str(decidable), *DECIDE)

    assert result.code == 2
    assert result.err == (
        "ffu: kunde inte skriva requirements_db/years.yaml: disken är full; inget har ändrats\n"
    )
    assert _files(decidable) == before, "VC-022.yaml is put back, and no temporary or backup file is left"


def test_a_write_that_cannot_be_undone_in_a_command_names_the_file_left_changed(
    decidable: Path, run_ffu: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(decidable)
    _replace_failing_on(monkeypatch, "years.yaml", undo_fails=True)

    result = run_ffu("-C", str(decidable), *DECIDE)

    assert result.code == 2
    assert "inget har ändrats" not in result.err
    after = _files(decidable)
    [backup] = [path for path in after if path not in before]
    assert backup.startswith("requirements_db/requirements/.VC-022.yaml.")
    assert after[backup] == before["requirements_db/requirements/VC-022.yaml"]
    assert result.err == (
        "ffu: kunde inte skriva requirements_db/years.yaml: disken är full, och ändringen kunde "
        "inte tas tillbaka helt: requirements_db/requirements/VC-022.yaml har redan den nya texten (den "
        f"gamla finns i {backup}); rätta filen för hand innan du kör kommandot igen\n"
    )


def test_a_file_saved_meanwhile_stops_a_command_with_one_plain_message(
    real_project: Path, run_ffu: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    years = real_project / "requirements_db/years.yaml"
    real_write = session_module.write_atomically

    def saved_meanwhile(writes: list[Write], root: Path | None = None) -> None:
        years.write_bytes(years.read_bytes() + b"# sparad av en kollega\n")
        real_write(writes, root)

    monkeypatch.setattr(session_module, "write_atomically", saved_meanwhile)
    result = run_ffu("-C", str(real_project), "new-year", "2027")

    assert result.code == 2
    assert result.err == (
        "ffu: requirements_db/years.yaml ändrades medan ffu arbetade; kör kommandot igen; inget har ändrats\n"
    )
    assert years.read_bytes().endswith(b"# sparad av en kollega\n")


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
        "requirements_db/years.yaml:5:1: ffu kan inte ändra filen utan att också skriva om den här raden "
        "(indrag, citattecken eller mellanrum skiljer sig från övriga filer); skriv raden med 2 mellanslag "
        "först: '  - year: 2024' eller gör ändringen för hand",
    ]
