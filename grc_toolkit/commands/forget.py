"""``grc forget FICHIER... --email X``: erase a person from the office's files, for good (RGPD art. 17)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.table import Table as RichTable

from grc_toolkit import forget as erasure
from grc_toolkit.commands._common import (
    ConfigOption,
    DebugOption,
    ForceOption,
    JsonOption,
    LangOption,
    QuietOption,
    SuppressionOption,
    base_config,
    check_lang,
    print_json,
    run_safely,
    stages,
    stdout,
)
from grc_toolkit.commands._language import english
from grc_toolkit.config import with_overrides
from grc_toolkit.errors import ConfigError
from grc_toolkit.forget import Plan, Receipt

FILES_HELP = "Fichiers de l'office où effacer la personne (.csv, .xlsx...) ; ils ne sont jamais modifiés."
EMAIL_HELP = "Adresse courriel de la personne à effacer (répétable : toutes sont à la même personne)."
PHONE_HELP = "Téléphone de la personne à effacer (répétable : tous sont à la même personne)."
LIST_HELP = "Fichier des demandes d'effacement : une personne par ligne, colonnes courriel et/ou téléphone."
OUTPUT_HELP = "Fichier à écrire (un seul fichier donné) ; par défaut FICHIER-forgotten à côté de chaque fichier."
YES_HELP = "Effacer sans demander de confirmation (tâches planifiées)."
ALL_MATCHES_HELP = "Effacer aussi quand une adresse ou un numéro donné est partagé par plusieurs personnes."
ABOUT = "Effacer une personne des fichiers de l'office, et pour de bon : elle ne revient plus à l'import."
english(
    {
        FILES_HELP: "The office's files to erase the person from (.csv, .xlsx...); they are never changed.",
        EMAIL_HELP: "Email address of the person to erase (repeatable: all are the same person's).",
        PHONE_HELP: "Phone of the person to erase (repeatable: all are the same person's).",
        LIST_HELP: "File of erasure requests: one person per row, email and/or phone columns.",
        OUTPUT_HELP: "File to write (one file given); by default FILE-forgotten beside each file.",
        YES_HELP: "Erase without asking for confirmation (scheduled jobs).",
        ALL_MATCHES_HELP: "Erase also when a given address or number is shared by several people.",
        ABOUT: "Erase a person from the office's files, for good: they never come back with an import.",
        "ADRESSE": "ADDRESS",
        "NUMÉRO": "NUMBER",
    }
)
_STAGES = {
    "fr": {"read": "Lecture des fichiers", "clean": "Recherche de la personne (nettoyage et dédoublonnage)"},
    "en": {"read": "Reading the files", "clean": "Finding the person (cleaning and deduplication)"},
}


def forget(
    files: list[Path] = typer.Argument(..., metavar="FICHIER", help=FILES_HELP, show_default=False),
    email: list[str] = typer.Option([], "--email", metavar="ADRESSE", help=EMAIL_HELP, show_default=False),
    phone: list[str] = typer.Option([], "--phone", metavar="NUMÉRO", help=PHONE_HELP, show_default=False),
    erase_list: Path | None = typer.Option(None, "--list", metavar="FICHIER", help=LIST_HELP, show_default=False),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FICHIER", help=OUTPUT_HELP),
    yes: bool = typer.Option(False, "--yes", "-y", metavar="", help=YES_HELP),
    all_matches: bool = typer.Option(False, "--all-matches", metavar="", help=ALL_MATCHES_HELP),
    suppression: Path | None = SuppressionOption,
    config_file: Path | None = ConfigOption,
    force: bool = ForceOption,
    quiet: bool = QuietOption,
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Effacer une personne des fichiers de l'office, et pour de bon : elle ne revient plus à l'import."""
    voice = check_lang(lang, json_output)

    def work() -> Receipt | None:
        config = base_config(config_file, files[0])
        config = with_overrides(config, lang=lang, suppression=str(suppression) if suppression else None)
        if not yes and (json_output or not sys.stdin.isatty()):
            raise ConfigError(
                "grc forget demande une confirmation : ajoutez --yes pour effacer sans la demander (tâche planifiée).",
                "grc forget asks for a confirmation: add --yes to erase without it (scheduled job).",
            )
        people = list(erasure.people_from_list(erase_list, config)) if erase_list is not None else []
        if email or phone:
            people.append(erasure.person(email, phone, config.clean.region))
        with stages(not quiet and not json_output, _STAGES[voice], voice) as on_stage:
            on_stage("clean")
            plan = erasure.plan(files, people, config, output=output, all_matches=all_matches)
        if not yes:
            show(plan, voice)
            if not confirmed(voice):
                return None
        return erasure.apply(plan, config, force=force)

    receipt = run_safely(work, lang=voice, debug=debug, json_output=json_output)
    if receipt is None:
        stdout().print("Nothing was erased." if voice == "en" else "Rien n'a été effacé.")
        return
    if json_output:
        print_json(receipt.to_dict())
    elif not quiet:
        render(receipt, voice)


def confirmed(lang: str) -> bool:
    """Ask before erasing; "o", "oui" (or "y", "yes") say yes, anything else (Enter) no."""
    question = (
        "Erase these rows and add the person to the suppression list? [y/N]"
        if lang == "en"
        else "Effacer ces lignes et ajouter la personne à la liste d'opposition ? [o/N]"
    )
    answer = typer.prompt(question, default="", show_default=False, prompt_suffix=" ")
    return str(answer).strip().lower() in {"o", "oui", "y", "yes"}


def show(plan: Plan, lang: str) -> None:
    """The rows about to be erased, for the person at the keyboard to check (never written to a log)."""
    console = stdout()
    en = lang == "en"
    for found in plan.files:
        if not len(found.positions):
            console.print(f"{found.path.name}: no record found" if en else f"{found.path.name} : aucune fiche trouvée")
            continue
        table = RichTable(title=found.path.name, title_justify="left")
        for header in ("Row", "Name", "Email", "Phone") if en else ("Ligne", "Nom", "Courriel", "Téléphone"):
            table.add_column(header)
        for row in found.shown.itertuples(index=False):
            table.add_row(*map(str, row))
        console.print(table)
    if plan.found_people < len(plan.people):
        missing = len(plan.people) - plan.found_people
        console.print(
            f"{missing} person(s) of the request found in no file: their identifiers still go to the suppression list."
            if en
            else f"{missing} personne(s) de la demande dans aucun fichier : leurs identifiants vont quand même "
            "dans la liste d'opposition."
        )


def render(receipt: Receipt, lang: str) -> None:
    console = stdout()
    en = lang == "en"
    for item in receipt.files:
        count = len(item["rows"])
        console.print(
            f"{item['file']}: {count} row(s) removed, written to {item['output']}"
            if en
            else f"{item['file']} : {count} ligne(s) retirée(s), écrit dans {item['output']}"
        )
    console.print(
        f"Suppression list {receipt.suppression}: {receipt.hashes_added} keyed hash(es) added; "
        f"receipt {receipt.receipt_file}."
        if en
        else f"Liste d'opposition {receipt.suppression} : {receipt.hashes_added} empreinte(s) ajoutée(s) ; "
        f"reçu {receipt.receipt_file}."
    )
