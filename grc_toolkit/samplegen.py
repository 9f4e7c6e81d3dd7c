"""Make realistic, messy visitor exports of a French tourism office, together with their true clean values.

Tests may not use outside data, so they build it here: :func:`generate_export` invents people (80 % French,
the rest from nearby countries, the United States and French overseas departments), writes each of them one
to four times as an office's CRM would, then dirties every cell the way real exports are dirty (case, spaces,
mojibake, phone formats, Excel artefacts, country and consent spellings...). ``truth`` holds what grc should
output for each messy cell, so a test can score a cleaner cell by cell.

Everything is drawn from ``random.Random`` seeded from ``seed``: the same arguments give the same frames.
People, duplicates and truth do not depend on ``noise``; only the messy spelling does.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal, TypeVar

import pandas as pd

__all__ = ["HEADER_SETS", "SAMPLE_SEED", "TRUTH_COLUMNS", "GeneratedExport", "generate_export", "sample_export"]

_T = TypeVar("_T")

#: Canonical columns of ``GeneratedExport.truth``, in order.
TRUTH_COLUMNS: tuple[str, ...] = (
    "email", "phone", "postal_code", "city", "country", "consent",
    "civility", "last_name", "first_name", "contact_date",
)  # fmt: skip

#: Header sets an office may export: canonical field -> header, in export order.
HEADER_SETS: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "civility": "Civilité", "last_name": "Nom", "first_name": "Prénom", "email": "Email",
        "phone": "Téléphone", "address": "Adresse", "postal_code": "Code postal", "city": "Ville",
        "country": "Pays", "contact_date": "Date de contact", "consent": "Optin newsletter", "source": "Source",
    },
    "en": {
        "civility": "Title", "last_name": "Last name", "first_name": "First name", "email": "E-mail",
        "phone": "Phone", "address": "Address", "postal_code": "Zip", "city": "City", "country": "Country",
        "contact_date": "Last contact", "consent": "Newsletter opt-in", "source": "Source",
    },
    "crm": {
        "record_id": "N° contact", "civility": "CIVILITE", "last_name": "NOM", "first_name": "PRENOM",
        "email": "COURRIEL", "phone": "TEL PORTABLE", "address": "ADRESSE 1", "postal_code": "CP",
        "city": "COMMUNE", "country": "PAYS", "contact_date": "DATE CREATION", "consent": "OPTIN",
        "source": "ORIGINE",
    },
}  # fmt: skip


@dataclass(frozen=True, eq=False)
class GeneratedExport:
    """A messy export, the clean value of each of its cells, and who each row is.

    ``messy`` holds only ``str`` cells. ``truth`` has the same index and the columns of
    :data:`TRUTH_COLUMNS`. ``person_id`` (same index) says which person a row belongs to: rows sharing it
    are duplicates. ``header_fields`` maps each messy header to the canonical field it holds (``Source`` is
    not a canonical field and is left out).
    """

    messy: pd.DataFrame
    truth: pd.DataFrame
    person_id: pd.Series
    header_fields: Mapping[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------------------
# Reference data. Hand-checked commune/postcode pairs (La Poste); several postcodes serve two communes.
# ---------------------------------------------------------------------------------------------------------

_FRENCH_PLACES: tuple[tuple[str, str], ...] = (
    ("01000", "Bourg-en-Bresse"), ("01100", "Oyonnax"), ("01300", "Belley"), ("01500", "Ambérieu-en-Bugey"),
    ("02000", "Laon"), ("02100", "Saint-Quentin"), ("02200", "Soissons"), ("02400", "Château-Thierry"),
    ("03000", "Moulins"), ("03100", "Montluçon"), ("03200", "Vichy"), ("04000", "Digne-les-Bains"),
    ("04100", "Manosque"), ("05000", "Gap"), ("05100", "Briançon"), ("06000", "Nice"), ("06300", "Nice"),
    ("06130", "Grasse"), ("06230", "Villefranche-sur-Mer"), ("06230", "Saint-Jean-Cap-Ferrat"),
    ("06400", "Cannes"), ("06500", "Menton"), ("06600", "Antibes"), ("07000", "Privas"), ("07100", "Annonay"),
    ("07200", "Aubenas"), ("08000", "Charleville-Mézières"), ("09000", "Foix"), ("11000", "Carcassonne"),
    ("13001", "Marseille"), ("13100", "Aix-en-Provence"), ("13200", "Arles"), ("14600", "Honfleur"),
    ("14800", "Deauville"), ("14800", "Touques"), ("17000", "La Rochelle"), ("20000", "Ajaccio"),
    ("20137", "Porto-Vecchio"), ("20169", "Bonifacio"), ("20200", "Bastia"), ("20260", "Calvi"),
    ("21000", "Dijon"), ("22100", "Dinan"), ("22700", "Perros-Guirec"), ("24200", "Sarlat-la-Canéda"),
    ("25000", "Besançon"), ("29200", "Brest"), ("29680", "Roscoff"), ("29900", "Concarneau"),
    ("30000", "Nîmes"), ("31000", "Toulouse"), ("33000", "Bordeaux"), ("33120", "Arcachon"),
    ("34000", "Montpellier"), ("35000", "Rennes"), ("35260", "Cancale"), ("35400", "Saint-Malo"),
    ("35800", "Dinard"), ("37000", "Tours"), ("37400", "Amboise"), ("38000", "Grenoble"), ("41000", "Blois"),
    ("42000", "Saint-Étienne"), ("44000", "Nantes"), ("45000", "Orléans"), ("50170", "Le Mont-Saint-Michel"),
    ("50170", "Pontorson"), ("51100", "Reims"), ("56000", "Vannes"), ("56340", "Carnac"),
    ("56340", "Plouharnel"), ("59000", "Lille"), ("59140", "Dunkerque"), ("59650", "Villeneuve-d'Ascq"),
    ("63000", "Clermont-Ferrand"), ("63240", "Mont-Dore"), ("64200", "Biarritz"), ("64500", "Ciboure"),
    ("64500", "Saint-Jean-de-Luz"), ("65100", "Lourdes"), ("66000", "Perpignan"), ("67000", "Strasbourg"),
    ("68000", "Colmar"), ("69002", "Lyon"), ("73000", "Chambéry"), ("73150", "Val-d'Isère"),
    ("74000", "Annecy"), ("74400", "Chamonix-Mont-Blanc"), ("75001", "Paris"), ("75004", "Paris"),
    ("75007", "Paris"), ("75011", "Paris"), ("75015", "Paris"), ("75018", "Paris"), ("76000", "Rouen"),
    ("76600", "Le Havre"), ("80000", "Amiens"), ("83990", "Saint-Tropez"), ("84000", "Avignon"),
    ("84800", "L'Isle-sur-la-Sorgue"), ("85100", "Les Sables-d'Olonne"), ("87000", "Limoges"),
)  # fmt: skip

# Landline zone (01 to 05) of the departments above.
_LANDLINE_ZONE: Mapping[str, str] = {
    **dict.fromkeys(("75",), "1"),
    **dict.fromkeys(("14", "22", "29", "35", "37", "41", "44", "45", "50", "56", "76", "85"), "2"),
    **dict.fromkeys(("02", "08", "21", "25", "51", "59", "67", "68", "80"), "3"),
    **dict.fromkeys(("01", "03", "04", "05", "06", "07", "11", "13", "20", "30", "34", "38", "42", "63",
                     "66", "69", "73", "74", "83", "84"), "4"),
    **dict.fromkeys(("09", "17", "24", "31", "33", "64", "65", "87"), "5"),
}  # fmt: skip

# Overseas departments: ISO code -> (country calling code, mobile prefix, places).
_OVERSEAS: Mapping[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {
    "MQ": ("596", "696", (("97200", "Fort-de-France"), ("97232", "Le Lamentin"), ("97229", "Les Trois-Îlets"),
                          ("97227", "Sainte-Anne"))),
    "GP": ("590", "690", (("97110", "Pointe-à-Pitre"), ("97190", "Le Gosier"), ("97100", "Basse-Terre"),
                          ("97180", "Sainte-Anne"))),
    "RE": ("262", "692", (("97400", "Saint-Denis"), ("97410", "Saint-Pierre"), ("97460", "Saint-Paul"))),
}  # fmt: skip

# Foreign places: ISO code -> (postcode, city) as written on an envelope.
_FOREIGN_PLACES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "DE": (("10115", "Berlin"), ("10117", "Berlin"), ("80331", "München"), ("20095", "Hamburg"),
           ("50667", "Köln"), ("60311", "Frankfurt am Main"), ("70173", "Stuttgart"), ("01067", "Dresden")),
    "GB": (("SW1A 1AA", "London"), ("EC1A 1BB", "London"), ("W1A 0AX", "London"), ("M1 1AE", "Manchester"),
           ("B33 8TH", "Birmingham"), ("CR2 6XH", "Croydon"), ("DN55 1PT", "Doncaster")),
    "BE": (("1000", "Bruxelles"), ("4000", "Liège"), ("5000", "Namur"), ("7000", "Mons"), ("9000", "Gent"),
           ("8000", "Brugge"), ("2000", "Antwerpen")),
    "NL": (("1012 AB", "Amsterdam"), ("1017 CT", "Amsterdam"), ("3011 AD", "Rotterdam"), ("3511 LX", "Utrecht"),
           ("2511 BT", "Den Haag")),
    "CH": (("8001", "Zürich"), ("1201", "Genève"), ("1003", "Lausanne"), ("3011", "Bern"), ("4051", "Basel"),
           ("1820", "Montreux")),
    "ES": (("28013", "Madrid"), ("08002", "Barcelona"), ("41004", "Sevilla"), ("46002", "Valencia"),
           ("29015", "Málaga")),
    "IT": (("00184", "Roma"), ("20121", "Milano"), ("50122", "Firenze"), ("10121", "Torino"),
           ("30124", "Venezia")),
    "US": (("10001", "New York"), ("02108", "Boston"), ("94103", "San Francisco"), ("60601", "Chicago"),
           ("98101", "Seattle")),
}  # fmt: skip

_COUNTRY_NAMES: Mapping[str, str] = {
    "FR": "France", "DE": "Allemagne", "GB": "Royaume-Uni", "BE": "Belgique", "NL": "Pays-Bas",
    "CH": "Suisse", "ES": "Espagne", "IT": "Italie", "US": "États-Unis", "MQ": "Martinique",
    "GP": "Guadeloupe", "RE": "La Réunion",
}  # fmt: skip

_COUNTRY_WEIGHTS: Mapping[str, float] = {
    "FR": 80, "DE": 4, "GB": 3.5, "BE": 3.5, "NL": 2, "CH": 2, "ES": 1.5, "IT": 1.5, "US": 1,
    "MQ": 0.4, "GP": 0.3, "RE": 0.3,
}  # fmt: skip

# How offices spell each country (the French name itself is always among them).
_COUNTRY_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "FR": ("FRANCE", "france", "FR", "Fr", "FRA", "France"),
    "DE": ("Allemagne", "ALLEMAGNE", "Deutschland", "Germany", "DE"),
    "GB": ("UK", "Angleterre", "Royaume Uni", "United Kingdom", "Grande-Bretagne", "GB"),
    "BE": ("Belgique", "BELGIQUE", "België", "Belgium", "BE"),
    "NL": ("Hollande", "Netherlands", "Nederland", "PAYS-BAS", "NL"),
    "CH": ("Suisse", "SUISSE", "Schweiz", "Switzerland", "CH"),
    "ES": ("Espagne", "España", "Spain", "ES"),
    "IT": ("Italie", "Italia", "Italy", "IT"),
    "US": ("USA", "Etats-Unis", "ETATS-UNIS", "United States", "US"),
    "MQ": ("MARTINIQUE", "martinique"),
    "GP": ("GUADELOUPE", "guadeloupe"),
    "RE": ("Réunion", "REUNION", "La Reunion"),
}  # fmt: skip

_FR_MALE = (
    "Jean", "Pierre", "Jean-Pierre", "Jean-Luc", "Jean-François", "Michel", "Philippe", "Alain", "Nicolas",
    "Christophe", "François", "Stéphane", "Frédéric", "Laurent", "Thierry", "Éric", "Julien", "Sébastien",
    "Jérôme", "Mathieu", "Guillaume", "Benoît", "Hervé", "Gaël", "Loïc", "Yannick", "Étienne", "Rémi",
    "Noël", "Hugo", "Lucas", "Théo", "Raphaël", "Jérémy", "Kévin", "Mohamed", "Karim", "Mamadou",
    "Marc-Antoine", "Pierre-Yves",
)  # fmt: skip
_FR_FEMALE = (
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Hélène", "Marie-Thérèse",
    "Anne-Sophie", "Marie-Claire", "Christine", "Véronique", "Valérie", "Sandrine", "Céline", "Aurélie",
    "Émilie", "Élodie", "Chloé", "Léa", "Manon", "Camille", "Zoé", "Inès", "Maëlle", "Noémie", "Agnès",
    "Bénédicte", "Geneviève", "Josiane", "Thérèse", "Fatima", "Aïcha", "Anaïs", "Gaëlle", "Solène", "Océane",
)  # fmt: skip
_FR_LAST = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Legrand",
    "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Perrin", "Morin", "Clément",
    "Gauthier", "Chevalier", "Le Gall", "Le Goff", "Le Roux", "Le Floc'h", "Kerbrat", "Quéré", "Prigent",
    "de La Fontaine", "de Villiers", "Dupré", "N'Diaye", "Diallo", "Nguyen", "Ben Ali", "Da Silva",
    "Dos Santos", "Bénard", "Mégret", "Pélissier", "Lemaître",
)  # fmt: skip
_OVERSEAS_LAST = ("Hoarau", "Payet", "Grondin", "Fontaine", "Jean-Baptiste", "Marie-Sainte", "Louis-Joseph")

# Foreign names: ISO code -> (male first names, female first names, last names).
_FOREIGN_NAMES: Mapping[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "DE": (("Klaus", "Jürgen", "Stefan", "Andreas", "Lukas", "Jonas"),
           ("Sabine", "Ursula", "Petra", "Anja", "Katrin", "Lena"),
           ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schäfer")),
    "GB": (("Oliver", "James", "William", "Harry", "George"), ("Emma", "Olivia", "Charlotte", "Emily", "Mary-Jane"),
           ("Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "O'Brien", "MacDonald")),
    "BE": (("Luc", "Koen", "Pieter", "Dirk", "Marc"), ("Els", "Sofie", "Nathalie", "Ann"),
           ("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Van den Broeck", "Dubois")),
    "NL": (("Jan", "Pieter", "Daan", "Bram", "Sem"), ("Anouk", "Sanne", "Lotte", "Femke"),
           ("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser")),
    "CH": (("Reto", "Urs", "Beat", "Daniel", "Laurent"), ("Nicole", "Corinne", "Sandrine", "Regula"),
           ("Meier", "Schmid", "Keller", "Huber", "Favre", "Rochat", "Perret")),
    "ES": (("José", "Antonio", "Javier", "Pablo"), ("Carmen", "María", "Lucía", "Sofía"),
           ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez")),
    "IT": (("Giuseppe", "Marco", "Luca", "Alessandro"), ("Francesca", "Giulia", "Chiara"),
           ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "De Luca")),
    "US": (("Michael", "John", "David", "Robert"), ("Jennifer", "Sarah", "Jessica", "Ashley"),
           ("Johnson", "Miller", "Davis", "Anderson", "Clark", "Walker")),
}  # fmt: skip

_FR_STREET_TYPES = ("rue", "rue", "rue", "avenue", "boulevard", "place", "chemin", "allée", "impasse", "route")
_FR_STREET_NAMES = (
    "de la République", "Victor Hugo", "du Général de Gaulle", "Jean Jaurès", "des Écoles", "de la Gare",
    "Pasteur", "du Moulin", "des Lilas", "de l'Église", "Saint-Michel", "du Port", "des Tilleuls",
    "de la Mairie", "Gambetta", "du Château", "des Acacias", "de Verdun", "Émile Zola", "de la Libération",
    "des Mimosas", "Nationale", "des Peupliers", "du Maréchal Foch",
)  # fmt: skip
# Foreign streets: ISO code -> (number comes first?, street names).
_FOREIGN_STREETS: Mapping[str, tuple[bool, tuple[str, ...]]] = {
    "DE": (False, ("Friedrichstraße", "Kastanienallee", "Bahnhofstraße", "Hauptstraße", "Schillerstraße")),
    "GB": (True, ("High Street", "Station Road", "Church Lane", "Victoria Road", "Baker Street")),
    "BE": (False, ("Rue Neuve", "Avenue Louise", "Rue de la Loi", "Korenmarkt", "Meir")),
    "NL": (False, ("Prinsengracht", "Keizersgracht", "Damrak", "Oudegracht", "Coolsingel")),
    "CH": (False, ("Bahnhofstrasse", "Rue du Rhône", "Avenue de la Gare", "Marktgasse")),
    "ES": (False, ("Calle Mayor,", "Calle de Alcalá,", "Carrer de Mallorca,", "Calle Sierpes,")),
    "IT": (False, ("Via del Corso", "Via Roma", "Via dei Calzaiuoli", "Corso Vittorio Emanuele II")),
    "US": (True, ("Fifth Avenue", "Main Street", "Market Street", "Michigan Avenue", "Pine Street")),
}  # fmt: skip

_EMAIL_DOMAINS: Mapping[str, tuple[str, ...]] = {
    "FR": ("gmail.com",) * 5 + ("orange.fr",) * 3 + ("hotmail.fr",) * 2 + ("yahoo.fr",) * 2 + (
        "wanadoo.fr", "free.fr", "free.fr", "sfr.fr", "laposte.net", "outlook.fr", "icloud.com", "hotmail.com"),
    "DE": ("gmx.de", "web.de", "t-online.de", "gmail.com"),
    "GB": ("gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com", "yahoo.co.uk"),
    "BE": ("skynet.be", "telenet.be", "gmail.com", "hotmail.com"),
    "NL": ("ziggo.nl", "kpnmail.nl", "gmail.com", "outlook.com"),
    "CH": ("bluewin.ch", "gmail.com", "hispeed.ch"),
    "ES": ("gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"),
    "IT": ("libero.it", "gmail.com", "virgilio.it", "alice.it"),
    "US": ("gmail.com", "yahoo.com", "outlook.com", "aol.com"),
}  # fmt: skip
_DOMAIN_TYPOS: Mapping[str, tuple[str, ...]] = {
    "gmail.com": ("gmial.com", "gmail.con", "gmai.com", "gmal.com"),
    "hotmail.fr": ("hotmial.fr", "hotmal.fr"),
    "hotmail.com": ("hotmial.com", "hotmail.con"),
    "yahoo.fr": ("yahooo.fr", "yaho.fr"),
    "orange.fr": ("ornage.fr", "orange.fe"),
    "wanadoo.fr": ("wanado.fr",),
    "outlook.fr": ("outlok.fr",),
    "outlook.com": ("outlook.con",),
    "icloud.com": ("icloud.con",),
    "yahoo.com": ("yahoo.con",),
}  # fmt: skip

_SOURCES = ("Accueil OT", "Accueil OT", "Accueil OT", "Site internet", "Site internet", "Jeu concours",
            "Salon", "Demande de brochure", "Newsletter", "Borne tactile")  # fmt: skip
_PHONE_PLACEHOLDERS = ("0600000000", "06 00 00 00 00", "0000000000", "00 00 00 00 00", "0100000000")
_FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                  "octobre", "novembre", "décembre")  # fmt: skip
_FIRST_DATE, _LAST_DATE = date(2019, 1, 1), date(2025, 6, 30)
_EXCEL_EPOCH = date(1899, 12, 30)

# Rate of each kind of noise at noise=1.0 (scaled by ``noise``, capped at 1).
_RATES: Mapping[str, float] = {
    "last_name_case": 0.45, "first_name_case": 0.25, "spaces": 0.08, "mojibake": 0.04,
    "email_typo": 0.03, "email_case": 0.07, "email_wrap": 0.06, "two_emails": 0.02, "email_spaces": 0.05,
    "phone_format": 1.0, "two_phones": 0.03, "phone_placeholder": 0.3,
    "postcode_zero": 0.4, "postcode_float": 0.04, "postcode_spacing": 0.25,
    "city_variant": 0.3, "country_variant": 0.6, "country_blank_fr": 0.15, "country_blank_foreign": 0.03,
    "consent_variant": 0.7, "civility_variant": 0.5, "date_format": 1.0,
}  # fmt: skip

_HOUSEHOLD_RATE, _NAMESAKE_RATE = 0.06, 0.03


# ---------------------------------------------------------------------------------------------------------
# People and the rows an office holds about them.
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phone:
    country_code: str
    national_number: str  # without trunk prefix: "612345678"
    grouped: str  # national number with the usual spaces: "6 12 34 56 78", "151 23456789"
    trunk_zero: bool  # dialled with a leading 0 at home (FR, DE, GB, BE, NL, CH)

    @property
    def e164(self) -> str:
        return f"+{self.country_code}{self.national_number}"


@dataclass
class _Person:
    person_id: int
    iso: str
    civility: str
    first_name: str
    last_name: str  # as people write it: "de La Fontaine"
    email: str
    phone: _Phone | None
    address: str
    postal_code: str
    city: str
    consent: str
    contact_date: date


@dataclass(frozen=True)
class _Row:
    person: _Person
    has_email: bool
    has_phone: bool
    civility_known: bool
    consent: str
    contact_date: date
    source: str


def _weighted(rng: random.Random, weights: Mapping[_T, float]) -> _T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _pairs(digits: str) -> str:
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def _french_phone(rng: random.Random, iso: str, postal_code: str, *, landline: bool) -> _Phone:
    if iso in _OVERSEAS:
        code, prefix, _ = _OVERSEAS[iso]
        number = prefix + rng.choice("01234") + _digits(rng, 5)
        return _Phone(code, number, f"{number[:3]} {_pairs(number[3:])}", True)
    if landline:
        zone = _LANDLINE_ZONE[postal_code[:2]]
        # 0262/0269 (Réunion, Mayotte) and 0590/0594/0596 (Antilles, Guyane) are not metropolitan numbers.
        number = zone + rng.choice({"2": "12345789", "5": "12345678"}.get(zone, "123456789")) + _digits(rng, 7)
    elif rng.random() < 0.75:
        number = "6" + rng.choice("0124678") + _digits(rng, 7)
    else:
        number = "7" + rng.choice("3456789") + _digits(rng, 7)
    return _Phone("33", number, f"{number[0]} {_pairs(number[1:])}", True)


def _foreign_phone(rng: random.Random, iso: str, city: str) -> _Phone:
    """A mobile number in the country's own numbering plan (a landline for some Germans)."""
    if iso == "DE":
        area = {"Berlin": "30", "München": "89", "Hamburg": "40", "Frankfurt am Main": "69"}.get(city)
        if area and rng.random() < 0.4:
            rest = rng.choice("23456789") + _digits(rng, 7)
            return _Phone("49", area + rest, f"{area} {rest}", True)
        prefix = rng.choice(("151", "152", "157", "160", "170", "171", "172", "176", "178"))
        rest = _digits(rng, 8 if prefix != "160" else 7)
        return _Phone("49", prefix + rest, f"{prefix} {rest}", True)
    if iso == "GB":
        number = "7" + rng.choice(("40", "41", "42", "43", "44", "46", "47", "48", "49", "80", "85", "95"))
        number += _digits(rng, 7)
        return _Phone("44", number, f"{number[:4]} {number[4:]}", True)
    if iso == "BE":
        number = "4" + rng.choice(("70", "71", "72", "75", "76", "77", "78", "79", "84", "85", "86", "94", "95"))
        number += _digits(rng, 6)
        return _Phone("32", number, f"{number[:3]} {_pairs(number[3:])}", True)
    if iso == "NL":
        number = "6" + rng.choice("12345") + _digits(rng, 7)
        return _Phone("31", number, f"{number[0]} {number[1:]}", True)
    if iso == "CH":
        number = "7" + rng.choice("6789") + _digits(rng, 7)
        return _Phone("41", number, f"{number[:2]} {number[2:5]} {_pairs(number[5:])}", True)
    if iso == "ES":
        number = "6" + _digits(rng, 8)
        return _Phone("34", number, f"{number[:3]} {_pairs(number[3:])}", False)
    if iso == "IT":
        number = "3" + rng.choice(("20", "28", "29", "30", "31", "33", "34", "35", "38", "39", "40", "47", "49"))
        number += _digits(rng, 7)
        return _Phone("39", number, f"{number[:3]} {number[3:6]} {number[6:]}", False)
    area = rng.choice(("212", "617", "415", "312", "206"))
    exchange = rng.choice("23456789") + rng.choice("02346789") + rng.choice("0123456789")
    number = area + exchange + _digits(rng, 4)
    return _Phone("1", number, f"{area} {exchange} {number[6:]}", False)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "".join(char for char in ascii_text if char.isalnum() or char == "-")


