"""The history of runs: figures only, safe under two runs at once, shown by ``grc history``, never a failed run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grc_toolkit import history
from grc_toolkit.commands import app
from grc_toolkit.history import COLUMNS, DIMENSIONS, HistoryError, append, read, records, trends
from grc_toolkit.testing import generate_export, write_csv

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2025-07-01"


def _report(
    office: str | None, score: float, grade: str = "B", file: str = "/exports/vannes.xlsx"
) -> dict[str, object]:
    return {
        "file": file,
        "office": office,
        "rows": 120,
        "people": 100,
        "score": score,
        "grade": grade,
        "dimensions": dict.fromkeys(DIMENSIONS, 70.0),
        "problems": [
            {"code": "default_value", "column": "Pays", "field": "country", "value": "France", "share": 0.9, "count": 9}
        ],
        "record_score": 66.0,
        "as_of": AS_OF,
    }


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args, env={"LANG": "fr_FR.UTF-8", "LC_ALL": ""})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def export_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("history-export") / "export.csv"
    write_csv(generate_export(60, seed=5, noise=1).messy, path)
    return path


def test_append_then_read_keeps_figures_in_order(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "history.sqlite"
    assert append(path, [_report("Vannes", 60.0), _report("Auray", 50.0)], "audit") == 2
    append(path, [_report("Vannes", 72.5)], "score", when=datetime(2099, 1, 1, tzinfo=UTC))
    frame = read(path)
    assert list(frame.columns) == list(COLUMNS)
    assert frame["score"].tolist() == [60.0, 50.0, 72.5]
    assert frame["command"].tolist() == ["audit", "audit", "score"]
    assert frame["file"].tolist() == ["vannes.xlsx"] * 3  # the name, not the folders
    assert frame["run_id"].nunique() == 2  # one run id per append: an audit's files stay together
    assert json.loads(frame["problems"][0]) == [{"code": "default_value", "field": "country", "count": 9}]
    vannes = read(path, office="VANNES")
    assert vannes["score"].tolist() == [60.0, 72.5]
    summary = trends(frame).set_index("office")
    assert summary.loc["Vannes", "scores"] == [60.0, 72.5] and summary.loc["Vannes", "runs"] == 2
    assert summary.loc["Vannes", "score"] == 72.5 and summary.loc["Vannes", "sparkline"] == "▅▆"
    assert summary.loc["Vannes", "last"] == "2099-01-01"


def test_a_run_without_office_is_filed_under_its_file_name(tmp_path: Path) -> None:
    append(tmp_path / "h.sqlite", [_report(None, 40.0)], "score")
    assert read(tmp_path / "h.sqlite")["office"].tolist() == ["vannes.xlsx"]


def test_no_personal_data_column_and_no_cell_value(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    clean_report = {
        "file": "export.csv",
        "rows_in": 3,
        "rows_out": 2,
        "quality": 71.5,
        "issues": [{"code": "email.role", "row": 2, "column": "Mail de Jean Dupont"}],
        "warnings": ["jean.dupont@example.org"],
    }
    append(path, [_report("Vannes", 60.0), clean_report], "clean")
    with sqlite3.connect(path) as db:
        names = [row[1] for row in db.execute("PRAGMA table_info(runs)")]
        dump = "\n".join(db.iterdump())
    db.close()
    for personal in ("email", "phone", "name", "address", "birth", "column", "value", "row"):
        assert not any(personal in name.split("_") for name in names), names
    for text in ("Pays", "France", "Jean", "Dupont", "/exports"):
        assert text not in dump
    cleaned = read(path).iloc[1]
    assert cleaned["clean_quality"] == 71.5 and cleaned["rows"] == 3 and cleaned["people"] == 2
    assert json.loads(cleaned["problems"]) == [{"code": "email.role", "field": "", "count": 1}]


def test_schema_version_is_kept_and_a_newer_one_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    append(path, [_report("Vannes", 60.0)], "score")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("1",)
        db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    db.close()
    with pytest.raises(HistoryError, match="plus récente"):
        append(path, [_report("Vannes", 60.0)], "score")
    with pytest.raises(HistoryError, match="plus récente"):
        read(path)


def test_not_a_history_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    path.write_text("ceci n'est pas une base SQLite, mais un texte assez long pour en avoir l'air" * 20)
    with pytest.raises(HistoryError, match="pas un historique grc"):
        append(path, [_report("Vannes", 60.0)], "score")


def test_two_processes_appending_at_once_lose_no_row(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    script = (
        "import sys\nfrom grc_toolkit.history import append\n"
        "for i in range(40):\n"
        "    append(sys.argv[1], [{'file': 'f.csv', 'office': sys.argv[2], 'rows': i, 'score': 50.0}], 'audit')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen([sys.executable, "-c", script, str(path), office], env=env, stderr=subprocess.PIPE)
        for office in ("A", "B")
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()
    frame = read(path)
    assert len(frame) == 80
    for office in ("A", "B"):
        assert sorted(frame.loc[frame["office"] == office, "rows"].tolist()) == list(range(40))
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_default_path_follows_grc_history_then_the_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRC_HISTORY", "/somewhere/h.sqlite")
    assert history.default_path() == Path("/somewhere/h.sqlite")
    monkeypatch.delenv("GRC_HISTORY")
    monkeypatch.setenv("XDG_DATA_HOME", "/data")
    monkeypatch.setattr(sys, "platform", "linux")
    assert history.default_path() == Path("/data/grc/history.sqlite")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert history.default_path() == Path.home() / "Library" / "Application Support" / "grc" / "history.sqlite"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", "/appdata")
    assert history.default_path() == Path("/appdata/grc/history.sqlite")


def test_reading_a_missing_history_is_empty_and_creates_nothing(tmp_path: Path) -> None:
    assert read(tmp_path / "none.sqlite").empty
    assert not (tmp_path / "none.sqlite").exists()


# --- the commands -------------------------------------------------------------------------------------------


def test_two_scores_appear_in_grc_history_table_and_json(export_csv: Path, tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    for _ in range(2):
        code, _, err = _invoke(["score", str(export_csv), "--as-of", AS_OF, "-q", "--history", str(path)])
        assert code == 0, err
    code, out, err = _invoke(["history", "--history", str(path)])
    assert code == 0, err
    assert "export.csv" in out and "Dernier" in out and "Passages" in out and "Tendance" in out
    assert "2" in out and any(spark in out for spark in history.SPARKS)
    code, out, _ = _invoke(["history", "--history", str(path), "--json"])
    rows = json.loads(out)
    assert rows == records(read(path)) and len(rows) == 2
    assert {row["command"] for row in rows} == {"score"} and rows[0]["problems"] is not None
    code, out, _ = _invoke(["history", "--history", str(path), "--lang", "en"])
    assert "Last score" in out and "Runs" in out


def test_office_filter(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    append(path, [_report("Vannes", 60.0), _report("Auray", 50.0, file="auray.csv")], "audit")
    append(path, [_report("Vannes", 70.0), _report("Auray", 55.0, file="auray.csv")], "audit")
    code, out, _ = _invoke(["history", "--history", str(path), "--office", "Auray", "--json"])
    assert code == 0 and [row["score"] for row in json.loads(out)] == [50.0, 55.0]
    code, out, _ = _invoke(["history", "--history", str(path), "--office", "Auray"])
    assert "Auray" in out and "Vannes" not in out
    code, out, _ = _invoke(["history", "--history", str(path), "--office", "Lorient"])
    assert code == 0 and "Aucun passage de l'office « Lorient »" in out


def test_the_default_history_is_grc_history_env(export_csv: Path) -> None:
    code, _, err = _invoke(["score", str(export_csv), "--as-of", AS_OF, "-q"])
    assert code == 0, err
    assert len(read(os.environ["GRC_HISTORY"])) == 1


def test_no_history_writes_nothing(export_csv: Path, tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    code, _, err = _invoke(["score", str(export_csv), "--as-of", AS_OF, "-q", "--no-history", "--history", str(path)])
    assert code == 0, err
    assert not path.exists()
    assert not Path(os.environ["GRC_HISTORY"]).exists()
    code, out, _ = _invoke(["history", "--history", str(path)])
    assert code == 0 and "Aucun passage" in out


def test_an_unwritable_history_warns_in_one_line_and_the_run_succeeds(export_csv: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    path = blocker / "h.sqlite"  # a folder that is a file: never writable, even for root
    code, out, err = _invoke(["score", str(export_csv), "--as-of", AS_OF, "--json", "--history", str(path)])
    assert code == 0
    assert json.loads(out)["grade"] in "ABCDE"
    assert len(err.strip().splitlines()) == 1 and err.startswith("Attention : Historique impossible"), err
    assert "--no-history" in err


def test_clean_appends_its_figures(export_csv: Path, tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    output = tmp_path / "out.csv"
    code, out, err = _invoke(["clean", str(export_csv), "-o", str(output), "--json", "--history", str(path)])
    assert code == 0, err
    report = json.loads(out)
    row = records(read(path))[0]
    assert row["command"] == "clean" and row["file"] == "export.csv"
    assert row["rows"] == report["rows_in"] and row["people"] == report["rows_out"]
    assert row["clean_quality"] == report["quality"] and row["score"] is None
    code, _, err = _invoke(["clean", str(export_csv), "-o", str(output), "-q", "--no-history", "--history", str(path)])
    assert code == 0, err
    assert len(read(path)) == 1
