"""Phone numbers as French tourism offices receive them: formats, overseas, Excel, several per cell."""

from __future__ import annotations

import random

import pandas as pd
import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grc_toolkit.cleaners import phones
from grc_toolkit.cleaners.base import REASONS
from grc_toolkit.cleaners.phones import OVERSEAS_PREFIXES, PHONE_FORMATS, clean_phones
from grc_toolkit.errors import ConfigError


def _row(result, position=0):
    frame = result.to_frame()
    return tuple(frame.iloc[position][["value", "status", "reason"]])


MOBILE = "+33612445678"

FORMATS = [
    ("06 12 44 56 78", MOBILE, "corrected", "phone.formatted"),
    ("06.12.44.56.78", MOBILE, "corrected", "phone.formatted"),
    ("06-12-44-56-78", MOBILE, "corrected", "phone.formatted"),
    ("06/12/44/56/78", MOBILE, "corrected", "phone.formatted"),
    ("0612445678", MOBILE, "corrected", "phone.formatted"),
    ("612445678", MOBILE, "corrected", "phone.leading_zero,phone.formatted"),
    ("+33 6 12 44 56 78", MOBILE, "corrected", "phone.formatted"),
    ("+33 (0)6 12 44 56 78", MOBILE, "corrected", "phone.formatted"),
    ("+33 06 12 44 56 78", MOBILE, "corrected", "phone.formatted"),
    ("0033 6 12 44 56 78", MOBILE, "corrected", "phone.formatted"),
    ("33612445678", MOBILE, "corrected", "phone.country_code,phone.formatted"),
    ("(0)6 12 44 56 78", MOBILE, "corrected", "phone.formatted"),
    ("6.12445678E8", MOBILE, "corrected", "phone.excel,phone.leading_zero,phone.formatted"),
    ("6,12445678E+08", MOBILE, "corrected", "phone.excel,phone.leading_zero,phone.formatted"),
    ("612445678.0", MOBILE, "corrected", "phone.excel,phone.leading_zero,phone.formatted"),
    ("3.3612445678E10", MOBILE, "corrected", "phone.excel,phone.country_code,phone.formatted"),
    ("06 12 44 56 78 (bureau)", MOBILE, "corrected", "phone.extra_text,phone.formatted"),
    ("Tél : 06 12 44 56 78", MOBILE, "corrected", "phone.extra_text,phone.formatted"),
    ("Port. 06 12 44 56 78", MOBILE, "corrected", "phone.extra_text,phone.formatted"),
    ("  +33612445678 ", MOBILE, "corrected", "text.spaces"),
    (MOBILE, MOBILE, "valid", ""),
    ("01 42 68 53 00", "+33142685300", "corrected", "phone.formatted"),
    ("04 78 42 10 65", "+33478421065", "corrected", "phone.formatted"),
    ("09 70 12 34 56", "+33970123456", "corrected", "phone.formatted"),
    ("0 800 12 34 56", "+33800123456", "corrected", "phone.formatted"),
    # foreign numbers written with + stay in their country
    ("+44 7400 123456", "+447400123456", "corrected", "phone.formatted"),
    ("+49 30 123456", "+4930123456", "corrected", "phone.formatted"),
    ("+32 471 12 34 56", "+32471123456", "corrected", "phone.formatted"),
    ("+41 79 123 45 67", "+41791234567", "corrected", "phone.formatted"),
    ("0044 7400 123456", "+447400123456", "corrected", "phone.formatted"),
    ("447400123456", "+447400123456", "corrected", "phone.country_code,phone.formatted"),
    # empty and placeholders of the text layer
    ("", "", "empty", ""),
    ("   ", "", "empty", ""),
    ("NULL", "", "empty", "text.placeholder"),
    ("n/a", "", "empty", "text.placeholder"),
]


@pytest.mark.parametrize(("raw", "value", "status", "reason"), FORMATS)
def test_the_formats_offices_type(raw, value, status, reason):
    assert _row(clean_phones(pd.Series([raw]))) == (value, status, reason)


