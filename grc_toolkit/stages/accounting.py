"""The last check of every ``clean`` and ``dedupe`` run, before anything is written: each row read is in the output.

Every data row of each export (:attr:`grc_toolkit.io.Table.source_rows`) must appear in one written record's
``grc_source_rows`` (several rows in a merged record's, `` ; ``-separated), and nothing else may appear there.
In a second pass (grc's own output read again) a row stands for the rows of the original export its
``grc_source_rows`` names. With several files, a row is named ``file:row``.

A row may leave on purpose only when the pipeline says so: :attr:`PipelineResult.removed` lists the rows it
left out (as the spreadsheet numbers them, ``file:row`` with several files; e.g. people on a suppression list),
and those must then be absent. Anything else is a bug in grc, never the user's doing: :class:`AccountingError`
(exit code 3) stops the run before the output is written, with the rows concerned (numbers, never contents).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from grc_toolkit.cleaners.base import as_text
from grc_toolkit.dedupe.merge import SEPARATOR
from grc_toolkit.errors import AccountingError
from grc_toolkit.schema import SOURCE_ROWS

if TYPE_CHECKING:
    from grc_toolkit.io import Table
    from grc_toolkit.pipeline import PipelineResult

_SHOWN = 5


def check_rows(result: PipelineResult, tables: Sequence[Table], *, with_file: bool = False) -> None:
    """Raise :class:`AccountingError` unless ``result.data``'s ``grc_source_rows`` hold each row of ``tables``
    once (merged records list several), but for the rows ``result.removed`` declares left out.

    ``with_file``: rows are named ``file:row`` (:func:`grc_toolkit.api.dedupe_files`)."""
    removed = set(result.removed)
    expected = _counts(_expected_labels(table, with_file, removed) for table in tables)
    written = _counts([as_text(result.data[SOURCE_ROWS])] if SOURCE_ROWS in result.data else [])
    missing = expected.index.difference(written.index)
    unknown = written.index.difference(expected.index)
    common = written.index.intersection(expected.index)
    repeated = common[(written[common] > expected[common]).to_numpy()]
    if len(missing) or len(unknown) or len(repeated):
        raise _error(", ".join(table.path.name for table in tables), missing, unknown.union(repeated))


def _expected_labels(table: Table, with_file: bool, removed: set[str]) -> pd.Series:
    """Each row's name in the output (``file:row`` with several files), without the rows removed; in a second
    pass, the original export's rows its ``grc_source_rows`` names."""
    own = table.source_rows.astype(str)
    if with_file:
        own = table.path.name + ":" + own
    labels = own.copy()
    if not with_file and SOURCE_ROWS in table.frame:
        given = as_text(table.frame[SOURCE_ROWS]).reset_index(drop=True)
        given.index = labels.index
        labels = given.where(given != "", labels)
    return labels[~own.isin(removed).to_numpy()]


def _counts(labels: Iterable[pd.Series]) -> pd.Series:
    """How many times each row name appears in ``labels`` (cells of one or several `` ; ``-separated names)."""
    parts = [series.astype(str) for series in labels]
    if not parts:
        return pd.Series(dtype="int64")
    text = pd.concat(parts, ignore_index=True)
    several = text.str.contains(SEPARATOR, regex=False).to_numpy()
    items = text[~several]
    if several.any():
        items = pd.concat([items, text[several].str.split(SEPARATOR).explode()], ignore_index=True)
    items = items[items != ""]
    return items.value_counts(sort=False)


def _listing(labels: Iterable[str]) -> str:
    shown = sorted(labels, key=lambda label: (len(label), label))
    return ", ".join(shown[:_SHOWN]) + ("…" if len(shown) > _SHOWN else "")


def _error(names: str, missing: pd.Index, extra: pd.Index) -> AccountingError:
    french, english = [], []
    if len(missing):
        french.append(f"{len(missing)} ligne(s) lue(s) absente(s) du résultat ({_listing(missing)})")
        english.append(f"{len(missing)} row(s) read missing from the result ({_listing(missing)})")
    if len(extra):
        french.append(f"{len(extra)} ligne(s) en double ou inconnue(s) dans le résultat ({_listing(extra)})")
        english.append(f"{len(extra)} row(s) repeated or unknown in the result ({_listing(extra)})")
    return AccountingError(
        f"Contrôle des lignes de {names} en échec : {' ; '.join(french)}. Rien n'a été écrit. C'est une erreur "
        "de grc : relancez avec --debug et signalez-la aux développeurs.",
        f"Row check of {names} failed: {'; '.join(english)}. Nothing was written. This is a bug in grc: run "
        "again with --debug and report it to the developers.",
    )
