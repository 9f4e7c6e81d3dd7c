"""``grc forget`` and the suppression list: an erased person leaves every file and never comes back.

Each test has its own suppression list (tests/conftest.py points GRC_SUPPRESSION at an empty folder)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from grc_toolkit import api, forget, suppression
from grc_toolkit.commands import app
from grc_toolkit.config import Config
from grc_toolkit.errors import ConfigError
from grc_toolkit.testing import generate_export

FR = {"LANG": "fr_FR.UTF-8", "LC_ALL": ""}


def grc(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=FR)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def export() -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    made = generate_export(300, seed=4)
    return made.messy, made.person_id, made.truth


def _someone(export: tuple[pd.DataFrame, pd.Series, pd.DataFrame], *, rows: int = 2) -> tuple[int, str, str]:
    """A person with at least ``rows`` rows, an email and a mobile: (person id, email, mobile)."""
    messy, person_id, truth = export
    counts = person_id.value_counts()
    for pid in counts.index[counts >= rows]:
        mine = truth[person_id == pid]
        email, phone = mine["email"].iloc[0], mine["phone"].iloc[0]
        if email and phone.startswith(("+336", "+337")):
            return int(pid), email, phone
    raise AssertionError("the generator made nobody with an email and a mobile")


def _write(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, sep=";", index=False, encoding="utf-8")
    return path


def test_forget_removes_every_row_of_the_person_and_nothing_else(export, tmp_path: Path) -> None:
    messy, person_id, _ = export
    pid, email, _ = _someone(export, rows=3)
    source = _write(messy, tmp_path / "export.csv")
    before = source.read_bytes()
    code, out, err = grc("forget", str(source), "--email", email.upper(), "--yes")
    assert code == 0, err
    assert source.read_bytes() == before  # the input is never modified
    kept = pd.read_csv(tmp_path / "export-forgotten.csv", sep=";", dtype=str, keep_default_na=False)
    mine = person_id == pid
    # every row of the person went, even those whose email is missing or typo'd (found through the deduplication)
    assert len(kept) == len(messy) - int(mine.sum())
    pd.testing.assert_frame_equal(kept, messy[~mine].reset_index(drop=True), check_dtype=False)
    assert f"{int(mine.sum())} ligne(s) retirée(s)" in out


def test_the_receipt_and_the_list_hold_no_personal_data(export, tmp_path: Path) -> None:
    messy, person_id, truth = export
    pid, email, mobile = _someone(export)
    source = _write(messy, tmp_path / "export.csv")
    code, out, err = grc("forget", str(source), "--email", email, "--yes", "--json")
    assert code == 0, err
    receipt = json.loads(out)
    text = Path(receipt["receipt_file"]).read_text(encoding="utf-8")
    listed = Path(receipt["suppression"]).read_text(encoding="utf-8")
    mine = truth[person_id == pid].iloc[0]
    for value in (email, mobile, mobile[3:], mine["last_name"], mine["first_name"]):
        for where in (text, listed, out):
            assert value.lower() not in where.lower()
    assert receipt["people"] == 1 and receipt["emails_given"] == 1 and receipt["hashes_added"] >= 3
    assert "Reçu d'effacement" in text and receipt["receipt"] in text
    key = suppression.key_path(Path(receipt["suppression"]))
    assert key.exists() and (os.name == "nt" or key.stat().st_mode & 0o077 == 0)  # the key: its owner's only


def test_a_later_clean_or_dedupe_of_the_original_file_does_not_bring_the_person_back(export, tmp_path: Path) -> None:
    messy, person_id, truth = export
    pid, email, mobile = _someone(export)
    source = _write(messy, tmp_path / "export.csv")
    assert grc("forget", str(source), "--phone", mobile, "--yes")[0] == 0
    done = api.clean_file(source, Config(), write=False)
    rows = set(np.flatnonzero(person_id == pid) + 2)
    assert done.report.erased_people == 1 and done.report.erased_rows == len(rows)
    written = {int(row) for cell in done.result.data["grc_source_rows"] for row in str(cell).split(" ; ")}
    assert not written & rows and len(written) == len(messy) - len(rows)
    assert done.report.rows_in == len(messy)  # the rows read still count every row of the file
    # the summary says so, and a second file with the person (another office's export) leaves them out too
    code, out, _ = grc("clean", str(source), "-o", str(tmp_path / "clean.xlsx"))
    assert code == 0 and "Personnes effacées non réimportées" in out
    other = _write(messy[person_id == pid].assign(Nom="Autre-Nom"), tmp_path / "other.csv")
    merged = api.dedupe_files([source, other], Config(), write=False)
    assert merged.result.removed and not any("other.csv" in cell for cell in merged.result.data["grc_source_rows"])


def test_the_suppression_list_does_not_take_the_household_or_a_namesake(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text(
        "Nom;Prénom;Email;Téléphone;Code postal\n"
        "Dupont;Jean;jean.dupont@gmail.com;02 97 45 12 33;56000\n"
        "Dupont;Marie;;02 97 45 12 33;56000\n",  # his wife: the same landline
        encoding="utf-8",
    )
    assert grc("forget", str(source), "--email", "jean.dupont@gmail.com", "--yes")[0] == 0
    later = tmp_path / "later.csv"
    later.write_text(
        "Nom;Prénom;Email;Téléphone;Code postal\n"
        "Dupont;Marie;marie.d@orange.fr;02 97 45 12 33;56000\n"  # the wife, same landline: stays
        "DUPONT;Jean;jean.dupont@other.fr;;56000\n"  # a namesake with an email of his own: stays
        "Dupont;Jean;;;56000\n"  # Jean with nothing but his name and town: the erased person
        "Dupont;Jean;;02 97 45 12 33;\n"  # Jean on the family landline: the erased person
        "Martin;Paul;JEAN.DUPONT@gmail.com;;\n",  # his mailbox under another name: the erased person's
        encoding="utf-8",
    )
    done = api.clean_file(later, Config(), write=False)
    assert done.result.removed == ("4", "5", "6")
    assert done.report.erased_people == 1  # three rows, one person (they share his hashes)
    assert sorted(done.result.data["Prénom"]) == ["Jean", "Marie"]


def test_an_identifier_shared_by_several_people_is_refused_unless_asked(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text(
        "Nom;Prénom;Email\nDupont;Jean;famille.dupont@orange.fr\nDupont;Marie;famille.dupont@orange.fr\n"
        "Martin;Anne;anne.martin@orange.fr\n",
        encoding="utf-8",
    )
    code, _, err = grc("forget", str(source), "--email", "famille.dupont@orange.fr", "--yes")
    assert code == 2 and "correspond à 2 personnes" in err and "--all-matches" in err
    assert "Dupont" not in err and "famille.dupont" not in err  # no personal data in the message
    assert not (tmp_path / "export-forgotten.csv").exists()
    code, _, err = grc("forget", str(source), "--email", "famille.dupont@orange.fr", "--yes", "--all-matches")
    assert code == 0, err
    assert "Dupont" not in (tmp_path / "export-forgotten.csv").read_text(encoding="utf-8-sig")


def test_a_list_of_requests_and_several_files(export, tmp_path: Path) -> None:
    messy, person_id, truth = export
    first = _write(messy.iloc[:200], tmp_path / "accueil.csv")
    second = _write(messy.iloc[200:], tmp_path / "boutique.csv")
    pid, email, _ = _someone(export)
    requests = tmp_path / "demandes.csv"
    requests.write_text(f"Courriel;Téléphone\n{email};\nnobody.here@example.org;\n", encoding="utf-8")
    code, out, err = grc("forget", str(first), str(second), "--list", str(requests), "--yes", "--json")
    assert code == 0, err
    receipt = json.loads(out)
    assert receipt["people"] == 2
    removed = sum(len(item["rows"]) for item in receipt["files"])
    assert removed == int((person_id == pid).sum())
    for name in ("accueil-forgotten.csv", "boutique-forgotten.csv"):
        assert email not in (tmp_path / name).read_text(encoding="utf-8-sig").lower()
    # the address found nowhere still goes to the list: it never comes in later
    later = tmp_path / "later.csv"
    later.write_text("Nom;Prénom;Email\nX;Y;Nobody.Here@example.org\nZ;W;w.z@example.org\n", encoding="utf-8")
    assert api.clean_file(later, Config(), write=False).result.removed == ("2",)


def test_usage_errors_say_what_to_do(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text("Nom;Email\nDupont;jean.dupont@gmail.com\n", encoding="utf-8")
    code, _, err = grc("forget", str(source), "--email", "jean.dupont@gmail.com")  # no terminal to ask in
    assert code == 2 and "--yes" in err
    code, _, err = grc("forget", str(source), "--yes")
    assert code == 2 and "--email, --phone ou --list" in err
    code, _, err = grc("forget", str(source), "--email", "pas-une-adresse", "--yes")
    assert code == 2 and "pas une adresse courriel valide" in err and "pas-une-adresse" not in err
    code, _, err = grc("forget", str(source), str(source), "-o", str(tmp_path / "x.csv"), "--email", "a@b.fr", "--yes")
    assert code == 2 and "-o ne vaut que pour un seul fichier" in err
    code, _, err = grc("--lang", "en", "forget", str(source), "--yes")
    assert code == 2 and "Say who to erase" in err
    code, _, err = grc("forget", str(source), "--email", "jean.dupont@gmail.com", "--yes", "-o", str(source))
    assert code != 0 and source.read_text(encoding="utf-8").count("Dupont") == 1  # never over the input


def test_a_list_without_its_key_is_refused_rather_than_ignored(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text("Nom;Email\nDupont;jean.dupont@gmail.com\nMartin;anne@free.fr\n", encoding="utf-8")
    listed = tmp_path / "rgpd" / "liste.csv"
    assert grc("forget", str(source), "--email", "jean.dupont@gmail.com", "--yes", "--suppression", str(listed))[0] == 0
    suppression.key_path(listed).unlink()
    code, _, err = grc("clean", str(source), "--suppression", str(listed), "-o", str(tmp_path / "c.csv"))
    assert code == 2 and "liste.key" in err and "sauvegarde" in err
    listed.write_text("something else\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="pas une liste d'opposition"):
        suppression.load(listed)


def test_grc_toml_names_the_list_relative_to_itself(tmp_path: Path) -> None:
    (tmp_path / "grc.toml").write_text('suppression = "rgpd/opposition.csv"\n', encoding="utf-8")
    source = tmp_path / "export.csv"
    source.write_text("Nom;Email\nDupont;jean.dupont@gmail.com\nMartin;anne@free.fr\n", encoding="utf-8")
    assert grc("forget", str(source), "--email", "jean.dupont@gmail.com", "--yes")[0] == 0
    assert (tmp_path / "rgpd" / "opposition.csv").exists()
    code, out, _ = grc("clean", str(source), "-o", str(tmp_path / "c.csv"), "--json")
    assert code == 0 and json.loads(out)["erased_people"] == 1


def test_adding_is_idempotent_and_keeps_earlier_hashes(tmp_path: Path) -> None:
    listed = tmp_path / "s.csv"
    key = suppression.ensure_key(listed)
    first = suppression.identifier_hashes(key, emails=["a@free.fr"])
    assert suppression.add(listed, [first], "r1") == 1
    assert suppression.add(listed, [first], "r2") == 0
    both = first | suppression.identifier_hashes(key, mobiles=["+33645687661"])
    assert suppression.add(listed, [both], "r3") == 1
    assert suppression.load(listed).hashes == frozenset(both)
    assert not list(tmp_path.glob(".*.tmp"))


def test_forget_finds_the_person_in_grc_s_own_output(export, tmp_path: Path) -> None:
    messy, person_id, _ = export
    pid, email, _ = _someone(export)
    source = _write(messy, tmp_path / "export.csv")
    cleaned = tmp_path / "export-clean.csv"
    assert grc("clean", str(source), "-o", str(cleaned))[0] == 0
    code, out, err = grc("forget", str(cleaned), "--email", email, "--yes", "--json")
    assert code == 0, err
    assert len(json.loads(out)["files"][0]["rows"]) == 1  # one merged record
    assert email not in (tmp_path / "export-clean-forgotten.csv").read_text(encoding="utf-8-sig").lower()


def test_person_cleans_what_was_typed() -> None:
    asked = forget.person(["Jean.Dupont+ot@GMAIL.com"], ["06 45 68 76 61", "02 97 45 12 33"])
    assert asked.emails == ("jeandupont@gmail.com",)
    assert asked.phones == ("+33645687661", "+33297451233") and asked.mobiles == ("+33645687661",)


def test_grc_export_of_the_original_file_leaves_the_erased_person_out_and_says_so(export, tmp_path: Path) -> None:
    messy, person_id, truth = export
    pid, email, _ = _someone(export)
    source = _write(messy, tmp_path / "export.csv")
    assert grc("forget", str(source), "--email", email, "--yes")[0] == 0
    code, out, err = grc("export", str(source), "--to", "brevo", "--all", "--json", "--as-of", "2025-07-01")
    assert code == 0, err
    report = json.loads(out)
    assert report["erased_people"] == 1 and report["erased_rows"] == int((person_id == pid).sum())
    assert report["rows"] == len(messy)
    written = (tmp_path / "export-brevo.csv").read_text(encoding="utf-8-sig").lower()
    rejected = (tmp_path / "export-brevo-rejets.csv").read_text(encoding="utf-8-sig").lower()
    assert email not in written and email not in rejected  # not even named among the rejects
    code, out, _ = grc("export", str(source), "--to", "brevo", "--all", "--force", "--as-of", "2025-07-01")
    assert code == 0 and "Personnes effacées non réimportées" in out


@pytest.mark.parametrize("command", ["export", "retention"])
def test_export_and_retention_refuse_an_output_another_run_is_writing(command: str, tmp_path: Path) -> None:
    from grc_toolkit.io.lock import output_lock

    source = tmp_path / "export.csv"
    source.write_text("Nom;Email;Optin\nDupont;jean.dupont@gmail.com;oui\n", encoding="utf-8")
    target = tmp_path / "sortie.csv"
    extra = ["--to", "brevo"] if command == "export" else []
    with output_lock(target):  # another grc (a cron job) writes it right now
        code, _, err = grc(command, str(source), *extra, "-o", str(target))
    assert code == 4 and "sortie.csv" in err and not target.exists()
    assert grc(command, str(source), *extra, "-o", str(target))[0] == 0  # once it is done, the run goes on
