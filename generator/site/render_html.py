"""Data text to safe HTML and Markdown.

Requirement texts, answers and every other string from the database are data, never markup:
they are parsed with `generator.markup` into a small AST and written out here with every
piece of text escaped. Nothing from the data reaches the page as raw Markdown or HTML, so a
`<script>` or a `javascript:` link in an answer shows as text and cannot run.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable

from markupsafe import Markup

from .. import markup
from ..diff import Segment

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")

# Python-Markdown removes the backslash before exactly these characters.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def _flat(value: str) -> str:
    # str() first: escaping a Markup object would escape its own entities a second time.
    return " ".join(str(value).split())


def _markdown_safe(escaped: str) -> Markup:
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", escaped))


def md_inline(value: str) -> Markup:
    """Text for a Markdown line such as a heading: HTML-escaped, Markdown syntax neutralised."""
    return _markdown_safe(html.escape(_flat(value), quote=False))


def title_text(value: str) -> Markup:
    """Text for anything the theme may write unescaped as a page title: nav labels, headings.

    The theme writes nav labels and `page.meta.title` as they are, and applies `striptags`
    to `page.title`, which turns `&lt;` back into `<`. Angle brackets are therefore replaced
    by ‹ › rather than escaped, so no later un-escaping can make a tag, and `&` is escaped,
    so an entity in the data stays text.
    """
    return Markup(html.escape(_flat(value).replace("<", "‹").replace(">", "›"), quote=False))


def md_title(value: str) -> Markup:
    """Text for a page's first heading, which becomes the page's title (see `title_text`)."""
    return _markdown_safe(title_text(value))


_HEADING_ESCAPE = re.compile(r"\\" + _MARKDOWN_SPECIAL.pattern)
# An attribute list such as `{ #anker }` at the end of a heading; an escaped `\{` is text.
_ATTR_LIST = re.compile(r"\s*(?<!\\)\{[^{}]*\}\s*$")


def heading_text(markdown: str) -> str | None:
    """The plain text of a Markdown page's first `# ` heading, as `md_inline` was given it."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            heading = _ATTR_LIST.sub("", line[2:])
            return html.unescape(_HEADING_ESCAPE.sub(r"\1", heading)).strip()
    return None


def front_matter(title: Markup, *, rank: int | None) -> str:
    """YAML front matter with the page's title, already made safe by `title_text`.

    The theme writes `title` unescaped into <title> and the header. A page in the search index
    carries its rank (`rang`, 1 first); a page that repeats text found elsewhere has none and
    says `search: exclude`, which keeps the index free of duplicates.
    """
    # JSON strings are YAML double-quoted scalars, so any title survives the round trip.
    lines = ["---", f"title: {json.dumps(str(title), ensure_ascii=False)}"]
    if rank is None:
        lines += ["search:", "  exclude: true"]
    else:
        lines.append(f"rang: {rank}")
    return "\n".join([*lines, "---", "", ""])


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


def _table(block: markup.Table, caption: str | None = None) -> str:
    rows = [f"<caption>{html.escape(caption)}</caption>"] if caption else []
    if block.header:
        cells = "".join(f'<th scope="col">{_inlines(c)}</th>' for c in block.header)
        rows.append(f"<thead><tr>{cells}</tr></thead>")
    body = "".join("<tr>" + "".join(f"<td>{_inlines(c)}</td>" for c in row) + "</tr>" for row in block.rows)
    rows.append(f"<tbody>{body}</tbody>")
    return f"<table>{''.join(rows)}</table>"


@functools.lru_cache(maxsize=16384)
def rich(source: str | None, caption: str | None = None) -> Markup:
    """A requirement text, answer or rule in the markup subset, as safe HTML blocks.

    `caption` names the text's tables, for screen readers and the table list of a page.
    """
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
            out.append(_table(block, caption))
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
