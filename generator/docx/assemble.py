"""A complete Word package around a title page and a body, in the project's house style.

Both the FFU and the change report are written through `assemble`: styles, numbering and
fonts come from templates/reference.docx; the header carries the title, the footer the page
number; the title page has neither; a table of contents follows the title page; and Word is
asked to update the fields when the file opens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from .. import templates
from .ooxml import (
    Element,
    bookmark,
    el,
    etree,
    field,
    hyperlink,
    page_field,
    paragraph,
    part_root,
    run,
    section_properties,
    serialize,
    sub,
    toc_field,
    w,
)
from .package import (
    CONTENT_TYPES,
    Relationships,
    add_document_parts,
    app_properties,
    content_types,
    core_properties,
    package_bytes,
    package_relationships,
    read_package,
)
from .richtext import Numbering
from .stylesheet import LANGUAGE
from .texts import Texts

REFERENCE = "reference.docx"  # in the project's templates/ folder
HEADING_LEVELS = {"Heading1": 1, "Heading2": 2, "Heading3": 3}
TOC_STYLES = {1: "TOC1", 2: "TOC2", 3: "TOC3"}
# Parts copied unchanged from the reference; everything else is written per document.
REFERENCE_PARTS = ("word/styles.xml", "word/fontTable.xml")


def reference_file() -> Path:
    """The project's reference.docx."""
    return templates.file(REFERENCE)


def reference_parts(path: Path | None = None) -> Mapping[str, bytes]:
    """The reference template's parts, read once per process and file."""
    return _read_reference(path or reference_file())


@cache
def _read_reference(path: Path) -> Mapping[str, bytes]:
    return read_package(path)


def default_texts() -> Texts:
    """The fixed texts from the project's templates/docx/."""
    return _texts(templates.folder())


@cache
def _texts(folder: Path) -> Texts:
    return Texts(folder / "docx")


def new_numbering(reference: Path | None = None) -> Numbering:
    """Numbering for a document built on `reference`, ready to hand out restarting lists."""
    parts = reference_parts(reference)
    return Numbering.from_reference(parts["word/styles.xml"], parts["word/numbering.xml"])


def assemble(
    *,
    title: str,
    subject: str,
    keywords: Sequence[str],
    title_page: Sequence[Element],
    body: Sequence[Element],
    relationships: Relationships | None = None,
    numbering: Numbering | None = None,
    created: dt.date | None = None,
    modified: dt.date | None = None,
    contents: bool = True,
    reference: Path | None = None,
    extra_parts: Mapping[str, bytes] | None = None,
) -> bytes:
    """The .docx bytes. Same arguments, same bytes.

    Pass the `relationships` and `numbering` the body's hyperlinks and numbered lists were
    made with. `created` and `modified` come from the data, never from the clock; without
    them the core properties carry no dates. With `contents`, a table of contents over
    Heading 1–3 follows the title page. `extra_parts` are further parts by name, such as
    charts, that the body refers to through `relationships`.
    """
    texts = default_texts()
    parts_in = reference_parts(reference)
    rels = relationships or Relationships()
    numbering = numbering or new_numbering(reference)
    add_document_parts(rels)
    header, first_header = rels.add("header", "header1.xml"), rels.add("header", "header2.xml")
    footer, first_footer = rels.add("footer", "footer1.xml"), rels.add("footer", "footer2.xml")

    # The body hangs in its document from the start: moving a finished tree into a new
    # parent makes lxml walk every node again.
    document = part_root("document")
    root = sub(document, "body")
    root.extend(title_page)
    if contents:
        root.append(paragraph("TOCHeading", [run(texts("title_page", "toc_heading"))]))
        root.extend(_contents(body, _next_bookmark_id([*title_page, *body]), texts))
    root.extend(body)
    root.append(
        section_properties(header=header, footer=footer, first_header=first_header, first_footer=first_footer)
    )
    parts = {name: parts_in[name] for name in REFERENCE_PARTS}
    parts.update(
        {
            "_rels/.rels": package_relationships(),
            "word/document.xml": serialize(document),
            "word/_rels/document.xml.rels": rels.to_xml(),
            "word/numbering.xml": numbering.merged_into(parts_in["word/numbering.xml"]),
            "word/settings.xml": _with_update_fields(parts_in["word/settings.xml"]),
            "word/header1.xml": serialize(part_root("hdr", [paragraph("Header", [run(title)])])),
            "word/footer1.xml": serialize(part_root("ftr", [_footer(texts)])),
            # The title page has its own empty header and footer, without their rule lines.
            "word/header2.xml": serialize(part_root("hdr", [paragraph(None)])),
            "word/footer2.xml": serialize(part_root("ftr", [paragraph(None)])),
            "docProps/core.xml": core_properties(
                title=title,
                subject=subject,
                creator=texts("title_page", "author"),
                keywords="; ".join(keywords),
                language=LANGUAGE,
                created=_stamp(created),
                modified=_stamp(modified or created),
            ),
            "docProps/app.xml": app_properties(),
        }
    )
    parts.update(extra_parts or {})
    parts[CONTENT_TYPES] = content_types(parts)
    return package_bytes(parts)


