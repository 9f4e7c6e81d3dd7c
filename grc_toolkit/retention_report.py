"""``grc retention``: who is past the retention period (to delete or anonymise), who should be asked again for
consent before they are, who has no contact date, as lists and counts.

Each person (after deduplication: one person, one row) gets a state of :func:`grc_toolkit.retention
.retention_states` from their last contact: ``expired`` (past the period), ``renew`` (consenting, and past it
within the notice: ask them now), ``expiring`` (the same without consent: nobody to ask), ``undated`` or
``fresh``. The workbook lists the first three that need a person's hand: ``expired``, ``renew``, ``undated``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from grc_toolkit.api import CleanRun, clean_file
from grc_toolkit.config import Config
from grc_toolkit.io import default_output_path, write_table
from grc_toolkit.people import fields_present, people
from grc_toolkit.retention import EXPIRED, RENEW, STATES, UNDATED, Period, retention_states

#: The states listed in the workbook, one sheet each, in this order.
LISTED = (EXPIRED, RENEW, UNDATED)


@dataclass(frozen=True)
class RetentionOptions:
    as_of: date = field(default_factory=date.today)
    as_of_source: str = "today"
    period: Period = field(default_factory=lambda: Period.years(3))
    notice: Period | None = field(default_factory=lambda: Period.parse("3m"))


@dataclass(frozen=True)
class RetentionReport:
    """Counts per state (:data:`grc_toolkit.retention.STATES`) and what was written, as data."""

    file: str
    rows: int
    people: int
    counts: dict[str, int]
    as_of: str
    as_of_source: str
    retention: str
    notice: str | None
    output: str | None
    warnings: tuple[str, ...]  # no_date_column, no_consent_column

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "people": self.people,
            "counts": dict(self.counts),
            "as_of": self.as_of,
            "as_of_source": self.as_of_source,
            "retention": self.retention,
            "notice": self.notice,
            "output": self.output,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class RetentionRun:
    report: RetentionReport
    sheets: dict[str, pd.DataFrame]
    states: pd.Series  # per person of clean.result.data
    clean: CleanRun


def retention_file(
    path: str | Path,
    config: Config | None = None,
    options: RetentionOptions | None = None,
    *,
    output: str | Path | None = None,
    write: bool = True,
    force: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> RetentionRun:
    """Clean and deduplicate ``path`` in memory, sort its people by retention state and write the lists to
    ``FILE-conservation.xlsx`` (or ``output``; a CSV holds the three lists one after the other)."""
    from grc_toolkit.export import neutralised
    from grc_toolkit.present.retention import retention_sheets

    config, options = config or Config(), options or RetentionOptions()
    target = Path(output) if output is not None else default_output_path(Path(path), suffix="-conservation")
    done = clean_file(path, replace(config, dedupe=replace(config.dedupe, enabled=True)), write=False,
                      on_stage=on_stage)  # fmt: skip
    persons, present = people(done.result), fields_present(done.result)
    states = retention_states(
        persons["last_contact"], persons["consent"], as_of=options.as_of, period=options.period, notice=options.notice
    )
    sheets = {
        name: neutralised(frame)
        for name, frame in retention_sheets(persons, states, present, options.period, config.lang).items()
    }
    if write:
        if target.suffix.lower() == ".xlsx":
            write_table(target, sheets, protect=[Path(path)], force=force)
        else:
            write_table(target, {"all": pd.concat(list(sheets.values()), ignore_index=True)},
                        protect=[Path(path)], force=force)  # fmt: skip
    counted = states.value_counts()
    warnings = tuple(
        code
        for code, missing in (("no_date_column", "last_contact"), ("no_consent_column", "consent"))
        if missing not in present
    )
    report = RetentionReport(
        file=Path(path).name,
        rows=done.result.rows_in,
        people=len(persons),
        counts={state: int(counted.get(state, 0)) for state in STATES},
        as_of=options.as_of.isoformat(),
        as_of_source=options.as_of_source,
        retention=options.period.code,
        notice=options.notice.code if options.notice is not None else None,
        output=str(target) if write else None,
        warnings=warnings,
    )
    return RetentionRun(report, sheets, states, done)


__all__ = ["LISTED", "RetentionOptions", "RetentionReport", "RetentionRun", "retention_file"]
