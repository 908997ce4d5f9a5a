"""The small Markdown subset that requirement texts and answers are written in.

Paragraphs, bullet and numbered lists (one level), **bold**, *italic*, links and
simple pipe tables. Everything else is literal text: raw HTML is never passed
through, so renderers only ever escape. Links are kept only for http, https and
mailto; anything else (javascript:, data:) stays visible as plain text and is
reported as an issue, which validation turns into an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .problems import show

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    children: tuple[Inline, ...]
    url: str


Inline = Text | Strong | Emph | Link
Inlines = tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    inlines: Inlines


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inlines, ...]


@dataclass(frozen=True)
class OrderedList:
    items: tuple[Inlines, ...]
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]


Block = Paragraph | BulletList | OrderedList | Table


@dataclass(frozen=True)
class Issue:
    """A problem in a text: `line` and `column` count from 1 within the text."""

    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]


_BULLET = re.compile(r"^([-*+])\s+(.*)$")
_ORDERED = re.compile(r"^(\d{1,4})[.)]\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}(\s|$)")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>]+)>")


def parse(text: str) -> tuple[Document, tuple[Issue, ...]]:
    """Parse `text`; never raises. Issues say what a writer should fix."""
    parser = _Parser(text)
    return Document(tuple(parser.blocks())), tuple(parser.issues)


def plain_text(inlines: Inlines) -> str:
    """The inline content as plain text, for search indexes, diffs and alt texts."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        else:
            out.append(plain_text(node.children))
    return "".join(out)


def document_plain_text(doc: Document, *, markers: bool = False) -> str:
    """Plain text of a whole document, one line per paragraph, list item or table row.

    With `markers`, list items keep a bullet or their number, so that two texts which
    differ only in list kind also differ as plain text (the diff engine compares these).
    """
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            lines.append(plain_text(block.inlines))
        elif isinstance(block, BulletList):
            lines.extend(("• " if markers else "") + plain_text(item) for item in block.items)
        elif isinstance(block, OrderedList):
            lines.extend(
                (f"{block.start + i}. " if markers else "") + plain_text(item)
                for i, item in enumerate(block.items)
            )
        else:
            rows = [block.header, *block.rows] if block.header else list(block.rows)
            lines.extend(" | ".join(plain_text(cell) for cell in row) for row in rows)
    return "\n".join(lines)


class _Parser:
    def __init__(self, text: str) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.issues: list[Issue] = []
        self.pos = 0

    def issue(self, line_index: int, column: int, message: str) -> None:
        self.issues.append(Issue(line_index + 1, column, message))

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            stripped = line.strip()
            if not stripped:
                self.pos += 1
                continue
            indent = len(line) - len(line.lstrip(" "))
            if _HEADING.match(stripped):
                self.issue(
                    self.pos,
                    indent + 1,
                    "rubriker (#) används inte i texten; rubriken står i placement.heading",
                )
                self.pos += 1
                continue
            if stripped.startswith("|"):
                out.append(self.table())
            elif _BULLET.match(stripped):
                out.append(BulletList(tuple(self.list_items(_BULLET))))
            elif match := _ORDERED.match(stripped):
                start = int(match.group(1))
                out.append(OrderedList(tuple(self.list_items(_ORDERED)), start))
            else:
                out.append(self.paragraph())
        return out

    def paragraph(self) -> Paragraph:
        first = self.pos
        parts: list[tuple[int, str]] = []
        while self.pos < len(self.lines):
            stripped = self.lines[self.pos].strip()
            if not stripped or (self.pos > first and self._starts_block(stripped)):
                break
            parts.append((self.pos, self.lines[self.pos]))
            self.pos += 1
        return Paragraph(self.joined(parts))

    def joined(self, parts: list[tuple[int, str]], skip: int = 0) -> Inlines:
        """Inline content of lines joined by spaces, with issues placed on their own line.

        `skip` drops a list marker from the first line.
        """
        text_parts: list[str] = []
        segments: list[tuple[int, int, int]] = []  # (offset in joined text, line index, column of start)
        offset = 0
        for n, (index, line) in enumerate(parts):
            stripped = line.strip()
            column = len(line) - len(line.lstrip()) + 1
            if n == 0 and skip:
                column += skip
                stripped = stripped[skip:]
            segments.append((offset, index, column))
            text_parts.append(stripped)
            offset += len(stripped) + 1

        def report(col: int, message: str) -> None:
            start, index, column = next(s for s in reversed(segments) if s[0] <= col - 1)
            self.issue(index, column + (col - 1 - start), message)

        text = " ".join(text_parts)
        if "![" in text:
            report(text.index("![") + 1, "bilder stöds inte i texten")
        return _InlineParser(text, report).parse(0, len(text))

    def _starts_block(self, stripped: str) -> bool:
        return bool(
            stripped.startswith("|")
            or _BULLET.match(stripped)
            or _ORDERED.match(stripped)
            or _HEADING.match(stripped)
        )

    def list_items(self, marker: re.Pattern[str]) -> list[Inlines]:
        items: list[tuple[int, list[tuple[int, str]]]] = []
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            stripped = line.strip()
            indent = len(line) - len(line.lstrip(" "))
            match = marker.match(stripped)
            if match and indent == 0:
                items.append((match.start(2), [(self.pos, line)]))
            elif stripped and indent > 0 and items:
                if _BULLET.match(stripped) or _ORDERED.match(stripped):
                    self.issue(
                        self.pos, indent + 1, "listor i flera nivåer stöds inte; skriv en lista i en nivå"
                    )
                items[-1][1].append((self.pos, line))
            elif not stripped:
                # A blank line ends the list unless another item of the same list follows.
                nxt = self.pos + 1
                if nxt < len(self.lines) and marker.match(self.lines[nxt]):
                    self.pos += 1
                    continue
                break
            else:
                break
            self.pos += 1
        return [self.joined(parts, skip) for skip, parts in items]

    def table(self) -> Table:
        first = self.pos
        rows: list[tuple[int, list[str]]] = []
        while self.pos < len(self.lines) and self.lines[self.pos].strip().startswith("|"):
            rows.append((self.pos, _split_row(self.lines[self.pos].strip())))
            self.pos += 1
        if len(rows) < 2 or not all(_SEPARATOR_CELL.match(c.strip()) for c in rows[1][1]):
            self.issue(first, 1, "en tabell behöver en rubrikrad följd av en skiljerad som | --- | --- |")
            loose = [self.inlines(" | ".join(r[1]), r[0]) for r in rows]
            return Table(header=(), rows=tuple((c,) for c in loose))
        width = len(rows[0][1])
        body: list[tuple[Inlines, ...]] = []
        for index, cells in rows[2:]:
            if len(cells) != width:
                self.issue(index, 1, f"raden har {len(cells)} celler men tabellens rubrikrad har {width}")
            padded = (cells + [""] * width)[:width]
            body.append(tuple(self.inlines(c.strip(), index) for c in padded))
        if len(rows[1][1]) != width:
            self.issue(rows[1][0], 1, f"skiljeraden har {len(rows[1][1])} celler men rubrikraden har {width}")
        header = tuple(self.inlines(c.strip(), rows[0][0]) for c in rows[0][1])
        return Table(header, tuple(body))

    def inlines(self, text: str, line_index: int) -> Inlines:
        if "![" in text:
            self.issue(line_index, text.index("![") + 1, "bilder stöds inte i texten")
        return _InlineParser(text, lambda col, msg: self.issue(line_index, col, msg)).parse(0, len(text))


