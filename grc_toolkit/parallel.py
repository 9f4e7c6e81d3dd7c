"""Row chunks of a frame in worker processes: for the stages whose every output row depends on its own input row.

Workers start from a fresh server process (``forkserver``, else ``spawn``), never from a fork of this one: a fork
copies whatever threads hold here (Arrow's pool, DuckDB's, a Spark session's) in a state the child may crash on.
This process works on the first chunk while the workers start.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from grc_toolkit.progress import part

T = TypeVar("T")

#: Frames of fewer rows stay in one process: a worker takes about two seconds to start (Python, pandas and
#: grc's imports), more than it would save on a small file.
PARALLEL_ROWS = 30_000


def worker_context() -> BaseContext:
    """How grc's worker processes start: from a fresh server process, or spawned where there is none."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def in_row_chunks(
    func: Callable[..., T], frame: pd.DataFrame, jobs: int, *args: Any, min_rows: int | None = None
) -> list[T]:
    """``func(chunk, *args)`` for ``jobs`` consecutive row chunks of ``frame`` (their own index kept), in order;
    one call on the whole frame when ``jobs`` is 1 or the frame has fewer than ``min_rows`` rows
    (:data:`PARALLEL_ROWS`). Progress: the first chunk's own reports (this process works on it while the
    workers do theirs at the same pace), scaled to the whole."""
    jobs = min(jobs, len(frame))
    if jobs <= 1 or len(frame) < (PARALLEL_ROWS if min_rows is None else min_rows):
        return [func(frame, *args)]
    bounds = np.linspace(0, len(frame), jobs + 1).astype(int)
    chunks = [frame.iloc[start:end] for start, end in zip(bounds[:-1], bounds[1:], strict=True)]
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=worker_context()) as pool:
        futures = [pool.submit(func, chunk, *args) for chunk in chunks[1:]]
        with part(0.0, 0.97):
            first = func(chunks[0], *args)
        return [first, *(future.result() for future in futures)]
