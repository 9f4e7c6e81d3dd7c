"""Display in one place: the stages' results + a language -> the workbook's sheets, the report, the wording.

:mod:`~grc_toolkit.present.labels` holds every sheet name and column label (French, then English);
:mod:`~grc_toolkit.present.workbook` renders a :class:`~grc_toolkit.pipeline.PipelineResult`::

    result = grc_toolkit.pipeline.run(frame)
    contacts = grc_toolkit.present.contacts(result, "fr")  # the records, grc_issues worded in French
"""

from grc_toolkit.present.labels import SHEETS, label
from grc_toolkit.present.quality import dimension_label, percent, problem_text
from grc_toolkit.present.workbook import (
    change_positions,
    changed_cells,
    changes_sheet,
    contacts,
    explain_sentence,
    explain_table,
    fields_frame,
    groups_sheet,
    issue_cells,
    issue_text,
    one_decimal,
    pair_reasons,
    readme_sheet,
    report_sheet,
    review_sheet,
    sheet_layouts,
    sheets,
)

__all__ = [
    "SHEETS",
    "change_positions",
    "changed_cells",
    "changes_sheet",
    "contacts",
    "dimension_label",
    "explain_sentence",
    "explain_table",
    "fields_frame",
    "groups_sheet",
    "issue_cells",
    "issue_text",
    "label",
    "one_decimal",
    "pair_reasons",
    "percent",
    "problem_text",
    "readme_sheet",
    "report_sheet",
    "review_sheet",
    "sheet_layouts",
    "sheets",
]
