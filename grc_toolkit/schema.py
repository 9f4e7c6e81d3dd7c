"""The canonical fields grc knows, and the kind of cleaning each one gets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    label_fr: str
    label_en: str


FIELDS: tuple[Field, ...] = (
    Field("record_id", "id", "Identifiant", "Identifier"),
    # a number only one person has (social security, passport, identity card): never cleaned, compared
    Field("personal_id", "id", "N° d'identité", "Identity number"),
    Field("civility", "civility", "Civilité", "Title"),
    # a sex or gender column (H/F, male/female): recognised so it is never taken for another field, and never
    # rewritten (the CRM expects its own codes); not compared (measured: it cost recall on a public set whose
    # genders hold errors, and twins or couples of two sexes differ by their first names anyway)
    Field("gender", "gender", "Sexe", "Sex"),
    Field("last_name", "last_name", "Nom", "Last name"),
    Field("first_name", "first_name", "Prénom", "First name"),
    Field("full_name", "full_name", "Nom complet", "Full name"),
    # a hotel, a restaurant, a campsite, a school, a childcare site: a partner of the office, not a visitor
    Field("organisation", "organisation", "Organisation", "Organisation"),
    Field("email", "email", "Courriel", "Email"),
    Field("phone", "phone", "Téléphone", "Phone"),
    Field("mobile", "phone", "Portable", "Mobile"),
    Field("landline", "phone", "Téléphone fixe", "Landline"),
    Field("house_number", "text", "Numéro de rue", "House number"),
    Field("address", "address", "Adresse", "Address"),
    Field("address_2", "address", "Complément d'adresse", "Address line 2"),
    Field("address_3", "address", "Adresse (ligne 3)", "Address line 3"),
    Field("postal_code", "postal_code", "Code postal", "Postcode"),
    Field("city", "city", "Ville", "City"),
    Field("country", "country", "Pays", "Country"),
    Field("contact_date", "date", "Date de contact", "Contact date"),
    Field("visit_date", "date", "Date de visite", "Visit date"),
    Field("created_date", "date", "Date de création", "Creation date"),
    Field("last_request_date", "date", "Date de dernière demande", "Last request date"),
    Field("birth_date", "date", "Date de naissance", "Birth date"),
    Field("consent", "consent", "Consentement", "Consent"),
    Field("language", "language", "Langue", "Language"),
)

FIELDS_BY_NAME: dict[str, Field] = {field.name: field for field in FIELDS}
#: Former names of fields, still accepted wherever a person names a field (``--map``, ``grc.toml``).
FIELD_ALIASES: dict[str, str] = {"company": "organisation"}


def fields_of_kind(kind: str) -> tuple[str, ...]:
    """The fields cleaned as ``kind``, in the schema's order.

    Examples:
        >>> fields_of_kind("phone")
        ('phone', 'mobile', 'landline')
    """
    return tuple(field.name for field in FIELDS if field.kind == kind)


#: The phone fields, each cleaned as a phone number.
PHONE_FIELDS = fields_of_kind("phone")
#: The street address lines (not the postcode, city or country).
ADDRESS_LINE_FIELDS = fields_of_kind("address")
#: Every field of a postal address, street lines first.
ADDRESS_FIELDS = (*ADDRESS_LINE_FIELDS, "postal_code", "city", "country")
#: Fields that name a person.
NAME_FIELDS = ("last_name", "first_name", "full_name")

#: Date fields that say when a person was last in touch, most telling first.
ACTIVITY_DATE_FIELDS = ("last_request_date", "contact_date", "visit_date", "created_date")

#: Extra columns grc adds to its output.
SOURCE_ROWS = "grc_source_rows"
QUALITY = "grc_quality"
ISSUES = "grc_issues"
OTHER_EMAILS = "grc_other_emails"
OTHER_PHONES = "grc_other_phones"
LINE_TYPE = "grc_line_type"
HOUSEHOLD = "grc_household"
FIRST_CONTACT = "grc_first_contact"
CONTACT_COUNT = "grc_contact_count"
SOURCE_IDS = "grc_source_ids"
SOURCE_FILE = "grc_source_file"
OTHER_VALUES = "grc_other_values"

#: grc's columns that hold lists (" ; " between items): a merge, or a second pass, unions them.
LIST_COLUMNS = (OTHER_EMAILS, OTHER_PHONES, SOURCE_IDS, OTHER_VALUES)
#: All of grc's own columns. Never mapped to a field: when grc reads its own output, the lists and counts
#: are kept and merged, the rest (quality, issues, line type, household...) computed again.
GRC_COLUMNS = frozenset(
    {SOURCE_ROWS, QUALITY, ISSUES, LINE_TYPE, HOUSEHOLD, FIRST_CONTACT, CONTACT_COUNT, SOURCE_FILE} | set(LIST_COLUMNS)
)


def field_label(name: str, lang: str = "fr") -> str:
    field = FIELDS_BY_NAME.get(name)
    if field is None:
        return name
    return field.label_en if lang == "en" else field.label_fr
