"""The command line as a user and a cron job meet it: exit codes, French one-line errors, --json."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from grc_toolkit import __version__
from grc_toolkit.api import clean_file
from grc_toolkit.commands import app
from grc_toolkit.config import Config, DedupeOptions
from grc_toolkit.io import read_table
from grc_toolkit.schema import SOURCE_FILE, SOURCE_ROWS
from grc_toolkit.testing import generate_export

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
BAD = Path(__file__).parent / "fixtures" / "bad"
runner = CliRunner()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def sample_csv(tmp_path: Path) -> Path:
    target = tmp_path / "export.csv"
    shutil.copy(SAMPLES / "visitors-sample.csv", target)
    return target


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_clean_writes_the_workbook_beside_the_input_and_keeps_the_input(sample_csv: Path) -> None:
    before = _digest(sample_csv)
    result = runner.invoke(app, ["clean", str(sample_csv)])
    assert result.exit_code == 0, result.output
    assert "Lignes lues" in result.output
    output = sample_csv.with_name("export-clean.xlsx")
    assert output.exists()
    assert _digest(sample_csv) == before
    sheets = pd.read_excel(output, sheet_name=None, dtype=str, engine="calamine")
    assert list(sheets) == ["Contacts", "Lisez-moi", "Modifications", "Doublons", "À vérifier", "Rapport"]
    assert len(sheets["Doublons"]) > 0
    assert SOURCE_ROWS in sheets["Contacts"].columns


def test_json_equals_the_library_result(sample_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["clean", str(sample_csv), "-o", str(out), "--json", "--no-dedupe"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    done = clean_file(sample_csv, Config(dedupe=DedupeOptions(enabled=False)), output=out)
    expected = done.report.to_dict()
    # the run's own measures differ from one run to the next: present, and the same stages
    timings, peak = printed.pop("timings"), printed.pop("peak_memory_mb")
    assert set(timings) == set(expected.pop("timings")) == {"read", "clean", "write"}  # no dedupe stage here
    assert all(seconds >= 0 for seconds in timings.values()) and peak > 0
    expected.pop("peak_memory_mb")
    assert printed == expected
    assert printed["rows_in"] == printed["rows_out"]


def test_csv_output_is_utf8_bom_semicolon_and_reimportable(sample_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "propre.csv"
    assert runner.invoke(app, ["clean", str(sample_csv), "-o", str(out), "-q", "--no-dedupe"]).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    table = read_table(out)
    assert table.delimiter == ";"
    source = read_table(sample_csv)
    assert len(table.frame) == len(source.frame)
    assert list(table.frame.columns[: len(source.frame.columns)]) == list(source.frame.columns)


def test_xlsx_sample_with_title_rows(tmp_path: Path) -> None:
    target = tmp_path / "export.xlsx"
    shutil.copy(SAMPLES / "visitors-sample.xlsx", target)
    result = runner.invoke(app, ["clean", str(target), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["header_row"] == 3
    assert report["rows_in"] > 200


def test_english(sample_csv: Path) -> None:
    result = runner.invoke(app, ["clean", str(sample_csv), "--lang", "en"])
    assert result.exit_code == 0
    assert "Rows read" in result.output
    sheets = pd.read_excel(sample_csv.with_name("export-clean.xlsx"), sheet_name=None, engine="calamine")
    assert list(sheets) == ["Contacts", "Read me", "Changes", "Duplicates", "To review", "Report"]


def test_quiet_prints_nothing(sample_csv: Path) -> None:
    result = runner.invoke(app, ["clean", str(sample_csv), "--quiet"])
    assert result.exit_code == 0
    assert result.output == ""


def test_missing_file_is_one_french_line_and_exit_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(tmp_path / "absent.csv")])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "Traceback" not in result.output
    assert "absent.csv" in lines[0]


@pytest.mark.parametrize("bad", sorted(p.name for p in BAD.iterdir()))
def test_bad_inputs_fail_cleanly_and_are_not_modified(bad: str, tmp_path: Path) -> None:
    target = tmp_path / bad
    shutil.copy(BAD / bad, target)
    before = _digest(target)
    result = runner.invoke(app, ["clean", str(target)])
    assert result.exit_code in (0, 3), result.output
    if result.exit_code == 3:
        message = result.stderr.strip()
        assert len(message.splitlines()) == 1 and "Traceback" not in message
        assert "Erreur inattendue" not in message, message
    assert _digest(target) == before
    assert "Traceback" not in result.output


def test_a_directory_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(tmp_path)])
    assert result.exit_code == 3
    assert "dossier" in result.stderr.lower() or "répertoire" in result.stderr.lower()


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(tmp_path / "absent.csv"), "--debug"])
    assert result.exit_code != 0
    assert result.exception is not None


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "x.csv", "--phone-format", "fax"],
        ["clean", "x.csv", "--lang", "de"],
        ["clean", "x.csv", "--map", "sans-egal"],
        ["clean", "x.csv", "--unknown-option"],
        ["nope"],
    ],
)
def test_bad_command_lines_exit_2(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("Nom;Email\nDupont;a@b.fr\n", encoding="utf-8")
    args = [str(tmp_path / a) if a == "x.csv" else a for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output


def test_config_file_beside_the_input(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("Nom;Tel. port.\nDupont;0612445678\n", encoding="utf-8")
    (tmp_path / "grc.toml").write_text('[clean]\nphone_format = "national"\n[columns]\n"Tel. port." = "mobile"\n')
    result = runner.invoke(app, ["clean", str(tmp_path / "x.csv"), "-o", str(tmp_path / "o.csv"), "-q"])
    assert result.exit_code == 0, result.output
    assert "06 12 44 56 78" in (tmp_path / "o.csv").read_text(encoding="utf-8-sig")


def test_a_config_naming_the_former_field_company_still_works(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("Nom;Hôtel\nDupont;Hôtel de la Plage\n", encoding="utf-8")
    (tmp_path / "grc.toml").write_text('[columns]\n"Hôtel" = "company"\n', encoding="utf-8")
    result = runner.invoke(app, ["columns", str(tmp_path / "x.csv"), "--json"])
    assert result.exit_code == 0, result.output
    fields = {row["column"]: row["field"] for row in json.loads(result.stdout)}
    assert fields["Hôtel"] == "organisation"


def test_bad_config_file_exit_2(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("Nom\nDupont\n", encoding="utf-8")
    (tmp_path / "grc.toml").write_text("[clean\n")
    result = runner.invoke(app, ["clean", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert "grc.toml" in result.stderr


def test_refuses_to_overwrite_the_input(sample_csv: Path) -> None:
    before = _digest(sample_csv)
    result = runner.invoke(app, ["clean", str(sample_csv), "-o", str(sample_csv)])
    assert result.exit_code == 3
    assert _digest(sample_csv) == before


def test_columns_command(sample_csv: Path) -> None:
    result = runner.invoke(app, ["columns", str(sample_csv), "--json"])
    assert result.exit_code == 0, result.output
    fields = {row["column"]: row["field"] for row in json.loads(result.stdout)}
    assert fields["Code postal"] == "postal_code"
    assert fields["Source"] == ""
    assert runner.invoke(app, ["columns", str(sample_csv)]).exit_code == 0


def test_explain_two_rows(sample_csv: Path) -> None:
    result = runner.invoke(app, ["explain", str(sample_csv), "4", "39", "--json"])
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.stdout)
    assert verdict["same_group"] is True and verdict["probability"] > 0.9
    assert {line["field"] for line in verdict["fields"]} >= {"Nom", "Prénom", "Courriel", "Téléphone"}
    shown = runner.invoke(app, ["explain", str(sample_csv), "3", "4"])
    assert shown.exit_code == 0 and "Probabilité" in shown.output


def test_explain_unknown_row_exit_2(sample_csv: Path) -> None:
    result = runner.invoke(app, ["explain", str(sample_csv), "3", "99999"])
    assert result.exit_code == 2
    assert "99999" in result.stderr


def test_explain_the_same_row_twice_exit_2(sample_csv: Path) -> None:
    result = runner.invoke(app, ["explain", str(sample_csv), "2", "2"])
    assert result.exit_code == 2
    assert "deux lignes différentes" in result.stderr


def test_explain_rows_in_either_order_show_each_row_under_its_own_number(sample_csv: Path) -> None:
    forward = json.loads(runner.invoke(app, ["explain", str(sample_csv), "3", "5", "--json"]).stdout)
    backward = json.loads(runner.invoke(app, ["explain", str(sample_csv), "5", "3", "--json"]).stdout)
    assert [(f["a"], f["b"]) for f in forward["fields"]] == [(f["b"], f["a"]) for f in backward["fields"]]
    assert forward["probability"] == backward["probability"]


def test_explain_on_a_file_where_nothing_was_compared(tmp_path: Path) -> None:
    """A newsletter list: no two rows share anything, so no model was learnt; say so, no crash."""
    source = tmp_path / "abonnes.csv"
    source.write_text("email\na@b.fr\nc@d.fr\ne@f.fr\n", encoding="utf-8")
    result = runner.invoke(app, ["explain", str(source), "2", "3"])
    assert result.exit_code == 0, result.output
    assert "rien n'a été comparé" in result.output


def test_inconsistent_thresholds_exit_2(sample_csv: Path) -> None:
    result = runner.invoke(app, ["clean", str(sample_csv), "--auto", "0.6", "--review", "0.8"])
    assert result.exit_code == 2


def test_review_decisions_are_applied_and_survive_a_new_export(sample_csv: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.xlsx"
    assert runner.invoke(app, ["clean", str(sample_csv), "-o", str(first), "-q", "--review", "0.001"]).exit_code == 0
    review = pd.read_excel(first, sheet_name="À vérifier", dtype=str, engine="calamine").fillna("")
    assert len(review) >= 2, "the sample should hold doubtful pairs"
    decision = [c for c in review.columns if c.startswith("Décision")][0]
    review.loc[0, decision] = "fusionner"
    review.loc[1, decision] = "distinct"
    reviewed = tmp_path / "reviewed.xlsx"
    with pd.ExcelWriter(reviewed) as writer:
        review.to_excel(writer, sheet_name="À vérifier", index=False)
    merged_rows = {review.loc[0, "Ligne d'origine A"], review.loc[0, "Ligne d'origine B"]}
    # a newer export: same people, rows shuffled, so row numbers change but fingerprints do not
    source = read_table(sample_csv).frame
    shuffled = tmp_path / "newer.csv"
    source.iloc[::-1].to_csv(shuffled, sep=";", index=False, encoding="utf-8")
    out = tmp_path / "second.xlsx"
    result = runner.invoke(app, ["clean", str(shuffled), "-o", str(out), "-q", "--decisions", str(reviewed)])
    assert result.exit_code == 0, result.output
    contacts = pd.read_excel(out, sheet_name="Contacts", dtype=str, engine="calamine")
    n = len(source) + 2
    new_rows = {str(n - int(row) + 1) for row in merged_rows}  # reversed order: row r becomes n + 1 - r
    assert any(new_rows <= set(cell.split(" ; ")) for cell in contacts[SOURCE_ROWS])
    again = pd.read_excel(out, sheet_name="À vérifier", dtype=str, engine="calamine").fillna("")
    decided = {tuple(sorted(p)) for p in zip(review.loc[:1, "Empreinte A"], review.loc[:1, "Empreinte B"], strict=True)}
    undecided = again[again[decision] == ""]
    still = {tuple(sorted(p)) for p in zip(undecided["Empreinte A"], undecided["Empreinte B"], strict=True)}
    assert not decided & still  # not asked again, but carried with its decision
    carried = again[again[decision] != ""]
    assert {tuple(sorted(p)) for p in zip(carried["Empreinte A"], carried["Empreinte B"], strict=True)} == decided


def test_decisions_file_without_review_columns_exit_3(sample_csv: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(sample_csv), "--decisions", str(sample_csv)])
    assert result.exit_code == 3
    assert "Décision" in result.stderr


def test_dedupe_links_people_across_files(tmp_path: Path) -> None:
    export = generate_export(120, seed=4, columns="fr")
    half = len(export.messy) // 2
    first, second = tmp_path / "accueil.csv", tmp_path / "salon.csv"
    export.messy.iloc[:half].to_csv(first, sep=";", index=False, encoding="cp1252", errors="replace")
    crm = generate_export(120, seed=4, columns="crm").messy.iloc[half:]
    crm.to_csv(second, sep=";", index=False, encoding="utf-8")
    before = _digest(first), _digest(second)
    out = tmp_path / "reseau.xlsx"
    result = runner.invoke(app, ["dedupe", str(first), str(second), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["rows_in"] == len(export.messy)
    contacts = pd.read_excel(out, sheet_name="Contacts", dtype=str, engine="calamine").fillna("")
    rows = [part for cell in contacts[SOURCE_ROWS] for part in cell.split(" ; ")]
    assert sorted(rows) == sorted(
        [f"accueil.csv:{r}" for r in range(2, half + 2)] + [f"salon.csv:{r}" for r in range(2, len(crm) + 2)]
    )
    both = contacts[SOURCE_FILE].str.contains("accueil.csv") & contacts[SOURCE_FILE].str.contains("salon.csv")
    assert both.any(), "the same people appear in both files"
    assert (_digest(first), _digest(second)) == before


def test_two_exports_with_one_output_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    csv_export, xlsx_export = tmp_path / "visitors.csv", tmp_path / "visitors.xlsx"
    shutil.copy(SAMPLES / "visitors-sample.csv", csv_export)
    shutil.copy(SAMPLES / "visitors-sample.xlsx", xlsx_export)
    output = tmp_path / "visitors-clean.xlsx"
    assert runner.invoke(app, ["clean", str(csv_export), "-q", "--no-dedupe"]).exit_code == 0
    # a cron job re-runs on the same export: no prompt, the output is replaced
    assert runner.invoke(app, ["clean", str(csv_export), "-q", "--no-dedupe"]).exit_code == 0
    before = _digest(output)
    result = runner.invoke(app, ["clean", str(xlsx_export), "-q", "--no-dedupe"])
    assert result.exit_code == 4
    assert result.stderr.strip() == (  # the output as the command line implies it (beside the given export)
        f"{output} existe déjà et a été écrit par grc à partir de visitors.csv, pas de visitors.xlsx : "
        "choisissez un autre nom avec -o, ou ajoutez --force pour le remplacer."
    )
    assert _digest(output) == before
    result = runner.invoke(app, ["clean", str(xlsx_export), "-q", "--no-dedupe", "--force"])
    assert result.exit_code == 0, result.output
    assert _digest(output) != before


def test_a_file_grc_did_not_write_is_kept_unless_forced(sample_csv: Path, tmp_path: Path) -> None:
    mine = tmp_path / "contacts.csv"
    mine.write_bytes(b"Nom;Notes\r\nMartin;rappeler\r\n")
    result = runner.invoke(app, ["dedupe", str(sample_csv), "-o", str(mine), "--lang", "en"])
    assert result.exit_code == 4
    assert "contacts.csv already exists and was not written by grc" in result.stderr
    assert mine.read_bytes() == b"Nom;Notes\r\nMartin;rappeler\r\n"
    assert runner.invoke(app, ["dedupe", str(sample_csv), "-o", str(mine), "--force", "-q"]).exit_code == 0
    assert runner.invoke(app, ["dedupe", str(sample_csv), "-o", str(mine), "-q"]).exit_code == 0


def test_explain_names_the_rule_that_keeps_twins_apart(tmp_path: Path) -> None:
    twins = tmp_path / "twins.csv"
    twins.write_text(
        "Nom;Prénom;Date de naissance;Adresse;Code postal\n"
        "Capel;Benjamin;22/05/1979;4 rue des Lilas;42000\n"
        "Capel;Joshua;22/05/1979;4 rue des Lilas;42000\n",
        encoding="utf-8",
    )
    verdict = json.loads(runner.invoke(app, ["explain", str(twins), "2", "3", "--json"]).stdout)
    assert verdict["rule"] == "twins" and not verdict["same_group"]
    # the weights in one sentence, heaviest first, French decimals
    assert verdict["sentence"].startswith("même date de naissance (+") and verdict["sentence"].endswith(" %")
    assert "même nom (+" in verdict["sentence"] and "prénom différent (−" in verdict["sentence"]
    shown = runner.invoke(app, ["explain", str(twins), "2", "3"]).stdout
    assert "Gardées à part par : jumeaux ou frères et sœurs possibles" in " ".join(shown.split())


def test_explain_model_shows_fields_levels_and_weights(sample_csv: Path) -> None:
    learnt = json.loads(runner.invoke(app, ["explain", str(sample_csv), "--model", "--json"]).stdout)
    assert learnt["engine"] == "grc" and learnt["compared"] and learnt["pairs"] > 0
    weights = {line["field"]: [level["weight"] for level in line["levels"]] for line in learnt["fields"]}
    assert weights["email"][-1] > 0 > weights["email"][0]  # the same email for, another against
    shown = " ".join(runner.invoke(app, ["explain", str(sample_csv), "--model"]).stdout.split())
    assert "même courriel" in shown and "Moteur grc, appris sur" in shown


def test_explain_model_of_the_splink_engine_shows_splink_s_comparisons(sample_csv: Path) -> None:
    (sample_csv.parent / "grc.toml").write_text('[dedupe]\nengine = "splink"\n', encoding="utf-8")
    learnt = json.loads(runner.invoke(app, ["explain", str(sample_csv), "--model", "--json"]).stdout)
    assert learnt["engine"] == "splink"
    assert {line["field"] for line in learnt["model"]["comparisons"]} >= {"first", "last", "email"}


def test_explain_without_rows_or_model_is_a_usage_error(sample_csv: Path) -> None:
    result = runner.invoke(app, ["explain", str(sample_csv), "3"])
    assert result.exit_code == 2 and "--model" in result.stderr
