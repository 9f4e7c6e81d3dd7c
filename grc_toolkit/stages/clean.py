"""The clean stage: the right cleaner on each mapped column, and what it changed.

Returns data (values, statuses, rule codes); the wording is :mod:`grc_toolkit.present`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from grc_toolkit.cleaners import addresses, consent, countries, dates, emails, names, organisations, phones, text
from grc_toolkit.cleaners.base import as_text, define_reasons, first_filled
from grc_toolkit.config import CleanOptions
from grc_toolkit.mapping import ColumnMapping
from grc_toolkit.parallel import in_row_chunks
from grc_toolkit.progress import report
from grc_toolkit.results import CORRECTED, EMPTY, FieldResult
from grc_toolkit.schema import FIELDS_BY_NAME, PHONE_FIELDS

define_reasons(
    {
        "country.from_phone": ("pays déduit de l'indicatif du téléphone", "country inferred from the phone prefix"),
        "country.from_postcode": ("pays déduit du code postal", "country inferred from the postcode"),
        "country.from_email": ("pays déduit de la fin de l'adresse courriel", "country inferred from the email ending"),
    }
)

_INFERRED_REASON = {
    "telephone": "country.from_phone",
    "code postal": "country.from_postcode",
    "courriel": "country.from_email",
}
#: Columns of :func:`changes_frame`.
CHANGE_COLUMNS = ["row", "column", "before", "after", "code"]


@dataclass(frozen=True)
class CleanStage:
    """Every mapped column after cleaning, plus what the cleaners derived (same index as the input)."""

    data: pd.DataFrame  # input columns, cleaned values (unmapped columns untouched)
    results: dict[str, FieldResult]  # column -> result
    other_emails: pd.Series
    other_phones: pd.Series
    line_type: pd.Series | None

    def take(self, keep: np.ndarray) -> CleanStage:
        """The rows where ``keep`` is true, numbered again from 0 (the input frame is subset the same way)."""

        def rows(series: pd.Series) -> pd.Series:
            return series[keep].reset_index(drop=True)

        return CleanStage(
            self.data[keep].reset_index(drop=True),
            {
                column: FieldResult(
                    rows(result.values),
                    rows(result.status),
                    rows(result.reason),
                    {name: rows(series) for name, series in result.extra.items()},
                )
                for column, result in self.results.items()
            },
            rows(self.other_emails),
            rows(self.other_phones),
            None if self.line_type is None else rows(self.line_type),
        )


#: The former name of :class:`CleanStage`.
CleanedColumns = CleanStage


def clean_columns(frame: pd.DataFrame, mapping: ColumnMapping, options: CleanOptions) -> CleanStage:
    """Run the right cleaner on each mapped column.

    Countries go first (their spelling only: French names, whatever the language of messages), then
    phones, read with the row's country or the overseas region of its postcode, and emails. A blank
    country is filled from where the person lives: postcode, then phone, then email ending; postcode
    and city are then cleaned for that country.
    """
    results: dict[str, FieldResult] = {}
    done = _Done(mapping)
    index = frame.index
    country_column = mapping.column_of("country")
    postal_column = mapping.column_of("postal_code")
    iso2 = pd.Series("", index=index, dtype=object)
    if country_column is not None:
        results[country_column] = countries.clean_countries(
            frame[country_column], country_format=options.country_format
        )
        iso2 = results[country_column].extra["iso2"]
        done(country_column)
    regions = iso2 if postal_column is None else countries.phone_regions(iso2, frame[postal_column])
    phone_results: dict[str, FieldResult] = {}
    for column in (column for kind in PHONE_FIELDS for column in mapping.columns_of(kind)):
        phone_results[column] = phones.clean_phones(
            frame[column], country=regions, region=options.region, phone_format=options.phone_format
        )
        done(column)
    email_results: dict[str, FieldResult] = {}
    for column in mapping.columns_of("email"):
        email_results[column] = emails.clean_emails(frame[column], check_dns=options.check_dns)
        done(column)
    results |= phone_results | email_results
    phone_country = first_filled([r.extra["phone_country"] for r in phone_results.values()], index)
    email_country = first_filled([emails.domain_country(r.values) for r in email_results.values()], index)
    address = _address_country(frame, mapping, iso2)
    filled, source = countries.infer_countries(
        iso2,
        postal_country=address["postal_country"],
        phone_country=phone_country,
        email_country=email_country,
        weak_postal_country=address["weak_postal_country"],
        foreign_address=address["foreign"],
    )
    place = _clean_place(frame, mapping, filled)
    results |= place
    done(*place)
    if country_column is not None:
        results[country_column] = _infer_country(results[country_column], filled, source, options)
    for match in mapping.matches:
        if match.column not in results:
            cleaner = _simple_cleaner(FIELDS_BY_NAME[match.field].kind, options)
            if cleaner is not None:
                results[match.column] = cleaner(frame[match.column])
            done(match.column)
    data = frame.copy()
    for column, result in results.items():
        data[column] = result.values
    line_type = first_filled([r.extra["line_type"] for r in phone_results.values()], index) if phone_results else None
    return CleanStage(
        data,
        results,
        join_lists([r.extra["other_emails"] for r in email_results.values()], index),
        join_lists([r.extra["other_phones"] for r in phone_results.values()], index),
        line_type,
    )


#: What cleaning a column costs, roughly, beside a name's (1): phones and emails go through libraries value by
#: value (phonenumbers, email-validator), for the progress display.
_COSTS = {"phone": 4.0, "email": 3.0, "address": 2.0}


class _Done:
    """Reports the share of :func:`clean_columns`' work done as each column is cleaned."""

    def __init__(self, mapping: ColumnMapping) -> None:
        self.costs = {match.column: _COSTS.get(FIELDS_BY_NAME[match.field].kind, 1.0) for match in mapping.matches}
        self.total, self.spent, self.seen = sum(self.costs.values()), 0.0, set[str]()

    def __call__(self, *columns: str) -> None:
        for column in columns:
            if column not in self.seen:
                self.seen.add(column)
                self.spent += self.costs.get(column, 0.0)
        report(self.spent, self.total)


