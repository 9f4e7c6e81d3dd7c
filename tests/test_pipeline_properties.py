"""Properties of the whole road, from a file on disk to the written output (issue 7).

Cleaner properties hold value by value; these hold for any small table an office might keep: a few
columns of known and unknown headers, blanks, formulas, duplicates, one row, rows that share nothing.
``clean_file`` (deduplication on) must return, write its output, leave the input untouched, and
account for every input row: each one is in exactly one written record's ``grc_source_rows``, or said
to be left out. Cleaning that output again changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grc_toolkit.api import clean_file
from grc_toolkit.errors import InputError
from grc_toolkit.io import read_table
from grc_toolkit.schema import SOURCE_ROWS

KNOWN_HEADERS = [
    "Nom",
    "Prénom",
    "Email",
    "Téléphone",
    "Tél. portable",
    "Code postal",
    "Ville",
    "Pays",
    "Civilité",
    "Adresse",
    "Date de naissance",
    "Consentement",
    "Date dernier contact",
    "Langue",
    "E-mail address",
    "Zip",
]
UNKNOWN_HEADERS = ["Source", "Remarque", "Société", "col7", "Notes internes", "Montant", "x"]

CELLS = [
    "",
    " ",
    "NULL",
    "-",
    "Dupont",
    "DUPONT",
    "dupont jean",
    "Jean-Pierre",
    "Maëlle",
    "Le Gall",
    "N'Diaye",
    "jean.dupont@gmail.com",
    "JEAN.DUPONT@GMIAL.COM",
    "contact@hotel-du-port.fr",
    "test@yopmail.com",
    "a@b",
    "06 12 34 56 78",
    "0612345678",
    "+33 6 12 34 56 78",
    "0600000000",
    "6.12345678E8",
    "+49 30 1234567",
    "0692 12 34 56",
    "75001",
    "1000",
    "97400",
    "62490",
    "B-1000",
    "Paris",
    "ST MALO",
    "Saint-Denis",
    "France",
    "FRANCE",
    "Belgique",
    "Deutschland",
    "La Réunion",
    "M.",
    "Mme",
    "M et Mme",
    "12 rue de la Paix",
    "48 rue de la Paix",
    "12 av. Foch",
    "01/02/1980",
    "45163",
    "2023-08-25",
    "oui",
    "x",
    "non",
    "fr",
    "Total",
    "12",
    "2011",
    "=SUM(A1:A3)",
    '=HYPERLINK("http://x")',
    "@SUM(1)",
    "HÃ©lÃ¨ne",
    "Accueil OT",
    "Borne tactile",
]

cell = st.one_of(
    st.sampled_from(CELLS),
    st.text(alphabet=st.characters(codec="cp1252", exclude_categories=("Cc", "Cs")), max_size=12),
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    n_columns = draw(st.integers(1, 6))
    headers = draw(
        st.lists(st.sampled_from(KNOWN_HEADERS + UNKNOWN_HEADERS), min_size=n_columns, max_size=n_columns, unique=True)
    )
    row = st.lists(cell, min_size=n_columns, max_size=n_columns)
    rows = draw(st.lists(row, min_size=1, max_size=8))
    if draw(st.booleans()) and rows:  # an exact duplicate of a row, as exports often have
        rows.append(list(rows[0]))
    return headers, rows


def _write_input(folder: Path, fmt: str, headers: list[str], rows: list[list[str]]) -> Path:
    if fmt == "xlsx":
        path = folder / "export.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(headers)
        for row in rows:
            sheet.append(row)  # a cell starting with "=" becomes a formula cell
        book.save(path)
        return path
    path = folder / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def _blank(row: list[str], fmt: str) -> bool:
    """What a reader sees as an empty row (a formula written by openpyxl has no cached value)."""
    return all(not cell.strip() or (fmt == "xlsx" and cell.startswith("=")) for cell in row)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(table=tables(), fmt=st.sampled_from(["csv", "xlsx"]), out=st.sampled_from([".xlsx", ".csv"]))
def test_any_small_table_is_cleaned_written_and_every_row_accounted_for(
    tmp_path_factory: pytest.TempPathFactory, table: tuple[list[str], list[list[str]]], fmt: str, out: str
) -> None:
    headers, rows = table
    folder = tmp_path_factory.mktemp("road")
    source = _write_input(folder, fmt, headers, rows)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    target = folder / f"clean{out}"

    nothing = all(_blank(row, fmt) for row in rows) and not set(headers) & set(KNOWN_HEADERS)
    if nothing:  # no contact field named and no row under the header: not a contact file, said so
        with pytest.raises(InputError):
            clean_file(source, output=target)
        return
    done = clean_file(source, output=target)

    assert hashlib.sha256(source.read_bytes()).hexdigest() == before, "the input file was modified"
    assert target.exists()
    read = done.table.source_rows.astype(int).tolist()
    written = [int(r) for cells in done.result.data[SOURCE_ROWS] for r in str(cells).split(" ; ") if r]
    assert sorted(written) == sorted(read), "a read row is missing from, or repeated in, grc_source_rows"
    left_out = [row for row, _ in done.table.left_out]
    accounted = [*read, *left_out, *([done.table.header_row] if done.table.header_row else [])]
    assert len(accounted) == len(set(accounted)), "a row is both read and left out"
    silent = set(range(1, len(rows) + 2)) - set(accounted)
    file_rows = [headers, *rows]
    assert all(_blank(file_rows[row - 1], fmt) for row in silent), f"rows {sorted(silent)} dropped without a word"
    again = read_table(target)
    assert len(again.frame) == done.result.rows_out
    twice = clean_file(target, output=folder / f"twice{out}")
    assert twice.result.changes.empty, "cleaning grc's own output changed a cell"
    assert twice.result.rows_out == done.result.rows_out
