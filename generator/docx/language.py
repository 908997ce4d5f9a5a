"""Foreign terms in Swedish text, marked with their language so screen readers pronounce them right.

The documents are Swedish (sv-SE); a few established English terms occur in the requirements,
such as the names of trauma treatments. Each is marked en-GB (w:lang) where it appears. The
list is short on purpose: add a term here when the content starts to use it.
"""

from __future__ import annotations

import re

from .ooxml import Element, sub, w

ENGLISH = "en-GB"
ENGLISH_TERMS = ("prolonged exposure", "cognitive processing therapy")
_TERMS = re.compile("|".join(rf"\b{re.escape(t)}\b" for t in ENGLISH_TERMS), re.IGNORECASE)


def split(text: str) -> list[tuple[str, str | None]]:
    """`text` in pieces, each with its language if it is a foreign term, else None."""
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for match in _TERMS.finditer(text):
        if match.start() > at:
            pieces.append((text[at : match.start()], None))
        pieces.append((match.group(0), ENGLISH))
        at = match.end()
    if at < len(text) or not pieces:
        pieces.append((text[at:], None))
    return pieces


def mark(run: Element, language: str) -> Element:
    """Set the language of `run` (w:lang goes last among the properties this project writes)."""
    rpr = run.find(w("rPr"))
    if rpr is None:
        rpr = sub(run, "rPr")
        run.remove(rpr)
        run.insert(0, rpr)
    sub(rpr, "lang", val=language)
    return run
