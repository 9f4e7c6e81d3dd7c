"""``grc export FILE --to brevo|mailchimp|csv|xlsx``: the people who may be written to, in the file a platform or
a partner imports, and a rejects file naming everyone left out and why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table as RichTable

from grc_toolkit.commands._common import (
    ConfigOption,
    DebugOption,
    ForceOption,
    HeaderRowOption,
    JsonOption,
    LangOption,
    MapOption,
    QuietOption,
    SheetOption,
    SuppressionOption,
    base_config,
    check_header_row,
    check_lang,
    print_json,
    run_safely,
    stages,
    stdout,
)
from grc_toolkit.commands._language import english
from grc_toolkit.commands.score import _as_of
from grc_toolkit.config import Config, with_overrides
from grc_toolkit.errors import ConfigError
from grc_toolkit.export import ExportOptions, ExportReport, ExportRun, default_export_path, export_file, rejects_path
from grc_toolkit.io import check_writable
from grc_toolkit.io.lock import output_lock
from grc_toolkit.mapping import parse_overrides
from grc_toolkit.present.export import ADJUSTMENT_LABELS, REASON_LABELS, SUMMARY_LABELS, warnings_of
from grc_toolkit.present.labels import AS_OF_SOURCES, word
from grc_toolkit.retention import Period, parse_retention
from grc_toolkit.segments import field_of, parse_filter

_STAGES = {
    "fr": {
        "read": "Lecture du fichier",
        "clean": "Nettoyage et dédoublonnage",
        "select": "Choix des personnes",
        "write": "Écriture des fichiers",
    },
    "en": {
        "read": "Reading the file",
        "clean": "Cleaning and deduplicating",
        "select": "Choosing the people",
        "write": "Writing the files",
    },
}

FILE_HELP = "Fichier de contacts, brut ou déjà nettoyé par grc (.csv, .xlsx, .ods...) ; il n'est jamais modifié."
TO_HELP = (
    "Destination : brevo ou mailchimp (leurs colonnes et formats d'import), csv ou xlsx (les contacts nettoyés, "
    "avec les colonnes de l'export)."
)
OUTPUT_HELP = (
    "Fichier à écrire (par défaut FICHIER-brevo.csv, FICHIER-mailchimp.csv ou FICHIER-export.csv/.xlsx) ; "
    "les rejets vont dans FICHIER-…-rejets à côté."
)
WHERE_HELP = (
    'Garder seulement une partie : --where "pays=Allemagne", "langue!=fr" (répétable ; champs : pays, departement, '
    "langue, source, consentement, ville, dernier_contact, qui se compare aussi à une date : voir le README)."
)
SPLIT_HELP = "Écrire un fichier par pays, departement, langue ou source (FICHIER-allemagne.csv...)."
RETENTION_HELP = (
    "Durée de conservation depuis le dernier contact : 3y (3 ans), 36m, 90d, ou none "
    "(par défaut retention_years de grc.toml, 3 ans)."
)
ALL_HELP = "Exporter aussi sans consentement ni contact récent (un avertissement le rappelle)."
KEEP_UNDATED_HELP = "Exporter aussi les personnes sans date de contact (sinon laissées de côté)."
AS_OF_HELP = "Date à laquelle compter la durée de conservation, AAAA-MM-JJ (par défaut aujourd'hui)."
ABOUT = "Exporter vers Brevo, Mailchimp ou un fichier les personnes qui ont consenti et ont été contactées récemment."
english(
    {
        FILE_HELP: "Contact file, raw or already cleaned by grc (.csv, .xlsx, .ods...); it is never changed.",
        TO_HELP: "Destination: brevo or mailchimp (their import columns and formats), csv or xlsx (the cleaned "
        "contacts, with the export's columns).",
        OUTPUT_HELP: "File to write (by default FILE-brevo.csv, FILE-mailchimp.csv or FILE-export.csv/.xlsx); the "
        "rejects go to FILE-…-rejets beside it.",
        WHERE_HELP: 'Keep only a part: --where "country=Germany", "language!=fr" (repeatable; fields: country, '
        "department, language, source, consent, city, last_contact, which also compares to a date: see the README).",
        SPLIT_HELP: "Write one file per country, department, language or source (FILE-allemagne.csv...).",
        RETENTION_HELP: "Retention period since the last contact: 3y (3 years), 36m, 90d, or none "
        "(by default retention_years of grc.toml, 3 years).",
        ALL_HELP: "Export people without consent or recent contact too (a warning says so).",
        KEEP_UNDATED_HELP: "Export people without a contact date too (left out otherwise).",
        AS_OF_HELP: "Date on which the retention period is counted, YYYY-MM-DD (today by default).",
        ABOUT: "Export to Brevo, Mailchimp or a file the people who consented and were in touch recently.",
        "DESTINATION": "DESTINATION",
        "CHAMP=VALEUR": "FIELD=VALUE",
        "CHAMP": "FIELD",
        "DURÉE": "LENGTH",
    }
)


def export(
    file: Path = typer.Argument(..., metavar="FICHIER", help=FILE_HELP, show_default=False),
    to: str = typer.Option(..., "--to", metavar="DESTINATION", help=TO_HELP, show_default=False),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FICHIER", help=OUTPUT_HELP),
    where: list[str] = typer.Option([], "--where", metavar="CHAMP=VALEUR", help=WHERE_HELP, show_default=False),
    split_by: str | None = typer.Option(None, "--split-by", metavar="CHAMP", help=SPLIT_HELP, show_default=False),
    retention: str | None = typer.Option(None, "--retention", metavar="DURÉE", help=RETENTION_HELP),
    everyone: bool = typer.Option(False, "--all", metavar="", help=ALL_HELP),
    keep_undated: bool = typer.Option(False, "--keep-undated", metavar="", help=KEEP_UNDATED_HELP),
    as_of: str | None = typer.Option(None, "--as-of", metavar="DATE", help=AS_OF_HELP, show_default=False),
    sheet: str | None = SheetOption,
    header_row: int | None = HeaderRowOption,
    mapping: list[str] = MapOption,
    config_file: Path | None = ConfigOption,
    force: bool = ForceOption,
    suppression: Path | None = SuppressionOption,
    quiet: bool = QuietOption,
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Exporter vers Brevo, Mailchimp ou un fichier les personnes qui ont consenti et ont été contactées récemment."""
    voice = check_lang(lang, json_output)

    def work() -> ExportRun:
        check_header_row(header_row)
        config = base_config(config_file, file)
        options = _options(config, to, where, split_by, retention, everyone, keep_undated, as_of)
        target = output if output is not None else default_export_path(file, options.to)
        if file.is_file():  # else the reader says "Fichier introuvable" at once
            for path in (rejects_path(target), *(() if options.split_by else (target,))):
                check_writable(path, protect=file, force=force)
        columns = {**config.columns, **parse_overrides(mapping)}
        config = with_overrides(
            config,
            sheet=sheet,
            header_row=header_row,
            lang=lang,
            columns=columns,
            suppression=str(suppression) if suppression else None,
        )
        with output_lock(target), stages(not quiet and not json_output, _STAGES[voice], voice) as on_stage:
            return export_file(file, config, options, output=target, force=force, on_stage=on_stage)

    done = run_safely(work, lang=voice, debug=debug, json_output=json_output)
    if json_output:
        print_json(done.report.to_dict())
    elif not quiet:
        render(done.report, voice)


