"""Fuzzing (issue 13): whatever bytes a file holds, the readers raise only GrcError; the CLI exits 0 or 3 with
one line; the pipeline takes any table of text and accounts for every row.

Deterministic (``derandomize``) and quick: the whole file runs in well under a minute.
"""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from grc_toolkit import pipeline
from grc_toolkit.commands import app
from grc_toolkit.config import Config
from grc_toolkit.errors import EXIT_INPUT, GrcError
from grc_toolkit.io import Table, read_table
from grc_toolkit.schema import SOURCE_ROWS

FIXTURES = Path(__file__).parent / "fixtures"
WORKBOOKS = [FIXTURES / "good" / name for name in ("typed.xlsx", "calc.ods", "legacy.xls")]
SUFFIXES = [".csv", ".txt", ".tsv", ".xlsx", ".xls", ".ods", ".xlsm"]
PREFIXES = [
    b"",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    b"\xef\xbb\xbfNom;Email\n",
    b"<?xml version='1.0'?>",
    b'"',
]


def fuzz(examples: int) -> settings:
    """Deterministic, no example database, no deadline (a cold first read is slow)."""
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _read(data: bytes, suffix: str) -> Table | None:
    """read_table on ``data`` saved as ``file<suffix>``: a Table, or None when it raised a GrcError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(data)
        try:
            table = read_table(path)
        except GrcError as error:
            assert error.message and "\n" not in error.message
            return None
        for column in table.frame.columns:
            assert all(type(value) is str for value in table.frame[column])
        return table


@fuzz(150)
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_raise_only_grc_errors(prefix: bytes, body: bytes, suffix: str) -> None:
    _read(prefix + body, suffix)


_CELL_CHARS = st.sampled_from(list(';,\t|"\n\r \x00\x0b\x1aéèçàœ€ÃŸ«»’\ufeffaZ9@.-+=') + ["\u2028", "\U0001f600"])
_CELLS = st.text(alphabet=_CELL_CHARS, max_size=12) | st.sampled_from(["Nom", "Email", "jean@exemple.fr", "0612"])


@fuzz(120)
@given(
    rows=st.lists(st.lists(_CELLS, min_size=1, max_size=6), min_size=1, max_size=8),
    delimiter=st.sampled_from([";", ",", "\t", "|", ":", " "]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "latin-1", "mac_roman"]),
    quote_all=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_random_csv_text_in_any_encoding_is_read_or_refused(
    rows: list[list[str]], delimiter: str, encoding: str, quote_all: bool, newline: str
) -> None:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if quote_all else text

    text = newline.join(delimiter.join(cell(value) for value in row) for row in rows)
    _read(text.encode(encoding, errors="replace"), ".csv")


@fuzz(120)
@given(
    source=st.sampled_from(WORKBOOKS),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=4),
)
def test_truncated_or_damaged_workbooks_raise_only_grc_errors(
    source: Path, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(source.read_bytes())
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    _read(bytes(data[: max(1, int(cut * len(data)))]), source.suffix)


@fuzz(12)
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(min_size=1, max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_grc_clean_on_junk_exits_0_or_3_with_one_line(prefix: bytes, body: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"junk{suffix}"
        path.write_bytes(prefix + body)
        result = CliRunner().invoke(app, ["clean", str(path), "--no-history", "-q"], env={"LANG": "fr_FR.UTF-8"})
    assert result.exit_code in (0, EXIT_INPUT), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert "Erreur inattendue" not in result.stderr
    if result.exit_code:
        assert result.stderr.count("\n") == 1


_HEADERS = ["Nom", "Prénom", "Email", "Téléphone", "Code postal", "Ville", "Pays", "Civilité", "Date", "Notes", "x"]
_VALUES = st.text(max_size=15) | st.sampled_from(
    ["", "Dupont", "dupont", "jean@exemple.fr", "JEAN@EXEMPLE.FR", "06 12 34 56 78", "75001", "Paris", "M.", "France"]
)


@fuzz(40)
@given(
    headers=st.lists(st.sampled_from(_HEADERS), min_size=1, max_size=5, unique=True),
    data=st.data(),
)
def test_the_pipeline_takes_any_table_of_text_and_accounts_for_every_row(
    headers: list[str], data: st.DataObject
) -> None:
    rows = data.draw(st.lists(st.lists(_VALUES, min_size=len(headers), max_size=len(headers)), max_size=10))
    assume(all("\x00" not in value for row in rows for value in row))  # the readers drop NUL before the pipeline
    frame = pd.DataFrame(rows, columns=headers, dtype=object) if rows else pd.DataFrame(columns=headers)
    result = pipeline.run(frame, Config())
    written = sorted(int(item) for cell in result.data[SOURCE_ROWS] for item in str(cell).split(" ; ") if item)
    assert written == list(range(2, len(rows) + 2))