OVERSEAS = [
    ("0590 20 12 34", "+590590201234", "GP", "fixe"),
    ("0690 00 12 34", "+590690001234", "GP", "mobile"),
    ("0691 30 12 34", "+590691301234", "GP", "mobile"),
    ("0596 30 12 34", "+596596301234", "MQ", "fixe"),
    ("0696 21 43 65", "+596696214365", "MQ", "mobile"),
    ("0697 20 12 34", "+596697201234", "MQ", "mobile"),
    ("0594 10 12 34", "+594594101234", "GF", "fixe"),
    ("0694 20 12 34", "+594694201234", "GF", "mobile"),
    ("0262 16 12 34", "+262262161234", "RE", "fixe"),
    ("0263 10 12 34", "+262263101234", "RE", "fixe"),
    ("0692 12 34 56", "+262692123456", "RE", "mobile"),
    ("0693 10 12 34", "+262693101234", "RE", "mobile"),
    ("0269 60 12 34", "+262269601234", "YT", "fixe"),
    ("0639 01 23 45", "+262639012345", "YT", "mobile"),
    ("0590 27 12 34", "+590590271234", "BL", "fixe"),  # 0590 27 is Saint-Barthélemy
]


@pytest.mark.parametrize(("raw", "e164", "country", "line_type"), OVERSEAS)
def test_overseas_prefixes_route_to_their_region(raw, e164, country, line_type):
    result = clean_phones(pd.Series([raw]))
    assert _row(result) == (e164, "corrected", "phone.overseas,phone.formatted")
    assert (result.extra["phone_country"][0], result.extra["line_type"][0]) == (country, line_type)
    # the answer agrees with phonenumbers itself once it is told the right region
    number = phonenumbers.parse(e164)
    assert phonenumbers.is_valid_number(number)
    assert phonenumbers.region_code_for_number(number) == country


def test_0508_stays_a_mainland_number():
    # 05 08 is a south-western mainland prefix: without +508 it is not Saint-Pierre-et-Miquelon.
    result = clean_phones(pd.Series(["05 08 41 23 45"]))
    assert result.values[0] == "+33508412345"
    assert result.extra["phone_country"][0] == "FR"


def test_every_overseas_prefix_is_tested():
    assert {raw.replace(" ", "")[:4] for raw, *_ in OVERSEAS} == set(OVERSEAS_PREFIXES)


@pytest.mark.parametrize(
    ("raw", "country", "e164", "reason"),
    [
        ("696214365", "", "+596696214365", "phone.leading_zero,phone.overseas,phone.formatted"),
        ("+33 696 21 43 65", "", "+596696214365", "phone.overseas,phone.formatted"),
        ("0696 21 43 65", "MQ", "+596696214365", "phone.formatted"),
        ("06 12 44 56 78", "MQ", MOBILE, "phone.formatted"),  # a mainland mobile held by a Martiniquais
        ("0590 20 12 34", "MQ", "+590590201234", "phone.overseas,phone.formatted"),
    ],
)
def test_overseas_with_the_row_country(raw, country, e164, reason):
    assert _row(clean_phones(pd.Series([raw]), country=pd.Series([country]))) == (e164, "corrected", reason)


@pytest.mark.parametrize(
    ("raw", "country", "e164", "phone_country", "reason"),
    [
        ("0470 12 34 56", "BE", "+32470123456", "BE", "phone.formatted"),
        ("030 123456", "DE", "+4930123456", "DE", "phone.formatted"),
        ("07400 123456", "GB", "+447400123456", "GB", "phone.formatted"),
        ("079 123 45 67", "ch", "+41791234567", "CH", "phone.formatted"),
        ("06 12 44 56 78", "BE", MOBILE, "FR", "phone.read_as_french,phone.formatted"),
        ("06 12 44 56 78", "GB", MOBILE, "FR", "phone.read_as_french,phone.formatted"),
        ("01 42 68 53 00", "US", "+33142685300", "FR", "phone.read_as_french,phone.formatted"),
        ("06 12 44 56 78", "XX", MOBILE, "FR", "phone.formatted"),  # unknown code: default region
    ],
)
def test_the_row_country_reads_national_numbers(raw, country, e164, phone_country, reason):
    result = clean_phones(pd.Series([raw]), country=pd.Series([country]))
    assert _row(result) == (e164, "corrected", reason)
    assert result.extra["phone_country"][0] == phone_country


SEVERAL = [
    ("06 12 44 56 78 / 01 42 68 53 00", "+33142685300"),
    ("06 12 44 56 78 ; 01 42 68 53 00", "+33142685300"),
    ("06 12 44 56 78 - 01 42 68 53 00", "+33142685300"),
    ("06 12 44 56 78 ou 01 42 68 53 00", "+33142685300"),
    ("06 12 44 56 78, 01 42 68 53 00", "+33142685300"),
    ("06 12 44 56 78\n01 42 68 53 00", "+33142685300"),
    ("0612445678/0142685300", "+33142685300"),
    ("06 12 44 56 78 / +44 7400 123456 / 01 42 68 53 00", "+447400123456 ; +33142685300"),
    ("06 12 44 56 78 / 06 12 44 56 78", ""),  # the same number twice
    ("06 12 44 56 78 / 01 23", ""),  # too short to be a number: an annotation
]


