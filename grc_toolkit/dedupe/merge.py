"""Survivorship: one row per person, each field taken from the record that knows it best.

Rules, per group of records that are the same person:

* names, civility and other stable fields: the best status (valid > corrected > invalid), then the most
  complete value (``Jean-Pierre`` over ``Jean``), then the most recent record;
* changeable fields (email, phones, language, organisation): the most recent non-empty value; the others are kept in
  ``grc_other_emails`` / ``grc_other_phones``;
* the postal address (address lines, postcode, city, country) comes whole from one record, the most
  recent one that has it, so two half-addresses are never stitched together; only a blank part (often the
  country) is taken from a record with the same address (every part both give equal, one at least);
* a value several records hold is taken from the one whose cleaning judged it best (a postcode valid where
  the country is known rather than an "unknown French postcode" where it is not);
* consent never goes up: the most recent explicit decision wins, an older ``oui`` never overrides a
  ``non``, a ``non`` without a date always wins, and unknown stays unknown;
* dates: the contact date is the latest; ``grc_first_contact`` the earliest; ``grc_contact_count`` how many
  records were merged; ``grc_source_rows`` (and ``grc_source_ids``) every input row merged;
* spelling (names, organisation, address lines, city): among the group's spellings of the chosen value, the
  fullest (``Maëlle`` over ``Maelle``, ``12 avenue Foch`` over ``12 av. Foch``, see
  :mod:`grc_toolkit.dedupe.spelling`); a record whose names are swapped is turned round first;
* other (unrecognised) columns: the most recent record's value, the others listed in ``grc_other_values``
  (``Source : Salon ; Source : Borne tactile``), so nothing is lost without trace.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from grc_toolkit.dedupe.spelling import fullest_spelling, swapped_names, turn_names
from grc_toolkit.mapping import ColumnMapping
from grc_toolkit.progress import report
from grc_toolkit.results import CORRECTED, EMPTY, INVALID, VALID
from grc_toolkit.schema import (
    ACTIVITY_DATE_FIELDS,
    ADDRESS_FIELDS,
    ADDRESS_LINE_FIELDS,
    NAME_FIELDS,
    PHONE_FIELDS,
)

_STATUS_RANK = {VALID: 0, CORRECTED: 1, INVALID: 2, EMPTY: 3}
_RECENT_FIELDS = ("email", *PHONE_FIELDS, "language", "organisation")
_LATEST_DATES = ("contact_date", "last_request_date", "visit_date")
_SPELLED_FIELDS = frozenset({*NAME_FIELDS, "organisation", *ADDRESS_LINE_FIELDS, "city"})
SEPARATOR = " ; "


@dataclass(frozen=True)
class MergeInput:
    """Cleaned records with everything survivorship needs. All series share ``data``'s index."""

    data: pd.DataFrame
    statuses: Mapping[str, pd.Series]  # column -> status, for mapped columns
    mapping: ColumnMapping
    source_rows: pd.Series  # spreadsheet row numbers
    first_contact: pd.Series | None = None  # earliest contact an earlier run already knew (grc_first_contact)
    flags: Mapping[str, pd.Series] = dataclasses.field(default_factory=dict)  # column -> warning code of a valid value


@dataclass(frozen=True)
class MergeOutput:
    data: pd.DataFrame  # one row per group, in order of each group's first record
    statuses: dict[str, pd.Series]
    members: pd.Series  # per output row: positions of the merged input records
    chosen: dict[str, np.ndarray]  # column -> per output row, position of the record its value came from
    first_contact: pd.Series  # per output row, the earliest activity date of its records ("" if none)
    other_values: pd.Series  # per output row, "Column : value" of unrecognised columns not kept (" ; " between)


def activity_dates(merge_input: MergeInput, *, earliest: bool = False) -> pd.Series:
    """Per record, the latest (or earliest) valid activity date as ISO text ("" when none)."""
    found = pd.Series("", index=merge_input.data.index, dtype=object)
    for field in ACTIVITY_DATE_FIELDS:
        for column in merge_input.mapping.columns_of(field):
            good = merge_input.statuses[column].isin([VALID, CORRECTED])
            values = merge_input.data[column].where(good, "").str.slice(0, 10)
            if earliest:
                keep = (found != "") & ((values == "") | (found <= values))
            else:
                keep = found >= values
            found = found.where(keep, values)
    return found


