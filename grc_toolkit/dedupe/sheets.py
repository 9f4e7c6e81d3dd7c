"""The duplicate sheets of the workbook: merged groups (``Doublons``) and pairs to check (``À vérifier``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe import DedupeResult, pair_reasons
from grc_toolkit.mapping import ColumnMapping

_GROUP_HEADERS = {
    "fr": ("Ligne dans Contacts", "Lignes d'origine", "Probabilité", "Raison"),
    "en": ("Row in Contacts", "Source rows", "Probability", "Reason"),
}
_REVIEW_HEADERS = {
    "fr": (
        "Ligne A",
        "Ligne B",
        "Probabilité",
        "Raison",
        "Décision (fusionner / distinct)",
        "Empreinte A",
        "Empreinte B",
    ),
    "en": ("Row A", "Row B", "Probability", "Reason", "Decision (merge / distinct)", "Fingerprint A", "Fingerprint B"),
}
_SHOWN_FIELDS = ("last_name", "first_name", "email", "phone", "mobile", "postal_code", "city")


def groups_sheet_empty(lang: str) -> pd.DataFrame:
    return pd.DataFrame(columns=list(_GROUP_HEADERS["en" if lang == "en" else "fr"]))


def groups_sheet(search: DedupeResult, members: pd.Series, source_rows: pd.Series, lang: str) -> pd.DataFrame:
    """One line per merged group: its row in Contacts, its input rows, its weakest link and why."""
    headers = _GROUP_HEADERS["en" if lang == "en" else "fr"]
    multi = np.flatnonzero(members.str.len().to_numpy() > 1)
    if not len(multi):
        return pd.DataFrame(columns=list(headers))
    pairs = search.merged_pairs()
    pairs = pairs.assign(group=search.groups[pairs["left"].to_numpy()]).sort_values("probability")
    weakest = pairs.drop_duplicates("group").set_index("group")
    reasons = pair_reasons(weakest, lang)
    rows = source_rows.to_numpy()
    labels = [members[k][0] for k in multi]
    return pd.DataFrame(
        {
            headers[0]: multi + 2,
            headers[1]: [" ; ".join(str(rows[p]) for p in members[k]) for k in multi],
            headers[2]: [round(float(weakest["probability"].get(label, 1.0)), 3) for label in labels],
            headers[3]: [reasons.get(label, "") for label in labels],
        }
    )


def review_sheet(
    search: DedupeResult,
    data: pd.DataFrame,
    mapping: ColumnMapping,
    source_rows: pd.Series,
    options: DedupeOptions,
    lang: str,
) -> pd.DataFrame:
    """Pairs a person should decide on, with both records' main fields side by side."""
    headers = _REVIEW_HEADERS["en" if lang == "en" else "fr"]
    pairs = search.review_pairs(options)
    rows = source_rows.to_numpy()
    left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
    sheet = pd.DataFrame(
        {
            headers[0]: rows[left],
            headers[1]: rows[right],
            headers[2]: pairs["probability"].round(3).to_numpy(),
            headers[3]: pair_reasons(pairs, lang).to_numpy(),
        }
    )
    for field in _SHOWN_FIELDS:
        column = mapping.column_of(field)
        if column is not None:
            values = data[column].to_numpy(dtype=object)
            sheet[f"{column} (A)"] = values[left]
            sheet[f"{column} (B)"] = values[right]
    sheet[headers[4]] = ""
    if search.records is not None:  # stable keys, so a decision still applies to a later export
        prints = search.records["fingerprint"].to_numpy(dtype=object)
        sheet[headers[5]], sheet[headers[6]] = prints[left], prints[right]
    return sheet
