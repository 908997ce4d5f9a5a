"""The nämnd's change report: tracked changes that accept to the new texts and reject to the old."""

from __future__ import annotations

import copy
import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.database import Database
from generator.diff import comparable_text, compare
from generator.pipeline import load_database
from generator.report import CHART_COLUMNS, bookmark_name, default_name, render_report, write_report

from .conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def db() -> Database:
    return load_database(REPO)


@pytest.fixture(scope="module")
def report(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    diff = compare(db, 2024, 2025)
    return write_report(db, diff, tmp_path_factory.mktemp("rapport") / default_name(diff))


def _cell_text(cell: etree._Element) -> str:
    """A cell's (or any element's) text, with Word's non-breaking hyphens as hyphens."""
    return "".join(
        "-" if n.tag == f"{W}noBreakHyphen" else n.text or "" for n in cell.iter(f"{W}t", f"{W}noBreakHyphen")
    )


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


def _bookmarked_texts(root: etree._Element, *, dropped_marks: str) -> dict[str, str]:
    """Text of every requirement's tracked paragraphs, keyed by bookmark name.

    Paragraphs join with a line break, except after a paragraph mark that accepting or
    rejecting removes (`dropped_marks` is 'del' for accept, 'ins' for reject); a bullet-list
    paragraph gets back its '• ', as in the text the diff compared.
    """
    texts: dict[str, str] = {}
    for start in root.iter(f"{W}bookmarkStart"):
        if not start.get(f"{W}name", "").startswith("krav_"):
            continue
        paragraph = start.getparent()
        out = []
        while True:
            style = paragraph.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val") == "ListBullet":
                out.append("• ")
            for node in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab", f"{W}delText"):
                out.append({f"{W}br": "\n", f"{W}tab": "\t"}.get(node.tag, node.text or ""))
            if paragraph.find(f"{W}bookmarkEnd") is not None:
                break
            if paragraph.find(f"{W}pPr/{W}rPr/{W}{dropped_marks}") is None:
                out.append("\n")
            paragraph = paragraph.getnext()
        texts[start.get(f"{W}name")] = "".join(out)
    return texts


def test_accepting_all_changes_gives_the_new_texts_and_rejecting_all_the_old(
    db: Database, report: Path
) -> None:
    diff = compare(db, 2024, 2025)
    root = _document(report)
    accepted = _bookmarked_texts(_accept(root), dropped_marks="del")
    rejected = _bookmarked_texts(_reject(root), dropped_marks="ins")
    assert diff.changed
    for change in diff.changed:
        name = bookmark_name(change.id)
        assert accepted[name] == comparable_text(change.new.text if change.new else None), change.id
        assert rejected[name] == change.old_text, change.id


def test_opening_hours_30_to_45_is_a_tracked_change_by_the_deciding_body_without_a_made_up_date(
    report: Path,
) -> None:
    root = _document(report)
    start = next(b for b in root.iter(f"{W}bookmarkStart") if b.get(f"{W}name") == bookmark_name("VC-001"))
    paragraph = start.getparent()
    deleted = [d for d in paragraph.iter(f"{W}del")]
    inserted = [i for i in paragraph.iter(f"{W}ins")]
    assert ["".join(d.itertext()) for d in deleted] == ["30"]
    assert ["".join(i.itertext()) for i in inserted] == ["45"]
    # The sources name the body that decided but not the date of its decision.
    assert inserted[0].get(f"{W}author") == "Primärvårdsnämnden"
    assert inserted[0].get(f"{W}date") is None


def test_the_summary_table_gives_the_date_a_change_takes_effect(report: Path) -> None:
    rows = [[_cell_text(cell) for cell in row.iter(f"{W}tc")] for row in _document(report).iter(f"{W}tr")]
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
    rows = [[_cell_text(cell) for cell in row.iter(f"{W}tc")] for row in _document(report).iter(f"{W}tr")]
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
    values = [int(v.text) for v in chart.iter(f"{c}numCache") for v in v.iter(f"{c}v")]
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


def test_the_charts_data_is_an_embedded_workbook_the_series_refer_to(db: Database, report: Path) -> None:
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    s = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(report) as archive:
        chart = etree.fromstring(archive.read("word/charts/chart1.xml"))
        rels = archive.read("word/charts/_rels/chart1.xml.rels").decode()
        assert 'Target="../embeddings/chart1-data.xlsx"' in rels
        assert 'Extension="xlsx"' in archive.read("[Content_Types].xml").decode()
        workbook = archive.read("word/embeddings/chart1-data.xlsx")
    assert chart.find(f"{c}externalData") is not None
    formulas = [f.text for f in chart.iter(f"{c}f")]
    assert formulas == [
        "Blad1!$B$1",
        f"Blad1!$A$2:$A${len(CHART_COLUMNS) + 1}",
        f"Blad1!$B$2:$B${len(CHART_COLUMNS) + 1}",
    ]
    with zipfile.ZipFile(io.BytesIO(workbook)) as book:
        sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    cells = {cell.get("r"): "".join(cell.itertext()) for cell in sheet.iter(f"{s}c")}
    counts = compare(db, 2024, 2025).counts()
    assert [int(cells[f"B{n}"]) for n in range(2, len(CHART_COLUMNS) + 2)] == [
        counts[k] for k in CHART_COLUMNS
    ]
    assert cells["A2"] == CHART_COLUMNS[0].capitalize()


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


@pytest.fixture(scope="module")
def report_2026(db: Database) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(render_report(db, compare(db, 2025, 2026)))) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _paragraph_texts(root: etree._Element) -> list[str]:
    return [_cell_text(p) for p in root.iter(f"{W}p")]


