"""The summary of a run, as data: what ``--json`` prints; :mod:`grc_toolkit.present` renders the terminal
table and the ``Rapport`` sheet from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from grc_toolkit.quality import file_score
from grc_toolkit.schema import QUALITY

if TYPE_CHECKING:
    from grc_toolkit.pipeline import PipelineResult


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
    pairs_to_review: int  # every pair waiting for a decision
    pairs_shown: int  # of them, those in the review sheet (``--review-limit``), the most worth deciding
    changes: int
    rows_with_issues: int
    quality: float
    fields: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)  # Issue.to_dict() of each remaining issue
    dedupe: dict[str, Any] | None = None  # DedupeResult.to_dict(), None when not deduplicating
    #: erased people (the suppression list) found in the export and left out, and their rows
    erased_people: int = 0
    erased_rows: int = 0
    #: seconds per stage (read, clean, dedupe, write) and the process's peak memory (MB), for cron logs and
    #: benchmarks
    timings: dict[str, float] = field(default_factory=dict)
    peak_memory_mb: float | None = None

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
            "pairs_shown": self.pairs_shown,
            "changes": self.changes,
            "rows_with_issues": self.rows_with_issues,
            "quality": self.quality,
            "fields": self.fields,
            "warnings": self.warnings,
            "issues": self.issues,
            "dedupe": self.dedupe,
            "erased_people": self.erased_people,
            "erased_rows": self.erased_rows,
            "timings": dict(self.timings),
            "peak_memory_mb": self.peak_memory_mb,
        }


def shown_count(pending: int, limit: int) -> int:
    """How many of ``pending`` pairs the review sheet shows, at most ``limit`` (0: all)."""
    return min(pending, limit) if limit > 0 else pending


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
    result: PipelineResult,
) -> CleanReport:
    """Assemble the report of a :class:`grc_toolkit.pipeline.PipelineResult` from its typed results."""
    fields: list[dict[str, Any]] = [
        {"column": column, "field": result.mapping.field_of(column) or "", **counts}
        for column, counts in result.field_counts.items()
    ]
    order = {match.column: i for i, match in enumerate(result.mapping.matches)}
    fields.sort(key=lambda item: order.get(item["column"], 0))
    merged = int(result.rows_in - result.rows_out)  # the erased people's rows are counted apart
    return CleanReport(
        file=file,
        output=output,
        format=fmt,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        header_row=header_row,
        rows_in=int(result.rows_in) + len(result.removed),
        rows_out=int(result.rows_out),
        duplicates_merged=merged,
        duplicate_groups=len(result.duplicates),
        pairs_to_review=len(result.review),
        pairs_shown=shown_count(len(result.review), result.search.options.review_limit if result.search else 0),
        changes=len(result.changes),
        rows_with_issues=result.rows_with_issues,
        quality=file_score(result.data[QUALITY]),
        fields=fields,
        warnings=list(warnings),
        issues=[issue.to_dict() for issue in result.issues],
        dedupe=result.search.to_dict() if result.search is not None else None,
        erased_people=result.removed_people,
        erased_rows=len(result.removed),
    )
