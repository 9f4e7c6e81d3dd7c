"""``grc retention FILE``: who is past the retention period (to delete or anonymise), who to ask again for consent
before they are, whose contact date is unknown; the lists in FILE-conservation.xlsx, the counts on screen."""

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
    base_config,
    check_header_row,
    check_lang,
    print_json,
    run_safely,
    stages,
    stdout,
)
from grc_toolkit.commands._language import english
from grc_toolkit.commands.export import AS_OF_HELP, RETENTION_HELP
from grc_toolkit.commands.score import _as_of
from grc_toolkit.config import with_overrides
from grc_toolkit.errors import ConfigError
from grc_toolkit.io import check_writable, default_output_path
from grc_toolkit.io.lock import output_lock
from grc_toolkit.mapping import parse_overrides
from grc_toolkit.present.labels import AS_OF_SOURCES, word
from grc_toolkit.present.retention import RETENTION_LABELS, RETENTION_WARNINGS, STATE_LABELS
from grc_toolkit.retention import Period, parse_retention
from grc_toolkit.retention_report import RetentionOptions, RetentionReport, RetentionRun, retention_file

_STAGES = {
    "fr": {"read": "Lecture du fichier", "clean": "Nettoyage et dédoublonnage en mémoire"},
    "en": {"read": "Reading the file", "clean": "Cleaning and deduplicating in memory"},
}
FILE_HELP = "Export à examiner (.csv, .xlsx, .ods...) ; il n'est jamais modifié."
OUTPUT_HELP = (
    "Fichier à écrire : .xlsx (une feuille par liste, par défaut FICHIER-conservation.xlsx) ou .csv "
    "(les listes à la suite, colonne Action)."
)
NOTICE_HELP = (
    "Délai de relance : lister à relancer ceux dont la conservation se termine dans ce délai "
    "(3m par défaut ; 6m, 90d...)."
)
ABOUT = "Lister qui dépasse la durée de conservation (à supprimer) et qui relancer avant, sans modifier l'export."
english(
    {
        FILE_HELP: "Export to examine (.csv, .xlsx, .ods...); it is never changed.",
        OUTPUT_HELP: "File to write: .xlsx (one sheet per list, by default FILE-conservation.xlsx) or .csv "
        "(the lists one after the other, Action column).",
        NOTICE_HELP: "Notice: list as to ask again those whose retention ends within this time (3m by default; "
        "6m, 90d...).",
        ABOUT: "List who is past the retention period (to delete) and who to ask again before, without changing "
        "the export.",
    }
)


def retention(
    file: Path = typer.Argument(..., metavar="FICHIER", help=FILE_HELP, show_default=False),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FICHIER", help=OUTPUT_HELP),
    period: str | None = typer.Option(None, "--retention", metavar="DURÉE", help=RETENTION_HELP),
    notice: str = typer.Option("3m", "--notice", metavar="DURÉE", help=NOTICE_HELP),
    as_of: str | None = typer.Option(None, "--as-of", metavar="DATE", help=AS_OF_HELP, show_default=False),
    sheet: str | None = SheetOption,
    header_row: int | None = HeaderRowOption,
    mapping: list[str] = MapOption,
    config_file: Path | None = ConfigOption,
    force: bool = ForceOption,
    quiet: bool = QuietOption,
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Lister qui dépasse la durée de conservation (à supprimer) et qui relancer avant, sans modifier l'export."""
    voice = check_lang(lang, json_output)

    def work() -> RetentionRun:
        check_header_row(header_row)
        config = base_config(config_file, file)
        when = _as_of(as_of)
        length = parse_retention(period, config.quality.retention_years)
        if length is None:
            raise ConfigError(
                "grc retention a besoin d'une durée de conservation : --retention 3y (ou 36m, 90d).",
                "grc retention needs a retention period: --retention 3y (or 36m, 90d).",
            )
        options = RetentionOptions(
            as_of=when or date.today(),
            as_of_source="option" if when is not None else "today",
            period=length,
            notice=None if notice.strip().lower() in ("0", "none", "aucune") else Period.parse(notice, "--notice"),
        )
        target = output if output is not None else default_output_path(file, suffix="-conservation")
        if file.is_file():
            check_writable(target, protect=file, force=force)
        columns = {**config.columns, **parse_overrides(mapping)}
        config = with_overrides(config, sheet=sheet, header_row=header_row, lang=lang, columns=columns)
        with output_lock(target), stages(not quiet and not json_output, _STAGES[voice], voice) as on_stage:
            return retention_file(file, config, options, output=target, force=force, on_stage=on_stage)

    done = run_safely(work, lang=voice, debug=debug, json_output=json_output)
    if json_output:
        print_json(done.report.to_dict())
    elif not quiet:
        render(done.report, voice)


def render(report: RetentionReport, lang: str) -> None:
    """The counts in the terminal, then the warnings."""
    console = stdout()
    figures = RichTable(show_header=False, box=None, pad_edge=False)
    figures.add_column(style="bold")
    figures.add_column(justify="left")
    period = Period.parse(report.retention).words(lang)
    notice = Period.parse(report.notice).words(lang) if report.notice else "—"
    as_of = f"{report.as_of} ({word(AS_OF_SOURCES[report.as_of_source], lang)})"
    for key, value in (
        ("file", report.file),
        ("rows", str(report.rows)),
        ("people", str(report.people)),
        ("as_of", as_of),
        ("retention", period),
        ("notice", word(RETENTION_LABELS["notice_words"], lang).format(notice=notice)),
    ):
        figures.add_row(word(RETENTION_LABELS[key], lang), value)
    for state, count in report.counts.items():
        figures.add_row(word(STATE_LABELS[state], lang), str(count))
    figures.add_row(word(RETENTION_LABELS["output"], lang), report.output or "")
    console.print(figures)
    for code in report.warnings:
        console.print(f"[yellow]⚠ {word(RETENTION_WARNINGS[code], lang)}[/yellow]")


__all__ = ["render", "retention"]
