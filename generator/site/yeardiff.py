"""The year comparisons the change and history pages show, computed on every core.

Word diffs are the slowest step of the whole site build, and each pair of years is
independent of the others, so each pair gets its own process where there are cores to spare.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from ..database import Database
from ..diff import YearDiff, compare

# Below this many requirements the comparisons take less time than starting processes.
PARALLEL_FROM_REQUIREMENTS = 300

_SHARED: Database | None = None


def _compare_shared(pair: tuple[int, int]) -> YearDiff:
    assert _SHARED is not None
    return compare(_SHARED, *pair)


def compare_pairs(db: Database, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], YearDiff]:
    """`compare` for each pair of years. Forked workers inherit the database rather than a pickled copy."""
    global _SHARED
    unique = list(dict.fromkeys(pairs))
    workers = min(len(unique), os.cpu_count() or 1)
    small = len(db.requirements) < PARALLEL_FROM_REQUIREMENTS
    if small or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {pair: compare(db, *pair) for pair in unique}
    _SHARED = db
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return dict(zip(unique, pool.map(_compare_shared, unique), strict=True))
    finally:
        _SHARED = None
