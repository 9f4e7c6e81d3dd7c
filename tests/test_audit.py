"""grc audit and grc share: ranking by dirtiness, office names, overlap counts against the truth (raw and shared
files), no personal data nor key in any output, --fail-under, --xlsx, per-file failures."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from grc_toolkit.audit import audit_files, share_file
from grc_toolkit.commands import app
from grc_toolkit.config import load_config
from grc_toolkit.errors import ConfigError, OutputExistsError
from grc_toolkit.io.lock import output_lock
from grc_toolkit.linkage import read_key
from grc_toolkit.testing import generate_export, write_csv, write_xlsx

KEY = b"network-secret-key-0123456789"
AS_OF = "2025-07-01"


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args, env={"LANG": "fr_FR.UTF-8", "LC_ALL": ""})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[int]], pd.DataFrame]:
    """Three offices drawing rows of one export with known overlaps; the truth is who each office holds."""
    folder = tmp_path_factory.mktemp("network")
    export = generate_export(150, seed=11, noise=0.5)
    rows = list(range(len(export.messy)))
    random.Random(5).shuffle(rows)
    third = len(rows) // 3
    picks = {
        "vannes": sorted(rows[: 2 * third]),
        "auray": sorted(rows[third:]),
        "quiberon": sorted(rows[::2]),
    }
    truth: dict[str, set[int]] = {}
    for name, picked in picks.items():
        frame = export.messy.iloc[picked].reset_index(drop=True)
        (write_xlsx if name == "auray" else write_csv)(frame, folder / f"{name}.{'xlsx' if name == 'auray' else 'csv'}")
        truth[name] = {int(export.person_id[i]) for i in picked}
    (folder / "network.key").write_bytes(KEY)
    return folder, truth, export.messy


def _files(folder: Path) -> list[Path]:
    return [folder / "vannes.csv", folder / "auray.xlsx", folder / "quiberon.csv"]


def _expected(truth: dict[str, set[int]]) -> tuple[dict[tuple[str, str], int], int]:
    names = list(truth)
    pairs = {(a, b): len(truth[a] & truth[b]) for i, a in enumerate(names) for b in names[i + 1 :]}
    three = len(set.intersection(*truth.values()))
    return pairs, three


def test_overlap_on_raw_files_equals_the_shared_visitors(
    network: tuple[Path, dict[str, set[int]], pd.DataFrame],
) -> None:
    folder, truth, _ = network
    report = audit_files(_files(folder), key=KEY, jobs=1)
    pairs, three = _expected(truth)
    assert [office.report.office for office in report.files] == list(truth)
    assert report.overlap.pairs == pairs
    assert report.overlap.three_or_more == three


def test_shared_files_give_the_same_figures_alone_and_mixed(
    network: tuple[Path, dict[str, set[int]], pd.DataFrame], tmp_path: Path
) -> None:
    folder, truth, _ = network
    shared = [share_file(path, KEY, output=tmp_path / f"{path.stem}-partage.xlsx")[0] for path in _files(folder)]
    raw = audit_files(_files(folder), key=KEY, jobs=1)
    only_shared = audit_files(shared, key=KEY, jobs=1)
    mixed = audit_files([shared[0], folder / "auray.xlsx", shared[2]], key=KEY, jobs=2)
    for report in (only_shared, mixed):
        assert report.overlap.pairs == raw.overlap.pairs
        assert report.overlap.three_or_more == raw.overlap.three_or_more
        assert [o.report.office for o in report.files] == list(truth)
        assert [o.report.score for o in report.files] == [o.report.score for o in raw.files]


def test_a_shared_file_holds_no_name_email_phone_nor_key(
    network: tuple[Path, dict[str, set[int]], pd.DataFrame], tmp_path: Path
) -> None:
    folder, _, messy = network
    target, _ = share_file(folder / "vannes.csv", KEY, output=tmp_path / "vannes-partage.xlsx")
    book = load_workbook(target, read_only=True)
    cells = {str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c is not None}
    book.close()
    rows = pd.read_excel(target, sheet_name="Partage", dtype=str, engine="calamine")
    assert not {"Nom", "Prénom", "Email", "Téléphone", "Adresse", "email", "phone", "last_name"} & set(rows.columns)
    personal = set(messy["Email"]) | set(messy["Téléphone"]) | set(messy["Nom"]) | set(messy["Adresse"])
    personal = {value for value in personal if isinstance(value, str) and len(value) > 3}
    assert not cells & personal
    assert not any(KEY.decode() in cell for cell in cells)


def test_another_key_is_refused_and_shared_files_need_a_key(
    network: tuple[Path, dict[str, set[int]], pd.DataFrame], tmp_path: Path
) -> None:
    folder, _, _ = network
    target, _ = share_file(folder / "vannes.csv", KEY, output=tmp_path / "vannes-partage.xlsx")
    report = audit_files([target], key=b"another key", jobs=1)
    assert report.failures and report.failures[0].exit_code == 2
    with pytest.raises(ConfigError):
        audit_files([target], jobs=1)


def test_files_are_ranked_by_dirtiness(tmp_path: Path) -> None:
    for noise in (0.2, 1, 2):
        export = generate_export(150, seed=4, noise=noise)
        write_csv(export.messy, tmp_path / f"noise-{noise}.csv")
    code, out, err = _invoke(["audit", str(tmp_path), "--json", "--as-of", AS_OF, "--jobs", "2"])
    assert code == 0, err
    data = json.loads(out)
    scores = {row["office"]: row["score"] for row in data["files"]}
    assert scores["noise-0.2"] > scores["noise-1"] > scores["noise-2"]
    row = data["files"][0]
    assert {"file", "office", "rows", "people", "score", "grade", "dimensions", "problems", "figures"} <= set(row)
    assert set(row["figures"]) == {"invalid_emails", "invalid_phones", "consent_rate", "stale"}
    assert set(data["overlap"]) == {"method", "keys", "offices", "pairs", "three_or_more"}
    assert data["errors"] == []


def test_folder_glob_and_office_names_from_grc_toml(tmp_path: Path) -> None:
    export = generate_export(40, seed=2)
    (tmp_path / "vannes").mkdir()
    write_xlsx(export.messy, tmp_path / "vannes" / "export.xlsx")
    (tmp_path / "vannes" / "grc.toml").write_text('office = "OT de Vannes"\n', encoding="utf-8")
    write_csv(export.messy.head(20), tmp_path / "carnac-2025.csv")
    code, out, err = _invoke(["audit", str(tmp_path / "vannes"), str(tmp_path / "carnac*.csv"), "--json"])
    assert code == 0, err
    offices = [row["office"] for row in json.loads(out)["files"]]
    assert offices == ["OT de Vannes", "carnac-2025"]


def test_an_empty_office_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "grc.toml").write_text('office = "  "\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(tmp_path / "grc.toml")


def test_fail_under_gates(network: tuple[Path, dict[str, set[int]], pd.DataFrame]) -> None:
    folder, _, _ = network
    files = [str(path) for path in _files(folder)]
    code, out, err = _invoke(["audit", *files, "--fail-under", "99", "--quiet"])
    assert code == 1 and out == ""
    assert "--fail-under" in err
    code, _, err = _invoke(["audit", *files, "--fail-under", "1", "--quiet"])
    assert code == 0, err


def test_xlsx_has_one_row_per_office_and_a_second_run_follows_the_writers_rules(
    network: tuple[Path, dict[str, set[int]], pd.DataFrame], tmp_path: Path
) -> None:
    folder, truth, _ = network
    files = [str(path) for path in _files(folder)]
    target = tmp_path / "bilan.xlsx"
    code, _, err = _invoke(["audit", *files, "--xlsx", str(target), "--quiet", "--key", str(folder / "network.key")])
    assert code == 0, err
    offices = pd.read_excel(target, sheet_name="Offices", engine="calamine")
    assert offices["Office"].tolist() == list(truth)
    code, _, err = _invoke(["audit", *files, "--xlsx", str(target), "--quiet"])
    assert code == 0, err  # grc's own unchanged output from the same files: replaced
    other = tmp_path / "autre.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(other, index=False)
    code, _, err = _invoke(["audit", *files, "--xlsx", str(other), "--quiet"])
    assert code == 4
    code, _, err = _invoke(["audit", *files, "--xlsx", str(other), "--quiet", "--force"])
    assert code == 0, err


def test_an_unreadable_file_is_reported_and_the_others_go_on(
    network: tuple[Path, dict[str, set[int]], pd.DataFrame], tmp_path: Path
) -> None:
    folder, _, _ = network
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook at all")
    code, out, err = _invoke(["audit", str(folder / "vannes.csv"), str(broken), "--json"])
    assert code == 3
    data = json.loads(out)
    assert [row["office"] for row in data["files"]] == ["vannes"]
    assert [error["file"] for error in data["errors"]] == ["broken.xlsx"]
    assert "broken.xlsx" in err


def test_share_command_and_key_file_rules(
    network: tuple[Path, dict[str, set[int]], pd.DataFrame], tmp_path: Path
) -> None:
    folder, _, _ = network
    source = tmp_path / "vannes.csv"
    source.write_bytes((folder / "vannes.csv").read_bytes())
    code, out, err = _invoke(["share", str(source), "--key", str(folder / "network.key"), "--json"])
    assert code == 0, err
    data = json.loads(out)
    assert Path(data["output"]).name == "vannes-partage.xlsx"
    assert KEY.decode() not in out
    empty = tmp_path / "empty.key"
    empty.write_bytes(b"")
    for key in (empty, tmp_path / "missing.key"):
        code, _, err = _invoke(["share", str(source), "--key", str(key)])
        assert code == 2 and err.count("\n") == 1
    with pytest.raises(ConfigError):
        read_key(empty)


def test_two_runs_cannot_hold_one_output_at_once(tmp_path: Path) -> None:
    target = tmp_path / "bilan.xlsx"
    with output_lock(target):
        with pytest.raises(OutputExistsError), output_lock(target):
            pass
    with output_lock(target):  # released at the end of the first run
        pass


def test_two_audits_appear_in_the_history_and_the_page_shows_their_trend(
    network: tuple[Path, dict[str, set[int]], pd.DataFrame], tmp_path: Path
) -> None:
    folder = network[0]
    history, page = tmp_path / "reseau.sqlite", tmp_path / "bilan.html"
    files = [str(path) for path in _files(folder)]
    key = ["--key", str(folder / "network.key")]
    for _ in range(2):  # a monthly cron job: the page is grc's own, replaced without --force
        code, _, err = _invoke(["audit", *files, *key, "--history", str(history), "--html", str(page), "-q"])
        assert code == 0, err
    code, out, err = _invoke(["history", "--history", str(history), "--json"])
    assert code == 0, err
    runs = json.loads(out)
    assert sorted({run["office"] for run in runs}) == ["auray", "quiberon", "vannes"]
    assert [run["command"] for run in runs].count("audit") == 6  # two audits of three offices
    text = page.read_text(encoding="utf-8")
    assert "http" not in text and "<script" not in text
    assert text.count("<svg") >= 3  # score, dimensions, trend
    assert all(office in text for office in ("auray", "quiberon", "vannes"))
    # no history: the page is written without a trend, and nothing is recorded
    other = tmp_path / "sans.html"
    code, _, err = _invoke(["audit", *files, *key, "--no-history", "--html", str(other), "-q"])
    assert code == 0, err
    assert other.read_text(encoding="utf-8").count("<svg") == 2
    page.write_text(text + "<!-- edited -->", encoding="utf-8")  # a page a person changed is not replaced
    code, _, err = _invoke(["audit", *files, *key, "--no-history", "--html", str(page), "-q"])
    assert code == 4, err
