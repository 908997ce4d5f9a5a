"""A word diff as tracked changes in Word: one paragraph per line, list items as list paragraphs.

The diff compares plain text with one line per paragraph, list item or table row (see
`diff.comparable_text`). Each line becomes a paragraph; a line break that the diff inserts
or deletes becomes an inserted or deleted paragraph mark, so that accepting every change
gives exactly the new lines and rejecting every change the old ones. A bullet item whose
bullet and both paragraph marks are unchanged is written as a list paragraph without its
'• ' (the list style draws the bullet); other lines keep their text as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..diff import Segment
from .language import mark, split
from .ooxml import Element, Revisions, bookmark, paragraph, run, sub, w

BULLET_MARK = "• "
BULLET_STYLE = "ListBullet"


@dataclass
class _Line:
    pieces: list[Segment] = field(default_factory=list)
    # How the line break that ends this line changes: equal, insert or delete; None for the last.
    end: str | None = None


def _lines(segments: Sequence[Segment]) -> list[_Line]:
    lines = [_Line()]
    for segment in segments:
        for n, text in enumerate(segment.text.split("\n")):
            if n:
                lines[-1].end = segment.op
                lines.append(_Line())
            if text:
                lines[-1].pieces.append(Segment(segment.op, text))
    return lines


def _runs(text: str) -> list[Element]:
    """Runs for `text`, foreign terms marked with their language."""
    out = []
    for piece, language in split(text):
        made = run(piece)
        out.append(mark(made, language) if language else made)
    return out


def _is_bullet(line: _Line, starts_alone: bool) -> bool:
    first = line.pieces[0] if line.pieces else None
    return (
        starts_alone
        and line.end in (None, "equal")
        and first is not None
        and first.op == "equal"
        and first.text.startswith(BULLET_MARK)
    )


def tracked_paragraphs(
    segments: Sequence[Segment], revisions: Revisions, bookmark_id: int, bookmark_name: str, style: str
) -> list[Element]:
    """Paragraphs of runs, insertions and deletions, with a bookmark around all of them."""
    start, end = bookmark(bookmark_id, bookmark_name)
    out: list[Element] = []
    previous_end: str | None = "equal"
    for line in _lines(segments):
        pieces = list(line.pieces)
        bullet = _is_bullet(line, previous_end == "equal")
        if bullet:
            rest = pieces[0].text[len(BULLET_MARK) :]
            pieces[0] = Segment("equal", rest)
        content: list[Element] = []
        for piece in pieces:
            if not piece.text:
                continue
            if piece.op == "equal":
                content.extend(_runs(piece.text))
            elif piece.op == "insert":
                content.append(revisions.inserted(_runs(piece.text)))
            else:
                for text, language in split(piece.text):
                    removed = revisions.deleted(text)
                    if language:
                        mark(removed[0], language)
                    content.append(removed)
        block = paragraph(BULLET_STYLE if bullet else style, content)
        if line.end in ("insert", "delete"):
            ppr = block.find(w("pPr"))
            if ppr is None:
                ppr = sub(block, "pPr")
                block.remove(ppr)
                block.insert(0, ppr)
            properties = sub(ppr, "rPr")
            properties.append(revisions.mark("ins" if line.end == "insert" else "del"))
        out.append(block)
        previous_end = line.end
    first_ppr = out[0].find(w("pPr"))
    out[0].insert(0 if first_ppr is None else 1, start)
    out[-1].append(end)
    return out
