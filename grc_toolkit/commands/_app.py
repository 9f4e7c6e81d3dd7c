"""The ``grc`` application: the root group and its commands, each with an example under its help."""

from __future__ import annotations

import typer

from grc_toolkit import __version__
from grc_toolkit.commands import (
    audit,
    clean,
    columns,
    dedupe,
    explain,
    export,
    forget,
    history,
    retention,
    score,
    share,
)
from grc_toolkit.commands._common import check_lang
from grc_toolkit.commands._language import GrcCommand, GrcGroup, english

LANG_HELP = "Langue de l'aide et des messages : fr ou en (grc --lang en -h)."
ABOUT = "Nettoyer, dédoublonner et évaluer les fichiers de contacts des offices de tourisme."
EXAMPLES = {
    "audit": "Exemple : grc audit offices/ --key reseau.key --json --fail-under 60",
    "clean": "Exemple : grc clean export.xlsx",
    "columns": "Exemple : grc columns export.xlsx",
    "dedupe": "Exemple : grc dedupe export-accueil.xlsx export-boutique.csv",
    "explain": "Exemple : grc explain export.xlsx 12 57",
    "export": 'Exemple : grc export visiteurs.xlsx --to brevo --where "pays=Allemagne"',
    "retention": "Exemple : grc retention visiteurs.xlsx --notice 6m",
    "score": "Exemple : grc score export.xlsx --fail-under 70",
    "share": "Exemple : grc share export.xlsx --key reseau.key",
    "history": "Exemple : grc history --office Vannes",
    "forget": "Exemple : grc forget export.xlsx --email jean.dupont@gmail.com",
}
english(
    {
        ABOUT: "Clean, deduplicate and score the contact files of tourism offices.",
        "Afficher la version et quitter.": "Show the version and exit.",
        LANG_HELP: "Language of the help and messages: fr or en (grc --lang en -h).",
        "Exemple : grc clean export.xlsx": "Example: grc clean export.xlsx",
        "Exemple : grc columns export.xlsx": "Example: grc columns export.xlsx",
        "Exemple : grc dedupe export-accueil.xlsx export-boutique.csv": (
            "Example: grc dedupe export-accueil.xlsx export-boutique.csv"
        ),
        "Exemple : grc explain export.xlsx 12 57": "Example: grc explain export.xlsx 12 57",
        "Exemple : grc audit offices/ --key reseau.key --json --fail-under 60": (
            "Example: grc audit offices/ --key reseau.key --json --fail-under 60"
        ),
        "Exemple : grc share export.xlsx --key reseau.key": "Example: grc share export.xlsx --key reseau.key",
        "Exemple : grc score export.xlsx --fail-under 70": "Example: grc score export.xlsx --fail-under 70",
        "Exemple : grc history --office Vannes": "Example: grc history --office Vannes",
        "Exemple : grc forget export.xlsx --email jean.dupont@gmail.com": (
            "Example: grc forget export.xlsx --email jean.dupont@gmail.com"
        ),
        'Exemple : grc export visiteurs.xlsx --to brevo --where "pays=Allemagne"': (
            'Example: grc export visiteurs.xlsx --to brevo --where "country=Germany"'
        ),
        "Exemple : grc retention visiteurs.xlsx --notice 6m": "Example: grc retention visiteurs.xlsx --notice 6m",
    }
)

app = typer.Typer(
    name="grc",
    cls=GrcGroup,
    help=ABOUT,
    invoke_without_command=True,  # `grc` alone shows the help and exits 0
    add_completion=False,  # shell completion is for programmers; its options would be English lines in the help
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,  # locals would put visitors' personal data in logs
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"grc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, metavar="", help="Afficher la version et quitter."
    ),
    lang: str | None = typer.Option(None, "--lang", metavar="LANGUE", help=LANG_HELP, show_default=False),
) -> None:
    """Nettoyer, dédoublonner et évaluer les fichiers de contacts des offices de tourisme."""
    check_lang(lang)  # the language itself was read from the command line before parsing (GrcGroup.main)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


for _name, _function in (
    ("audit", audit.audit),
    ("clean", clean.clean),
    ("columns", columns.columns),
    ("dedupe", dedupe.dedupe),
    ("explain", explain.explain),
    ("export", export.export),
    ("forget", forget.forget),
    ("history", history.history),
    ("retention", retention.retention),
    ("score", score.score),
    ("share", share.share),
):
    app.command(name=_name, cls=GrcCommand, epilog=EXAMPLES[_name])(_function)

__all__ = ["app"]
