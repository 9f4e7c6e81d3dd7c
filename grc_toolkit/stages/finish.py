"""The last stages: merge each group of duplicates into one record, then add grc's columns (source rows,
quality, lists, line type...) and say what is still wrong, as :class:`~grc_toolkit.results.Issue` data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from grc_toolkit.cleaners.base import as_text
from grc_toolkit.dedupe.merge import MergeInput, merge_groups, other_values, sum_members, union_members
from grc_toolkit.mapping import ColumnMapping
from grc_toolkit.messages import code_of
from grc_toolkit.quality import record_scores
from grc_toolkit.results import EARLIER_ISSUE, FLAG, INVALID, FieldResult, Issue
from grc_toolkit.schema import (
    ACTIVITY_DATE_FIELDS,
    CONTACT_COUNT,
    FIRST_CONTACT,
    GRC_COLUMNS,
    HOUSEHOLD,
    LINE_TYPE,
    OTHER_EMAILS,
    OTHER_PHONES,
    OTHER_VALUES,
    PHONE_FIELDS,
    QUALITY,
    SOURCE_FILE,
    SOURCE_IDS,
    SOURCE_ROWS,
)
from grc_toolkit.second_pass import union_lists
from grc_toolkit.stages.clean import CleanStage

#: The separator of the items of a ``grc_issues`` cell.
ISSUE_SEPARATOR = " ; "


@dataclass(frozen=True)
class MergeStage:
    """The records after merging each group: ``members`` (per output row, its input positions) and
    ``chosen`` (per column, the input position whose cell each output row kept)."""

    data: pd.DataFrame
    statuses: dict[str, pd.Series]
    rows: pd.Series  # grc_source_rows of each output row
    members: pd.Series
    chosen: dict[str, np.ndarray]


@dataclass(frozen=True)
class FinishStage:
    """What is written (``data``, without ``grc_issues``, which :mod:`grc_toolkit.present` words from
    ``issues``) and the issues of each output row."""

    data: pd.DataFrame
    issues: tuple[Issue, ...]


def merge_stage(
    data: pd.DataFrame,
    statuses: dict[str, pd.Series],
    mapping: ColumnMapping,
    source_rows: pd.Series,
    rows: pd.Series,
    groups: pd.Series,
    flags: Mapping[str, pd.Series],
) -> MergeStage:
    """Merge each group into one record.

    grc's columns (:func:`~grc_toolkit.second_pass.carried_columns`) are combined: lists united, counts summed,
    the first contact the earliest; ``rows`` (each record's ``grc_source_rows``) united too.
    """
    base_columns = [c for c in data.columns if c not in GRC_COLUMNS]
    first_contact = data[FIRST_CONTACT] if FIRST_CONTACT in data else None
    merged = merge_groups(
        MergeInput(data[base_columns], statuses, mapping, source_rows, first_contact, flags=flags), groups
    )
    out, members = merged.data, merged.members
    for other, fields_ in ((OTHER_EMAILS, ("email",)), (OTHER_PHONES, PHONE_FIELDS)):
        columns = [c for f in fields_ for c in mapping.columns_of(f)]
        if columns:
            sources = data[[*columns, other]].reset_index(drop=True)
            out[other] = other_values(sources, out[columns[0]], members)
        else:
            out[other] = union_members(data[other], members)
    lost = merged.other_values
    if OTHER_VALUES in data:
        lost = union_lists([union_members(data[OTHER_VALUES], members), lost])
    out[OTHER_VALUES] = lost.to_numpy()
    id_column = mapping.column_of("record_id")
    if id_column is not None or SOURCE_IDS in data:
        ids = as_text(data[id_column]) if id_column is not None else pd.Series("", index=data.index, dtype=object)
        if SOURCE_IDS in data:
            ids = data[SOURCE_IDS].where(data[SOURCE_IDS] != "", ids)
        out[SOURCE_IDS] = union_members(ids, members).to_numpy()
    if SOURCE_FILE in data:
        out[SOURCE_FILE] = union_members(data[SOURCE_FILE], members).to_numpy()
    counts = data[CONTACT_COUNT].to_numpy(dtype=float) if CONTACT_COUNT in data else np.ones(len(data))
    out[CONTACT_COUNT] = sum_members(counts, members).to_numpy()
    if first_contact is not None or any(mapping.columns_of(field) for field in ACTIVITY_DATE_FIELDS):
        out[FIRST_CONTACT] = merged.first_contact.to_numpy()
    rows = union_members(rows.reset_index(drop=True), members)
    return MergeStage(out, merged.statuses, rows, members, merged.chosen)


def cell_codes(results: Mapping[str, FieldResult]) -> dict[str, pd.Series]:
    """Per column, the rule code of what is still wrong in each cell ("" when fine): the reason of an
    invalid value, else the cleaner's warning flag on a valid one (``email.role``)."""
    codes = {}
    for column, result in results.items():
        bad = result.status == INVALID
        code = result.reason
        if FLAG in result.extra:
            flag = result.extra[FLAG]
            code = code.where(bad, flag)
            bad = bad | (flag != "")
        codes[column] = code.where(bad, "").astype(object)
    return codes


def _issues(
    cleaned: CleanStage,
    statuses: Mapping[str, pd.Series],
    mapping: ColumnMapping,
    chosen: Mapping[str, np.ndarray] | None,
    kept_issues: Mapping[str, pd.Series],
) -> tuple[Issue, ...]:
    """The issues of each output row, row by row, in the order of the columns: an earlier run's kept issue
    (:func:`~grc_toolkit.second_pass.given_issues`) first, else this run's code; a consent only when invalid."""
    found: list[tuple[int, int, int, Issue]] = []
    consent = set(mapping.columns_of("consent"))
    for order, (column, codes) in enumerate(cell_codes(cleaned.results).items()):
        kept = kept_issues.get(column)
        code_cells, kept_cells = codes.to_numpy(dtype=object), None if kept is None else kept.to_numpy(dtype=object)
        if chosen is not None:
            code_cells = code_cells[chosen[column]]
            kept_cells = None if kept_cells is None else kept_cells[chosen[column]]
        bad = code_cells != ""
        if kept_cells is not None:
            bad |= kept_cells != ""
        if column in consent:
            bad &= statuses[column].to_numpy(dtype=object) == INVALID
        for position in np.flatnonzero(bad):
            row = int(position) + 2  # the row of the written sheet, its header on row 1
            given = "" if kept_cells is None else str(kept_cells[position])
            if given:
                for part, text in enumerate(given.split(ISSUE_SEPARATOR)):
                    said = text.split(" : ", 1)[-1]
                    issue = Issue(code_of(said) or EARLIER_ISSUE, row, column, given=text)
                    found.append((row, order, part, issue))
            else:
                found.append((row, order, 0, Issue(str(code_cells[position]), row, column)))
    found.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in found)


