"""Reading Word paragraphs the way the tests compare them."""

from __future__ import annotations

from typing import Any


def id_line(paragraph: Any) -> str:
    """A paragraph's text; an id line ('Kravrad') gives only its id, without its 'Nytt ÅR' marker."""
    style = paragraph.style.name if paragraph.style is not None else ""
    return (
        str(paragraph.text).split()[0]
        if style == "Kravrad" and paragraph.text.strip()
        else str(paragraph.text)
    )
