"""grc reads its own output: cleaning a cleaned file changes nothing, and grc's columns are kept and merged."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from grc_toolkit.api import clean_file, dedupe_files
from grc_toolkit.io import read_table
from grc_toolkit.mapping import map_columns
from grc_toolkit.pipeline import run
from grc_toolkit.present import contacts
from grc_toolkit.schema import (
    CONTACT_COUNT,
    FIRST_CONTACT,
    GRC_COLUMNS,
    HOUSEHOLD,
    ISSUES,
    OTHER_EMAILS,
    OTHER_PHONES,
    QUALITY,
    SOURCE_IDS,
    SOURCE_ROWS,
)
from grc_toolkit.testing import generate_export

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _export(tmp_path: Path, columns: str) -> Path:
    path = tmp_path / f"export-{columns}.csv"
    generate_export(1200, seed=41, columns=columns).messy.to_csv(path, index=False, sep=";")  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize("source", ["visitors-sample.csv", "visitors-sample.xlsx", "fr", "en", "crm"])
def test_cleaning_grcs_output_again_changes_nothing(tmp_path: Path, source: str) -> None:
    path = SAMPLES / source if "." in source else _export(tmp_path, source)
    once = clean_file(path, output=tmp_path / "once.xlsx")
    twice = clean_file(tmp_path / "once.xlsx", output=tmp_path / "twice.xlsx")
    assert twice.result.changes.empty
    assert twice.report.rows_with_issues == once.report.rows_with_issues
    written_once = read_table(tmp_path / "once.xlsx").frame
    written_twice = read_table(tmp_path / "twice.xlsx").frame
    assert OTHER_EMAILS in written_once and OTHER_PHONES in written_once and HOUSEHOLD in written_once
    pd.testing.assert_frame_equal(written_twice, written_once)


def test_grcs_columns_are_never_taken_for_fields() -> None:
    frame = pd.DataFrame(
        {
            "Email": ["a@free.fr"],
            OTHER_EMAILS: ["b@free.fr ; c@orange.fr"],
            OTHER_PHONES: ["+33612345678"],
            FIRST_CONTACT: ["2021-03-04"],
            SOURCE_ROWS: ["2 ; 7"],
        }
    )
    assert map_columns(frame).as_dict() == {"Email": "email"}
    assert map_columns(frame, {OTHER_PHONES: "mobile"}).field_of(OTHER_PHONES) == "mobile"  # unless asked


def _earlier(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Rows as grc writes them, with its columns (a run that merged nothing, so no grc_contact_count)."""
    return pd.DataFrame(rows).fillna("")


def test_a_second_pass_unites_grcs_lists_counts_and_dates() -> None:
    person = {"Nom": "DUPONT", "Prénom": "Jean", "N° contact": "", "Date de contact": ""}
    frame = _earlier(
        [
            {
                **person,
                "Email": "jean@free.fr",
                "N° contact": "17",
                "Date de contact": "2024-05-01",
                SOURCE_ROWS: "2 ; 9",
                OTHER_EMAILS: "jd@orange.fr",
                OTHER_PHONES: "+33612345678 ; +33298000000",
                SOURCE_IDS: "17 ; 23",
                FIRST_CONTACT: "2019-02-03",
                CONTACT_COUNT: "2",
            },
            # added by hand to the cleaned file: no grc_source_rows, so it may join an earlier row
            {**person, "Email": "jean@free.fr", "N° contact": "40", "Date de contact": "2023-01-01"},
            {"Nom": "MARTIN", "Prénom": "Paul", "Email": "paul@free.fr", "N° contact": "51", SOURCE_ROWS: "3"},
        ]
    )
    frame.loc[1, OTHER_EMAILS] = "jean.dupont@laposte.net"
    result = run(frame).data.set_index("Nom")
    jean = result.loc["DUPONT"]
    assert jean[SOURCE_ROWS] == "2 ; 9 ; 3"  # the original export's rows, then this file's row of the new one
    assert jean[OTHER_EMAILS] == "jd@orange.fr ; jean.dupont@laposte.net"
    assert jean[OTHER_PHONES] == "+33612345678 ; +33298000000"
    assert jean[SOURCE_IDS] == "17 ; 23 ; 40"
    assert jean[FIRST_CONTACT] == "2019-02-03"
    assert jean[CONTACT_COUNT] == 3
    assert result.loc["MARTIN", SOURCE_ROWS] == "3"
    assert not [c for c in result.columns if c.startswith("grc_") and c not in GRC_COLUMNS]


def test_rows_an_earlier_run_kept_apart_stay_apart() -> None:
    # two namesakes sharing a placeholder number: the first run saw their other records and kept them apart
    row = {"Nom": "MÜLLER", "Prénom": "Andreas", "Téléphone": "+49600000000", CONTACT_COUNT: "1"}
    frame = _earlier(
        [
            {**row, "Email": "andreas.muller@gmail.com", "Ville": "Dresden", SOURCE_ROWS: "2 ; 5"},
            {**row, "Email": "muller.andreas@gmail.com", "Ville": "Berlin", SOURCE_ROWS: "3"},
        ]
    )
    assert len(run(frame).data) == 2
    assert len(run(frame.drop(columns=[CONTACT_COUNT])).data) == 1  # a file cleaned with --no-dedupe


def test_issues_about_emptied_cells_are_kept() -> None:
    frame = _earlier(
        [
            {"Nom": "DUPONT", "Téléphone": "", "Email": "jean@free.fr", ISSUES: "Téléphone : faux numéro retiré"},
            {"Nom": "MARTIN", "Téléphone": "", "Email": "paul@free.fr", ISSUES: ""},
        ]
    )
    found = run(frame)
    result = contacts(found)
    assert result[ISSUES].tolist() == ["Téléphone : faux numéro retiré", ""]
    kept = [issue.to_dict() for issue in found.issues]
    assert kept == [{"code": "phone.placeholder", "row": 2, "column": "Téléphone"}]  # the code its wording names
    assert result[QUALITY].tolist() == [result[QUALITY][1]] * 2  # an invalid phone counts as a missing one


def test_dedupe_reports_the_problems_clean_reports() -> None:
    path = SAMPLES / "visitors-sample.csv"
    cleaned = clean_file(path, write=False)
    deduped = dedupe_files([path], write=False)
    assert cleaned.report.rows_with_issues > 0
    assert deduped.report.rows_with_issues == cleaned.report.rows_with_issues
    assert (deduped.result.data[QUALITY].to_numpy() == cleaned.result.data[QUALITY].to_numpy()).all()
    assert (deduped.result.data[OTHER_EMAILS] != "").sum() == (cleaned.result.data[OTHER_EMAILS] != "").sum()


def test_dedupe_of_grcs_output_keeps_its_problems_and_lists(tmp_path: Path) -> None:
    once = clean_file(SAMPLES / "visitors-sample.csv", output=tmp_path / "once.xlsx")
    deduped = dedupe_files([tmp_path / "once.xlsx"], write=False)
    assert deduped.report.rows_with_issues == once.report.rows_with_issues
    for column in (OTHER_EMAILS, OTHER_PHONES):
        assert (deduped.result.data[column] != "").sum() == (once.result.data[column] != "").sum()
    assert deduped.result.data[CONTACT_COUNT].sum() == len(once.table.frame)
