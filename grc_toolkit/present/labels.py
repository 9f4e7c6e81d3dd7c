"""Every word of the workbook and the terminal that is not a rule's wording (those are in
:mod:`grc_toolkit.messages`): sheet names, column headers, report labels, pair reasons. French, then English.

One home: :mod:`grc_toolkit.dedupe.decisions` reads a reviewed sheet back with these same labels.
"""

from __future__ import annotations

#: Sheet names of the written workbook.
SHEETS: dict[str, tuple[str, str]] = {
    "data": ("Contacts", "Contacts"),
    "readme": ("Lisez-moi", "Read me"),
    "changes": ("Modifications", "Changes"),
    "duplicates": ("Doublons", "Duplicates"),
    "review": ("À vérifier", "To review"),
    "report": ("Rapport", "Report"),
    "grc_columns": ("Colonnes grc", "grc columns"),
}
#: Headers of the Modifications sheet, by key of :attr:`grc_toolkit.pipeline.PipelineResult.changes`.
CHANGE_HEADERS: dict[str, tuple[str, str]] = {
    "row": ("Ligne d'origine", "Source row"),
    "contacts_row": ("Ligne dans Contacts", "Row in Contacts"),
    "column": ("Colonne", "Column"),
    "before": ("Avant", "Before"),
    "after": ("Après", "After"),
    "rule": ("Règle", "Rule"),
}
#: Headers of the Doublons sheet.
GROUP_HEADERS: dict[str, tuple[str, str]] = {
    "row": ("Ligne dans Contacts", "Row in Contacts"),
    "source_rows": ("Lignes d'origine", "Source rows"),
    "probability": ("Probabilité", "Probability"),
    "reason": ("Raison", "Reason"),
    "decision": ("Décision (séparer)", "Decision (separate)"),
    "fingerprint": ("Empreinte", "Fingerprint"),
    "group_prints": ("Empreintes du groupe", "Group fingerprints"),
}
#: The word the Doublons sheet's Décision drop-down offers: ``séparer`` on a group's first line undoes the group,
#: on a record's line takes that record out of it.
SEPARATE_CHOICES = (("séparer",), ("separate",))
#: Headers of the À vérifier sheet (the records' fields come between ``reason`` and ``decision``).
REVIEW_HEADERS: dict[str, tuple[str, str]] = {
    "row_a": ("Ligne d'origine A", "Source row A"),
    "row_b": ("Ligne d'origine B", "Source row B"),
    "probability": ("Probabilité", "Probability"),
    "reason": ("Raison", "Reason"),
    "rule": ("Gardées à part par", "Kept apart by"),
    "decision": ("Décision (fusionner / distinct)", "Decision (merge / distinct)"),
    "fingerprint_a": ("Empreinte A", "Fingerprint A"),
    "fingerprint_b": ("Empreinte B", "Fingerprint B"),
}
#: Why a pair to review was kept in two groups, by rule code (:data:`grc_toolkit.dedupe.rules.RULES`; "" when the
#: model alone was not sure enough).
RULE_WORDS: dict[str, tuple[str, str]] = {
    "": ("probabilité sous le seuil de fusion", "probability under the merge threshold"),
    "person_and_organisation": (
        "une organisation sans nom de personne et une personne sans organisation",
        "an organisation without a person's name and a person with no organisation",
    ),
    "household": (
        "même foyer possible : prénoms différents, noms proches",
        "possibly one household: different first names, related surnames",
    ),
    "twins": (
        "jumeaux ou frères et sœurs possibles : même nom et même date de naissance, prénoms différents",
        "possible twins or siblings: same surname and birth date, different first names",
    ),
    "first_names_differ": ("prénoms différents", "different first names"),
    "civility_differs": ("civilités contraires", "contradicting titles"),
    "parent_child": (
        "parent et enfant possibles : même nom, naissances à plus de 15 ans d'écart",
        "possibly parent and child: same name, births more than 15 years apart",
    ),
    "neighbours": (
        "voisins possibles : même rue, numéros différents",
        "possible neighbours: same street, different house numbers",
    ),
    "address_only": (
        "seule l'adresse est commune : ni nom, ni courriel, ni téléphone, ni date de naissance",
        "only the address in common: no name, email, phone or birth date",
    ),
    "last_names_differ": ("noms différents", "different last names"),
    "birth_dates_differ": ("dates de naissance différentes", "different birth dates"),
    "namesake_contacts_differ": (
        "homonymes possibles : courriels et téléphones ou adresses différents",
        "possible namesakes: different emails and phones or addresses",
    ),
    "addresses_differ": (
        "homonymes possibles : adresses différentes, ni courriel, ni téléphone, ni date de naissance communs",
        "possible namesakes: different addresses, no email, phone or birth date in common",
    ),
    "places_differ": (
        "homonymes possibles : deux villes, ni courriel, ni téléphone, ni date de naissance communs",
        "possible namesakes: two towns, no email, phone or birth date in common",
    ),
    "organisations_differ": (
        "organisations différentes, sans nom de personne en commun",
        "different organisations, no person's name in common",
    ),
    "branches": (
        "deux sites d'une même organisation possibles : même téléphone ou courriel, adresses différentes",
        "possibly two sites of one organisation: same phone or email, different addresses",
    ),
    "identity_numbers_differ": ("numéros d'identité différents", "different identity numbers"),
    "decided_distinct": ("décision : distinct", "decision: distinct"),
}
#: The last line of the À vérifier sheet when ``--review-limit`` left pairs out ({count}: how many).
MORE_PENDING = (
    "{count} autres paires en attente : relancez après avoir décidé celles-ci",
    "{count} more pairs waiting: run again once these are decided",
)
#: The words the Décision column's drop-down list offers (:func:`grc_toolkit.dedupe.decisions.read_decisions`).
DECISION_CHOICES = (("fusionner", "distinct"), ("merge", "distinct"))
#: The reason of a review line carrying an earlier decision (:func:`grc_toolkit.present.workbook.decided_rows`).
CARRIED = ("décision déjà prise", "decision already made")
CARRIED_GONE = ("décision déjà prise, fiche absente de cet export", "decision already made, record not in this export")
#: The word a carried decision is written with (the Décision column reads it back), by "merge".
SAID_WORDS: dict[bool, tuple[str, str]] = {True: ("fusionner", "merge"), False: ("distinct", "distinct")}

