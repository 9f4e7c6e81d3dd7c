"""How long a contact may be kept, and who is past it: one home for the retention period.

The CNIL's rule for prospects: their data may be kept for 3 years after the last contact that came from them;
past it, it goes (deleted or anonymised), and marketing needs their consent again before. ``grc score`` counts the
fresh contacts, ``grc export`` leaves the stale ones out of a campaign, ``grc retention`` lists who is past the
period and who should be asked again before they are. All three read the last contact here.

A record's last contact is its latest valid activity date (:data:`~grc_toolkit.schema.ACTIVITY_DATE_FIELDS`); a
person's, after deduplication, the latest of the records merged into them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from grc_toolkit.cleaners.text import strip_accents
from grc_toolkit.errors import ConfigError
from grc_toolkit.results import CORRECTED, VALID
from grc_toolkit.schema import ACTIVITY_DATE_FIELDS

if TYPE_CHECKING:
    from grc_toolkit.mapping import ColumnMapping
    from grc_toolkit.pipeline import PipelineResult
    from grc_toolkit.stages.clean import CleanStage

#: Words that turn a retention check off (``--retention none``).
NO_PERIOD = frozenset({"none", "aucune", "aucun", "non", "no", "off"})
_PERIOD = re.compile(r"(?P<count>\d{1,4})\s*(?P<unit>[a-z]*)")
_UNITS = {
    "": "y",
    "y": "y", "year": "y", "years": "y", "a": "y", "an": "y", "ans": "y", "annee": "y", "annees": "y",
    "m": "m", "mo": "m", "month": "m", "months": "m", "mois": "m",
    "d": "d", "day": "d", "days": "d", "j": "d", "jour": "d", "jours": "d",
}  # fmt: skip


@dataclass(frozen=True)
class Period:
    """A length of time counted back from a date: ``3y`` (years), ``36m`` (months) or ``90d`` (days).

    Examples:
        >>> Period.parse("3y").since(date(2025, 7, 1))
        Timestamp('2022-07-01 00:00:00')
        >>> Period.parse("18 mois").code, Period.parse("3").code, Period.parse("90j").code
        ('18m', '3y', '90d')
    """

    count: int
    unit: str  # y, m or d

    @classmethod
    def years(cls, count: int) -> Period:
        return cls(count, "y")

    @classmethod
    def parse(cls, text: str, option: str = "--retention") -> Period:
        """Read ``3y``, ``3 ans``, ``36m``, ``36 mois``, ``90d``, ``90 jours`` (a bare number is years)."""
        found = _PERIOD.fullmatch(strip_accents(text.strip().lower()))
        unit = _UNITS.get(found.group("unit")) if found else None
        if found is None or unit is None or int(found.group("count")) < 1:
            raise ConfigError(
                f"{option} attend une durée comme 3y (3 ans), 36m (36 mois) ou 90d (90 jours), pas « {text} ».",
                f"{option} needs a length such as 3y (3 years), 36m (36 months) or 90d (90 days), not '{text}'.",
            )
        return cls(int(found.group("count")), unit)

    @property
    def code(self) -> str:
        return f"{self.count}{self.unit}"

    def offset(self) -> pd.DateOffset:
        if self.unit == "y":
            return pd.DateOffset(years=self.count)
        return pd.DateOffset(months=self.count) if self.unit == "m" else pd.DateOffset(days=self.count)

    def since(self, as_of: date) -> pd.Timestamp:
        """The oldest date still within the period at ``as_of`` (29 February falls back to the 28th)."""
        return pd.Timestamp(as_of) - self.offset()

    def words(self, lang: str = "fr") -> str:
        """``3 ans`` / ``3 years``, ``18 mois`` / ``18 months``, ``90 jours`` / ``90 days``.

        Examples:
            >>> Period.parse("1y").words(), Period.parse("18m").words("en")
            ('1 an', '18 months')
        """
        singular = self.count == 1
        names = {
            "y": ("an", "ans", "year", "years"),
            "m": ("mois", "mois", "month", "months"),
            "d": ("jour", "jours", "day", "days"),
        }[self.unit]
        name = names[(2 if lang == "en" else 0) + (0 if singular else 1)]
        return f"{self.count} {name}"


def parse_retention(text: str | None, default_years: int, option: str = "--retention") -> Period | None:
    """The retention period an option gives (``3y``, ``36m``...), ``None`` for ``none`` (no check), else the
    default (``[quality] retention_years`` of grc.toml).

    Examples:
        >>> parse_retention(None, 3).code, parse_retention("36m", 3).code, parse_retention("none", 3)
        ('3y', '36m', None)
    """
    if text is None:
        return Period.years(default_years)
    if text.strip().lower() in NO_PERIOD:
        return None
    return Period.parse(text, option)


def fresh_since(as_of: date, retention_years: int) -> pd.Timestamp:
    """The oldest date of a fresh contact at ``as_of``.

    Examples:
        >>> fresh_since(date(2025, 7, 1), 3)
        Timestamp('2022-07-01 00:00:00')
        >>> fresh_since(date(2024, 2, 29), 3)
        Timestamp('2021-02-28 00:00:00')
    """
    return Period.years(retention_years).since(as_of)


def last_contact(cleaned: CleanStage, mapping: ColumnMapping, index: pd.Index) -> pd.Series:
    """Each record's latest valid activity date (:data:`~grc_toolkit.schema.ACTIVITY_DATE_FIELDS`), NaT if none."""
    columns = [column for name in ACTIVITY_DATE_FIELDS for column in mapping.columns_of(name)]
    results = [cleaned.results[column] for column in columns if column in cleaned.results]
    dates = [
        pd.to_datetime(r.values.where(r.status.isin([VALID, CORRECTED]), ""), format="%Y-%m-%d", errors="coerce")
        for r in results
    ]
    if not dates:
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    return pd.concat([d.reset_index(drop=True) for d in dates], axis=1).max(axis=1).set_axis(index)


