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

    def text_start(self, path: Sequence[PathPart]) -> tuple[int, int, bool]:
        """Where the content of a string value starts, and whether it is a block scalar.

        For `text: |` the content begins on the next line; markup issues are
        counted from there.
        """
        line, column = self.position(path)
        lines = self.text.split("\n")
        here = lines[line - 1][column - 1 :] if line <= len(lines) else ""
        if here[:1] in ("|", ">"):
            following = lines[line] if line < len(lines) else ""
            indent = len(following) - len(following.lstrip(" "))
            return line + 1, indent + 1, True
        return line, column + (1 if here[:1] in ("'", '"') else 0), False
