"""Write the sample exports of the README's quick start: ``samples/visitors-sample.csv`` and ``.xlsx``.

Both hold :func:`grc_toolkit.samplegen.sample_export` (about 300 rows, French headers), the way offices
hand them over:

* the CSV as a French Windows CRM exports it: cp1252, ``;`` between fields, CRLF line ends;
* the workbook with a title row and a blank row above the header, and what Excel does to typed-in
  values: postcodes and bare phone numbers stored as numbers (``1000``, ``612345678``), ``dd/mm/yyyy``
  dates stored as dates, serial dates as plain numbers.

Run it after changing the generator, then commit the samples::

    python scripts/make_samples.py              # writes into samples/
    python scripts/make_samples.py /tmp/out     # somewhere else

The output is byte-stable: two runs give the same files.
"""

from __future__ import annotations

import csv
import re
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from grc_toolkit.samplegen import HEADER_SETS, sample_export  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CSV_NAME = "visitors-sample.csv"
XLSX_NAME = "visitors-sample.xlsx"
TITLE = "Export contacts – Office de tourisme"
# Fixed document date, so that the workbook's bytes do not change from one run to the next.
CREATED = datetime(2025, 7, 1, 9, 0, 0)

_HEADERS = HEADER_SETS["fr"]
_NUMERIC_POSTCODE = re.compile(r"[1-9]\d{3,4}(?:\.0)?")
_NUMERIC_PHONE = re.compile(r"[1-9]\d{8,10}(?:\.0)?|\d\.\d+E\d+")
_DAY_FIRST_DATE = re.compile(r"\d{2}/\d{2}/\d{4}")
_SERIAL_DATE = re.compile(r"\d{5}")


def write_csv(messy: pd.DataFrame, path: Path) -> None:
    """cp1252, ``;``, CRLF; fails (UnicodeEncodeError) if a cell holds a character cp1252 lacks."""
    with path.open("w", encoding="cp1252", errors="strict", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(messy.columns)
        writer.writerows(messy.itertuples(index=False, name=None))


def _write_cell(sheet: Worksheet, row: int, col: int, header: str, value: str, date_format: Format) -> None:
    if header == _HEADERS["postal_code"] and _NUMERIC_POSTCODE.fullmatch(value):
        sheet.write_number(row, col, int(float(value)))
    elif header == _HEADERS["phone"] and _NUMERIC_PHONE.fullmatch(value):
        sheet.write_number(row, col, int(float(value)))
    elif header == _HEADERS["contact_date"] and _DAY_FIRST_DATE.fullmatch(value):
        sheet.write_datetime(row, col, datetime.strptime(value, "%d/%m/%Y"), date_format)
    elif header == _HEADERS["contact_date"] and _SERIAL_DATE.fullmatch(value):
        sheet.write_number(row, col, int(value))
    elif value:
        sheet.write_string(row, col, value)


def write_xlsx(messy: pd.DataFrame, path: Path) -> None:
    """A one-sheet workbook: title, blank row, header on row 3, then the rows with Excel's typing."""
    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
    workbook.set_properties({"title": TITLE, "author": "Office de tourisme", "created": CREATED})
    bold = workbook.add_format({"bold": True})
    title = workbook.add_format({"bold": True, "font_size": 14})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet = workbook.add_worksheet("Contacts")
    sheet.write_string(0, 0, TITLE, title)
    for col, header in enumerate(messy.columns):
        sheet.write_string(2, col, header, bold)
        sheet.set_column(col, col, max(12, min(40, int(messy[header].str.len().max() or 0) + 2)))
    for offset, values in enumerate(messy.itertuples(index=False, name=None)):
        for col, (header, value) in enumerate(zip(messy.columns, values, strict=True)):
            _write_cell(sheet, 3 + offset, col, header, value, date_format)
    workbook.close()


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else SAMPLES
    out_dir.mkdir(parents=True, exist_ok=True)
    messy = sample_export().messy
    write_csv(messy, out_dir / CSV_NAME)
    write_xlsx(messy, out_dir / XLSX_NAME)
    print(f"{len(messy)} lignes écrites dans {out_dir / CSV_NAME} et {out_dir / XLSX_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