@pytest.mark.parametrize(("raw", "others"), SEVERAL)
def test_first_number_kept_others_moved(raw, others):
    result = clean_phones(pd.Series([raw]))
    assert result.values[0] == MOBILE
    assert result.status[0] == "corrected"
    assert result.extra["other_phones"][0] == others


def test_an_invalid_second_number_is_kept_as_typed():
    result = clean_phones(pd.Series(["06 12 44 56 78 / 01 42 68"]))
    assert result.extra["other_phones"][0] == "01 42 68"
    assert "phone.multiple" in result.reason[0]


def test_a_valid_number_wins_over_a_leading_placeholder():
    result = clean_phones(pd.Series(["00 00 00 00 00 / 06 12 44 56 78"]))
    assert _row(result) == (MOBILE, "corrected", "phone.formatted,phone.multiple,phone.placeholder")
    assert result.extra["other_phones"][0] == ""


@pytest.mark.parametrize(
    "raw",
    [
        "0600000000", "06 00 00 00 00", "0000000000", "00 00 00 00 00", "1111111111", "9999999999",
        "0123456789", "01 23 45 67 89", "0102030405", "0612345678", "0987654321", "+33 6 00 00 00 00",
        "+33 1 11 11 11 11",
    ],
)  # fmt: skip
def test_placeholders_are_emptied(raw):
    assert _row(clean_phones(pd.Series([raw]))) == ("", "invalid", "phone.placeholder")


@pytest.mark.parametrize("raw", ["06 12 44 56 78", "06 06 06 06 06", "01 45 67 89 12", "06 98 76 54 39"])
def test_real_looking_numbers_are_not_placeholders(raw):
    assert clean_phones(pd.Series([raw])).status[0] == "corrected"


@pytest.mark.parametrize(
    ("raw", "value", "reason"),
    [
        ("06 12 34", "06 12 34", "phone.invalid"),
        ("0596 12", "0596 12", "phone.invalid"),
        ("12", "12", "phone.invalid"),
        ("bureau", "bureau", "phone.invalid"),
        ("06 12 44 56 78 90 12", "06 12 44 56 78 90 12", "phone.invalid"),
        ("+44 12", "+44 12", "phone.invalid"),
        ("00 00 12", "00 00 12", "phone.invalid"),
        ("  06  12 34 ", "06 12 34", "text.spaces,phone.invalid"),
        ("3.36124457E12", "3.36124457E12", "phone.excel_rounded"),  # Excel kept 9 of 13 digits
        ("6.12346E+08", "6.12346E+08", "phone.excel_rounded"),
    ],
)
def test_invalid_numbers_are_kept_and_flagged(raw, value, reason):
    result = clean_phones(pd.Series([raw]))
    assert _row(result) == (value, "invalid", reason)
    assert result.extra["line_type"][0] == result.extra["phone_country"][0] == ""


@pytest.mark.parametrize(
    ("phone_format", "expected"),
    [
        ("e164", ["+33612445678", "+596696214365", "+447400123456", "+33800123456"]),
        ("international", ["+33 6 12 44 56 78", "+596 696 21 43 65", "+44 7400 123456", "+33 800 12 34 56"]),
        ("national", ["06 12 44 56 78", "0696 21 43 65", "+44 7400 123456", "0 800 12 34 56"]),
    ],
)
def test_output_formats(phone_format, expected):
    raw = pd.Series(["0612445678", "0696214365", "+447400123456", "0800123456"])
    result = clean_phones(raw, phone_format=phone_format)
    assert result.values.tolist() == expected
    # a value already in the asked format is valid
    again = clean_phones(result.values, phone_format=phone_format)
    assert again.status.tolist() == ["valid"] * 4


def test_national_format_for_another_office_country():
    raw = pd.Series(["0470 12 34 56", "+33 6 12 44 56 78", "06 12 44 56 78"])
    result = clean_phones(raw, region="BE", phone_format="national")
    assert result.values.tolist() == ["0470 12 34 56", "+33 6 12 44 56 78", "06 12 44 56 78"]
    assert result.status.tolist() == ["valid", "valid", "invalid"]  # no +33: not a Belgian number


def test_line_types_in_french():
    raw = pd.Series(["06 12 44 56 78", "01 42 68 53 00", "09 70 12 34 56", "0 800 12 34 56", "+1 201 555 0123"])
    assert clean_phones(raw).extra["line_type"].tolist() == ["mobile", "fixe", "voip", "autre", "autre"]