def has_dates(mapping: ColumnMapping) -> bool:
    """Whether the file has a column saying when a person was in touch (else no retention can be checked)."""
    return any(mapping.columns_of(name) for name in ACTIVITY_DATE_FIELDS)


def people_last_contact(result: PipelineResult) -> pd.Series:
    """Per person (each row of ``result.data``), the latest activity date of the records merged into them."""
    if result.cleaned is None:
        raise ValueError("people_last_contact() needs the result of a pipeline run that kept its clean stage")
    when = last_contact(result.cleaned, result.mapping, result.cleaned.data.index).reset_index(drop=True)
    people = pd.RangeIndex(len(result.data))
    if when.empty:
        return pd.Series(pd.NaT, index=people, dtype="datetime64[ns]")
    latest = when.groupby(result.contacts_position()).max()
    return latest.reindex(people).astype("datetime64[ns]")


#: What retention says of a person, in the order ``grc retention`` lists them.
EXPIRED, RENEW, EXPIRING, UNDATED, FRESH = "expired", "renew", "expiring", "undated", "fresh"
STATES = (EXPIRED, RENEW, EXPIRING, UNDATED, FRESH)


def retention_states(
    last: pd.Series, consent: pd.Series, *, as_of: date, period: Period, notice: Period | None
) -> pd.Series:
    """Per person: ``expired`` (last contact before the period: delete or anonymise), ``renew`` (consenting, and
    past the period within ``notice``: ask them again before), ``expiring`` (the same without consent: nobody to
    ask, they go then), ``undated`` (no known contact date: a person must check) or ``fresh``.

    A date after ``as_of`` counts as fresh (a contact, even if typed ahead). ``consent`` holds ``oui``/``non``/"".

    Examples:
        >>> last = pd.Series(pd.to_datetime(["2021-01-10", "2022-08-01", "2022-08-01", None, "2025-01-01"]))
        >>> consent = pd.Series(["oui", "oui", "non", "oui", ""])
        >>> retention_states(last, consent, as_of=date(2025, 7, 1), period=Period.years(3),
        ...                  notice=Period.parse("3m")).tolist()
        ['expired', 'renew', 'expiring', 'undated', 'fresh']
    """
    cutoff = period.since(as_of)
    soon = cutoff + notice.offset() if notice is not None else cutoff
    states = np.where(last.isna(), UNDATED, np.where(last < cutoff, EXPIRED, FRESH)).astype(object)
    ending = last.notna().to_numpy() & (last >= cutoff).to_numpy() & (last < soon).to_numpy()
    asked = consent.fillna("").astype(str).to_numpy() == "oui"
    states[ending & asked] = RENEW
    states[ending & ~asked] = EXPIRING
    return pd.Series(states, index=last.index, dtype=object)


def retention_end(last: pd.Series, period: Period) -> pd.Series:
    """The day each person passes the period (``last`` + period), ISO text ("" when unknown)."""
    end = last + period.offset()
    return end.dt.strftime("%Y-%m-%d").fillna("").astype(object)


__all__ = [
    "EXPIRED",
    "EXPIRING",
    "FRESH",
    "RENEW",
    "STATES",
    "UNDATED",
    "Period",
    "fresh_since",
    "has_dates",
    "last_contact",
    "parse_retention",
    "people_last_contact",
    "retention_end",
    "retention_states",
]
