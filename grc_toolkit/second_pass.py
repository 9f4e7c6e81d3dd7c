"""Reading grc's own output again, and ``grc dedupe``'s second look at files it has just cleaned.

grc's columns (:data:`grc_toolkit.schema.GRC_COLUMNS`) are never mapped to a field. A second pass keeps
the lists (``grc_other_emails``...), ``grc_source_rows``, ``grc_contact_count`` and ``grc_first_contact``
and merges them, keeps the issues it cannot find again and the households it linked, and does not merge
two rows the first run kept apart; quality, issues, line type and households are otherwise computed again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from grc_toolkit.cleaners.base import as_text
from grc_toolkit.dedupe import DedupeResult
from grc_toolkit.dedupe.clustering import components
from grc_toolkit.dedupe.merge import SEPARATOR
from grc_toolkit.results import FLAG, INVALID
from grc_toolkit.schema import (
    CONTACT_COUNT,
    FIRST_CONTACT,
    GRC_COLUMNS,
    HOUSEHOLD,
    OTHER_EMAILS,
    OTHER_PHONES,
    OTHER_VALUES,
    SOURCE_FILE,
    SOURCE_IDS,
    SOURCE_ROWS,
)

if TYPE_CHECKING:
    from grc_toolkit.stages.clean import CleanStage


def given_columns(frame: pd.DataFrame) -> list[str]:
    """grc's own columns in the input (a file grc wrote, cleaned again)."""
    return [str(column) for column in frame.columns if column in GRC_COLUMNS]


def carried_columns(frame: pd.DataFrame, cleaned: CleanStage) -> pd.DataFrame:
    """Per record, grc's columns a merge combines: the other emails and phones the cleaners found, joined
    to those of an earlier run, and the lists, counts and dates of an earlier run (same index as ``frame``)."""
    given = {column: as_text(frame[column]) for column in given_columns(frame)}
    none = pd.Series("", index=frame.index, dtype=object)
    carried = pd.DataFrame(
        {
            OTHER_EMAILS: union_lists([given.get(OTHER_EMAILS, none), cleaned.other_emails]),
            OTHER_PHONES: union_lists([given.get(OTHER_PHONES, none), cleaned.other_phones]),
        },
        index=frame.index,
    )
    for column in (OTHER_VALUES, SOURCE_IDS, FIRST_CONTACT, SOURCE_FILE):
        if column in given:
            carried[column] = given[column]
    if CONTACT_COUNT in given:
        count = pd.to_numeric(given[CONTACT_COUNT], errors="coerce").fillna(1).clip(lower=1)
        carried[CONTACT_COUNT] = count.astype(np.int64)
    return carried


def union_lists(parts: list[pd.Series]) -> pd.Series:
    """Per row, the distinct items of `` ; ``-separated lists, in order."""
    index = parts[0].index
    joined = pd.Series("", index=index, dtype=object)
    for part in parts:
        joined = joined.where(part == "", joined.where(joined == "", joined + SEPARATOR) + part)
    several = np.sum([(part != "").to_numpy() for part in parts], axis=0) > 1
    if several.any():
        items = joined[several].str.split(SEPARATOR).explode()
        pairs = pd.DataFrame({"row": items.index, "item": items.to_numpy()}).drop_duplicates()
        distinct = pairs.groupby("row", sort=False)["item"].agg(SEPARATOR.join)
        joined[several] = distinct.reindex(joined.index[several]).to_numpy()
    return joined


