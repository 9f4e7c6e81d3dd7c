"""How long each stage of a run took, and the memory it peaked at: in ``--json`` and the benchmarks."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


class StageClock:
    """An ``on_stage`` callback that times the stages it is told about, and passes each name on to ``forward``
    (the terminal's progress display).

    Examples:
        >>> clock = StageClock()
        >>> clock("read"); clock("clean")
        >>> sorted(clock.finish())
        ['clean', 'read']
    """

    def __init__(self, forward: Callable[[str], None] | None = None) -> None:
        self.forward = forward or (lambda name: None)
        self.seconds: dict[str, float] = {}
        self._current: str | None = None
        self._start = time.perf_counter()

    def __call__(self, name: str) -> None:
        self._close()
        self._current, self._start = name, time.perf_counter()
        self.forward(name)

    def _close(self) -> None:
        if self._current is not None:
            spent = time.perf_counter() - self._start
            self.seconds[self._current] = round(self.seconds.get(self._current, 0.0) + spent, 3)
            self._current = None

    def finish(self) -> dict[str, float]:
        """Every stage's seconds, the current one closed."""
        self._close()
        return dict(self.seconds)


def peak_memory_mb() -> float | None:
    """The process's peak resident memory so far, in MB (None where the system does not say: Windows)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)  # bytes on macOS, kB on Linux
