"""Errors raised by the library. Each message says, in French, what the user can do about it.

Commands catch :class:`GrcError` at the boundary, print ``message`` on one line and exit with
``exit_code``. Messages never contain cell values: they name files, sheets and columns only, so no
visitor's personal data ends up in a log.
"""

from __future__ import annotations

EXIT_QUALITY_GATE = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_OUTPUT_EXISTS = 4
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it


class GrcError(Exception):
    """Base class. ``message`` is French; ``message_en`` the English twin for ``--lang en``."""

    exit_code = EXIT_INPUT
    kind = "input"  # the ``kind`` of ``--json``'s error object

    def __init__(self, message: str, message_en: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message

    def text(self, lang: str = "fr") -> str:
        return self.message_en if lang == "en" else self.message


class InputError(GrcError):
    """The input file cannot be read (missing, empty, corrupt, encrypted, wrong format...)."""

    exit_code = EXIT_INPUT


class MappingError(GrcError):
    """Columns cannot be mapped as asked (unknown field in --map, missing column...)."""

    exit_code = EXIT_USAGE
    kind = "usage"


class ConfigError(GrcError):
    """grc.toml or an option value is invalid."""

    exit_code = EXIT_USAGE
    kind = "usage"


class OutputError(GrcError):
    """The output cannot be written (read-only folder, file open in Excel...)."""

    exit_code = EXIT_INPUT
    kind = "output"


class OutputExistsError(OutputError):
    """The output exists and is not grc's unchanged result of the same input: replaced only with ``--force``."""

    exit_code = EXIT_OUTPUT_EXISTS
    kind = "output_exists"


class AccountingError(GrcError):
    """The output would not hold exactly the rows read (:mod:`grc_toolkit.stages.accounting`): a bug in grc,
    found before anything is written."""

    exit_code = EXIT_INPUT
    kind = "accounting"