def _new_email(rng: random.Random, iso: str, first: str, last: str, used: set[str]) -> str:
    first_slug, last_slug = _slug(first), _slug(last)
    local = rng.choice(
        (
            f"{first_slug}.{last_slug}",
            f"{first_slug}.{last_slug}",
            f"{first_slug[0]}{last_slug}",
            f"{last_slug}.{first_slug}",
            f"{first_slug}{last_slug}",
            f"{first_slug}_{last_slug}",
            f"{first_slug}.{last_slug}{rng.randint(1, 99)}",
            f"{first_slug}{rng.randint(1950, 2005)}",
        )
    )
    domains = _EMAIL_DOMAINS.get(iso, _EMAIL_DOMAINS["FR"])
    email = f"{local}@{rng.choice(domains)}"
    while email in used:
        email = f"{local}{rng.randint(2, 999)}@{rng.choice(domains)}"
    used.add(email)
    return email


def _place(rng: random.Random, iso: str) -> tuple[str, str]:
    if iso == "FR":
        return rng.choice(_FRENCH_PLACES)
    if iso in _OVERSEAS:
        return rng.choice(_OVERSEAS[iso][2])
    return rng.choice(_FOREIGN_PLACES[iso])


def _address(rng: random.Random, iso: str) -> str:
    number = str(rng.randint(1, 150))
    if iso in _FOREIGN_STREETS:
        number_first, streets = _FOREIGN_STREETS[iso]
        street = rng.choice(streets)
        return f"{number} {street}" if number_first else f"{street} {number}"
    if rng.random() < 0.05:
        number += rng.choice((" bis", " ter"))
    return f"{number} {rng.choice(_FR_STREET_TYPES)} {rng.choice(_FR_STREET_NAMES)}"