def merge_groups(merge_input: MergeInput, groups: pd.Series) -> MergeOutput:
    """Collapse each group of ``groups`` (a label per record) into one record."""
    position = np.arange(len(merge_input.data))
    labels = groups.to_numpy()
    recency = activity_dates(merge_input).to_numpy(dtype=object)
    table = pd.DataFrame({"group": labels, "position": position, "recency": recency})
    order = table.groupby("group", sort=False)["position"].min().sort_values()
    group_ids = order.index.to_numpy()
    group_number = pd.Series(np.arange(len(group_ids)), index=group_ids).reindex(labels).to_numpy()
    data, input_statuses = _turn_swapped_names(merge_input, group_number)
    chosen: dict[str, np.ndarray] = {}
    mapped = merge_input.mapping.as_dict()
    address_pick = _pick_address(merge_input, table, group_ids)
    for done, column in enumerate(map(str, data.columns)):
        report(done, len(data.columns))
        field = mapped.get(column)
        values = data[column].to_numpy(dtype=object)
        status = input_statuses.get(column, _no_status(values))
        if field in ADDRESS_FIELDS:
            chosen[column] = address_pick
        elif column in merge_input.flags:  # a personal address before a role or throwaway one, then the latest
            flagged = merge_input.flags[column].to_numpy(dtype=object) != ""
            chosen[column] = _pick(
                table.assign(flagged=flagged),
                values,
                group_ids,
                by=["flagged", "recency", "position"],
                ascending=[True, False, False],
            )
        elif field in _RECENT_FIELDS or field is None:
            chosen[column] = _pick(table, values, group_ids, by=["recency", "position"], ascending=[False, False])
        elif field in _LATEST_DATES:
            chosen[column] = _pick(table, values, group_ids, by=["value", "position"], ascending=[False, False])
        elif field == "created_date":
            chosen[column] = _pick(table, values, group_ids, by=["value", "position"], ascending=[True, True])
        else:
            chosen[column] = _pick_best(table, values, status, group_ids)
        if field in _SPELLED_FIELDS:
            usable = status.to_numpy(dtype=object) != INVALID
            chosen[column] = fullest_spelling(values, usable, group_number, chosen[column])
    _complete_address(data, [c for c, f in mapped.items() if f in ADDRESS_FIELDS], chosen, table, group_number)
    for column, status in input_statuses.items():
        chosen[column] = _best_judged(data[column].to_numpy(dtype=object), status, group_number, chosen[column])
    out = pd.DataFrame(
        {column: data[column].to_numpy(dtype=object)[chosen[column]] for column in map(str, data.columns)}
    )
    statuses = {
        column: pd.Series(status.to_numpy(dtype=object)[chosen[column]]) for column, status in input_statuses.items()
    }
    for column in merge_input.mapping.columns_of("consent"):
        decided, decided_status = _merge_consent(table, data[column], merge_input.statuses[column], group_ids)
        undecided = decided == ""  # no explicit oui/non: keep what the best record says (blank or unreadable)
        out[column] = decided.where(~undecided, out[column])
        statuses[column] = decided_status.where(~undecided, statuses[column])
    by_group = np.argsort(group_number, kind="stable")
    sizes = np.bincount(group_number, minlength=len(group_ids))
    members = pd.Series([part.tolist() for part in np.split(by_group, np.cumsum(sizes)[:-1])], dtype=object)
    earliest = activity_dates(merge_input, earliest=True)
    if merge_input.first_contact is not None:
        known = merge_input.first_contact.reset_index(drop=True)
        earliest = earliest.where((known == "") | ((earliest != "") & (earliest <= known)), known)
    earliest_text = earliest.replace("", "9999-99-99").to_numpy(dtype=object)
    first = (
        pd.DataFrame({"group": group_number, "earliest": earliest_text})
        .sort_values(["group", "earliest"])
        .drop_duplicates("group")
    )
    first_contact = pd.Series(first["earliest"].to_numpy(), dtype=object).replace("9999-99-99", "")
    others = [column for column in map(str, data.columns) if column not in mapped]
    other = _lost_values(data, others, chosen, group_number, len(group_ids))
    return MergeOutput(out, statuses, members, chosen, first_contact, other)


