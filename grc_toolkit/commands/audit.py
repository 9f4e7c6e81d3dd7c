"""``grc audit CHEMINS...``: a network's files side by side (one row per office) and the visitors they share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import typer
from rich import box
from rich.table import Table as RichTable

from grc_toolkit.audit import AuditReport, audit_files, expand_paths
from grc_toolkit.commands._common import (
    ConfigOption,
    DebugOption,
    ForceOption,
    HistoryOption,
    JsonOption,
    LangOption,
    NoHistoryOption,
    QuietOption,
    check_lang,
    print_json,
    run_safely,
    save_history,
    stderr,
    stdout,
)
from grc_toolkit.commands._language import english
from grc_toolkit.commands.score import AS_OF_HELP, _as_of, _check_fail_under
from grc_toolkit.errors import EXIT_INPUT, EXIT_QUALITY_GATE, ConfigError
from grc_toolkit.io import write_page, write_table
from grc_toolkit.io.lock import output_lock
from grc_toolkit.linkage import read_key
from grc_toolkit.present import one_decimal, problem_text
from grc_toolkit.present.html import audit_html

PATHS_HELP = "Fichiers, dossiers ou motifs (*.csv) des offices, exports bruts ou fichiers de grc share, mélangés."
KEY_HELP = "Fichier de clé du réseau, le même partout : nécessaire pour lire les fichiers de grc share."
JOBS_HELP = "Nombre de fichiers traités en même temps (par défaut, un par processeur)."
HTML_HELP = (
    "Écrire aussi le bilan en une page HTML autonome (graphiques, tendance de l'historique), à envoyer ou imprimer."
)
XLSX_HELP = "Écrire aussi le bilan dans ce classeur Excel (une ligne par office, et les recoupements)."
FAIL_UNDER_HELP = "Sortir avec le code 1 si un fichier a un score sous ce seuil, de 0 à 100 (tâches planifiées)."
ABOUT = "Comparer les fichiers des offices d'un réseau (score, note, problèmes) et compter les visiteurs communs."
english(
    {
        PATHS_HELP: "Files, folders or patterns (*.csv) of the offices, raw exports or grc share files, mixed.",
        KEY_HELP: "The network's key file, the same everywhere: needed to read grc share files.",
        JOBS_HELP: "Number of files processed at once (by default, one per processor).",
        HTML_HELP: "Also write the summary as one self-contained HTML page (charts, the history's trend), to send or "
        "print.",
        XLSX_HELP: "Also write the summary to this Excel workbook (one row per office, and the overlaps).",
        FAIL_UNDER_HELP: "Exit with code 1 when a file scores under this threshold, 0 to 100 (scheduled tasks).",
        ABOUT: "Compare the files of a network's offices (score, grade, problems) and count their shared visitors.",
        "CHEMINS": "FILES",
    }
)
_STAGE_LABELS = {
    "fr": {"read": "lecture", "clean": "nettoyage", "link": "clés", "done": "fini"},
    "en": {"read": "reading", "clean": "cleaning", "link": "keys", "done": "done"},
}
_HEADERS = {
    "office": ("Office", "Office"),
    "file": ("Fichier", "File"),
    "source": ("Source", "Source"),
    "score": ("Score", "Score"),
    "grade": ("Note", "Grade"),
    "rows": ("Lignes", "Rows"),
    "people": ("Personnes", "People"),
    "invalid_emails": ("Courriels invalides", "Invalid emails"),
    "invalid_phones": ("Tél. invalides", "Invalid phones"),
    "consent_rate": ("Consent. %", "Consent %"),
    "stale": ("> 3 ans", "> 3 years"),
    "problems": ("Principaux problèmes", "Top problems"),
}


def audit(
    paths: list[str] = typer.Argument(..., metavar="CHEMINS", help=PATHS_HELP, show_default=False),
    key_file: Path | None = typer.Option(None, "--key", metavar="FICHIER", help=KEY_HELP, show_default=False),
    config_file: Path | None = ConfigOption,
    as_of: str | None = typer.Option(None, "--as-of", metavar="DATE", help=AS_OF_HELP, show_default=False),
    jobs: int | None = typer.Option(None, "--jobs", metavar="NOMBRE", help=JOBS_HELP, show_default=False),
    xlsx: Path | None = typer.Option(None, "--xlsx", metavar="FICHIER", help=XLSX_HELP, show_default=False),
    html: Path | None = typer.Option(None, "--html", metavar="FICHIER", help=HTML_HELP, show_default=False),
    history_file: Path | None = HistoryOption,
    no_history: bool = NoHistoryOption,
    force: bool = ForceOption,
    fail_under: float | None = typer.Option(None, "--fail-under", metavar="SCORE", help=FAIL_UNDER_HELP),
    quiet: bool = QuietOption,
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Comparer les fichiers des offices d'un réseau (score, note, problèmes) et compter les visiteurs communs."""
    voice = check_lang(lang, json_output)

    def work() -> AuditReport:
        when = _as_of(as_of)
        _check_fail_under(fail_under)
        if jobs is not None and jobs < 1:
            raise ConfigError("--jobs attend un nombre entier d'au moins 1.", "--jobs needs a whole number, 1 or more.")
        key = read_key(key_file) if key_file is not None else None
        with _progress(not quiet and not json_output, voice) as on_progress:
            report = audit_files(
                paths, key=key, config_path=config_file, as_of=when, jobs=jobs, on_progress=on_progress
            )
        if xlsx is not None:
            with output_lock(xlsx):
                write_table(xlsx, audit_sheets(report, voice), protect=expand_paths(paths), force=force)
        figures = report.to_dict(voice)
        save_history(figures["files"], "audit", path=history_file, disabled=no_history, lang=voice)
        if html is not None:  # after the history, so this run is the trend's last point
            trend = None if no_history else _history_or_none(history_file)
            with output_lock(html):
                write_page(html, audit_html(figures, trend, lang=voice), protect=expand_paths(paths), force=force)
        return report

    report = run_safely(work, lang=voice, debug=debug, json_output=json_output)
    if json_output:
        print_json(report.to_dict(voice))
    elif not quiet:
        render(report, voice)
    for failure in report.failures:
        typer.echo(failure.message_en if voice == "en" else failure.message, err=True)
    if report.failures:
        raise typer.Exit(EXIT_INPUT)
    below = [office for office in report.files if fail_under is not None and office.report.score < fail_under]
    if below:
        names = ", ".join(f"{office.report.office} ({office.report.score})" for office in below)
        typer.echo(
            f"Under the threshold {fail_under:g} (--fail-under): {names}."
            if voice == "en"
            else f"Sous le seuil {fail_under:g} (--fail-under) : {names}.",
            err=True,
        )
        raise typer.Exit(EXIT_QUALITY_GATE)


