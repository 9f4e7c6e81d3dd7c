"""The À vérifier sheet a person can finish: the pairs worth most first, at most --review-limit of them, a
drop-down Décision, the fingerprints hidden, and what is needed to decide side by side (issue 10, item 1)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from grc_toolkit.commands import app
from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe.result import review_order

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "visitors-sample.csv"
REVIEW = "À vérifier"
DECISION = "Décision (fusionner / distinct)"
runner = CliRunner()


def _pairs(left: list[int], right: list[int], probability: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"left": left, "right": right, "probability": probability})


def test_pairs_nearest_the_merge_threshold_come_first() -> None:
    pairs = _pairs([0, 2, 4], [1, 3, 5], [0.55, 1.0, 0.88])
    assert review_order(pairs, 0.9).tolist() == [2, 1, 0]


def test_a_pair_with_consent_or_a_recent_contact_comes_before_an_equal_one() -> None:
    pairs = _pairs([0, 2], [1, 3], [0.8, 0.8])
    valued = np.array([False, False, False, True])
    assert review_order(pairs, 0.9, valued).tolist() == [1, 0]


def test_one_pair_per_group_before_the_rest_of_a_big_group() -> None:
    # records 0, 1, 2 are one group: its best pair 0-1, then 3-4 (another group), then 1-2 (links record 2),
    # last 0-2, whose records 0-1 and 1-2 already link
    pairs = _pairs([0, 1, 0, 3], [1, 2, 2, 4], [0.9, 0.89, 0.88, 0.6])
    assert review_order(pairs, 0.9).tolist() == [0, 3, 1, 2]


def test_a_star_shows_one_of_its_pairs_before_other_groups_second_ones() -> None:
    pairs = _pairs([0, 0, 0, 5], [1, 2, 3, 6], [0.9, 0.9, 0.9, 0.7])
    assert review_order(pairs, 0.9).tolist()[:2] == [0, 3]


def test_review_limit_must_not_be_negative() -> None:
    with pytest.raises(Exception, match="review-limit"):
        DedupeOptions(review_limit=-1)


@pytest.fixture()
def export(tmp_path: Path) -> Path:
    target = tmp_path / "export.csv"
    shutil.copy(SAMPLE, target)
    return target


def _clean(*args: str) -> str:
    result = runner.invoke(app, ["clean", *args, "--review", "0.001", "--json"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _review(path: Path) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(path)[REVIEW].iter_rows(values_only=True))


def test_at_most_review_limit_pairs_and_how_many_wait(export: Path) -> None:
    everything = json.loads(_clean(str(export), "-o", str(export.with_name("all.xlsx"))))
    total = everything["pairs_to_review"]
    assert total >= 3 and everything["pairs_shown"] == total, "the sample should hold doubtful pairs"

    report = json.loads(_clean(str(export), "--review-limit", "1"))
    assert (report["pairs_to_review"], report["pairs_shown"]) == (total, 1)
    assert report["dedupe"]["pairs_shown"] == 1
    rows = _review(export.with_name("export-clean.xlsx"))
    header, body = rows[0], rows[1:]
    assert len(body) == 2
    assert body[-1][0] == f"{total - 1} autres paires en attente : relancez après avoir décidé celles-ci"
    assert header[:5] == ("Ligne d'origine A", "Ligne d'origine B", "Probabilité", "Raison", "Gardées à part par")
    assert body[0][4], "the rule that kept the pair apart is worded"
    for field in ("Nom", "Prénom", "Email", "Téléphone", "Adresse", "Code postal", "Ville", "Date de contact"):
        assert f"{field} (A)" in header and f"{field} (B)" in header


def test_decision_drop_down_and_hidden_fingerprints_read_back(export: Path) -> None:
    first = export.with_name("export-clean.xlsx")
    _clean(str(export), "--review-limit", "2")
    book = openpyxl.load_workbook(first)
    sheet = book[REVIEW]
    header = [cell.value for cell in sheet[1]]
    letter = {name: openpyxl.utils.get_column_letter(header.index(name) + 1) for name in header}
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == '"fusionner,distinct"'
    assert str(validation.sqref).startswith(f"{letter[DECISION]}2")
    hidden = {
        openpyxl.utils.get_column_letter(column)
        for dimension in sheet.column_dimensions.values()
        if dimension.hidden
        for column in range(dimension.min, dimension.max + 1)
    }
    assert hidden == {letter["Empreinte A"], letter["Empreinte B"]}

    # a person picks in the list and saves; the hidden fingerprints carry the decision to the next run
    column = header.index(DECISION) + 1
    sheet.cell(row=2, column=column, value="distinct")
    book.save(first)
    second = export.with_name("second.xlsx")
    report = json.loads(_clean(str(export), "--review-limit", "1", "--decisions", str(first), "-o", str(second)))
    assert report["dedupe"]["pairs_decided"] == 1
    rows = _review(second)[1:]
    carried = [row for row in rows if row[3] == "décision déjà prise"]
    assert len(carried) == 1 and carried[0][header.index(DECISION)] == "distinct"
    pending = [row for row in rows if row[3] not in ("décision déjà prise", None)]
    assert len(pending) == 1, "carried decisions are not counted in --review-limit"
    assert rows.index(carried[0]) > rows.index(pending[0]) and "autres paires" in str(rows[-1][0])


def test_english_workbook_offers_merge_or_distinct(export: Path) -> None:
    _clean(str(export), "--lang", "en")
    sheet = openpyxl.load_workbook(export.with_name("export-clean.xlsx"))["To review"]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"merge,distinct"'
    assert "Kept apart by" in [cell.value for cell in sheet[1]]
