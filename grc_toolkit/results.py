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


#: The file score's grades: the lowest score of each, best first (README "Qualité d'un fichier").
GRADES: tuple[tuple[str, float], ...] = (("A", 85.0), ("B", 70.0), ("C", 55.0), ("D", 40.0), ("E", 0.0))


def grade_of(score: float) -> str:
    """The grade A-E of a file score 0-100.

    Examples:
        >>> [grade_of(score) for score in (100, 85, 84.9, 70, 55, 40, 39.9, 0)]
        ['A', 'A', 'B', 'B', 'C', 'D', 'E', 'E']
    """
    return next(grade for grade, floor in GRADES if score >= floor)


@dataclass(frozen=True)
class QualityProblem:
    """Something that lowers a file's quality, as data (no person's data): its ``code``, the ``column`` and
    ``field`` it is about, a form's default ``value`` (``default_value`` only), the ``share`` of rows and their
    ``count``. :func:`grc_toolkit.present.problem_text` words it."""

    code: str
    column: str = ""
    field: str = ""
    value: str = ""
    share: float = 0.0
    count: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "column": self.column,
            "field": self.field,
            "value": self.value,
            "share": self.share,
            "count": self.count,
        }


@dataclass(frozen=True)
class QualityReport:
    """The quality of one file (``grc score``; one row per office in ``grc audit``). ``score`` 0-100 and its
    ``grade``; ``dimensions`` each 0-100; ``record_score`` the mean of the records' scores; freshness is
    counted at ``as_of`` (ISO date), taken from ``as_of_source`` (``option``: ``--as-of``; ``today``)."""

    file: str
    office: str | None
    rows: int
    people: int
    score: float
    grade: str
    dimensions: dict[str, float]
    problems: tuple[QualityProblem, ...]
    record_score: float
    as_of: str
    as_of_source: str
    retention_years: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "office": self.office,
            "rows": self.rows,
            "people": self.people,
            "score": self.score,
            "grade": self.grade,
            "dimensions": dict(self.dimensions),
            "problems": [problem.to_dict() for problem in self.problems],
            "record_score": self.record_score,
            "as_of": self.as_of,
            "as_of_source": self.as_of_source,
            "retention_years": self.retention_years,
        }