def _split_row(row: str) -> list[str]:
    body = row[1:] if row.startswith("|") else row
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if body[i] == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(body[i])
        i += 1
    cells.append("".join(current))
    return cells


class _InlineParser:
    def __init__(self, text: str, report: object) -> None:
        self.text = text
        self.report = report

    def parse(self, start: int, end: int) -> Inlines:
        out: list[Inline] = []
        buf: list[str] = []
        i = start
        text = self.text

        def flush() -> None:
            if buf:
                out.append(Text("".join(buf)))
                buf.clear()

        while i < end:
            ch = text[i]
            if ch == "\\" and i + 1 < end and text[i + 1] in "\\*_[]()<>|`#":
                buf.append(text[i + 1])
                i += 2
                continue
            if text.startswith("**", i):
                close = text.find("**", i + 2, end)
                if close > i + 2:
                    flush()
                    out.append(Strong(self.parse(i + 2, close)))
                    i = close + 2
                    continue
            elif ch == "*" and i + 1 < end and not text[i + 1].isspace():
                star = self._closing_star(i + 1, end)
                if star is not None:
                    flush()
                    out.append(Emph(self.parse(i + 1, star)))
                    i = star + 1
                    continue
            elif ch == "[":
                link = self._link(i, end)
                if link is not None:
                    label_end, url, after = link
                    flush()
                    if url.startswith(ALLOWED_SCHEMES) or url.startswith("#"):
                        out.append(Link(self.parse(i + 1, label_end), url))
                    else:
                        self._report(
                            i + 1,
                            f"länken {show(url)} är inte tillåten; använd https://, http:// eller mailto:",
                        )
                        out.append(Text(text[i:after]))
                    i = after
                    continue
            elif ch == "<":
                match = _AUTOLINK.match(text, i, end)
                if match:
                    flush()
                    url = match.group(1)
                    out.append(Link((Text(url),), url))
                    i = match.end()
                    continue
            buf.append(ch)
            i += 1
        flush()
        return tuple(out)

    def _closing_star(self, start: int, end: int) -> int | None:
        i = start
        while i < end:
            j = self.text.find("*", i, end)
            if j < 0:
                return None
            if self.text.startswith("**", j):
                i = j + 2
                continue
            if not self.text[j - 1].isspace():
                return j
            i = j + 1
        return None

    def _link(self, i: int, end: int) -> tuple[int, str, int] | None:
        label_end = self.text.find("](", i + 1, end)
        if label_end < 0:
            return None
        depth = 0
        close = -1
        for j in range(label_end + 2, end):
            if self.text[j] == "(":
                depth += 1
            elif self.text[j] == ")":
                if depth == 0:
                    close = j
                    break
                depth -= 1
        if close < 0:
            return None
        url = self.text[label_end + 2 : close].strip()
        if not url or any(c.isspace() for c in url):
            return None
        return label_end, url, close + 1

    def _report(self, column: int, message: str) -> None:
        report = self.report
        assert callable(report)
        report(column, message)


@lru_cache(maxsize=8192)
def comparable_text(text: str | None) -> str:
    """A requirement text as readable plain text: one line per paragraph, list item or table row."""
    return document_plain_text(parse(text)[0], markers=True) if text else ""
