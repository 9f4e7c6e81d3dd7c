"""The summary of a run: what the terminal shows, what ``--json`` prints and the ``Rapport`` sheet."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from grc_toolkit.quality import file_score
from grc_toolkit.schema import QUALITY, field_label

LABELS: dict[str, tuple[str, str]] = {
    "file": ("Fichier", "File"),
    "output": ("Fichier produit", "Output file"),
    "format": ("Format", "Format"),
    "encoding": ("Encodage", "Encoding"),
    "delimiter": ("Séparateur", "Delimiter"),
    "sheet": ("Feuille", "Sheet"),
    "header_row": ("Ligne d'en-tête", "Header row"),
    "rows_in": ("Lignes lues", "Rows read"),
    "rows_out": ("Lignes écrites", "Rows written"),
    "duplicates_merged": ("Doublons fusionnés", "Duplicates merged"),
    "duplicate_groups": ("Personnes en double", "People with duplicates"),
    "pairs_to_review": ("Paires à vérifier", "Pairs to review"),
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
}


def label(key: str, lang: str = "fr") -> str:
    french, english = LABELS[key]
    return english if lang == "en" else french


@dataclass(frozen=True)
class CleanReport:
    """Counts of one ``grc clean`` run. ``to_dict()`` is the ``--json`` output."""

    file: str
    output: str | None
    format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    header_row: int
    rows_in: int
    rows_out: int
    duplicates_merged: int
    duplicate_groups: int
    pairs_to_review: int
    changes: int
    rows_with_issues: int
    quality: float
    fields: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "output": self.output,
            "format": self.format,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "rows_in": self.rows_in,
            "rows_out": self.rows_out,
            "duplicates_merged": self.duplicates_merged,
            "duplicate_groups": self.duplicate_groups,
            "pairs_to_review": self.pairs_to_review,
            "changes": self.changes,
            "rows_with_issues": self.rows_with_issues,
            "quality": self.quality,
            "fields": self.fields,
            "warnings": self.warnings,
        }

    def fields_frame(self, lang: str = "fr") -> pd.DataFrame:
        frame = pd.DataFrame(self.fields, columns=["column", "field", "valid", "corrected", "invalid", "empty"])
        frame["field"] = frame["field"].map(lambda name: field_label(name, lang))
        return frame.rename(columns={key: label(key, lang) for key in frame.columns})

    def to_frame(self, lang: str = "fr") -> pd.DataFrame:
        """The ``Rapport`` sheet: a two-column table of the headline figures, then per-field counts."""
        keys = [
            "file",
            "output",
            "format",
            "encoding",
            "delimiter",
            "sheet",
            "header_row",
            "rows_in",
            "rows_out",
            "duplicates_merged",
            "duplicate_groups",
            "pairs_to_review",
            "changes",
            "rows_with_issues",
            "quality",
        ]
        data = self.to_dict()
        lines = [(label(key, lang), "" if data[key] is None else str(data[key])) for key in keys]
        lines += [(label("warnings", lang), warning) for warning in self.warnings]
        lines.append(("", ""))
        indicator, value = ("Indicateur", "Valeur") if lang != "en" else ("Indicator", "Value")
        head = pd.DataFrame(lines, columns=[indicator, value])
        fields = self.fields_frame(lang).astype(str)
        header = pd.DataFrame([fields.columns.tolist()], columns=fields.columns)
        body = pd.concat([header, fields], ignore_index=True)
        body.columns = pd.RangeIndex(body.shape[1])
        head.columns = pd.RangeIndex(2)
        return (
            pd.concat([head, body], ignore_index=True)
            .fillna("")
            .set_axis([indicator, value, *[""] * (max(body.shape[1], 2) - 2)], axis=1)
        )


def build_report(
    *,
    file: str,
    output: str | None,
    fmt: str,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | None,
    header_row: int,
    warnings: tuple[str, ...],
    result: Any,
) -> CleanReport:
    """Assemble the report of a :class:`grc_toolkit.pipeline.PipelineResult`."""
    fields = [
        {"column": column, "field": result.mapping.field_of(column) or "", **counts}
        for column, counts in result.field_counts.items()
    ]
    order = {match.column: i for i, match in enumerate(result.mapping.matches)}
    fields.sort(key=lambda item: order.get(item["column"], 0))
    merged = int(result.rows_in - result.rows_out)
    return CleanReport(
        file=file,
        output=output,
        format=fmt,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        header_row=header_row,
        rows_in=int(result.rows_in),
        rows_out=int(result.rows_out),
        duplicates_merged=merged,
        duplicate_groups=len(result.duplicates),
        pairs_to_review=len(result.review),
        changes=len(result.changes),
        rows_with_issues=int((result.data["grc_issues"] != "").sum()),
        quality=file_score(result.data[QUALITY]),
        fields=fields,
        warnings=list(warnings),
    )
