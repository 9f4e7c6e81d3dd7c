"""``grc export`` in words: why each person was left out (the rejects file), the warnings and the summary's labels.

The rejects file holds what a person needs to find each one left out in the office's software, and no more: the
rows of the export they come from (``grc_source_rows``), their identifier when the export has one, their name,
their email, their last contact date when the file has dates, then the reason's code and its sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from grc_toolkit.present.labels import word

if TYPE_CHECKING:
    from grc_toolkit.export import ExportReport, Selection

#: One sentence per reason (:data:`grc_toolkit.export.REASONS`); ``{detail}`` is the selection's detail,
#: ``{period}`` the retention period, ``{as_of}`` the date it is counted at.
REASON_SENTENCES: dict[str, tuple[str, str]] = {
    "filter": ("écarté par --where {detail}", "left out by --where {detail}"),
    "consent.refused": (
        "consentement refusé (non) : pas de message marketing",
        "consent refused (non): no marketing message",
    ),
    "consent.missing": (
        "consentement inconnu (case vide) : un message marketing demande un oui",
        "consent unknown (blank cell): a marketing message needs a yes",
    ),
    "consent.no_column": (
        "le fichier n'a pas de colonne de consentement : un message marketing demande un oui",
        "the file has no consent column: a marketing message needs a yes",
    ),
    "retention.expired": (
        "dernier contact le {detail}, plus de {period} avant le {as_of} : durée de conservation dépassée",
        "last contact on {detail}, more than {period} before {as_of}: retention period over",
    ),
    "retention.undated": (
        "date du dernier contact inconnue : la durée de conservation ne peut pas être vérifiée",
        "last contact date unknown: the retention period cannot be checked",
    ),
    "email.missing": ("pas d'adresse courriel", "no email address"),
    "email.invalid": ("adresse courriel invalide", "invalid email address"),
    "email.unsafe": (
        "adresse courriel qui commence par = + - ou @ : un tableur l'exécuterait",
        "email address starting with = + - or @: a spreadsheet would run it",
    ),
    "email.role": (
        "adresse générique (contact@, info@…) : elle ne touche pas une personne, Mailchimp la refuse",
        "role address (contact@, info@…): it reaches no one person, Mailchimp refuses it",
    ),
    "email.disposable": ("adresse jetable (yopmail…)", "throwaway address (yopmail…)"),
    "email.duplicate": (
        "même adresse courriel qu'une personne déjà exportée (lignes d'origine {detail})",
        "same email address as a person already exported (source rows {detail})",
    ),
}
#: A few words per reason, for the summary's table.
REASON_LABELS: dict[str, tuple[str, str]] = {
    "filter": ("hors du filtre --where", "outside the --where filter"),
    "consent.refused": ("consentement refusé", "consent refused"),
    "consent.missing": ("consentement inconnu", "consent unknown"),
    "consent.no_column": ("pas de colonne de consentement", "no consent column"),
    "retention.expired": ("durée de conservation dépassée", "retention period over"),
    "retention.undated": ("date du dernier contact inconnue", "last contact date unknown"),
    "email.missing": ("pas d'adresse courriel", "no email address"),
    "email.invalid": ("adresse courriel invalide", "invalid email address"),
    "email.unsafe": ("adresse courriel dangereuse (= + - @)", "unsafe email address (= + - @)"),
    "email.role": ("adresse générique (contact@…)", "role address (contact@…)"),
    "email.disposable": ("adresse jetable", "throwaway address"),
    "email.duplicate": ("adresse déjà exportée", "address already exported"),
}
#: What a platform file changed in single fields (:class:`grc_toolkit.presets.PresetFrame`).
ADJUSTMENT_LABELS: dict[str, tuple[str, str]] = {
    "sms.not_mobile": (
        "numéros qui ne sont pas des portables : dans LANDLINE_NUMBER, pas dans SMS",
        "numbers that are not mobiles: in LANDLINE_NUMBER, not in SMS",
    ),
    "phone.invalid": (
        "personnes sans numéro valide : aucun numéro écrit",
        "people without a valid number: no number written",
    ),
    "sms.duplicate": (
        "portables déjà donnés à une autre personne : SMS laissé vide (Brevo refuse un numéro en double)",
        "mobiles already given to another person: SMS left blank (Brevo refuses a number twice)",
    ),
    "landline.duplicate": (
        "fixes partagés (un foyer) : LANDLINE_NUMBER laissé vide après la première personne",
        "shared landlines (a household): LANDLINE_NUMBER left blank after the first person",
    ),
    "ext_id.duplicate": (
        "identifiants en double : EXT_ID laissé vide après la première personne",
        "duplicate identifiers: EXT_ID left blank after the first person",
    ),
    "text.clipped": (
        "cellules coupées à 255 octets (limite de Mailchimp)",
        "cells cut at 255 bytes (Mailchimp's limit)",
    ),
}
WARNING_SENTENCES: dict[str, tuple[str, str]] = {
    "everyone": (
        "--all : ni le consentement ni la durée de conservation ne sont vérifiés. N'envoyez de message marketing "
        "qu'aux personnes dont vous avez le consentement par ailleurs.",
        "--all: neither consent nor the retention period is checked. Send marketing messages only to people "
        "whose consent you hold elsewhere.",
    ),
    "no_consent_column": (
        "Le fichier n'a pas de colonne de consentement : personne ne peut recevoir de message marketing. Si vous "
        "avez leur consentement ailleurs (formulaire, registre), relancez avec --all.",
        "The file has no consent column: nobody may receive a marketing message. If you hold their consent "
        "elsewhere (a form, a register), run again with --all.",
    ),
    "no_date_column": (
        "Le fichier n'a pas de date de contact : la durée de conservation ({period}) n'a pas pu être vérifiée.",
        "The file has no contact date: the retention period ({period}) could not be checked.",
    ),
    "retention_off": (
        "--retention none : la durée de conservation n'est pas vérifiée.",
        "--retention none: the retention period is not checked.",
    ),
    "undated_kept": (
        "--keep-undated : les personnes sans date de contact sont exportées sans vérifier la durée de conservation.",
        "--keep-undated: people without a contact date are exported without checking the retention period.",
    ),
    "no_where_column": (
        "Un champ de --where n'a pas de colonne dans le fichier : pour lui, tout le monde est vide.",
        "A --where field has no column in the file: for it, everybody is blank.",
    ),
    "no_split_column": (
        "Le fichier n'a pas de colonne pour --split-by {split} : tout le monde est dans un même fichier.",
        "The file has no column for --split-by {split}: everybody is in one file.",
    ),
    "nobody": (
        "Personne n'est exporté : le fichier des rejets dit pourquoi pour chacun.",
        "Nobody is exported: the rejects file says why for each person.",
    ),
}
#: Headers of the rejects file, by column of :func:`grc_toolkit.people.people` (``reason`` and ``sentence``
#: are the selection's).
REJECT_HEADERS: dict[str, tuple[str, str]] = {
    "source_rows": ("Lignes d'origine", "Source rows"),
    "source_ids": ("Identifiants", "Identifiers"),
    "last_name": ("Nom", "Last name"),
    "first_name": ("Prénom", "First name"),
    "full_name": ("Nom complet", "Full name"),
    "organisation": ("Organisation", "Organisation"),
    "email": ("Courriel", "Email"),
    "last_contact": ("Dernier contact", "Last contact"),
    "reason": ("Raison", "Reason"),
    "sentence": ("Explication", "Explanation"),
}
SUMMARY_LABELS: dict[str, tuple[str, str]] = {
    "file": ("Fichier", "File"),
    "to": ("Vers", "To"),
    "rows": ("Lignes lues", "Rows read"),
    "people": ("Personnes", "People"),
    "erased": ("Personnes effacées non réimportées", "Erased people not imported again"),
    "exported": ("Exportées", "Exported"),
    "left_out": ("Laissées de côté", "Left out"),
    "as_of": ("Date de référence", "Reference date"),
    "retention": ("Durée de conservation", "Retention period"),
    "not_checked": ("non vérifiée", "not checked"),
    "output": ("Fichier produit", "File written"),
    "outputs": ("Fichiers produits", "Files written"),
    "rejects": ("Rejets", "Rejects"),
    "why": ("Pourquoi", "Why"),
    "count": ("Personnes", "People"),
    "segment": ("Segment", "Segment"),
    "adjusted": ("Champs ajustés", "Fields adjusted"),
}


def reason_sentence(code: str, detail: str, lang: str = "fr", *, period: str = "", as_of: str = "") -> str:
    """One left-out person's reason in a sentence.

    Examples:
        >>> reason_sentence("retention.expired", "2019-03-04", period="3 ans", as_of="2025-07-01")
        'dernier contact le 2019-03-04, plus de 3 ans avant le 2025-07-01 : durée de conservation dépassée'
        >>> reason_sentence("filter", "pays=Allemagne", "en")
        'left out by --where pays=Allemagne'
    """
    return word(REASON_SENTENCES[code], lang).format(detail=detail, period=period, as_of=as_of)


def rejects_sheet(
    persons: pd.DataFrame,
    selection: Selection,
    present: frozenset[str],
    lang: str = "fr",
    *,
    period: str = "",
    as_of: str = "",
) -> pd.DataFrame:
    """One row per person left out, in the export's order: where to find them, the reason's code and sentence
    (``period``, the retention period in words, and ``as_of`` go into the retention's sentence)."""
    out = selection.reason != ""
    chosen = persons[out.to_numpy()]
    columns = ["source_rows"]
    if (chosen["source_ids"] != "").any() or "record_id" in present:
        columns.append("source_ids")
    columns += [name for name in ("last_name", "first_name", "full_name", "organisation") if name in present]
    columns.append("email")
    frame = pd.DataFrame({word(REJECT_HEADERS[c], lang): _ids(chosen, c) for c in columns}, index=chosen.index)
    if "last_contact" in present:
        dates = chosen["last_contact"].dt.strftime("%Y-%m-%d").fillna("").astype(object)
        frame[word(REJECT_HEADERS["last_contact"], lang)] = dates
    reasons, details = selection.reason[out], selection.detail[out]
    frame[word(REJECT_HEADERS["reason"], lang)] = reasons
    sentences = [
        reason_sentence(code, str(detail), lang, period=period, as_of=as_of)
        for code, detail in zip(reasons, details, strict=True)
    ]
    frame[word(REJECT_HEADERS["sentence"], lang)] = sentences
    return frame.reset_index(drop=True)


def _ids(chosen: pd.DataFrame, column: str) -> pd.Series:
    if column == "source_ids":  # the merged records' identifiers, else the one the record has
        return chosen["source_ids"].where(chosen["source_ids"] != "", chosen["record_id"])
    return chosen[column]


def warning_text(code: str, lang: str = "fr", **values: str) -> str:
    """A run's warning in a sentence (:data:`grc_toolkit.export.WARNINGS`)."""
    return word(WARNING_SENTENCES[code], lang).format(**values)


def warnings_of(report: ExportReport, lang: str = "fr", *, period: str = "") -> list[str]:
    return [warning_text(code, lang, period=period, split=report.split_by or "") for code in report.warnings]


__all__ = [
    "ADJUSTMENT_LABELS",
    "REASON_LABELS",
    "REASON_SENTENCES",
    "REJECT_HEADERS",
    "SUMMARY_LABELS",
    "WARNING_SENTENCES",
    "reason_sentence",
    "rejects_sheet",
    "warning_text",
    "warnings_of",
]