def test_unknown_format_or_region_raises_a_config_error():
    with pytest.raises(ConfigError):
        clean_phones(pd.Series(["0612445678"]), phone_format="E.164")
    with pytest.raises(ConfigError):
        clean_phones(pd.Series(["0612445678"]), region="France")


def test_index_kept_input_untouched_and_one_parse_per_distinct_pair(monkeypatch):
    calls = []
    original = phones._CellCleaner.__call__

    def counting(self, value, region):
        calls.append((value, region))
        return original(self, value, region)

    monkeypatch.setattr(phones._CellCleaner, "__call__", counting)
    series = pd.Series(["06 12 44 56 78", None, "06 12 44 56 78", "0470 12 34 56"] * 50, index=range(10, 210))
    before = series.copy()
    result = clean_phones(series, country=pd.Series(["", "", "", "BE"] * 50, index=range(10, 210)))
    pd.testing.assert_series_equal(series, before)
    assert result.values.index.equals(series.index)
    assert all(extra.index.equals(series.index) for extra in result.extra.values())
    # the plain French number is read at once (_french_at_once), never one by one
    assert sorted(calls) == [("", ""), ("0470 12 34 56", "BE")]


def test_every_code_has_french_and_english_wording():
    names = "formatted leading_zero country_code excel excel_doubtful excel_rounded extra_text multiple overseas"
    names += " region_fallback placeholder invalid"
    for code in ("phone." + name for name in names.split()):
        french, english = REASONS[code]
        assert french == french.lower()[0] + french[1:] and french and english


def test_phone_formats_constant():
    assert PHONE_FORMATS == ("e164", "international", "national")


PHONE_LIKE = st.one_of(
    st.none(),
    st.text(alphabet="0123456789 +.()/-;Té:", max_size=30),
    st.sampled_from([raw for raw, *_ in FORMATS + OVERSEAS + SEVERAL]),
)


@settings(max_examples=150, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.lists(PHONE_LIKE, max_size=10), st.sampled_from(PHONE_FORMATS))
def test_cleaning_is_idempotent(items, phone_format):
    series = pd.Series(items, dtype=object)
    first = clean_phones(series, phone_format=phone_format)
    assert set(first.status) <= {"valid", "corrected", "invalid", "empty"}
    second = clean_phones(first.values, phone_format=phone_format)
    assert second.values.tolist() == first.values.tolist()
    # placeholders are emptied, so they come back "empty"; everything else keeps its status
    expected = [
        "empty" if value == "" else status.replace("corrected", "valid")
        for status, value in zip(first.status, first.values, strict=True)
    ]
    assert second.status.tolist() == expected


def test_duplicate_and_unordered_index_is_kept():
    series = pd.Series(["0612445678", "0142685300", None], index=[7, 7, -1])
    result = clean_phones(series, country=pd.Series(["", "FR", "BE"], index=[7, 7, -1]))
    assert result.values.index.equals(series.index)
    assert result.values.tolist() == [MOBILE, "+33142685300", ""]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("07 14 89 72 68", "+33714897268"),  # 070-072 are not given to any operator yet
        ("714897268", "+33714897268"),
        ("00324770844936", "+324770844936"),
        ("+49 153 8436472", "+491538436472"),
    ],
)
def test_well_formed_but_unallocated_numbers_are_formatted_and_flagged(raw, value):
    result = clean_phones(pd.Series([raw]))
    assert result.values[0] == value
    assert result.status[0] == "invalid"
    assert "phone.unallocated" in result.reason[0]


def test_a_uk_mobile_says_great_britain_not_a_crown_dependency():
    assert clean_phones(pd.Series(["+44 7911 123456"])).extra["phone_country"][0] == "GB"


def test_excel_damage_is_repaired_in_each_number_of_a_cell():
    result = clean_phones(pd.Series(["612768636.0 ou 0438072766"]))
    assert result.values[0] == "+33612768636"
    assert result.extra["other_phones"][0] == "+33438072766"


def test_two_dropped_zeros_are_restored_but_flagged():
    result = clean_phones(pd.Series(["7.447564E8"]))
    assert (result.values[0], result.status[0]) == ("+33744756400", "invalid")
    assert "phone.excel_doubtful" in result.reason[0]


def test_number_runs_are_fake_only_in_the_french_plan():
    result = clean_phones(pd.Series(["+49 (0)30 1234567", "06 12 34 56 78"]))
    assert result.values.tolist() == ["+49301234567", ""]


