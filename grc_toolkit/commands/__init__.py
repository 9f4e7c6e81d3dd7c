"""The ``grc`` command line: a thin Typer layer over the library, one command per module."""

from __future__ import annotations

import typer

from grc_toolkit import __version__
from grc_toolkit.commands import clean, columns, dedupe, explain

app = typer.Typer(
    name="grc",
    help="Nettoyer, dédoublonner et évaluer les fichiers de contacts des offices de tourisme.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would put visitors' personal data in logs
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"grc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Afficher la version et quitter."
    ),
) -> None:
    """Nettoyer, dédoublonner et évaluer les fichiers de contacts des offices de tourisme."""


app.command(name="clean")(clean.clean)
app.command(name="columns")(columns.columns)
app.command(name="dedupe")(dedupe.dedupe)
app.command(name="explain")(explain.explain)


def main() -> None:
    app()
