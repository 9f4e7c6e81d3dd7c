"""What the duplicate sheets show, as data: each merged group with its weakest link. The sheets themselves
(``Doublons``, ``À vérifier``) are :mod:`grc_toolkit.present`'s."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grc_toolkit.dedupe.compare import FIELDS
from grc_toolkit.dedupe.result import DedupeResult

#: Per pair, the columns that say why its two records were compared: comparison levels and swapped names.
LEVEL_COLUMNS = (*FIELDS, "swapped")


def merged_groups(search: DedupeResult, members: pd.Series) -> pd.DataFrame:
    """One row per merged group: its ``row`` (position among the merged records), its input positions
    (``members``), and the ``probability`` and comparison levels of its weakest scored pair (probability 1
    and no levels when a person's decision alone joined it)."""
    multi = np.flatnonzero(members.str.len().to_numpy() > 1)
    if not len(multi):
        return pd.DataFrame(columns=["row", "members", "probability", *LEVEL_COLUMNS])
    pairs = search.merged_pairs()
    pairs = pairs.assign(group=search.groups[pairs["left"].to_numpy()]).sort_values("probability")
    weakest = pairs.drop_duplicates("group").set_index("group")
    labels = [members[k][0] for k in multi]
    levels = weakest.reindex(labels)[[c for c in LEVEL_COLUMNS if c in weakest]].reset_index(drop=True)
    groups = pd.DataFrame(
        {
            "row": multi,
            "members": [list(members[k]) for k in multi],
            "probability": weakest["probability"].reindex(labels).fillna(1.0).to_numpy(dtype=float),
        }
    )
    return pd.concat([groups, levels], axis=1)