def _names(rng: random.Random, iso: str, male: bool) -> tuple[str, str]:
    if iso in _FOREIGN_NAMES:
        males, females, lasts = _FOREIGN_NAMES[iso]
        return rng.choice(males if male else females), rng.choice(lasts)
    lasts = _FR_LAST + _OVERSEAS_LAST * 3 if iso in _OVERSEAS else _FR_LAST
    return rng.choice(_FR_MALE if male else _FR_FEMALE), rng.choice(lasts)


def _random_date(rng: random.Random) -> date:
    return _FIRST_DATE + timedelta(days=rng.randint(0, (_LAST_DATE - _FIRST_DATE).days))


def _fresh_person(rng: random.Random, person_id: int, used: set[str]) -> _Person:
    iso = _weighted(rng, _COUNTRY_WEIGHTS)
    male = rng.random() < 0.47
    first, last = _names(rng, iso, male)
    postal_code, city = _place(rng, iso)
    draw = rng.random()
    phone: _Phone | None = None
    if iso == "FR" and draw < 0.85:
        phone = _french_phone(rng, iso, postal_code, landline=draw >= 0.65)
    elif iso in _OVERSEAS and draw < 0.85:
        phone = _french_phone(rng, iso, postal_code, landline=False)
    elif iso not in ("FR", *_OVERSEAS) and draw < 0.7:
        phone = _foreign_phone(rng, iso, city)
    email = _new_email(rng, iso, first, last, used) if rng.random() < 0.9 else ""
    consent = _weighted(rng, {"oui": 55, "non": 30, "": 15})
    return _Person(person_id, iso, "M." if male else "Mme", first, last, email, phone,
                   _address(rng, iso), postal_code, city, consent, _random_date(rng))  # fmt: skip


