"""``grc explain FILE ROW ROW``: why two rows are (or are not) the same person, field by field."""

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
from grc_toolkit.config import Config, with_overrides
from grc_toolkit.dedupe import explain_pair
from grc_toolkit.errors import ConfigError
from grc_toolkit.mapping import parse_overrides
from grc_toolkit.pipeline import find_people
from grc_toolkit.present import explain_sentence, explain_table
from grc_toolkit.present.labels import EXPLAIN_HEADERS, EXPLAIN_WEIGHT, REVIEW_HEADERS, RULE_WORDS, VERDICT, word

FILE_HELP = "Export à examiner."
ROW_A_HELP = "Première ligne (numéro affiché par le tableur)."
ROW_B_HELP = "Seconde ligne."
ABOUT = "Comparer deux lignes champ par champ : valeurs, accord, poids et probabilité d'être la même personne."
english(
    {
        FILE_HELP: "Export to examine.",
        ROW_A_HELP: "First row (number shown by the spreadsheet).",
        ROW_B_HELP: "Second row.",
        ABOUT: "Compare two rows field by field: values, agreement, weight and probability of being the same person.",
    }
)


def explain(
    file: Path = typer.Argument(..., metavar="FICHIER", help=FILE_HELP, show_default=False),
    row_a: int = typer.Argument(..., metavar="LIGNE", help=ROW_A_HELP, show_default=False),
    row_b: int = typer.Argument(..., metavar="LIGNE", help=ROW_B_HELP, show_default=False),
    sheet: str | None = SheetOption,
    header_row: int | None = HeaderRowOption,
    mapping: list[str] = MapOption,
    config_file: Path | None = ConfigOption,
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Comparer deux lignes champ par champ : valeurs, accord, poids et probabilité d'être la même personne."""
    voice = check_lang(lang, json_output)

    def work() -> tuple[Any, dict[str, object]]:
        check_header_row(header_row)
        config = base_config(config_file, file)
        config = with_overrides(
            config,
            sheet=sheet,
            header_row=header_row,
            columns={**config.columns, **parse_overrides(mapping)},
            lang=lang,
        )
        return explain_rows(file, config, row_a, row_b)

    compared, verdict = run_safely(work, lang=voice, debug=debug, json_output=json_output)
    table = explain_table(compared, voice)
    probability = verdict["probability"]
    assert isinstance(probability, float)
    sentence = explain_sentence(compared, probability, voice) if verdict["compared"] else ""
    if json_output:
        print_json({"fields": table.to_dict("records"), **verdict, "sentence": sentence})
        return
    render(table, verdict, row_a, row_b, voice)
    if sentence:
        stdout().print(sentence, highlight=False)


def explain_rows(file: Path, config: Config, row_a: int, row_b: int) -> tuple[Any, dict[str, object]]:
    """Clean the file, learn its weights, and compare two of its spreadsheet rows (data:
    :func:`grc_toolkit.dedupe.explain_pair`; :func:`grc_toolkit.present.explain_table` words it)."""
    if row_a == row_b:
        raise ConfigError(
            f"Les deux lignes sont la même ({row_a}) : donnez deux lignes différentes de {file}.",
            f"Both rows are the same ({row_a}): give two different rows of {file}.",
        )
    table = read_file(file, config)
    positions = {int(row): position for position, row in enumerate(table.source_rows)}
    missing = [row for row in (row_a, row_b) if row not in positions]
    if missing:
        first, last = int(table.source_rows.min()), int(table.source_rows.max())
        raise ConfigError(
            f"Ligne {missing[0]} absente de {file} : choisissez des lignes de données entre {first} et {last}.",
            f"Row {missing[0]} is not in {file}: choose data rows between {first} and {last}.",
        )
    search = find_people(table.frame, config)
    return explain_pair(search, positions[row_a], positions[row_b])


def render(table: Any, verdict: dict[str, Any], row_a: int, row_b: int, lang: str) -> None:
    view = RichTable(title_justify="left")
    for header in EXPLAIN_HEADERS:
        view.add_column(word(header, lang).format(a=row_a, b=row_b))
    view.add_column(word(EXPLAIN_WEIGHT, lang), justify="right")
    for line in table.itertuples(index=False):
        view.add_row(str(line.field), str(line.a), str(line.b), str(line.agreement), f"{line.weight:+.1f}")
    console = stdout()
    console.print(view)
    probability = float(verdict["probability"])
    said = word(VERDICT["merged" if verdict["same_group"] else "apart"], lang)
    console.print(word(VERDICT["probability"], lang).format(probability, said))
    if not verdict["compared"]:
        console.print(word(VERDICT["not_compared"], lang))
    elif verdict["rule"]:
        console.print(f"{word(REVIEW_HEADERS['rule'], lang)} : {word(RULE_WORDS[verdict['rule']], lang)}")
