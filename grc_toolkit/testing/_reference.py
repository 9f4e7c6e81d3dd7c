"""Reference data the sample generator draws from: places, names, streets, mail domains, noise rates.

Hand-checked commune/postcode pairs (La Poste); several postcodes serve two communes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

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
