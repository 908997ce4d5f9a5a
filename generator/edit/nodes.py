"""Building and placing round-trip nodes so that new values look like the ones writers type.

New texts become literal blocks (`text: |`) like every text in the files, short lists
stay in flow style (`[vc]`), and a new key goes where the schema puts it, not at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString

from ..model import Question, Version, Year

# The order of keys in each kind of mapping, as the schema declares them.
VERSION_KEYS = tuple(Version.model_fields)
YEAR_KEYS = tuple(Year.model_fields)
QUESTION_KEYS = tuple(Question.model_fields)


def literal(text: str) -> LiteralScalarString:
    """A text as a `|` block with exactly one final newline."""
    block: LiteralScalarString = LiteralScalarString(text.strip("\n") + "\n")
    return block


def quoted(text: str) -> DoubleQuotedScalarString:
    """A value that would read as a number or date without quotes, such as a section "6.6"."""
    value: DoubleQuotedScalarString = DoubleQuotedScalarString(text)
    return value


def flow_list(items: Iterable[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def block_map(items: Mapping[str, Any]) -> CommentedMap:
    mapping = CommentedMap()
    for key, value in items.items():
        if value is not None:
            mapping[key] = value
    return mapping


def block_list(items: Iterable[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq


def sources(pairs: Sequence[tuple[str, str]]) -> CommentedSeq:
    return block_list(block_map({"seed": seed, "locator": locator}) for seed, locator in pairs)


def decision(body: str, date: dt.date | None, paragraph: str | None) -> CommentedMap:
    return block_map({"body": body, "date": date, "paragraph": paragraph})


def copy(node: Any) -> Any:
    """A copy with the same styles but no shared objects and no comments.

    Sharing a node between two places would make ruamel write an anchor and an alias,
    which the database refuses; comments belong to the place they were written.
    """
    if isinstance(node, CommentedMap):
        mapping = CommentedMap((key, copy(value)) for key, value in node.items())
        if node.fa.flow_style():
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(node, CommentedSeq):
        seq = CommentedSeq(copy(value) for value in node)
        if node.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(node, ScalarString):
        return type(node)(str(node))
    if isinstance(node, dt.datetime):
        return dt.datetime.fromisoformat(node.isoformat())
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    return node


def put(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set `key`, placing a new key before the first existing key that the schema puts after it."""
    if key in mapping:
        mapping[key] = value
        return
    later = set(order[order.index(key) + 1 :])
    position = next((i for i, existing in enumerate(mapping) if existing in later), len(mapping))
    mapping.insert(position, key, value)


def make_block(seq: CommentedSeq) -> None:
    """An empty `[]` that gets its first item becomes a block list like the others."""
    seq.fa.set_block_style()
