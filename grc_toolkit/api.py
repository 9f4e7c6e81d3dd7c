"""File-level entry points: read -> pipeline -> write, for the command line and for scripts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from grc_toolkit.config import Config
from grc_toolkit.dedupe.decisions import Decisions, load_decisions
from grc_toolkit.errors import InputError
from grc_toolkit.io import Table, default_output_path, read_table, write_table
from grc_toolkit.pipeline import PipelineResult, run
from grc_toolkit.report import CleanReport, build_report

#: Sheet names of the written workbook, French then English.
SHEETS = {
    "data": ("Contacts", "Contacts"),
    "changes": ("Modifications", "Changes"),
    "duplicates": ("Doublons", "Duplicates"),
    "review": ("À vérifier", "To review"),
    "report": ("Rapport", "Report"),
}
_CHANGE_HEADERS = {
    "fr": {"row": "Ligne", "column": "Colonne", "before": "Avant", "after": "Après", "rule": "Règle"},
    "en": {"row": "Row", "column": "Column", "before": "Before", "after": "After", "rule": "Rule"},
}


@dataclass(frozen=True)
class CleanRun:
    """What :func:`clean_file` did: the pipeline's result, the report and where it wrote."""

    table: Table
    result: PipelineResult
    report: CleanReport
    output: Path | None


def read_file(path: str | Path, config: Config | None = None) -> Table:
    """Read an export with the read options of ``config`` (every cell as text)."""
    options = (config or Config()).read
    return read_table(
        path, sheet=options.sheet, encoding=options.encoding, delimiter=options.delimiter, header_row=options.header_row
    )


def clean_file(
    path: str | Path,
    config: Config | None = None,
    *,
    output: str | Path | None = None,
    write: bool = True,
    on_stage: Callable[[str], None] | None = None,
    decisions: str | Path | Decisions | None = None,
) -> CleanRun:
    """Clean one export and write ``FILE-clean.xlsx`` (or ``output``) beside it; the input is never modified."""
    config = config or Config()
    stage = on_stage or (lambda name: None)
    stage("read")
    table = read_file(path, config)
    if table.frame.empty:
        raise InputError(
            f"{Path(path).name} ne contient aucune ligne de données sous l'en-tête : "
            "vérifiez la feuille (--sheet) ou le fichier.",
            f"{Path(path).name} has no data rows under its header: check the sheet (--sheet) or the file.",
        )
    if decisions is not None and not isinstance(decisions, Decisions):
        decisions = load_decisions(decisions)
    stage("clean")
    result = run(table.frame, config, source_rows=table.source_rows, decisions=decisions)
    target = Path(output) if output is not None else default_output_path(Path(path))
    report = build_report(
        file=Path(path).name,
        output=str(target) if write else None,
        fmt=table.format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
        header_row=table.header_row,
        warnings=table.warnings,
        result=result,
    )
    if write:
        stage("write")
        write_table(target, output_sheets(result, report, config.lang), protect=Path(path))
    return CleanRun(table, result, report, target if write else None)


def output_sheets(result: PipelineResult, report: CleanReport, lang: str = "fr") -> dict[str, pd.DataFrame]:
    """The workbook: cleaned contacts first, then every change, the merged duplicates, the pairs a
    person should decide on (when deduplicating), then the summary."""
    index = 1 if lang == "en" else 0
    changes = result.changes.rename(columns=_CHANGE_HEADERS["en" if lang == "en" else "fr"])
    sheets = {SHEETS["data"][index]: result.data, SHEETS["changes"][index]: changes}
    if result.search is not None:
        sheets[SHEETS["duplicates"][index]] = result.duplicates
        sheets[SHEETS["review"][index]] = result.review
    sheets[SHEETS["report"][index]] = report.to_frame(lang)
    return sheets
