"""What every command shares: options, the error boundary, the consoles."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import ProgressColumn

from grc_toolkit.commands._language import current, english, print_error_json, say
from grc_toolkit.commands._locale import LANGS, say_interrupted
from grc_toolkit.config import Config, load_config
from grc_toolkit.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_USAGE, ConfigError, GrcError

T = TypeVar("T")

LANG_HELP = "Langue des messages et du rapport : fr ou en (par défaut fr, ou en si LANG commence par en)."
DEBUG_HELP = "Afficher la trace complète en cas d'erreur (pour signaler un bug)."
QUIET_HELP = "Ne rien afficher sauf les erreurs."
JSON_HELP = "Écrire le résumé en JSON sur la sortie standard (ou l'erreur, en cas d'échec)."
SHEET_HELP = "Feuille à lire (nom ou numéro à partir de 0)."
HEADER_ROW_HELP = "Numéro de la ligne d'en-tête (détectée sinon ; 0 : pas d'en-tête)."
MAP_HELP = 'Forcer une colonne : --map "Tel. port.=mobile" (répétable).'
CONFIG_HELP = "Fichier grc.toml (par défaut celui à côté de l'export)."
AUTO_HELP = "Probabilité, entre 0 et 1, à partir de laquelle deux fiches sont fusionnées (0.9)."
REVIEW_HELP = "Probabilité, entre 0 et 1, à partir de laquelle une paire va dans « À vérifier » (0.5)."
REVIEW_LIMIT_HELP = (
    "Nombre de paires au plus dans « À vérifier », celles qui valent le plus d'être décidées (200 ; 0 : toutes)."
)
KEEP_COLUMNS_HELP = (
    "Colonnes écrites : all (les vôtres puis les colonnes grc_) ou original (seulement les vôtres, pour une "
    "réimportation stricte ; les colonnes grc_ vont dans une feuille à part, ou FICHIER-grc.csv)."
)
FORCE_HELP = "Remplacer le fichier de sortie même s'il vient d'un autre export, a été modifié ou n'est pas de grc."
DECISIONS_HELP = (
    "Classeur rempli (colonne Décision de « À vérifier » : fusionner ou distinct ; de « Doublons » : séparer) : "
    "ses décisions sont appliquées "
    "et reprises dans le nouveau classeur (répétable ; jamais écrasé)."
)
HISTORY_HELP = (
    "Historique des passages à compléter (par défaut dans le dossier de données de l'utilisateur, ou GRC_HISTORY)."
)
NO_HISTORY_HELP = "Ne rien ajouter à l'historique des passages."
SUPPRESSION_HELP = (
    "Liste d'opposition des personnes effacées (grc forget), jamais réimportées : par défaut celle de grc.toml, "
    "de GRC_SUPPRESSION ou du dossier de données de l'utilisateur."
)
ENGINE_HELP = (
    "Moteur de rapprochement : grc (par défaut), splink (Splink sur DuckDB) ou spark (nettoyage et Splink sur "
    "Spark, pour ce qu'une machine ne tient pas ; pip install 'grc-toolkit[spark]' et Java 17)."
)
JOBS_HELP = (
    "Nombre de processus qui nettoient un fichier de 30 000 lignes ou plus et préparent ses clés de "
    "comparaison, chacun ses lignes (0, par défaut : un par processeur)."
)
english(
    {
        JOBS_HELP: "Number of processes cleaning a file of 30,000 rows or more and preparing its comparison "
        "keys, each its own rows (0, the default: one per processor).",
        ENGINE_HELP: "Matching engine: grc (default), splink (Splink on DuckDB) or spark (cleaning and Splink on "
        "Spark, for what one machine cannot hold; pip install 'grc-toolkit[spark]' and Java 17).",
        "MOTEUR": "ENGINE",  # --engine's metavar
        HISTORY_HELP: "History of runs to append to (by default in the user's data folder, or GRC_HISTORY).",
        NO_HISTORY_HELP: "Add nothing to the history of runs.",
        SUPPRESSION_HELP: "Suppression list of erased people (grc forget), never imported again: by default "
        "grc.toml's, GRC_SUPPRESSION's or the one in the user's data folder.",
        LANG_HELP: "Language of the messages and the report: fr or en (fr by default, en when LANG starts with en).",
        DEBUG_HELP: "Show the full traceback on error (to report a bug).",
        QUIET_HELP: "Print nothing but errors.",
        JSON_HELP: "Write the summary as JSON on standard output (or the error, on failure).",
        SHEET_HELP: "Sheet to read (name or number from 0).",
        HEADER_ROW_HELP: "Number of the header row (detected otherwise; 0: no header).",
        MAP_HELP: 'Force a column: --map "Tel. port.=mobile" (repeatable).',
        CONFIG_HELP: "grc.toml file (by default the one beside the export).",
        AUTO_HELP: "Probability, between 0 and 1, from which two records are merged (0.9).",
        REVIEW_HELP: "Probability, between 0 and 1, from which a pair goes to the review sheet (0.5).",
        "NOMBRE": "NUMBER",  # --review-limit's metavar
        REVIEW_LIMIT_HELP: "Most pairs in the review sheet, those most worth deciding (200; 0: all of them).",
        KEEP_COLUMNS_HELP: "Columns written: all (yours then the grc_ columns) or original (only yours, for a "
        "strict re-import; the grc_ columns go to a side sheet, or FILE-grc.csv).",
        "COLONNES": "COLUMNS",  # --keep-columns' metavar
        FORCE_HELP: "Replace the output file even if it comes from another export, was changed or is not grc's.",
        DECISIONS_HELP: "Filled workbook (Decision column of 'To review': merge or distinct; of 'Duplicates': "
        "separate): its decisions are "
        "applied and carried into the new workbook (repeatable; never overwritten).",
    }
)

# A flag takes no value: metavar "" keeps typer's "<bool>" out of the help.
LangOption = typer.Option(None, "--lang", metavar="LANGUE", help=LANG_HELP, show_default=False)
DebugOption = typer.Option(False, "--debug", metavar="", help=DEBUG_HELP)
QuietOption = typer.Option(False, "--quiet", "-q", metavar="", help=QUIET_HELP)
JsonOption = typer.Option(False, "--json", metavar="", help=JSON_HELP)
SheetOption = typer.Option(None, "--sheet", metavar="FEUILLE", help=SHEET_HELP)
HeaderRowOption = typer.Option(None, "--header-row", metavar="LIGNE", help=HEADER_ROW_HELP)
MapOption = typer.Option([], "--map", metavar="COLONNE=CHAMP", help=MAP_HELP, show_default=False)
ConfigOption = typer.Option(None, "--config", metavar="FICHIER", help=CONFIG_HELP)
AutoOption = typer.Option(None, "--auto", metavar="SEUIL", help=AUTO_HELP)
EngineOption = typer.Option(None, "--engine", metavar="MOTEUR", help=ENGINE_HELP, show_default=False)
JobsOption = typer.Option(None, "--jobs", metavar="NOMBRE", help=JOBS_HELP, show_default=False)
ReviewOption = typer.Option(None, "--review", metavar="SEUIL", help=REVIEW_HELP)
ReviewLimitOption = typer.Option(None, "--review-limit", metavar="NOMBRE", help=REVIEW_LIMIT_HELP)
KeepColumnsOption = typer.Option(None, "--keep-columns", metavar="COLONNES", help=KEEP_COLUMNS_HELP)
ForceOption = typer.Option(False, "--force", metavar="", help=FORCE_HELP)
DecisionsOption = typer.Option([], "--decisions", metavar="FICHIER", help=DECISIONS_HELP, show_default=False)
HistoryOption = typer.Option(None, "--history", metavar="FICHIER", help=HISTORY_HELP, show_default=False)
NoHistoryOption = typer.Option(False, "--no-history", metavar="", help=NO_HISTORY_HELP)
SuppressionOption = typer.Option(None, "--suppression", metavar="FICHIER", help=SUPPRESSION_HELP, show_default=False)


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def run_safely(action: Callable[[], T], *, lang: str, debug: bool, json_output: bool = False) -> T:
    """Run a command's work; a GrcError becomes one line on stderr and its exit code, no traceback.

    With ``--json`` the same error is also written on stdout as ``{"error": {"code", "message", "kind"}}``."""
    try:
        return action()
    except GrcError as error:
        if debug:
            raise
        fail(error.text(lang), error.exit_code, error.kind, json_output)
    except KeyboardInterrupt:
        say_interrupted(lang)
        if json_output:
            print_error_json(EXIT_INTERRUPTED, say("Interrompu.", lang), "interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as error:  # a bug: say so without leaking cell values
        if debug:
            raise
        name = type(error).__name__
        message = (
            f"Erreur inattendue ({name}) : relancez avec --debug et signalez-la aux développeurs de grc."
            if lang != "en"
            else f"Unexpected error ({name}): run again with --debug and report it to the grc developers."
        )
        fail(message, EXIT_INPUT, "unexpected", json_output)


def fail(message: str, code: int, kind: str, json_output: bool) -> NoReturn:
    """One line on stderr (and the JSON error object on stdout with ``--json``), then exit with ``code``."""
    typer.echo(message, err=True)
    if json_output:
        print_error_json(code, message, kind)
    raise typer.Exit(code) from None


def check_lang(lang: str | None, json_output: bool = False) -> str:
    """The language of the terminal messages: ``--lang`` when given, else the run's (``LANG``, else French)."""
    if lang is None:
        return current()
    if lang not in LANGS:
        fail(
            f"Langue « {lang} » inconnue : utilisez --lang fr ou --lang en."
            if current() == "fr"
            else f"Unknown language '{lang}': use --lang fr or --lang en.",
            EXIT_USAGE,
            "usage",
            json_output,
        )
    return lang


