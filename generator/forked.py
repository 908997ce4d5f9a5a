"""Run independent jobs on every core, in forked processes that share the parent's memory.

The database and everything derived from it are large, immutable object graphs; forked
workers inherit them instead of receiving pickled copies, and send back only results.
Below a threshold, or where fork does not exist, the jobs run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

_JOBS: Sequence[Callable[[], object]] = ()


def _run(index: int) -> object:
    return _JOBS[index]()


def run_all(jobs: Sequence[Callable[[], T]], *, parallel: bool = True) -> list[T]:
    """Every job's result, in order; on several cores when `parallel` and there are two jobs or more."""
    global _JOBS
    workers = min(len(jobs), os.cpu_count() or 1)
    if not parallel or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [job() for job in jobs]
    _JOBS = jobs
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(_run, range(len(jobs))))  # type: ignore[arg-type]
    finally:
        _JOBS = ()
