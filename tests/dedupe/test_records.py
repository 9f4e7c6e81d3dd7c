"""Features: the comparison view of cleaned records, one normalised text column per thing compared."""

from __future__ import annotations

import pandas as pd
import pytest

from grc_toolkit.dedupe.records import address_key, mailbox, prepare_records, surname_core
from grc_toolkit.mapping import map_columns

CLEANED = pd.DataFrame(
    {
        "Civilité": ["Mme", "M.", "Mlle", "M. et Mme"],
        "Nom": ["LE GALL", "de la Fontaine", "Lefèvre", "N'DIAYE"],
        "Prénom": ["Anne-Sophie", "Jean", "Hélène", ""],
        "Email": ["Anne.LeGall@Orange.fr", "", "helene.lefevre@free.fr", "pas une adresse"],
        "Téléphone": ["+33 6 12 44 56 78", "", "", "06"],
        "Portable": ["", "", "+33 6 12 34 56 78", ""],
        "Code postal": ["29 200", "75001", "", "2A004"],
        "Ville": ["Brest", "Paris", "", "Ajaccio"],
        "Date de naissance": ["1980-03-12", "", "", ""],
    },
    index=[10, 11, 12, 13],  # not positional: the view is
)


def _records() -> pd.DataFrame:
    return prepare_records(CLEANED, map_columns(CLEANED))


def test_names_become_keys_without_case_accents_or_hyphens() -> None:
    records = _records()
    assert records["last"].tolist() == ["le gall", "de la fontaine", "lefevre", "n diaye"]
    assert records["first"].tolist() == ["anne sophie", "jean", "helene", ""]
    assert records["last_core"].tolist() == ["gall", "fontaine", "lefevre", "n diaye"]
    assert records.index.tolist() == [0, 1, 2, 3]


def test_surname_particles_are_left_out_of_the_core() -> None:
    assert surname_core("van de weterink") == "weterink"
    assert surname_core("le gall") == "gall"
    assert surname_core("de la") == "de la"  # nothing but particles: kept whole


def test_contacts_are_compared_as_digits_and_lowercase() -> None:
    records = _records()
    assert records["email"].tolist() == ["anne.legall@orange.fr", "", "helene.lefevre@free.fr", ""]
    assert records["email_local"].tolist() == ["annelegall", "", "helenelefevre", ""]  # separators dropped
    # the first phone column that has a number; one too short to be a phone counts as none
    assert records["phone"].tolist() == ["33612445678", "", "33612345678", ""]
    assert records["postal_code"].tolist() == ["29200", "75001", "", "2A004"]
    assert records["birth_date"].tolist() == ["19800312", "", "", ""]


def test_civility_says_only_man_or_woman() -> None:
    assert _records()["civility"].tolist() == ["f", "m", "f", ""]


def test_a_lone_full_name_column_is_split_first_word_as_surname() -> None:
    frame = pd.DataFrame({"Nom et prénom": ["DUPONT Jean", "Martin Marie-Claire", ""]})
    records = prepare_records(frame, map_columns(frame))
    assert records[["last", "first"]].to_numpy().tolist() == [["dupont", "jean"], ["martin", "marie claire"], ["", ""]]


def test_names_are_counted_once_per_file() -> None:
    frame = pd.DataFrame({"Nom": ["Martin", "MARTIN", "Petit"], "Prénom": ["Paul", "Léa", "Paul"]})
    records = prepare_records(frame, map_columns(frame))
    assert records["last_count"].tolist() == [2, 2, 1]
    assert records["first_count"].tolist() == [2, 1, 2]


@pytest.mark.parametrize(
    ("address", "box"),
    [
        ("jp.dupont@gmail.com", "jpdupont@gmail.com"),  # Gmail ignores dots
        ("JP.Dupont+resa@GoogleMail.com", "jpdupont@gmail.com"),
        ("anne+ot@outlook.fr", "anne@outlook.fr"),  # sub-addressing documented by the provider
        ("anne+ot@icloud.com", "anne@icloud.com"),
        ("jp.dupont+ot@orange.fr", "jp.dupont+ot@orange.fr"),  # not documented: the address as given
        ("pas une adresse", ""),
    ],
)
def test_an_email_is_compared_as_the_mailbox_it_delivers_to(address: str, box: str) -> None:
    assert mailbox(address) == box


def test_titles_and_ranks_are_left_out_of_the_name_keys() -> None:
    frame = pd.DataFrame({"Nom": ["Dr MARTIN", "Smith Jr."], "Prénom": ["Sir John", "Paul"]})
    records = prepare_records(frame, map_columns(frame))
    assert records["last"].tolist() == ["martin", "smith"]
    assert records["first"].tolist() == ["john", "paul"]


def test_an_organisation_is_compared_on_its_key_and_counted() -> None:
    frame = pd.DataFrame({"Raison sociale": ["SARL Hôtel de la Plage", "HOTEL LA PLAGE", "Particulier", ""]})
    records = prepare_records(frame, map_columns(frame))
    assert records["organisation"].tolist() == ["hotel plage", "hotel plage", "", ""]
    assert records["organisation_count"].tolist()[:2] == [2, 2]


def test_a_file_without_organisations_has_a_blank_organisation_column() -> None:
    records = _records()
    assert (records["organisation"] == "").all() and (records["organisation_rare"] == "").all()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("12 av. Foch", "12 avenue Foch"),
        ("3 bd de la Liberté", "3 boulevard de la Liberté"),
        ("5 r. Nationale", "5 rue Nationale"),
        ("7 imp. des Lilas", "7 impasse des Lilas"),
        ("1400 W Augusta Blvd", "1400 West Augusta Boulevard"),
        ("8601 S State St", "8601 South State Street"),
    ],
)
def test_abbreviated_street_types_are_written_out_for_comparison(a: str, b: str) -> None:
    assert address_key(a) == address_key(b)


def test_a_saint_or_a_letter_is_not_taken_for_a_street_type() -> None:
    assert address_key("5 rue St-Michel") == "5 rue st michel"  # St: a saint, not last
    assert address_key("12 rue de la Paix") == "12 rue de la paix"
    assert address_key("Résidence E, 4 allée des Pins") == "residence e 4 allee des pins"


def test_records_keyed_in_processes_are_the_one_process_records() -> None:
    from grc_toolkit.config import Config
    from grc_toolkit.mapping import map_columns
    from grc_toolkit.stages.clean import clean_columns
    from grc_toolkit.testing import generate_export

    frame = generate_export(300, seed=4, life_events=True).messy
    mapping = map_columns(frame, Config().columns)
    cleaned = clean_columns(frame, mapping, Config().clean).data
    one = prepare_records(cleaned, mapping)
    three = prepare_records(cleaned, mapping, jobs=3, min_rows=0)
    pd.testing.assert_frame_equal(three, one)
    assert three.index.tolist() == list(range(len(frame)))
