"""Group records into people."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd


def connected_groups(keys: Iterable[pd.Series], index: pd.Index) -> pd.Series:
    """Group rows that share a non-empty key in any of ``keys`` (vectorised label propagation).

    Returns, per row, the group label: the position of the group's first row. Rows that share
    nothing keep their own position, so ``labels == arange`` means no duplicates.

    Examples:
        >>> idx = pd.RangeIndex(4)
        >>> email = pd.Series(["a", "b", "a", ""])
        >>> phone = pd.Series(["", "1", "", "1"])
        >>> connected_groups([email, phone], idx).tolist()
        [0, 1, 0, 1]
    """
    labels = np.arange(len(index))
    codes = []
    for key in keys:
        values = key.to_numpy(dtype=object)
        code = pd.factorize(values)[0]
        code[values == ""] = -1
        codes.append(code)
    changed = True
    while changed:
        changed = False
        for code in codes:
            present = code >= 0
            if not present.any():
                continue
            smallest = pd.Series(labels[present]).groupby(code[present]).transform("min").to_numpy()
            if (smallest < labels[present]).any():
                labels[present] = smallest
                changed = True
        # Pointer jumping: a label points to a row whose own label may be smaller still.
        jumped = labels[labels]
        while (jumped != labels).any():
            labels = jumped
            jumped = labels[labels]
            changed = True
    return pd.Series(labels, index=index)
