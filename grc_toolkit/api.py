"""File-level entry points: read -> pipeline -> write, for the command line and for scripts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from grc_toolkit import present, progress, suppression
from grc_toolkit.cleaners.base import first_filled
from grc_toolkit.config import Config
from grc_toolkit.dedupe.decisions import Decisions, check_output, load_decisions
from grc_toolkit.errors import InputError
from grc_toolkit.io import Table, default_output_path, read_table, write_table
from grc_toolkit.mapping import ColumnMapping, map_columns
from grc_toolkit.pipeline import PipelineResult, changes_frame, clean_stage, run, run_cleaned
from grc_toolkit.present import labels
from grc_toolkit.quality import assess
from grc_toolkit.report import CleanReport, build_report
from grc_toolkit.results import EMPTY, FLAG, FieldResult, QualityReport
from grc_toolkit.schema import FIELDS, ISSUES, PHONE_FIELDS, SOURCE_FILE, SOURCE_ROWS, field_label
from grc_toolkit.second_pass import carried_columns
from grc_toolkit.stages import accounting
from grc_toolkit.stages.clean import CleanStage, cleaning_order
from grc_toolkit.suppression import SuppressionList, person_keys
from grc_toolkit.timings import StageClock, peak_memory_mb

#: Sheet names of the written workbook, French then English (their home is :mod:`grc_toolkit.present`).
SHEETS = labels.SHEETS
#: A person's review decisions: a reviewed workbook (or CSV), several of them, or already read.
DecisionsGiven = str | Path | Sequence[str | Path] | Decisions | None


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
        path,
        sheet=options.sheet,
        encoding=options.encoding,
        delimiter=options.delimiter,
        header_row=options.header_row,
        max_unzipped_mb=options.max_unzipped_mb,
    )


def clean_file(
    path: str | Path,
    config: Config | None = None,
    *,
    output: str | Path | None = None,
    write: bool = True,
    on_stage: Callable[[str], None] | None = None,
    decisions: DecisionsGiven = None,
    force: bool = False,
) -> CleanRun:
    """Clean one export and write ``FILE-clean.xlsx`` (or ``output``) beside it; the input is never modified.

    An existing output is replaced only when grc wrote it from this same export and nobody changed it since,
    or with ``force=True`` (see :func:`grc_toolkit.io.write_table`). ``decisions`` (one reviewed workbook or
    several, merged) are applied, then carried into the new review sheet; the output is never one of them."""
    config = config or Config()
    stage = StageClock(on_stage)
    target = Path(output) if output is not None else default_output_path(Path(path))
    decided = _decisions(target if write else None, decisions)
    stage("read")
    table = read_file(path, config)
    _check_rows(table, config)
    stage("clean")
    result = run(
        table.frame,
        config,
        source_rows=table.source_rows,
        decisions=decided,
        suppression=suppression_of(config),
        on_stage=stage,
    )
    report = build_report(
        file=Path(path).name,
        output=str(target) if write else None,
        fmt=table.format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
        header_row=table.header_row,
        warnings=_warnings(table, config.lang),
        result=result,
    )
    accounting.check_rows(result, [table])  # every row read is in the output, before anything is written
    if write:
        stage("write")
        with progress.part(0.0, 0.4):  # the sheets laid out, then written (xlsx: row by row, CSV: at once)
            book = output_sheets(result, report, config.lang, decided, config.keep_columns)
        with progress.part(0.4, 1.0):
            _write_book(target, book, config, result, [Path(path)], force)
    report = replace(report, timings=stage.finish(), peak_memory_mb=peak_memory_mb())
    return CleanRun(table, result, report, target if write else None)


def score_file(
    path: str | Path,
    config: Config | None = None,
    *,
    as_of: date | None = None,
    office: str | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> QualityReport:
    """The quality of one export (``grc score``): cleaned and deduplicated in memory, nothing written, the
    export untouched. Freshness is counted at ``as_of`` (today when not given, as the report says)."""
    config = config or Config()
    done = clean_file(path, config, write=False, on_stage=on_stage)
    return assess(
        done.result,
        done.table.frame,
        config.quality,
        file=Path(path).name,
        as_of=as_of or date.today(),
        as_of_source="option" if as_of is not None else "today",
        office=office,
    )


def suppression_of(config: Config) -> SuppressionList:
    """The suppression list every run honours (grc.toml's ``suppression``, else GRC_SUPPRESSION, else the
    user's data folder): erased people's rows are left out (:mod:`grc_toolkit.suppression`)."""
    return suppression.load(suppression.resolve_path(config.suppression))


def _decisions(target: Path | None, decisions: DecisionsGiven) -> Decisions | None:
    """The decisions given, read and merged, once the output is known not to be one of their files."""
    if target is not None:
        check_output(target, decisions)
    if decisions is None or isinstance(decisions, Decisions):
        return decisions
    return load_decisions(decisions)


def _check_rows(table: Table, config: Config) -> None:
    """A header the mapping recognises with no row under it is a valid empty export (a month
    without new contacts); a lone row naming no contact field is not a contact table."""
    if not table.frame.empty:
        return
    if map_columns(table.frame, config.columns).matches:
        return
    name = str(table.path)
    raise InputError(
        f"{name} ne contient aucune ligne de données sous l'en-tête, et aucune colonne de contact n'y est "
        "reconnue : vérifiez la feuille (--sheet), la ligne d'en-tête (--header-row) ou le fichier.",
        f"{name} has no data rows under its header, and no contact column is recognised in it: check the "
        "sheet (--sheet), the header row (--header-row) or the file.",
    )


def _warnings(table: Table, lang: str) -> tuple[str, ...]:
    return table.warnings_en if lang == "en" else table.warnings


def output_sheets(
    result: PipelineResult,
    report: CleanReport,
    lang: str = "fr",
    decisions: Decisions | None = None,
    keep_columns: str = "all",
) -> dict[str, pd.DataFrame]:
    """The workbook (:func:`grc_toolkit.present.sheets`): cleaned contacts first, then every change, the merged
    duplicates, the pairs a person should decide on (when deduplicating) and the ``decisions`` already made,
    then the summary (``keep_columns="original"``: grc's columns in a side sheet)."""
    return present.sheets(result, report, lang, decisions, keep_columns)


def _write_book(
    target: Path,
    book: dict[str, pd.DataFrame],
    config: Config,
    result: PipelineResult,
    protect: list[Path],
    force: bool,
) -> None:
    """Write the workbook; a CSV holds the contacts only, so with ``keep_columns="original"`` grc's columns go
    to ``FILE-grc.csv`` beside it (written first: the contacts never appear without them)."""
    if target.suffix.lower() != ".xlsx" and config.keep_columns == "original":
        side = book[labels.word(labels.SHEETS["grc_columns"], config.lang)]
        write_table(side_path(target), {"grc": side}, protect=protect, force=force)
    write_table(target, book, protect=protect, force=force, layouts=present.sheet_layouts(config.lang, result, book))


def side_path(target: Path) -> Path:
    """Where a CSV output's grc columns go with ``--keep-columns original``: ``export-clean-grc.csv``."""
    return target.with_name(f"{target.stem}-grc{target.suffix}")


def dedupe_files(
    paths: list[str | Path],
    config: Config | None = None,
    *,
    output: str | Path | None = None,
    write: bool = True,
    on_stage: Callable[[str], None] | None = None,
    decisions: DecisionsGiven = None,
    force: bool = False,
) -> CleanRun:
    """Clean several exports, link and merge the people they share, and write one workbook.

    Each file is read and mapped on its own (offices' headers differ), then every file's recognised
    fields are put side by side under the canonical names (``Nom``, ``Courriel``...) and deduplicated
    together. ``grc_source_rows`` says ``file:row`` for every record merged, ``grc_source_file`` which files.
    """
    config = config or Config()
    stage = StageClock(on_stage)
    if not paths:
        raise InputError("Donnez au moins un fichier à dédoublonner.", "Give at least one file to deduplicate.")
    target = Path(output) if output is not None else default_output_path(Path(paths[0]), suffix="-dedupe")
    decided = _decisions(target if write else None, decisions)
    stage("read")
    tables = [read_file(path, config) for path in paths]
    for table in tables:
        _check_rows(table, config)
    stage("clean")
    mappings = [map_columns(table.frame, config.columns) for table in tables]
    with_country = any(mapping.column_of("country") is not None for mapping in mappings)
    erased = suppression_of(config)
    cleaned_files = [
        _clean_part(Path(path), table, mapping, config, with_country, erased)
        for path, table, mapping in zip(paths, tables, mappings, strict=True)
    ]
    parts = [part.data for part in cleaned_files]
    counts: dict[str, dict[str, int]] = {}
    for part in cleaned_files:
        for label, cleaning in part.results.items():
            for status, count in cleaning.counts().items():
                counts.setdefault(label, {}).setdefault(status, 0)
                counts[label][status] += count
    combined = pd.concat(parts, ignore_index=True).fillna("")
    labels_ = {field.name: field_label(field.name, config.lang) for field in FIELDS}
    forced = {label: name for name, label in labels_.items() if label in combined.columns}
    merged_config = replace(config, columns=forced)
    mapping = map_columns(combined, forced)
    # each row is cleaned once, by its own file's cleaning: the combined columns hold its results
    stacked = _stacked([part.results for part in cleaned_files], [len(part) for part in parts], cleaning_order(mapping))
    result = run_cleaned(
        combined,
        _combined_cleaning(combined, stacked, mapping),
        mapping,
        merged_config,
        source_rows=pd.concat([part.rows for part in cleaned_files], ignore_index=True),
        changes=pd.concat([part.changes for part in cleaned_files], ignore_index=True),  # each file's cleaning
        decisions=decided,
        field_counts=counts,
        on_stage=stage,
    )
    result.data[SOURCE_FILE] = _files_of(result.data[SOURCE_ROWS])
    removed = tuple(row for part in cleaned_files for row in part.removed)
    if removed:
        result = replace(result, removed=removed, removed_people=sum(part.removed_people for part in cleaned_files))
    names = " + ".join(Path(path).name for path in paths)
    report = build_report(
        file=names,
        output=str(target) if write else None,
        fmt="+".join(sorted({table.format for table in tables})),
        encoding=None,
        delimiter=None,
        sheet=None,
        header_row=tables[0].header_row,
        warnings=tuple(
            f"{table.path.name}{':' if config.lang == 'en' else ' :'} {warning}"
            for table in tables
            for warning in _warnings(table, config.lang)
        ),
        result=result,
    )
    accounting.check_rows(result, tables, with_file=True)  # every row read is in the output
    if write:
        stage("write")
        book = output_sheets(result, report, config.lang, decided, config.keep_columns)
        _write_book(target, book, config, result, [Path(p) for p in paths], force)
    report = replace(report, timings=stage.finish(), peak_memory_mb=peak_memory_mb())
    return CleanRun(tables[0], result, report, target if write else None)


@dataclass(frozen=True)
class _FilePart:
    """One file of a multi-file dedupe after its cleaning: its recognised fields under the canonical names
    (``Nom``, ``Courriel``...) with grc's columns, their cleaning results, its rows and changes."""

    data: pd.DataFrame
    results: dict[str, FieldResult]
    rows: pd.Series
    changes: pd.DataFrame
    removed: tuple[str, ...] = ()  # erased people's rows, ``file:row``
    removed_people: int = 0


def _clean_part(
    path: Path, table: Table, mapping: ColumnMapping, config: Config, with_country: bool, erased: SuppressionList
) -> _FilePart:
    """Clean one file with its own headers. When another file has a country column and this one none, its
    rows get a blank one, filled as any blank country is (from the postcode, phone or email ending).
    Rows of people on the suppression list (``erased``) are left out."""
    frame, country = table.frame, field_label("country", config.lang)
    if with_country and mapping.column_of("country") is None and country not in frame:
        frame = frame.assign(**{country: ""})
        mapping = map_columns(frame, {**config.columns, country: "country"})
    cleaned = clean_stage(frame, mapping, config)
    rows = path.name + ":" + table.source_rows.astype(str)
    removed: tuple[str, ...] = ()
    people = 0
    if not erased.empty:
        keys = person_keys(frame, cleaned, mapping)
        hit = erased.matches(keys)
        if hit.any():
            removed, people = tuple(rows[hit]), erased.people(keys, hit)
            frame, cleaned = frame[~hit].reset_index(drop=True), cleaned.take(~hit)
            rows = rows[~hit].reset_index(drop=True)
    part = pd.DataFrame(index=frame.index)
    results: dict[str, FieldResult] = {}
    for match in mapping.matches:
        label = field_label(match.field, config.lang)
        if label not in part:
            part[label] = cleaned.data[match.column]
            if match.column in cleaned.results:
                results[label] = cleaned.results[match.column]
    # the other emails and phones the cleaning found, and the lists and issues of a file grc already wrote
    part = part.join(carried_columns(frame, cleaned).drop(columns=[SOURCE_FILE], errors="ignore"))
    if ISSUES in frame:
        named = {match.column: field_label(match.field, config.lang) for match in mapping.matches}
        part[ISSUES] = _renamed_issues(frame[ISSUES], named)
    part[SOURCE_FILE] = path.name
    return _FilePart(part, results, rows, changes_frame(frame, cleaned, rows), removed, people)


def _stacked(cleanings: list[dict[str, FieldResult]], lengths: list[int], order: list[str]) -> dict[str, FieldResult]:
    """Per column of the combined files (in ``order``), their cleaning results one file after the other
    (empty where a file has no such column), on the combined positions, with the warning flags and line types."""
    stacked = {}
    for label in [column for column in order if any(column in results for results in cleanings)]:
        found = [results.get(label) for results in cleanings]
        parts: dict[str, list[pd.Series]] = {name: [] for name in ("values", "status", "reason", FLAG, "line_type")}
        for result, length in zip(found, lengths, strict=True):
            blank = pd.Series("", index=range(length), dtype=object)
            given = {"values": blank, "status": blank.replace("", EMPTY), "reason": blank}
            if result is not None:
                given = {"values": result.values, "status": result.status, "reason": result.reason, **result.extra}
            for name, series in parts.items():
                series.append(given.get(name, blank).astype(object).reset_index(drop=True))
        joined = {name: pd.concat(series, ignore_index=True) for name, series in parts.items()}
        extra = {
            name: joined[name] for name in (FLAG, "line_type") if any(r is not None and name in r.extra for r in found)
        }
        stacked[label] = FieldResult(joined["values"], joined["status"], joined["reason"], extra)
    return stacked


def _combined_cleaning(combined: pd.DataFrame, results: dict[str, FieldResult], mapping: ColumnMapping) -> CleanStage:
    """The clean stage of the combined files, from each file's own cleaning (its values are in ``combined``):
    the other emails and phones it found are already in ``combined``'s grc columns."""
    none = pd.Series("", index=combined.index, dtype=object)
    phones = [column for kind in PHONE_FIELDS for column in mapping.columns_of(kind) if column in results]
    line_type = (
        first_filled([results[c].extra.get("line_type", none) for c in phones], combined.index) if phones else None
    )
    return CleanStage(combined.copy(), results, none, none.copy(), line_type)


def _renamed_issues(issues: pd.Series, labels: dict[str, str]) -> pd.Series:
    """``grc_issues`` a file grc wrote, about the combined columns: ``Tél. : ...`` -> ``Téléphone : ...``."""
    text = issues.fillna("").astype(str)
    parts = text[text != ""].str.split(" ; ").explode()
    column, said = parts.str.split(" : ", n=1).str[0], parts.str.split(" : ", n=1).str[1]
    renamed = (column.map(labels) + " : " + said).dropna()
    joined = renamed.groupby(level=0).agg(" ; ".join)
    return joined.reindex(text.index, fill_value="").astype(object)


def _files_of(source_rows: pd.Series) -> pd.Series:
    """``a.csv:2 ; b.xlsx:5`` -> ``a.csv ; b.xlsx``."""
    return source_rows.map(
        lambda cell: " ; ".join(dict.fromkeys(part.rsplit(":", 1)[0] for part in str(cell).split(" ; ")))
    )
