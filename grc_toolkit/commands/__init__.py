"""The ``grc`` command line: a thin Typer layer over the library, one command per module.

This module stays light: ``main`` imports the application (pandas and all) inside its guard, so a Ctrl-C while
Python is still loading prints one line, not a traceback.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from grc_toolkit.commands._locale import language, say_interrupted
from grc_toolkit.errors import EXIT_INTERRUPTED

if TYPE_CHECKING:
    import typer

    app: typer.Typer


def __getattr__(name: str) -> Any:
    if name == "app":
        from grc_toolkit.commands._app import app

        return app
    raise AttributeError(name)


def main() -> None:
    try:
        from grc_toolkit.commands._app import app

        # typer builds the commands (reading every signature) before grc's group takes over: a Ctrl-C there
        # is said the same way
        app()
    except KeyboardInterrupt:
        say_interrupted(language(sys.argv[1:]))
        raise SystemExit(EXIT_INTERRUPTED) from None
