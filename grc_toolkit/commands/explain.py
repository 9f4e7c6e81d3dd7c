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
    fail,
    print_json,
    run_safely,
    stdout,
)
from grc_toolkit.commands._language import english
from grc_toolkit.config import Config, with_overrides
from grc_toolkit.dedupe import explain_pair
from grc_toolkit.dedupe.compare import FIELDS
from grc_toolkit.errors import ConfigError
from grc_toolkit.mapping import parse_overrides
from grc_toolkit.pipeline import find_people
from grc_toolkit.present import explain_sentence, explain_table
from grc_toolkit.present.labels import (
    EXPLAIN_FIELDS,
    EXPLAIN_HEADERS,
    EXPLAIN_WEIGHT,
    LEVEL_WORDS,
    MODEL_HEADERS,
    MODEL_LEVEL_WORDS,
    MODEL_SUMMARY,
    PAIR_REASONS,
    REVIEW_HEADERS,
    RULE_WORDS,
    SAME,
    SAME_WORDS,
    VERDICT,
    word,
)
from grc_toolkit.present.workbook import signed_weight

FILE_HELP = "Export à examiner."
ROW_A_HELP = "Première ligne (numéro affiché par le tableur)."
ROW_B_HELP = "Seconde ligne."
MODEL_HELP = "Montrer le modèle appris sur le fichier (champs, niveaux d'accord, poids) au lieu de deux lignes."
ABOUT = "Comparer deux lignes champ par champ : valeurs, accord, poids et probabilité d'être la même personne."
english(
    {
        FILE_HELP: "Export to examine.",
        ROW_A_HELP: "First row (number shown by the spreadsheet).",
        ROW_B_HELP: "Second row.",
        MODEL_HELP: "Show the model learnt on the file (fields, agreement levels, weights) instead of two rows.",
        ABOUT: "Compare two rows field by field: values, agreement, weight and probability of being the same person.",
    }
)


def explain(
    file: Path = typer.Argument(..., metavar="FICHIER", help=FILE_HELP, show_default=False),
    row_a: int | None = typer.Argument(None, metavar="LIGNE", help=ROW_A_HELP, show_default=False),
    row_b: int | None = typer.Argument(None, metavar="LIGNE", help=ROW_B_HELP, show_default=False),
    model: bool = typer.Option(False, "--model", metavar="", help=MODEL_HELP),
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

    def configured() -> Config:
        check_header_row(header_row)
        config = base_config(config_file, file)
        return with_overrides(
            config,
            sheet=sheet,
            header_row=header_row,
            columns={**config.columns, **parse_overrides(mapping)},
            lang=lang,
        )

    if model:
        learnt = run_safely(lambda: learnt_model(file, configured()), lang=voice, debug=debug, json_output=json_output)
        if json_output:
            print_json(learnt)
            return
        render_model(learnt, voice)
        return
    if row_a is None or row_b is None:
        fail(
            word(("Donnez deux numéros de ligne (grc explain FICHIER 12 57), ou --model.",
                  "Give two row numbers (grc explain FILE 12 57), or --model."), voice),
            2,
            "usage",
            json_output,
        )  # fmt: skip
    first_row, second_row = row_a, row_b

    def work() -> tuple[Any, dict[str, object]]:
        return explain_rows(file, configured(), first_row, second_row)

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


def learnt_model(file: Path, config: Config) -> dict[str, Any]:
    """The model grc learns on ``file`` as data: engine, share of matches, and per field and level the
    match weight (``log2(m / u)``); for the Splink engine, Splink's own comparisons and levels too."""
    table = read_file(file, config)
    search = find_people(table.frame, config)
    if search.model is None:
        return {"engine": config.dedupe.engine, "compared": False, "fields": []}
    fields = [
        {"field": name, "levels": [{"level": level, "weight": round(float(weight), 2)}
                                   for level, weight in enumerate(search.model.weights(name))]}
        for name in FIELDS
    ]  # fmt: skip
    return {
        "engine": config.dedupe.engine,
        "compared": True,
        "pairs": len(search.pairs),
        "prior": round(float(search.model.prior), 6),
        "fields": fields,
        "model": search.model.to_dict(),
    }


def render_model(learnt: dict[str, Any], lang: str) -> None:
    console = stdout()
    if not learnt["compared"]:
        console.print(word(VERDICT["not_compared"], lang))
        return
    view = RichTable(title_justify="left")
    for header in MODEL_HEADERS:
        view.add_column(word(header, lang))
    view.add_column(word(EXPLAIN_WEIGHT, lang), justify="right")
    for line in learnt["fields"]:
        name = line["field"]
        for level in reversed(line["levels"]):
            said = LEVEL_WORDS.get(level["level"]) if level["level"] == 0 else None
            key = (name, level["level"])
            words = said or MODEL_LEVEL_WORDS.get(key) or PAIR_REASONS.get(key) or SAME_WORDS.get(name) or SAME
            view.add_row(word(EXPLAIN_FIELDS[name], lang), word(words, lang), signed_weight(level["weight"], lang))
    console.print(view)
    prior = f"{learnt['prior']:.2%}"
    prior = prior.replace(".", ",").replace("%", " %") if lang == "fr" else prior
    pairs = f"{learnt['pairs']:,}".replace(",", "\u202f" if lang == "fr" else ",")
    console.print(word(MODEL_SUMMARY, lang).format(engine=learnt["engine"], pairs=pairs, prior=prior))


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