def _stamp(date: dt.date | None) -> str | None:
    return f"{date.isoformat()}T00:00:00Z" if date else None


def _footer(texts: Texts) -> Element:
    # The template places the numbers; NUL-delimited markers become the two fields.
    text = texts("title_page", "footer", "\x00PAGE\x00", "\x00PAGES\x00")
    content: list[Element] = []
    for piece in text.split("\x00"):
        if piece == "PAGE":
            content.extend(page_field())
        elif piece == "PAGES":
            content.extend(field("NUMPAGES", [run("1")]))
        elif piece:
            content.append(run(piece))
    return paragraph("Footer", content)


def _next_bookmark_id(blocks: Sequence[Element]) -> int:
    used = [int(node.get(w("id"), "0")) for block in blocks for node in block.iter(w("bookmarkStart"))]
    return max(used, default=0) + 1


_P, _PPR, _PSTYLE, _VAL = w("p"), w("pPr"), w("pStyle"), w("val")


def _style_of(block: Element) -> str | None:
    # pPr is a paragraph's first child and pStyle the first of pPr, so no search is needed.
    if block.tag != _P or not len(block) or block[0].tag != _PPR or not len(block[0]):
        return None
    style = block[0][0]
    return style.get(_VAL) if style.tag == _PSTYLE else None


def _contents(body: Sequence[Element], first_id: int, texts: Texts) -> list[Element]:
    """The TOC field, holding the entries it will show once updated, minus page numbers.

    Each heading gets a bookmark and each entry links to it; the page numbers are PAGEREF
    fields, which Word fills in when it updates and LibreOffice when it lays out the pages.
    Readers that never update fields still show a usable contents.
    """
    entries: list[Element] = []
    bookmark_id = first_id
    for block in body:
        level = HEADING_LEVELS.get(_style_of(block) or "")
        if level is None:
            continue
        name = f"_Toc{bookmark_id:08d}"  # Word hides bookmarks whose names start with _
        start, end = bookmark(bookmark_id, name)
        bookmark_id += 1
        ppr = block.find(w("pPr"))
        block.insert(0 if ppr is None else 1, start)
        block.append(end)
        text = "".join(node.text or "" for node in block.iter(w("t")))
        page = field(f"PAGEREF {name} \\h", [run("")])
        entries.append(
            paragraph(TOC_STYLES[level], [hyperlink(None, [run(text), run("\t"), *page], anchor=name)])
        )
    runs = toc_field("1-3")
    begin, end_run = runs[:3], runs[-1:]
    if not entries:
        return [paragraph("Normal", [*begin, run(texts("title_page", "toc_placeholder")), *end_run])]
    # The field starts in the first entry's paragraph and ends in the last one's.
    first = entries[0]
    for offset, node in enumerate(begin):
        first.insert(1 + offset, node)
    entries[-1].extend(end_run)
    return entries


def _with_update_fields(settings_xml: bytes) -> bytes:
    """settings.xml with w:updateFields, so Word refreshes the contents and page fields on opening."""
    root = etree.fromstring(settings_xml)
    for old in root.findall(w("updateFields")):
        root.remove(old)
    node = el("updateFields", val="true")
    # CT_Settings is a sequence: updateFields comes just before these elements.
    later = {w(t) for t in ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids")}
    later |= {w(t) for t in ("themeFontLang", "clrSchemeMapping", "decimalSymbol", "listSeparator")}
    for index, child in enumerate(root):
        if child.tag in later:
            root.insert(index, node)
            break
    else:
        root.append(node)
    return serialize(root)
