"""What the terminal says around the commands — help, usage, click's own errors — in the reader's language.

typer's bundled click prints fixed English ("Usage:", "Show this message and exit.", "No such option"): it has
no gettext. grc speaks through the supported hooks instead: its own command classes (``cls=``) write the usage
line, give the help option its text, lend the help its English twin, and turn click's usage errors into one
French (or English) line; typer's ``rich_utils`` panel titles are set for the run.

French is written in the code; :data:`ENGLISH` holds the English twin of each help text, title and metavar
(``--lang en``, or ``LC_ALL``/``LANG`` starting with ``en``).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from typer import rich_utils
from typer.core import TyperArgument, TyperCommand, TyperGroup

from grc_toolkit.commands._locale import language, new_run, say_interrupted
from grc_toolkit.errors import EXIT_INTERRUPTED, EXIT_USAGE

_current = {"lang": "fr"}


def current() -> str:
    """The language of this run's terminal messages (set by :meth:`GrcGroup.main`)."""
    return _current["lang"]


def say(french: str, lang: str | None = None) -> str:
    """``french``, or its English twin from :data:`ENGLISH` when the reader's language is English."""
    if (lang or current()) == "en":
        return ENGLISH.get(french, french)
    return french


# Titles and words typer and click print themselves.
USAGE = "Utilisation : "
HELP_OPTION = "Afficher cette aide et quitter."
HELP_HINT = "Utilisation : {usage} (aide : {command} -h)"
TITLES = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commandes",
    "ERRORS_PANEL_TITLE": "Erreur",
    "ABORTED_TEXT": "Interrompu.",
    "REQUIRED_LONG_STRING": "[obligatoire]",
    "DEFAULT_STRING": "[par défaut : {}]",
}
SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]..."

ENGLISH: dict[str, str] = {
    USAGE: "Usage: ",
    HELP_OPTION: "Show this help and exit.",
    HELP_HINT: "Usage: {usage} (help: {command} -h)",
    "Commandes": "Commands",
    "Erreur": "Error",
    "Interrompu.": "Interrupted.",
    "[obligatoire]": "[required]",
    "[par défaut : {}]": "[default: {}]",
    SUBCOMMAND_METAVAR: "COMMAND [ARGUMENTS]...",
    "[OPTIONS]": "[OPTIONS]",
    # metavars
    "FICHIER": "FILE",
    "FICHIERS": "FILES",
    "FEUILLE": "SHEET",
    "ENCODAGE": "ENCODING",
    "SÉPARATEUR": "DELIMITER",
    "LIGNE": "ROW",
    "COLONNE=CHAMP": "COLUMN=FIELD",
    "PAYS": "COUNTRY",
    "FORMAT": "FORMAT",
    "SEUIL": "THRESHOLD",
    "LANGUE": "LANGUAGE",
}


def english(twins: Mapping[str, str]) -> None:
    """Register the English twins of the commands' own help texts (each command module calls it once)."""
    ENGLISH.update(twins)


# --- usage errors -------------------------------------------------------------------------------------------

_CLICK_MESSAGES: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<extra>.*)\)"),
        "Argument en trop : {extra}. Mettez entre guillemets un nom de fichier qui contient des espaces.",
        "Unexpected extra argument: {extra}. Quote a file name that contains spaces.",
    ),
    (
        re.compile(r"Option '(?P<option>[^']*)' requires (an argument|\d+ arguments)\."),
        "L'option {option} attend une valeur : {option} VALEUR.",
        "Option {option} needs a value: {option} VALUE.",
    ),
    (
        re.compile(r"Option '(?P<option>[^']*)' does not take a value\."),
        "L'option {option} ne prend pas de valeur : écrivez {option} seul.",
        "Option {option} takes no value: write {option} alone.",
    ),
    (
        re.compile(r"No such command '(?P<command>.*)'\."),
        "Commande inconnue : {command}. Commandes : {commands}.",
        "Unknown command: {command}. Commands: {commands}.",
    ),
    (re.compile(r"Missing command\."), "Commande manquante : {commands}.", "Missing command: {commands}."),
]


def usage_error_text(error: Any, lang: str, commands: Sequence[str] = ()) -> str:
    """One line saying what was wrong on the command line and how to write it, in ``lang``."""
    from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption

    fr = lang != "en"
    if isinstance(error, NoSuchOption):
        text = f"Option inconnue : {error.option_name}." if fr else f"Unknown option: {error.option_name}."
        if error.possibilities:
            maybe = " ou ".join(sorted(error.possibilities)) if fr else " or ".join(sorted(error.possibilities))
            text += f" Vouliez-vous dire {maybe} ?" if fr else f" Did you mean {maybe}?"
        return text
    if isinstance(error, MissingParameter) and error.param is not None:
        name = _param_name(error.param, lang)
        return f"Il manque {name}." if fr else f"Missing {name}."
    if isinstance(error, BadParameter) and error.param is not None:
        name = _param_name(error.param, lang)
        expected = _expected(error.param, lang)
        return f"Valeur invalide pour {name} : {expected}." if fr else f"Invalid value for {name}: {expected}."
    message = str(getattr(error, "message", error))
    for pattern, french, english_text in _CLICK_MESSAGES:
        found = pattern.fullmatch(message)
        if found:
            return (french if fr else english_text).format(commands=", ".join(commands), **found.groupdict())
    return f"Commande mal écrite : {message}" if fr else f"Wrong command line: {message}"


