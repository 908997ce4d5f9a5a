"""The Markdown subset: what it accepts, and what it reports instead of passing through."""

from __future__ import annotations

from generator.markup import (
    BulletList,
    Emph,
    Link,
    OrderedList,
    Paragraph,
    Strong,
    Table,
    Text,
    document_plain_text,
    parse,
)


def test_paragraphs_are_separated_by_blank_lines_and_wrapped_lines_join() -> None:
    doc, issues = parse("Första raden\nfortsätter.\n\nAndra stycket.")
    assert issues == ()
    assert doc.blocks == (
        Paragraph((Text("Första raden fortsätter."),)),
        Paragraph((Text("Andra stycket."),)),
    )


def test_bold_italic_and_links_are_inline_nodes() -> None:
    doc, _ = parse("**Ska** vara *öppet*, se [Vårdgivare Skåne](https://vardgivare.skane.se/).")
    (para,) = doc.blocks
    assert isinstance(para, Paragraph)
    assert para.inlines[0] == Strong((Text("Ska"),))
    assert Emph((Text("öppet"),)) in para.inlines
    assert Link((Text("Vårdgivare Skåne"),), "https://vardgivare.skane.se/") in para.inlines


def test_each_numbered_list_is_its_own_list() -> None:
    doc, issues = parse("1. ett\n2. två\n\nMellan.\n\n1. igen")
    assert issues == ()
    first, middle, second = doc.blocks
    assert isinstance(first, OrderedList) and len(first.items) == 2
    assert isinstance(middle, Paragraph)
    assert isinstance(second, OrderedList) and second.start == 1


def test_bullet_items_may_wrap_onto_indented_lines() -> None:
    doc, _ = parse("- första punkten\n  fortsätter\n- andra")
    (block,) = doc.blocks
    assert isinstance(block, BulletList)
    assert block.items[0] == (Text("första punkten fortsätter"),)


def test_a_pipe_table_has_a_header_and_rows() -> None:
    doc, issues = parse("| Ålder | Ersättning |\n| --- | --- |\n| 1 år | höjd |")
    assert issues == ()
    (table,) = doc.blocks
    assert isinstance(table, Table)
    assert table.header == ((Text("Ålder"),), (Text("Ersättning"),))
    assert table.rows == (((Text("1 år"),), (Text("höjd"),)),)


def test_a_table_row_with_the_wrong_number_of_cells_is_reported() -> None:
    _, issues = parse("| a | b |\n| --- | --- |\n| 1 |")
    assert [(i.line, i.message) for i in issues] == [(3, "raden har 1 celler men tabellens rubrikrad har 2")]


def test_html_is_kept_as_literal_text() -> None:
    doc, issues = parse("<script>alert(1)</script>")
    assert issues == ()
    assert document_plain_text(doc) == "<script>alert(1)</script>"


def test_a_javascript_link_is_not_a_link_and_is_reported_where_it_stands() -> None:
    doc, issues = parse("Text\n[klicka](javascript:alert(1))")
    assert not any(isinstance(n, Link) for b in doc.blocks if isinstance(b, Paragraph) for n in b.inlines)
    assert [(i.line, i.column) for i in issues] == [(2, 1)]


def test_headings_and_nested_lists_are_reported() -> None:
    _, issues = parse("# Rubrik\n\n- a\n  - b")
    assert [i.line for i in issues] == [1, 4]


def test_unclosed_emphasis_stays_literal() -> None:
    doc, issues = parse("5 * 3 är **inte stängt")
    assert issues == ()
    assert document_plain_text(doc) == "5 * 3 är **inte stängt"
