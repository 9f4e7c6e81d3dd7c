"""Write a generated export the way offices hand them over: a French Windows CRM's CSV, an Excel workbook.

* the CSV: cp1252, ``;`` between fields, CRLF line ends;
* the workbook: a title row and a blank row above the header, and what Excel does to typed-in values:
  postcodes and bare phone numbers stored as numbers (``1000``, ``612345678``), ``dd/mm/yyyy`` dates stored
  as dates, serial dates as plain numbers.

Both are byte-stable: the same frame gives the same bytes.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from grc_toolkit.testing.samplegen import HEADER_SETS

__all__ = ["write_csv", "write_xlsx"]

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