def _household_partner(rng: random.Random, person_id: int, base: _Person, used: set[str]) -> _Person:
    """Same address, phone and surname as ``base``; another first name: not a duplicate."""
    male = base.civility == "Mme" if rng.random() < 0.85 else base.civility == "M."
    first = base.first_name
    while first == base.first_name:
        first, _ = _names(rng, base.iso, male)
    email = _new_email(rng, base.iso, first, base.last_name, used) if rng.random() < 0.7 else ""
    consent = _weighted(rng, {"oui": 55, "non": 30, "": 15})
    return _Person(person_id, base.iso, "M." if male else "Mme", first, base.last_name, email, base.phone,
                   base.address, base.postal_code, base.city, consent, _random_date(rng))  # fmt: skip


def _namesake(rng: random.Random, person_id: int, base: _Person, used: set[str]) -> _Person:
    """Same first and last name as ``base``, living elsewhere in France: not a duplicate."""
    person = _fresh_person(rng, person_id, used)
    postal_code, city = base.postal_code, base.city
    while city == base.city:
        postal_code, city = rng.choice(_FRENCH_PLACES)
    phone = _french_phone(rng, "FR", postal_code, landline=rng.random() < 0.3) if rng.random() < 0.85 else None
    email = _new_email(rng, "FR", base.first_name, base.last_name, used) if rng.random() < 0.9 else ""
    return _Person(person_id, "FR", base.civility, base.first_name, base.last_name, email, phone,
                   _address(rng, "FR"), postal_code, city, person.consent, person.contact_date)  # fmt: skip


