"""The OOXML primitives and the package writer, which other Word renderers reuse."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from generator.docx import make_reference
from generator.docx.ooxml import Revisions, el, paragraph, run, serialize, table, toc_field, w
from generator.docx.package import package_bytes, write_atomic
from generator.templates import SOURCE_TREE


def xml(node: etree._Element) -> str:
    return etree.tostring(node, encoding="unicode")


def test_a_run_turns_tabs_and_line_breaks_into_elements_and_keeps_edge_spaces() -> None:
    node = run(" a\tb\nc ")
    tags = [etree.QName(child).localname for child in node]
    assert tags == ["t", "tab", "t", "br", "t"]
    texts = [t for t in node.iter(w("t"))]
    assert texts[0].get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert texts[1].get("{http://www.w3.org/XML/1998/namespace}space") is None


def test_text_is_escaped_by_serialisation_never_parsed() -> None:
    root = el("body", paragraph("Normal", [run('<w:b/> & "x" 😀')]))
    data = serialize(root)
    assert b"&lt;w:b/&gt; &amp;" in data
    assert etree.fromstring(data).find(f"{w('p')}/{w('r')}/{w('t')}").text == '<w:b/> & "x" 😀'


def test_paragraph_properties_follow_the_schema_order() -> None:
    node = paragraph("ListNumber", [], num=(7, 0), page_break_before=True)
    ppr = node.find(w("pPr"))
    assert ppr is not None
    assert [etree.QName(c).localname for c in ppr] == ["pStyle", "pageBreakBefore", "numPr"]


def test_table_marks_header_rows_and_fills_empty_cells() -> None:
    node = table([[[paragraph("Tabellrubrik", [run("A")])], []], [[], []]], style="Tabell")
    rows = node.findall(w("tr"))
    assert rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None
    assert rows[1].find(f"{w('trPr')}/{w('tblHeader')}") is None
    assert all(cell.find(w("p")) is not None for row in rows for cell in row.findall(w("tc")))


def test_toc_field_is_a_dirty_complex_field() -> None:
    runs = toc_field()
    kinds = [r[0].get(w("fldCharType")) for r in runs if r[0].tag == w("fldChar")]
    assert kinds == ["begin", "separate", "end"]
    assert runs[0][0].get(w("dirty")) == "true"


def test_revisions_number_insertions_and_deletions_uniquely() -> None:
    revisions = Revisions(author="Region Skåne", date="2025-09-01T00:00:00Z")
    inserted = revisions.inserted([run("ny text")])
    deleted = revisions.deleted("gammal text")
    assert (inserted.get(w("id")), deleted.get(w("id"))) == ("1", "2")
    assert deleted.find(f"{w('r')}/{w('delText')}").text == "gammal text"
    assert inserted.get(w("author")) == "Region Skåne"


def test_package_is_reproducible_and_puts_content_types_first() -> None:
    parts = {"word/document.xml": b"<a/>", "[Content_Types].xml": b"<b/>", "_rels/.rels": b"<c/>"}
    data = package_bytes(parts)
    assert package_bytes(dict(reversed(parts.items()))) == data
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]


def test_write_atomic_replaces_the_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "ut" / "FFU.docx"
    target.parent.mkdir()
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["FFU.docx"]


def test_committed_reference_template_is_what_make_reference_writes() -> None:
    committed = (SOURCE_TREE / "reference.docx").read_bytes()
    assert package_bytes(make_reference.reference_parts()) == committed, (
        "templates/reference.docx är inaktuell; kör python -m generator.docx.make_reference"
    )