def cleaning_order(mapping: ColumnMapping) -> list[str]:
    """The mapped columns in the order :func:`clean_columns` cleans them (and so says their issues)."""
    order = [c for c in (mapping.column_of("country"),) if c is not None]
    order += [column for kind in (*PHONE_FIELDS, "email") for column in mapping.columns_of(kind)]
    order += [c for c in (mapping.column_of("postal_code"), mapping.column_of("city")) if c is not None]
    return list(dict.fromkeys([*order, *(match.column for match in mapping.matches)]))


def _address_country(frame: pd.DataFrame, mapping: ColumnMapping, iso2: pd.Series) -> pd.DataFrame:
    """Where the address of each row without a country is, as the postcode and city show it.

    ``postal_country``: beyond doubt (a French code of the list whose city is French or blank, a British,
    Dutch or Canadian shape); ``weak_postal_country``: a 4-digit code made French only by its lost zero,
    with no city to confirm it; ``foreign``: the city is no French commune, so the address is abroad.
    """
    evidence = pd.DataFrame({"postal_country": "", "weak_postal_country": "", "foreign": False}, index=frame.index)
    postal_column, city_column = mapping.column_of("postal_code"), mapping.column_of("city")
    rows = iso2.eq("")
    if not rows.any() or (postal_column is None and city_column is None):
        return evidence
    city = as_text(frame.loc[rows, city_column]) if city_column is not None else pd.Series("", index=iso2.index[rows])
    shown = pd.Series("", index=city.index, dtype=object)
    postcode, padded = shown, pd.Series(False, index=city.index)
    if postal_column is not None:
        result = addresses.clean_postal_codes(frame.loc[rows, postal_column], city=city)
        shown, postcode = result.extra["postal_country"], result.values
        padded = result.reason.str.contains("postal_code.zero_restored", regex=False)
    pairs = list(zip(city, postcode, strict=True))
    known = {pair: addresses.is_french_city(*pair) for pair in set(pairs)}
    french_city = pd.Series([known[pair] for pair in pairs], index=city.index, dtype=bool)
    no_city = city.str.strip().eq("")
    foreign = ~no_city & ~french_city
    french = shown.eq("FR")
    doubtful = french & padded & no_city
    evidence.loc[rows, "postal_country"] = shown.where(~french | (~foreign & ~doubtful), "").to_numpy()
    evidence.loc[rows, "weak_postal_country"] = shown.where(doubtful, "").to_numpy()
    evidence.loc[rows, "foreign"] = foreign.to_numpy()
    return evidence


