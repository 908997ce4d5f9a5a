"""Low-level builders for WordprocessingML, made with lxml and nothing else.

These are the primitives every Word renderer in the project shares: the FFU document and
the change report (which adds tracked changes with `inserted` and `deleted`). Each function
returns a fresh element that the caller appends where it belongs; none of them knows about
requirements. Styles are always referred to by style id, never replaced by direct
formatting, so that the document's structure stays in its styles.

python-docx's element classes are deliberately not used: plain lxml elements are several
times faster to create, and a large FFU is built from hundreds of thousands of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

# The dev dependencies have no lxml stubs; other modules import etree from here, so this is
# the one place to change when they are added.
from lxml import etree as etree  # type: ignore[import-untyped]

from .stylesheet import TEXT_WIDTH

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"w": W_NS, "r": R_NS}

Element: TypeAlias = Any  # lxml.etree._Element

_QNAMES: dict[str, str] = {}


def w(name: str) -> str:
    """The Clark name of a `w:` tag or attribute: w('p') == '{…/main}p'."""
    qname = _QNAMES.get(name)
    if qname is None:
        qname = _QNAMES[name] = f"{{{W_NS}}}{name}"
    return qname


R_ID = f"{{{R_NS}}}id"
XML_SPACE = f"{{{XML_NS}}}space"


def el(tag: str, /, *children: Element | None, **attrs: str) -> Element:
    """A `w:` element with `w:`-namespaced attributes and the given children (None skipped)."""
    node = _new(w(tag), {w(k): v for k, v in attrs.items()} if attrs else None, nsmap=NSMAP)
    for child in children:
        if child is not None:
            node.append(child)
    return node


def sub(parent: Element, tag: str, /, **attrs: str) -> Element:
    """Append a `w:` child to `parent` and return it."""
    if attrs:
        return _child(parent, w(tag), {w(k): v for k, v in attrs.items()})
    return _child(parent, w(tag))


# -- runs and paragraphs -----------------------------------------------------------------------

# Rendering a large document creates hundreds of thousands of these, so the hot builders
# below use precomputed names instead of the general helpers above.
_new = etree.Element
_child = etree.SubElement
_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE, _T = (w(t) for t in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "t"))
_NUMPR, _ILVL, _NUMID, _VAL = (w(t) for t in ("numPr", "ilvl", "numId", "val"))
_TR, _TRPR, _CANTSPLIT, _TBLHEADER, _TC, _TCPR, _TCW, _W, _TYPE = (
    w(t) for t in ("tr", "trPr", "cantSplit", "tblHeader", "tc", "tcPr", "tcW", "w", "type")
)


def run(
    text: str,
    *,
    style: str | None = None,
    bold: bool = False,
    italic: bool = False,
    deleted: bool = False,
) -> Element:
    """A run of text. Tabs and line breaks in `text` become w:tab and w:br.

    `bold` and `italic` are for emphasis written in the source text; anything structural
    belongs in `style` (a character style id). `deleted` writes w:delText, for use inside
    `deleted()`.
    """
    r = _new(_R)
    _fill_run(r, text, style, bold, italic, deleted)
    return r


def add_run(
    parent: Element,
    text: str,
    *,
    style: str | None = None,
    bold: bool = False,
    italic: bool = False,
) -> Element:
    """Like `run`, but made in place as the last child of `parent` (a paragraph or hyperlink).

    Faster than appending a finished run, which makes lxml revisit it; used for bulk text.
    """
    r = _child(parent, _R)
    _fill_run(r, text, style, bold, italic, False)
    return r


def _fill_run(r: Element, text: str, style: str | None, bold: bool, italic: bool, deleted: bool) -> None:
    if style or bold or italic:
        rpr = _child(r, _RPR)
        if style:
            _child(rpr, _RSTYLE, {_VAL: style})
        if bold:
            sub(rpr, "b")
        if italic:
            sub(rpr, "i")
    if not deleted and "\n" not in text and "\t" not in text:
        if text:
            t = _child(r, _T)
            t.text = text
            if text[0].isspace() or text[-1].isspace():
                t.set(XML_SPACE, "preserve")
        return
    text_tag = "delText" if deleted else "t"
    for n, line in enumerate(text.split("\n")):
        if n:
            sub(r, "br")
        for m, chunk in enumerate(line.split("\t")):
            if m:
                sub(r, "tab")
            if chunk:
                t = sub(r, text_tag)
                t.text = chunk
                if chunk[0].isspace() or chunk[-1].isspace():
                    t.set(XML_SPACE, "preserve")


def paragraph(
    style: str | None,
    content: Iterable[Element] = (),
    *,
    num: tuple[int, int] | None = None,
    page_break_before: bool = False,
) -> Element:
    """A paragraph in `style` (a paragraph style id) holding runs, hyperlinks or fields.

    `num` is (numId, ilvl) for a list item whose numbering is not the style's own, for
    example an ordered list that restarts at 1. `page_break_before` is for the one place a
    page break is content rather than style: the end of a title page.
    """
    p = _new(_P)
    if style or num or page_break_before:
        ppr = _child(p, _PPR)
        if style:
            _child(ppr, _PSTYLE, {_VAL: style})
        if page_break_before:
            sub(ppr, "pageBreakBefore")
        if num:
            numpr = _child(ppr, _NUMPR)
            _child(numpr, _ILVL, {_VAL: str(num[1])})
            _child(numpr, _NUMID, {_VAL: str(num[0])})
    p.extend(content)
    return p


def hyperlink(rel_id: str | None, runs: Iterable[Element], *, anchor: str | None = None) -> Element:
    """A hyperlink to an external relationship `rel_id`, or to a bookmark `anchor` in the document."""
    link = el("hyperlink")
    if rel_id:
        link.set(R_ID, rel_id)
    if anchor:
        link.set(w("anchor"), anchor)
        link.set(w("history"), "1")
    for r in runs:
        link.append(r)
    return link


def bookmark(bookmark_id: int, name: str) -> tuple[Element, Element]:
    """The start and end markers of a bookmark; put content between them."""
    return (
        el("bookmarkStart", id=str(bookmark_id), name=name),
        el("bookmarkEnd", id=str(bookmark_id)),
    )


# -- fields ------------------------------------------------------------------------------------


def field(instruction: str, cached: Sequence[Element] = (), *, dirty: bool = False) -> list[Element]:
    """A complex field (begin, instruction, separate, cached result, end) as a list of runs.

    `cached` is what a reader shows before the field is updated. `dirty` asks Word to
    update this field when the document opens.
    """
    begin = el("r", el("fldChar", fldCharType="begin"))
    if dirty:
        begin[0].set(w("dirty"), "true")
    instr = el("r")
    text = sub(instr, "instrText")
    text.text = f" {instruction} "
    text.set(XML_SPACE, "preserve")
    return [
        begin,
        instr,
        el("r", el("fldChar", fldCharType="separate")),
        *cached,
        el("r", el("fldChar", fldCharType="end")),
    ]


def toc_field(levels: str = "1-3", cached: Sequence[Element] = ()) -> list[Element]:
    """A table of contents field over heading levels `levels`, with hyperlinked entries."""
    return field(f'TOC \\o "{levels}" \\h \\z \\u', cached, dirty=True)


def page_field(style: str | None = None) -> list[Element]:
    """The current page number as a field, cached as '1'."""
    return field("PAGE", [run("1", style=style)])


# -- tables ------------------------------------------------------------------------------------


def table(
    rows: Sequence[Sequence[Sequence[Element]]],
    *,
    style: str,
    header_rows: int = 1,
    widths: Sequence[int] | None = None,
    keep_rows: bool = True,
    caption: str | None = None,
) -> Element:
    """A table in table style `style`; each cell is a list of block elements (paragraphs).

    The first `header_rows` rows are marked as header rows (w:tblHeader), so they repeat on
    each page and screen readers announce them. `widths` are relative column widths; the
    table always spans the text width. `keep_rows` keeps each row on one page where it fits.
    `caption` is the table's title for assistive technology (w:tblCaption, Word's alt text).
    """
    columns = max((len(r) for r in rows), default=1)
    shares = list(widths) if widths else [1] * columns
    total = sum(shares)
    tbl = el("tbl")
    tblpr = sub(tbl, "tblPr")
    sub(tblpr, "tblStyle", val=style)
    sub(tblpr, "tblW", w="5000", type="pct")
    sub(tblpr, "tblLayout", type="autofit")
    sub(
        tblpr,
        "tblLook",
        val="0420",
        firstRow="1" if header_rows else "0",
        lastRow="0",
        firstColumn="0",
        lastColumn="0",
        noHBand="0",
        noVBand="1",
    )
    if caption:
        sub(tblpr, "tblCaption", val=caption)
    grid = sub(tbl, "tblGrid")
    # Grid widths in twentieths of a point (twips), shares of the page's text width.
    for share in shares:
        sub(grid, "gridCol", w=str(TEXT_WIDTH * share // total))
    cell_widths = [{_W: str(5000 * share // total), _TYPE: "pct"} for share in shares]
    for index, cells in enumerate(rows):
        tr = _child(tbl, _TR)
        if keep_rows or index < header_rows:
            trpr = _child(tr, _TRPR)
            _child(trpr, _CANTSPLIT)
            if index < header_rows:
                _child(trpr, _TBLHEADER)
        for column, blocks in enumerate(cells):
            tc = _child(tr, _TC)
            _child(_child(tc, _TCPR), _TCW, cell_widths[column])
            tc.extend(blocks)
            if not len(blocks):
                # Every cell must end in a paragraph or Word calls the file corrupt.
                _child(tc, _P)
    return tbl


# -- numbering ---------------------------------------------------------------------------------


def num(num_id: int, abstract_id: int, *, restart_at: int | None = None) -> Element:
    """A w:num instance of an abstract numbering; `restart_at` makes its level 0 start afresh.

    Word continues a numbered list across every paragraph that shares a numId, so each
    ordered list gets a w:num of its own with a startOverride.
    """
    node = el("num", el("abstractNumId", val=str(abstract_id)), numId=str(num_id))
    if restart_at is not None:
        override = sub(node, "lvlOverride", ilvl="0")
        sub(override, "startOverride", val=str(restart_at))
    return node


def abstract_num(abstract_id: int, *, ordered: bool, style: str, indent: int = 360) -> Element:
    """A one-level abstract numbering linked to paragraph style `style`: bullets or 1. 2. 3."""
    node = el("abstractNum", el("multiLevelType", val="singleLevel"), abstractNumId=str(abstract_id))
    lvl = sub(node, "lvl", ilvl="0")
    sub(lvl, "start", val="1")
    sub(lvl, "numFmt", val="decimal" if ordered else "bullet")
    sub(lvl, "pStyle", val=style)
    sub(lvl, "lvlText", val="%1." if ordered else "•")
    sub(lvl, "lvlJc", val="left")
    ppr = sub(lvl, "pPr")
    sub(ppr, "ind", left=str(indent), hanging=str(indent))
    return node


# -- tracked changes ---------------------------------------------------------------------------


@dataclass
class Revisions:
    """Hands out revision ids; every w:ins and w:del in a document needs a unique one."""

    author: str
    # ISO 8601, e.g. 2025-09-01T00:00:00Z, from the data so output stays reproducible; None
    # where the data has no date, since w:date is optional and a made-up date would mislead.
    date: str | None
    next_id: int = 1

    def _attrs(self) -> dict[str, str]:
        value = str(self.next_id)
        self.next_id += 1
        attrs = {"id": value, "author": self.author}
        if self.date is not None:
            attrs["date"] = self.date
        return attrs

    def inserted(self, runs: Iterable[Element]) -> Element:
        """Runs shown as inserted text (w:ins)."""
        node = el("ins", **self._attrs())
        for r in runs:
            node.append(r)
        return node

    def deleted(self, text: str, *, style: str | None = None) -> Element:
        """Text shown as deleted (w:del with w:delText)."""
        return el("del", run(text, style=style, deleted=True), **self._attrs())

    def mark(self, kind: str) -> Element:
        """A paragraph mark inserted or deleted (w:ins or w:del inside the paragraph's w:rPr)."""
        return el(kind, **self._attrs())


# -- sections and parts ------------------------------------------------------------------------


def section_properties(
    *,
    header: str | None = None,
    footer: str | None = None,
    first_header: str | None = None,
    first_footer: str | None = None,
) -> Element:
    """A4 portrait page with 2.5 cm margins; arguments are relationship ids of header parts.

    With `first_header`/`first_footer` the first page gets its own (usually empty) header and
    footer, as a title page should.
    """
    sect = el("sectPr")
    for kind, rel in (("default", header), ("first", first_header)):
        if rel:
            ref = sub(sect, "headerReference", type=kind)
            ref.set(R_ID, rel)
    for kind, rel in (("default", footer), ("first", first_footer)):
        if rel:
            ref = sub(sect, "footerReference", type=kind)
            ref.set(R_ID, rel)
    sub(sect, "pgSz", w="11906", h="16838")
    sub(
        sect,
        "pgMar",
        top="1418",
        right="1418",
        bottom="1418",
        left="1418",
        header="709",
        footer="709",
        gutter="0",
    )
    if first_header or first_footer:
        sub(sect, "titlePg")
    return sect


def part_root(name: str, children: Iterable[Element] = ()) -> Element:
    """The root of a part such as w:document, w:hdr or w:ftr."""
    root = el(name)
    for child in children:
        root.append(child)
    return root


def serialize(root: Element) -> bytes:
    """A part's bytes: UTF-8 with declaration, as Word writes them."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
