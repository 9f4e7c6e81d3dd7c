"""``grc clean FILE``: clean an export and write FILE-clean.xlsx beside it."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table as RichTable

from grc_toolkit.api import CleanRun, clean_file
from grc_toolkit.commands._common import (
    AutoOption,
    ConfigOption,
    DebugOption,
    DecisionsOption,
    EngineOption,
    ForceOption,
    HeaderRowOption,
    HistoryOption,
    JobsOption,
    JsonOption,
    KeepColumnsOption,
    LangOption,
    MapOption,
    NoHistoryOption,
    QuietOption,
    ReviewLimitOption,
    ReviewOption,
    SheetOption,
    SuppressionOption,
    base_config,
    check_header_row,
    check_lang,
    print_json,
    run_safely,
    save_history,
    stages,
    stdout,
)
from grc_toolkit.commands._language import english
from grc_toolkit.config import with_overrides
from grc_toolkit.dedupe.decisions import check_output
from grc_toolkit.io import check_writable, default_output_path
from grc_toolkit.io.lock import output_lock
from grc_toolkit.mapping import parse_overrides
from grc_toolkit.present import fields_frame, label

_STAGES = {
    "fr": {
        "read": "Lecture du fichier",
        "clean": "Nettoyage",
        "dedupe": "Recherche des doublons",
        "write": "Écriture du résultat",
    },
    "en": {
        "read": "Reading the file",
        "clean": "Cleaning",
        "dedupe": "Finding duplicates",
        "write": "Writing the result",
    },
}


FILE_HELP = "Export à nettoyer (.csv, .txt, .tsv, .xlsx, .xlsm, .xls, .ods)."
OUTPUT_HELP = "Fichier à écrire (.xlsx ou .csv). Par défaut FICHIER-clean.xlsx à côté de l'export."
ENCODING_HELP = "Encodage du CSV (détecté sinon : utf-8, cp1252...)."
DELIMITER_HELP = "Séparateur du CSV (détecté sinon : ; , tab |)."
REGION_HELP = "Pays par défaut des téléphones sans indicatif (FR)."
PHONE_FORMAT_HELP = "Format des téléphones : e164, international, national."
COUNTRY_FORMAT_HELP = "Format des pays : name (nom français) ou iso2."
KEEP_MLLE_HELP = "Garder « Mlle » au lieu de « Mme »."
CHECK_DNS_HELP = "Vérifier que le domaine des courriels existe (réseau)."
DEDUPE_HELP = "Fusionner les doublons (par défaut oui)."
ABOUT = "Nettoyer un export de contacts et écrire FICHIER-clean.xlsx à côté (l'export n'est jamais modifié)."
english(
    {
        FILE_HELP: "Export to clean (.csv, .txt, .tsv, .xlsx, .xlsm, .xls, .ods).",
        OUTPUT_HELP: "File to write (.xlsx or .csv). By default FILE-clean.xlsx beside the export.",
        ENCODING_HELP: "Encoding of the CSV (detected otherwise: utf-8, cp1252...).",
        DELIMITER_HELP: "Delimiter of the CSV (detected otherwise: ; , tab |).",
        REGION_HELP: "Default country of phones without a country code (FR).",
        PHONE_FORMAT_HELP: "Phone format: e164, international, national.",
        COUNTRY_FORMAT_HELP: "Country format: name (French name) or iso2.",
        KEEP_MLLE_HELP: "Keep « Mlle » instead of « Mme ».",
        CHECK_DNS_HELP: "Check that the emails' domain exists (network).",
        DEDUPE_HELP: "Merge the duplicates (yes by default).",
        ABOUT: "Clean a contact export and write FILE-clean.xlsx beside it (the export is never changed).",
    }
)


def clean(
    file: Path = typer.Argument(..., metavar="FICHIER", help=FILE_HELP, show_default=False),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FICHIER", help=OUTPUT_HELP),
    sheet: str | None = SheetOption,
    encoding: str | None = typer.Option(None, "--encoding", metavar="ENCODAGE", help=ENCODING_HELP),
    delimiter: str | None = typer.Option(None, "--delimiter", metavar="SÉPARATEUR", help=DELIMITER_HELP),
    header_row: int | None = HeaderRowOption,
    mapping: list[str] = MapOption,
    config_file: Path | None = ConfigOption,
    region: str | None = typer.Option(None, "--region", metavar="PAYS", help=REGION_HELP),
    phone_format: str | None = typer.Option(None, "--phone-format", metavar="FORMAT", help=PHONE_FORMAT_HELP),
    country_format: str | None = typer.Option(None, "--country-format", metavar="FORMAT", help=COUNTRY_FORMAT_HELP),
    keep_mlle: bool | None = typer.Option(None, "--keep-mlle/--no-keep-mlle", metavar="", help=KEEP_MLLE_HELP),
    check_dns: bool | None = typer.Option(None, "--check-dns/--no-check-dns", metavar="", help=CHECK_DNS_HELP),
    dedupe: bool | None = typer.Option(None, "--dedupe/--no-dedupe", metavar="", help=DEDUPE_HELP),
    auto: float | None = AutoOption,
    engine: str | None = EngineOption,
    jobs: int | None = JobsOption,
    review: float | None = ReviewOption,
    review_limit: int | None = ReviewLimitOption,
    decisions: list[Path] = DecisionsOption,
    keep_columns: str | None = KeepColumnsOption,
    force: bool = ForceOption,
    suppression: Path | None = SuppressionOption,
    history: Path | None = HistoryOption,
    no_history: bool = NoHistoryOption,
    quiet: bool = QuietOption,
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Nettoyer un export de contacts et écrire FICHIER-clean.xlsx à côté (l'export n'est jamais modifié)."""
    voice = check_lang(lang, json_output)  # the terminal's language; the workbook's is --lang, else grc.toml

    def work() -> CleanRun:
        check_header_row(header_row)
        target = output if output is not None else default_output_path(file)
        check_output(target, decisions)  # before --force is looked at: a decisions file is never replaced
        if file.is_file():  # else the reader says "Fichier introuvable" at once
            check_writable(target, protect=file, force=force)
        config = base_config(config_file, file)
        columns = {**config.columns, **parse_overrides(mapping)}
        config = with_overrides(
            config,
            sheet=sheet,
            encoding=encoding,
            delimiter=delimiter,
            header_row=header_row,
            region=region.upper() if region else None,
            phone_format=phone_format,
            country_format=country_format,
            keep_mlle=keep_mlle,
            check_dns=check_dns,
            enabled=dedupe,
            auto=auto,
            engine=engine,
            jobs=jobs,
            review=review,
            review_limit=review_limit,
            lang=lang,
            columns=columns,
            keep_columns=keep_columns,
            suppression=str(suppression) if suppression else None,
        )
        with output_lock(target), stages(not quiet and not json_output, _STAGES[voice], voice) as on_stage:
            return clean_file(file, config, output=output, on_stage=on_stage, decisions=decisions or None, force=force)

    done = run_safely(work, lang=voice, debug=debug, json_output=json_output)
    if json_output:
        print_json(done.report.to_dict())
    elif not quiet:
        render(done, voice)
    save_history([done.report.to_dict()], "clean", path=history, disabled=no_history, lang=voice)


