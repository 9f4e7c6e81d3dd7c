"""One road, results as data: each row cleaned once, issues as codes, the wording only in grc_toolkit.present."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from grc_toolkit.api import clean_file, dedupe_files
from grc_toolkit.cleaners import emails, phones
from grc_toolkit.commands import app
from grc_toolkit.config import Config, DedupeOptions
from grc_toolkit.dedupe.decisions import read_decisions
from grc_toolkit.pipeline import run
from grc_toolkit.present import contacts, issue_cells, labels, report_sheet
from grc_toolkit.results import FieldResult, Issue
from grc_toolkit.schema import ISSUES, SOURCE_ROWS

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
runner = CliRunner()

_FIRST = pd.DataFrame(
    {
        "Nom": ["Dupont", "Martin", "Durand"],
        "Prénom": ["Jean", "Marie", "Paul"],
        "Email": ["jean.dupont@gmail.com", "contact@hotel-du-port.fr", "paul@"],
        "Téléphone": ["06 71 84 29 53", "0682917364", "0745198276"],
    }
)
_SECOND = pd.DataFrame(
    {
        "Last name": ["DUPONT", "Petit"],
        "First name": ["Jean", "Luc"],
        "E-mail": ["Jean.Dupont@gmail.com", "luc.petit@orange.fr"],
        "Mobile": ["+33 6 71 84 29 53", "0658273149"],
    }
)


def _counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    """Replace a cleaner by itself plus a count of the rows it is given."""
    seen: list[int] = []
    cleaner = getattr(module, name)

    def counted(series: pd.Series, *args: object, **options: object) -> FieldResult:
        seen.append(len(series))
        return cleaner(series, *args, **options)

    monkeypatch.setattr(module, name, counted)
    return seen


def test_multi_file_dedupe_cleans_each_row_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "accueil.csv", tmp_path / "salon.csv"
    _FIRST.to_csv(first, sep=";", index=False)
    _SECOND.to_csv(second, sep=";", index=False)
    seen_emails = _counting(monkeypatch, emails, "clean_emails")
    seen_phones = _counting(monkeypatch, phones, "clean_phones")
    done = dedupe_files([first, second], write=False)
    assert sum(seen_emails) == len(_FIRST) + len(_SECOND)  # not once more on the combined files
    assert sum(seen_phones) == len(_FIRST) + len(_SECOND)
    assert done.result.rows_out == 4  # Jean Dupont is in both files
    assert sorted(done.result.data[SOURCE_ROWS]) == [
        "accueil.csv:2 ; salon.csv:2",
        "accueil.csv:3",
        "accueil.csv:4",
        "salon.csv:3",
    ]
    issues = [(issue.code, issue.column) for issue in done.result.issues]
    assert sorted(issues) == [("email.invalid", "Courriel"), ("email.role", "Courriel")]
    assert done.report.to_dict()["issues"] == [issue.to_dict() for issue in done.result.issues]


def test_issues_are_codes_with_their_row_and_column_and_worded_only_by_present() -> None:
    result = run(_FIRST, Config(dedupe=DedupeOptions(enabled=False)))
    assert ISSUES not in result.data  # the stages word nothing
    assert [issue.to_dict() for issue in result.issues] == [
        {"code": "email.role", "row": 3, "column": "Email"},
        {"code": "email.invalid", "row": 4, "column": "Email"},
    ]
    assert contacts(result)[ISSUES].tolist() == [
        "",
        "Email : adresse générique (contact@, info@…)",
        "Email : adresse e-mail invalide",
    ]
    assert contacts(result, "en")[ISSUES].tolist()[2] == "Email : invalid e-mail address"
    assert list(contacts(result).columns[-3:-1]) == ["grc_quality", ISSUES]


def test_a_row_with_several_issues_joins_them_and_an_earlier_wording_is_kept_as_written() -> None:
    issues = (
        Issue("phone.placeholder", 2, "Tél.", given="Tél. : whatever was written"),
        Issue("email.invalid", 2, "Email"),
        Issue("email.role", 3, "Email"),
    )
    assert issue_cells(issues, 3, "fr").tolist() == [
        "Tél. : whatever was written ; Email : adresse e-mail invalide",
        "Email : adresse générique (contact@, info@…)",
        "",
    ]


def test_changes_carry_rule_codes() -> None:
    result = run(_FIRST, Config(dedupe=DedupeOptions(enabled=False)))
    changes = result.changes
    assert list(changes.columns) == ["row", "column", "before", "after", "code"]
    assert changes.loc[changes["column"] == "Téléphone", "code"].tolist()[0].startswith("phone.")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_decisions_read_the_review_headers_present_writes(lang: str) -> None:
    index = 1 if lang == "en" else 0
    headers = {key: pair[index] for key, pair in labels.REVIEW_HEADERS.items()}
    sheet = pd.DataFrame(
        {
            headers["fingerprint_a"]: ["aaa"],
            headers["fingerprint_b"]: ["bbb"],
            headers["decision"]: ["fusionner" if lang == "fr" else "merge"],
        }
    )
    assert read_decisions(sheet).merge == frozenset({("aaa", "bbb")})


def test_json_carries_issues_and_the_dedupe_and_equals_the_library_result(tmp_path: Path) -> None:
    sample = tmp_path / "visitors.csv"
    shutil.copy(SAMPLES / "visitors-sample.csv", sample)
    out = tmp_path / "out.xlsx"
    printed = runner.invoke(app, ["clean", str(sample), "-o", str(out), "--json"])
    assert printed.exit_code == 0, printed.output
    report = json.loads(printed.stdout)
    done = clean_file(sample, output=out, force=True)
    volatile = {"timings", "peak_memory_mb"}  # measured anew by each run
    assert {k: v for k, v in report.items() if k not in volatile} == {
        k: v for k, v in done.report.to_dict().items() if k not in volatile
    }
    assert set(report["timings"]) == set(done.report.to_dict()["timings"])
    assert report["issues"] and set(report["issues"][0]) == {"code", "row", "column"}
    assert len({issue["row"] for issue in report["issues"]}) == report["rows_with_issues"]
    written = pd.read_excel(out, sheet_name="Contacts", dtype=str, engine="calamine").fillna("")
    assert (written[ISSUES] != "").sum() == report["rows_with_issues"]
    dedupe = report["dedupe"]
    assert {"groups_merged", "pairs_to_review", "households", "model", "candidates_per_pass"} <= set(dedupe)
    assert dedupe["pairs_to_review"] == report["pairs_to_review"]
    assert dedupe["records"] == report["rows_in"]


def test_a_file_without_a_country_column_gets_its_countries_filled_and_recorded(tmp_path: Path) -> None:
    # the combined output has a country column (the first file's): the second file's rows are filled as any
    # blank country is, and the Modifications sheet says so
    first, second = tmp_path / "accueil.csv", tmp_path / "salon.csv"
    pd.DataFrame({"Nom": ["Dupont"], "Pays": ["France"], "Téléphone": ["0671842953"]}).to_csv(
        first, sep=";", index=False
    )
    pd.DataFrame({"Nom": ["Peeters"], "Téléphone": ["+32 470 12 34 56"]}).to_csv(second, sep=";", index=False)
    done = dedupe_files([first, second], write=False)
    assert done.result.data["Pays"].tolist() == ["France", "Belgique"]
    changes = done.result.changes
    filled = changes[changes["column"] == "Pays"]
    assert filled[["row", "after", "code"]].to_dict("records") == [
        {"row": "salon.csv:2", "after": "Belgique", "code": "country.from_phone"}
    ]


@pytest.mark.parametrize(
    ("lang", "first", "issues_label"),
    [("fr", "Fichier", "Lignes avec un problème restant"), ("en", "File", "Rows with a remaining issue")],
)
def test_the_report_sheet_is_worded_from_the_report_data(lang: str, first: str, issues_label: str) -> None:
    done = clean_file(SAMPLES / "visitors-sample.csv", write=False)
    sheet = report_sheet(done.report, lang)
    assert sheet.iloc[0, 0] == first
    figures = dict(zip(sheet.iloc[:, 0], sheet.iloc[:, 1], strict=True))
    # figures are numbers a spreadsheet sums and sorts, not text
    assert figures[issues_label] == done.result.rows_with_issues
    assert isinstance(figures[issues_label], int)


# --- a large file cleaned by several processes ---------------------------------------------------------------


def _stage_cells(stage) -> dict[str, list[object]]:
    cells: dict[str, list[object]] = {f"data:{c}": stage.data[c].tolist() for c in stage.data.columns}
    for column, result in stage.results.items():
        cells[f"{column}:values"] = result.values.tolist()
        cells[f"{column}:status"] = result.status.tolist()
        cells[f"{column}:reason"] = result.reason.tolist()
        cells |= {f"{column}:{name}": series.tolist() for name, series in result.extra.items()}
    cells["other_emails"], cells["other_phones"] = stage.other_emails.tolist(), stage.other_phones.tolist()
    cells["line_type"] = None if stage.line_type is None else stage.line_type.tolist()
    cells["index"] = stage.data.index.tolist()
    return cells


def test_cleaning_in_processes_gives_the_one_process_stage_cell_for_cell() -> None:
    from grc_toolkit.mapping import map_columns
    from grc_toolkit.stages.clean import clean_columns, clean_in_parallel
    from grc_toolkit.testing import generate_export

    frame = generate_export(400, seed=21, life_events=True).messy
    config = Config()
    mapping = map_columns(frame, config.columns)
    one = clean_columns(frame, mapping, config.clean)
    three = clean_in_parallel(frame, mapping, config.clean, 3, min_rows=0)
    assert len(three.data) == len(frame)
    assert _stage_cells(three) == _stage_cells(one)
    # a small file stays in this process
    assert _stage_cells(clean_in_parallel(frame, mapping, config.clean, 3)) == _stage_cells(one)


def test_grc_clean_jobs_writes_the_same_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from grc_toolkit import parallel
    from grc_toolkit.testing import generate_export

    monkeypatch.setattr(parallel, "PARALLEL_ROWS", 100)  # this file is a large one, for the test
    source = tmp_path / "export.csv"
    generate_export(300, seed=5).messy.to_csv(source, index=False, sep=";", encoding="cp1252", errors="replace")
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out-{jobs}.csv"
        done = runner.invoke(app, ["clean", str(source), "-o", str(target), "--jobs", jobs, "--no-history"])
        assert done.exit_code == 0, done.output
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    refused = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "x.csv"), "--jobs", "-1"])
    assert refused.exit_code == 2
    assert "--jobs" in refused.output