def test_the_report_proposes_a_decision_built_from_the_proposals(
    db: Database, report_2026: etree._Element
) -> None:
    texts = _paragraph_texts(report_2026)
    at = texts.index("Förslag till beslut", texts.index("Förslag till beslut") + 1)  # after the contents
    assert texts[at + 1] == "Primärvårdsnämnden föreslås besluta att"
    diff = compare(db, 2025, 2026)
    proposals = [c.id for c in (*diff.changed, *diff.proposals) if c.status == "förslag"]
    assert proposals and all(rid in texts[at + 2] for rid in proposals)


def test_every_change_names_its_source_motivation_and_consequences(
    db: Database, report_2026: etree._Element
) -> None:
    texts = _paragraph_texts(report_2026)
    diff = compare(db, 2025, 2026)
    shown = len(diff.changed) + len(diff.proposals)  # proposals set apart are shown too
    # Each change: source, motivation and consequences, in that order (the background section
    # cites its own sources too, so a source line alone is not counted).
    facts = [
        (a, b, c)
        for a, b, c in zip(texts, texts[1:], texts[2:], strict=False)
        if a.startswith("Källa: ") and b.startswith("Motivering: ") and c.startswith("Konsekvenser: ")
    ]
    assert len(facts) == shown
    assert sum(t.startswith("Konsekvenser: ") for t in texts) == shown
    # No change in the sources states its consequences: the report says so rather than invent them.
    assert all(t == "Konsekvenser: ej angivet" for t in texts if t.startswith("Konsekvenser: "))
    change = diff.changed[0]
    source = db.sources[change.recorded.sources[0].seed]  # type: ignore[union-attr]
    assert any(source.title in a for a, _, _ in facts)


def test_decided_changes_and_proposals_have_different_revision_authors(report_2026: etree._Element) -> None:
    authors = {n.get(f"{W}author") for n in report_2026.iter(f"{W}ins", f"{W}del")}
    assert {"Primärvårdsnämnden", "Förslag 2026"} <= authors


def test_meeting_facts_missing_from_the_sources_are_said_to_be_missing(report_2026: etree._Element) -> None:
    texts = _paragraph_texts(report_2026)
    for label in ("Diarienummer", "Sammanträdesdatum", "Handläggare"):
        assert f"{label}: ej angivet i källorna" in texts


def test_count_tables_name_their_first_column(report_2026: etree._Element) -> None:
    for table in report_2026.iter(f"{W}tbl"):
        first = table.find(f"{W}tr/{W}tc")
        assert _cell_text(first).strip(), "tom rubrikcell"


def test_an_empty_section_says_inga(db: Database) -> None:
    diff = compare(db, 2025, 2026).restricted_to("bmm", db)
    with zipfile.ZipFile(io.BytesIO(render_report(db, diff))) as archive:
        texts = _paragraph_texts(etree.fromstring(archive.read("word/document.xml")))
    removed = texts.index("Krav som utgår", texts.index("Krav som utgår") + 1)
    assert texts[removed + 1] == "Inga."


def test_the_totalt_row_is_explained_where_the_vardval_rows_sum_to_more(report_2026: etree._Element) -> None:
    texts = _paragraph_texts(report_2026)
    assert any(t.startswith("Raden Totalt räknar varje krav en gång.") for t in texts)


def test_the_chapter_table_names_its_first_column_kapitel(report_2026: etree._Element) -> None:
    firsts = [_cell_text(t.find(f"{W}tr/{W}tc")) for t in report_2026.iter(f"{W}tbl")]
    assert "Vårdval" in firsts and "Kapitel" in firsts
