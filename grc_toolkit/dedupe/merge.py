"""Survivorship: one row per person, each field taken from the record that knows it best.

Rules, per group of records that are the same person:

* names, civility and other stable fields: the best status (valid > corrected > invalid), then the most
  complete value (``Jean-Pierre`` over ``Jean``), then the most recent record;
* changeable fields (email, phones): the most recent non-empty value; the others are kept in
  ``grc_other_emails`` / ``grc_other_phones``;
* the postal address (address lines, postcode, city, country) comes whole from one record, the most
  recent one that has it, so two half-addresses are never stitched together;
* consent never goes up: the most recent explicit decision wins, an older ``oui`` never overrides a
  ``non``, a ``non`` without a date always wins, and unknown stays unknown;
* dates: the contact date is the latest; ``grc_first_contact`` the earliest; ``grc_contact_count`` how many
  records were merged; ``grc_source_rows`` (and ``grc_source_ids``) every input row merged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from grc_toolkit.mapping import ColumnMapping
from grc_toolkit.results import CORRECTED, EMPTY, INVALID, VALID
from grc_toolkit.schema import ACTIVITY_DATE_FIELDS

_STATUS_RANK = {VALID: 0, CORRECTED: 1, INVALID: 2, EMPTY: 3}
_ADDRESS_FIELDS = ("address", "address_2", "address_3", "postal_code", "city", "country")
_RECENT_FIELDS = ("email", "phone", "mobile", "landline", "language", "company")
_LATEST_DATES = ("contact_date", "last_request_date", "visit_date")
SEPARATOR = " ; "


@dataclass(frozen=True)
class MergeInput:
    """Cleaned records with everything survivorship needs. All series share ``data``'s index."""

    data: pd.DataFrame
    statuses: Mapping[str, pd.Series]  # column -> status, for mapped columns
    mapping: ColumnMapping
    source_rows: pd.Series  # spreadsheet row numbers


@dataclass(frozen=True)
class MergeOutput:
    data: pd.DataFrame  # one row per group, in order of each group's first record
    statuses: dict[str, pd.Series]
    members: pd.Series  # per output row: positions of the merged input records
    chosen: dict[str, np.ndarray]  # column -> per output row, position of the record its value came from
    first_contact: pd.Series  # per output row, the earliest activity date of its records ("" if none)


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
    data = merge_input.data
    position = np.arange(len(data))
    labels = groups.to_numpy()
    recency = activity_dates(merge_input).to_numpy(dtype=object)
    table = pd.DataFrame({"group": labels, "position": position, "recency": recency})
    order = table.groupby("group", sort=False)["position"].min().sort_values()
    group_ids = order.index.to_numpy()
    chosen: dict[str, np.ndarray] = {}
    mapped = merge_input.mapping.as_dict()
    address_pick = _pick_address(merge_input, table, group_ids)
    for column in map(str, data.columns):
        field = mapped.get(column)
        values = data[column].to_numpy(dtype=object)
        if field in _ADDRESS_FIELDS:
            chosen[column] = address_pick
        elif field in _RECENT_FIELDS or field is None:
            chosen[column] = _pick(table, values, group_ids, by=["recency", "position"], ascending=[False, False])
        elif field in _LATEST_DATES:
            chosen[column] = _pick(table, values, group_ids, by=["value", "position"], ascending=[False, False])
        elif field == "created_date":
            chosen[column] = _pick(table, values, group_ids, by=["value", "position"], ascending=[True, True])
        else:
            chosen[column] = _pick_best(table, values, merge_input.statuses.get(column, _no_status(values)), group_ids)
    out = pd.DataFrame(
        {column: data[column].to_numpy(dtype=object)[chosen[column]] for column in map(str, data.columns)}
    )
    statuses = {
        column: pd.Series(status.to_numpy(dtype=object)[chosen[column]])
        for column, status in merge_input.statuses.items()
    }
    for column in merge_input.mapping.columns_of("consent"):
        decided, decided_status = _merge_consent(table, data[column], merge_input.statuses[column], group_ids)
        undecided = decided == ""  # no explicit oui/non: keep what the best record says (blank or unreadable)
        out[column] = decided.where(~undecided, out[column])
        statuses[column] = decided_status.where(~undecided, statuses[column])
    members = table.groupby("group", sort=False)["position"].agg(list).reindex(group_ids).reset_index(drop=True)
    earliest = activity_dates(merge_input, earliest=True).replace("", "9999-99-99").to_numpy(dtype=object)
    first = table.assign(earliest=earliest).groupby("group", sort=False)["earliest"].min()
    first_contact = first.reindex(group_ids).replace("9999-99-99", "").reset_index(drop=True).astype(object)
    return MergeOutput(out, statuses, members, chosen, first_contact)


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
    for field in _ADDRESS_FIELDS:
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
    latest = frame.groupby(["group", "consent"])["when"].max().unstack()  # noqa: PD010
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
    joined = pairs.groupby("group")["value"].agg(SEPARATOR.join)
    return joined.reindex(range(len(members)), fill_value="").set_axis(chosen.index).astype(object)
