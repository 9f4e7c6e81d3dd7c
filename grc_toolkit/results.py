"""Typed results of each stage. They are plain data: the terminal table, ``--json`` and the
report sheet are all rendered from them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

VALID = "valid"
CORRECTED = "corrected"
INVALID = "invalid"
EMPTY = "empty"
STATUSES = (VALID, CORRECTED, INVALID, EMPTY)
#: Name of the ``FieldResult.extra`` series holding a warning code for values that stay valid.
FLAG = "flag"


@dataclass(frozen=True)
class FieldResult:
    """What a cleaner returns for one column.

    ``values``: cleaned text ("" when empty), same index as the input.
    ``status``: one of valid / corrected / invalid / empty per row.
    ``reason``: rule codes, comma-separated ("" when the value was kept as is); see
    :func:`grc_toolkit.messages.describe` for their French and English wording.
    ``extra``: further per-row series a cleaner derives (``other_emails``, ``line_type``,
    ``iso2``...), all with the same index. ``extra[FLAG]``, when a cleaner gives it, holds a rule
    code for a value that is valid but worth a look (``email.role``): it becomes an issue and
    lowers the record's quality, while the status stays valid.
    """

    values: pd.Series
    status: pd.Series
    reason: pd.Series
    extra: Mapping[str, pd.Series] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame({"value": self.values, "status": self.status, "reason": self.reason})
        for name, series in self.extra.items():
            frame[name] = series
        return frame

    def counts(self) -> dict[str, int]:
        counted = self.status.value_counts()
        return {status: int(counted.get(status, 0)) for status in STATUSES}


#: The code of an issue an earlier run wrote in ``grc_issues`` whose wording names no known rule.
EARLIER_ISSUE = "issue.earlier"


@dataclass(frozen=True)
class Issue:
    """Something still wrong with a cell after cleaning, as data: its rule ``code`` (comma-separated codes,
    worded by :func:`grc_toolkit.messages.describe`), the ``row`` of the written Contacts sheet (header on
    row 1, so the first record is row 2) and the ``column``.

    ``given``: cleaning grc's output again, the wording an earlier run wrote in ``grc_issues`` and that
    this run keeps as written (its ``code`` is the rule that wording names, else :data:`EARLIER_ISSUE`).
    """

    code: str
    row: int
    column: str
    given: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "row": self.row, "column": self.column}
