"""``grc share FICHIER --key CLÉ``: the pseudonymised file an office can send to its network (no name, email or
phone; keyed hashes only)."""

from __future__ import annotations

from pathlib import Path

import typer

from grc_toolkit.audit import OfficeAudit, share_file
from grc_toolkit.commands._common import (
    ConfigOption,
    DebugOption,
    ForceOption,
    JsonOption,
    LangOption,
    QuietOption,
    base_config,
    check_lang,
    print_json,
    run_safely,
    stages,
    stdout,
)
from grc_toolkit.commands._language import english
from grc_toolkit.commands.score import AS_OF_HELP, _as_of
from grc_toolkit.io.lock import output_lock
from grc_toolkit.linkage import read_key

FILE_HELP = "Export de l'office (.csv, .xlsx, .ods...) ; il n'est jamais modifié."
KEY_HELP = "Fichier de clé du réseau (le même dans tous les offices) ; la clé n'est jamais écrite."
OUTPUT_HELP = "Classeur à écrire (par défaut FICHIER-partage.xlsx à côté de l'export)."
ABOUT = "Écrire un fichier pseudonymisé (empreintes, sans nom, email ni téléphone) que l'office peut envoyer."
english(
    {
        FILE_HELP: "The office's export (.csv, .xlsx, .ods...); it is never changed.",
        KEY_HELP: "The network's key file (the same in every office); the key is never written.",
        OUTPUT_HELP: "Workbook to write (by default FILE-partage.xlsx beside the export).",
        ABOUT: "Write a pseudonymised file (keyed hashes, no name, email or phone) the office can send.",
    }
)
_STAGES = {
    "fr": {"read": "Lecture du fichier", "clean": "Nettoyage et dédoublonnage en mémoire"},
    "en": {"read": "Reading the file", "clean": "Cleaning and deduplicating in memory"},
}


def share(
    file: Path = typer.Argument(..., metavar="FICHIER", help=FILE_HELP, show_default=False),
    key_file: Path = typer.Option(..., "--key", metavar="FICHIER", help=KEY_HELP, show_default=False),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FICHIER", help=OUTPUT_HELP),
    config_file: Path | None = ConfigOption,
    as_of: str | None = typer.Option(None, "--as-of", metavar="DATE", help=AS_OF_HELP, show_default=False),
    force: bool = ForceOption,
    quiet: bool = QuietOption,
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Écrire un fichier pseudonymisé (empreintes, sans nom, email ni téléphone) que l'office peut envoyer."""
    voice = check_lang(lang, json_output)

    def work() -> tuple[Path, OfficeAudit]:
        key = read_key(key_file)
        when = _as_of(as_of)
        config = base_config(config_file, file)
        target = output if output is not None else file.with_name(f"{file.stem}-partage.xlsx")
        with output_lock(target), stages(not quiet and not json_output, _STAGES[voice], voice) as on_stage:
            return share_file(file, key, config, output=target, as_of=when, force=force, on_stage=on_stage)

    target, office = run_safely(work, lang=voice, debug=debug, json_output=json_output)
    if json_output:
        print_json({"output": str(target), **office.to_dict()})
    elif not quiet:
        message = (
            f"{office.report.rows} rows written to {target} (no name, email or phone): it can be sent."
            if voice == "en"
            else f"{office.report.rows} lignes écrites dans {target} (sans nom, email ni téléphone) : "
            "il peut être envoyé."
        )
        stdout().print(message)
