"""Dates to ISO 8601, from the formats French tourism exports actually contain."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from grc_toolkit.cleaners.base import REASONS
from grc_toolkit.cleaners.dates import clean_dates

TODAY = date(2024, 6, 1)


def _row(raw, **options):
    frame = clean_dates(pd.Series([raw]), today=TODAY, **options).to_frame()
    return tuple(frame.iloc[0][["value", "status", "reason"]])


DATES = [
    ("2023-08-25", "2023-08-25", "valid", ""),
    ("2023-08-25 10:30", "2023-08-25 10:30", "valid", ""),
    ("25/08/2023", "2023-08-25", "corrected", "date.format"),
    ("5/8/2023", "2023-08-05", "corrected", "date.format"),
    ("25-08-2023", "2023-08-25", "corrected", "date.format"),
    ("25.08.2023", "2023-08-25", "corrected", "date.format"),
    ("25 / 08 / 2023", "2023-08-25", "corrected", "date.format"),
    ("25/08/23", "2023-08-25", "corrected", "date.format,date.two_digit_year"),
    ("25/08/24", "2024-08-25", "corrected", "date.format,date.two_digit_year"),
    ("12/05/85", "1985-05-12", "corrected", "date.format,date.two_digit_year"),
    ("2023-08-25T10:00:00", "2023-08-25 10:00", "corrected", "date.format"),
    ("2023-08-25 10:00:00", "2023-08-25 10:00", "corrected", "date.format"),
    ("2023-08-25T10:00:00.000Z", "2023-08-25 10:00", "corrected", "date.format"),
    ("2023-08-25 00:00:00", "2023-08-25", "corrected", "date.format"),
    ("2023/08/25", "2023-08-25", "corrected", "date.format"),
    ("20230825", "2023-08-25", "corrected", "date.format"),
    ("25/08/2023 14h30", "2023-08-25 14:30", "corrected", "date.format"),
    ("45163", "2023-08-25", "corrected", "date.excel_serial"),
    ("45163.0", "2023-08-25", "corrected", "date.excel_serial"),
    ("45163.5", "2023-08-25 12:00", "corrected", "date.excel_serial"),
    ("45163,75", "2023-08-25 18:00", "corrected", "date.excel_serial"),
    ("3 janvier 2024", "2024-01-03", "corrected", "date.format"),
    ("1er mars 2023", "2023-03-01", "corrected", "date.format"),
    ("03 févr. 2024", "2024-02-03", "corrected", "date.format"),
    ("le 14 juillet 2023", "2023-07-14", "corrected", "date.format"),
    ("Lundi 3 juin 2024 à 10h30", "2024-06-03 10:30", "corrected", "date.format"),
    ("14 août 23", "2023-08-14", "corrected", "date.format,date.two_digit_year"),
    ("March 3, 2024", "2024-03-03", "corrected", "date.format"),
    ("3 Mar 2024", "2024-03-03", "corrected", "date.format"),
    ("Sunday, March 3rd, 2024 10:30 pm", "2024-03-03 22:30", "corrected", "date.format"),
    ("3. März 2024", "2024-03-03", "corrected", "date.format"),
    ("3 de marzo de 2024", "2024-03-03", "corrected", "date.format"),
    ("12/31/2023", "2023-12-31", "corrected", "date.format,date.month_day_swapped"),
    ("31/02/2023", "31/02/2023", "invalid", "date.impossible"),
    ("30/13/2023", "30/13/2023", "invalid", "date.impossible"),
    ("25/08/2023 25:00", "25/08/2023 25:00", "invalid", "date.impossible"),
    ("janv. 2024", "janv. 2024", "invalid", "date.incomplete"),
    ("3 mars", "3 mars", "invalid", "date.incomplete"),
    ("08/2024", "08/2024", "invalid", "date.incomplete"),
    ("2024", "2024", "invalid", "date.incomplete"),
    ("1850-01-01", "1850-01-01", "invalid", "date.out_of_range"),
    ("0000-00-00", "0000-00-00", "invalid", "date.out_of_range"),
    ("12345", "12345", "invalid", "date.unrecognised"),
    ("bientôt", "bientôt", "invalid", "date.unrecognised"),
    ("2099-01-01", "2099-01-01", "valid", ""),
    ("", "", "empty", ""),
    ("NULL", "", "empty", "text.placeholder"),
]


@pytest.mark.parametrize(("raw", "value", "status", "reason"), DATES)
def test_clean_dates(raw, value, status, reason):
    assert _row(raw) == (value, status, reason)


@pytest.mark.parametrize(
    ("raw", "value", "reason"),
    [
        ("03/04/2024", "2024-03-04", "date.format"),
        ("12/31/2023", "2023-12-31", "date.format"),
        ("31/12/2023", "2023-12-31", "date.format,date.month_day_swapped"),
        ("March 3, 2024", "2024-03-03", "date.format"),
        ("2024-03-04", "2024-03-04", ""),
    ],
)
def test_clean_dates_month_first(raw, value, reason):
    assert _row(raw, dayfirst=False) == (value, "corrected" if reason else "valid", reason)


def test_future_dates_are_invalid_only_on_request():
    assert _row("02/06/2024") == ("2024-06-02", "corrected", "date.format")
    assert _row("02/06/2024", allow_future=False) == ("02/06/2024", "invalid", "date.future")
    assert _row("01/06/2024", allow_future=False) == ("2024-06-01", "corrected", "date.format")


def test_two_digit_year_pivot_follows_today():
    result = clean_dates(pd.Series(["01/01/30"]), today=date(2031, 1, 1))
    assert result.values.tolist() == ["2030-01-01"]


def test_excel_types_read_by_pandas():
    series = pd.Series([pd.Timestamp("2023-08-25"), pd.Timestamp("2023-08-25 10:15"), pd.NaT])
    result = clean_dates(series, today=TODAY)
    assert result.values.tolist() == ["2023-08-25", "2023-08-25 10:15", ""]
    assert result.status.tolist() == ["corrected", "corrected", "empty"]
    floats = clean_dates(pd.Series([45163.0, None]), today=TODAY)
    assert floats.values.tolist() == ["2023-08-25", ""]


def test_index_kept_and_input_untouched():
    series = pd.Series(["25/08/2023", None, "25/08/2023"], index=["b", "a", "a"])
    before = series.copy()
    result = clean_dates(series, today=TODAY)
    assert result.values.index.equals(series.index)
    assert result.values.tolist() == ["2023-08-25", "", "2023-08-25"]
    pd.testing.assert_series_equal(series, before)


def test_every_reason_is_worded():
    codes = (
        "format",
        "excel_serial",
        "two_digit_year",
        "month_day_swapped",
        "impossible",
        "incomplete",
        "out_of_range",
        "future",
        "unrecognised",
    )
    for code in codes:
        french, english = REASONS[f"date.{code}"]
        assert french and english