#: What two records share, by comparison field and level (see :mod:`grc_toolkit.dedupe.compare`).
PAIR_REASONS: dict[tuple[str, int], tuple[str, str]] = {
    ("email", 2): ("même courriel", "same email"),
    ("email", 1): ("courriel proche", "similar email"),
    ("phone", 2): ("même téléphone", "same phone"),
    ("phone", 1): ("téléphone proche", "similar phone"),
    ("last", 3): ("même nom", "same last name"),
    ("last", 2): ("nom proche", "similar last name"),
    ("last", 1): ("nom proche", "similar last name"),
    ("first", 3): ("même prénom", "same first name"),
    ("first", 2): ("prénom abrégé", "shortened first name"),
    ("first", 1): ("prénom proche", "similar first name"),
    ("postal_code", 2): ("même code postal", "same postcode"),
    ("address", 2): ("même adresse", "same address"),
    ("address", 1): ("adresse proche", "similar address"),
    ("birth_date", 2): ("même date de naissance", "same birth date"),
    ("birth_date", 1): ("date de naissance proche", "similar birth date"),
    ("personal_id", 2): ("même n° d'identité", "same identity number"),
    ("personal_id", 1): ("n° d'identité proche", "similar identity number"),
    ("organisation", 2): ("même organisation", "same organisation"),
    ("organisation", 1): ("organisation proche", "similar organisation"),
}
SWAPPED = ("noms inversés", "names swapped")
#: The order in which a pair's reasons are said.
REASON_ORDER = (
    "personal_id",
    "email",
    "phone",
    "last",
    "first",
    "organisation",
    "birth_date",
    "postal_code",
    "address",
)

