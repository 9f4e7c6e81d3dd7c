"""What every command shares: options, the error boundary, the consoles."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console

from grc_toolkit.config import Config, load_config
from grc_toolkit.errors import EXIT_INPUT, EXIT_USAGE, GrcError

T = TypeVar("T")

LangOption = typer.Option("fr", "--lang", help="Langue des messages et du rapport : fr ou en.")
DebugOption = typer.Option(False, "--debug", help="Afficher la trace complète en cas d'erreur (pour signaler un bug).")
QuietOption = typer.Option(False, "--quiet", "-q", help="Ne rien afficher sauf les erreurs.")
JsonOption = typer.Option(False, "--json", help="Écrire le résumé en JSON sur la sortie standard.")
SheetOption = typer.Option(None, "--sheet", help="Feuille à lire (nom ou numéro à partir de 0).")
HeaderRowOption = typer.Option(
    None, "--header-row", min=0, help="Numéro de la ligne d'en-tête (détectée sinon ; 0 : pas d'en-tête)."
)
MapOption = typer.Option([], "--map", help='Forcer une colonne : --map "Tel. port.=mobile" (répétable).')
ConfigOption = typer.Option(None, "--config", help="Fichier grc.toml (par défaut celui à côté de l'export).")
AutoOption = typer.Option(
    None, "--auto", min=0.0, max=1.0, help="Probabilité à partir de laquelle deux fiches sont fusionnées (0.9)."
)
ReviewOption = typer.Option(
    None, "--review", min=0.0, max=1.0, help="Probabilité à partir de laquelle une paire va dans « À vérifier » (0.5)."
)
ForceOption = typer.Option(
    False,
    "--force",
    help="Remplacer le fichier de sortie même s'il vient d'un autre export, a été modifié ou n'est pas de grc.",
)
DecisionsOption = typer.Option(
    None, "--decisions", help="Classeur « À vérifier » rempli (fusionner / distinct) : ses décisions sont appliquées."
)


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def run_safely(action: Callable[[], T], *, lang: str, debug: bool) -> T:
    """Run a command's work; a GrcError becomes one line on stderr and its exit code, no traceback."""
    try:
        return action()
    except GrcError as error:
        if debug:
            raise
        typer.echo(error.text(lang), err=True)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Interrompu." if lang != "en" else "Interrupted.", err=True)
        raise typer.Exit(130) from None
    except Exception as error:  # a bug: say so without leaking cell values
        if debug:
            raise
        name = type(error).__name__
        message = (
            f"Erreur inattendue ({name}) : relancez avec --debug et signalez-la aux développeurs de grc."
            if lang != "en"
            else f"Unexpected error ({name}): run again with --debug and report it to the grc developers."
        )
        typer.echo(message, err=True)
        raise typer.Exit(EXIT_INPUT) from None


def check_lang(lang: str) -> str:
    if lang not in ("fr", "en"):
        typer.echo(f"Langue « {lang} » inconnue : utilisez --lang fr ou --lang en.", err=True)
        raise typer.Exit(EXIT_USAGE)
    return lang


def base_config(config_path: Path | None, input_path: Path | None) -> Config:
    """The explicit --config file, else a grc.toml beside the input file, else the defaults."""
    if config_path is not None:
        return load_config(config_path)
    if input_path is not None:
        candidate = input_path.parent / "grc.toml"
        if candidate.is_file():
            return load_config(candidate)
    return Config()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@contextmanager
def stages(enabled: bool, labels: dict[str, str]) -> Iterator[Callable[[str], None]]:
    """A progress display on stderr that advances through named stages."""
    if not enabled:
        yield lambda name: None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=stderr(),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(labels))
        seen: list[str] = []

        def advance(name: str) -> None:
            if seen:
                progress.advance(task)
            seen.append(name)
            progress.update(task, description=labels.get(name, name))

        yield advance
