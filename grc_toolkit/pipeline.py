"""The road of the data, composed in one place: map columns -> clean -> dedupe -> merge -> finish.

Each stage is a function returning data (:mod:`grc_toolkit.stages`, :func:`grc_toolkit.dedupe.find_duplicates`);
no stage words anything: :mod:`grc_toolkit.present` turns a :class:`PipelineResult` into sheets.
Reading and writing files live in :mod:`grc_toolkit.io`; :func:`grc_toolkit.api.clean_file` joins them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from grc_toolkit.cleaners.base import as_text
from grc_toolkit.config import Config, DedupeOptions
from grc_toolkit.dedupe import DedupeResult, find_duplicates
from grc_toolkit.dedupe.decisions import Decisions
from grc_toolkit.dedupe.sheets import merged_groups
from grc_toolkit.mapping import ColumnMapping, map_columns
from grc_toolkit.progress import part, report
from grc_toolkit.results import FLAG, FieldResult, Issue
from grc_toolkit.schema import HOUSEHOLD, ISSUES, SOURCE_ROWS
from grc_toolkit.second_pass import carried_columns, earlier_kept_apart, given_columns, given_issues, households
from grc_toolkit.stages.clean import CleanedColumns, CleanStage, changes_frame, clean_columns, clean_in_parallel
from grc_toolkit.stages.finish import finish_stage, merge_stage
from grc_toolkit.suppression import SuppressionList, person_keys

__all__ = [
    "CleanStage",
    "CleanedColumns",
    "PipelineResult",
    "changes_frame",
    "clean_columns",
    "clean_stage",
    "dedupe_stage",
    "find_people",
    "map_and_clean",
    "run",
    "run_cleaned",
]

#: No merged group (:attr:`PipelineResult.duplicates`; with groups, the levels of their weakest pair follow).
_NO_GROUPS = pd.DataFrame(columns=["row", "members", "probability"])


@dataclass(frozen=True)
class PipelineResult:
    """Everything one run produced, as data.

    ``data``: the records to write (``grc_issues`` aside: :func:`grc_toolkit.present.contacts` words it from
    ``issues``). ``changes``: one row per changed cell (row, column, before, after, rule ``code``).
    ``duplicates``: one row per merged group (its ``row`` position in ``data``, its input positions
    ``members``, the ``probability`` and comparison levels of its weakest pair). ``review``: the pairs a
    person should decide on (input positions ``left``, ``right``, probability, levels). ``search``: the
    deduplication (None when off). ``cleaned``: the clean stage, on input positions; ``source_rows``: each
    input position's row as the spreadsheet shows it.
    """

    data: pd.DataFrame
    changes: pd.DataFrame
    mapping: ColumnMapping
    rows_in: int
    field_counts: dict[str, dict[str, int]]  # column -> status -> count (before dedupe)
    issues: tuple[Issue, ...] = ()
    duplicates: pd.DataFrame = field(default_factory=lambda: _NO_GROUPS.copy())
    review: pd.DataFrame = field(default_factory=pd.DataFrame)
    search: DedupeResult | None = None
    cleaned: CleanStage | None = None
    source_rows: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))
    #: per input position, the row of ``data`` it ended in (its merged record's); None: one row each, in order
    contacts_positions: np.ndarray | None = None
    #: the rows of the export left out before cleaning's results were used, as the spreadsheet numbers them:
    #: erased people's (the suppression list, :mod:`grc_toolkit.suppression`); not counted in ``rows_in``
    removed: tuple[str, ...] = ()
    #: how many people those removed rows are
    removed_people: int = 0

    def contacts_position(self) -> np.ndarray:
        """Per input position, the position in ``data`` of the record it ended in."""
        if self.contacts_positions is not None:
            return self.contacts_positions
        return np.arange(len(self.data), dtype=np.int64)

    @property
    def rows_out(self) -> int:
        return len(self.data)

    @property
    def rows_with_issues(self) -> int:
        return len({issue.row for issue in self.issues})


def default_rows(frame: pd.DataFrame) -> pd.Series:
    """Each row's number as a spreadsheet shows it when the header is on row 1."""
    return pd.Series(np.arange(2, len(frame) + 2), index=frame.index)


