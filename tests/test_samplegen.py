"""The sample generator: deterministic, aligned, truthful, and as messy as promised."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from grc_toolkit.testing import HEADER_SETS, TRUTH_COLUMNS, GeneratedExport, generate_export, sample_export
from grc_toolkit.testing.samplegen import BIRTH_DATE_HEADERS

ROOT = Path(__file__).resolve().parent.parent
FRENCH = {"France", "Martinique", "Guadeloupe", "La Réunion"}
REGION_OF_COUNTRY = {
    "France": "FR", "Allemagne": "DE", "Royaume-Uni": "GB", "Belgique": "BE", "Pays-Bas": "NL", "Suisse": "CH",
    "Espagne": "ES", "Italie": "IT", "États-Unis": "US", "Martinique": "MQ", "Guadeloupe": "GP",
    "La Réunion": "RE",
}  # fmt: skip
POSTCODE_OF_COUNTRY = {
    "Allemagne": r"\d{5}", "Royaume-Uni": r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}", "Belgique": r"\d{4}",
    "Pays-Bas": r"\d{4} [A-Z]{2}", "Suisse": r"\d{4}", "Espagne": r"\d{5}", "Italie": r"\d{5}",
    "États-Unis": r"\d{5}", "France": r"(?!97)\d{5}", "Martinique": r"972\d\d", "Guadeloupe": r"971\d\d",
    "La Réunion": r"974\d\d",
}  # fmt: skip


@pytest.fixture(scope="module")
def big() -> GeneratedExport:
    return generate_export(3000, seed=7)


@pytest.fixture(scope="module")
def clean() -> GeneratedExport:
    return generate_export(3000, seed=7, noise=0)


def _messy_field(export: GeneratedExport, name: str) -> pd.Series:
    header = next(header for header, field in export.header_fields.items() if field == name)
    return export.messy[header]


# --- determinism and shape -------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["fr", "en", "crm"])
def test_same_seed_gives_identical_frames(columns: str) -> None:
    first = generate_export(150, seed=3, columns=columns)  # type: ignore[arg-type]
    second = generate_export(150, seed=3, columns=columns)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(first.messy, second.messy)
    pd.testing.assert_frame_equal(first.truth, second.truth)
    pd.testing.assert_series_equal(first.person_id, second.person_id)


def test_another_seed_gives_other_people() -> None:
    assert not generate_export(50, seed=1).truth.equals(generate_export(50, seed=2).truth)


def test_noise_changes_spelling_only() -> None:
    quiet, loud = generate_export(300, seed=5, noise=0), generate_export(300, seed=5, noise=2)
    pd.testing.assert_frame_equal(quiet.truth, loud.truth)
    pd.testing.assert_series_equal(quiet.person_id, loud.person_id)
    assert not quiet.messy.equals(loud.messy)


def test_header_sets_only_rename_columns() -> None:
    fr, en, crm = (generate_export(80, seed=4, columns=c) for c in ("fr", "en", "crm"))  # type: ignore[arg-type]
    assert fr.messy.to_numpy().tolist() == en.messy.to_numpy().tolist()
    assert fr.messy.to_numpy().tolist() == crm.messy.iloc[:, 1:].to_numpy().tolist()


@pytest.mark.parametrize("columns", ["fr", "en", "crm"])
def test_frames_are_aligned_and_all_text(columns: str) -> None:
    export = generate_export(120, seed=9, columns=columns)  # type: ignore[arg-type]
    assert export.messy.columns.tolist() == list(HEADER_SETS[columns].values())
    assert export.truth.columns.tolist() == list(TRUTH_COLUMNS)
    assert export.messy.index.equals(pd.RangeIndex(len(export.messy)))
    assert export.truth.index.equals(export.messy.index)
    assert export.person_id.index.equals(export.messy.index)
    assert len(export.messy) >= 120
    assert export.messy.map(type).eq(str).all().all()
    assert export.truth.map(type).eq(str).all().all()
    assert set(export.header_fields.values()) - {"address", "record_id"} == set(TRUTH_COLUMNS)


def test_crm_export_has_unique_record_ids() -> None:
    ids = generate_export(200, seed=1, columns="crm").messy["N° contact"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"\d{6}").all()


def test_no_people_gives_empty_frames() -> None:
    export = generate_export(0)
    assert export.messy.shape == (0, 12)
    assert export.truth.columns.tolist() == list(TRUTH_COLUMNS)


@pytest.mark.parametrize("kwargs", [{"n_people": -1}, {"duplicate_rate": 1.5}, {"noise": -0.1}, {"columns": "de"}])
def test_bad_arguments_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        generate_export(**kwargs)  # type: ignore[arg-type]


# --- truth is in grc's canonical format ------------------------------------------------------------------


def _all_match(series: pd.Series, pattern: str) -> bool:
    return bool(series.str.fullmatch(pattern).all())


def test_truth_formats(big: GeneratedExport) -> None:
    truth = big.truth
    assert _all_match(truth["email"], r"|[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}")
    assert _all_match(truth["phone"], r"|\+[1-9]\d{7,14}")
    assert _all_match(truth.loc[truth["country"] == "France", "phone"], r"|\+33[1-79]\d{8}")
    assert set(truth["consent"]) == {"oui", "non", ""}
    assert set(truth["civility"]) == {"M.", "Mme", ""}
    assert set(truth["country"]) == set(REGION_OF_COUNTRY)
    assert (truth["last_name"] == truth["last_name"].str.upper()).all()
    assert _all_match(truth["first_name"], r"[^\W\d_][^\W\d_A-Z]*([- ][^\W\d_][^\W\d_A-Z]*)*")
    assert (truth["first_name"].str[0] == truth["first_name"].str[0].str.upper()).all()
    dates = truth["contact_date"].map(date.fromisoformat)
    assert dates.between(date(2019, 1, 1), date(2025, 6, 30)).all()
    assert (truth["city"] != "").all()


def test_truth_postcodes_match_the_country(big: GeneratedExport) -> None:
    for country, pattern in POSTCODE_OF_COUNTRY.items():
        codes = big.truth.loc[big.truth["country"] == country, "postal_code"]
        assert len(codes) > 0, country
        assert _all_match(codes, pattern), country
    french = big.truth["country"] == "France"
    assert big.truth.loc[french, "postal_code"].str.startswith("0").any()  # leading zeros kept


def test_truth_phones_are_valid_numbers_of_the_country(big: GeneratedExport) -> None:
    phonenumbers = pytest.importorskip("phonenumbers")
    truth = big.truth[big.truth["phone"] != ""]
    for phone, country in zip(truth["phone"], truth["country"], strict=True):
        number = phonenumbers.parse(phone)
        assert phonenumbers.is_valid_number(number), phone
        assert phonenumbers.region_code_for_number(number) == REGION_OF_COUNTRY[country], phone


def test_french_places_are_official_pairs() -> None:
    communes = ROOT / "grc_toolkit" / "data" / "communes.csv.gz"
    if not communes.exists():
        pytest.skip("grc_toolkit/data/communes.csv.gz not built")
    with gzip.open(communes, "rt", encoding="utf-8") as handle:
        table = pd.read_csv(handle, dtype=str, keep_default_na=False)
    official = set(zip(table["postal_code"], table["name"], strict=True))
    truth = generate_export(5000, seed=11, duplicate_rate=0).truth
    truth = truth[truth["country"].isin(FRENCH)]
    assert set(zip(truth["postal_code"], truth["city"], strict=True)) <= official


# --- the messy side --------------------------------------------------------------------------------------


def test_noise_zero_gives_the_truth(clean: GeneratedExport) -> None:
    for name in TRUTH_COLUMNS:
        pd.testing.assert_series_equal(_messy_field(clean, name), clean.truth[name], check_names=False)


def test_more_noise_dirtier_cells() -> None:
    def dirty_share(noise: float) -> float:
        export = generate_export(400, seed=2, noise=noise)
        messy = pd.DataFrame({name: _messy_field(export, name) for name in TRUTH_COLUMNS})
        return float((messy != export.truth).to_numpy().mean())

    shares = [dirty_share(level) for level in (0, 0.3, 1, 2)]
    assert shares[0] == 0
    assert shares == sorted(shares)
    assert shares[2] > 0.2


def test_messy_text_fits_cp1252() -> None:
    export = generate_export(2000, seed=13, noise=2)
    for column in export.messy:
        for value in export.messy[column]:
            value.encode("cp1252")


def _share(mask: pd.Series) -> float:
    return float(mask.mean())


def test_names_cities_and_addresses_are_messy(big: GeneratedExport) -> None:
    last, first, city = (_messy_field(big, name) for name in ("last_name", "first_name", "city"))
    assert 0.25 < _share(last != big.truth["last_name"]) < 0.7
    assert (last == last.str.lower()).any() and (first == first.str.upper()).any()
    assert last.str.contains("Ã").any() and first.str.contains("Ã").any()
    assert (last != last.str.strip()).any() or (first != first.str.strip()).any()
    assert city.str.fullmatch(r"ST [A-Z ]+").any()
    assert city.str.contains(r"^[a-z' ]+$").any()


def test_email_noise(big: GeneratedExport) -> None:
    email, truth = _messy_field(big, "email"), big.truth["email"]
    for marker in ("mailto:", "<", "gmial.com", ".con", "; "):
        assert email.str.contains(marker, regex=False).any(), marker
    assert (email != email.str.strip()).any()
    assert (email.str.lower() != email).any()
    assert email.str.endswith(".").any()
    assert ((email == "") == (truth == "")).all()


def test_phone_noise(big: GeneratedExport) -> None:
    phone, truth = _messy_field(big, "phone"), big.truth["phone"]
    for pattern in (r"0\d( \d\d){4}", r"0\d(\.\d\d){4}", r"0\d{9}", r"[67]\d{8}", r"\+33 \d( \d\d){4}",
                    r"\+33 \(0\)\d( \d\d){4}", r"0033 \d( \d\d){4}", r"33\d{9}", r"\d\.\d+E8", r"\d{9}\.0",
                    r"\+596 696 \d\d \d\d \d\d", r"\+49 1\d\d \d{7,8}", r"\+44 7\d{3} \d{6}"):  # fmt: skip
        assert phone.str.fullmatch(pattern).any(), pattern
    assert phone.str.contains(r"\d (?:/|ou|;) [+0]").any()  # two phones in one cell
    placeholder = phone.str.fullmatch(r"0[60]( ?00){4}")
    assert placeholder.any() and (truth[placeholder] == "").all()
    excel = phone.str.fullmatch(r"\d\.\d+E8|\d{9}(\.0)?")
    as_e164 = "+33" + phone[excel].astype(float).astype("int64").astype(str)
    assert (as_e164 == truth[excel]).all()


def test_postcode_noise(big: GeneratedExport) -> None:
    code, truth = _messy_field(big, "postal_code"), big.truth["postal_code"]
    lost_zero = code.str.fullmatch(r"[1-9]\d{3}") & truth.str.fullmatch(r"0\d{4}")
    assert lost_zero.any() and (code[lost_zero].str.zfill(5) == truth[lost_zero]).all()
    as_float = code.str.fullmatch(r"\d+\.0")
    width = truth.str.len()
    restored = pd.Series([c[:-2].zfill(w) for c, w in zip(code[as_float], width[as_float], strict=True)])
    assert as_float.any() and restored.tolist() == truth[as_float].tolist()
    assert ((code == "sw1a1aa") | (code.str.fullmatch(r"\d{4}[A-Z]{2}"))).any() or code.str.islower().any()


def test_country_noise(big: GeneratedExport) -> None:
    country, truth = _messy_field(big, "country"), big.truth["country"]
    for spelling in ("FRANCE", "france", "FR", "Fr", "Deutschland", "UK", "Angleterre", "Hollande", "Belgique"):
        assert (country == spelling).any(), spelling
    blank = country == ""
    assert blank.any() and (truth[blank] != "").all()
    assert (truth[blank] != "France").any()


def test_consent_and_civility_spellings(big: GeneratedExport) -> None:
    consent, truth = _messy_field(big, "consent"), big.truth["consent"]
    yes = {"oui", "OUI", "Oui", "x", "X", "1", "true", "Y", "yes", "VRAI"}
    no = {"non", "Non", "NON", "0", "false", "N", "no", "FAUX"}
    assert set(consent[truth == "oui"]) == yes
    assert set(consent[truth == "non"]) == no
    assert set(consent[truth == ""]) == {""}
    civility, truth = _messy_field(big, "civility"), big.truth["civility"]
    assert set(civility[truth == "M."]) == {"M", "Mr", "MR", "Monsieur", "M."}
    assert set(civility[truth == "Mme"]) == {"MME", "Madame", "Mlle", "Mme.", "Mme"}
    assert set(civility[truth == ""]) == {""}


def test_dates_are_day_first_or_excel(big: GeneratedExport) -> None:
    text, truth = _messy_field(big, "contact_date"), big.truth["contact_date"]
    serial = text.str.fullmatch(r"\d{5}")
    as_dates = text[serial].astype(int).map(lambda days: (date(1899, 12, 30) + timedelta(days=days)).isoformat())
    assert serial.any() and (as_dates == truth[serial]).all()
    slashed = text.str.fullmatch(r"\d\d/\d\d/\d{4}")
    day_first = pd.to_datetime(text[slashed], format="%d/%m/%Y").dt.strftime("%Y-%m-%d")
    assert slashed.any() and (day_first == truth[slashed]).all()
    assert text.str.fullmatch(r"\d\d/\d\d/\d\d").any()
    assert text.str.contains(r"^(?:1er|\d{1,2}) (?:janvier|février|mars|avril|mai|juin|juillet|août)").any()


# --- who is who: duplicates, households, namesakes -------------------------------------------------------


def test_duplicates_appear_two_to_four_times() -> None:
    export = generate_export(2000, seed=21, duplicate_rate=0.25)
    counts = export.person_id.value_counts()
    assert counts.max() == 4 and counts.min() == 1
    assert abs(_share(counts > 1) - 0.25) < 0.04
    assert set(export.person_id) == set(range(2000))
    assert generate_export(300, seed=21, duplicate_rate=0).person_id.is_unique


def test_duplicates_share_identity_but_not_everything(big: GeneratedExport) -> None:
    truth = big.truth.assign(person=big.person_id)
    per_person = truth.groupby("person").agg(
        rows=("last_name", "size"),
        names=("last_name", "nunique"),
        first_names=("first_name", "nunique"),
        emails=("email", "nunique"),
        phones=("phone", "nunique"),
        dates=("contact_date", "nunique"),
    )
    duplicated = per_person[per_person["rows"] > 1]
    assert (duplicated[["names", "first_names"]] == 1).all().all()
    assert (duplicated["emails"] > 1).any()  # one copy lost the email
    assert (duplicated["phones"] > 1).any()
    assert (duplicated["dates"] > 1).any()


def test_households_share_address_phone_and_surname(clean: GeneratedExport) -> None:
    frame = clean.truth.assign(person=clean.person_id, address=_messy_field(clean, "address"))
    frame = frame[frame["phone"] != ""]
    households = frame.groupby(["last_name", "phone", "address", "postal_code"]).agg(
        people=("person", "nunique"), first_names=("first_name", "nunique")
    )
    shared = households[households["people"] > 1]
    assert len(shared) >= 10
    assert (shared["first_names"] == shared["people"]).all()


def test_namesakes_live_elsewhere(big: GeneratedExport) -> None:
    frame = big.truth.assign(person=big.person_id)
    names = frame.groupby(["last_name", "first_name"]).agg(people=("person", "nunique"), cities=("city", "nunique"))
    assert ((names["people"] > 1) & (names["cities"] > 1)).sum() >= 10


# --- the committed samples -------------------------------------------------------------------------------


def _make_samples() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_samples_are_up_to_date(tmp_path: Path) -> None:
    assert _make_samples().main([str(tmp_path)]) == 0
    for name in ("visitors-sample.csv", "visitors-sample.xlsx"):
        assert (tmp_path / name).read_bytes() == (ROOT / "samples" / name).read_bytes(), (
            f"samples/{name} is stale: run python scripts/make_samples.py"
        )


def test_sample_csv_is_a_windows_crm_export() -> None:
    raw = (ROOT / "samples" / "visitors-sample.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\r\n" in raw
    frame = pd.read_csv(
        ROOT / "samples" / "visitors-sample.csv", sep=";", encoding="cp1252", dtype=str, keep_default_na=False
    )
    expected = sample_export().messy
    assert 280 <= len(frame) <= 340
    assert frame.to_numpy().tolist() == expected.to_numpy().tolist()
    assert frame.columns.tolist() == expected.columns.tolist()


def test_sample_workbook_has_a_title_and_excel_numbers() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(ROOT / "samples" / "visitors-sample.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Export contacts – Office de tourisme"
    assert all(value is None for value in rows[1])
    assert list(rows[2]) == list(HEADER_SETS["fr"].values())
    assert len(rows) - 3 == len(sample_export().messy)
    postcodes = [row[6] for row in rows[3:]]
    phones = [row[4] for row in rows[3:]]
    assert any(isinstance(code, int) and code < 10000 for code in postcodes)  # 01000 stored as 1000
    assert any(isinstance(phone, int) and 600_000_000 <= phone < 800_000_000 for phone in phones)
    assert any(isinstance(phone, str) for phone in phones)


# --- life events and hard negatives (opt-in) -------------------------------------------------------------

# sha256 of generate_export(300, seed=5, columns=...).messy.to_csv(), computed before life_events existed.
DEFAULT_EXPORT_SHA256 = {
    "fr": "83be484a7d4f4b8870267fdafcade864c3a388cf832c2fef4eef210550741683",
    "en": "3604e8d7d6abe6a336a113d6a38e27a9950124fe57b4802b5a5d11b51a8bdd7a",
    "crm": "78029492bd5760183248784a55786ff58e615812dc5dadf75a165ec30789797f",
}
DEFAULT_TRUTH_SHA256 = "edae7ecea454a8e8c23a73376dade93bf6e0119c3de6224eaf2022a466fdc3a5"
DEFAULT_PERSON_ID_SHA256 = "592dbba80754eae4084b2b180008ad7fcfafc5fca653ebdbb22a850d6d2ce030"


def _sha256(frame: pd.DataFrame | pd.Series) -> str:
    return hashlib.sha256(frame.to_csv().encode()).hexdigest()


@pytest.mark.parametrize("columns", ["fr", "en", "crm"])
def test_without_life_events_the_export_is_unchanged(columns: str) -> None:
    export = generate_export(300, seed=5, columns=columns)  # type: ignore[arg-type]
    assert _sha256(export.messy) == DEFAULT_EXPORT_SHA256[columns]
    assert _sha256(export.truth) == DEFAULT_TRUTH_SHA256
    assert _sha256(export.person_id) == DEFAULT_PERSON_ID_SHA256
    assert export.hard_negatives.empty
    assert (export.events == "").all()
    pd.testing.assert_frame_equal(export.messy, generate_export(300, seed=5, columns=columns, life_events=False).messy)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def lives() -> GeneratedExport:
    return generate_export(3000, seed=7, life_events=True)


@pytest.mark.parametrize("columns", ["fr", "en", "crm"])
def test_life_events_add_a_birth_date_column_after_the_first_name(columns: str) -> None:
    export = generate_export(200, seed=2, columns=columns, life_events=True)  # type: ignore[arg-type]
    header = BIRTH_DATE_HEADERS[columns]
    headers = export.messy.columns.tolist()
    assert headers.index(header) == headers.index(HEADER_SETS[columns]["first_name"]) + 1
    assert export.header_fields[header] == "birth_date"
    assert export.truth.columns.tolist() == [*TRUTH_COLUMNS, "birth_date"]
    assert export.messy.map(type).eq(str).all().all()


def test_life_events_are_deterministic() -> None:
    first, second = (generate_export(400, seed=11, life_events=True) for _ in range(2))
    pd.testing.assert_frame_equal(first.messy, second.messy)
    pd.testing.assert_frame_equal(first.hard_negatives, second.hard_negatives)
    pd.testing.assert_series_equal(first.events, second.events)


def test_birth_dates_are_mostly_known_and_one_per_person(lives: GeneratedExport) -> None:
    births = lives.truth["birth_date"]
    assert 0.75 < (births != "").mean() < 0.95
    assert births.str.fullmatch(r"|(19[4-9]\d|200[0-6])-\d\d-\d\d").all()
    known = births[births != ""]
    assert known.groupby(lives.person_id[known.index]).nunique().max() == 1
    assert (lives.messy.loc[lives.events == "", "Date de naissance"] == "").eq(births[lives.events == ""] == "").all()


def test_duplicates_carry_birth_date_slips(lives: GeneratedExport) -> None:
    typed, truth, events = lives.messy["Date de naissance"], lives.truth["birth_date"], lives.events
    iso_as_french = pd.to_datetime(truth, format="%Y-%m-%d", errors="coerce").dt.strftime("%d/%m")
    swapped = events == "birth_date_day_month"
    assert swapped.sum() > 10
    assert (typed[swapped].str[:5] == iso_as_french[swapped].str[3:5] + "/" + iso_as_french[swapped].str[:2]).all()
    short = events == "birth_date_short_year"
    assert short.sum() > 10 and typed[short].str.fullmatch(r"\d\d/\d\d/\d\d").all()
    slips = events.str.contains("birth_date_typo")
    assert slips.sum() > 10
    first_rows = ~lives.person_id.duplicated()
    assert (events[first_rows] == "").all()  # the first copy of a person is typed cleanly


def _people_by_id(export: GeneratedExport) -> pd.DataFrame:
    return (
        export.truth.assign(person_id=export.person_id, address=export.messy["Adresse"].str.strip())
        .drop_duplicates("person_id")
        .set_index("person_id")
    )


@pytest.mark.parametrize("kind", ["twins", "parent_child", "neighbours", "namesakes"])
def test_hard_negatives_are_distinct_look_alikes(lives: GeneratedExport, kind: str) -> None:
    pairs = lives.hard_negatives[lives.hard_negatives["kind"] == kind]
    assert len(pairs) >= 10
    assert (pairs["person_a"] != pairs["person_b"]).all()
    quiet = generate_export(3000, seed=7, life_events=True, noise=0)  # same people, cells spelled as truth
    pd.testing.assert_frame_equal(quiet.hard_negatives, lives.hard_negatives)
    people = _people_by_id(quiet)
    assert set(pairs["person_a"]) | set(pairs["person_b"]) <= set(people.index)
    a, b = people.loc[pairs["person_a"]].reset_index(), people.loc[pairs["person_b"]].reset_index()
    assert (a["last_name"] == b["last_name"]).all()
    if kind == "twins":
        assert (a["first_name"] != b["first_name"]).all()
        assert (a["birth_date"] == b["birth_date"]).all() and (a["birth_date"] != "").all()
    else:
        assert (a["first_name"] == b["first_name"]).all()
    if kind == "parent_child":
        years = (pd.to_datetime(a["birth_date"]) - pd.to_datetime(b["birth_date"])).dt.days.abs() / 365.25
        assert years.between(19.9, 35.1).all()
    if kind in ("twins", "parent_child"):
        assert (a["postal_code"] == b["postal_code"]).all()
    if kind == "neighbours":
        street_a, street_b = (
            a["address"].str.replace(r"^\d+( bis| ter)? ", "", regex=True),
            b["address"].str.replace(r"^\d+ ", "", regex=True),
        )
        assert (street_a == street_b).all() and (a["postal_code"] == b["postal_code"]).all()
        assert (a["address"].str.extract(r"^(\d+)")[0] != b["address"].str.extract(r"^(\d+)")[0]).all()
    if kind == "namesakes":
        assert (a["city"] != b["city"]).all()


def test_name_events_happen_on_a_later_copy_of_a_true_duplicate(lives: GeneratedExport) -> None:
    messy, truth, events = lives.messy, lives.truth, lives.events
    for event in ("married_name", "maiden_name_note", "short_first_name", "swapped_names"):
        rows = events.str.contains(event)
        assert rows.sum() >= 5, event
        assert lives.person_id[rows].isin(lives.person_id[~rows]).all()  # the person also has a usual copy
    note = events.str.contains("maiden_name_note")
    assert messy.loc[note, "Nom"].str.fullmatch(r"[^a-z]+ née [^a-z]+").all()
    short = events.str.contains("short_first_name")
    assert set(messy.loc[short, "Prénom"]) <= {"Cathy", "Manu", "Fred", "Nico", "Chris", "Seb", "Steph", "Isa", "Véro"}
    swapped = events.str.contains("swapped_names")
    assert (messy.loc[swapped, "Prénom"].str.strip().str.upper() == truth.loc[swapped, "last_name"]).mean() > 0.7