def office_rows(report: AuditReport, lang: str) -> pd.DataFrame:
    """One row per office, columns worded in ``lang`` (the terminal table and the workbook's first sheet)."""
    rows = []
    for office in report.files:
        data = office.report
        top = [problem_text(p, lang, retention_years=data.retention_years) for p in data.problems[:3]]
        rows.append(
            {
                "office": data.office,
                "file": data.file,
                "source": office.source,
                "score": data.score,
                "grade": data.grade,
                "rows": data.rows,
                "people": data.people,
                **office.figures,
                "problems": " ; ".join(top),
            }
        )
    frame = pd.DataFrame(rows, columns=list(_HEADERS))
    return frame.rename(columns={name: pair[lang == "en"] for name, pair in _HEADERS.items()})


def overlap_rows(report: AuditReport, lang: str) -> pd.DataFrame:
    """One row per pair of offices and its shared people, then the people in three offices or more."""
    en = lang == "en"
    columns = ["Office A", "Office B", "Shared people" if en else "Personnes en commun"]
    rows = [[a, b, people] for (a, b), people in report.overlap.pairs.items()]
    rows.append(["3+ offices" if en else "3 offices ou plus", "", report.overlap.three_or_more])
    return pd.DataFrame(rows, columns=columns)


def audit_sheets(report: AuditReport, lang: str) -> dict[str, pd.DataFrame]:
    return {
        "Offices": office_rows(report, lang),
        "Overlap" if lang == "en" else "Recoupements": overlap_rows(report, lang),
    }


def render(report: AuditReport, lang: str) -> None:
    console = stdout()
    hidden = [_HEADERS[name][lang == "en"] for name in ("file", "source", "problems")]
    frame = office_rows(report, lang).drop(columns=hidden)
    table = RichTable(
        title="Offices",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        padding=(0, 0),  # SIMPLE_HEAD's column rule is a space: one between columns, so 80 columns hold the table
    )
    for position, column in enumerate(frame.columns):
        # the office's name on one line; figures right-aligned, their headers wrapped on words
        table.add_column(
            str(column),
            no_wrap=position == 0,
            justify="left" if position in (0, 2) else "right",
            min_width=max(len(part) for part in str(column).split()),  # headers wrap between words, never in one
        )
    for values in frame.itertuples(index=False):
        table.add_row(*[_number(v, lang) if isinstance(v, float) else str(v) for v in values])
    console.print(table, soft_wrap=False)  # fitted to the terminal, headers wrapped between words
    for office in report.files:
        console.print(f"[bold]{office.report.office}[/bold]")
        for problem in office.report.problems[:3]:
            text = problem_text(problem, lang, retention_years=office.report.retention_years)
            console.print(f"  [yellow]⚠ {text}[/yellow]")
    shared = overlap_rows(report, lang)
    table = RichTable(title="Overlap" if lang == "en" else "Visiteurs en commun", title_justify="left")
    for column in shared.columns:
        table.add_column(str(column))
    for values in shared.itertuples(index=False):
        table.add_row(*[str(v) for v in values])
    console.print(table, soft_wrap=False)  # fitted to the terminal, headers wrapped between words


def _history_or_none(path: Path | None) -> pd.DataFrame | None:
    """The history for the page's trend chart; one that cannot be read leaves the chart out (already warned)."""
    from grc_toolkit.history import read

    try:
        return read(path)
    except Exception:
        return None


def _number(value: float, lang: str) -> str:
    """A figure as a person reads it (:func:`grc_toolkit.present.one_decimal`)."""
    return one_decimal(value, lang, trim=True)


@contextmanager
def _progress(enabled: bool, lang: str) -> Iterator[Callable[[int, str], None]]:
    """One bar per file on stderr, only on a terminal (not under --quiet, --json, cron or a pipe)."""
    console = stderr()
    if not enabled or not console.is_terminal:
        yield lambda number, name: None
        return
    from rich.progress import BarColumn, Progress, TaskID, TextColumn

    labels = _STAGE_LABELS[lang]
    order = list(labels)
    with Progress(TextColumn("{task.description}"), BarColumn(), console=console, transient=True) as progress:
        tasks: dict[int, TaskID] = {}

        def advance(number: int, name: str) -> None:
            if number not in tasks:
                tasks[number] = progress.add_task(f"#{number + 1}", total=len(order))
            progress.update(tasks[number], completed=order.index(name) + 1, description=f"#{number + 1} {labels[name]}")

        yield advance