def _make_people(rng: random.Random, n_people: int) -> list[_Person]:
    people: list[_Person] = []
    french: list[_Person] = []
    sharers: list[_Person] = []  # French people with a phone, not yet in a household
    used: set[str] = set()
    while len(people) < n_people:
        person_id = len(people)
        draw = rng.random()
        if draw < _HOUSEHOLD_RATE and sharers:
            base = sharers.pop(rng.randrange(len(sharers)))
            person = _household_partner(rng, person_id, base, used)
        elif draw < _HOUSEHOLD_RATE + _NAMESAKE_RATE and french:
            person = _namesake(rng, person_id, rng.choice(french), used)
        else:
            person = _fresh_person(rng, person_id, used)
            if person.iso == "FR" and person.phone is not None:
                sharers.append(person)
        people.append(person)
        if person.iso == "FR":
            french.append(person)
    return people


def _make_rows(rng: random.Random, people: Sequence[_Person], duplicate_rate: float) -> list[_Row]:
    """One row per person, two to four for ``duplicate_rate`` of them; then shuffled."""
    rows: list[_Row] = []
    for person in people:
        copies = 1 + rng.randint(1, 3) if rng.random() < duplicate_rate else 1
        for copy in range(copies):
            later = copy > 0
            when = person.contact_date
            if later and rng.random() < 0.5:
                when = max(_FIRST_DATE, when - timedelta(days=rng.randint(20, 900)))
            drop_email = later and rng.random() < 0.15
            drop_phone = later and not drop_email and rng.random() < 0.15
            consent = "" if later and rng.random() < 0.1 else person.consent
            rows.append(_Row(person, bool(person.email) and not drop_email, person.phone is not None and not drop_phone,
                             rng.random() >= 0.04, consent, when, rng.choice(_SOURCES)))  # fmt: skip
    rng.shuffle(rows)
    return rows


