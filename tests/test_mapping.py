"""Column mapping: headers of real CRMs and desk spreadsheets, French and English, and content sniffing."""

from __future__ import annotations

import pandas as pd
import pytest

from grc_toolkit.errors import MappingError
from grc_toolkit.mapping import map_columns, match_header, parse_overrides


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Civilité", "civility"),
        ("CIVILITE", "civility"),
        ("Title", "civility"),
        ("Nom", "last_name"),
        ("NOM", "last_name"),
        ("Last name", "last_name"),
        ("Surname", "last_name"),
        ("Nom de famille", "last_name"),
        ("Prénom", "first_name"),
        ("PRENOM", "first_name"),
        ("First Name", "first_name"),
        ("given_name", "first_name"),
        ("Email", "email"),
        ("E-mail", "email"),
        ("Courriel", "email"),
        ("Adresse e-mail", "email"),
        ("Mail", "email"),
        ("Adresse mail du contact", "email"),
        ("Téléphone", "phone"),
        ("Tél.", "phone"),
        ("Tel", "phone"),
        ("Phone number", "phone"),
        ("Portable", "mobile"),
        ("TEL PORTABLE", "mobile"),
        ("Tel. port.", "mobile"),
        ("Mobile", "mobile"),
        ("Téléphone fixe", "landline"),
        ("Fixe", "landline"),
        ("Adresse", "address"),
        ("Adresse 1", "address"),
        ("Address line 1", "address"),
        ("ADRESSE 2", "address_2"),
        ("Complément d'adresse", "address_2"),
        ("Code postal", "postal_code"),
        ("CP", "postal_code"),
        ("Zip", "postal_code"),
        ("Postcode", "postal_code"),
        ("Ville", "city"),
        ("Commune", "city"),
        ("City", "city"),
        ("Pays", "country"),
        ("Country", "country"),
        ("Date de contact", "contact_date"),
        ("Dernier contact", "contact_date"),
        ("Date de visite", "visit_date"),
        ("Date de création", "created_date"),
        # other CRMs' and mailing platforms' exports (HubSpot, Salesforce, Brevo)
        ("Country/Region", "country"),
        ("Mailing Country", "country"),
        ("Mailing City", "city"),
        ("Mailing Street", "address"),
        ("Mailing Zip/Postal Code", "postal_code"),
        ("Create Date", "created_date"),
        ("Birthdate", "birth_date"),
        ("SMS", "mobile"),
        ("DOUBLE_OPT-IN", "consent"),
        ("Mobile Phone Number", "mobile"),
        ("Date création fiche", "created_date"),
        ("Date de dernière demande", "last_request_date"),
        ("Date de naissance", "birth_date"),
        ("Optin newsletter", "consent"),
        ("Opt-in", "consent"),
        ("Consentement RGPD", "consent"),
        ("Newsletter", "consent"),
        ("Accepte la newsletter", "consent"),
        ("Langue", "language"),
        ("Language", "language"),
        ("ID", "record_id"),
        ("N° contact", "record_id"),
        ("Code client", "record_id"),
        ("Société", "organisation"),
        # partners' lists: hotels, restaurants, campsites, schools, childcare sites
        ("Site name", "organisation"),
        ("Company name", "organisation"),
        ("Company", "organisation"),
        ("Account Name", "organisation"),
        ("Business name", "organisation"),
        ("Organisation", "organisation"),
        ("Organization", "organisation"),
        ("Nom du prestataire", "organisation"),
        ("Prestataire", "organisation"),
        ("Raison sociale", "organisation"),
        ("Enseigne", "organisation"),
        ("Établissement", "organisation"),
        ("Etablissement", "organisation"),
        ("Nom de l'établissement", "organisation"),
        ("Structure", "organisation"),
        ("Entreprise", "organisation"),
        ("Employeur", "organisation"),
        ("Nom de la société", "organisation"),
        ("Ville de l'établissement", "city"),
        ("Adresse société", "address"),
        ("Téléphone entreprise", "phone"),
    ],
)
def test_headers_are_recognised(header: str, field: str) -> None:
    found = match_header(header)
    assert found is not None and found[0] == field


@pytest.mark.parametrize(
    "header", ["Remarques", "Source", "Origine", "Nb personnes", "Hébergement", "Intérêts", "Agency", "Program Name"]
)
def test_other_headers_are_left_alone(header: str) -> None:
    assert match_header(header) is None


def test_email_column_is_sniffed_from_content() -> None:
    frame = pd.DataFrame({"Colonne 1": ["Dupont", "Martin"], "Colonne 2": ["a@b.fr", "c@orange.fr"]})
    assert map_columns(frame).as_dict() == {"Colonne 2": "email"}


def test_headerless_postcode_column_is_sniffed_but_a_year_column_is_not() -> None:
    frame = pd.DataFrame({"Colonne 3": ["75001", "69003", "01000"], "Année": ["2021", "2022", "2023"]})
    assert map_columns(frame).as_dict() == {"Colonne 3": "postal_code"}


def test_token_header_contradicted_by_content_is_dropped() -> None:
    frame = pd.DataFrame({"Email envoyé": ["oui", "non", "oui"], "Courriel": ["a@b.fr", "", "c@d.fr"]})
    assert map_columns(frame).as_dict() == {"Courriel": "email"}


