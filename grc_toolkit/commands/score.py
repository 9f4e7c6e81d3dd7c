"""``grc score FILE``: the quality of an export (score 0-100, grade A-E, dimensions, problems); nothing written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table as RichTable

from grc_toolkit.api import score_file
from grc_toolkit.commands._common import (
    ConfigOption,
    DebugOption,
    HeaderRowOption,
    HistoryOption,
    JsonOption,
    LangOption,
    MapOption,
    NoHistoryOption,
    QuietOption,
    SheetOption,
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
from grc_toolkit.errors import EXIT_QUALITY_GATE, ConfigError
from grc_toolkit.mapping import parse_overrides
from grc_toolkit.present import dimension_label, one_decimal, problem_text
from grc_toolkit.present.labels import AS_OF_SOURCES, SCORE_LABELS, word
from grc_toolkit.results import QualityReport

_STAGES = {
    "fr": {"read": "Lecture du fichier", "clean": "Nettoyage et dédoublonnage en mémoire"},
    "en": {"read": "Reading the file", "clean": "Cleaning and deduplicating in memory"},
}
_GRADE_STYLES = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "E": "bold red"}

FILE_HELP = "Export à évaluer (.csv, .txt, .tsv, .xlsx, .xlsm, .xls, .ods) ; il n'est jamais modifié."
AS_OF_HELP = "Date à laquelle compter la fraîcheur des contacts, AAAA-MM-JJ (par défaut aujourd'hui)."
FAIL_UNDER_HELP = "Sortir avec le code 1 si le score du fichier est sous ce seuil, de 0 à 100 (tâches planifiées)."
ABOUT = "Évaluer la qualité d'un export (score 0-100, note A-E, problèmes) sans rien écrire."
english(
    {
        FILE_HELP: "Export to score (.csv, .txt, .tsv, .xlsx, .xlsm, .xls, .ods); it is never changed.",
        AS_OF_HELP: "Date on which the contacts' freshness is counted, YYYY-MM-DD (today by default).",
        FAIL_UNDER_HELP: "Exit with code 1 when the file's score is under this threshold, 0 to 100 (scheduled tasks).",
        ABOUT: "Score the quality of an export (score 0-100, grade A-E, problems) without writing anything.",
        "DATE": "DATE",
        "SCORE": "SCORE",
    }
)


def score(
    file: Path = typer.Argument(..., metavar="FICHIER", help=FILE_HELP, show_default=False),
    sheet: str | None = SheetOption,
    header_row: int | None = HeaderRowOption,
    mapping: list[str] = MapOption,
    config_file: Path | None = ConfigOption,
    as_of: str | None = typer.Option(None, "--as-of", metavar="DATE", help=AS_OF_HELP, show_default=False),
    fail_under: float | None = typer.Option(None, "--fail-under", metavar="SCORE", help=FAIL_UNDER_HELP),
    history: Path | None = HistoryOption,
    no_history: bool = NoHistoryOption,
    quiet: bool = QuietOption,
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Évaluer la qualité d'un export (score 0-100, note A-E, problèmes) sans rien écrire."""
    voice = check_lang(lang, json_output)

    def work() -> QualityReport:
        check_header_row(header_row)
        when = _as_of(as_of)
        _check_fail_under(fail_under)
        config = base_config(config_file, file)
        columns = {**config.columns, **parse_overrides(mapping)}
        config = with_overrides(config, sheet=sheet, header_row=header_row, lang=lang, columns=columns)
        with stages(not quiet and not json_output, _STAGES[voice], voice) as on_stage:
            return score_file(file, config, as_of=when, on_stage=on_stage)

    report = run_safely(work, lang=voice, debug=debug, json_output=json_output)
    if json_output:
        print_json(report.to_dict())
    elif not quiet:
        render(report, voice)
    save_history([report.to_dict()], "score", path=history, disabled=no_history, lang=voice)
    if fail_under is not None and report.score < fail_under:
        message = (
            f"Score {report.score} under the threshold {fail_under:g} (--fail-under)."
            if voice == "en"
            else f"Score {report.score} sous le seuil {fail_under:g} (--fail-under)."
        )
        typer.echo(message, err=True)
        raise typer.Exit(EXIT_QUALITY_GATE)


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            f"--as-of attend une date AAAA-MM-JJ (ex. 2025-07-01), pas « {text} ».",
            f"--as-of needs a date YYYY-MM-DD (e.g. 2025-07-01), not '{text}'.",
        ) from None


def _check_fail_under(threshold: float | None) -> None:
    if threshold is not None and not 0 <= threshold <= 100:
        raise ConfigError(
            "--fail-under attend un score entre 0 et 100.", "--fail-under needs a score between 0 and 100."
        )


def render(report: QualityReport, lang: str) -> None:
    """The French (or English) quality report in the terminal."""
    console = stdout()
    figures = RichTable(show_header=False, box=None, pad_edge=False)
    figures.add_column(style="bold")
    figures.add_column()
    grade_style = _GRADE_STYLES[report.grade]
    as_of = f"{report.as_of} ({word(AS_OF_SOURCES[report.as_of_source], lang)})"
    for key, value in (
        ("file", report.file),
        ("rows", str(report.rows)),
        ("people", str(report.people)),
        ("score", f"[{grade_style}]{_number(report.score, lang)}[/{grade_style}]"),
        ("grade", f"[{grade_style}]{report.grade}[/{grade_style}]"),
        ("record_score", _number(report.record_score, lang)),
        ("as_of", as_of),
    ):
        figures.add_row(word(SCORE_LABELS[key], lang), value)
    console.print(figures)
    table = RichTable(title=word(SCORE_LABELS["dimensions"], lang), title_justify="left")
    table.add_column(word(SCORE_LABELS["dimension"], lang))
    table.add_column("0-100", justify="right")
    for name, points in report.dimensions.items():
        table.add_row(dimension_label(name, lang), _number(points, lang))
    console.print(table)
    console.print(f"[bold]{word(SCORE_LABELS['problems'], lang)}[/bold]")
    for problem in report.problems:
        console.print(f"[yellow]⚠ {problem_text(problem, lang, retention_years=report.retention_years)}[/yellow]")
    if not report.problems:
        console.print(word(SCORE_LABELS["no_problem"], lang))


def _number(value: float, lang: str) -> str:
    """A figure as a person reads it (:func:`grc_toolkit.present.one_decimal`)."""
    return one_decimal(value, lang)
