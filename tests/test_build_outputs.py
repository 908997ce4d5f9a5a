"""What the real build delivers in dist/: finished Word files and accessible PDFs beside them.

One build of the real content serves every test here; the Word files and PDFs are checked
as a reader's programs would see them (pdfinfo, pikepdf, the `pdfua` checker).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree
from pdfua import validate

from generator.build import build

from .conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("bygge") / "projekt"
    project.mkdir()
    for name in ("requirements_db", "content", "templates"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    build(project)
    return project / "dist"


def _word_files(dist: Path) -> list[Path]:
    files = sorted(dist.rglob("*.docx"))
    assert len(files) == 22
    return files


def _contents_page_numbers(docx: Path) -> list[str]:
    """The stored result of every PAGEREF field in the table of contents."""
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    numbers = []
    for node in root.iter(f"{W}instrText"):
        if (node.text or "").strip().startswith("PAGEREF"):
            result = node.getparent().getnext().getnext()
            numbers.append("".join(t.text or "" for t in result.iter(f"{W}t")))
    return numbers


def test_every_contents_entry_of_every_ffu_has_a_numeric_page(dist: Path) -> None:
    for docx in sorted((dist / "ffu").glob("*.docx")):
        numbers = _contents_page_numbers(docx)
        assert numbers, docx.name
        assert all(n.isdigit() and int(n) >= 2 for n in numbers), (docx.name, numbers)
        assert [int(n) for n in numbers] == sorted(int(n) for n in numbers), docx.name


def test_the_finished_word_files_no_longer_ask_to_update_fields(dist: Path) -> None:
    for docx in _word_files(dist):
        with zipfile.ZipFile(docx) as archive:
            settings = archive.read("word/settings.xml")
            document = archive.read("word/document.xml")
        assert b"updateFields" not in settings, docx.name
        assert b'w:dirty="true"' not in document, docx.name


def test_the_contents_pages_are_the_pages_the_pdf_shows_the_headings_on(dist: Path) -> None:
    docx = dist / "ffu" / "FFU-vc-2026.docx"
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    entries = [
        "".join(t.text or "" for t in p.iter(f"{W}t"))
        for p in root.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") in ("TOC2",)
    ]
    assert entries
    pdf = docx.with_suffix(".pdf")
    for entry in entries[:5]:
        match = re.fullmatch(r"(.+?)(\d+)", entry)
        assert match, entry
        heading, page = match.group(1), int(match.group(2))
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        assert heading in text, (heading, page)


def test_a_pdf_stands_beside_every_word_file_and_pdfinfo_calls_it_tagged(dist: Path) -> None:
    for docx in _word_files(dist):
        pdf = docx.with_suffix(".pdf")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), pdf.name
        assert re.search(r"^Title:\s+\S", info, re.MULTILINE), pdf.name


def test_every_pdf_has_the_structure_pdf_ua_asks_for(dist: Path) -> None:
    for pdf_path in sorted(dist.rglob("*.pdf")):
        with pikepdf.open(pdf_path) as pdf:
            root = pdf.Root
            assert root.MarkInfo.Marked is True, pdf_path.name
            assert "/StructTreeRoot" in root, pdf_path.name
            assert str(root.Lang) == "sv-SE", pdf_path.name
            assert root.ViewerPreferences.DisplayDocTitle is True, pdf_path.name
            assert b"<pdfuaid:part>1</pdfuaid:part>" in root.Metadata.read_bytes(), pdf_path.name
            with pdf.open_outline() as outline:
                assert len(outline.root) >= 2, pdf_path.name


def test_the_reports_chart_is_a_figure_with_alt_text(dist: Path) -> None:
    with pikepdf.open(dist / "rapporter" / "Förändringar-2025-2026.pdf") as pdf:
        figures = [
            o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == pikepdf.Name.Figure
        ]
        assert figures
        assert all(str(f.get("/Alt", "")).startswith("Stapeldiagram.") for f in figures)


def test_every_pdf_passes_the_machine_checkable_pdf_ua_rules(dist: Path) -> None:
    for pdf in sorted(dist.rglob("*.pdf")):
        report = validate(str(pdf))
        assert [(f.rule_id, f.message) for f in report.findings] == [], pdf.name
        assert report.exit_code == 0, pdf.name


def test_the_pdf_ua_check_finds_a_figure_without_alt_text(dist: Path, tmp_path: Path) -> None:
    broken = tmp_path / "utan-alt.pdf"
    with pikepdf.open(dist / "rapporter" / "Förändringar-2025-2026.pdf") as pdf:
        for node in pdf.objects:
            if isinstance(node, pikepdf.Dictionary) and node.get("/S") == pikepdf.Name.Figure:
                del node["/Alt"]
        pdf.save(broken)
    assert "UA-13-004" in {f.rule_id for f in validate(str(broken)).findings}