def _merged_positions(group_number: np.ndarray) -> np.ndarray:
    """Positions of the records that belong to a group of several."""
    return np.flatnonzero(np.bincount(group_number)[group_number] > 1)


def _complete_address(
    data: pd.DataFrame, columns: list[str], chosen: dict[str, np.ndarray], table: pd.DataFrame, group: np.ndarray
) -> None:
    """Fill a blank part of each group's address (often the country) from its most recent record that has the
    same address: every part both records give is equal, and they share one. Two addresses are never mixed."""
    candidates = _merged_positions(group)
    if not columns or len(candidates) == 0:
        return
    agree, shared = np.ones(len(candidates), dtype=bool), np.zeros(len(candidates), dtype=bool)
    for column in columns:
        values = data[column].to_numpy(dtype=object)
        mine, kept = values[candidates], values[chosen[column][group[candidates]]]
        agree &= (mine == kept) | (mine == "") | (kept == "")
        shared |= (mine == kept) & (mine != "")
    candidates = candidates[agree & shared]
    for column in columns:
        values = data[column].to_numpy(dtype=object)
        fills = candidates[(values[candidates] != "") & (values[chosen[column][group[candidates]]] == "")]
        if len(fills):
            frame = table.iloc[fills].assign(group=group[fills])
            best = frame.sort_values(["recency", "position"], ascending=False).drop_duplicates("group")
            chosen[column] = chosen[column].copy()  # the address columns may share one array
            chosen[column][best["group"].to_numpy()] = best["position"].to_numpy()


