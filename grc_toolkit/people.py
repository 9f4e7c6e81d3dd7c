"""One row per person after the pipeline, under canonical names: what ``grc export`` and ``grc retention`` read.

:func:`people` turns a :class:`~grc_toolkit.pipeline.PipelineResult` (the merged records under the export's own
headers) into a frame with one column per field a selection, a segment or a platform needs, whatever the
export called them: ``email``, ``consent``, ``country`` (its French name) and ``country_code`` (ISO 3166 alpha-2),
``department`` (from a French postcode), ``language``, ``source``, ``last_contact``... A field the file does not
have is a column of blanks; :func:`fields_present` says which ones it has.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from grc_toolkit.cleaners.addresses import FRENCH_POSTAL_COUNTRIES, department_of, is_french_postcode
from grc_toolkit.cleaners.base import as_text
from grc_toolkit.cleaners.countries import country_code, country_name
from grc_toolkit.cleaners.text import strip_accents
from grc_toolkit.retention import has_dates, people_last_contact
from grc_toolkit.schema import GRC_COLUMNS, SOURCE_FILE, SOURCE_IDS, SOURCE_ROWS

if TYPE_CHECKING:
    from grc_toolkit.pipeline import PipelineResult

#: The fields taken as they were merged, each from the first column the mapping gives it.
COPIED_FIELDS = (
    "record_id", "civility", "last_name", "first_name", "full_name", "organisation", "email",
    "address", "postal_code", "city", "language", "birth_date",
)  # fmt: skip
#: Headers of a column that says where a contact came from (a desk, a fair, the website), once simplified.
SOURCE_HEADERS = frozenset({"source", "origine", "provenance", "canal", "origin", "leadsource", "sourcecontact"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def people(result: PipelineResult) -> pd.DataFrame:
    """One row per person of ``result.data`` (same positions), canonical columns, text ("" when unknown) but
    ``last_contact`` (a date, NaT when unknown)."""
    data, mapping = result.data, result.mapping
    index = pd.RangeIndex(len(data))
    frame = pd.DataFrame(index=index)
    frame["source_rows"] = _column(data, SOURCE_ROWS, index)
    frame["source_ids"] = _column(data, SOURCE_IDS, index)
    for field in COPIED_FIELDS:
        frame[field] = _column(data, mapping.column_of(field), index)
    consent = _column(data, mapping.column_of("consent"), index)
    frame["consent"] = consent.where(consent.isin(["oui", "non"]), "")
    raw_country = _column(data, mapping.column_of("country"), index)
    codes = raw_country.map({value: country_code(value) if value else "" for value in raw_country.unique()})
    frame["country_code"] = codes.astype(object)
    names = codes.map({code: country_name(code) for code in codes.unique()})
    frame["country"] = names.where(names != "", raw_country).astype(object)
    frame["department"] = departments(frame["postal_code"], frame["country_code"])
    frame["source"] = _column(data, source_column(data), index)
    frame["last_contact"] = people_last_contact(result).to_numpy()
    return frame


def fields_present(result: PipelineResult) -> frozenset[str]:
    """The fields of :func:`people` the file has a column for (``last_contact``: an activity date column)."""
    mapping = result.mapping
    present = {field for field in (*COPIED_FIELDS, "consent", "country") if mapping.column_of(field) is not None}
    if "country" in present:
        present.add("country_code")
    if "postal_code" in present:
        present.add("department")
    if source_column(result.data) is not None:
        present.add("source")
    if has_dates(mapping):
        present.add("last_contact")
    return frozenset(present)


def departments(postal_codes: pd.Series, country_codes: pd.Series) -> pd.Series:
    """The French department of each postcode (``35``, ``2A``, ``974``) where the country is France (or one of
    its overseas departments), or blank with a postcode of the official list; "" elsewhere.

    Examples:
        >>> departments(pd.Series(["35400", "20290", "10115", "75008"]), pd.Series(["FR", "FR", "DE", ""])).tolist()
        ['35', '2B', '', '75']
    """
    french = country_codes.isin(FRENCH_POSTAL_COUNTRIES) | (
        (country_codes == "") & postal_codes.map(is_french_postcode).astype(bool)
    )
    found = postal_codes.map({code: department_of(code) for code in postal_codes.unique()})
    return found.where(french, "").astype(object)


def source_column(data: pd.DataFrame) -> str | None:
    """The column saying where each contact came from: ``grc_source_file`` (``grc dedupe``), else the export's
    own ``Source``, ``Origine``, ``Provenance`` or ``Canal`` column; None when there is none."""
    if SOURCE_FILE in data:
        return SOURCE_FILE
    for column in data.columns:
        name = str(column)
        if name not in GRC_COLUMNS and _NOT_ALNUM.sub("", strip_accents(name.lower())) in SOURCE_HEADERS:
            return name
    return None


def _column(data: pd.DataFrame, column: str | None, index: pd.Index) -> pd.Series:
    if column is None or column not in data:
        return pd.Series("", index=index, dtype=object)
    return as_text(data[column]).str.strip().set_axis(index)


__all__ = ["COPIED_FIELDS", "SOURCE_HEADERS", "departments", "fields_present", "people", "source_column"]
