"""Stage render/diff: compare two FFU years requirement by requirement, keyed by ID.

The same comparison feeds the nämnd's Word report, the site's change pages and
the terminal. Texts are compared as readable plain text (see `comparable_text`),
word by word: every word, number and punctuation mark becomes one symbol, so
diff-match-patch's semantic cleanup works on whole words and never splits
"150 000" or "8:00–17:00".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Literal

from diff_match_patch import diff_match_patch

from . import markup
from .database import Database, Entry
from .forked import run_all
from .model import PARTS, VARDVAL, VARDVAL_NAMES, Requirement, Version

Op = Literal["equal", "insert", "delete"]

# Order of the kinds in summaries and tables.
KINDS = ("ny", "ändrad", "utgår", "oförändrad")

_TOKEN = re.compile(
    r"""
    \d+(?:[ \u00a0]\d{3})+(?:,\d+)?(?![\d])   # numbers with thousands separators: 150 000, 1 100,5
    | \d+(?:[.,:–-]\d+)*                     # 45, 8:00, 1,4, 2025-09-01, 75–100
    | [^\W\d_]+(?:[-'’][^\W\d_]+)*           # words, also ST-läkare and BVC-sjuksköterska
    | \s+                                    # white space, kept so texts join back exactly
    | .                                      # any other single character: punctuation, symbols
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


def tokenize(text: str) -> list[str]:
    """Split text into words, numbers, white space and single marks; they join back to `text`."""
    return _TOKEN.findall(text)


@lru_cache(maxsize=16384)
def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level diff of two texts, with semantic cleanup, as merged segments."""
    if old == new:
        return (Segment("equal", old),) if old else ()
    vocabulary: dict[str, str] = {}
    pieces: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in tokenize(text):
            symbol = vocabulary.get(token)
            if symbol is None:
                symbol = chr(0x10000 + len(pieces))
                vocabulary[token] = symbol
                pieces.append(token)
            out.append(symbol)
        return "".join(out)

    a, b = encode(old), encode(new)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(a, b, False)
    engine.diff_cleanupSemantic(diffs)
    ops: dict[int, Op] = {0: "equal", 1: "insert", -1: "delete"}
    segments: list[Segment] = []
    for code, symbols in diffs:
        text = "".join(pieces[ord(c) - 0x10000] for c in symbols)
        if not text:
            continue
        op = ops[code]
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))
    return tuple(segments)


def apply(segments: Iterable[Segment], *, accept: bool) -> str:
    """The new text (accept) or the old text (reject) that a diff describes."""
    drop: Op = "delete" if accept else "insert"
    return "".join(s.text for s in segments if s.op != drop)


@lru_cache(maxsize=8192)
def comparable_text(text: str | None) -> str:
    """A requirement text as readable plain text: one line per paragraph, list item or table row."""
    return markup.document_plain_text(markup.parse(text)[0], markers=True) if text else ""


@dataclass(frozen=True)
class Change:
    """How one requirement differs between two years."""

    requirement: Requirement
    kind: str  # ny | ändrad | oförändrad | utgår
    old: Version | None
    new: Version | None
    moved: bool
    rescoped: bool
    old_scope: tuple[str, ...]
    new_scope: tuple[str, ...]
    words: tuple[Segment, ...]
    # The version recorded in the target year, which carries motivation, decision and date.
    recorded: Version | None
    # The requirement was in force before its first recorded version, whose text the sources
    # do not give: it is not new, and an 'ändrad' first version has no earlier text to diff.
    earlier_unknown: bool = False

    @property
    def id(self) -> str:
        return self.requirement.id

    @property
    def old_text(self) -> str:
        """The text compared from: what rejecting every change gives."""
        if self.old is not None:
            return comparable_text(self.old.text)
        return comparable_text(self.new.text if self.new else None) if self.earlier_unknown else ""

    @property
    def is_change(self) -> bool:
        return self.kind != "oförändrad" or self.moved or self.rescoped

    @property
    def status(self) -> str:
        """beslutad or förslag: whether the change in the target year is decided."""
        return self.recorded.status if self.recorded else "beslutad"

    @property
    def placement_version(self) -> Version:
        version = self.new if self.new is not None else self.old
        assert version is not None
        return version

    def sort_key(self) -> tuple[int, tuple[int, ...], str]:
        placement = self.placement_version.placement
        key = placement.sort_key() if placement else (999,)
        return PARTS.index(self.requirement.part), key, self.id


@dataclass(frozen=True)
class YearDiff:
    from_year: int
    to_year: int
    vardval: str | None
    changes: tuple[Change, ...]  # every requirement present in either year, in document order

    @property
    def changed(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.is_change)

    def restricted_to(self, vardval: str) -> YearDiff:
        """The same selection as `compare(..., vardval=vardval)`, without comparing anything again."""
        changes = tuple(c for c in self.changes if vardval in c.old_scope or vardval in c.new_scope)
        return YearDiff(self.from_year, self.to_year, vardval, changes)

    def counts(self) -> Counter[str]:
        return count(self.changes)

    def counts_per_vardval(self) -> list[tuple[str, Counter[str]]]:
        """Counts in total and, for a comparison of all vårdval, for each one (Del A counted in each)."""
        rows = [("Totalt", self.counts())]
        if self.vardval is None:
            rows += [(VARDVAL_NAMES[v], self.restricted_to(v).counts()) for v in VARDVAL]
        return rows


def count(changes: Iterable[Change]) -> Counter[str]:
    """How many requirements of each kind of change, and how many moved or changed scope."""
    counts: Counter[str] = Counter()
    for change in changes:
        counts[change.kind] += 1
        counts["flyttad"] += change.moved
        counts["ändrad omfattning"] += change.rescoped
    return counts


def _entry_in(requirement: Requirement, year: int) -> Entry | None:
    version = requirement.version_for(year)
    return Entry(requirement, version) if version is not None else None


def compare(db: Database, from_year: int, to_year: int, *, vardval: str | None = None) -> YearDiff:
    """Compare the FFU of `from_year` with that of `to_year` (proposals included and flagged)."""
    changes: list[Change] = []
    for requirement in db.requirements.values():
        old = _entry_in(requirement, from_year)
        new = _entry_in(requirement, to_year)
        old_scope = old.scope if old else ()
        new_scope = new.scope if new else ()
        if vardval is not None and vardval not in old_scope and vardval not in new_scope:
            continue
        if old is None and new is None:
            continue
        old_version = old.version if old else None
        new_version = new.version if new else None
        first = requirement.versions[0]
        # A first version recorded as 'oförändrad' or 'ändrad' says the requirement existed before.
        earlier_unknown = old is None and new_version is first and first.change in ("oförändrad", "ändrad")
        if earlier_unknown:
            kind = first.change
        elif old is None:
            kind = "ny"
        elif new is None:
            kind = "utgår"
        elif comparable_text(old_version.text if old_version else None) != comparable_text(
            new_version.text if new_version else None
        ):
            kind = "ändrad"
        else:
            kind = "oförändrad"
        moved = bool(old_version and new_version and old_version.placement != new_version.placement)
        rescoped = bool(old and new and set(old_scope) != set(new_scope))
        in_range = [v for v in requirement.versions if from_year < v.year <= to_year]
        recorded = in_range[-1] if in_range else None
        new_text = comparable_text(new_version.text if new_version else None)
        old_text = new_text if earlier_unknown else comparable_text(old_version.text if old_version else None)
        words = word_diff(old_text, new_text)
        changes.append(
            Change(
                requirement,
                kind,
                old_version,
                new_version,
                moved,
                rescoped,
                old_scope,
                new_scope,
                words,
                recorded,
                earlier_unknown,
            )
        )
    return YearDiff(from_year, to_year, vardval, tuple(sorted(changes, key=Change.sort_key)))


# Below this many requirements comparing takes less time than starting processes.
PARALLEL_FROM_REQUIREMENTS = 300


def compare_pairs(db: Database, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], YearDiff]:
    """`compare` for each pair of years (all vårdval), on several cores for a large database.

    Restrict a result with `YearDiff.restricted_to` rather than comparing again per vårdval.
    """
    unique = list(dict.fromkeys(pairs))
    jobs = [partial(compare, db, older, newer) for older, newer in unique]
    results = run_all(jobs, parallel=len(db.requirements) >= PARALLEL_FROM_REQUIREMENTS)
    return dict(zip(unique, results, strict=True))