@pytest.mark.parametrize("raw", ["0600000000", "06 00 00 00 00", "0123456789", "0100000000", "01 02 03 04 05"])
@pytest.mark.parametrize("country", ["IT", "DE", "BE", "GB", "US", ""])
def test_placeholders_are_seen_before_the_row_country_reads_them(raw, country):
    # 0600000000 on an Italian row used to become +390600000000, a "valid" Rome landline
    result = clean_phones(pd.Series([raw]), country=pd.Series([country]))
    assert _row(result) == ("", "invalid", "phone.placeholder")
    assert result.extra["phone_country"][0] == ""


def test_a_number_valid_in_the_row_country_stays_there():
    # 0612345678 is fake; 06123 456789 is a real German area code and stays German on a German row
    result = clean_phones(pd.Series(["06123 456789"]), country=pd.Series(["DE"]))
    assert _row(result) == ("+496123456789", "corrected", "phone.formatted")


def _typed_forms(digits: str) -> list[str]:
    pairs = [digits[i : i + 2] for i in range(0, 10, 2)]
    return [
        digits,
        " ".join(pairs),
        ".".join(pairs),
        "-".join(pairs),
        f"+33 {digits[1]} " + " ".join(pairs[1:]),
        "+33" + digits[1:],
        # as exports also write them: the country code without its +, 00 for +, the zero lost in a spreadsheet
        "33" + digits[1:],
        f"33 {digits[1]} " + " ".join(pairs[1:]),
        "0033 " + digits[1:],
        "0033" + digits[1:],
        digits[1:],
        f"{digits[1]} " + " ".join(pairs[1:]),
    ]


def _both_ways(values: list[str], regions: list[str]) -> tuple[dict, int]:
    """The vectorised outcomes, and how many of them differ from the one-by-one cleaner's."""
    from phonenumbers import PhoneNumberFormat

    from grc_toolkit.cleaners.phones import _CellCleaner, _french_at_once

    fast = _french_at_once(pd.Series(values, dtype=object), pd.Series(regions, dtype=object), default="FR")
    cleaner = _CellCleaner("FR", PhoneNumberFormat.E164)
    differ = 0
    for key, found in fast.items():
        value, _, region = key.rpartition("\x1f")
        slow = cleaner(value, region)
        differ += (slow[0], slow[1], slow[2], dict(slow[3])) != (found[0], found[1], found[2], dict(found[3]))
    return fast, differ


def test_plain_french_numbers_read_at_once_give_what_the_cleaner_gives() -> None:
    """Every three-digit prefix of the French plan (mobiles, landlines, VoIP, overseas, premium, free, fake
    runs), typed six ways, on rows of no country, France, Belgium and Martinique."""
    rng = random.Random(7)
    values, regions = [], []
    for prefix in range(100, 1000):
        for _ in range(2):
            digits = f"0{prefix}" + "".join(rng.choice("0123456789") for _ in range(6))
            for typed in _typed_forms(digits):
                values.append(typed)
                regions.append(rng.choice(["", "FR", "BE", "MQ"]))
    for digits in ("0612345678", "0600000000", "0123456789", "0102030405", "0698765432", "0596123456"):
        values += _typed_forms(digits)
        regions += [""] * len(_typed_forms(digits))
    fast, differ = _both_ways(values, regions)
    assert differ == 0
    assert len(fast) > len(values) / 4  # the common forms are read at once
    kinds = {found[3]["line_type"] for found in fast.values()}
    assert {"mobile", "fixe", "voip"} <= kinds
    assert not any(key.startswith(("0612345678", "06 00 00")) for key in fast)  # fakes: the cleaner's to say
    assert not any(key.startswith(("0596", "0696")) for key in fast)  # overseas: the cleaner routes them


@given(st.lists(st.text(alphabet="0123456789 .-+", min_size=6, max_size=18), min_size=1, max_size=30))
@settings(max_examples=60, deadline=None, derandomize=True)
def test_any_typed_digits_read_at_once_agree_with_the_cleaner(values: list[str]) -> None:
    assert _both_ways(values, ["" for _ in values])[1] == 0


def test_clean_phones_is_the_same_with_or_without_the_vectorised_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from grc_toolkit.testing import generate_export

    column = generate_export(1500, seed=11).messy["Téléphone"]
    fast = phones.clean_phones(column)
    monkeypatch.setattr(phones, "_french_at_once", lambda values, regions, default: {})
    slow = phones.clean_phones(column)
    for name in ("values", "status", "reason"):
        pd.testing.assert_series_equal(getattr(fast, name), getattr(slow, name))
    for name in fast.extra:
        pd.testing.assert_series_equal(fast.extra[name], slow.extra[name])
