"""Record and file quality scores (0-100) from the cleaned cells' statuses."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from grc_toolkit.results import CORRECTED, VALID

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

#: Phone columns count together: a record with a good mobile and no landline is fully reachable.
_PHONE_FIELDS = ("phone", "mobile", "landline")


def _cell_score(status: pd.Series) -> np.ndarray:
    return status.isin([VALID, CORRECTED]).to_numpy(dtype=float)


def record_scores(statuses: Mapping[str, pd.Series], index: pd.Index) -> pd.Series:
    """Score each record 0-100 from the status of its fields (field name -> status series).

    Only the fields the file has count, so a file without a phone column is not punished for it.

    Examples:
        >>> idx = pd.RangeIndex(2)
        >>> statuses = {"email": pd.Series(["valid", "invalid"]), "consent": pd.Series(["valid", "empty"])}
        >>> record_scores(statuses, idx).tolist()
        [100, 0]
    """
    total = np.zeros(len(index))
    weight_sum = 0.0
    phone_scores = [_cell_score(statuses[f]) for f in _PHONE_FIELDS if f in statuses]
    if phone_scores:
        total += WEIGHTS["phone"] * np.maximum.reduce(phone_scores)
        weight_sum += WEIGHTS["phone"]
    for field, weight in WEIGHTS.items():
        if field in statuses and field not in _PHONE_FIELDS:
            total += weight * _cell_score(statuses[field])
            weight_sum += weight
    if weight_sum == 0:
        return pd.Series(0, index=index, dtype="int64")
    return pd.Series(np.rint(100 * total / weight_sum).astype("int64"), index=index)


def file_score(scores: pd.Series) -> float:
    """Mean record score, one decimal."""
    return round(float(scores.mean()), 1) if len(scores) else 0.0
