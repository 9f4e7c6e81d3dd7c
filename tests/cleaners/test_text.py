"""Text repair shared by every cleaner."""

from __future__ import annotations

import pandas as pd
import pytest

from grc_toolkit.cleaners.text import clean_text, fix_text


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("HÃ©lÃ¨ne", "Hélène"),
        ("FranÃ§ois", "François"),
        ("LEMAÃŽTRE", "LEMAÎTRE"),  # ftfy leaves capitals alone: undone as cp1252 whole
        ("BENOÃŽT", "BENOÎT"),
        ("Ã‰milie", "Émilie"),
        ("  Saint  Malo ", "Saint Malo"),
        ("Zoë", "Zoë"),
        ("Ãlise", "Ãlise"),  # not mojibake once undone: left alone
        ("NULL", ""),
        ("n/a", ""),
        ("NC", "NC"),  # New Caledonia's code, not a placeholder
        ("Jean\u00a0Dupont", "Jean Dupont"),
    ],
)
def test_fix_text(raw: str, value: str) -> None:
    assert fix_text(raw)[0] == value


def test_clean_text_keeps_the_index() -> None:
    series = pd.Series(["a ", None, "CafÃ©"], index=[10, 5, 7])
    result = clean_text(series)
    assert result.values.index.tolist() == [10, 5, 7]
    assert result.status.tolist() == ["corrected", "empty", "corrected"]