# ---------------------------------------------------------------------------------------------------------
# Noise: how each cell gets spelled in the export.
# ---------------------------------------------------------------------------------------------------------


class _Noise:
    def __init__(self, rng: random.Random, level: float) -> None:
        self.rng = rng
        self.level = level

    def hit(self, kind: str) -> bool:
        return self.rng.random() < min(1.0, _RATES[kind] * self.level)

    def pick(self, options: Sequence[_T], weights: Sequence[float] | None = None) -> _T:
        return self.rng.choices(options, weights=weights)[0]


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as cp1252: ``Hélène`` -> ``HÃ©lÃ¨ne`` (left alone if cp1252 cannot show them)."""
    try:
        return text.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return text


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _spaces(noise: _Noise, text: str) -> str:
    if not text or not noise.hit("spaces"):
        return text
    style = noise.pick(("lead", "trail", "both", "inner"))
    if style == "inner" and " " in text:
        return text.replace(" ", "  ", 1)
    return {"lead": f" {text}", "trail": f"{text} ", "both": f"  {text} "}.get(style, f"{text}  ")


def _messy_names(noise: _Noise, person: _Person) -> tuple[str, str]:
    last = person.last_name.upper()
    if noise.hit("last_name_case"):
        last = noise.pick((person.last_name, person.last_name, person.last_name.lower()))
    first = person.first_name
    if noise.hit("first_name_case"):
        first = noise.pick((first.upper(), first.upper(), first.lower()))
    return _spaces(noise, last), _spaces(noise, first)


def _messy_email(noise: _Noise, person: _Person, used: set[str]) -> str:
    local, domain = person.email.split("@")
    if noise.hit("email_typo") and domain in _DOMAIN_TYPOS:
        domain = noise.pick(_DOMAIN_TYPOS[domain])
    email = f"{local}@{domain}"
    if noise.hit("email_case"):
        email = noise.pick((email.upper(), email.title(), local.capitalize() + "@" + domain))
    if noise.hit("email_wrap"):
        name = f"{person.first_name} {person.last_name}"
        email = noise.pick((f"mailto:{email}", f"{name} <{email}>", f'"{name}" <{email}>', f"{email}."))
    elif noise.hit("two_emails"):
        other = _new_email(noise.rng, person.iso, person.first_name, person.last_name, used)
        email = f"{email}{noise.pick(('; ', ' / ', ', ', ' ; '))}{other}"
    if noise.hit("email_spaces"):
        email = noise.pick((f" {email}", f"{email} ", f"  {email}  "))
    return email


def _format_french(noise: _Noise, phone: _Phone) -> str:
    number = phone.national_number
    national = "0" + number
    options: tuple[str, ...]
    if phone.country_code != "33":  # overseas: 0696 12 34 56
        options = (_pairs(national), f"0{phone.grouped}", national, f"+{phone.country_code} {phone.grouped}",
                   phone.e164, f"00{phone.country_code} {phone.grouped}")  # fmt: skip
        return noise.pick(options, (25, 30, 20, 10, 10, 5))
    mantissa = (number[0] + "." + number[1:]).rstrip("0").rstrip(".")
    options = (_pairs(national), national, _pairs(national).replace(" ", "."), _pairs(national).replace(" ", "-"),
               f"+33 {phone.grouped}", phone.e164, number, f"+33 (0){phone.grouped}", f"0033 {phone.grouped}",
               f"33{number}", f"{mantissa}E{len(number) - 1}", f"{number}.0")  # fmt: skip
    return noise.pick(options, (30, 20, 10, 3, 8, 5, 6, 3, 3, 3, 2, 4))


def _format_phone(noise: _Noise, phone: _Phone, *, country_shown: bool) -> str:
    if not noise.hit("phone_format"):
        return phone.e164
    if phone.country_code in ("33", "596", "590", "262"):
        return _format_french(noise, phone)
    code, grouped = phone.country_code, phone.grouped
    options = [f"+{code} {grouped}", phone.e164, f"00{code} {grouped}"]
    if phone.trunk_zero:
        options.append(f"+{code} (0){grouped}")
    if country_shown:  # a national number only makes sense next to its country
        options.append(f"0{grouped}" if phone.trunk_zero else grouped)
    return noise.pick(options)


def _messy_phone(noise: _Noise, row: _Row, *, country_shown: bool) -> str:
    phone = row.person.phone
    if phone is None or not row.has_phone:
        return noise.pick(_PHONE_PLACEHOLDERS) if noise.hit("phone_placeholder") else ""
    text = _format_phone(noise, phone, country_shown=country_shown)
    if noise.hit("two_phones"):
        person = row.person
        if person.iso in ("FR", *_OVERSEAS):
            other = _french_phone(noise.rng, person.iso, person.postal_code, landline=noise.rng.random() < 0.5)
        else:
            other = _foreign_phone(noise.rng, person.iso, person.city)
        text += noise.pick((" / ", ", ", " ; ", " ou ")) + _format_phone(noise, other, country_shown=country_shown)
    return text


def _messy_postcode(noise: _Noise, postal_code: str) -> str:
    if postal_code.isdigit():
        if postal_code.startswith("0") and noise.hit("postcode_zero"):
            return str(int(postal_code))
        if noise.hit("postcode_float"):
            return f"{int(postal_code)}.0"
        return postal_code
    if noise.hit("postcode_spacing"):  # SW1A 1AA, 1012 AB
        return noise.pick((postal_code.replace(" ", ""), postal_code.lower(), postal_code.replace(" ", "").lower()))
    return postal_code


def _messy_city(noise: _Noise, person: _Person) -> str:
    city = person.city
    if noise.hit("city_variant"):
        if person.iso not in ("FR", *_OVERSEAS):
            return noise.pick((city.upper(), city.lower()))
        short = city.replace("Saint-", "St-").replace("Sainte-", "Ste-") if noise.rng.random() < 0.5 else city
        city = noise.pick(
            (
                _strip_accents(short).upper().replace("-", " "),  # ST MALO, La Poste style
                _strip_accents(short).upper(),
                short.upper(),
                short.lower().replace("-", " "),  # clermont ferrand
                short.replace("-", " "),
            ),
            (35, 15, 20, 15, 15),
        )
    return _spaces(noise, city)


def _messy_country(noise: _Noise, iso: str) -> str:
    french = iso == "FR"
    if noise.hit("country_blank_fr" if french else "country_blank_foreign"):
        return ""
    if noise.hit("country_variant"):
        return noise.pick(_COUNTRY_SPELLINGS[iso])
    return _COUNTRY_NAMES[iso]


_CONSENT_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "oui": ("oui", "OUI", "Oui", "x", "X", "1", "true", "Y", "yes", "VRAI"),
    "non": ("non", "Non", "NON", "0", "false", "N", "no", "FAUX"),
    "": ("",),
}
_CIVILITY_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "M.": ("M", "M", "Mr", "MR", "Monsieur", "M."),
    "Mme": ("MME", "Madame", "Mlle", "Mme.", "Mme"),
}


def _messy_date(noise: _Noise, when: date) -> str:
    if not noise.hit("date_format"):
        return when.isoformat()
    day = "1er" if when.day == 1 else str(when.day)
    options = (
        when.strftime("%d/%m/%Y"),
        when.strftime("%d/%m/%y"),
        when.isoformat(),
        str((when - _EXCEL_EPOCH).days),
        f"{day} {_FRENCH_MONTHS[when.month - 1]} {when.year}",
        f"{when.isoformat()} 00:00:00",
        when.strftime("%d-%m-%Y"),
    )
    return noise.pick(options, (40, 15, 15, 10, 10, 5, 5))


def _messy_row(noise: _Noise, row: _Row, used: set[str]) -> dict[str, str]:
    person = row.person
    last, first = _messy_names(noise, person)
    country = _messy_country(noise, person.iso)
    civility = person.civility if row.civility_known else ""
    if civility and noise.hit("civility_variant"):
        civility = noise.pick(_CIVILITY_SPELLINGS[civility])
    consent = noise.pick(_CONSENT_SPELLINGS[row.consent]) if noise.hit("consent_variant") else row.consent
    cells = {
        "civility": civility,
        "last_name": last,
        "first_name": first,
        "email": _messy_email(noise, person, used) if row.has_email else "",
        "phone": _messy_phone(noise, row, country_shown=bool(country)),
        "address": _spaces(noise, person.address),
        "postal_code": _messy_postcode(noise, person.postal_code),
        "city": _messy_city(noise, person),
        "country": country,
        "contact_date": _messy_date(noise, row.contact_date),
        "consent": consent,
        "source": row.source,
    }
    if noise.hit("mojibake"):  # a batch imported with the wrong encoding
        for key in ("last_name", "first_name", "address", "city"):
            cells[key] = _mojibake(cells[key])
    return cells


def _truth_row(row: _Row) -> dict[str, str]:
    person = row.person
    return {
        "email": person.email if row.has_email else "",
        "phone": person.phone.e164 if person.phone is not None and row.has_phone else "",
        "postal_code": person.postal_code,
        "city": person.city,
        "country": _COUNTRY_NAMES[person.iso],
        "consent": row.consent,
        "civility": person.civility if row.civility_known else "",
        "last_name": person.last_name.upper(),
        "first_name": person.first_name,
        "contact_date": row.contact_date.isoformat(),
    }


def _check_arguments(n_people: int, duplicate_rate: float, noise: float, columns: str) -> None:
    if n_people < 0:
        raise ValueError(f"n_people must be >= 0, not {n_people}")
    if not 0.0 <= duplicate_rate <= 1.0:
        raise ValueError(f"duplicate_rate must be between 0 and 1, not {duplicate_rate}")
    if noise < 0.0:
        raise ValueError(f"noise must be >= 0, not {noise}")
    if columns not in HEADER_SETS:
        raise ValueError(f"columns must be one of {sorted(HEADER_SETS)}, not {columns!r}")


def generate_export(
    n_people: int = 200,
    *,
    seed: int = 0,
    duplicate_rate: float = 0.25,
    noise: float = 1.0,
    columns: Literal["fr", "en", "crm"] = "fr",
) -> GeneratedExport:
    """Invent ``n_people`` visitors and the messy export an office would hold about them.

    ``duplicate_rate`` of the people appear two to four times (each copy with its own noise, sometimes
    without email or phone, sometimes an older contact date); some people share a household (same address,
    phone and surname) or a name (namesakes elsewhere in France) without being duplicates. ``noise`` scales
    every kind of mess: 0 gives an export whose cells equal ``truth``, 2 doubles every rate. ``columns``
    picks the header set (:data:`HEADER_SETS`); ``"crm"`` adds a unique ``N° contact`` column.

    In ``truth``, a cell holding two emails or two phones has the first one as its value; a blank country
    still has the person's country (grc infers it), a blank civility or consent stays "".

    Examples:
        >>> export = generate_export(30, seed=1)
        >>> len(export.messy) == len(export.truth) == len(export.person_id)
        True
        >>> export.truth.columns.tolist()[:3]
        ['email', 'phone', 'postal_code']
        >>> clean = generate_export(30, seed=1, noise=0)
        >>> bool((clean.messy["Code postal"] == clean.truth["postal_code"]).all())
        True
    """
    _check_arguments(n_people, duplicate_rate, noise, columns)
    people = _make_people(random.Random(f"grc-samplegen:{seed}:people"), n_people)
    rows = _make_rows(random.Random(f"grc-samplegen:{seed}:rows"), people, duplicate_rate)
    noise_rng = random.Random(f"grc-samplegen:{seed}:noise")
    used = {person.email for person in people}
    cells = [_messy_row(_Noise(noise_rng, noise), row, used) for row in rows]

    headers = HEADER_SETS[columns]
    index = pd.RangeIndex(len(rows))
    data: dict[str, list[str]] = {}
    if "record_id" in headers:
        ids = random.Random(f"grc-samplegen:{seed}:ids").sample(range(100_000, 1_000_000), len(rows))
        data[headers["record_id"]] = [str(record_id) for record_id in ids]
    for name, header in headers.items():
        if name != "record_id":
            data[header] = [row_cells[name] for row_cells in cells]
    messy = pd.DataFrame(data, index=index, columns=list(headers.values()))
    truth_rows = [_truth_row(row) for row in rows]
    truth = pd.DataFrame({name: [t[name] for t in truth_rows] for name in TRUTH_COLUMNS}, index=index)
    person_id = pd.Series([row.person.person_id for row in rows], index=index, name="person_id", dtype="int64")
    header_fields = {header: name for name, header in headers.items() if name != "source"}
    return GeneratedExport(messy, truth, person_id, header_fields)


#: Seed of the export committed as ``samples/visitors-sample.csv`` and ``.xlsx``.
SAMPLE_SEED = 2024


def sample_export() -> GeneratedExport:
    """The export behind ``samples/visitors-sample.*`` (about 300 rows), truth included.

    ``scripts/make_samples.py`` writes it; tests that read the sample files compare with its ``truth``.

    Examples:
        >>> sample_export().messy.shape[1]
        12
    """
    return generate_export(200, seed=SAMPLE_SEED)
