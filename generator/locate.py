"""Find the line and column of a value in a YAML file, given its path of keys and indices.

Used only for files that have problems: it re-composes that one file into
nodes, which carry their positions, and walks the path as far as it exists.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

PathPart = str | int


def _compose(text: str) -> Node | None:
    yaml = YAML(typ="safe", pure=False)
    try:
        node: Node | None = yaml.compose(io.StringIO(text))
    except Exception:
        return None
    return node


class Locator:
    """Positions within one file's text. Composes the file once, on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._root: Node | None = None
        self._composed = False

    @property
    def root(self) -> Node | None:
        if not self._composed:
            self._root = _compose(self.text)
            self._composed = True
        return self._root

    def position(self, path: Sequence[PathPart], *, key: bool = False) -> tuple[int, int]:
        """Line and column (from 1) of the value at `path`, or of its key with `key=True`.

        A path that does not exist resolves to the deepest node that does, so a
        missing field is reported at the mapping that should hold it.
        """
        node = self.root
        if node is None:
            return 1, 1
        target: Node = node
        for index, part in enumerate(path):
            last = index == len(path) - 1
            child: Node | None = None
            if isinstance(target, MappingNode) and isinstance(part, str):
                for key_node, value_node in target.value:
                    if key_node.value == part:
                        child = key_node if (last and key) else value_node
                        break
            elif isinstance(target, SequenceNode) and isinstance(part, int) and 0 <= part < len(target.value):
                child = target.value[part]
            if child is None:
                break
            target = child
        mark = target.start_mark
        return mark.line + 1, mark.column + 1

    def block_source(self, path: Sequence[PathPart]) -> tuple[str, int, int] | None:
        """For a block scalar (`|` or `>`), its lines as written, without their indentation.

        Returns the text and the line and column where it starts, or None for other scalars.
        Markup issues are counted in these lines: a folded (`>`) value has lost its line
        breaks, but folding joins lines the way a Markdown paragraph does, so the issues are
        the same and their positions are the writer's own.
        """
        line, column = self.position(path)
        lines = self.text.split("\n")
        if line > len(lines) or lines[line - 1][column - 1 : column] not in ("|", ">"):
            return None
        body: list[str] = []
        indent: int | None = None
        for raw in lines[line:]:
            if raw.strip():
                width = len(raw) - len(raw.lstrip(" "))
                indent = width if indent is None else indent
                if width < indent:
                    break
                body.append(raw[indent:])
            else:
                body.append("")
        while body and not body[-1]:
            body.pop()
        return "\n".join(body), line + 1, (indent or 0) + 1

    def scalar_start(self, path: Sequence[PathPart]) -> tuple[int, int]:
        """Where the content of a one-line scalar starts, after an opening quote."""
        line, column = self.position(path)
        lines = self.text.split("\n")
        quoted = line <= len(lines) and lines[line - 1][column - 1 : column] in ("'", '"')
        return line, column + (1 if quoted else 0)