#: ``grc explain``: the comparison fields, and the words for levels :data:`PAIR_REASONS` does not name.
EXPLAIN_FIELDS: dict[str, tuple[str, str]] = {
    "last": ("Nom", "Last name"),
    "first": ("Prénom", "First name"),
    "civility": ("Civilité", "Title"),
    "email": ("Courriel", "Email"),
    "phone": ("Téléphone", "Phone"),
    "postal_code": ("Code postal", "Postcode"),
    "address": ("Adresse", "Address"),
    "birth_date": ("Date de naissance", "Birth date"),
    "personal_id": ("N° d'identité", "Identity number"),
    "organisation": ("Organisation", "Organisation"),
}
#: A field that disagrees, in the one-sentence explanation ("ville différente (−2,0)").
DIFFERENT_WORDS: dict[str, tuple[str, str]] = {
    "last": ("nom différent", "different last name"),
    "first": ("prénom différent", "different first name"),
    "civility": ("civilité différente", "different title"),
    "email": ("courriel différent", "different email"),
    "phone": ("téléphone différent", "different phone"),
    "postal_code": ("code postal différent", "different postcode"),
    "city": ("ville différente", "different town"),
    "address": ("adresse différente", "different address"),
    "birth_date": ("date de naissance différente", "different birth date"),
    "personal_id": ("n° d'identité différent", "different identity number"),
    "organisation": ("organisation différente", "different organisation"),
}
#: Agreements :data:`PAIR_REASONS` does not name (same title...).
SAME_WORDS: dict[str, tuple[str, str]] = {
    "civility": ("même civilité", "same title"),
    "city": ("même ville", "same town"),
}
LEVEL_WORDS: dict[int, tuple[str, str]] = {-1: ("vide d'un côté", "blank on one side"), 0: ("différent", "different")}
SAME = ("identique", "same")
EXPLAIN_HEADERS = (("Champ", "Field"), ("Ligne {a}", "Row {a}"), ("Ligne {b}", "Row {b}"), ("Accord", "Agreement"))
EXPLAIN_WEIGHT = ("Poids", "Weight")
MODEL_HEADERS = (("Champ", "Field"), ("Accord", "Agreement"))
#: Levels the model table names apart where :data:`PAIR_REASONS` words two levels alike.
MODEL_LEVEL_WORDS: dict[tuple[str, int], tuple[str, str]] = {
    ("last", 1): ("nom ressemblant", "resembling last name"),
    ("last", 2): ("nom à une faute près", "last name a typo apart"),
    ("postal_code", 1): ("même département", "same département"),
}
MODEL_SUMMARY = (
    "Moteur {engine}, appris sur {pairs} paires candidates, dont {prior} semblent une même personne",
    "Engine {engine}, learnt on {pairs} candidate pairs, {prior} of which look like one person",
)
VERDICT: dict[str, tuple[str, str]] = {
    "probability": (
        "Probabilité d'être la même personne : {:.1%} — {}",
        "Probability of being one person: {:.1%} — {}",
    ),
    "merged": ("même personne (fusionnées)", "same person (merged)"),
    "apart": ("gardées séparées", "kept apart"),
    "not_compared": (
        "Aucune fiche du fichier ne partage de courriel, de téléphone, de nom ou d'adresse : rien n'a été "
        "comparé ni appris, ces deux lignes restent deux fiches.",
        "No two records of the file share an email, phone, name or address: nothing was compared or "
        "learnt, these two rows stay two records.",
    ),
}

