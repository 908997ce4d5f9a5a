"""The nämnd's change report: tracked changes that accept to the new texts and reject to the old."""

from __future__ import annotations

import copy
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.database import Database
from generator.diff import comparable_text, compare
from generator.pipeline import load_database
from generator.report import CHART_COLUMNS, bookmark_name, default_name, write_report

from .conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def db() -> Database:
    return load_database(REPO)


@pytest.fixture(scope="module")
def report(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    diff = compare(db, 2024, 2025)
    return write_report(db, diff, tmp_path_factory.mktemp("rapport") / default_name(diff))


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _accept(root: etree._Element) -> etree._Element:
    """What Word's 'Accept all changes' does to runs: drop deletions, keep insertions."""
    root = copy.deepcopy(root)
    for node in root.iter(f"{W}del"):
        node.getparent().remove(node)
    for node in list(root.iter(f"{W}ins")):
        _unwrap(node)
    return root


def _reject(root: etree._Element) -> etree._Element:
    """What 'Reject all changes' does: drop insertions, restore deletions as plain text."""
    root = copy.deepcopy(root)
    for node in list(root.iter(f"{W}ins")):
        node.getparent().remove(node)
    for node in list(root.iter(f"{W}delText")):
        node.tag = f"{W}t"
    for node in list(root.iter(f"{W}del")):
        _unwrap(node)
    return root


def _unwrap(node: etree._Element) -> None:
    parent = node.getparent()
    index = parent.index(node)
    for offset, child in enumerate(list(node)):
        parent.insert(index + offset, child)
    parent.remove(node)


def _bookmarked_texts(root: etree._Element) -> dict[str, str]:
    """Text of every requirement paragraph, keyed by bookmark name; w:br is a line break."""
    texts: dict[str, str] = {}
    for start in root.iter(f"{W}bookmarkStart"):
        paragraph = start.getparent()
        out = []
        for node in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab", f"{W}delText"):
            out.append({f"{W}br": "\n", f"{W}tab": "\t"}.get(node.tag, node.text or ""))
        texts[start.get(f"{W}name")] = "".join(out)
    return texts


def test_accepting_all_changes_gives_the_new_texts_and_rejecting_all_the_old(
    db: Database, report: Path
) -> None:
    diff = compare(db, 2024, 2025)
    root = _document(report)
    accepted = _bookmarked_texts(_accept(root))
    rejected = _bookmarked_texts(_reject(root))
    assert diff.changed
    for change in diff.changed:
        name = bookmark_name(change.id)
        assert accepted[name] == comparable_text(change.new.text if change.new else None), change.id
        assert rejected[name] == change.old_text, change.id


def test_opening_hours_30_to_45_is_a_tracked_change_with_author_and_date(report: Path) -> None:
    root = _document(report)
    start = next(b for b in root.iter(f"{W}bookmarkStart") if b.get(f"{W}name") == bookmark_name("VC-001"))
    paragraph = start.getparent()
    deleted = [d for d in paragraph.iter(f"{W}del")]
    inserted = [i for i in paragraph.iter(f"{W}ins")]
    assert ["".join(d.itertext()) for d in deleted] == ["30"]
    assert ["".join(i.itertext()) for i in inserted] == ["45"]
    assert inserted[0].get(f"{W}author") and inserted[0].get(f"{W}date") == "2025-09-01T00:00:00Z"


def test_the_summary_table_gives_the_date_a_change_takes_effect(report: Path) -> None:
    rows = [
        ["".join(cell.itertext()) for cell in row.iter(f"{W}tc")] for row in _document(report).iter(f"{W}tr")
    ]
    header = next(row for row in rows if row[0] == "Id")
    assert header[4] == "Gäller från"
    assert next(row for row in rows if row[0] == "VC-001")[4] == "1 september 2025"


def test_revision_ids_are_unique(report: Path) -> None:
    root = _document(report)
    ids = [n.get(f"{W}id") for n in root.iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids)) > 0


def test_decided_changes_and_proposals_stand_in_separate_sections(db: Database, tmp_path: Path) -> None:
    diff = compare(db, 2025, 2026)
    path = write_report(db, diff, tmp_path / "r.docx")
    headings = [
        "".join(p.itertext())
        for p in _document(path).iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
        and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading2"
    ]
    assert any(h.startswith("Beslutade förändringar") for h in headings)
    assert any(h.startswith("Förslag som inte är beslutade") for h in headings)
    assert not any(h.startswith("Förändringar i förslaget") for h in headings), "2026 is decided"


def test_the_summary_table_lists_every_change_in_chapter_order(db: Database, report: Path) -> None:
    rows = [
        ["".join(cell.itertext()) for cell in row.iter(f"{W}tc")] for row in _document(report).iter(f"{W}tr")
    ]
    listed = [row[0] for row in rows if re.fullmatch(r"(A|VC|BVC|BMM|PSY)-[0-9]{3}", row[0])]
    diff = compare(db, 2024, 2025)
    assert listed == [c.id for c in diff.changed if c.status == "beslutad"]


def test_libreoffice_opens_the_report_and_converts_it_to_pdf(report: Path, tmp_path: Path) -> None:
    profile = tmp_path / "lo-profile"
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / (report.stem + ".pdf")
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Förändringar i förfrågningsunderlag Hälsoval Skåne 2025" in text
    assert "Öppettider" in text


def test_the_summary_has_a_native_chart_with_alt_text_and_its_counts(db: Database, report: Path) -> None:
    with zipfile.ZipFile(report) as archive:
        names = archive.namelist()
        content_types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        chart = etree.fromstring(archive.read("word/charts/chart1.xml"))
    assert "word/charts/chart1.xml" in names
    assert "drawingml.chart+xml" in content_types and 'Target="charts/chart1.xml"' in rels
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    values = [int(v.text) for v in chart.iter(f"{c}numLit") for v in v.iter(f"{c}v")]
    counts = compare(db, 2024, 2025).counts()
    assert values == [counts[k] for k in CHART_COLUMNS]
    assert CHART_COLUMNS[:2] == ("ny", "först dokumenterad")
    doc_pr = next(
        _document(report).iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    )
    assert doc_pr.get("descr", "").startswith("Stapeldiagram.") and f"ny {counts['ny']}" in doc_pr.get(
        "descr"
    )


def test_ffu_diff_with_output_writes_the_report_and_without_prints_word_marks(
    run_ffu,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    target = tmp_path / "rapport.docx"
    result = run_ffu(
        "-C", str(REPO), "diff", "--from", "2024", "--to", "2025", "--vardval", "vc", "-o", str(target)
    )
    assert result.code == 0, result.err
    assert zipfile.is_zipfile(target)
    printed = run_ffu(
        "-C", str(REPO), "diff", "--from", "2024", "--to", "2025", "--vardval", "vc", "--colour", "nej"
    )
    assert "minst [-30-]{+45+} timmar" in printed.out
    assert "Beslutade förändringar" in printed.out and "\033[" not in printed.out


def test_an_unknown_year_is_refused_in_swedish(run_ffu) -> None:  # type: ignore[no-untyped-def]
    result = run_ffu("-C", str(REPO), "diff", "--from", "2019", "--to", "2025")
    assert result.code == 2
    assert "året 2019 finns inte" in result.err
