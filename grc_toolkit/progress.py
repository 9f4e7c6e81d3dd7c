"""How far the current stage is: long loops report it, whoever listens (the terminal's bar) hears it.

A stage's code calls :func:`report` (``done`` of ``total``) as it goes, and splits its work into parts with
:func:`part`: a report inside ``part(0.2, 0.6)`` moves the stage from 20 % to 60 %. Nothing listens by
default, and then a report costs one context-variable lookup; the command line listens while it shows its
progress bar (:func:`listening`), a program using the library may too.

Examples:
    >>> heard = []
    >>> with listening(heard.append):
    ...     with part(0.5, 1.0):
    ...         report(1, 4)
    >>> heard
    [0.5, 0.625, 1.0]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar

_listener: ContextVar[Callable[[float], None] | None] = ContextVar("grc_progress", default=None)


def report(done: float, total: float) -> None:
    """Say that ``done`` of ``total`` of the current stage (or part of it) is done."""
    listener = _listener.get()
    if listener is not None and total > 0:
        listener(min(max(done / total, 0.0), 1.0))


def listening_now() -> bool:
    """Whether anything listens (a loop may then report more often)."""
    return _listener.get() is not None


@contextmanager
def listening(listener: Callable[[float], None]) -> Iterator[None]:
    """Call ``listener(fraction)`` (0 to 1 of the current stage) for every report made inside the block."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


@contextmanager
def part(start: float, end: float) -> Iterator[None]:
    """Reports inside the block move the enclosing stage from ``start`` to ``end`` (fractions); the stage is
    at ``end`` when the block ends."""
    outer = _listener.get()
    if outer is None:
        yield
        return
    token = _listener.set(lambda fraction: outer(start + (end - start) * fraction))
    try:
        outer(start)
        yield
    finally:
        _listener.reset(token)
    outer(end)


@contextmanager
def parts(weights: dict[str, float]) -> Iterator[Callable[[str], AbstractContextManager[None]]]:
    """Named parts of a stage in proportion to ``weights`` (the time each takes, roughly): ``with step(name):``.

    Examples:
        >>> heard = []
        >>> with listening(heard.append), parts({"keys": 1, "pairs": 3}) as step:
        ...     with step("pairs"):
        ...         report(1, 2)
        >>> heard
        [0.25, 0.625, 1.0]
    """
    total = sum(weights.values()) or 1.0
    bounds: dict[str, tuple[float, float]] = {}
    start = 0.0
    for name, weight in weights.items():
        bounds[name] = (start / total, (start + weight) / total)
        start += weight
    yield lambda name: part(*bounds[name])
