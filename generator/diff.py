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

from .database import Database
from .forked import run_all
from .markup import comparable_text as comparable_text  # re-exported: the diff compares these texts
from .model import PARTS, VARDVAL, VARDVAL_NAMES, Requirement, Version
from .timeline import UNCHANGED, movements, reconciles, scope, year_view

Op = Literal["equal", "insert", "delete"]

# Order of the kinds in summaries and tables: the time model's categories.
KINDS = ("ny", "först dokumenterad", "ändrad", "utgår", "oförändrad", "obekräftad")

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


@dataclass(frozen=True)
class Change:
    """How one requirement differs between two years, in the time model's categories."""

    requirement: Requirement
    kind: str  # a timeline.Category: ny | först dokumenterad | ändrad | oförändrad | obekräftad | utgår
    old: Version | None
    new: Version | None
    moved: bool
    rescoped: bool
    old_scope: tuple[str, ...]
    new_scope: tuple[str, ...]
    words: tuple[Segment, ...]
    # The version recorded in the target year, which carries motivation, decision and date.
    recorded: Version | None
    status: str = "beslutad"  # beslutad | förslag: whether the change in the target year is decided
    # A proposal to change a rule in force whose current wording the sources do not give.
    proposal_earlier_unknown: bool = False

    @property
    def id(self) -> str:
        return self.requirement.id

    @property
    def earlier_unknown(self) -> bool:
        """In force before its first recorded version, whose earlier text the sources do not give."""
        return self.kind == "först dokumenterad" or self.proposal_earlier_unknown

    @property
    def old_text(self) -> str:
        """The text compared from: what rejecting every change gives."""
        if self.old is not None:
            return comparable_text(self.old.text)
        return comparable_text(self.new.text if self.new else None) if self.earlier_unknown else ""

    @property
    def is_change(self) -> bool:
        """Whether the report lists it: anything but an unchanged text in the same place and scope."""
        return self.kind not in UNCHANGED or self.moved or self.rescoped or self.corrected

    @property
    def corrected(self) -> bool:
        """Whether the decided text in the target year was corrected after its decision (ffu correct)."""
        return bool(self.new is not None and self.new.corrections)

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
    changes: tuple[Change, ...]  # every requirement in either year's FFU, in document order
    # Undecided proposals of a decided target year: they stand apart and change no count.
    proposals: tuple[Change, ...] = ()

    @property
    def changed(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.is_change)

    def restricted_to(self, vardval: str, db: Database) -> YearDiff:
        """The comparison for one vårdval, reusing the word diffs already made.

        Categories are per vårdval: a Del A requirement that stops applying to a vårdval has
        'utgår' there even where it only changed scope in the whole FFU.
        """
        return compare(db, self.from_year, self.to_year, vardval=vardval, words_from=self)

    def counts_per_vardval(self, db: Database) -> list[tuple[str, Counter[str]]]:
        """Counts in total and, for a comparison of all vårdval, for each one (Del A counted in each)."""
        rows = [("Totalt", self.counts())]
        if self.vardval is None:
            rows += [(VARDVAL_NAMES[v], self.restricted_to(v, db).counts()) for v in VARDVAL]
        return rows

    def counts(self) -> Counter[str]:
        return count(self.changes)

    def reconciles(self) -> bool:
        """Whether the categories add up to the two years' sets (see `timeline.reconciles`)."""
        old = [c.id for c in self.changes if c.old is not None]
        new = [c.id for c in self.changes if c.new is not None]
        return reconciles(old, new, self.counts())


def count(changes: Iterable[Change]) -> Counter[str]:
    """How many requirements of each kind of change, and how many moved, changed scope or were corrected."""
    counts: Counter[str] = Counter()
    for change in changes:
        counts[change.kind] += 1
        counts["flyttad"] += change.moved
        counts["ändrad omfattning"] += change.rescoped
        counts["rättad"] += change.corrected
    return counts


def compare(
    db: Database,
    from_year: int,
    to_year: int,
    *,
    vardval: str | None = None,
    words_from: YearDiff | None = None,
) -> YearDiff:
    """Compare the FFU of `from_year` with that of `to_year`, as the time model defines both."""
    known = {c.id: c for c in (*words_from.changes, *words_from.proposals)} if words_from else {}

    def words(
        rid: str, old: Version | None, new: Version | None, old_text: str, new_text: str
    ) -> tuple[Segment, ...]:
        earlier = known.get(rid)
        if earlier is not None and earlier.old == old and earlier.new == new:
            return earlier.words
        return word_diff(old_text, new_text)

    changes: list[Change] = []
    for m in movements(db, from_year, to_year, vardval):
        new_text = comparable_text(m.new.text if m.new else None)
        first_documented = m.category == "först dokumenterad"
        old_text = new_text if first_documented else comparable_text(m.old.text if m.old else None)
        changes.append(
            Change(
                m.requirement,
                m.category,
                m.old,
                m.new,
                m.moved,
                m.rescoped,
                m.old_scope,
                m.new_scope,
                words(m.requirement.id, m.old, m.new, old_text, new_text),
                m.recorded,
                m.status,
            )
        )
    proposals: list[Change] = []
    for p in year_view(db, to_year, vardval).proposals:
        new_text = "" if p.kind == "utgår" else comparable_text(p.version.text)
        old_text = new_text if p.earlier_unknown else comparable_text(p.current.text if p.current else None)
        current_scope = scope(p.requirement, p.current) if p.current else ()
        proposals.append(
            Change(
                p.requirement,
                p.kind,
                p.current,
                None if p.kind == "utgår" else p.version,
                bool(
                    p.current
                    and p.current.placement
                    and p.version.placement
                    and p.current.placement.section != p.version.placement.section
                ),
                bool(p.current and p.kind != "utgår" and set(current_scope) != set(p.scope)),
                current_scope,
                () if p.kind == "utgår" else p.scope,
                words(p.requirement.id, p.current, p.version, old_text, new_text),
                p.version,
                "förslag",
                p.earlier_unknown,
            )
        )
    return YearDiff(
        from_year,
        to_year,
        vardval,
        tuple(sorted(changes, key=Change.sort_key)),
        tuple(sorted(proposals, key=Change.sort_key)),
    )


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