def _options(
    config: Config,
    to: str,
    where: list[str],
    split_by: str | None,
    retention: str | None,
    everyone: bool,
    keep_undated: bool,
    as_of: str | None,
) -> ExportOptions:
    """The export's options from the command line, each checked (a wrong one is a usage error, code 2)."""
    when = _as_of(as_of)
    name = to.strip().lower()
    if name not in ("brevo", "mailchimp", "csv", "xlsx"):
        raise ConfigError(
            f"--to « {to} » inconnu : choisissez brevo, mailchimp, csv ou xlsx.",
            f"Unknown --to '{to}': choose brevo, mailchimp, csv or xlsx.",
        )
    period = parse_retention(retention, config.quality.retention_years)
    return ExportOptions(
        to=name,
        as_of=when or date.today(),
        as_of_source="option" if when is not None else "today",
        retention=period,
        everyone=everyone,
        keep_undated=keep_undated,
        filters=tuple(parse_filter(text) for text in where),
        split_by=field_of(split_by, "--split-by") if split_by is not None else None,
    )


def render(report: ExportReport, lang: str) -> None:
    """The French (or English) summary in the terminal: the figures, why people were left out, the files."""
    console = stdout()
    figures = RichTable(show_header=False, box=None, pad_edge=False)
    figures.add_column(style="bold")
    figures.add_column()
    period = _period_words(report, lang)
    as_of = f"{report.as_of} ({word(AS_OF_SOURCES[report.as_of_source], lang)})"
    rows = [
        ("file", report.file),
        ("to", report.to),
        ("rows", str(report.rows)),
        ("people", str(report.people)),
        *((("erased", str(report.erased_people)),) if report.erased_people else ()),
        ("exported", f"[green]{report.exported}[/green]"),
        ("left_out", str(report.left_out)),
        ("as_of", as_of),
        ("retention", period or word(SUMMARY_LABELS["not_checked"], lang)),
    ]
    if len(report.outputs) == 1:
        rows.append(("output", report.outputs[0].path))
    rows.append(("rejects", report.rejects or ""))
    for key, value in rows:
        figures.add_row(word(SUMMARY_LABELS[key], lang), value)
    console.print(figures)
    _counts(word(SUMMARY_LABELS["why"], lang), report.reasons, REASON_LABELS, lang)
    _counts(word(SUMMARY_LABELS["adjusted"], lang), report.adjustments, ADJUSTMENT_LABELS, lang)
    if len(report.outputs) > 1 or report.split_by:
        files = RichTable(title=word(SUMMARY_LABELS["outputs"], lang), title_justify="left")
        files.add_column(word(SUMMARY_LABELS["segment"], lang))
        files.add_column(word(SUMMARY_LABELS["count"], lang), justify="right")
        files.add_column(word(SUMMARY_LABELS["output"], lang))
        for output in report.outputs:
            files.add_row(output.segment or "—", str(output.rows), output.path)
        console.print(files)
    for warning in warnings_of(report, lang, period=period):
        console.print(f"[yellow]⚠ {warning}[/yellow]")


def _counts(title: str, counts: dict[str, int], labels: dict[str, tuple[str, str]], lang: str) -> None:
    shown = {code: count for code, count in counts.items() if count}
    if not shown:
        return
    table = RichTable()
    table.add_column(title)
    table.add_column(word(SUMMARY_LABELS["count"], lang), justify="right")
    for code, count in shown.items():
        table.add_row(word(labels[code], lang), str(count))
    stdout().print(table)


def _period_words(report: ExportReport, lang: str) -> str:
    return Period.parse(report.retention).words(lang) if report.retention else ""


__all__ = ["export", "render"]
