"""The writers' yearly cycle on a copy of the real content, step by step, as the guide describes it.

1. open 2027; 2. a new requirement; 3. a proposal to change VC-001 (opening hours) and one
to remove VC-022 (covid-19 vaccinations); 4. a dialogue meeting with a question about the
change; 5. the nämnd's decision; 6. the 2027 documents and the 2026→2027 change report.
Between the commands the test edits files the way a writer does in the editor.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from docx import Document
from ruamel.yaml import YAML

from generator.cli import main
from generator.database import Database
from generator.diff import YearDiff, compare
from generator.docx import render_ffu, write_atomic
from generator.edit import placeholders
from generator.edit.records import source_name
from generator.pipeline import load_database
from generator.report import bookmark_name, write_report
from generator.seals import seal

from .conftest import REPO

DB = "requirements_db"


def _summer_exception() -> str:
    """The paragraph of VC-001's 2026 text that makes an exception for summer 2026; 2027 drops it."""
    data = YAML(typ="safe").load((REPO / DB / "requirements/VC-001.yaml").read_text(encoding="utf-8"))
    text = next(version["text"] for version in data["versions"] if version["year"] == 2026)
    [paragraph] = [p.strip() for p in text.split("\n\n") if "sommaren 2026" in p]
    assert "\n" not in paragraph, "the test removes the paragraph as one line"
    return str(paragraph)


SUMMER = _summer_exception()
START_TEXT = "En nyetablerad vårdcentral får ett startbidrag under sitt första verksamhetsår."
# The document the 2027 proposals come from: made up for the test, like the proposals themselves.
DOCUMENT = (
    "Dialogmöte Hälsovalen 15 september 2026 (påhittat exempel)\n\n"
    "Förslag 2027\n- Vaccinationer ersätts inte längre separat.\n\nFrågor och svar\n"
).encode()
NEW_SOURCE = source_name(5, DOCUMENT)
DECISION = {"body": "Primärvårdsnämnden", "date": "2026-12-10", "paragraph": "§ 123"}


@dataclass
class Run:
    code: int
    out: str
    err: str


def ffu(root: Path, *args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-C", str(root), *args])
    return Run(code, out.getvalue(), err.getvalue())


def snapshot(root: Path) -> dict[str, bytes]:
    # .cache/ holds the editing lock, which is not part of the project.
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(root).parts
    }


def edit(root: Path, path: str, old: str, new: str, *, last: bool = False) -> None:
    """Replace one occurrence, as a writer does in the editor (`last`: the one furthest down)."""
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    head, _, tail = text.rpartition(old) if last else text.partition(old)
    file.write_text(head + new + tail, encoding="utf-8")