#: The report (terminal, ``Rapport`` sheet).
REPORT_LABELS: dict[str, tuple[str, str]] = {
    "file": ("Fichier", "File"),
    "output": ("Fichier produit", "Output file"),
    "format": ("Format", "Format"),
    "encoding": ("Encodage", "Encoding"),
    "delimiter": ("Séparateur", "Delimiter"),
    "sheet": ("Feuille", "Sheet"),
    "header_row": ("Ligne d'en-tête", "Header row"),
    "rows_in": ("Lignes lues", "Rows read"),
    "rows_out": ("Lignes écrites", "Rows written"),
    "erased_people": ("Personnes effacées non réimportées", "Erased people not imported again"),
    "erased_rows": ("Lignes de personnes effacées retirées", "Rows of erased people left out"),
    "duplicates_merged": ("Doublons fusionnés", "Duplicates merged"),
    "duplicate_groups": ("Personnes en double", "People with duplicates"),
    "pairs_to_review": ("Paires à vérifier", "Pairs to review"),
    "pairs_shown": ("Paires montrées dans « À vérifier »", "Pairs shown in 'To review'"),
    "changes": ("Cellules modifiées", "Cells changed"),
    "rows_with_issues": ("Lignes avec un problème restant", "Rows with a remaining issue"),
    "quality": ("Qualité moyenne (0-100)", "Mean quality (0-100)"),
    "column": ("Colonne", "Column"),
    "field": ("Champ reconnu", "Recognised field"),
    "valid": ("Valides", "Valid"),
    "corrected": ("Corrigées", "Corrected"),
    "invalid": ("Invalides", "Invalid"),
    "empty": ("Vides", "Empty"),
    "warnings": ("Avertissements", "Warnings"),
    "indicator": ("Indicateur", "Indicator"),
    "value": ("Valeur", "Value"),
    "cleaned_fields": ("Champs nettoyés", "Cleaned fields"),
}


def word(pair: tuple[str, str], lang: str = "fr") -> str:
    """The French (default) or English one of a pair of words."""
    return pair[1] if lang == "en" else pair[0]


def label(key: str, lang: str = "fr") -> str:
    """A report label."""
    return word(REPORT_LABELS[key], lang)


