"""``grc retention`` in words: its sheets (who to delete, who to ask again, whose date is unknown), their
headers, the summary's labels and warnings.

Each list holds what a person needs to act in the office's software and no more: the action, the export's rows
(``grc_source_rows``), the identifiers, the name, the email (to ask again), the consent, the last contact and the
day the retention period ends.
"""

from __future__ import annotations

import pandas as pd

from grc_toolkit.present.labels import word
from grc_toolkit.retention import EXPIRED, EXPIRING, FRESH, RENEW, UNDATED, Period, retention_end

#: One sheet per listed state, in this order (a CSV output holds them one after the other).
RETENTION_SHEETS: dict[str, tuple[str, str]] = {
    EXPIRED: ("À supprimer", "To delete"),
    RENEW: ("À relancer", "To ask again"),
    UNDATED: ("Date inconnue", "Unknown date"),
}
#: The action of each listed state, first column of every sheet.
ACTIONS: dict[str, tuple[str, str]] = {
    EXPIRED: (
        "supprimer ou anonymiser : durée de conservation dépassée",
        "delete or anonymise: retention period over",
    ),
    RENEW: (
        "redemander le consentement avant la fin de conservation",
        "ask for consent again before the end of retention",
    ),
    UNDATED: (
        "vérifier la date du dernier contact (inconnue)",
        "check the last contact date (unknown)",
    ),
}
RETENTION_HEADERS: dict[str, tuple[str, str]] = {
    "action": ("Action", "Action"),
    "source_rows": ("Lignes d'origine", "Source rows"),
    "source_ids": ("Identifiants", "Identifiers"),
    "last_name": ("Nom", "Last name"),
    "first_name": ("Prénom", "First name"),
    "full_name": ("Nom complet", "Full name"),
    "organisation": ("Organisation", "Organisation"),
    "email": ("Courriel", "Email"),
    "consent": ("Consentement", "Consent"),
    "last_contact": ("Dernier contact", "Last contact"),
    "end": ("Fin de conservation", "End of retention"),
}
#: The summary's line of each state.
STATE_LABELS: dict[str, tuple[str, str]] = {
    EXPIRED: ("À supprimer (durée dépassée)", "To delete (period over)"),
    RENEW: ("À relancer (consentement)", "To ask again (consent)"),
    EXPIRING: ("Fin proche, sans consentement", "Ending soon, no consent"),
    UNDATED: ("Date de contact inconnue", "Contact date unknown"),
    FRESH: ("Dans la durée", "Within the period"),
}
RETENTION_LABELS: dict[str, tuple[str, str]] = {
    "file": ("Fichier", "File"),
    "rows": ("Lignes lues", "Rows read"),
    "people": ("Personnes", "People"),
    "as_of": ("Date de référence", "Reference date"),
    "retention": ("Durée de conservation", "Retention period"),
    "notice": ("Relance", "Notice"),
    "notice_words": ("fin de conservation dans les {notice}", "retention ending within {notice}"),
    "output": ("Fichier produit", "File written"),
}
RETENTION_WARNINGS: dict[str, tuple[str, str]] = {
    "no_date_column": (
        "Le fichier n'a pas de date de contact : la durée de conservation ne peut être vérifiée pour personne "
        "(tous dans « Date inconnue »).",
        "The file has no contact date: the retention period cannot be checked for anyone (all in 'Unknown date').",
    ),
    "no_consent_column": (
        "Le fichier n'a pas de colonne de consentement : personne n'est à relancer (on ne redemande pas un "
        "consentement jamais donné).",
        "The file has no consent column: nobody is to ask again (a consent never given is not renewed).",
    ),
}


def retention_sheets(
    persons: pd.DataFrame, states: pd.Series, present: frozenset[str], period: Period, lang: str = "fr"
) -> dict[str, pd.DataFrame]:
    """The three lists (:data:`RETENTION_SHEETS`), each in the export's order, every sheet with the same columns."""
    fields = ["source_rows"]
    if "record_id" in present or (persons["source_ids"] != "").any():
        fields.append("source_ids")
    fields += [name for name in ("last_name", "first_name", "full_name", "organisation") if name in present]
    fields += ["email", "consent"]
    ends = retention_end(persons["last_contact"], period)
    dates = persons["last_contact"].dt.strftime("%Y-%m-%d").fillna("").astype(object)
    sheets = {}
    for state, name in RETENTION_SHEETS.items():
        chosen = (states == state).to_numpy()
        part = persons[chosen]
        frame = pd.DataFrame({word(RETENTION_HEADERS["action"], lang): word(ACTIONS[state], lang)}, index=part.index)
        for column in fields:
            values = part[column]
            if column == "source_ids":
                values = values.where(values != "", part["record_id"])
            frame[word(RETENTION_HEADERS[column], lang)] = values
        frame[word(RETENTION_HEADERS["last_contact"], lang)] = dates[chosen]
        frame[word(RETENTION_HEADERS["end"], lang)] = ends[chosen]
        sheets[word(name, lang)] = frame.reset_index(drop=True)
    return sheets


__all__ = [
    "ACTIONS",
    "RETENTION_HEADERS",
    "RETENTION_LABELS",
    "RETENTION_SHEETS",
    "RETENTION_WARNINGS",
    "STATE_LABELS",
    "retention_sheets",
]