@dataclass
class Cycle:
    root: Path
    out: Path
    before: dict[str, bytes]
    runs: dict[str, Run] = field(default_factory=dict)
    refused: dict[str, tuple[Run, dict[str, bytes], dict[str, bytes]]] = field(default_factory=dict)
    db: Database | None = None
    diff: YearDiff | None = None

    def step(self, name: str, *args: str) -> Run:
        result = ffu(self.root, *args)
        assert result.code == 0, f"{name}: {result.err}"
        self.runs[name] = result
        return result

    def refuse(self, name: str, *args: str) -> None:
        before = snapshot(self.root)
        result = ffu(self.root, *args)
        assert result.code != 0, f"{name} should have been refused"
        self.refused[name] = (result, before, snapshot(self.root))


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cycle]:
    root = tmp_path_factory.mktemp("cykel") / "projekt"
    shutil.copytree(REPO / DB, root / DB)
    c = Cycle(root, root.parent / "ut", snapshot(root))
    c.out.mkdir()

    # 1. Open next year's draft.
    c.step("new-year", "new-year", "2027")
    c.refuse("new-year again", "new-year", "2027")

    # 2. A new requirement, then the writer fills in the skeleton.
    c.step(
        "new", "new", "--vardval", "vc", "--title", "Startbidrag", "--section", "5.7", "--kind", "ersättning"
    )
    c.refuse("decide with a placeholder", "decide", "2027", "--ref", "PVN 2026-12-10 § 123")
    new = f"{DB}/requirements/VC-028.yaml"
    edit(root, new, placeholders.TEXT, START_TEXT)
    edit(root, new, placeholders.MOTIVATION, "Startbidrag föreslås för att underlätta etablering.")
    edit(root, new, placeholders.LOCATOR, "Preliminära förslag")
    edit(root, new, f"  {placeholders.SOURCE_COMMENT}", "")  # the guessed document is the right one

    # 3. Propose to change VC-001 and to remove VC-022; the writer edits the copied text.
    c.step(
        "propose",
        "propose",
        "VC-001",
        "--year",
        "2027",
        "--source",
        "000_9457d6a6039ce02e.txt",
        "--locator",
        "Fråga 8",
    )
    c.refuse("propose twice", "propose", "VC-001", "--year", "2027")
    c.refuse("propose in a decided year", "propose", "VC-014", "--year", "2026")
    vc001 = f"{DB}/requirements/VC-001.yaml"
    edit(root, vc001, f"\n\n      {SUMMER}\n", "\n", last=True)
    edit(root, vc001, placeholders.MOTIVATION, "Undantaget gällde bara sommaren 2026.")
    (root.parent / "dialogmote.txt").write_bytes(DOCUMENT)
    c.step(
        "source",
        *(
            "source",
            "add",
            str(root.parent / "dialogmote.txt"),
            "--title",
            "Dialogmöte Hälsovalen 15 september",
        ),
        *("--publisher", "Region Skåne", "--date", "2026-09-15"),
    )
    c.step(
        "remove",
        *("propose", "VC-022", "--year", "2027", "--remove"),
        *("--motivation", "Vaccinationerna ersätts inte längre separat."),
        *("--source", NEW_SOURCE, "--locator", "Förslag 2027"),
    )

    # 4. A dialogue meeting with a question about the change, answered later.
    c.step(
        "add-meeting",
        *("qa", "add-meeting", "--date", "2026-09-15", "--name", "Dialogmöte Hälsovalen"),
        *("--organiser", "Region Skåne", "--source", NEW_SOURCE, "--locator", "Dialogmöte 15 september 2026"),
    )
    c.step(
        "question",
        *("qa", "add", "--meeting", "2026-09-15", "--question", "Får öppettiden minskas även sommaren 2027?"),
        *("--vardval", "vc", "--krav", "VC-001", "--topic", "oppettider", "--locator", "Frågor och svar"),
    )
    c.step(
        "answer",
        "qa",
        "answer",
        "--meeting",
        "2026-09-15",
        "--number",
        "1",
        "--text",
        "Nej, inte enligt förslaget.",
    )

    # 5. The nämnd decides.
    c.step("decide", "decide", "2027", "--date", "2026-12-10", "--ref", "PVN 2026-12-10 § 123")

    # 6. Build: the 2027 documents and the change report.
    c.db = load_database(root)
    c.diff = compare(c.db, 2026, 2027)
    for year in (2026, 2027):
        write_atomic(c.out / f"FFU-vc-{year}.docx", render_ffu(c.db, "vc", year))
    write_report(c.db, c.diff, c.out / "andringar.docx")
    yield c


def _changed(c: Cycle) -> dict[str, str]:
    after = snapshot(c.root)
    return {
        path: ("ny" if path not in c.before else "ändrad")
        for path in sorted(set(after) | set(c.before))
        if after.get(path) != c.before.get(path)
    }


def test_only_the_files_the_cycle_is_about_change(cycle: Cycle) -> None:
    assert _changed(cycle) == {
        f"{DB}/meetings/2026-09-15.yaml": "ny",
        f"{DB}/requirements/VC-001.yaml": "ändrad",
        f"{DB}/requirements/VC-022.yaml": "ändrad",
        f"{DB}/requirements/VC-028.yaml": "ny",
        f"{DB}/sources.yaml": "ändrad",
        f"{DB}/sources/{NEW_SOURCE}": "ny",
        f"{DB}/years.yaml": "ändrad",
    }


@pytest.mark.parametrize("path", ["requirements/VC-001.yaml", "requirements/VC-022.yaml", "years.yaml"])
def test_every_byte_and_comment_of_an_edited_file_is_kept(cycle: Cycle, path: str) -> None:
    before = cycle.before[f"{DB}/{path}"]
    after = (cycle.root / DB / path).read_bytes()
    assert before.startswith(b"# yaml-language-server")  # the header comments
    assert after.startswith(before), "the cycle only adds 2027 at the end of each file"


def test_opening_the_year_records_it_as_a_proposal_and_changes_no_requirement(cycle: Cycle) -> None:
    out = cycle.runs["new-year"].out
    assert out.startswith("Året 2027 är öppnat som förslag i requirements_db/years.yaml.\n")
    result, before, after = cycle.refused["new-year again"]
    assert "året 2027 finns redan" in result.err and before == after


