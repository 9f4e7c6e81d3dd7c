"""The whole road on generated exports: accuracy against the truth, no lost row, safe merges."""

from __future__ import annotations

import pandas as pd
import pytest

from grc_toolkit.config import Config, DedupeOptions
from grc_toolkit.pipeline import run
from grc_toolkit.present import contacts
from grc_toolkit.schema import CONTACT_COUNT, FIRST_CONTACT, HOUSEHOLD, ISSUES, OTHER_EMAILS, QUALITY, SOURCE_ROWS
from grc_toolkit.testing import generate_export

NO_DEDUPE = Config(dedupe=DedupeOptions(enabled=False))


@pytest.fixture(scope="module")
def export() -> object:
    return generate_export(800, seed=3)


@pytest.fixture(scope="module")
def cleaned(export: object) -> object:
    return run(export.messy, NO_DEDUPE)


@pytest.mark.parametrize("field", ["email", "phone", "postal_code", "country", "consent"])
def test_fields_reach_their_true_value(export: object, cleaned: object, field: str) -> None:
    column = {v: k for k, v in export.header_fields.items()}[field]
    accuracy = (cleaned.data[column] == export.truth[field]).mean()
    assert accuracy >= 0.99, f"{field}: {accuracy:.4f}"


@pytest.mark.parametrize("columns", ["en", "crm"])
def test_other_header_sets_are_mapped_and_cleaned(columns: str) -> None:
    export = generate_export(150, seed=5, columns=columns)
    result = run(export.messy, NO_DEDUPE)
    mapped = set(result.mapping.as_dict().values())
    assert {"email", "postal_code", "city", "country", "consent", "last_name", "first_name"} <= mapped
    email_column = {v: k for k, v in export.header_fields.items()}["email"]
    assert (result.data[email_column] == export.truth["email"]).mean() >= 0.99


def test_no_dedupe_keeps_one_row_per_input_row_in_order(export: object, cleaned: object) -> None:
    assert len(cleaned.data) == len(export.messy)
    assert cleaned.data[SOURCE_ROWS].tolist() == [str(n) for n in range(2, len(export.messy) + 2)]
    assert list(cleaned.data.columns[: len(export.messy.columns)]) == list(export.messy.columns)
    assert cleaned.data[QUALITY].between(0, 100).all()


def test_input_frame_is_not_modified(export: object) -> None:
    before = export.messy.copy()
    run(export.messy)
    pd.testing.assert_frame_equal(export.messy, before)


def test_every_change_is_recorded(export: object, cleaned: object) -> None:
    changes = cleaned.changes
    for column in cleaned.mapping.as_dict():
        differs = export.messy[column].astype(str) != cleaned.data[column]
        assert differs.sum() == (changes["column"] == column).sum(), column
    assert (changes["code"] != "").all()


def test_dedupe_keeps_every_input_row_exactly_once(export: object) -> None:
    result = run(export.messy)
    rows = [int(row) for cell in result.data[SOURCE_ROWS] for row in cell.split(" ; ")]
    assert sorted(rows) == list(range(2, len(export.messy) + 2))
    assert len(result.data) < len(export.messy)


def test_exact_duplicates_merge_only_the_same_person(export: object) -> None:
    result = run(export.messy)
    person = export.person_id.to_numpy()
    for cell in result.data[SOURCE_ROWS]:
        members = [int(row) - 2 for row in cell.split(" ; ")]
        assert len({person[m] for m in members}) == 1, cell


def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows).fillna("")


def test_consent_never_goes_up_in_a_merge() -> None:
    frame = _frame(
        [
            {
                "Nom": "Dupont",
                "Prénom": "Jean",
                "Email": "jean@free.fr",
                "Optin": "oui",
                "Date de contact": "01/01/2021",
            },
            {
                "Nom": "DUPONT",
                "Prénom": "jean",
                "Email": "JEAN@free.fr",
                "Optin": "non",
                "Date de contact": "01/01/2023",
            },
            {
                "Nom": "Martin",
                "Prénom": "Paul",
                "Email": "paul@free.fr",
                "Optin": "oui",
                "Date de contact": "01/01/2020",
            },
            {"Nom": "Martin", "Prénom": "Paul", "Email": "paul@free.fr", "Optin": "non", "Date de contact": ""},
            {"Nom": "Durand", "Prénom": "Léa", "Email": "lea@free.fr", "Optin": "", "Date de contact": "01/01/2024"},
            {"Nom": "Durand", "Prénom": "Léa", "Email": "lea@free.fr", "Optin": "", "Date de contact": "01/01/2020"},
        ]
    )
    result = run(frame).data.set_index("Nom")
    assert result.loc["DUPONT", "Optin"] == "non"  # the latest explicit decision
    assert result.loc["MARTIN", "Optin"] == "non"  # an undated "non" always wins
    assert result.loc["DURAND", "Optin"] == ""  # unknown stays unknown
    assert result.loc["DUPONT", "Date de contact"] == "2023-01-01"
    assert result.loc["DUPONT", FIRST_CONTACT] == "2021-01-01"
    assert result.loc["DUPONT", CONTACT_COUNT] == 2