def check_header_row(header_row: int | None) -> None:
    if header_row is not None and header_row < 0:
        raise ConfigError(
            "--header-row attend un numéro de ligne positif (0 : pas d'en-tête).",
            "--header-row needs a positive row number (0: no header).",
        )


def base_config(config_path: Path | None, input_path: Path | None) -> Config:
    """The explicit --config file, else a grc.toml beside the input file, else the defaults."""
    if config_path is not None:
        return load_config(config_path)
    if input_path is not None:
        candidate = input_path.parent / "grc.toml"
        if candidate.is_file():
            return load_config(candidate)
    return Config()


def save_history(reports: list[dict[str, Any]], command: str, *, path: Path | None, disabled: bool, lang: str) -> None:
    """Append a finished run's figures to the history; a history that cannot be written is one warning line on
    stderr, never a failed run (the figures were produced and shown)."""
    if disabled:
        return
    from grc_toolkit.history import HistoryError, append

    try:
        append(path, reports, command)
    except Exception as error:  # the history is a by-product: the run itself succeeded
        reason = error.text(lang) if isinstance(error, HistoryError) else type(error).__name__
        if lang == "en":
            typer.echo(f"Warning: {reason} Nothing was added to the history (--history FILE, --no-history).", err=True)
        else:
            typer.echo(
                f"Attention : {reason} Rien n'a été ajouté à l'historique (--history FICHIER, --no-history).",
                err=True,
            )


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@contextmanager
def stages(enabled: bool, labels: dict[str, str], lang: str = "fr") -> Iterator[Callable[[str], None]]:
    """A progress display on stderr: the stage under way (its number of all), how far it is in percent and the
    time it has left, as the stage reports them (:mod:`grc_toolkit.progress`; a stage that says nothing shows a
    moving bar).

    Only on a terminal: elsewhere (cron, a pipe, a log file) rich's live display ends with an empty line, which
    would come before an error message and fill logs."""
    console = stderr()
    if not enabled or not console.is_terminal:
        yield lambda name: None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from grc_toolkit.progress import listening

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        _time_left(lang),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)
        done = [0.0]

        def advance(name: str) -> None:
            label = labels.get(name, name)
            number = f" ({list(labels).index(name) + 1}/{len(labels)})" if name in labels else ""
            done[0] = 0.0
            progress.reset(task, total=None, completed=0, description=label + number)

        def hear(fraction: float) -> None:
            if fraction > done[0]:
                done[0] = fraction
                progress.update(task, total=_STEPS, completed=round(fraction * _STEPS))

        with listening(hear):
            yield advance


#: A stage's progress in steps of a thousandth (rich estimates the time left from the steps' pace).
_STEPS = 1000


def _left_words(seconds: float, lang: str) -> str:
    """``reste 1 min 05 s`` / ``1 min 05 s left``."""
    whole = max(int(round(seconds)), 1)
    minutes, rest = divmod(whole, 60)
    spent = f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"
    return f"{spent} left" if lang == "en" else f"reste {spent}"


def _time_left(lang: str) -> ProgressColumn:
    """A column ``45 % · reste 12 s`` once the stage has said how far it is; nothing before."""
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class TimeLeft(ProgressColumn):
        def render(self, task: Task) -> Text:
            if task.total is None:
                return Text("")
            percent = f"{task.percentage:.0f}%" if lang == "en" else f"{task.percentage:.0f}\u202f%"
            left = task.time_remaining
            if left is None or task.finished:
                return Text(percent, style="progress.percentage")
            return Text(f"{percent} · {_left_words(left, lang)}", style="progress.percentage")

    return TimeLeft()
