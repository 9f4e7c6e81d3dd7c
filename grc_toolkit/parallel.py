"""Row chunks of a frame in worker processes: for the stages whose every output row depends on its own input row.

Workers start from a fresh server process (``forkserver``, else ``spawn``), never from a fork of this one: a fork
copies whatever threads hold here (Arrow's pool, DuckDB's, a Spark session's) in a state the child may crash on.
This process works on the first chunk while the workers start.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

import numpy as np
import pandas as pd

T = TypeVar("T")


def in_row_chunks(func: Callable[..., T], frame: pd.DataFrame, jobs: int, *args: Any) -> list[T]:
    """``func(chunk, *args)`` for ``jobs`` consecutive row chunks of ``frame`` (their own index kept), in order;
    one process when ``jobs`` is 1."""
    jobs = max(1, min(jobs, len(frame)))
    if jobs == 1:
        return [func(frame, *args)]
    bounds = np.linspace(0, len(frame), jobs + 1).astype(int)
    chunks = [frame.iloc[start:end] for start, end in zip(bounds[:-1], bounds[1:], strict=True)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context) as pool:
        futures = [pool.submit(func, chunk, *args) for chunk in chunks[1:]]
        first = func(chunks[0], *args)
        return [first, *(future.result() for future in futures)]
