"""The road of the data, composition only: map columns -> clean -> dedupe -> score.

Reading and writing files live in :mod:`grc_toolkit.io`; :func:`grc_toolkit.api.clean_file` joins them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from grc_toolkit.cleaners import addresses, consent, countries, dates, emails, names, phones, text
from grc_toolkit.cleaners.base import as_text, define_reasons
from grc_toolkit.config import CleanOptions, Config
from grc_toolkit.dedupe import DuplicateSearch, find_duplicates
from grc_toolkit.dedupe.decisions import Decisions
from grc_toolkit.dedupe.merge import MergeInput, merge_groups, other_values, sum_members, union_members
from grc_toolkit.dedupe.sheets import groups_sheet, groups_sheet_empty, review_sheet
from grc_toolkit.mapping import ColumnMapping, map_columns
from grc_toolkit.messages import describe
from grc_toolkit.quality import record_scores
from grc_toolkit.results import CORRECTED, EMPTY, FLAG, INVALID, FieldResult
from grc_toolkit.schema import (
    ACTIVITY_DATE_FIELDS,
    CONTACT_COUNT,
    FIELDS_BY_NAME,
    FIRST_CONTACT,
    GRC_COLUMNS,
    HOUSEHOLD,
    ISSUES,
    LINE_TYPE,
    OTHER_EMAILS,
    OTHER_PHONES,
    OTHER_VALUES,
    QUALITY,
    SOURCE_FILE,
    SOURCE_IDS,
    SOURCE_ROWS,
)
from grc_toolkit.second_pass import (
    carried_columns,
    earlier_kept_apart,
    given_columns,
    given_issues,
    households,
    union_lists,
    with_first_pass,
)

define_reasons(
    {
        "country.from_phone": ("pays déduit de l'indicatif du téléphone", "country inferred from the phone prefix"),
        "country.from_postcode": ("pays déduit du code postal", "country inferred from the postcode"),
        "country.from_email": ("pays déduit de la fin de l'adresse courriel", "country inferred from the email ending"),
    }
)

_PHONE_KINDS = ("phone", "mobile", "landline")
_INFERRED_REASON = {
    "telephone": "country.from_phone",
    "code postal": "country.from_postcode",
    "courriel": "country.from_email",
}


@dataclass(frozen=True)
class CleanedColumns:
    """Every mapped column after cleaning, plus what the cleaners derived."""

    data: pd.DataFrame  # input columns, cleaned values (unmapped columns untouched)
    results: dict[str, FieldResult]  # column -> result
    other_emails: pd.Series
    other_phones: pd.Series
    line_type: pd.Series | None


@dataclass(frozen=True)
class PipelineResult:
    """Everything one run produced. ``data`` is what gets written; ``changes`` the Modifications sheet."""

    data: pd.DataFrame
    changes: pd.DataFrame
    mapping: ColumnMapping
    rows_in: int
    field_counts: dict[str, dict[str, int]]  # column -> status -> count (before dedupe)
    duplicates: pd.DataFrame  # the Doublons sheet: one line per merged group
    review: pd.DataFrame = field(default_factory=pd.DataFrame)  # the À vérifier sheet: pairs to decide
    search: DuplicateSearch | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def rows_out(self) -> int:
        return len(self.data)


def run(
    frame: pd.DataFrame,
    config: Config | None = None,
    *,
    source_rows: pd.Series | None = None,
    decisions: Decisions | None = None,
    first_pass: Mapping[str, FieldResult] | None = None,
) -> PipelineResult:
    """Clean (and unless disabled, deduplicate) a frame of text cells; the input is not modified.

    ``source_rows`` gives each row's number as a spreadsheet shows it (default: header on row 1, data from 2);
    ``decisions`` are a person's review decisions (see :mod:`grc_toolkit.dedupe.decisions`). ``first_pass``:
    when ``frame`` holds values already cleaned (``grc dedupe`` cleans each file with its own headers first),
    the results of that cleaning per column, whose statuses and issues are the ones that count.

    grc's own output can be read again: its ``grc_*`` columns are never mapped to a field; lists
    (``grc_other_emails``...), ``grc_source_rows``, ``grc_contact_count`` and ``grc_first_contact`` are kept
    and merged, the quality, issues, line type and household computed again.
    """
    config = config or Config()
    frame = frame.reset_index(drop=True)
    if source_rows is None:
        source_rows = pd.Series(np.arange(2, len(frame) + 2), index=frame.index)
    source_rows = source_rows.reset_index(drop=True)
    mapping = map_columns(frame, config.columns)
    cleaned = clean_columns(frame, mapping, config.clean, lang=config.lang)
    if first_pass:
        cleaned = with_first_pass(cleaned, first_pass)
    kept_issues: dict[str, pd.Series] = {}
    if ISSUES in frame:
        cleaned, kept_issues = given_issues(cleaned, as_text(frame[ISSUES]))
    changes = changes_frame(frame, cleaned, source_rows, lang=config.lang)
    statuses = {column: result.status for column, result in cleaned.results.items()}
    counts = {column: result.counts() for column, result in cleaned.results.items()}
    data = pd.concat([cleaned.data.drop(columns=given_columns(frame)), carried_columns(frame, cleaned)], axis=1)
    rows = source_rows.astype(str)
    if SOURCE_ROWS in frame:  # a second pass: the rows of the original export, not of grc's output
        given_rows = as_text(frame[SOURCE_ROWS])
        rows = given_rows.where(given_rows != "", rows)
    duplicates, review, search = groups_sheet_empty(config.lang), pd.DataFrame(), None
    if config.dedupe.enabled and len(data) > 1:
        search = earlier_kept_apart(find_duplicates(cleaned.data, mapping, config.dedupe, decisions), frame)
        groups = pd.Series(search.groups)
        review = review_sheet(search, cleaned.data, mapping, source_rows, config.dedupe, config.lang)
        household = households(search.households(), frame)
        if groups.nunique() < len(groups):
            flags = {column: result.extra[FLAG] for column, result in cleaned.results.items() if FLAG in result.extra}
            data, statuses, rows, members = _merge(data, statuses, mapping, source_rows, rows, groups, flags)
            duplicates = groups_sheet(search, members, source_rows, config.lang)
            household = household[[positions[0] for positions in members]]
        data[HOUSEHOLD] = _numbered_in_order(household)
    result = _finish(data, statuses, rows, mapping, cleaned, lang=config.lang, kept_issues=kept_issues)
    return PipelineResult(result, changes, mapping, len(frame), counts, duplicates, review, search)


def _numbered_in_order(household: np.ndarray) -> np.ndarray:
    """Household numbers 1, 2... in the order the rows are written ("" when none): the same households
    get the same numbers when the output is cleaned again."""
    numbered = np.full(len(household), "", dtype=object)
    linked = household > 0
    numbered[linked] = (pd.factorize(household[linked])[0] + 1).astype(str)
    return numbered


def clean_columns(
    frame: pd.DataFrame, mapping: ColumnMapping, options: CleanOptions, *, lang: str = "fr"
) -> CleanedColumns:
    """Run the right cleaner on each mapped column.

    Countries go first (their spelling only: French names whatever ``lang``, which words messages), then
    phones, read with the row's country or the overseas region of its postcode, and emails. A blank
    country is filled from where the person lives: postcode, then phone, then email ending; postcode
    and city are then cleaned for that country.
    """
    results: dict[str, FieldResult] = {}
    index = frame.index
    country_column = mapping.column_of("country")
    postal_column = mapping.column_of("postal_code")
    iso2 = pd.Series("", index=index, dtype=object)
    if country_column is not None:
        results[country_column] = countries.clean_countries(
            frame[country_column], country_format=options.country_format
        )
        iso2 = results[country_column].extra["iso2"]
    regions = iso2 if postal_column is None else countries.phone_regions(iso2, frame[postal_column])
    phone_results = {
        column: phones.clean_phones(
            frame[column], country=regions, region=options.region, phone_format=options.phone_format
        )
        for kind in _PHONE_KINDS
        for column in mapping.columns_of(kind)
    }
    email_results = {
        column: emails.clean_emails(frame[column], check_dns=options.check_dns)
        for column in mapping.columns_of("email")
    }
    results |= phone_results | email_results
    phone_country = _first_filled([r.extra["phone_country"] for r in phone_results.values()], index)
    email_country = _first_filled([emails.domain_country(r.values) for r in email_results.values()], index)
    address = _address_country(frame, mapping, iso2)
    filled, source = countries.infer_countries(
        iso2,
        postal_country=address["postal_country"],
        phone_country=phone_country,
        email_country=email_country,
        weak_postal_country=address["weak_postal_country"],
        foreign_address=address["foreign"],
    )
    results |= _clean_place(frame, mapping, filled)
    if country_column is not None:
        results[country_column] = _infer_country(results[country_column], filled, source, options)
    for match in mapping.matches:
        if match.column not in results:
            cleaner = _simple_cleaner(FIELDS_BY_NAME[match.field].kind, options)
            if cleaner is not None:
                results[match.column] = cleaner(frame[match.column])
    data = frame.copy()
    for column, result in results.items():
        data[column] = result.values
    line_type = _first_filled([r.extra["line_type"] for r in phone_results.values()], index) if phone_results else None
    return CleanedColumns(
        data,
        results,
        _join_lists([r.extra["other_emails"] for r in email_results.values()], index),
        _join_lists([r.extra["other_phones"] for r in phone_results.values()], index),
        line_type,
    )


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


def _first_filled(parts: list[pd.Series], index: pd.Index) -> pd.Series:
    """Per row, the first non-blank value among ``parts``."""
    filled = pd.Series("", index=index, dtype=object)
    for part in parts:
        filled = filled.where(filled != "", part)
    return filled


def _simple_cleaner(kind: str, options: CleanOptions) -> Callable[[pd.Series], FieldResult] | None:
    cleaners: dict[str, Callable[[pd.Series], FieldResult]] = {
        "civility": lambda s: names.clean_civility(s, keep_mlle=options.keep_mlle),
        "last_name": names.clean_last_names,
        "first_name": names.clean_first_names,
        "full_name": text.clean_text,
        "text": text.clean_text,
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


def _join_lists(parts: list[pd.Series], index: pd.Index) -> pd.Series:
    joined = pd.Series("", index=index, dtype=object)
    for part in parts:
        joined = joined.where(part == "", joined.where(joined == "", joined + " ; ") + part)
    return joined


def _merge(
    data: pd.DataFrame,
    statuses: dict[str, pd.Series],
    mapping: ColumnMapping,
    source_rows: pd.Series,
    rows: pd.Series,
    groups: pd.Series,
    flags: Mapping[str, pd.Series],
) -> tuple[pd.DataFrame, dict[str, pd.Series], pd.Series, pd.Series]:
    """Merge each group into one record; returns data, statuses, source rows text and each output row's members.

    grc's columns (:func:`carried_columns`) are combined: lists united, counts summed, the first contact the
    earliest; ``rows`` (each record's ``grc_source_rows``) united too.
    """
    base_columns = [c for c in data.columns if c not in GRC_COLUMNS]
    first_contact = data[FIRST_CONTACT] if FIRST_CONTACT in data else None
    merged = merge_groups(
        MergeInput(data[base_columns], statuses, mapping, source_rows, first_contact, flags=flags), groups
    )
    out, members = merged.data, merged.members
    for other, fields_ in ((OTHER_EMAILS, ("email",)), (OTHER_PHONES, _PHONE_KINDS)):
        columns = [c for f in fields_ for c in mapping.columns_of(f)]
        if columns:
            sources = data[[*columns, other]].reset_index(drop=True)
            chosen = out[columns[0]]
            out[other] = other_values(sources, chosen, members)
        else:
            out[other] = union_members(data[other], members)
    lost = merged.other_values
    if OTHER_VALUES in data:
        lost = union_lists([union_members(data[OTHER_VALUES], members), lost])
    out[OTHER_VALUES] = lost.to_numpy()
    id_column = mapping.column_of("record_id")
    if id_column is not None or SOURCE_IDS in data:
        ids = as_text(data[id_column]) if id_column is not None else pd.Series("", index=data.index, dtype=object)
        if SOURCE_IDS in data:
            ids = data[SOURCE_IDS].where(data[SOURCE_IDS] != "", ids)
        out[SOURCE_IDS] = union_members(ids, members).to_numpy()
    if SOURCE_FILE in data:
        out[SOURCE_FILE] = union_members(data[SOURCE_FILE], members).to_numpy()
    counts = data[CONTACT_COUNT].to_numpy(dtype=float) if CONTACT_COUNT in data else np.ones(len(data))
    out[CONTACT_COUNT] = sum_members(counts, members).to_numpy()
    if first_contact is not None or any(mapping.columns_of(field) for field in ACTIVITY_DATE_FIELDS):
        out[FIRST_CONTACT] = merged.first_contact.to_numpy()
    out.attrs["chosen"] = merged.chosen
    return out, merged.statuses, union_members(rows.reset_index(drop=True), members), members


def _cell_issues(results: dict[str, FieldResult], lang: str) -> dict[str, pd.Series]:
    """Per column, the French (or English) wording of what is still wrong in each cell ("" when fine):
    the reason of an invalid value, else the cleaner's warning flag on a valid one (``email.role``)."""
    issues = {}
    for column, result in results.items():
        bad = result.status == INVALID
        codes = result.reason
        if FLAG in result.extra:
            flag = result.extra[FLAG]
            codes = codes.where(bad, flag)
            bad = bad | (flag != "")
        if not bad.any():
            issues[column] = pd.Series("", index=result.status.index, dtype=object)
            continue
        wording = {code: f"{column} : {describe(code, lang)}" for code in codes[bad].unique()}
        issues[column] = codes.map(wording).where(bad, "").astype(object)
    return issues


def _field_flags(
    results: dict[str, FieldResult], mapping: ColumnMapping, chosen: dict[str, np.ndarray] | None
) -> dict[str, pd.Series]:
    """Per field, the warning flag of each output row's cell (the merged record's chosen cell), for its score."""
    flags: dict[str, pd.Series] = {}
    for match in mapping.matches:
        result = results.get(match.column)
        if result is None or FLAG not in result.extra or match.field in flags:
            continue
        flag = result.extra[FLAG].to_numpy()
        flags[match.field] = pd.Series(flag[chosen[match.column]] if chosen is not None else flag)
    return flags


def _finish(
    data: pd.DataFrame,
    statuses: dict[str, pd.Series],
    rows: pd.Series,
    mapping: ColumnMapping,
    cleaned: CleanedColumns,
    *,
    lang: str,
    kept_issues: Mapping[str, pd.Series] | None = None,
) -> pd.DataFrame:
    """Add grc_source_rows, grc_quality, grc_issues (and the optional grc_* lists) after the input columns."""
    index = pd.RangeIndex(len(data))
    data = data.reset_index(drop=True)
    cell_issues = _cell_issues(cleaned.results, lang)
    for column, kept in (kept_issues or {}).items():
        cell_issues[column] = kept.where(kept != "", cell_issues[column])
    chosen = data.attrs.pop("chosen", None)
    line_type = cleaned.line_type
    if chosen is not None:
        cell_issues = {c: pd.Series(s.to_numpy()[chosen[c]]) for c, s in cell_issues.items()}
        phone_columns = [c for f in _PHONE_KINDS for c in mapping.columns_of(f)]
        if line_type is not None and phone_columns:
            line_type = pd.Series(line_type.to_numpy()[chosen[phone_columns[0]]])
    statuses = {c: s.reset_index(drop=True) for c, s in statuses.items()}
    for column in mapping.columns_of("consent"):
        cell_issues[column] = cell_issues[column].where(statuses[column] == INVALID, "")
    by_field: dict[str, pd.Series] = {}
    for match in mapping.matches:
        if match.column in statuses and match.field not in by_field:
            by_field[match.field] = statuses[match.column]
    input_columns = [c for c in data.columns if c not in GRC_COLUMNS]
    out = data[input_columns].copy()
    out[SOURCE_ROWS] = rows.reset_index(drop=True).to_numpy()
    out[QUALITY] = record_scores(by_field, index, _field_flags(cleaned.results, mapping, chosen)).to_numpy()
    out[ISSUES] = _join_lists([s.reset_index(drop=True) for s in cell_issues.values()], index).to_numpy()
    for extra in (OTHER_EMAILS, OTHER_PHONES, OTHER_VALUES, SOURCE_IDS, HOUSEHOLD):
        if extra in data and (data[extra] != "").any():
            out[extra] = data[extra].to_numpy()
    if line_type is not None:
        out[LINE_TYPE] = line_type.reset_index(drop=True).to_numpy()
    for extra in (FIRST_CONTACT, CONTACT_COUNT, SOURCE_FILE):
        if extra in data:
            out[extra] = data[extra].to_numpy()
    return out


def changes_frame(frame: pd.DataFrame, cleaned: CleanedColumns, source_rows: pd.Series, *, lang: str) -> pd.DataFrame:
    """One row per changed cell: row number, column, before, after, rule (the Modifications sheet)."""
    parts = []
    for column, result in cleaned.results.items():
        before = as_text(frame[column])
        changed = before != result.values
        if not changed.any():
            continue
        reasons = result.reason[changed]
        wording = {code: describe(code, lang) for code in reasons.unique()}
        parts.append(
            pd.DataFrame(
                {
                    "row": source_rows[changed].to_numpy(),
                    "column": column,
                    "before": before[changed].to_numpy(),
                    "after": result.values[changed].to_numpy(),
                    "rule": reasons.map(wording).to_numpy(),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=["row", "column", "before", "after", "rule"])
    return pd.concat(parts, ignore_index=True).sort_values(["row"], kind="stable", ignore_index=True)
