"""``grc score``: a file's quality as data, the same in the terminal, in --json and for the library; nothing written."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from grc_toolkit.api import score_file
from grc_toolkit.commands import app
from grc_toolkit.config import Config, QualityOptions, load_config
from grc_toolkit.errors import ConfigError
from grc_toolkit.results import GRADES, grade_of
from grc_toolkit.testing import generate_export, write_csv, write_xlsx

AS_OF = "2025-07-01"  # the generated contacts run from 2019 to mid-2025
KEYS = ["file", "office", "rows", "people", "score", "grade", "dimensions", "problems", "record_score", "as_of",
        "as_of_source", "retention_years"]  # fmt: skip
DIMENSIONS = ["completeness", "validity", "uniqueness", "consistency", "freshness", "consent"]


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args, env={"LANG": "fr_FR.UTF-8", "LC_ALL": ""})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def export_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("score") / "export.csv"
    write_csv(generate_export(120, seed=11, noise=1).messy, path)
    return path


def _score_json(path: Path, *extra: str) -> dict[str, object]:
    code, out, err = _invoke(["score", str(path), "--as-of", AS_OF, "--json", *extra])
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_noisier_files_score_lower(tmp_path: Path) -> None:
    scores = []
    for noise in (0.2, 1, 2):
        path = tmp_path / f"noise-{noise}.csv"
        write_csv(generate_export(150, seed=5, noise=noise).messy, path)
        scores.append(score_file(path, as_of=date.fromisoformat(AS_OF)).score)
    assert scores[0] > scores[1] > scores[2], scores


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, "A"),
        (85, "A"),
        (84.9, "B"),
        (70, "B"),
        (69.9, "C"),
        (55, "C"),
        (54.9, "D"),
        (40, "D"),
        (39.9, "E"),
        (0, "E"),
    ],
)
def test_grade_boundaries(score: float, grade: str) -> None:
    assert grade_of(score) == grade
    assert [g for g, _ in GRADES] == ["A", "B", "C", "D", "E"]


def test_json_shape_equals_the_library_result(export_csv: Path) -> None:
    printed = _score_json(export_csv)
    assert list(printed) == KEYS
    assert list(printed["dimensions"]) == DIMENSIONS  # type: ignore[call-overload]
    assert printed == score_file(export_csv, as_of=date.fromisoformat(AS_OF)).to_dict()
    assert printed["as_of"] == AS_OF and printed["as_of_source"] == "option"
    assert 0 <= printed["score"] <= 100  # type: ignore[operator]
    assert printed["grade"] == grade_of(printed["score"])  # type: ignore[arg-type]


def test_without_as_of_freshness_is_counted_today(export_csv: Path) -> None:
    report = score_file(export_csv)
    assert report.as_of == date.today().isoformat() and report.as_of_source == "today"


def test_fail_under_exits_1_below_and_0_at_or_above(export_csv: Path) -> None:
    score = float(_score_json(export_csv)["score"])  # type: ignore[arg-type]
    code, _, err = _invoke(["score", str(export_csv), "--as-of", AS_OF, "--quiet", "--fail-under", str(score + 1)])
    assert code == 1
    assert "--fail-under" in err
    code, out, _ = _invoke(["score", str(export_csv), "--as-of", AS_OF, "--quiet", "--fail-under", str(score)])
    assert (code, out) == (0, "")
    code, out, _ = _invoke(["score", str(export_csv), "--as-of", AS_OF, "--json", "--fail-under", "100"])
    assert code == 1 and json.loads(out)["score"] == score


def test_terminal_report_is_french_then_english(export_csv: Path) -> None:
    code, out, _ = _invoke(["score", str(export_csv), "--as-of", AS_OF])
    assert code == 0
    assert "Score du fichier" in out and "Complétude" in out and "Fraîcheur comptée au" in out and "(--as-of)" in out
    code, out, _ = _invoke(["score", str(export_csv), "--as-of", AS_OF, "--lang", "en"])
    assert code == 0
    assert "File score" in out and "Completeness" in out and "Complétude" not in out


def test_a_desk_form_default_is_flagged_with_its_value_only(tmp_path: Path) -> None:
    messy = generate_export(100, seed=2, noise=0.2).messy
    rows = len(messy)
    messy["Date de contact"] = ["15/03/2024"] * (rows * 3 // 4) + messy["Date de contact"].iloc[
        rows * 3 // 4 :
    ].tolist()
    messy["Pays"] = "France"
    path = tmp_path / "accueil.csv"
    write_csv(messy, path)
    report = _score_json(path)
    defaults = {p["column"]: p for p in report["problems"] if p["code"] == "default_value"}  # type: ignore[attr-defined,index]
    assert set(defaults) == {"Date de contact", "Pays"}
    assert defaults["Pays"]["value"] == "France" and defaults["Pays"]["share"] == 1.0
    assert defaults["Date de contact"]["value"] == "2024-03-15"
    code, out, _ = _invoke(["score", str(path), "--as-of", AS_OF])
    assert "Pays : « France » sur 100 % des lignes, valeur par défaut du formulaire ?" in out
    # no person's data in the report: no email, phone or name of the file
    text = json.dumps(report, ensure_ascii=False)
    for column in ("Email", "Nom", "Téléphone"):
        for value in messy[column].head(20):
            assert not value.strip() or value.strip() not in text


def test_a_french_office_with_mostly_french_visitors_is_not_flagged(export_csv: Path) -> None:
    problems = _score_json(export_csv)["problems"]
    assert not [p for p in problems if p["code"] == "default_value"]  # type: ignore[attr-defined,index]


def test_score_writes_nothing_and_leaves_the_input_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_xlsx(generate_export(60, seed=4, noise=1).messy, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    listing = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = _invoke(["score", str(path), "--as-of", AS_OF])
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_weights_from_grc_toml_change_the_score(tmp_path: Path, export_csv: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(export_csv.read_bytes())
    plain = _score_json(path)
    (tmp_path / "grc.toml").write_text(
        "[quality.file_weights]\nuniqueness = 100\nfreshness = 0\n\n[quality.record_weights]\nfresh = 0\n",
        encoding="utf-8",
    )
    weighted = _score_json(path)
    assert weighted["dimensions"] == plain["dimensions"]
    assert weighted["score"] != plain["score"]
    assert weighted["record_score"] != plain["record_score"]


def test_retention_from_grc_toml_changes_freshness(tmp_path: Path, export_csv: Path) -> None:
    config = tmp_path / "grc.toml"
    config.write_text("[quality]\nretention_years = 10\n", encoding="utf-8")
    report = _score_json(export_csv, "--config", str(config))
    assert report["dimensions"]["freshness"] == 100.0  # type: ignore[index]
    assert report["retention_years"] == 10


@pytest.mark.parametrize(
    "text",
    [
        "[quality]\nretention = 3\n",
        "[quality]\nretention_years = 0\n",
        "[quality]\ndefault_share = 1.5\n",
        "[quality.file_weights]\nbeauty = 10\n",
        "[quality.record_weights]\nreachable = -1\n",
        "[quality.record_weights]\nreachable = 0\nidentified = 0\nlocated = 0\nconsent = 0\nfresh = 0\n",
    ],
)
def test_a_wrong_quality_section_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "grc.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(path)


def test_a_file_with_only_an_email_column_is_scored(tmp_path: Path) -> None:
    path = tmp_path / "emails.csv"
    emails = [f"visiteur{i}@exemple.fr" for i in range(8)] + ["pas-un-courriel", "contact@office.fr"]
    write_csv(pd.DataFrame({"Email": emails}), path)
    report = _score_json(path)
    assert report["rows"] == 10
    missing = {p["field"] for p in report["problems"] if p["code"] == "missing_field"}  # type: ignore[attr-defined,index]
    assert missing == {"name", "place", "consent", "date"}
    assert report["dimensions"]["consent"] == 0.0 and report["dimensions"]["freshness"] == 0.0  # type: ignore[index]
    assert report["grade"] in {"D", "E"}


def test_bad_options_are_usage_errors(export_csv: Path) -> None:
    assert _invoke(["score", str(export_csv), "--as-of", "01/07/2025"])[0] == 2
    assert _invoke(["score", str(export_csv), "--fail-under", "120"])[0] == 2
    code, out, _ = _invoke(["score", str(export_csv), "--as-of", "hier", "--json"])
    assert code == 2 and json.loads(out)["error"]["kind"] == "usage"


def test_a_missing_file_exits_3(tmp_path: Path) -> None:
    assert _invoke(["score", str(tmp_path / "absent.csv")])[0] == 3


def test_default_options_are_the_documented_ones() -> None:
    options = Config().quality
    assert options == QualityOptions()
    assert sum(options.record_weights.values()) == 100 and sum(options.file_weights.values()) == 100
    assert options.retention_years == 3


@pytest.mark.parametrize(("share", "flagged"), [(0.65, False), (0.95, True)])
def test_a_civility_is_a_default_only_when_nearly_every_row_has_it(tmp_path: Path, share: float, flagged: bool) -> None:
    # most contacts an office keeps are women: « Mme » on 65 % of rows is the visitors, on 95 % a form's default
    messy = generate_export(100, seed=4, noise=0.2).messy
    mrs = int(len(messy) * share)
    messy["Civilité"] = ["Mme"] * mrs + ["M."] * (len(messy) - mrs)
    path = tmp_path / "civilites.csv"
    write_csv(messy, path)
    problems = _score_json(path)["problems"]
    defaults = [p["column"] for p in problems if p["code"] == "default_value"]  # type: ignore[index]
    assert ("Civilité" in defaults) == flagged
