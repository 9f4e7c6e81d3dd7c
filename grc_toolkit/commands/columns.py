"""``grc columns FILE``: show which column was recognised as which field, and why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table as RichTable

from grc_toolkit.api import read_file
from grc_toolkit.commands._common import (
    ConfigOption,
    DebugOption,
    HeaderRowOption,
    JsonOption,
    LangOption,
    MapOption,
    SheetOption,
    base_config,
    check_header_row,
    check_lang,
    print_json,
    run_safely,
    stdout,
)
from grc_toolkit.commands._language import english
from grc_toolkit.config import with_overrides
from grc_toolkit.mapping import ColumnMapping, map_columns, parse_overrides
from grc_toolkit.schema import field_label

_SOURCES = {
    "header": ("en-tête", "header"),
    "content": ("contenu", "content"),
    "override": ("forcé", "forced"),
}


FILE_HELP = "Export à examiner."
ABOUT = "Montrer comment les colonnes de l'export sont reconnues (champ, confiance, exemples)."
english(
    {
        FILE_HELP: "Export to examine.",
        ABOUT: "Show how the export's columns are recognised (field, confidence, samples).",
    }
)


def columns(
    file: Path = typer.Argument(..., metavar="FICHIER", help=FILE_HELP, show_default=False),
    sheet: str | None = SheetOption,
    header_row: int | None = HeaderRowOption,
    mapping: list[str] = MapOption,
    config_file: Path | None = ConfigOption,
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Montrer comment les colonnes de l'export sont reconnues (champ, confiance, exemples)."""
    voice = check_lang(lang, json_output)

    def work() -> tuple[list[str], ColumnMapping, dict[str, list[str]]]:
        check_header_row(header_row)
        config = base_config(config_file, file)
        config = with_overrides(
            config, sheet=sheet, header_row=header_row, columns={**config.columns, **parse_overrides(mapping)}
        )
        table = read_file(file, config)
        found = map_columns(table.frame, config.columns)
        samples = {
            str(column): [v for v in table.frame[column].drop_duplicates().head(20).tolist() if v][:3]
            for column in table.frame.columns
        }
        return [str(c) for c in table.frame.columns], found, samples

    names, found, samples = run_safely(work, lang=voice, debug=debug, json_output=json_output)
    if json_output:
        print_json([{**_row(column, found), "samples": samples[column]} for column in names])
        return
    index = 1 if voice == "en" else 0
    table = RichTable(title="Colonnes reconnues" if voice != "en" else "Recognised columns", title_justify="left")
    for title in (
        ("Colonne", "Column"),
        ("Champ", "Field"),
        ("Confiance", "Confidence"),
        ("Selon", "From"),
        ("Exemples", "Samples"),
    ):
        table.add_column(title[index])
    for column in names:
        row = _row(column, found)
        field = (
            field_label(row["field"], voice)
            if row["field"]
            else ("— (inchangée)" if voice != "en" else "— (untouched)")
        )
        source = _SOURCES[row["source"]][index] if row["source"] else ""
        confidence = f"{row['confidence']:.0%}" if row["confidence"] else ""
        table.add_row(column, field, confidence, source, " | ".join(samples[column]))
    stdout().print(table)


def _row(column: str, found: ColumnMapping) -> dict[str, Any]:
    for match in found.matches:
        if match.column == column:
            return match.to_dict()
    return {"column": column, "field": "", "confidence": 0.0, "source": ""}