def test_second_column_of_a_single_field_is_not_mapped_twice() -> None:
    frame = pd.DataFrame({"Nom": ["A"], "NOM": ["B"], "Email": ["a@b.fr"], "Email 2": ["c@d.fr"]})
    assert map_columns(frame).as_dict() == {"Nom": "last_name", "Email": "email", "Email 2": "email"}


def test_overrides_win_and_can_ignore_a_column() -> None:
    frame = pd.DataFrame({"Tel. port.": ["0612345678"], "Nom": ["Dupont"], "Contact": ["x"]})
    found = map_columns(frame, parse_overrides(["tel port=landline", "Nom=-"]))
    assert found.as_dict() == {"Tel. port.": "landline", "Contact": "full_name"}
    assert found.matches[0].source == "override"


def test_the_former_field_name_company_still_names_the_organisation() -> None:
    frame = pd.DataFrame({"Hôtel": ["Hôtel de la Plage"], "Nom": ["Dupont"]})
    found = map_columns(frame, parse_overrides(["Hôtel=company"]))
    assert found.as_dict() == {"Hôtel": "organisation", "Nom": "last_name"}
    assert map_columns(frame, {"Hôtel": "organisation"}).as_dict()["Hôtel"] == "organisation"


@pytest.mark.parametrize("override", ["Inconnue=email", "Nom=pointure"])
def test_bad_overrides_raise_a_french_message(override: str) -> None:
    frame = pd.DataFrame({"Nom": ["Dupont"]})
    with pytest.raises(MappingError) as error:
        map_columns(frame, parse_overrides([override]))
    assert "grc columns" in error.value.message or "utilisez" in error.value.message


def test_malformed_override() -> None:
    with pytest.raises(MappingError):
        parse_overrides(["Nom"])


def test_when_consent_was_given_is_not_a_consent_column() -> None:
    """Mailchimp's ``OPTIN_TIME`` holds timestamps: read as consent, each would be an invalid answer."""
    frame = pd.DataFrame({"OPTIN_TIME": ["2024-01-02 10:00:00", "2023-05-06 08:00:00"], "Opt-in": ["oui", "non"]})
    assert map_columns(frame).as_dict() == {"Opt-in": "consent"}


def test_an_opt_out_column_is_never_read_as_consent() -> None:
    """``Email Opt Out`` = 1 means no: reading it as consent would turn refusals into oui."""
    frame = pd.DataFrame({"Email Opt Out": ["0", "1"], "Email": ["a@b.fr", "c@d.fr"]})
    assert map_columns(frame).as_dict() == {"Email": "email"}


@pytest.mark.parametrize(
    "header",
    ["Lieu de naissance", "Pays de naissance", "Code postal de naissance", "Country of birth", "Prénom enfant"]
    + ["Nom du conjoint", "Date de naissance enfant", "Téléphone parent", "Email parent"],
)
def test_places_of_birth_and_other_peoples_fields_are_not_the_contacts(header: str) -> None:
    """A birthplace is not a birth date, a child's first name not the contact's: both pass through untouched."""
    frame = pd.DataFrame({header: ["Brest", "a@b.fr", "06 12 34 56 78", "12/03/2015"]})
    assert map_columns(frame).as_dict() == {}


@pytest.mark.parametrize("other", ["Nom de naissance", "Nom marital", "Nom de jeune fille", "Birth name"])
def test_a_plain_name_column_wins_over_another_surname_before_it(other: str) -> None:
    frame = pd.DataFrame({other: ["MARTIN"], "Nom": ["DUPONT"], "Prénom": ["Anne"]})
    assert map_columns(frame).as_dict() == {"Nom": "last_name", "Prénom": "first_name"}
    alone = pd.DataFrame({other: ["MARTIN"], "Prénom": ["Anne"]})
    assert map_columns(alone).as_dict() == {other: "last_name", "Prénom": "first_name"}


def test_an_override_keeps_a_single_field_from_a_surer_header() -> None:
    frame = pd.DataFrame({"Nom": ["DUPONT"], "Nom d'usage": ["MARTIN"]})
    assert map_columns(frame, {"Nom d'usage": "last_name"}).as_dict() == {"Nom d'usage": "last_name"}


def test_an_exact_email_header_over_dates_yields_to_the_column_that_holds_the_emails() -> None:
    # columns that slid by one in an export (the public Chicago childcare list): "Email Address" holds dates,
    # the addresses sit under the next header; the dates are left as they are, never reported as bad emails
    frame = pd.DataFrame(
        {
            "Phone": [f"(312) 555-{1000 + i}" for i in range(30)],
            "Email Address": [f"{1 + i % 12:02d}/01/15" for i in range(30)],
            "Service type": [f"site{i}@example.org" for i in range(30)],
        }
    )
    mapping = map_columns(frame)
    assert mapping.column_of("email") == "Service type"
    assert mapping.field_of("Email Address") is None
    assert mapping.column_of("phone") == "Phone"  # local numbers are still phones


def test_an_exact_header_is_believed_on_few_or_mostly_blank_values() -> None:
    few = pd.DataFrame({"Email": ["n/c", "", "-"] + [""] * 40, "Téléphone": ["NC"] * 10 + ["0612345678"] * 33})
    mapping = map_columns(few)
    assert mapping.column_of("email") == "Email" and mapping.column_of("phone") == "Téléphone"
