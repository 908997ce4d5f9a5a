"""What the parts of one FFU share while it is being written: its texts and rich-text writer."""

from __future__ import annotations

from dataclasses import dataclass

from .ooxml import Element, bookmark, paragraph, run
from .richtext import RichText
from .texts import Texts

HEADING_STYLES = {1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4"}


@dataclass
class Context:
    texts: Texts
    rich: RichText
    next_bookmark: int = 1

    def heading(self, level: int, text: str) -> Element:
        """A heading paragraph in Word's built-in style for `level` (1–4)."""
        return paragraph(HEADING_STYLES[level], [run(text)])

    def anchored(self, name: str, content: list[Element]) -> list[Element]:
        """`content` wrapped in a bookmark called `name`, for links inside the document."""
        start, end = bookmark(self.next_bookmark, name)
        self.next_bookmark += 1
        return [start, *content, end]
