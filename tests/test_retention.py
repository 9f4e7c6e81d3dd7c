"""``grc retention`` and the retention period: who is past it, who to ask again before, who has no date."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from grc_toolkit.commands import app
from grc_toolkit.errors import EXIT_USAGE, ConfigError
from grc_toolkit.retention import Period, parse_retention
from grc_toolkit.retention_report import RetentionOptions, retention_file
from grc_toolkit.testing import generate_export, write_csv

AS_OF = "2025-07-01"
HEADERS = ["Nom", "Prénom", "Email", "Date de contact", "Consentement"]
ROWS = [
    ["MARTIN", "Anne", "anne.martin@gmail.com", "10/01/2025", "oui"],  # fresh
    ["LEROY", "Julie", "julie.leroy@free.fr", "05/05/2019", "oui"],  # expired
    ["PETIT", "Marc", "marc.petit@sfr.fr", "15/08/2022", "oui"],  # ends 2025-08-15: ask again
    ["ROUX", "Léa", "lea.roux@laposte.net", "15/08/2022", "non"],  # ends too, refused: not to ask
    ["HENRY", "Louis", "louis.henry@bbox.fr", "", "oui"],  # undated
    ["LEROY", "Julie", "julie.leroy@free.fr", "01/02/2018", "oui"],  # the same Julie, older: merged
]


def _invoke(args: list[str], lang: str = "fr") -> tuple[int, str, str]:
    env = {"LANG": "en_US.UTF-8" if lang == "en" else "fr_FR.UTF-8", "LC_ALL": ""}
    result = CliRunner().invoke(app, args, env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def office(tmp_path: Path) -> Path:
    path = tmp_path / "visiteurs.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(ROWS)
    return path


@pytest.mark.parametrize(
    ("text", "code", "start"),
    [
        ("3y", "3y", "2022-07-01"),
        ("3 ans", "3y", "2022-07-01"),
        ("3", "3y", "2022-07-01"),
        ("36m", "36m", "2022-07-01"),
        ("36 mois", "36m", "2022-07-01"),
        ("18 Months", "18m", "2024-01-01"),
        ("90d", "90d", "2025-04-02"),
        ("90 jours", "90d", "2025-04-02"),
    ],
)
def test_a_period_reads_french_and_english_units(text: str, code: str, start: str) -> None:
    period = Period.parse(text)
    assert period.code == code
    assert period.since(date(2025, 7, 1)) == pd.Timestamp(start)


@pytest.mark.parametrize("text", ["", "trois ans", "0y", "3 semaines", "-1y", "3.5y"])
def test_a_wrong_period_is_refused_in_french(text: str) -> None:
    with pytest.raises(ConfigError, match="attend une durée comme 3y"):
        Period.parse(text)


def test_none_turns_the_retention_off_and_the_default_is_the_config() -> None:
    assert parse_retention("none", 3) is None and parse_retention("aucune", 3) is None
    assert parse_retention(None, 5) == Period.years(5)


def test_the_lists_hold_who_to_delete_who_to_ask_again_and_who_has_no_date(office: Path) -> None:
    code, out, err = _invoke(["retention", str(office), "--as-of", AS_OF])
    assert code == 0, err
    flat = " ".join(out.split())
    for line in ("À supprimer (durée dépassée) 1", "À relancer (consentement) 1", "Fin proche, sans consentement 1",
                 "Date de contact inconnue 1", "Dans la durée 1"):  # fmt: skip
        assert line in flat, out
    sheets = pd.read_excel(office.with_name("visiteurs-conservation.xlsx"), sheet_name=None, dtype=str,
                           engine="calamine")  # fmt: skip
    assert list(sheets) == ["À supprimer", "À relancer", "Date inconnue"]
    deleted = sheets["À supprimer"].fillna("")
    assert deleted[["Lignes d'origine", "Nom", "Dernier contact", "Fin de conservation"]].values.tolist() == [
        ["3 ; 7", "LEROY", "2019-05-05", "2022-05-05"]
    ]
    assert deleted["Action"].tolist() == ["supprimer ou anonymiser : durée de conservation dépassée"]
    asked = sheets["À relancer"].fillna("")
    assert asked[["Nom", "Courriel", "Fin de conservation"]].values.tolist() == [
        ["PETIT", "marc.petit@sfr.fr", "2025-08-15"]
    ]
    assert sheets["Date inconnue"]["Nom"].tolist() == ["HENRY"]


def test_json_equals_the_library_and_notice_widens_the_list(office: Path) -> None:
    code, out, err = _invoke(["retention", str(office), "--as-of", AS_OF, "--json", "--notice", "1m"])
    assert code == 0, err
    report = json.loads(out)
    assert report["counts"] == {"expired": 1, "renew": 0, "expiring": 0, "undated": 1, "fresh": 3}
    options = RetentionOptions(as_of=date(2025, 7, 1), as_of_source="option", notice=Period.parse("1m"))
    assert report == retention_file(office, options=options).report.to_dict()
    code, out, _ = _invoke(["retention", str(office), "--as-of", AS_OF, "--json", "--retention", "7y"])
    assert json.loads(out)["counts"]["expired"] == 0


def test_csv_output_holds_the_lists_one_after_the_other(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "conservation.csv"
    assert _invoke(["retention", str(office), "--as-of", AS_OF, "-o", str(target), "-q"])[0] == 0
    frame = pd.read_csv(target, sep=";", dtype=str, encoding="utf-8-sig").fillna("")
    assert frame["Nom"].tolist() == ["LEROY", "PETIT", "HENRY"]
    assert frame["Action"].str.startswith(("supprimer", "redemander", "vérifier")).all()


def test_a_file_without_dates_or_consent_says_so(tmp_path: Path) -> None:
    path = tmp_path / "salon.csv"
    path.write_text("Nom;Email\nMARTIN;anne.martin@gmail.com\nPETIT;marc@sfr.fr\n", encoding="utf-8")
    code, out, _ = _invoke(["retention", str(path), "--as-of", AS_OF, "--json"])
    report = json.loads(out)
    assert code == 0 and report["counts"]["undated"] == 2
    assert report["warnings"] == ["no_date_column", "no_consent_column"]
    code, out, _ = _invoke(["retention", str(path), "--as-of", AS_OF, "--lang", "en"])
    assert "The file has no contact date" in " ".join(out.split())


def test_usage_errors(office: Path) -> None:
    code, _, err = _invoke(["retention", str(office), "--retention", "none"])
    assert code == EXIT_USAGE and err.startswith("grc retention a besoin d'une durée de conservation")
    code, _, err = _invoke(["retention", str(office), "--notice", "bientôt"])
    assert code == EXIT_USAGE and err.startswith("--notice attend une durée")
    assert not office.with_name("visiteurs-conservation.xlsx").exists()


def test_generated_export_states_agree_with_the_dates(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    write_csv(generate_export(300, seed=21).messy, source)
    run = retention_file(source, options=RetentionOptions(as_of=date(2025, 7, 1)), write=False)
    assert sum(run.report.counts.values()) == run.report.people
    last = run.clean.result.data["Date de contact"]
    data = pd.DataFrame({"state": run.states, "last": pd.to_datetime(last, errors="coerce")})
    expired = data[data["state"] == "expired"]["last"]
    assert (expired < pd.Timestamp("2022-07-01")).all() and len(expired) > 0
    fresh = data[data["state"] == "fresh"]["last"]
    assert (fresh >= pd.Timestamp("2022-10-01")).all()
