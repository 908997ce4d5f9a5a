"""Data text to safe HTML and Markdown.

Requirement texts, answers and every other string from the database are data, never markup:
they are parsed with `generator.markup` into a small AST and written out here with every
piece of text escaped. Nothing from the data reaches the page as raw Markdown or HTML, so a
`<script>` or a `javascript:` link in an answer shows as text and cannot run.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable

from markupsafe import Markup

from .. import markup
from ..diff import Segment

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")

# Python-Markdown removes the backslash before exactly these characters.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def text(value: str) -> Markup:
    """Plain text as HTML."""
    return Markup(html.escape(str(value), quote=True))


def md_inline(value: str) -> Markup:
    """Text for a Markdown line such as a heading: HTML-escaped, Markdown syntax neutralised."""
    # str() first: escaping a Markup object would escape its own entities a second time.
    flat = " ".join(str(value).split())
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False)))


def md_title(value: str) -> Markup:
    """Text for a page's first heading, which the theme also writes, unescaped, into <title>.

    mkdocs turns the heading into `page.title` and the theme applies `striptags`, which
    un-escapes entities; angle brackets are therefore replaced rather than escaped.
    """
    return md_inline(str(value).replace("<", "‹").replace(">", "›"))


def _inlines(nodes: markup.Inlines) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, markup.Text):
            out.append(html.escape(node.text, quote=True))
        elif isinstance(node, markup.Strong):
            out.append(f"<strong>{_inlines(node.children)}</strong>")
        elif isinstance(node, markup.Emph):
            out.append(f"<em>{_inlines(node.children)}</em>")
        elif node.url.startswith(SAFE_SCHEMES):
            out.append(f'<a href="{html.escape(node.url, quote=True)}">{_inlines(node.children)}</a>')
        else:
            # The parser keeps only safe links; a Database built in code could still hold others.
            out.append(html.escape(markup.plain_text(node.children), quote=True))
    return "".join(out)


def _table(block: markup.Table) -> str:
    rows = []
    if block.header:
        cells = "".join(f'<th scope="col">{_inlines(c)}</th>' for c in block.header)
        rows.append(f"<thead><tr>{cells}</tr></thead>")
    body = "".join("<tr>" + "".join(f"<td>{_inlines(c)}</td>" for c in row) + "</tr>" for row in block.rows)
    rows.append(f"<tbody>{body}</tbody>")
    return f"<table>{''.join(rows)}</table>"


@functools.lru_cache(maxsize=16384)
def rich(source: str | None) -> Markup:
    """A requirement text, answer or rule in the markup subset, as safe HTML blocks."""
    if not source:
        return Markup("")
    document, _ = markup.parse(source)
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, markup.Paragraph):
            out.append(f"<p>{_inlines(block.inlines)}</p>")
        elif isinstance(block, markup.BulletList):
            out.append("<ul>" + "".join(f"<li>{_inlines(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, markup.OrderedList):
            start = f' start="{block.start}"' if block.start != 1 else ""
            out.append(f"<ol{start}>" + "".join(f"<li>{_inlines(i)}</li>" for i in block.items) + "</ol>")
        else:
            out.append(_table(block))
    return Markup("".join(out))


def plain(source: str | None) -> str:
    """The plain text of a text in the markup subset, for short excerpts."""
    if not source:
        return ""
    document, _ = markup.parse(source)
    return " ".join(markup.document_plain_text(document).split())


def excerpt(source: str | None, limit: int = 160) -> str:
    flat = plain(source)
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


_MARKS = {
    "insert": ("ins", "Tillagt: "),
    "delete": ("del", "Borttaget: "),
}


def _lines(segments: Iterable[Segment]) -> list[list[Segment]]:
    """Split segments at line breaks so that each line becomes one paragraph."""
    lines: list[list[Segment]] = [[]]
    for segment in segments:
        parts = segment.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Segment(segment.op, part))
    return lines


def word_diff(segments: Iterable[Segment]) -> Markup:
    """A word diff as paragraphs with <ins> and <del>, each labelled for screen readers.

    The label is visually hidden text inside the mark, so the change is announced and does
    not depend on colour; the stylesheet adds underline and strike-through as well.
    """
    out: list[str] = []
    for line in _lines(segments):
        if not line:
            continue
        pieces: list[str] = []
        for segment in line:
            escaped = html.escape(segment.text, quote=True)
            if segment.op == "equal":
                pieces.append(escaped)
            else:
                tag, label = _MARKS[segment.op]
                pieces.append(f'<{tag}><span class="ffu-sr">{label}</span>{escaped}</{tag}>')
        out.append(f"<p>{''.join(pieces)}</p>")
    return Markup("".join(out))