def _param_name(param: Any, lang: str) -> str:
    if isinstance(param, TyperArgument):
        return say(param.metavar or param.name.upper(), lang)
    return str(max(param.opts, key=len))


def _expected(param: Any, lang: str) -> str:
    fr = lang != "en"
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if annotation is int:
        return "donnez un nombre entier" if fr else "give a whole number"
    if annotation is float:
        return "donnez un nombre, par exemple 0.9" if fr else "give a number, for example 0.9"
    return "valeur non reconnue" if fr else "value not recognised"


# --- the command classes ------------------------------------------------------------------------------------


class _Speaking:
    """What grc's commands and group share: the usage line, the help option and the help in the reader's language."""

    options_metavar: str | None

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.usage_pieces(ctx)), prefix=say(USAGE))

    def usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS] FICHIER``: the arguments by their plain names (typer would write ``{file}``)."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if isinstance(param, TyperArgument):
                name = say(param.metavar or param.name.upper()) + ("..." if param.nargs != 1 else "")
                pieces.append(name if param.required else f"[{name}]")
        if isinstance(self, TyperGroup):
            pieces.append(say(SUBCOMMAND_METAVAR))
        return pieces

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = say(HELP_OPTION)
            option.metavar = ""  # a flag: no "<bool>"
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _in_reader_language(self):
            super().format_help(ctx, formatter)  # type: ignore[misc]


@contextmanager
def _in_reader_language(command: Any) -> Iterator[None]:
    """The command's (and its subcommands' and parameters') help in English for the time of one help page."""
    if current() != "en":
        yield
        return
    objects = [command, *getattr(command, "commands", {}).values(), *command.params]
    saved = [(item, {name: getattr(item, name, None) for name in ("help", "epilog", "metavar")}) for item in objects]
    try:
        for item, values in saved:
            for name, value in values.items():
                if isinstance(value, str) and hasattr(item, name):
                    setattr(item, name, say(value))
        yield
    finally:
        for item, values in saved:
            for name, value in values.items():
                if hasattr(item, name):
                    setattr(item, name, value)


class _NamedArgument(TyperArgument):
    """An argument whose metavar (``FICHIER``) already says what it is: no ``<path>`` type beside it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class GrcCommand(_Speaking, TyperCommand):
    """A grc command: its help and usage in the reader's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument and param.metavar:
                param.__class__ = _NamedArgument  # typer.Argument takes no cls=; the same object, shown plainly


class GrcGroup(_Speaking, TyperGroup):
    """``grc``: decides the reader's language for the run and says click's usage errors in it."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # outside a command's work (which says it itself): typer would exit silently
            say_interrupted(current())
            raise typer.Exit(EXIT_INTERRUPTED) from None

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        given = list(sys.argv[1:] if args is None else args)
        standalone = extra.pop("standalone_mode", True)
        lang = language(given)
        new_run()
        with _speaking(lang):
            try:
                result = super().main(given, prog_name, standalone_mode=False, **extra)
            except typer._click.exceptions.UsageError as error:
                if not standalone:
                    raise
                report_usage_error(error, lang, json_output="--json" in given, commands=list(self.commands))
                sys.exit(error.exit_code)
            except (typer.Abort, KeyboardInterrupt):
                if not standalone:
                    raise
                say_interrupted(lang)
                sys.exit(EXIT_INTERRUPTED)
        if result == EXIT_INTERRUPTED:  # typer turns a Ctrl-C while parsing into a silent exit 130
            say_interrupted(lang)
        if not standalone:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def report_usage_error(error: Any, lang: str, *, json_output: bool, commands: Sequence[str]) -> None:
    text = usage_error_text(error, lang, commands)
    ctx = getattr(error, "ctx", None)
    hint = ""
    if ctx is not None and isinstance(ctx.command, _Speaking):
        usage = " ".join((ctx.command_path, *ctx.command.usage_pieces(ctx)))
        hint = say(HELP_HINT, lang).format(usage=usage, command=ctx.command_path)
    typer.echo(text, err=True)
    if hint:
        typer.echo(hint, err=True)
    if json_output:
        print_error_json(error.exit_code or EXIT_USAGE, text, "usage")


def print_error_json(code: int, message: str, kind: str) -> None:
    """The ``--json`` error object on stdout, for scripts: ``{"error": {"code", "message", "kind"}}``."""
    sys.stdout.write(json.dumps({"error": {"code": code, "message": message, "kind": kind}}, ensure_ascii=False))
    sys.stdout.write("\n")


@contextmanager
def _speaking(lang: str) -> Iterator[None]:
    """Set the run's language and typer's panel titles; put them back afterwards (tests run many commands)."""
    before = _current["lang"], {name: getattr(rich_utils, name) for name in TITLES}
    _current["lang"] = lang
    for name, french in TITLES.items():
        setattr(rich_utils, name, say(french, lang))
    try:
        yield
    finally:
        _current["lang"] = before[0]
        for name, value in before[1].items():
            setattr(rich_utils, name, value)
