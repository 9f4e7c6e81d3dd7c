"""``grc dedupe FILE [FILE...]``: link and merge the people several exports share."""

from __future__ import annotations

from pathlib import Path

import typer

from grc_toolkit.api import CleanRun, dedupe_files
from grc_toolkit.commands._common import (
    AutoOption,
    ConfigOption,
    DebugOption,
    DecisionsOption,
    ForceOption,
    JsonOption,
    LangOption,
    MapOption,
    QuietOption,
    ReviewOption,
    base_config,
    check_lang,
    print_json,
    run_safely,
    stages,
)
from grc_toolkit.commands.clean import _STAGES, render
from grc_toolkit.config import with_overrides
from grc_toolkit.mapping import parse_overrides


def dedupe(
    files: list[Path] = typer.Argument(..., help="Exports à rapprocher (un ou plusieurs).", show_default=False),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Fichier à écrire (.xlsx ou .csv). Par défaut PREMIER-FICHIER-dedupe.xlsx."
    ),
    mapping: list[str] = MapOption,
    config_file: Path | None = ConfigOption,
    auto: float | None = AutoOption,
    review: float | None = ReviewOption,
    decisions: Path | None = DecisionsOption,
    force: bool = ForceOption,
    quiet: bool = QuietOption,
    json_output: bool = JsonOption,
    lang: str = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Rapprocher plusieurs exports et fusionner les personnes qu'ils partagent (un classeur en sortie)."""
    lang = check_lang(lang)

    def work() -> CleanRun:
        config = base_config(config_file, files[0] if files else None)
        columns = {**config.columns, **parse_overrides(mapping)}
        config = with_overrides(config, auto=auto, review=review, lang=lang, columns=columns)
        with stages(not quiet and not json_output, _STAGES[lang]) as on_stage:
            return dedupe_files(list(files), config, output=output, on_stage=on_stage, decisions=decisions, force=force)

    done = run_safely(work, lang=lang, debug=debug)
    if json_output:
        print_json(done.report.to_dict())
    elif not quiet:
        render(done, lang)