def _best_judged(values: np.ndarray, status: pd.Series, group: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """Per group, among the records holding the chosen (non-blank) value, the one whose cleaning judged it best
    (``10115`` is valid once the country is known, an unknown French postcode where it is not)."""
    candidates = _merged_positions(group)
    candidates = candidates[(values[candidates] == values[chosen[group[candidates]]]) & (values[candidates] != "")]
    if len(candidates) == 0:
        return chosen
    frame = pd.DataFrame(
        {
            "group": group[candidates],
            "rank": status.map(_STATUS_RANK).fillna(3).to_numpy()[candidates],
            "kept": candidates == chosen[group[candidates]],
            "position": candidates,
        }
    )
    best = frame.sort_values(["group", "rank", "kept"], ascending=[True, True, False]).drop_duplicates("group")
    better = chosen.copy()
    better[best["group"].to_numpy()] = best["position"].to_numpy()
    return better


def _turn_swapped_names(merge_input: MergeInput, group_number: np.ndarray) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    """The records with their last and first names put the way round the rest of their group has them."""
    data, statuses = merge_input.data, dict(merge_input.statuses)
    last, first = merge_input.mapping.column_of("last_name"), merge_input.mapping.column_of("first_name")
    if last is None or first is None:
        return data, statuses
    flipped = swapped_names(data[last], data[first], group_number)
    if not flipped.any():
        return data, statuses
    data = data.copy()
    data[last], data[first] = turn_names(data[last], data[first], flipped)
    if last in statuses and first in statuses:
        was_last, was_first = statuses[last], statuses[first]
        statuses[last] = pd.Series(np.where(flipped, was_first, was_last), index=was_last.index)
        statuses[first] = pd.Series(np.where(flipped, was_last, was_first), index=was_first.index)
    return data, statuses


def _lost_values(
    data: pd.DataFrame, columns: list[str], chosen: dict[str, np.ndarray], group_number: np.ndarray, n_groups: int
) -> pd.Series:
    """Per group, ``Column : value`` for each distinct value of ``columns`` its kept record does not have."""
    sizes = np.bincount(group_number, minlength=n_groups)
    merged = np.flatnonzero(sizes[group_number] > 1)
    parts = []
    for order, column in enumerate(columns):
        values = data[column].to_numpy(dtype=object)
        mine, kept = values[merged], values[chosen[column][group_number[merged]]]
        lost = (mine != "") & (mine != kept)
        if lost.any():
            item = column + " : " + pd.Series(mine[lost], dtype=object)
            parts.append(
                pd.DataFrame(
                    {"group": group_number[merged][lost], "order": order, "position": merged[lost], "item": item}
                )
            )
    if not parts:
        return pd.Series("", index=range(n_groups), dtype=object)
    items = pd.concat(parts).sort_values(["group", "order", "position"]).drop_duplicates(["group", "item"])
    return join_per_group(items["group"].to_numpy(), items["item"], n_groups)


def _no_status(values: np.ndarray) -> pd.Series:
    """Columns no cleaner checks (identifiers): filled cells count as valid."""
    return pd.Series(np.where(values == "", EMPTY, VALID))


def _pick(
    table: pd.DataFrame, values: np.ndarray, group_ids: np.ndarray, *, by: list[str], ascending: list[bool]
) -> np.ndarray:
    """Position, per group, of the first non-empty value in the given order (group's first row if none)."""
    frame = table.assign(value=values)
    filled = frame[frame["value"] != ""].sort_values(by, ascending=ascending, kind="stable")
    first = filled.drop_duplicates("group").set_index("group")["position"]
    fallback = table.groupby("group", sort=False)["position"].min()
    return first.reindex(group_ids).fillna(fallback.reindex(group_ids)).to_numpy(dtype=np.int64)


def _pick_best(table: pd.DataFrame, values: np.ndarray, status: pd.Series, group_ids: np.ndarray) -> np.ndarray:
    frame = table.assign(
        rank=status.map(_STATUS_RANK).fillna(3).to_numpy(),
        length=pd.Series(values).str.len().to_numpy(),
    )
    return _pick(
        frame, values, group_ids, by=["rank", "length", "recency", "position"], ascending=[True, False, False, False]
    )


def _pick_address(merge_input: MergeInput, table: pd.DataFrame, group_ids: np.ndarray) -> np.ndarray:
    """The record each group's postal address comes from: the most recent with the most address parts."""
    parts = np.zeros(len(table), dtype=np.int64)
    for field in ADDRESS_FIELDS:
        for column in merge_input.mapping.columns_of(field):
            parts += (merge_input.data[column] != "").to_numpy(dtype=np.int64)
    has_any = np.where(parts > 0, "x", "")
    frame = table.assign(parts=parts)
    return _pick(frame, has_any, group_ids, by=["recency", "parts", "position"], ascending=[False, False, False])


def _merge_consent(
    table: pd.DataFrame, consent: pd.Series, status: pd.Series, group_ids: np.ndarray
) -> tuple[pd.Series, pd.Series]:
    """Most recent explicit decision wins; undated ``non`` always wins; ties go to ``non``."""
    frame = table.assign(consent=consent.to_numpy(dtype=object), status=status.to_numpy(dtype=object))
    frame = frame[frame["consent"].isin(["oui", "non"])]
    no_date_non = (frame["consent"] == "non") & (frame["recency"] == "")
    frame = frame.assign(when=frame["recency"].where(~no_date_non, "9999-99-99"))
    # the latest date of each decision per group, sorted rather than grouped: a max of text is slow in pandas
    last = frame.sort_values("when", kind="stable").drop_duplicates(["group", "consent"], keep="last")
    latest = last.pivot(index="group", columns="consent", values="when")  # noqa: PD010
    for decision in ("oui", "non"):
        if decision not in latest:
            latest[decision] = np.nan
    says_yes = latest["oui"].notna() & (latest["non"].isna() | (latest["oui"].fillna("") > latest["non"].fillna("")))
    decided = pd.Series(np.where(says_yes, "oui", "non"), index=latest.index)
    values = decided.reindex(group_ids).fillna("")
    statuses = pd.Series(np.where(values == "", EMPTY, VALID))
    return values.reset_index(drop=True).astype(object), statuses


def other_values(values: pd.DataFrame, chosen: pd.Series, members: pd.Series) -> pd.Series:
    """Distinct non-empty values of the merged records other than the chosen one, joined with " ; ".

    ``values``: one column per source (email columns and previous ``grc_other_*`` lists), by position.
    """
    long = pd.Series(values.stack())  # noqa: PD013
    long = long[long.ne("")]
    if long.empty:
        return pd.Series("", index=chosen.index, dtype=object)
    split = long.str.split(SEPARATOR).explode()
    position_to_group = pd.Series(
        np.repeat(np.arange(len(members)), members.str.len()), index=np.concatenate(members.to_numpy())
    )
    pairs = pd.DataFrame(
        {"group": position_to_group.reindex(split.index.get_level_values(0)).to_numpy(), "value": split.to_numpy()}
    )
    pairs = pairs[pairs["value"] != pairs["group"].map(chosen).to_numpy()].drop_duplicates()
    return join_per_group(pairs["group"].to_numpy(), pairs["value"], len(members)).set_axis(chosen.index)


def _group_of_positions(members: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(positions, their group number), for every record of ``members``."""
    sizes = members.str.len().to_numpy()
    return np.concatenate(members.to_numpy()).astype(np.int64), np.repeat(np.arange(len(members)), sizes)


def union_members(values: pd.Series, members: pd.Series) -> pd.Series:
    """Per group, the distinct items of its records' `` ; ``-separated lists (``values``, by position), in order.

    Examples:
        >>> union_members(pd.Series(["2 ; 5", "3", "5 ; 7"]), pd.Series([[0, 2], [1]])).tolist()
        ['2 ; 5 ; 7', '3']
    """
    positions, group = _group_of_positions(members)
    texts = values.to_numpy(dtype=object)
    sizes = members.str.len().to_numpy()
    first = positions[np.concatenate([[0], np.cumsum(sizes)[:-1]])]
    out = pd.Series(texts[first], dtype=object)
    several = sizes[group] > 1
    if several.any():
        items = pd.Series(texts[positions[several]], index=group[several], dtype=object)
        items = items[items != ""].str.split(SEPARATOR).explode()
        items = items[items != ""]
        pairs = pd.DataFrame({"group": items.index, "item": items.to_numpy()}).drop_duplicates()
        joined = join_per_group(pairs["group"].to_numpy(), pairs["item"], len(members))
        merged_groups = np.unique(group[several])
        out.iloc[merged_groups] = joined.to_numpy()[merged_groups]
    return out


def sum_members(values: np.ndarray, members: pd.Series) -> pd.Series:
    """Per group, the sum of its records' ``values`` (by position)."""
    positions, group = _group_of_positions(members)
    return pd.Series(np.bincount(group, weights=values[positions], minlength=len(members)).astype(np.int64))


def join_per_group(group: np.ndarray, items: pd.Series, n_groups: int) -> pd.Series:
    """Per group 0..n_groups-1, its ``items`` joined with `` ; `` in the given order ("" when none).

    Vectorised by rank (first item of every group, then the second...): fast for a million small groups.

    Examples:
        >>> join_per_group(np.array([2, 0, 2]), pd.Series(["a", "b", "c"]), 3).tolist()
        ['b', '', 'a ; c']
    """
    joined = np.full(n_groups, "", dtype=object)
    rank = pd.Series(group).groupby(group, sort=False).cumcount().to_numpy()
    by_rank = np.argsort(rank, kind="stable")
    bounds = np.searchsorted(rank[by_rank], np.arange(int(rank.max()) + 2 if len(rank) else 1))
    texts = items.to_numpy(dtype=object)
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        at = by_rank[start:stop]
        where = group[at]
        before = joined[where]
        joined[where] = before + np.where(before == "", "", SEPARATOR).astype(object) + texts[at]
    return pd.Series(joined, dtype=object)
