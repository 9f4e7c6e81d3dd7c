"""Keyed Bloom-filter encodings: a typo keeps two encodings close, another person or another key does not, and
the encoding's text holds nothing of the name."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grc_toolkit.bloom import BLOOM_BITS, _popcount, dice_pairs, encode, from_text, to_text

KEY = b"network-secret-key-0123456789"


def _identity(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["last_name", "first_name", "birth_date", "postal_code"])
    frame["full_name"] = ""
    return frame


def _dice(a: np.ndarray, b: np.ndarray) -> float:
    return float(2 * _popcount(a & b) / (_popcount(a) + _popcount(b)))


def test_a_typo_stays_close_and_other_people_or_keys_do_not() -> None:
    rows = _identity(
        ("le goff", "maelle", "1984-03-12", "56000"),
        ("le gof", "maelle", "1984-03-12", "56000"),  # a typo
        ("le goff", "maelle", "1984-03-12", "75011"),  # a namesake in Paris born the same day
        ("le goff", "yann", "1987-11-02", "56000"),  # her brother
        ("", "", "", ""),  # no name: never linked
    )
    codes = encode(rows, KEY)
    assert codes.shape == (5, BLOOM_BITS // 64)
    assert _dice(codes[0], codes[1]) >= 0.9
    assert _dice(codes[0], codes[2]) < 0.9 and _dice(codes[0], codes[3]) < 0.8
    assert list(dice_pairs(codes[:1], codes, 0.9)) == [(0, 0), (0, 1)]
    other = encode(rows, b"another key")
    assert _dice(codes[0], other[0]) < 0.6  # without the network's key the bits fall elsewhere


def test_text_round_trip_holds_no_name() -> None:
    rows = _identity(("dupont", "jean", "", "56340"), ("", "", "", ""))
    codes = encode(rows, KEY)
    texts = to_text(codes)
    assert texts[1] == "" and len(texts[0]) == 172
    assert not any(word in texts[0].lower() for word in ("dupont", "jean", "56340"))
    assert np.array_equal(from_text(texts), codes)
