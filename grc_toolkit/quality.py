"""Record and file quality scores (0-100) from the cleaned cells' statuses.

:func:`record_scores` gives ``grc_quality``, each written record's score from its fields. :func:`assess` gives
the quality of a whole file (``grc score``): its records' :func:`record_dimensions`, its dimensions 0-100, a
grade A-E and its problems, all as data (:class:`~grc_toolkit.results.QualityReport`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from grc_toolkit.config import QualityOptions
from grc_toolkit.results import (
    CORRECTED,
    EMPTY,
    FLAG,
    INVALID,
    VALID,
    FieldResult,
    QualityProblem,
    QualityReport,
    grade_of,
)
from grc_toolkit.retention import fresh_since, last_contact
from grc_toolkit.schema import ACTIVITY_DATE_FIELDS, PHONE_FIELDS

if TYPE_CHECKING:
    from grc_toolkit.mapping import ColumnMapping
    from grc_toolkit.pipeline import PipelineResult
    from grc_toolkit.stages.clean import CleanStage

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


# --- The quality of a file (``grc score``) -------------------------------------------------------------------

#: What a phone's line type is worth to reach someone: a mobile takes calls and texts, a landline less often.
LINE_CREDIT: dict[str, float] = {"mobile": 1.0, "fixe": 0.5, "voip": 0.5, "autre": 0.5}
#: The fields whose one value filling most of a column looks like a form's default, not what people said.
DEFAULT_PRONE_FIELDS = (
    "civility",
    "postal_code",
    "city",
    "country",
    "consent",
    "language",
    *ACTIVITY_DATE_FIELDS,
    "birth_date",
)
#: The fields of each group a record's completeness counts (any of them filled fills the group).
COMPLETENESS_GROUPS: dict[str, tuple[str, ...]] = {
    "reach": ("email", *PHONE_FIELDS),
    "name": ("last_name", "first_name", "full_name", "organisation"),
    "place": ("postal_code", "city", "country"),
    "consent": ("consent",),
    "date": ACTIVITY_DATE_FIELDS,
}
#: Share of a column's filled cells that may be invalid before the file's problems name it.
INVALID_SHARE = 0.1


def _ok(result: FieldResult) -> np.ndarray:
    return result.status.isin([VALID, CORRECTED]).to_numpy()


def _results(cleaned: CleanStage, mapping: ColumnMapping, names: tuple[str, ...]) -> list[FieldResult]:
    """The cleaning results of every column mapped to one of ``names``."""
    columns = [column for name in names for column in mapping.columns_of(name)]
    return [cleaned.results[column] for column in columns if column in cleaned.results]


def _best(parts: list[np.ndarray], size: int) -> np.ndarray:
    return np.maximum.reduce(parts) if parts else np.zeros(size)


def _reachable(cleaned: CleanStage, mapping: ColumnMapping, size: int) -> np.ndarray:
    """1 for a valid personal email or mobile; a shared mailbox, a landline count half, a throwaway address 0."""
    parts = []
    for result in _results(cleaned, mapping, ("email", *PHONE_FIELDS)):
        credit = _ok(result).astype(float)
        if FLAG in result.extra:
            credit *= result.extra[FLAG].map(FLAG_CREDIT).fillna(1.0).to_numpy(dtype=float)
        if "line_type" in result.extra:
            credit *= result.extra["line_type"].map(LINE_CREDIT).fillna(1.0).to_numpy(dtype=float)
        parts.append(credit)
    return _best(parts, size)


def _identified(cleaned: CleanStage, mapping: ColumnMapping, size: int) -> np.ndarray:
    """1 for a full name (or an organisation's name), half for a last or a first name alone."""
    last = _best([_ok(r) * 0.5 for r in _results(cleaned, mapping, ("last_name",))], size)
    first = _best([_ok(r) * 0.5 for r in _results(cleaned, mapping, ("first_name",))], size)
    whole = _best([_ok(r).astype(float) for r in _results(cleaned, mapping, ("full_name", "organisation"))], size)
    return np.maximum(last + first, whole)


def _place_invalid(cleaned: CleanStage, mapping: ColumnMapping, size: int) -> np.ndarray:
    """True where a postcode, city or country is invalid: unknown, or not matching the others."""
    parts = [(r.status == INVALID).to_numpy() for r in _results(cleaned, mapping, ("postal_code", "city", "country"))]
    return np.logical_or.reduce(parts) if parts else np.zeros(size, dtype=bool)


def _located(cleaned: CleanStage, mapping: ColumnMapping, size: int) -> np.ndarray:
    """A third for each of postcode, city and country known, nothing when one contradicts the others."""
    known = sum(
        (_best([_ok(r).astype(float) for r in _results(cleaned, mapping, (name,))], size))
        for name in ("postal_code", "city", "country")
    )
    return np.where(_place_invalid(cleaned, mapping, size), 0.0, np.asarray(known) / 3)


def _consent_known(cleaned: CleanStage, mapping: ColumnMapping, size: int) -> np.ndarray:
    parts = [(_ok(r) & r.values.isin(["oui", "non"]).to_numpy()).astype(float) for r in
             _results(cleaned, mapping, ("consent",))]  # fmt: skip
    return _best(parts, size)


def record_dimensions(
    cleaned: CleanStage, mapping: ColumnMapping, *, as_of: date, retention_years: int = 3
) -> pd.DataFrame:
    """Per record (the cleaned rows, before any merge), each dimension of its quality between 0 and 1:
    ``reachable``, ``identified``, ``located``, ``consent`` (known: oui or non) and ``fresh`` (a contact in the
    last ``retention_years`` years before ``as_of``). A dimension whose columns the file lacks is 0."""
    index = cleaned.data.index
    size = len(index)
    when = last_contact(cleaned, mapping, index)
    fresh = (when >= fresh_since(as_of, retention_years)) & (when <= pd.Timestamp(as_of))
    return pd.DataFrame(
        {
            "reachable": _reachable(cleaned, mapping, size),
            "identified": _identified(cleaned, mapping, size),
            "located": _located(cleaned, mapping, size),
            "consent": _consent_known(cleaned, mapping, size),
            "fresh": fresh.to_numpy(dtype=float),
        },
        index=index,
    )


def record_quality(dimensions: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """Each record's quality 0-100: the weighted mean of its :func:`record_dimensions`.

    Examples:
        >>> dims = pd.DataFrame({"reachable": [1.0, 0.5], "identified": [1.0, 0.0], "located": [1.0, 0.0],
        ...                      "consent": [1.0, 0.0], "fresh": [1.0, 1.0]})
        >>> from grc_toolkit.config import RECORD_WEIGHTS
        >>> record_quality(dims, RECORD_WEIGHTS).tolist()
        [100, 32]
    """
    total = sum(weights.values())
    weighted = sum(dimensions[name] * weight for name, weight in weights.items())
    return pd.Series(np.rint(100 * np.asarray(weighted, dtype=float) / total).astype("int64"), index=dimensions.index)


def _blank(raw: pd.Series) -> pd.Series:
    return raw.fillna("").astype(str).str.strip() == ""


#: Fields with few values where one of them filling most rows is normal: most visitors of a French office live in
#: France, most contacts kept are women (« Mme » on 60 % of a sample export), most say yes to a newsletter.
_FEW_VALUES_FIELDS = frozenset({"country", "civility", "consent"})


def suspicious_defaults(
    raw: pd.DataFrame, cleaned: CleanStage, mapping: ColumnMapping, options: QualityOptions
) -> list[tuple[QualityProblem, pd.Series]]:
    """The columns where one value fills most rows (a desk form's default country or date), each with the
    rows holding it. Only the fields where that is suspicious (:data:`DEFAULT_PRONE_FIELDS`) and the values
    people typed (a country grc inferred is no default) count; the value is the cleaned one (``France``)."""
    rows = len(raw)
    found: list[tuple[QualityProblem, pd.Series]] = []
    if rows < max(options.default_min_rows, 1):
        return found
    for match in mapping.matches:
        if match.field not in DEFAULT_PRONE_FIELDS or match.column not in raw:
            continue
        result = cleaned.results.get(match.column)
        values = (result.values if result is not None else raw[match.column]).astype(str).str.strip()
        typed = values[~_blank(raw[match.column]) & (values != "")]
        if typed.empty:
            continue
        counts = typed.value_counts()
        value, count = str(counts.index[0]), int(counts.iloc[0])
        limit = options.country_default_share if match.field in _FEW_VALUES_FIELDS else options.default_share
        if count / rows >= limit:
            problem = QualityProblem("default_value", match.column, match.field, value, round(count / rows, 3), count)
            found.append((problem, (values == value) & ~_blank(raw[match.column])))
    return found


def _share(flags: np.ndarray | pd.Series) -> float:
    return float(np.mean(flags)) if len(flags) else 0.0


def _filled(raw: pd.DataFrame, cleaned: CleanStage, column: str) -> np.ndarray:
    """Where a column holds a value: not blank once cleaned (a placeholder such as ``00 00 00 00 00`` is not)."""
    result = cleaned.results.get(column)
    if result is not None:
        return (result.status != EMPTY).to_numpy()
    return (~_blank(raw[column])).to_numpy()


def _completeness(raw: pd.DataFrame, cleaned: CleanStage, mapping: ColumnMapping) -> float:
    """The mean share of the :data:`COMPLETENESS_GROUPS` a record fills (a group the file lacks is empty)."""
    filled = []
    for names in COMPLETENESS_GROUPS.values():
        columns = [c for name in names for c in mapping.columns_of(name) if c in raw]
        parts = [_filled(raw, cleaned, c) for c in columns]
        filled.append(np.logical_or.reduce(parts) if parts else np.zeros(len(raw), dtype=bool))
    return _share(np.mean(filled, axis=0)) if len(raw) else 0.0


def _validity(cleaned: CleanStage, mapping: ColumnMapping) -> tuple[float, float, list[QualityProblem]]:
    """The share of filled cells that are valid (as typed or once corrected), the share already written in their
    standard spelling (valid as typed), and the columns with many invalid cells."""
    filled = valid = as_typed = 0
    problems = []
    for match in mapping.matches:
        result = cleaned.results.get(match.column)
        if result is None:
            continue
        counts = result.counts()
        column_filled = len(result.status) - counts[EMPTY]
        filled += column_filled
        valid += counts[VALID] + counts[CORRECTED]
        as_typed += counts[VALID]
        if column_filled and counts[INVALID] / column_filled >= INVALID_SHARE:
            share = round(counts[INVALID] / column_filled, 3)
            problems.append(QualityProblem("invalid_values", match.column, match.field, "", share, counts[INVALID]))
    return (valid / filled if filled else 0.0), (as_typed / filled if filled else 0.0), problems


def _missing(mapping: ColumnMapping) -> list[QualityProblem]:
    """A problem for each group of :data:`COMPLETENESS_GROUPS` the file has no column for."""
    return [
        QualityProblem("missing_field", field=group)
        for group, names in COMPLETENESS_GROUPS.items()
        if not any(mapping.columns_of(name) for name in names)
    ]


def file_score(scores: pd.Series) -> float:
    """Mean record score, one decimal."""
    return round(float(scores.mean()), 1) if len(scores) else 0.0


def assess(
    result: PipelineResult,
    raw: pd.DataFrame,
    options: QualityOptions | None = None,
    *,
    file: str,
    as_of: date,
    as_of_source: str = "option",
    office: str | None = None,
) -> QualityReport:
    """The quality of one file from its pipeline ``result`` and ``raw`` cells (README "Qualité d'un fichier").

    Each dimension is 0-100 over the file's rows as read: ``completeness`` (groups filled), ``validity`` (filled
    cells valid), ``uniqueness`` (people per row), ``consistency`` (rows with no place contradicting itself,
    no invalid date and no form default), ``freshness`` (rows with a contact in the retention period) and
    ``consent`` (rows whose consent is known). The score is their weighted mean, then a grade A-E."""
    options = options or QualityOptions()
    cleaned, mapping = result.cleaned, result.mapping
    if cleaned is None:
        raise ValueError("assess() needs the result of a pipeline run that kept its clean stage")
    size = len(raw)
    records = record_dimensions(cleaned, mapping, as_of=as_of, retention_years=options.retention_years)
    defaults = suspicious_defaults(raw, cleaned, mapping, options)
    validity, spelled, invalid = _validity(cleaned, mapping)
    dates = _results(cleaned, mapping, (*ACTIVITY_DATE_FIELDS, "birth_date"))
    contradicting = _place_invalid(cleaned, mapping, size)
    for part in [(r.status == INVALID).to_numpy() for r in dates] + [rows.to_numpy() for _, rows in defaults]:
        contradicting = contradicting | part
    dimensions = {
        "completeness": _completeness(raw, cleaned, mapping),
        "validity": validity,
        "uniqueness": result.rows_out / result.rows_in if result.rows_in else 0.0,
        # half rows that contradict nothing, half cells already in one standard spelling
        "consistency": (1 - _share(contradicting) + spelled) / 2 if size else 0.0,
        "freshness": _share(records["fresh"].to_numpy()),
        "consent": _share(records["consent"].to_numpy()),
    }
    dimensions = {name: round(100 * value, 1) for name, value in dimensions.items()}
    weights = options.file_weights
    score = round(sum(dimensions[name] * weight for name, weight in weights.items()) / sum(weights.values()), 1)
    return QualityReport(
        file=file,
        office=office,
        rows=int(result.rows_in),
        people=int(result.rows_out),
        score=score,
        grade=grade_of(score),
        dimensions=dimensions,
        problems=(
            *_missing(mapping),
            *(problem for problem, _ in defaults),
            *invalid,
            *_stale(cleaned, mapping, as_of, options.retention_years),
            *_duplicates(result),
        ),
        record_score=file_score(record_quality(records, options.record_weights)),
        as_of=as_of.isoformat(),
        as_of_source=as_of_source,
        retention_years=options.retention_years,
    )


def _stale(cleaned: CleanStage, mapping: ColumnMapping, as_of: date, retention_years: int) -> list[QualityProblem]:
    """The rows whose last contact is older than the retention period (the CNIL's 3 years for prospects)."""
    when = last_contact(cleaned, mapping, cleaned.data.index)
    old = int((when < fresh_since(as_of, retention_years)).sum())
    if not old:
        return []
    return [QualityProblem("stale", share=round(old / len(when), 3), count=old)]


def _duplicates(result: PipelineResult) -> list[QualityProblem]:
    extra = int(result.rows_in - result.rows_out)
    if extra <= 0:
        return []
    return [QualityProblem("duplicates", share=round(extra / result.rows_in, 3), count=extra)]