def test_the_new_requirement_gets_the_next_id_and_the_chapter_of_its_section(cycle: Cycle) -> None:
    assert cycle.runs["new"].out.splitlines()[0] == "VC-028 requirements_db/requirements/VC-028.yaml"
    assert cycle.db is not None
    version = cycle.db.requirements["VC-028"].versions[0]
    assert version.placement is not None
    assert (version.placement.chapter, version.placement.section) == ("vc-ersattning", "5.7")


def test_deciding_with_a_placeholder_left_is_refused_at_its_line_and_changes_nothing(cycle: Cycle) -> None:
    result, before, after = cycle.refused["decide with a placeholder"]
    assert result.code == 1
    assert re.search(
        r"^requirements_db/requirements/VC-028\.yaml:\d+:\d+: texten är fortfarande platshållaren",
        result.err,
        re.M,
    )
    assert before == after


@pytest.mark.parametrize("name", ["propose twice", "propose in a decided year"])
def test_a_refused_proposal_changes_nothing(cycle: Cycle, name: str) -> None:
    result, before, after = cycle.refused[name]
    assert result.code == 2 and "inget har ändrats" in result.err
    assert before == after


def test_the_change_report_of_2027_holds_exactly_the_three_changes_all_decided(cycle: Cycle) -> None:
    assert cycle.diff is not None
    assert [(c.id, c.kind, c.status) for c in cycle.diff.changed] == [
        ("VC-001", "ändrad", "beslutad"),
        ("VC-022", "utgår", "beslutad"),
        ("VC-028", "ny", "beslutad"),
    ]
    vc001 = next(c for c in cycle.diff.changed if c.id == "VC-001")
    assert [s.text.strip() for s in vc001.words if s.op != "equal"] == [SUMMER]
    assert [s.op for s in vc001.words if s.op != "equal"] == ["delete"]


def test_the_word_change_report_marks_those_three_requirements_and_no_other(cycle: Cycle) -> None:
    with zipfile.ZipFile(cycle.out / "andringar.docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
    marked = set(re.findall(r'w:name="(krav_[A-Z]+_\d{3})"', xml))
    assert marked == {bookmark_name(rid) for rid in ("VC-001", "VC-022", "VC-028")}


def _docx_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_the_2027_document_has_the_new_text_and_neither_the_exception_nor_the_removed_requirement(
    cycle: Cycle,
) -> None:
    before, after = _docx_text(cycle.out / "FFU-vc-2026.docx"), _docx_text(cycle.out / "FFU-vc-2027.docx")
    assert SUMMER in before and SUMMER not in after
    assert "Ersättning för covid-19-vaccinationer" in before
    assert "Ersättning för covid-19-vaccinationer" not in after
    assert START_TEXT not in before and START_TEXT in after
    assert "Startbidrag" in after


def test_the_decision_is_recorded_on_each_decided_version_and_on_the_year(cycle: Cycle) -> None:
    assert cycle.db is not None
    labels = {
        rid: cycle.db.requirements[rid].version_in(2027).decision  # type: ignore[union-attr]
        for rid in ("VC-001", "VC-022", "VC-028")
    }
    year = cycle.db.years[2027]
    assert year.status == "beslutad" and year.decision is not None
    assert {d.label() for d in labels.values() if d} == {"Primärvårdsnämnden 2026-12-10 § 123"}
    assert year.decision.label() == "Primärvårdsnämnden 2026-12-10 § 123"
    text = (cycle.root / DB / "years.yaml").read_text(encoding="utf-8")
    assert text[text.index("  - year: 2027") :].startswith(
        "  - year: 2027\n    status: beslutad\n    decision:\n      body: Primärvårdsnämnden\n"
        "      date: 2026-12-10\n      paragraph: § 123\n    seals:\n"
    )


def test_each_decided_version_is_sealed_beside_the_decision(cycle: Cycle) -> None:
    assert cycle.db is not None
    seals = cycle.db.years[2027].seals
    assert set(seals) == {"VC-001", "VC-022", "VC-028"}
    for rid, value in seals.items():
        version = cycle.db.requirements[rid].version_in(2027)
        assert version is not None and value == seal(version)


def test_the_meeting_question_points_at_the_changed_requirement_and_has_its_answer(cycle: Cycle) -> None:
    assert cycle.db is not None
    [(meeting, question)] = cycle.db.questions_for("VC-001")[-1:]
    assert meeting.id == "2026-09-15"
    assert question.answer == "Nej, inte enligt förslaget.\n"
    assert question.sources[0].seed == NEW_SOURCE