def run(
    frame: pd.DataFrame,
    config: Config | None = None,
    *,
    source_rows: pd.Series | None = None,
    decisions: Decisions | None = None,
    suppression: SuppressionList | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> PipelineResult:
    """Clean (and unless disabled, deduplicate) a frame of text cells; the input is not modified.

    ``source_rows`` gives each row's number as a spreadsheet shows it (default: header on row 1, data from 2);
    ``decisions`` are a person's review decisions (see :mod:`grc_toolkit.dedupe.decisions`); the rows of
    people on the ``suppression`` list (erased) are left out once cleaned, before anything else sees them.

    grc's own output can be read again: its ``grc_*`` columns are never mapped to a field; lists
    (``grc_other_emails``...), ``grc_source_rows``, ``grc_contact_count`` and ``grc_first_contact`` are kept
    and merged, the quality, issues, line type and household computed again.
    """
    config = config or Config()
    frame = frame.reset_index(drop=True)
    source_rows = (default_rows(frame) if source_rows is None else source_rows).reset_index(drop=True)
    mapping, cleaned = map_and_clean(frame, config)
    removed: tuple[str, ...] = ()
    people = 0
    if suppression is not None and not suppression.empty:
        keys = person_keys(frame, cleaned, mapping)
        hit = suppression.matches(keys)
        if hit.any():
            removed, people = tuple(source_rows[hit].astype(str)), suppression.people(keys, hit)
            frame, cleaned = frame[~hit].reset_index(drop=True), cleaned.take(~hit)
            source_rows = source_rows[~hit].reset_index(drop=True)
    changes = changes_frame(frame, cleaned, source_rows)
    result = run_cleaned(
        frame,
        cleaned,
        mapping,
        config,
        source_rows=source_rows,
        changes=changes,
        decisions=decisions,
        on_stage=on_stage,
    )
    return replace(result, removed=removed, removed_people=people) if removed else result


def map_and_clean(frame: pd.DataFrame, config: Config) -> tuple[ColumnMapping, CleanStage]:
    """The map and clean stages: which column holds which field, and each mapped column cleaned (on Spark's
    partitions with ``engine = "spark"``, :mod:`grc_toolkit.spark`)."""
    mapping = map_columns(frame, config.columns)
    return mapping, clean_stage(frame, mapping, config)


def clean_stage(frame: pd.DataFrame, mapping: ColumnMapping, config: Config) -> CleanStage:
    """Each mapped column cleaned, on this machine (a large file by ``jobs`` processes, each its own rows:
    :func:`~grc_toolkit.stages.clean.clean_in_parallel`) or on Spark's partitions (``engine = "spark"``)."""
    if config.dedupe.engine == "spark":
        from grc_toolkit.spark import clean_on_spark

        return clean_on_spark(frame, mapping, config.clean)
    return clean_in_parallel(frame, mapping, config.clean, processes(config.clean.jobs))


def processes(jobs: int) -> int:
    """How many processes ``jobs`` asks for: itself, or with 0 one per processor this process may use."""
    if jobs:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def dedupe_stage(
    frame: pd.DataFrame,
    cleaned: CleanStage,
    mapping: ColumnMapping,
    options: DedupeOptions,
    decisions: Decisions | None = None,
    *,
    jobs: int = 1,
) -> DedupeResult:
    """Who is one person among the cleaned records; in grc's own output, the rows it kept apart stay apart
    (``jobs``: processes that key a large file's records)."""
    return earlier_kept_apart(find_duplicates(cleaned.data, mapping, options, decisions, jobs=jobs), frame)


def find_people(frame: pd.DataFrame, config: Config) -> DedupeResult:
    """Map, clean and deduplicate ``frame`` without merging (``grc explain`` compares two of its rows)."""
    frame = frame.reset_index(drop=True)
    mapping, cleaned = map_and_clean(frame, config)
    return dedupe_stage(frame, cleaned, mapping, config.dedupe, jobs=processes(config.clean.jobs))


def run_cleaned(
    frame: pd.DataFrame,
    cleaned: CleanStage,
    mapping: ColumnMapping,
    config: Config,
    *,
    source_rows: pd.Series,
    changes: pd.DataFrame,
    decisions: Decisions | None = None,
    field_counts: Mapping[str, dict[str, int]] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> PipelineResult:
    """The stages after cleaning: dedupe, merge, finish. ``frame`` holds the input cells (positional index),
    ``cleaned`` their cleaning; grc's own columns in ``frame`` (a second pass) are carried and merged."""
    kept_issues: dict[str, pd.Series] = {}
    if ISSUES in frame:
        cleaned, kept_issues = given_issues(cleaned, as_text(frame[ISSUES]))
    statuses = {column: result.status for column, result in cleaned.results.items()}
    counts = dict(field_counts) if field_counts is not None else _counts(cleaned.results)
    data = pd.concat([cleaned.data.drop(columns=given_columns(frame)), carried_columns(frame, cleaned)], axis=1)
    rows = source_rows.astype(str)
    if SOURCE_ROWS in frame:  # a second pass: the rows of the original export, not of grc's output
        given_rows = as_text(frame[SOURCE_ROWS])
        rows = given_rows.where(given_rows != "", rows)
    duplicates, review, search, chosen = _NO_GROUPS.copy(), pd.DataFrame(), None, None
    positions: np.ndarray | None = None
    if config.dedupe.enabled and len(data) > 1:
        if on_stage is not None:
            on_stage("dedupe")
        with part(0.0, 0.78):  # the rest of the stage: the review, households, merging (timed at 100k rows)
            search = dedupe_stage(frame, cleaned, mapping, config.dedupe, decisions, jobs=processes(config.clean.jobs))
        groups = pd.Series(search.groups)
        review = search.review_pairs(config.dedupe, valued_records(search, cleaned.data, mapping))
        household = households(search.households(), frame)
        report(0.85, 1)
        if groups.nunique() < len(groups):
            flags = {column: result.extra[FLAG] for column, result in cleaned.results.items() if FLAG in result.extra}
            with part(0.85, 0.97):
                merged = merge_stage(data, statuses, mapping, source_rows, rows, groups, flags)
            data, statuses, rows, chosen = merged.data, merged.statuses, merged.rows, merged.chosen
            duplicates = merged_groups(search, merged.members)
            positions = np.empty(len(frame), dtype=np.int64)
            for row, members in enumerate(merged.members):
                positions[np.asarray(members, dtype=np.int64)] = row
            household = household[[positions[0] for positions in merged.members]]
        data[HOUSEHOLD] = _numbered_in_order(household)
    report(0.97, 1)
    finished = finish_stage(data, statuses, rows, mapping, cleaned, chosen=chosen, kept_issues=kept_issues)
    report(1, 1)
    return PipelineResult(
        finished.data,
        changes,
        mapping,
        len(frame),
        counts,
        finished.issues,
        duplicates,
        review,
        search,
        cleaned,
        source_rows,
        positions,
    )


def valued_records(search: DedupeResult, data: pd.DataFrame, mapping: ColumnMapping) -> np.ndarray | None:
    """Per record, whether deciding on it is worth more: consent "oui", or a contact in the year before the
    file's latest (the file's own clock, so a run gives the same order any day)."""
    if search.records is None:
        return None
    dates = search.records["date"].fillna("").astype(str).to_numpy(dtype=object)
    latest = max((d for d in dates if d), default="")
    valued = np.zeros(len(dates), dtype=bool)
    if latest:
        cutoff = f"{int(latest[:4]) - 1}{latest[4:]}" if latest[:4].isdigit() else latest
        valued = (dates != "") & (dates >= cutoff)
    column = mapping.column_of("consent")
    if column is not None and len(data) == len(valued):
        valued |= data[column].fillna("").astype(str).to_numpy() == "oui"
    return valued.astype(bool)


def _counts(results: Mapping[str, FieldResult]) -> dict[str, dict[str, int]]:
    return {column: result.counts() for column, result in results.items()}


def _numbered_in_order(household: np.ndarray) -> np.ndarray:
    """Household numbers 1, 2... in the order the rows are written ("" when none): the same households
    get the same numbers when the output is cleaned again."""
    numbered = np.full(len(household), "", dtype=object)
    linked = household > 0
    numbered[linked] = (pd.factorize(household[linked])[0] + 1).astype(str)
    return numbered