def render(done: CleanRun, lang: str) -> None:
    """The French (or English) summary in the terminal."""
    console = stdout()
    report = done.report
    figures = RichTable(show_header=False, box=None, pad_edge=False)
    figures.add_column(style="bold")
    figures.add_column()
    keys = (
        "file",
        *(("sheet",) if report.sheet is not None else ()),
        "rows_in",
        "changes",
        "duplicates_merged",
        *(("erased_people",) if report.erased_people else ()),
        "pairs_to_review",
        "pairs_shown",
        "rows_out",
        "rows_with_issues",
        "quality",
    )
    for key in (*keys, "output"):
        value = report.to_dict()[key]
        figures.add_row(label(key, lang), "" if value is None else str(value))
    console.print(figures)
    table = RichTable(title=label("cleaned_fields", lang), title_justify="left")
    for key, style in (
        ("column", ""),
        ("field", "dim"),
        ("valid", "green"),
        ("corrected", "cyan"),
        ("invalid", "red"),
        ("empty", "dim"),
    ):
        table.add_column(label(key, lang), style=style, justify="left" if key in ("column", "field") else "right")
    for row in fields_frame(report, lang).itertuples(index=False):
        table.add_row(*map(str, row))
    console.print(table)
    for warning in report.warnings:
        console.print(f"[yellow]⚠ {warning}[/yellow]")