def _field_flags(
    results: Mapping[str, FieldResult], mapping: ColumnMapping, chosen: Mapping[str, np.ndarray] | None
) -> dict[str, pd.Series]:
    """Per field, the warning flag of each output row's cell (the merged record's chosen cell), for its score."""
    flags: dict[str, pd.Series] = {}
    for match in mapping.matches:
        result = results.get(match.column)
        if result is None or FLAG not in result.extra or match.field in flags:
            continue
        flag = result.extra[FLAG].to_numpy()
        flags[match.field] = pd.Series(flag[chosen[match.column]] if chosen is not None else flag)
    return flags


def finish_stage(
    data: pd.DataFrame,
    statuses: dict[str, pd.Series],
    rows: pd.Series,
    mapping: ColumnMapping,
    cleaned: CleanStage,
    *,
    chosen: Mapping[str, np.ndarray] | None = None,
    kept_issues: Mapping[str, pd.Series] | None = None,
) -> FinishStage:
    """Add grc_source_rows, grc_quality (and the optional grc_* lists) after the input columns, and the issues.

    ``chosen``: after a merge, per column the input position each output row's cell comes from.
    """
    index = pd.RangeIndex(len(data))
    data = data.reset_index(drop=True)
    line_type = cleaned.line_type
    if chosen is not None:
        phone_columns = [c for f in PHONE_FIELDS for c in mapping.columns_of(f)]
        if line_type is not None and phone_columns:
            line_type = pd.Series(line_type.to_numpy()[chosen[phone_columns[0]]])
    statuses = {c: s.reset_index(drop=True) for c, s in statuses.items()}
    by_field: dict[str, pd.Series] = {}
    for match in mapping.matches:
        if match.column in statuses and match.field not in by_field:
            by_field[match.field] = statuses[match.column]
    input_columns = [c for c in data.columns if c not in GRC_COLUMNS]
    out = data[input_columns].copy()
    out[SOURCE_ROWS] = rows.reset_index(drop=True).to_numpy()
    out[QUALITY] = record_scores(by_field, index, _field_flags(cleaned.results, mapping, chosen)).to_numpy()
    for extra in (OTHER_EMAILS, OTHER_PHONES, OTHER_VALUES, SOURCE_IDS, HOUSEHOLD):
        if extra in data and (data[extra] != "").any():
            out[extra] = data[extra].to_numpy()
    if line_type is not None:
        out[LINE_TYPE] = line_type.reset_index(drop=True).to_numpy()
    for extra in (FIRST_CONTACT, CONTACT_COUNT, SOURCE_FILE):
        if extra in data:
            out[extra] = data[extra].to_numpy()
    return FinishStage(out, _issues(cleaned, statuses, mapping, chosen, kept_issues or {}))


__all__ = ["FinishStage", "MergeStage", "cell_codes", "finish_stage", "merge_stage"]