def test_a_later_explicit_yes_is_kept() -> None:
    frame = _frame(
        [
            {
                "Nom": "Dupont",
                "Prénom": "Jean",
                "Email": "jean@free.fr",
                "Optin": "non",
                "Date de contact": "01/01/2021",
            },
            {
                "Nom": "Dupont",
                "Prénom": "Jean",
                "Email": "jean@free.fr",
                "Optin": "oui",
                "Date de contact": "01/01/2023",
            },
        ]
    )
    assert run(frame).data["Optin"].tolist() == ["oui"]


def test_household_sharing_a_phone_is_linked_not_merged() -> None:
    frame = _frame(
        [
            {"Nom": "Dupont", "Prénom": "Jean", "Téléphone": "01 42 68 53 00"},
            {"Nom": "Dupont", "Prénom": "Marie", "Téléphone": "0142685300"},
            {"Nom": "Martin", "Prénom": "Paul", "Téléphone": "0142685301"},
        ]
    )
    data = run(frame).data
    assert len(data) == 3
    assert data[HOUSEHOLD].tolist() == ["1", "1", ""]


def test_merge_keeps_other_emails_and_phones_and_one_whole_address() -> None:
    frame = _frame(
        [
            {
                "Nom": "Dupont",
                "Prénom": "Jean",
                "Email": "jean@free.fr",
                "Téléphone": "0612445678",
                "Adresse": "1 rue A",
                "Code postal": "75001",
                "Ville": "Paris",
                "Date de contact": "01/01/2020",
            },
            {
                "Nom": "Dupont",
                "Prénom": "Jean",
                "Email": "jd@orange.fr",
                "Téléphone": "06 12 44 56 78",
                "Adresse": "",
                "Code postal": "35400",
                "Ville": "Saint-Malo",
                "Date de contact": "01/01/2023",
            },
            {
                "Nom": "Dupont",
                "Prénom": "Jean",
                "Email": "jean@free.fr",
                "Téléphone": "",
                "Adresse": "",
                "Code postal": "",
                "Ville": "",
                "Date de contact": "01/01/2021",
            },
        ]
    )
    result = run(frame).data
    assert len(result) == 1
    row = result.iloc[0]
    assert row["Email"] == "jd@orange.fr"  # most recent
    assert row[OTHER_EMAILS] == "jean@free.fr"
    assert (row["Adresse"], row["Code postal"], row["Ville"]) == ("", "35400", "Saint-Malo")
    assert row[SOURCE_ROWS] == "2 ; 3 ; 4"


def test_issues_are_written_in_french_and_in_english() -> None:
    frame = _frame([{"Email": "jean@", "Nom": "Dupont"}])
    result = run(frame)
    assert [issue.to_dict() for issue in result.issues] == [{"code": "email.invalid", "row": 2, "column": "Email"}]
    assert contacts(result)[ISSUES][0] == "Email : adresse e-mail invalide"
    assert contacts(result, "en")[ISSUES][0] == "Email : invalid e-mail address"


def test_cleaning_a_cleaned_file_changes_nothing(export: object, cleaned: object) -> None:
    again = run(cleaned.data[export.messy.columns], NO_DEDUPE)
    assert again.changes.empty
    pd.testing.assert_frame_equal(again.data[export.messy.columns], cleaned.data[export.messy.columns])


def test_twins_are_two_people_and_a_typo_in_a_twin_first_name_is_not() -> None:
    """Same surname, birth date and home with clearly different first names: twins (issue 9, item 3)."""
    home = {"Nom": "Capel", "Adresse": "4 clive steele avenue", "Code postal": "42000"}
    frame = _frame(
        [
            {**home, "Prénom": "Benjamin", "Date de naissance": "22/05/1909"},
            {**home, "Prénom": "Joshua", "Date de naissance": "22/05/1909"},
            {**home, "Prénom": "Benjamni", "Date de naissance": "22/05/1909"},
            {**home, "Prénom": "Marie", "Date de naissance": "01/02/1950"},
        ]
    )
    data = run(frame).data
    assert len(data) == 3
    assert {"Joshua", "Marie"} <= set(data["Prénom"])
    assert len(set(data["grc_household"])) == 1 and data["grc_household"].iloc[0] != ""


def test_lang_changes_messages_never_data() -> None:
    """--lang en translates what a person reads; every cell of the data stays as in French (issue 7)."""
    export = generate_export(300, seed=11)
    french_run, english_run = run(export.messy, Config()), run(export.messy, Config(lang="en"))
    pd.testing.assert_frame_equal(french_run.data, english_run.data)
    assert french_run.issues == english_run.issues
    french, english = contacts(french_run, "fr"), contacts(english_run, "en")
    pd.testing.assert_frame_equal(french.drop(columns=[ISSUES]), english.drop(columns=[ISSUES]))
    assert (french[ISSUES] != "").sum() == (english[ISSUES] != "").sum()
