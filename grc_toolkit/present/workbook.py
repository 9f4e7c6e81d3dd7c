"""Results + a language -> what a person reads: the workbook's sheets, the report table, ``grc explain``.

The stages return data (rule codes, positions, levels); this is the one place that words them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_col_to_name

from grc_toolkit.cleaners.base import as_text
from grc_toolkit.io.writers import SheetLayout
from grc_toolkit.messages import describe
from grc_toolkit.present.labels import (
    CARRIED,
    CARRIED_GONE,
    CHANGE_HEADERS,
    DECISION_CHOICES,
    DIFFERENT_WORDS,
    EXPLAIN_FIELDS,
    GROUP_HEADERS,
    LEVEL_WORDS,
    MORE_PENDING,
    PAIR_REASONS,
    README_HEADERS,
    README_LINES,
    README_NAMES,
    REASON_ORDER,
    REVIEW_HEADERS,
    RULE_WORDS,
    SAID_WORDS,
    SAME,
    SAME_WORDS,
    SEPARATE_CHOICES,
    SHEETS,
    SWAPPED,
    label,
    word,
)
from grc_toolkit.results import Issue
from grc_toolkit.schema import GRC_COLUMNS, ISSUES, QUALITY, field_label

if TYPE_CHECKING:
    from grc_toolkit.dedupe.decisions import Decisions
    from grc_toolkit.dedupe.result import DedupeResult
    from grc_toolkit.mapping import ColumnMapping
    from grc_toolkit.pipeline import PipelineResult
    from grc_toolkit.report import CleanReport

#: The records' fields the À vérifier sheet shows side by side.
_SHOWN_FIELDS = (
    "civility",
    "last_name",
    "first_name",
    "full_name",
    "email",
    "phone",
    "mobile",
    "landline",
    "address",
    "postal_code",
    "city",
    "birth_date",
    "contact_date",
    "last_request_date",
    "visit_date",
    "created_date",
    "consent",
)
_REPORT_KEYS = (
    "file",
    "output",
    "format",
    "encoding",
    "delimiter",
    "sheet",
    "header_row",
    "rows_in",
    "rows_out",
    "duplicates_merged",
    "erased_people",
    "erased_rows",
    "duplicate_groups",
    "pairs_to_review",
    "pairs_shown",
    "changes",
    "rows_with_issues",
    "quality",
)


def _headers(labels: dict[str, tuple[str, str]], lang: str) -> dict[str, str]:
    return {key: word(pair, lang) for key, pair in labels.items()}


def issue_text(issue: Issue, lang: str = "fr") -> str:
    """One issue as ``grc_issues`` says it: ``Email : adresse e-mail invalide`` (an earlier run's as written)."""
    return issue.given or f"{issue.column} : {describe(issue.code, lang)}"


def issue_cells(issues: tuple[Issue, ...] | list[Issue], rows: int, lang: str = "fr") -> np.ndarray:
    """The ``grc_issues`` cell of each of ``rows`` written rows: its issues joined by `` ; ``."""
    cells: list[list[str]] = [[] for _ in range(rows)]
    wording: dict[tuple[str, str], str] = {}
    for issue in issues:
        key = (issue.code, issue.column)
        if issue.given:
            text = issue.given
        else:
            text = wording.get(key) or wording.setdefault(key, issue_text(issue, lang))
        cells[issue.row - 2].append(text)
    return np.array([" ; ".join(parts) for parts in cells], dtype=object)


def contacts(result: PipelineResult, lang: str = "fr") -> pd.DataFrame:
    """The Contacts sheet: the records with ``grc_issues`` worded, after ``grc_quality``."""
    data = result.data.copy()
    cells = issue_cells(result.issues, len(data), lang)
    after = list(data.columns).index(QUALITY) + 1 if QUALITY in data else len(data.columns)
    data.insert(after, ISSUES, cells)
    return data


def changes_sheet(changes: pd.DataFrame, lang: str = "fr", contacts_rows: np.ndarray | None = None) -> pd.DataFrame:
    """The Modifications sheet: each changed cell, its rule worded; with ``contacts_rows``
    (:func:`change_positions`), the row of Contacts each change ended in, after its source row."""
    codes = changes["code"]
    wording = {code: describe(code, lang) for code in codes.unique()}
    sheet = changes.drop(columns=["code"]).assign(rule=codes.map(wording).astype(object))
    if contacts_rows is not None:
        shown = np.where(contacts_rows >= 0, contacts_rows + 2, 0).astype(object)
        shown[contacts_rows < 0] = ""
        sheet.insert(1, "contacts_row", shown)
    return sheet.rename(columns=_headers(CHANGE_HEADERS, lang))


def change_positions(result: PipelineResult) -> np.ndarray:
    """Per line of ``result.changes``, the position in ``result.data`` (the Contacts sheet) of the record its
    cell ended in, the merged record for a duplicate; -1 where its source row is unknown."""
    changes = result.changes
    if changes.empty:
        return np.empty(0, dtype=np.int64)
    inputs = pd.Series(np.arange(len(result.source_rows)), index=result.source_rows.astype(str).to_numpy())
    inputs = inputs[~inputs.index.duplicated()]
    found = inputs.reindex(changes["row"].astype(str).to_numpy()).to_numpy()
    known = ~np.isnan(found)
    positions = np.full(len(changes), -1, dtype=np.int64)
    within = result.contacts_position()
    positions[known] = within[found[known].astype(np.int64)]
    return positions


def changed_cells(result: PipelineResult, contacts_sheet: pd.DataFrame, positions: np.ndarray) -> dict[str, np.ndarray]:
    """Per column of Contacts, which of its cells hold a value grc changed: a change landed on that row and
    the cell shows its "after" (a merged record keeps one of its duplicates' values, so a change made on a
    duplicate whose value was not kept is not marked)."""
    marked: dict[str, np.ndarray] = {}
    changes = result.changes
    if changes.empty:
        return marked
    for column, lines in changes.groupby("column", sort=False).indices.items():
        name = str(column)
        if name not in contacts_sheet:
            continue
        where = positions[lines]
        known = where >= 0
        where = where[known]
        shown = as_text(contacts_sheet[name]).to_numpy(dtype=object)[where]
        after = as_text(changes["after"].iloc[lines[known]]).to_numpy(dtype=object)
        flags = marked.setdefault(name, np.zeros(len(contacts_sheet), dtype=bool))
        flags[where[shown == after]] = True
    return marked


def readme_sheet(book: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """The Lisez-moi sheet: what each sheet of ``book``, each row numbering and each ``grc_`` column of
    Contacts holds, in the reader's language."""
    names = {key: word(pair, lang) for key, pair in SHEETS.items()}
    shown = [*book.get(names["data"], pd.DataFrame()).columns, *book.get(names["grc_columns"], pd.DataFrame()).columns]
    lines = [(names[key], word(README_LINES[key], lang)) for key in SHEETS if key != "readme" and names[key] in book]
    lines += [(word(README_NAMES[key], lang), word(README_LINES[key], lang)) for key in README_NAMES]
    lines += [
        (str(column), word(README_LINES[str(column)], lang))
        for column in shown
        if str(column) in README_LINES and str(column) in GRC_COLUMNS
    ]
    return pd.DataFrame(lines, columns=[word(pair, lang) for pair in README_HEADERS], dtype=object)


def pair_reasons(pairs: pd.DataFrame, lang: str = "fr") -> pd.Series:
    """One line per pair saying what the two records share ("même courriel, nom proche, même code postal")."""
    parts = pd.Series("", index=pairs.index, dtype=object)
    for name in REASON_ORDER:
        wording = {
            level: word(words, lang) for (field_name, level), words in PAIR_REASONS.items() if field_name == name
        }
        text = pairs[name].map(wording).fillna("")
        parts = parts.where(text == "", parts.where(parts == "", parts + ", ") + text)
    flagged = pairs["swapped"].fillna(False).to_numpy(dtype=bool)
    parts[flagged] = parts[flagged].where(parts[flagged] == "", parts[flagged] + ", ") + word(SWAPPED, lang)
    return parts


#: The fields of each merged record the Doublons sheet shows under its group.
_GROUP_FIELDS = (
    "last_name",
    "first_name",
    "full_name",
    "organisation",
    "email",
    "phone",
    "mobile",
    "landline",
    "address",
    "postal_code",
    "city",
    "birth_date",
)


def groups_sheet(
    groups: pd.DataFrame,
    source_rows: pd.Series,
    lang: str = "fr",
    *,
    prints: np.ndarray | None = None,
    data: pd.DataFrame | None = None,
    mapping: ColumnMapping | None = None,
) -> pd.DataFrame:
    """The Doublons sheet, from :func:`grc_toolkit.dedupe.sheets.merged_groups`: per merged group, a line with
    its row in Contacts, its input rows, its weakest link and why; then, with the records' fingerprints
    (``prints``, per input position), one line per merged record (its input row and, from ``data``, the cleaned
    records, what it held) and a Décision column where ``séparer`` undoes the group (on its first line) or takes
    one record out of it (on that record's line), read back by :func:`grc_toolkit.dedupe.load_decisions`."""
    headers = _headers(GROUP_HEADERS, lang)
    shown = []
    if data is not None and mapping is not None:
        shown = [c for f in _GROUP_FIELDS if (c := mapping.column_of(f)) is not None and c in data]
    columns = [headers["row"], headers["source_rows"], *shown, headers["probability"], headers["reason"]]
    if prints is not None:
        columns += [headers["decision"], headers["fingerprint"], headers["group_prints"]]
    if groups.empty:
        return pd.DataFrame(columns=columns)
    rows = source_rows.to_numpy()
    reasons = pair_reasons(groups, lang).to_numpy()
    contacts_rows = groups["row"].to_numpy(dtype=np.int64) + 2
    probabilities = [round(float(p), 3) for p in groups["probability"]]
    if prints is None:
        return pd.DataFrame(
            {
                headers["row"]: contacts_rows,
                headers["source_rows"]: [" ; ".join(str(rows[p]) for p in members) for members in groups["members"]],
                headers["probability"]: probabilities,
                headers["reason"]: reasons,
            }
        )
    values = {column: as_text(data[column]).to_numpy(dtype=object) for column in shown} if data is not None else {}
    lines: dict[str, list[object]] = {column: [] for column in columns}
    for at, members, probability, reason in zip(contacts_rows, groups["members"], probabilities, reasons, strict=True):
        together = " ".join(dict.fromkeys(str(prints[p]) for p in members))
        head = {
            headers["row"]: int(at),
            headers["source_rows"]: " ; ".join(str(rows[p]) for p in members),
            headers["probability"]: probability,
            headers["reason"]: reason,
            headers["fingerprint"]: "",
            headers["group_prints"]: together,
        }
        for column in columns:
            lines[column].append(head.get(column, ""))
        for position in members:
            lines[headers["row"]].append(int(at))
            lines[headers["source_rows"]].append(rows[position])
            for column in shown:
                lines[column].append(values[column][position])
            lines[headers["probability"]].append("")
            lines[headers["reason"]].append("")
            lines[headers["decision"]].append("")
            lines[headers["fingerprint"]].append(str(prints[position]))
            lines[headers["group_prints"]].append(together)
    return pd.DataFrame(lines, columns=columns)


def review_sheet(
    pairs: pd.DataFrame,
    search: DedupeResult,
    data: pd.DataFrame,
    mapping: ColumnMapping,
    source_rows: pd.Series,
    lang: str = "fr",
    decisions: Decisions | None = None,
) -> pd.DataFrame:
    """The À vérifier sheet: the pairs a person should decide on (:meth:`DedupeResult.review_pairs`, in that
    order), at most ``review_limit`` of them (then a last line saying how many more wait), with the rule that
    kept them apart, both records' fields side by side and their fingerprints (``data``: the cleaned records).

    The ``decisions`` this run applied follow, their Décision filled in, so the workbook a person keeps holds
    every decision made so far (:func:`decided_rows`)."""
    headers = _headers(REVIEW_HEADERS, lang)
    limit = search.options.review_limit
    waiting = max(len(pairs) - limit, 0) if limit > 0 else 0
    pairs = pairs.iloc[: len(pairs) - waiting]
    rows = source_rows.to_numpy()
    left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
    rules = {code: word(words, lang) for code, words in RULE_WORDS.items()}
    sheet = pd.DataFrame(
        {
            headers["row_a"]: rows[left],
            headers["row_b"]: rows[right],
            headers["probability"]: pairs["probability"].round(3).to_numpy(),
            headers["reason"]: pair_reasons(pairs, lang).to_numpy(),
            headers["rule"]: pairs["rule"].fillna("").map(rules).fillna("").to_numpy(dtype=object),
        }
    )
    for field in _SHOWN_FIELDS:
        column = mapping.column_of(field)
        if column is not None:
            values = data[column].to_numpy(dtype=object)
            sheet[f"{column} (A)"] = values[left]
            sheet[f"{column} (B)"] = values[right]
    sheet[headers["decision"]] = ""
    if search.records is not None:  # stable keys, so a decision still applies to a later export
        prints = search.records["fingerprint"].to_numpy(dtype=object)
        sheet[headers["fingerprint_a"]], sheet[headers["fingerprint_b"]] = prints[left], prints[right]
    parts = [sheet]
    if decisions and search.records is not None:
        parts.append(decided_rows(decisions, search.records["fingerprint"], data, mapping, source_rows, lang))
    if waiting:
        parts.append(pd.DataFrame({sheet.columns[0]: [word(MORE_PENDING, lang).format(count=waiting)]}))
    if len(parts) == 1:
        return sheet
    return pd.DataFrame(
        {
            column: np.concatenate(
                [
                    part[column].to_numpy(dtype=object) if column in part else np.full(len(part), "", dtype=object)
                    for part in parts
                ]
            )
            for column in sheet.columns
        }
    )


def decided_rows(
    decisions: Decisions,
    prints: pd.Series,
    data: pd.DataFrame,
    mapping: ColumnMapping,
    source_rows: pd.Series,
    lang: str = "fr",
) -> pd.DataFrame:
    """One À vérifier line per earlier decision, Décision filled in: the rows and fields of this export's
    first record of each fingerprint, or blanks and "fiche absente de cet export" when the export no longer
    holds it; the fingerprints always, so the decision is read back next time (``prints``: per record)."""
    headers = _headers(REVIEW_HEADERS, lang)
    said = sorted([(*pair, True) for pair in decisions.merge] + [(*pair, False) for pair in decisions.distinct])
    where = pd.Series(np.arange(len(prints))).groupby(prints.to_numpy()).first().to_dict()
    a = [where.get(one[0]) for one in said]
    b = [where.get(one[1]) for one in said]
    rows = source_rows.to_numpy(dtype=object)

    def pick(values: np.ndarray, positions: list[int | None]) -> list[object]:
        return ["" if p is None else values[p] for p in positions]

    sheet: dict[str, list[object]] = {
        headers["row_a"]: pick(rows, a),
        headers["row_b"]: pick(rows, b),
        headers["probability"]: [""] * len(said),
        headers["reason"]: [
            word(CARRIED if x is not None and y is not None else CARRIED_GONE, lang) for x, y in zip(a, b, strict=True)
        ],
        headers["rule"]: [""] * len(said),
    }
    for field in _SHOWN_FIELDS:
        column = mapping.column_of(field)
        if column is not None:
            values = data[column].to_numpy(dtype=object)
            sheet[f"{column} (A)"], sheet[f"{column} (B)"] = pick(values, a), pick(values, b)
    sheet[headers["decision"]] = [word(SAID_WORDS[one[2]], lang) for one in said]
    sheet[headers["fingerprint_a"]] = [one[0] for one in said]
    sheet[headers["fingerprint_b"]] = [one[1] for one in said]
    return pd.DataFrame(sheet)


def fields_frame(report: CleanReport, lang: str = "fr") -> pd.DataFrame:
    """Per cleaned column, its field and counts per status."""
    frame = pd.DataFrame(report.fields, columns=["column", "field", "valid", "corrected", "invalid", "empty"])
    frame["field"] = frame["field"].map(lambda name: field_label(name, lang))
    return frame.rename(columns={key: label(key, lang) for key in frame.columns})


def report_sheet(report: CleanReport, lang: str = "fr") -> pd.DataFrame:
    """The ``Rapport`` sheet: a two-column table of the headline figures, then per-field counts. Counts and
    the quality score are numbers (a spreadsheet sums and sorts them), names and paths text."""
    data = report.to_dict()
    lines: list[tuple[str, object]] = [(label(key, lang), _cell(data[key])) for key in _REPORT_KEYS]
    lines += [(label("warnings", lang), warning) for warning in report.warnings]
    lines.append(("", ""))
    indicator, value = label("indicator", lang), label("value", lang)
    head = pd.DataFrame(lines, columns=[indicator, value], dtype=object)
    fields = fields_frame(report, lang).astype(object)
    header = pd.DataFrame([fields.columns.tolist()], columns=fields.columns, dtype=object)
    body = pd.concat([header, fields], ignore_index=True)
    body.columns = pd.RangeIndex(body.shape[1])
    head.columns = pd.RangeIndex(2)
    return (
        pd.concat([head, body], ignore_index=True)
        .fillna("")
        .set_axis([indicator, value, *[""] * (max(body.shape[1], 2) - 2)], axis=1)
    )


def _cell(value: object) -> object:
    """A report figure as a sheet cell: numbers stay numbers (not ``"12"``), None is blank, the rest text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return value.item() if isinstance(value, np.generic) else value
    return str(value)


def sheets(
    result: PipelineResult,
    report: CleanReport,
    lang: str = "fr",
    decisions: Decisions | None = None,
    keep_columns: str = "all",
) -> dict[str, pd.DataFrame]:
    """The workbook: cleaned contacts first, what each sheet and column holds (Lisez-moi), then every change,
    the merged duplicates, the pairs a person should decide on (when deduplicating) with the ``decisions``
    already made, then the summary. With ``keep_columns="original"``, Contacts holds only the input's columns
    (a strict re-import) and grc's columns go to a last sheet, keyed by the row in Contacts."""
    names = {key: word(pair, lang) for key, pair in SHEETS.items()}
    people = contacts(result, lang)
    side = None
    if keep_columns == "original":
        people, side = split_grc_columns(people, lang)
    book = {
        names["data"]: people,
        names["readme"]: pd.DataFrame(),
        names["changes"]: changes_sheet(result.changes, lang, change_positions(result)),
    }
    if result.search is not None and result.cleaned is not None:
        records = result.search.records
        prints = records["fingerprint"].to_numpy(dtype=object) if records is not None else None
        book[names["duplicates"]] = groups_sheet(
            result.duplicates,
            result.source_rows,
            lang,
            prints=prints,
            data=result.cleaned.data,
            mapping=result.mapping,
        )
        book[names["review"]] = review_sheet(
            result.review, result.search, result.cleaned.data, result.mapping, result.source_rows, lang, decisions
        )
    book[names["report"]] = report_sheet(report, lang)
    if side is not None:
        book[names["grc_columns"]] = side
    book[names["readme"]] = readme_sheet(book, lang)
    return book


def split_grc_columns(people: pd.DataFrame, lang: str = "fr") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Contacts sheet without grc's columns, and those columns alone, after the row in Contacts."""
    own = [column for column in people.columns if column not in GRC_COLUMNS]
    side = people.drop(columns=own)
    side.insert(0, word(CHANGE_HEADERS["contacts_row"], lang), np.arange(len(people), dtype=np.int64) + 2)
    return people[own], side


def sheet_layouts(
    lang: str = "fr", result: PipelineResult | None = None, book: dict[str, pd.DataFrame] | None = None
) -> dict[str, SheetLayout]:
    """By sheet name, what helps the reader: in À vérifier, the Décision drop-down list (``fusionner`` /
    ``distinct``) and the fingerprints hidden and grey (grc reads them back with ``--decisions``); in Doublons,
    the ``séparer`` drop-down, hidden fingerprints and links to the group's row in Contacts; given the run's
    ``result`` and its ``book`` (:func:`sheets`), the changed cells of Contacts highlighted and each line of
    Modifications linked to its cell; the Lisez-moi text wrapped."""
    names = {key: word(pair, lang) for key, pair in SHEETS.items()}
    headers = _headers(REVIEW_HEADERS, lang)
    english = lang == "en"
    review = SheetLayout(
        choices={headers["decision"]: DECISION_CHOICES[1 if english else 0]},
        hidden=frozenset({headers["fingerprint_a"], headers["fingerprint_b"]}),
        refusal="Write merge or distinct, or leave it blank."
        if english
        else "Écrivez fusionner ou distinct, ou laissez vide.",
    )
    layouts = {names["review"]: review}
    groups = _headers(GROUP_HEADERS, lang)
    layouts[names["readme"]] = SheetLayout(wrapped=frozenset({word(README_HEADERS[1], lang)}))
    if result is None or book is None or names["data"] not in book:
        return layouts
    contacts_sheet = book[names["data"]]
    target = "'" + names["data"].replace("'", "''") + "'!"
    if names["duplicates"] in book and groups["row"] in book[names["duplicates"]]:
        at = book[names["duplicates"]][groups["row"]].to_numpy()
        layouts[names["duplicates"]] = SheetLayout(
            choices={groups["decision"]: SEPARATE_CHOICES[1 if english else 0]},
            hidden=frozenset({groups["fingerprint"], groups["group_prints"]}),
            refusal="Write separate, or leave it blank." if english else "Écrivez séparer, ou laissez vide.",
            links={groups["row"]: [f"{target}A{row}" for row in at]},
        )
    # the rows the Modifications sheet already gives (blank where unknown), not a second change_positions()
    shown = book[names["changes"]][_headers(CHANGE_HEADERS, lang)["contacts_row"]]
    positions = pd.to_numeric(shown, errors="coerce").fillna(1).to_numpy(dtype=np.int64) - 2
    where = list(contacts_sheet.columns)
    letters = {str(c): xl_col_to_name(where.index(c)) for c in where}
    columns = result.changes["column"].astype(str).map(letters).fillna("A").to_numpy(dtype=object)
    links = [f"{target}{letter}{row + 2}" if row >= 0 else "" for letter, row in zip(columns, positions, strict=True)]
    layouts[names["changes"]] = SheetLayout(links={_headers(CHANGE_HEADERS, lang)["contacts_row"]: links})
    layouts[names["data"]] = SheetLayout(highlight=changed_cells(result, contacts_sheet, positions))
    return layouts


def explain_table(table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """``grc explain``'s table (:func:`grc_toolkit.dedupe.explain_pair`) worded: field label, values,
    agreement, weight."""
    lines = []
    for line in table.to_dict("records"):
        level, name = int(line["level"]), str(line["field"])
        words = LEVEL_WORDS.get(level) or PAIR_REASONS.get((name, level)) or SAME
        lines.append(
            {
                "field": word(EXPLAIN_FIELDS[name], lang),
                "a": line["a"],
                "b": line["b"],
                "agreement": word(words, lang),
                "weight": line["weight"],
            }
        )
    return pd.DataFrame(lines, columns=["field", "a", "b", "agreement", "weight"])


def one_decimal(value: float, lang: str = "fr", *, trim: bool = False) -> str:
    """A figure as a person reads it: one decimal, a decimal comma in French; ``trim`` drops a ``,0``.

    Examples:
        >>> one_decimal(79.25), one_decimal(79.25, "en"), one_decimal(53.0, trim=True)
        ('79,2', '79.2', '53')
    """
    text = f"{value:.1f}"
    if trim:
        text = text.removesuffix(".0")
    return text if lang == "en" else text.replace(".", ",")


def signed_weight(weight: float, lang: str = "fr") -> str:
    """A match weight as a person reads it: sign always, a true minus, French decimal comma.

    Examples:
        >>> signed_weight(9.14), signed_weight(-2.0), signed_weight(-2.0, "en")
        ('+9,1', '−2,0', '−2.0')
    """
    text = f"{weight:+.1f}".replace("-", "−")
    return text.replace(".", ",") if lang == "fr" else text


def explain_sentence(table: pd.DataFrame, probability: float, lang: str = "fr") -> str:
    """One sentence of what weighed, heaviest first, from :func:`grc_toolkit.dedupe.explain_pair`'s table:
    "même courriel (+9,1), prénom proche (+3,2), ville différente (−2,0) → 99 %". Blank fields weigh nothing
    and are left out.

    Examples:
        >>> table = pd.DataFrame({"field": ["email", "first", "postal_code", "phone"], "level": [2, 1, 0, -1],
        ...                       "weight": [9.1, 3.24, -2.0, 0.0]})
        >>> explain_sentence(table, 0.991)
        'même courriel (+9,1), prénom proche (+3,2), code postal différent (−2,0) → 99 %'
        >>> explain_sentence(table, 0.991, "en")
        'same email (+9.1), similar first name (+3.2), different postcode (−2.0) → 99%'
    """
    said = []
    weighed = table[(table["level"] >= 0) & (table["weight"] != 0)]
    for line in weighed.iloc[weighed["weight"].abs().to_numpy().argsort(kind="stable")[::-1]].to_dict("records"):
        name, level = str(line["field"]), int(line["level"])
        if level == 0:
            words = DIFFERENT_WORDS.get(name, (f"{name} ≠", f"{name} ≠"))
        else:
            words = PAIR_REASONS.get((name, level)) or SAME_WORDS.get(name) or (name, name)
        said.append(f"{word(words, lang)} ({signed_weight(float(line['weight']), lang)})")
    percent = f"{probability:.0%}".replace("%", " %" if lang == "fr" else "%")
    return f"{', '.join(said)} → {percent}"


__all__: list[str] = [
    "change_positions",
    "changed_cells",
    "changes_sheet",
    "contacts",
    "decided_rows",
    "explain_sentence",
    "explain_table",
    "one_decimal",
    "signed_weight",
    "fields_frame",
    "groups_sheet",
    "issue_cells",
    "issue_text",
    "pair_reasons",
    "readme_sheet",
    "report_sheet",
    "review_sheet",
    "sheet_layouts",
    "sheets",
    "split_grc_columns",
]
