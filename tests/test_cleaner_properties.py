"""Properties every cleaner of civility, names, dates, consent and language must hold, on any text."""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grc_toolkit.cleaners.consent import clean_consent, clean_languages
from grc_toolkit.cleaners.dates import clean_dates
from grc_toolkit.cleaners.names import clean_civility, clean_first_names, clean_last_names, french_phonetic, name_key
from grc_toolkit.cleaners.organisations import clean_organisations
from grc_toolkit.results import CORRECTED, STATUSES, VALID

CLEANERS = {
    "civility": clean_civility,
    "civility_keep_mlle": partial(clean_civility, keep_mlle=True),
    "last_names": clean_last_names,
    "first_names": clean_first_names,
    "dates": partial(clean_dates, today=date(2024, 6, 1)),
    "dates_month_first": partial(clean_dates, dayfirst=False, today=date(2024, 6, 1), allow_future=False),
    "consent": clean_consent,
    "languages": clean_languages,
    "organisations": clean_organisations,
}

REALISTIC = [
    "M.",
    "mr",
    "Madame",
    "Mlle",
    "M et Mme",
    "Docteur",
    "dupont",
    "le gall",
    "n’diaye",
    "Guyon - Ferreira",
    "JEAN PIERRE",
    "mcdonald",
    "ZOË",
    "HÃ©lÃ¨ne",
    "25/08/2023",
    "12/31/2023",
    "45163.5",
    "1er mars 2023",
    "2023-08-25T10:00:00",
    "31/02/2023",
    "janv. 2024",
    "oui",
    "FAUX",
    "☑",
    "J'accepte",
    "SARL Hôtel de la Plage",
    "Particulier",
    "fr-FR",
    "anglais",
    "FR/EN",
    "NULL",
    "  ",
    "",
    "x",
    "0",
]
# Characters of mojibake, dates and names, so that the tricky paths are reached often.
TRICKY = "ÃÂâ€™©\x80\x98\x1f0123456789/-.:, hHtTxXéèªMmeonuirsa'’"
values = st.one_of(st.none(), st.text(max_size=30), st.text(alphabet=TRICKY, max_size=20), st.sampled_from(REALISTIC))
PROPERTY_SETTINGS = settings(
    max_examples=100, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def series_with_index(draw):
    items = draw(st.lists(values, max_size=12))
    index = draw(st.lists(st.integers(-5, 5), min_size=len(items), max_size=len(items)))
    return pd.Series(items, index=index, dtype=object)


def _check(clean, series):
    before = series.copy()
    first = clean(series)
    pd.testing.assert_series_equal(series, before)  # input untouched
    for column in (first.values, first.status, first.reason, *first.extra.values()):
        assert len(column) == len(series)
        assert column.index.equals(series.index)
    assert set(first.status) <= set(STATUSES)
    assert all(isinstance(value, str) for value in first.values)
    second = clean(first.values)
    assert second.values.tolist() == first.values.tolist()
    assert CORRECTED not in set(second.status)
    assert second.status.tolist() == first.status.replace(CORRECTED, VALID).tolist()


@pytest.mark.parametrize("name", list(CLEANERS))
@PROPERTY_SETTINGS
@given(series=series_with_index())
def test_cleaner_is_idempotent_and_keeps_rows(name, series):
    _check(CLEANERS[name], series)


@PROPERTY_SETTINGS
@given(value=st.text(max_size=40))
def test_name_keys_never_raise_and_are_stable(value):
    key = name_key(value)
    assert key == name_key(key)
    assert key == key.lower().strip()
    assert "  " not in key
    assert isinstance(french_phonetic(value), str)
