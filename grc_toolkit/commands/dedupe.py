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
    EngineOption,
    ForceOption,
    JobsOption,
    JsonOption,
    KeepColumnsOption,
    LangOption,
    MapOption,
    QuietOption,
    ReviewLimitOption,
    ReviewOption,
    SuppressionOption,
    base_config,
    check_lang,
    print_json,
    run_safely,
    stages,
)
from grc_toolkit.commands._language import english
from grc_toolkit.commands.clean import _STAGES, render
from grc_toolkit.config import with_overrides
from grc_toolkit.dedupe.decisions import check_output
from grc_toolkit.io import check_writable, default_output_path
from grc_toolkit.io.lock import output_lock
from grc_toolkit.mapping import parse_overrides

FILES_HELP = "Exports à rapprocher (un ou plusieurs)."
OUTPUT_HELP = "Fichier à écrire (.xlsx ou .csv). Par défaut PREMIER-FICHIER-dedupe.xlsx."
ABOUT = "Rapprocher plusieurs exports et fusionner les personnes qu'ils partagent (un classeur en sortie)."
english(
    {
        FILES_HELP: "Exports to link (one or more).",
        OUTPUT_HELP: "File to write (.xlsx or .csv). By default FIRST-FILE-dedupe.xlsx.",
        ABOUT: "Link several exports and merge the people they share (one workbook out).",
    }
)


def dedupe(
    files: list[Path] = typer.Argument(..., metavar="FICHIERS", help=FILES_HELP, show_default=False),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FICHIER", help=OUTPUT_HELP),
    mapping: list[str] = MapOption,
    config_file: Path | None = ConfigOption,
    auto: float | None = AutoOption,
    engine: str | None = EngineOption,
    jobs: int | None = JobsOption,
    review: float | None = ReviewOption,
    review_limit: int | None = ReviewLimitOption,
    decisions: list[Path] = DecisionsOption,
    keep_columns: str | None = KeepColumnsOption,
    force: bool = ForceOption,
    suppression: Path | None = SuppressionOption,
    quiet: bool = QuietOption,
    json_output: bool = JsonOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    """Rapprocher plusieurs exports et fusionner les personnes qu'ils partagent (un classeur en sortie)."""
    voice = check_lang(lang, json_output)  # the terminal's language; the workbook's is --lang, else grc.toml

    def work() -> CleanRun:
        if files:
            target = output if output is not None else default_output_path(files[0], suffix="-dedupe")
            check_output(target, decisions)  # before --force is looked at: a decisions file is never replaced
        if files and all(path.is_file() for path in files):  # else the reader says "Fichier introuvable" at once
            check_writable(target, protect=list(files), force=force)
        config = base_config(config_file, files[0] if files else None)
        columns = {**config.columns, **parse_overrides(mapping)}
        config = with_overrides(
            config,
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
        with (
            output_lock(target if files else None),
            stages(not quiet and not json_output, _STAGES[voice], voice) as on_stage,
        ):
            return dedupe_files(
                list(files), config, output=output, on_stage=on_stage, decisions=decisions or None, force=force
            )

    done = run_safely(work, lang=voice, debug=debug, json_output=json_output)
    if json_output:
        print_json(done.report.to_dict())
    elif not quiet:
        render(done, voice)