#: Headers of the Lisez-moi sheet.
README_HEADERS = (("Feuille ou colonne", "Sheet or column"), ("Ce qu'elle contient", "What it holds"))
#: The Lisez-moi sheet, line by line: what each sheet, each numbering and each ``grc_`` column holds. A line is
#: written when its sheet or column is in the workbook (the numbering lines always).
README_LINES: dict[str, tuple[str, str]] = {
    "data": (
        "Vos contacts nettoyés, une ligne par personne une fois les doublons fusionnés : vos colonnes, dans le même "
        "ordre, avec les valeurs corrigées, puis les colonnes grc_ décrites plus bas. Les cellules sur fond jaune "
        "pâle sont celles que grc a modifiées (la feuille Modifications dit ce qu'elles valaient avant). C'est la "
        "feuille à réimporter dans votre logiciel.",
        "Your cleaned contacts, one row per person once duplicates are merged: your columns, in the same order, "
        "with corrected values, then the grc_ columns described below. Cells on a pale yellow background are those "
        "grc changed (the Changes sheet says what they were before). This is the sheet to import back into your "
        "software.",
    ),
    "changes": (
        "Chaque cellule modifiée : sa ligne d'origine, sa ligne dans Contacts (cliquez le numéro pour aller à la "
        "cellule), la colonne, la valeur avant et après, et la règle appliquée.",
        "Every changed cell: its source row, its row in Contacts (click the number to go to the cell), the "
        "column, the value before and after, and the rule applied.",
    ),
    "duplicates": (
        "Les fiches fusionnées en une seule : pour chaque groupe, une ligne avec sa ligne dans Contacts, ses lignes "
        "d'origine, la probabilité et la raison, puis une ligne par fiche d'origine avec ce qu'elle contenait. Si "
        "grc a eu tort, écrivez séparer dans la colonne Décision : sur la première ligne du groupe, ses fiches "
        "restent séparées (sauf celles identiques en nom, prénom, courriel, téléphone et code postal) ; sur la "
        "ligne d'une fiche, seule celle-ci sort du groupe. Relancez ensuite grc avec --decisions ce classeur.",
        "The records merged into one: for each group, a line with its row in Contacts, its source rows, the "
        "probability and the reason, then one line per source record with what it held. If grc was wrong, write "
        "separate in the Decision column: on the group's first line, its records stay apart (except those "
        "identical in name, first name, email, phone and postcode); on a record's line, only that record leaves "
        "the group. Then run grc again with --decisions this workbook.",
    ),
    "review": (
        "Les paires de fiches qui sont peut-être la même personne, que grc n'a pas fusionnées, les plus utiles à "
        "trancher d'abord. Écrivez fusionner ou distinct dans la colonne Décision, enregistrez, puis relancez grc "
        "avec --decisions ce classeur et -o un nouveau nom : vos décisions sont appliquées et reportées dans le "
        "nouveau classeur, et valent aussi pour les exports suivants.",
        "Pairs of records that may be the same person, which grc did not merge, the most useful to decide first. "
        "Write merge or distinct in the Decision column, save, then run grc again with --decisions this workbook "
        "and -o a new name: your decisions are applied and carried into the new workbook, and hold for later "
        "exports too.",
    ),
    "report": (
        "Le résumé chiffré : lignes lues et écrites, cellules modifiées, doublons, qualité moyenne, puis les "
        "comptes par colonne nettoyée.",
        "The summary in figures: rows read and written, changed cells, duplicates, average quality, then the "
        "counts per cleaned column.",
    ),
    "grc_columns": (
        "Les colonnes grc_ de chaque contact, écrites à part (--keep-columns original) pour que Contacts ne garde "
        "que vos colonnes : la première colonne donne sa ligne dans Contacts.",
        "Each contact's grc_ columns, written apart (--keep-columns original) so that Contacts keeps only your "
        "columns: the first column gives its row in Contacts.",
    ),
    "source_row": (
        "Le numéro de ligne dans votre fichier d'origine, tel que votre tableur l'affiche (l'en-tête est la ligne "
        "1) ; avec plusieurs fichiers, fichier:ligne.",
        "The row number in your original file, as your spreadsheet shows it (the header is row 1); with several "
        "files, file:row.",
    ),
    "contacts_row": (
        "Le numéro de ligne dans la feuille Contacts de ce classeur (plusieurs lignes d'origine fusionnées n'en "
        "font qu'une).",
        "The row number in this workbook's Contacts sheet (several merged source rows make one).",
    ),
    "fingerprint": (
        "Colonnes grises et masquées : elles permettent à grc de retrouver les fiches au prochain passage. Ne les "
        "modifiez pas.",
        "Grey, hidden columns: they let grc find the records again next time. Leave them as they are.",
    ),
    "grc_source_rows": (
        "Les lignes d'origine de la fiche, séparées par « ; » quand des doublons ont été fusionnés.",
        "The record's source rows, separated by ';' when duplicates were merged.",
    ),
    "grc_quality": (
        "La qualité de la fiche, de 0 à 100 : courriel et téléphone valides d'abord, puis nom, prénom, "
        "consentement et adresse.",
        "The record's quality, 0 to 100: valid email and phone first, then last name, first name, consent and address.",
    ),
    "grc_issues": (
        "Ce qui reste à vérifier à la main (adresse invalide, adresse générique ou jetable, numéro douteux…). "
        "Effacez-le une fois la fiche corrigée.",
        "What is left to check by hand (invalid, generic or throwaway address, doubtful number…). Clear it once "
        "the record is fixed.",
    ),
    "grc_other_emails": (
        "Les autres adresses e-mail de la personne, trouvées dans la même cellule ou chez ses doublons.",
        "The person's other email addresses, found in the same cell or in their duplicates.",
    ),
    "grc_other_phones": (
        "Les autres numéros de la personne, trouvés dans la même cellule ou chez ses doublons.",
        "The person's other phone numbers, found in the same cell or in their duplicates.",
    ),
    "grc_other_values": (
        "Ce que les fiches fusionnées disaient d'autre dans les colonnes non reconnues (colonne : valeur).",
        "What the merged records said otherwise in the unrecognised columns (column: value).",
    ),
    "grc_household": (
        "Un numéro de foyer commun aux personnes qui vivent ensemble (même adresse, personnes différentes).",
        "A household number shared by people who live together (same address, different people).",
    ),
    "grc_line_type": ("Le type du téléphone : mobile ou fixe.", "The phone's type: mobile or landline."),
    "grc_first_contact": (
        "La date du premier contact connu, la plus ancienne des fiches fusionnées.",
        "The date of the first known contact, the oldest of the merged records.",
    ),
    "grc_contact_count": (
        "Le nombre de fiches d'origine réunies dans celle-ci.",
        "The number of source records brought together in this one.",
    ),
    "grc_source_ids": (
        "Les identifiants d'origine des fiches fusionnées (colonne d'identifiant de l'export).",
        "The source identifiers of the merged records (the export's identifier column).",
    ),
    "grc_source_file": (
        "Le ou les fichiers d'où vient la fiche (dédoublonnage de plusieurs fichiers).",
        "The file or files the record comes from (deduplicating several files).",
    ),
}
#: The Lisez-moi line naming the two row numberings and the fingerprints (first cell of those lines).
README_NAMES: dict[str, tuple[str, str]] = {
    "source_row": ("Ligne d'origine", "Source row"),
    "contacts_row": ("Ligne dans Contacts", "Row in Contacts"),
    "fingerprint": ("Empreinte", "Fingerprint"),
}

