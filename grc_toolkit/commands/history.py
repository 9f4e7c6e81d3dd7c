"""``grc history``: each office's score over the runs of ``grc clean``, ``score`` and ``audit``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table as RichTable

from grc_toolkit.commands._common import (
    DebugOption,
    JsonOption,
    LangOption,
    check_lang,
    print_json,
    run_safely,
    stdout,
)
from grc_toolkit.commands._language import english
from grc_toolkit.history import default_path, read, records, trends
from grc_toolkit.present import one_decimal
from grc_toolkit.present.labels import HISTORY_LABELS, word

_GRADE_STYLES = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "E": "bold red"}

OFFICE_HELP = "N'afficher que cet office (son nom, ou le nom du fichier pour un passage sans office)."
FILE_HELP = "Historique à lire (par défaut dans le dossier de données de l'utilisateur, ou GRC_HISTORY)."
ABOUT = "Montrer l'évolution du score de chaque office au fil des passages (clean, score, audit)."
english(
    {
        OFFICE_HELP: "Show only this office (its name, or the file's name for a run without an office).",
        FILE_HELP: "History to read (by default in the user's data folder, or GRC_HISTORY).",
        ABOUT: "Show how each office's score changes over the runs (clean, score, audit).",
        "NOM": "NAME",
    }
)


def history(
    office: str | None = typer.Option(None, "--office", metavar="NOM", help=OFFICE_HELP, show_default=False),
    history_file: Path | None = typer.Option(None, "--history", metavar="FICHIER", help=FILE_HELP),
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Montrer l'évolution du score de chaque office au fil des passages (clean, score, audit)."""
    voice = check_lang(lang, json_output)
    path = history_file if history_file is not None else default_path()
    frame = run_safely(lambda: read(path, office=office), lang=voice, debug=debug, json_output=json_output)
    if json_output:
        print_json(records(frame))
        return
    console = stdout()
    if frame.empty:
        key = "empty" if office is None else "no_office"
        console.print(word(HISTORY_LABELS[key], voice).format(path=path, office=office), markup=False)
        return
    table = RichTable(
        title=f"{word(HISTORY_LABELS['title'], voice)} ({path})",
        title_justify="left",
        caption=word(HISTORY_LABELS["scale"], voice),
        caption_justify="left",
    )
    for key in ("office", "score", "grade", "trend", "runs", "first", "last"):
        table.add_column(
            word(HISTORY_LABELS[key], voice),
            justify="right" if key in ("score", "runs") else "left",
            no_wrap=key in ("trend", "first", "last"),  # a date or a sparkline cut in two says nothing
            overflow="fold",
            min_width=16 if key == "office" else None,
        )
    for row in trends(frame).to_dict("records"):
        style = _GRADE_STYLES.get(str(row["grade"]), "")
        score = "—" if row["score"] is None else _number(float(row["score"]), voice)
        grade = f"[{style}]{row['grade']}[/{style}]" if row["grade"] else "—"
        cells = (row["sparkline"] or "—", str(row["runs"]), str(row["first"]), str(row["last"]))
        table.add_row(_plain(str(row["office"])), score, grade, *cells)
    console.print(table)


def _plain(text: str) -> str:
    """An office's name as written, never read as rich markup."""
    return text.replace("[", "\\[")


def _number(value: float, lang: str) -> str:
    """A figure as a person reads it (:func:`grc_toolkit.present.one_decimal`)."""
    return one_decimal(value, lang)