def given_issues(cleaned: CleanStage, given: pd.Series) -> tuple[CleanStage, dict[str, pd.Series]]:
    """Cleaning grc's output again: the issues it wrote (``grc_issues``) still hold where this pass finds
    nothing to say, since the value they were about is gone or already rewritten (a fake number removed, an
    Excel-damaged number repaired, to check). They are kept, their cells invalid. A person who has checked
    a cell deletes its issue from ``grc_issues``.

    Returns the cleaning with those cells invalid, and per column the kept wording ("" elsewhere): it is
    data read from the file, kept as written (:attr:`grc_toolkit.results.Issue.given`).
    """
    parts = given[given != ""].str.split(SEPARATOR).explode()
    named = parts.str.split(" : ", n=1).str[0]
    results, kept = dict(cleaned.results), {}
    for column, result in cleaned.results.items():
        mine = parts[named == column]
        if mine.empty:
            continue
        earlier = mine.groupby(level=0).agg(SEPARATOR.join).reindex(result.status.index, fill_value="")
        flagged = result.extra[FLAG] if FLAG in result.extra else pd.Series("", index=result.status.index)
        keep = (earlier != "") & (result.status != INVALID) & (flagged == "")
        if keep.any():
            kept[column] = earlier.where(keep, "")
            results[column] = replace(result, status=result.status.where(~keep, INVALID))
    return replace(cleaned, results=results), kept


def earlier_kept_apart(search: DedupeResult, frame: pd.DataFrame) -> DedupeResult:
    """Cleaning grc's own output again: two of its rows stay apart, as the run that wrote them decided after
    comparing every record behind them (a merged row has lost the details that kept it apart), unless a
    person's decision merges them. New rows (no ``grc_source_rows``) join the earlier row they match best.

    Only when that run merged duplicates (the file has ``grc_contact_count``): a file cleaned with
    ``--no-dedupe`` is deduplicated as any other.
    """
    if CONTACT_COUNT not in frame or SOURCE_ROWS not in frame:
        return search
    earlier = (as_text(frame[SOURCE_ROWS]) != "").to_numpy()
    groups = pd.Series(search.groups)
    pairs = search.pairs
    left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
    same_group = search.groups[left] == search.groups[right]
    decided = pairs["decided"].to_numpy(dtype=bool) & same_group & earlier[left] & earlier[right]
    earlier_per_group = groups[earlier].value_counts()
    crowded = earlier_per_group.index[earlier_per_group > 1].difference(search.groups[left[decided]])
    if crowded.empty:
        return search
    split = groups.isin(crowded).to_numpy()
    labels = groups.to_numpy().copy()
    labels[split & earlier] = np.flatnonzero(split & earlier)
    newcomers = split & ~earlier
    if newcomers.any():
        links = pd.DataFrame({"new": np.concatenate([left, right]), "old": np.concatenate([right, left])}).assign(
            probability=np.tile(pairs["probability"].to_numpy(), 2)
        )
        links = links[newcomers[links["new"]] & earlier[links["old"]] & split[links["old"]]]
        links = links[search.groups[links["new"]] == search.groups[links["old"]]]
        best = links.sort_values("probability", ascending=False).drop_duplicates("new").set_index("new")["old"]
        older = np.flatnonzero(split & earlier)
        first_earlier = pd.Series(older, index=search.groups[older]).groupby(level=0).min()
        fallback = groups[newcomers].map(first_earlier)
        labels[newcomers] = best.reindex(np.flatnonzero(newcomers)).fillna(fallback).to_numpy(dtype=np.int64)
    relabelled = pd.Series(np.arange(len(labels))).groupby(labels).transform("min").to_numpy(dtype=np.int64)
    return replace(search, groups=relabelled)


def households(found: np.ndarray, frame: pd.DataFrame) -> np.ndarray:
    """Households found by this run, joined to those an earlier run wrote (``grc_household``): people
    linked then stay linked, even when a merge kept another phone than the one they shared."""
    if HOUSEHOLD not in frame:
        return found
    given = as_text(frame[HOUSEHOLD]).to_numpy(dtype=object)
    left, right = [], []
    for labels, present in ((found.astype(object), found > 0), (given, given != "")):
        positions = np.flatnonzero(present)
        order = positions[np.argsort(labels[positions], kind="stable")]
        same = labels[order][1:] == labels[order][:-1]  # neighbours once sorted by label: one household
        left.append(order[:-1][same])
        right.append(order[1:][same])
    roots = components(len(found), np.concatenate(left), np.concatenate(right))
    linked = (found > 0) | (given != "")
    households = np.zeros(len(found), dtype=np.int64)
    households[linked] = pd.factorize(roots[linked])[0] + 1
    return households