#: ``grc score``: the figures of a file's quality (:class:`grc_toolkit.results.QualityReport`).
SCORE_LABELS: dict[str, tuple[str, str]] = {
    "file": ("Fichier", "File"),
    "office": ("Office", "Office"),
    "rows": ("Lignes lues", "Rows read"),
    "people": ("Personnes (doublons fusionnés)", "People (duplicates merged)"),
    "score": ("Score du fichier (0-100)", "File score (0-100)"),
    "grade": ("Note", "Grade"),
    "record_score": ("Qualité moyenne des fiches (0-100)", "Mean record quality (0-100)"),
    "as_of": ("Fraîcheur comptée au", "Freshness counted on"),
    "dimensions": ("Dimensions (0-100)", "Dimensions (0-100)"),
    "dimension": ("Dimension", "Dimension"),
    "weight": ("Poids", "Weight"),
    "problems": ("Problèmes", "Problems"),
    "no_problem": ("Aucun problème relevé.", "No problem found."),
}
#: Where ``as_of`` comes from.
AS_OF_SOURCES: dict[str, tuple[str, str]] = {"option": ("--as-of", "--as-of"), "today": ("date du jour", "today")}
#: The dimensions of a file's quality.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "completeness": ("Complétude", "Completeness"),
    "validity": ("Validité", "Validity"),
    "uniqueness": ("Unicité", "Uniqueness"),
    "consistency": ("Cohérence", "Consistency"),
    "freshness": ("Fraîcheur", "Freshness"),
    "consent": ("Consentement connu", "Consent known"),
}
#: A file's problems, by code ({column}, {value}, {share}, {count}, {years}, {missing}).
PROBLEM_WORDS: dict[str, tuple[str, str]] = {
    "default_value": (
        "{column} : « {value} » sur {share} des lignes, valeur par défaut du formulaire ?",
        "{column}: '{value}' on {share} of the rows, a form's default value?",
    ),
    "invalid_values": (
        "{column} : {share} des valeurs remplies sont invalides ({count})",
        "{column}: {share} of the filled values are invalid ({count})",
    ),
    "missing_field": ("Aucune colonne {missing}", "No column {missing}"),
    "stale": (
        "{count} lignes ({share}) sans contact depuis plus de {years} ans (limite de la CNIL pour la prospection)",
        "{count} rows ({share}) without contact for more than {years} years (the CNIL's limit for prospects)",
    ),
    "duplicates": ("{count} lignes en double ({share})", "{count} duplicate rows ({share})"),
}
#: What a file without a column of this group (:data:`grc_toolkit.quality.COMPLETENESS_GROUPS`) lacks.
MISSING_GROUPS: dict[str, tuple[str, str]] = {
    "reach": (
        "de courriel ni de téléphone : personne n'est joignable",
        "for an email or a phone: nobody can be reached",
    ),
    "name": ("de nom : les personnes ne sont pas identifiées", "for a name: people are not identified"),
    "place": ("de code postal, de ville ni de pays", "for a postcode, a town or a country"),
    "consent": (
        "de consentement : l'accord de personne n'est connu",
        "for consent: nobody's agreement is known",
    ),
    "date": (
        "de date de contact : la fraîcheur des fiches ne peut pas être mesurée",
        "for a contact date: the records' freshness cannot be measured",
    ),
}
#: ``grc history``'s table and the HTML page's words.
HISTORY_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Historique des passages", "History of runs"),
    "office": ("Office", "Office"),
    "score": ("Dernier score", "Last score"),
    "grade": ("Note", "Grade"),
    "trend": ("Tendance", "Trend"),
    "scale": (
        "Tendance : le score de chaque passage, du plus ancien au plus récent, en barres de 0 (▁) à 100 (█).",
        "Trend: the score of each run, oldest first, as bars from 0 (▁) to 100 (█).",
    ),
    "runs": ("Passages", "Runs"),
    "first": ("Premier", "First"),
    "last": ("Dernier", "Last"),
    "empty": ("Aucun passage dans l'historique {path}.", "No run in the history {path}."),
    "no_office": (
        "Aucun passage de l'office « {office} » dans l'historique {path}.",
        "No run of the office '{office}' in the history {path}.",
    ),
}
#: The words of the HTML page of ``grc audit`` (:mod:`grc_toolkit.present.html`).
PAGE_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Qualité des fichiers de contacts", "Quality of the contact files"),
    "made_on": ("Bilan du {date}", "Report of {date}"),
    "as_of": ("fraîcheur comptée au {date}", "freshness counted on {date}"),
    "offices": ("Offices", "Offices"),
    "office": ("Office", "Office"),
    "file": ("Fichier", "File"),
    "grade": ("Note", "Grade"),
    "score": ("Score", "Score"),
    "rows": ("Lignes", "Rows"),
    "people": ("Personnes", "People"),
    "problems": ("Principaux problèmes :", "Main problems:"),
    "no_problem": ("aucun", "none"),
    "score_chart": ("Score par office (0-100)", "Score per office (0-100)"),
    "dimension_chart": ("Dimensions par office (0-100)", "Dimensions per office (0-100)"),
    "overlap": ("Personnes communes entre offices", "People shared between offices"),
    "three_or_more": (
        "{count} personnes sont dans trois fichiers ou plus.",
        "{count} people are in three files or more.",
    ),
    "no_overlap": ("Un seul office : pas de personnes communes à compter.", "One office: no shared people to count."),
    "trend_chart": ("Évolution du score (historique)", "Score over time (history)"),
    "no_history": (
        "Pas encore d'historique : la courbe apparaîtra après deux passages.",
        "No history yet: the chart appears after two runs.",
    ),
    "chart_alt": ("Graphique : ", "Chart: "),
}