def _clean_place(frame: pd.DataFrame, mapping: ColumnMapping, country: pd.Series) -> dict[str, FieldResult]:
    """Postcode, then city checked against it."""
    results: dict[str, FieldResult] = {}
    postal_column, city_column = mapping.column_of("postal_code"), mapping.column_of("city")
    raw_city = frame[city_column] if city_column is not None else None
    if postal_column is not None:
        results[postal_column] = addresses.clean_postal_codes(frame[postal_column], country=country, city=raw_city)
    if city_column is not None:
        postcode = results[postal_column].values if postal_column is not None else None
        results[city_column] = addresses.clean_cities(frame[city_column], postal_code=postcode, country=country)
    return results


def _simple_cleaner(kind: str, options: CleanOptions) -> Callable[[pd.Series], FieldResult] | None:
    cleaners: dict[str, Callable[[pd.Series], FieldResult]] = {
        "civility": lambda s: names.clean_civility(s, keep_mlle=options.keep_mlle),
        "last_name": names.clean_last_names,
        "first_name": names.clean_first_names,
        "full_name": text.clean_text,
        "text": text.clean_text,
        "organisation": organisations.clean_organisations,
        "address": addresses.clean_address_lines,
        "date": lambda s: dates.clean_dates(s, dayfirst=options.dayfirst),
        "consent": consent.clean_consent,
        "language": consent.clean_languages,
    }
    return cleaners.get(kind)  # identifiers pass through untouched: they must match the CRM


def _infer_country(result: FieldResult, filled: pd.Series, source: pd.Series, options: CleanOptions) -> FieldResult:
    """Write the inferred country into blank cells (French name, or ISO2), the reason saying where it came from."""
    inferred = (source != "") & (result.status == EMPTY)
    iso2 = result.extra["iso2"].where(~inferred, filled)
    names_by_code = {
        code: code if options.country_format == "iso2" else countries.country_name(code)
        for code in filled[inferred].unique()
    }
    values = result.values.where(~inferred, filled.map(names_by_code))
    status = result.status.where(~inferred, CORRECTED)
    reason = result.reason.where(~inferred, source.map(_INFERRED_REASON))
    return FieldResult(values, status, reason, {**result.extra, "iso2": iso2, "inferred": source.where(inferred, "")})


def join_lists(parts: list[pd.Series], index: pd.Index) -> pd.Series:
    joined = pd.Series("", index=index, dtype=object)
    for part in parts:
        joined = joined.where(part == "", joined.where(joined == "", joined + " ; ") + part)
    return joined


def changes_frame(frame: pd.DataFrame, cleaned: CleanStage, source_rows: pd.Series) -> pd.DataFrame:
    """One row per changed cell: row number, column, before, after, and the rule ``code`` (comma-separated
    codes; :mod:`grc_toolkit.present` words them in the Modifications sheet)."""
    parts = []
    for column, result in cleaned.results.items():
        before = as_text(frame[column])
        changed = before != result.values
        if not changed.any():
            continue
        parts.append(
            pd.DataFrame(
                {
                    "row": source_rows[changed].to_numpy(),
                    "column": column,
                    "before": before[changed].to_numpy(),
                    "after": result.values[changed].to_numpy(),
                    "code": result.reason[changed].to_numpy(),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    return pd.concat(parts, ignore_index=True).sort_values(["row"], kind="stable", ignore_index=True)


def concat_stages(parts: list[CleanStage]) -> CleanStage:
    """One :class:`CleanStage` of the stages of consecutive row chunks (each with the input's own index)."""
    if len(parts) == 1:
        return parts[0]
    results = {
        column: FieldResult(
            pd.concat([part.results[column].values for part in parts]),
            pd.concat([part.results[column].status for part in parts]),
            pd.concat([part.results[column].reason for part in parts]),
            {name: pd.concat([part.results[column].extra[name] for part in parts]) for name in result.extra},
        )
        for column, result in parts[0].results.items()
    }
    line_types = [part.line_type for part in parts]
    return CleanStage(
        pd.concat([part.data for part in parts]),
        results,
        pd.concat([part.other_emails for part in parts]),
        pd.concat([part.other_phones for part in parts]),
        None if any(line is None for line in line_types) else pd.concat(line_types),
    )


def clean_in_parallel(
    frame: pd.DataFrame, mapping: ColumnMapping, options: CleanOptions, jobs: int, *, min_rows: int | None = None
) -> CleanStage:
    """:func:`clean_columns` on ``jobs`` consecutive row chunks at once, in worker processes
    (:func:`~grc_toolkit.parallel.in_row_chunks`; one process below ``min_rows`` rows): every cleaner reads a
    value and its own row only, so the chunks' stages put end to end are the one-process stage, cell for cell."""
    return concat_stages(in_row_chunks(clean_columns, frame, jobs, mapping, options, min_rows=min_rows))
