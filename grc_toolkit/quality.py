"""Record and file quality scores (0-100) from the cleaned cells' statuses."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from grc_toolkit.results import CORRECTED, VALID
from grc_toolkit.schema import PHONE_FIELDS

#: How much each field counts in a record's score: reaching the person first, then knowing who they are.
WEIGHTS: dict[str, float] = {
    "email": 25.0,
    "phone": 20.0,
    "last_name": 10.0,
    "first_name": 10.0,
    "consent": 10.0,
    "postal_code": 8.0,
    "city": 5.0,
    "address": 5.0,
    "country": 4.0,
    "civility": 3.0,
}

#: Share of a field's weight that a valid value keeps when its cleaner flagged it: a shared mailbox
#: (``contact@``) may reach the visitor through a colleague, a throwaway one (``@yopmail.com``) soon reaches nobody.
FLAG_CREDIT: dict[str, float] = {"email.role": 0.5, "email.disposable": 0.0}


def _cell_score(status: pd.Series, flag: pd.Series | None) -> np.ndarray:
    score: np.ndarray = status.isin([VALID, CORRECTED]).to_numpy(dtype=float)
    if flag is None:
        return score
    credit: np.ndarray = flag.map(FLAG_CREDIT).fillna(1.0).to_numpy(dtype=float)
    return score * credit


def record_scores(
    statuses: Mapping[str, pd.Series], index: pd.Index, flags: Mapping[str, pd.Series] | None = None
) -> pd.Series:
    """Score each record 0-100 from the status of its fields (field name -> status series).

    Only the fields the file has count, so a file without a phone column is not punished for it.
    ``flags`` (field name -> rule code or "") lower a valid value's credit by :data:`FLAG_CREDIT`.

    Examples:
        >>> idx = pd.RangeIndex(3)
        >>> email = pd.Series(["valid", "invalid", "valid"])
        >>> statuses = {"email": email, "consent": pd.Series(["valid", "empty", "valid"])}
        >>> record_scores(statuses, idx).tolist()
        [100, 0, 100]
        >>> record_scores(statuses, idx, {"email": pd.Series(["", "", "email.disposable"])}).tolist()
        [100, 0, 29]
    """
    flags = flags or {}
    total = np.zeros(len(index))
    weight_sum = 0.0
    # Phone columns count together: a record with a good mobile and no landline is fully reachable.
    phone_scores = [_cell_score(statuses[f], flags.get(f)) for f in PHONE_FIELDS if f in statuses]
    if phone_scores:
        total += WEIGHTS["phone"] * np.maximum.reduce(phone_scores)
        weight_sum += WEIGHTS["phone"]
    for field, weight in WEIGHTS.items():
        if field in statuses and field not in PHONE_FIELDS:
            total += weight * _cell_score(statuses[field], flags.get(field))
            weight_sum += weight
    if weight_sum == 0:
        return pd.Series(0, index=index, dtype="int64")
    return pd.Series(np.rint(100 * total / weight_sum).astype("int64"), index=index)


def file_score(scores: pd.Series) -> float:
    """Mean record score, one decimal."""
    return round(float(scores.mean()), 1) if len(scores) else 0.0
