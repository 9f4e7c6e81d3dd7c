"""The reader's language, decided before anything heavy is imported (so even a very early Ctrl-C speaks it)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

LANGS = ("fr", "en")


def language(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` on the command line, else English when ``LC_ALL`` (or else ``LANG``) starts with ``en``.

    Examples:
        >>> language(["clean", "x.csv", "--lang", "en"], {})
        'en'
        >>> language(["clean", "--lang=fr"], {"LANG": "en_US.UTF-8"})
        'fr'
        >>> language([], {"LC_ALL": "", "LANG": "en_GB.UTF-8"})
        'en'
    """
    for position, arg in enumerate(args):
        if arg == "--lang" and position + 1 < len(args) and args[position + 1] in LANGS:
            return args[position + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGS:
            return arg.split("=", 1)[1]
    environ = os.environ if environ is None else environ
    locale = environ.get("LC_ALL") or environ.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "fr"


_interruption_said: list[bool] = [False]


def new_run() -> None:
    """Forget an earlier run's interruption (several runs share a process in tests and library use)."""
    _interruption_said[0] = False


def say_interrupted(lang: str) -> None:
    """Write the one line a Ctrl-C gets, once per run, whichever layer catches the interruption first
    (the command's work, click's parsing, typer's own silent exit 130, or Python still importing)."""
    if not _interruption_said[0]:
        _interruption_said[0] = True
        sys.stderr.write("Interrupted.\n" if lang == "en" else "Interrompu.\n")
        sys.stderr.flush()
