"""The fixed Swedish texts of the Word documents, read from Jinja2 macros in templates/docx/.

Writers change wording there without touching Python. Every macro yields plain text, which
the renderer puts into runs that lxml escapes, so a template can never inject markup.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

import jinja2

from .. import templates
from ..swedish import format_date, format_number

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Only ordinary whitespace: a non-breaking space inside a number must survive.
_SPACE = re.compile(r"[ \t\r\n]+")


class Texts:
    """Calls macros by template name (without .j2) and macro name: texts('annexes', 'concerns', ids)."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder if folder is not None else templates.folder() / "docx"
        # Autoescaping is off on purpose: the output is text for lxml, not HTML, and lxml
        # escapes it when the part is serialised.
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder),
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.environment.filters["sv_date"] = format_date
        self.environment.filters["sv_number"] = format_number
        self._modules: dict[str, object] = {}

    def _module(self, name: str) -> object:
        module = self._modules.get(name)
        if module is None:
            module = self._modules[name] = self.environment.get_template(f"{name}.j2").module
        return module

    def __call__(self, template: str, macro: str, *args: object) -> str:
        """The macro's text with surrounding whitespace removed."""
        function = getattr(self._module(template), macro, None)
        if not callable(function):
            raise LookupError(f"templates/docx/{template}.j2 saknar makrot {macro}")
        return str(function(*args)).strip()

    def paragraphs(self, template: str, macro: str, *args: object) -> list[str]:
        """The macro's text split into paragraphs at blank lines, each joined into one line."""
        text = self(template, macro, *args)
        blocks = [_SPACE.sub(" ", block).strip() for block in _BLANK_LINE.split(text)]
        return [block for block in blocks if block]

    @cached_property
    def proposal_label(self) -> str:
        return self("requirement", "proposal_label")
