"""A lock beside an output, so that two runs (two cron jobs, a person and a job) never write it at once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from grc_toolkit.errors import OutputExistsError
from grc_toolkit.io.writers import remove_stale_temps


def lock_path(target: Path) -> Path:
    """The lock file of ``target``: hidden beside it."""
    return target.with_name(f".{target.name}.lock")


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover - Windows offices
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextmanager
def output_lock(target: str | Path | None) -> Iterator[None]:
    """Hold the lock of ``target`` while the block runs; another run holding it is refused (exit code 4).

    The system releases the lock when a run ends, even killed, so a crash never leaves the output locked; once
    the lock is held, the temporary files a killed run left beside ``target`` are removed. ``None``: no output
    known yet (the command will say what is missing), nothing is locked."""
    if target is None:
        yield
        return
    target = Path(target)
    path = lock_path(target)
    try:
        handle = open(path, "a+b")  # noqa: SIM115 - held for the whole block
    except OSError:  # a folder we cannot write to: the writer will say so in its own words
        yield
        return
    with handle:
        if not _try_lock(handle):
            raise OutputExistsError(
                f"Un autre grc écrit déjà {target.name} : attendez qu'il ait fini, puis relancez.",
                f"Another grc run is already writing {target.name}: wait for it to finish, then run again.",
            )
        remove_stale_temps(target)
        yield  # the lock file stays: removing it would let a third run lock a new file while a second waits
