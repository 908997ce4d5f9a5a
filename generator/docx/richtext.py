"""Requirement texts in Word: the Markdown subset's syntax tree turned into OOXML blocks.

Only the tree from `generator.markup` is read, never the source text, so nothing a writer
types can become Word markup. Numbered lists each get their own w:num so that every list
starts at its own first number instead of continuing the previous list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .. import markup
from .language import mark, split
from .ooxml import Element, add_run, etree, hyperlink, num, paragraph, serialize, table, w
from .package import Relationships

# Style ids defined in templates/reference.docx (see make_reference.STYLES).
BODY = "Normal"
BULLET = "ListBullet"
NUMBERED = "ListNumber"
PROPOSAL = "Forslag"
PROPOSAL_BULLET = "ForslagPunktlista"
PROPOSAL_NUMBERED = "ForslagNumreradLista"
TABLE = "Tabell"
TABLE_HEADER = "Tabellrubrik"
TABLE_TEXT = "Tabelltext"
STRONG = "Strong"
EMPHASIS = "Emphasis"
LINK = "Hyperlink"


@dataclass(frozen=True)
class BlockStyles:
    """The paragraph styles a text is written in: ordinary text, or a proposal's bordered text."""

    body: str = BODY
    bullet: str = BULLET
    numbered: str = NUMBERED


ORDINARY = BlockStyles()
PROPOSED = BlockStyles(PROPOSAL, PROPOSAL_BULLET, PROPOSAL_NUMBERED)


@dataclass
class Numbering:
    """The numbering instances a document adds to the reference's numbering part."""

    number_abstract: int
    next_id: int
    instances: list[Element] = field(default_factory=list)

    @classmethod
    def from_reference(cls, styles_xml: bytes, numbering_xml: bytes) -> Numbering:
        """Find the abstract numbering behind the reference's List Number style."""
        styles = etree.fromstring(styles_xml)
        numbering = etree.fromstring(numbering_xml)
        num_id = styles.find(
            f"{w('style')}[@{w('styleId')}='{NUMBERED}']/{w('pPr')}/{w('numPr')}/{w('numId')}"
        )
        if num_id is None:
            raise LookupError(f"referensmallen saknar numrering för formatmallen {NUMBERED}")
        instance = numbering.find(f"{w('num')}[@{w('numId')}='{num_id.get(w('val'))}']/{w('abstractNumId')}")
        if instance is None:
            raise LookupError("referensmallens numrering är ofullständig")
        used = [int(n.get(w("numId"), "0")) for n in numbering.iter(w("num"))]
        return cls(int(instance.get(w("val"), "0")), max(used, default=0) + 1)

    def restart(self, start: int) -> int:
        """A new numbering instance whose list begins at `start`; returns its numId."""
        num_id = self.next_id
        self.next_id += 1
        self.instances.append(num(num_id, self.number_abstract, restart_at=start))
        return num_id

    def merged_into(self, numbering_xml: bytes) -> bytes:
        """The reference's numbering part with this document's instances appended."""
        root = etree.fromstring(numbering_xml)
        for instance in self.instances:
            root.append(instance)
        return serialize(root)


@lru_cache(maxsize=8192)
def parse_text(text: str) -> markup.Document:
    """The syntax tree of a text; validation has already reported its issues.

    Cached because one text stands in several documents (every vårdval, several years).
    """
    return markup.parse(text)[0]


class RichText:
    """Writes parsed texts as paragraphs, lists and tables of one document."""

    def __init__(
        self,
        relationships: Relationships,
        numbering: Numbering,
        anchors: Mapping[str, str] | None = None,
    ) -> None:
        self.relationships = relationships
        self.numbering = numbering
        # Link targets inside the document: '#VC-001' → a bookmark name.
        self.anchors = anchors or {}

    def blocks(
        self,
        document: markup.Document,
        *,
        styles: BlockStyles = ORDINARY,
        lead: Sequence[Element] = (),
        caption: str | None = None,
    ) -> list[Element]:
        """The document's blocks; `lead` runs (such as a label 'Svar:') open the first paragraph.

        `caption` names the text's tables for screen readers.
        """
        out: list[Element] = []
        blocks = document.blocks
        if lead and not (blocks and isinstance(blocks[0], markup.Paragraph)):
            out.append(paragraph(styles.body, lead))
            lead = ()
        for block in blocks:
            if isinstance(block, markup.Paragraph):
                out.append(self.paragraph(styles.body, block.inlines, lead=lead))
                lead = ()
            elif isinstance(block, markup.BulletList):
                out.extend(self.paragraph(styles.bullet, item) for item in block.items)
            elif isinstance(block, markup.OrderedList):
                num_id = self.numbering.restart(block.start)
                out.extend(self.paragraph(styles.numbered, item, num=(num_id, 0)) for item in block.items)
            else:
                out.append(self.table(block, caption))
        return out

    def paragraph(
        self,
        style: str,
        inlines: markup.Inlines,
        *,
        lead: Sequence[Element] = (),
        num: tuple[int, int] | None = None,
    ) -> Element:
        node = paragraph(style, lead, num=num)
        self.inlines(node, inlines)
        return node

    def table(self, block: markup.Table, caption: str | None = None) -> Element:
        rows: list[list[list[Element]]] = []
        if block.header:
            rows.append([[self.paragraph(TABLE_HEADER, cell)] for cell in block.header])
        rows.extend([[self.paragraph(TABLE_TEXT, cell)] for cell in row] for row in block.rows)
        return table(rows, style=TABLE, header_rows=1 if block.header else 0, caption=caption)

    def inlines(
        self,
        parent: Element,
        nodes: markup.Inlines,
        *,
        bold: bool = False,
        italic: bool = False,
        link: bool = False,
    ) -> None:
        """Append runs and hyperlinks for inline content to `parent`; emphasis carries into nested nodes."""
        for node in nodes:
            if isinstance(node, markup.Text):
                # A run has one character style; a second kind of emphasis goes in as b/i.
                for text, language in split(node.text):
                    if link:
                        added = add_run(parent, text, style=LINK, bold=bold, italic=italic)
                    elif bold:
                        added = add_run(parent, text, style=STRONG, italic=italic)
                    else:
                        added = add_run(parent, text, style=EMPHASIS if italic else None)
                    if language:
                        mark(added, language)
            elif isinstance(node, markup.Strong):
                self.inlines(parent, node.children, bold=True, italic=italic, link=link)
            elif isinstance(node, markup.Emph):
                self.inlines(parent, node.children, bold=bold, italic=True, link=link)
            elif link:
                # A link inside a link cannot exist in Word; keep its text.
                self.inlines(parent, node.children, bold=bold, italic=italic, link=True)
            else:
                self.link(parent, node, bold=bold, italic=italic)

    def link(self, parent: Element, node: markup.Link, *, bold: bool, italic: bool) -> None:
        children = node.children
        if node.url.startswith("mailto:") and markup.plain_text(children) == node.url:
            # An autolinked address reads better without its scheme.
            children = (markup.Text(node.url.removeprefix("mailto:")),)
        if node.url.startswith("#"):
            anchor = self.anchors.get(node.url[1:].upper())
            if anchor is None:
                # An anchor with no target in this document would be a dead link: keep the text.
                self.inlines(parent, children, bold=bold, italic=italic)
                return
            target = hyperlink(None, [], anchor=anchor)
        else:
            target = hyperlink(self.relationships.hyperlink(node.url), [])
        parent.append(target)
        self.inlines(target, children, bold=bold, italic=italic, link=True)
