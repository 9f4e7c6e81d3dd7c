"""``grc export``: who goes to Brevo, Mailchimp or a partner's file, in the columns they document, and why the
others do not (the rejects file); segments; safe outputs; the command line's messages, JSON and exit codes."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import phonenumbers
import pytest
from typer.testing import CliRunner

from grc_toolkit.api import clean_file
from grc_toolkit.cleaners.emails import clean_emails
from grc_toolkit.commands import app
from grc_toolkit.errors import EXIT_INPUT, EXIT_OUTPUT_EXISTS, EXIT_USAGE
from grc_toolkit.export import REASONS, ExportOptions, export_file
from grc_toolkit.io import read_table
from grc_toolkit.io.writers import neutralise_formula
from grc_toolkit.retention import Period
from grc_toolkit.segments import parse_filter
from grc_toolkit.testing import generate_export, write_csv, write_xlsx

AS_OF = "2025-07-01"  # the retention period of 3 years starts on 2022-07-01
HEADERS = ["Nom", "Prénom", "Email", "Portable", "Téléphone fixe", "Pays", "Code postal", "Date de contact",
           "Consentement"]  # fmt: skip
# One person per line (the last two: a duplicate of SCHMIDT, merged, and a man sharing Anne's address).
PEOPLE = [
    ["MARTIN", "Anne", "anne.martin@gmail.com", "06 71 23 45 89", "", "France", "35400", "10/01/2025", "oui"],
    ["DURAND", "Paul", "paul.durand@orange.fr", "", "02 99 38 45 71", "France", "35000", "02/03/2024", "x"],
    ["LEROY", "Julie", "julie.leroy@free.fr", "06 98 76 54 31", "", "France", "75008", "05/05/2019", "oui"],
    ["PETIT", "Marc", "marc.petit@sfr.fr", "06 45 87 12 93", "", "France", "69003", "01/01/2024", "non"],
    ["ROUX", "Léa", "lea.roux@laposte.net", "", "", "France", "13001", "02/02/2024", ""],
    ["BLANC", "Hugo", "", "06 33 21 87 45", "", "France", "44000", "02/02/2024", "oui"],
    ["GIRARD", "Eva", "eva.girard@", "", "", "France", "33000", "02/02/2024", "oui"],
    ["FAURE", "Sylvie", "contact@hotel-du-port.fr", "", "", "France", "56000", "02/02/2024", "oui"],
    ["MOREL", "Alain", "alain@yopmail.com", "", "", "France", "29200", "02/02/2024", "oui"],
    ["SCHMIDT", "Jonas", "jonas.schmidt@web.de", "+49 151 23456789", "", "Allemagne", "10115", "09/09/2023", "oui"],
    ["MULLER", "Lena", "lena.muller@gmx.de", "", "", "Deutschland", "80331", "02/02/2025", "oui"],
    ["HENRY", "Louis", "louis.henry@bbox.fr", "", "", "France", "67000", "", "oui"],
    ["GAUTHIER", "Rémi", "remi.gauthier@wanadoo.fr", "02 98 44 12 37", "", "France", "29000", "03/03/2025", "oui"],
    ["SCHMIDT", "Jonas", "jonas.schmidt@web.de", "", "", "Allemagne", "10115", "01/02/2021", "oui"],
    ["BERNARD", "Luc", "anne.martin@gmail.com", "", "", "France", "35400", "11/01/2025", "oui"],
]
BREVO_EMAILS = {
    "anne.martin@gmail.com",
    "paul.durand@orange.fr",
    "jonas.schmidt@web.de",
    "lena.muller@gmx.de",
    "remi.gauthier@wanadoo.fr",
}
BREVO_REASONS = {  # by source row
    "4": "retention.expired",
    "5": "consent.refused",
    "6": "consent.missing",
    "7": "email.missing",
    "8": "email.invalid",
    "9": "email.role",
    "10": "email.disposable",
    "13": "retention.undated",
    "16": "email.duplicate",
}


def _invoke(args: list[str], lang: str = "fr") -> tuple[int, str, str]:
    env = {"LANG": "en_US.UTF-8" if lang == "en" else "fr_FR.UTF-8", "LC_ALL": ""}
    result = CliRunner().invoke(app, args, env=env)
    return result.exit_code, result.stdout, result.stderr


def _write(
    path: Path, headers: list[str], rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def _read(path: Path) -> pd.DataFrame:
    if path.suffix == ".xlsx":
        return pd.read_excel(path, dtype=str, engine="calamine").fillna("")
    return read_table(path).frame


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def office(tmp_path: Path) -> Path:
    return _write(tmp_path / "visiteurs.csv", HEADERS, PEOPLE)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated export of 400 people (French headers: « Date de contact », « Optin newsletter »)."""
    path = tmp_path_factory.mktemp("export") / "export.csv"
    write_csv(generate_export(400, seed=12, noise=1).messy, path)
    return path


# --- who goes, and why the others do not ------------------------------------------------------------------


def test_brevo_holds_exactly_the_consenting_fresh_people_with_a_valid_personal_address(office: Path) -> None:
    before = _digest(office)
    code, out, err = _invoke(["export", str(office), "--to", "brevo", "--as-of", AS_OF])
    assert code == 0, err
    assert _digest(office) == before
    brevo = _read(office.with_name("visiteurs-brevo.csv"))
    assert list(brevo.columns[:6]) == ["EMAIL", "FIRSTNAME", "LASTNAME", "SMS", "LANDLINE_NUMBER", "EXT_ID"]
    assert set(brevo["EMAIL"]) == BREVO_EMAILS and len(brevo) == len(BREVO_EMAILS)
    rejects = _read(office.with_name("visiteurs-brevo-rejets.csv"))
    assert dict(zip(rejects["Lignes d'origine"], rejects["Raison"], strict=True)) == BREVO_REASONS
    assert (rejects["Explication"] != "").all()
    assert "Exportées" in out and "consentement refusé" in out


def test_sms_holds_only_e164_mobiles_and_a_landline_goes_to_landline_number(office: Path) -> None:
    assert _invoke(["export", str(office), "--to", "brevo", "--as-of", AS_OF, "-q"])[0] == 0
    brevo = _read(office.with_name("visiteurs-brevo.csv")).set_index("EMAIL")
    assert brevo.loc["anne.martin@gmail.com", "SMS"] == "+33671234589"
    assert brevo.loc["jonas.schmidt@web.de", "SMS"] == "+4915123456789"
    assert brevo.loc["paul.durand@orange.fr", ["SMS", "LANDLINE_NUMBER"]].tolist() == ["", "+33299384571"]
    # a landline typed in the mobile column: the person stays, the number goes where Brevo accepts it
    assert brevo.loc["remi.gauthier@wanadoo.fr", ["SMS", "LANDLINE_NUMBER"]].tolist() == ["", "+33298441237"]
    for number in brevo["SMS"][brevo["SMS"] != ""]:
        parsed = phonenumbers.parse(number, None)
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number
        assert phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
    assert brevo.loc["lena.muller@gmx.de", "COUNTRY"] == "DE"


def test_csv_keeps_the_exports_columns_and_the_people_a_platform_would_refuse(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "partenaire.csv"
    code, out, err = _invoke(["export", str(office), "--to", "csv", "-o", str(target), "--as-of", AS_OF, "--json"])
    assert code == 0, err
    exported = _read(target)
    assert list(exported.columns) == HEADERS  # the export's own columns, nothing of grc's
    assert set(exported["Consentement"]) == {"oui"}
    assert (pd.to_datetime(exported["Date de contact"]) >= pd.Timestamp("2022-07-01")).all()
    # no platform here: no address needed, a role address kept
    assert {"BLANC", "FAURE", "MOREL", "GIRARD", "BERNARD"} <= set(exported["Nom"])
    report = json.loads(out)
    assert report["exported"] == len(exported) and report["exported"] + report["left_out"] == report["people"]
    assert report["reasons"]["email.missing"] == 0


def test_generated_export_every_person_is_exported_or_explained(generated: Path, tmp_path: Path) -> None:
    options = ExportOptions(to="brevo", as_of=date.fromisoformat(AS_OF))
    run = export_file(generated, options=options, output=tmp_path / "brevo.csv")
    report = run.report
    assert report.exported + report.left_out == report.people == len(run.people)
    assert sum(report.reasons.values()) == report.left_out
    brevo, rejects = _read(tmp_path / "brevo.csv"), _read(tmp_path / "brevo-rejets.csv")
    assert len(brevo) == report.exported and len(rejects) == report.left_out
    assert set(rejects["Raison"]) <= set(REASONS) and (rejects["Explication"] != "").all()
    # every row read is in exactly one person, exported or rejected
    exported_rows = run.people.loc[run.selection.kept, "source_rows"]
    rows = [r for cell in [*exported_rows, *rejects["Lignes d'origine"]] for r in cell.split(" ; ")]
    assert sorted(rows, key=int) == [str(r) for r in run.clean.table.source_rows]
    # the exported people, checked against the cleaned contacts grc clean writes
    data = clean_file(generated, write=False).result.data
    by_email = data.set_index("Email")
    assert set(by_email.loc[brevo["EMAIL"], "Optin newsletter"]) == {"oui"}
    last = pd.to_datetime(by_email.loc[brevo["EMAIL"], "Date de contact"], errors="coerce")
    assert (last >= pd.Timestamp("2022-07-01")).all()
    checked = clean_emails(brevo["EMAIL"])
    assert set(checked.status) == {"valid"} and set(checked.extra["flag"]) == {""}
    assert brevo["EMAIL"].is_unique
    refused = (data["Optin newsletter"] == "non").sum()
    assert report.reasons["consent.refused"] == refused


def test_all_exports_without_consent_and_warns(office: Path) -> None:
    code, out, _ = _invoke(["export", str(office), "--to", "brevo", "--as-of", AS_OF, "--all"])
    assert code == 0
    assert "--all : ni le consentement ni la durée de conservation ne sont vérifiés" in " ".join(out.split())
    brevo = _read(office.with_name("visiteurs-brevo.csv"))
    assert {"marc.petit@sfr.fr", "julie.leroy@free.fr", "lea.roux@laposte.net"} <= set(brevo["EMAIL"])
    assert "contact@hotel-du-port.fr" not in set(brevo["EMAIL"])  # --all is about consent, not what Brevo refuses
    code, out, _ = _invoke(["export", str(office), "--to", "brevo", "--as-of", AS_OF, "--all", "--json"])
    assert json.loads(out)["warnings"] == ["everyone"]
    code, out, _ = _invoke(["export", str(office), "--to", "brevo", "--as-of", AS_OF, "--all", "--lang", "en"])
    assert "--all: neither consent nor the retention period is checked" in " ".join(out.split())


def test_retention_options(office: Path) -> None:
    def reasons(*extra: str) -> dict[str, int]:
        code, out, err = _invoke(["export", str(office), "--to", "csv", "--as-of", AS_OF, "--json", *extra])
        assert code == 0, err
        return json.loads(out)["reasons"]  # type: ignore[no-any-return]

    assert reasons()["retention.expired"] == 1 and reasons()["retention.undated"] == 1
    assert reasons("--retention", "7y")["retention.expired"] == 0
    assert reasons("--retention", "none")["retention.undated"] == 0
    assert reasons("--keep-undated")["retention.undated"] == 0
    assert reasons("--retention", "18m")["retention.expired"] == 2  # SCHMIDT's 2023-09-09 too; 2024-01-01 is in
    code, _, err = _invoke(["export", str(office), "--to", "csv", "--retention", "trois ans"])
    assert code == EXIT_USAGE and err.startswith("--retention attend une durée comme 3y")


def test_a_file_without_consent_or_dates_says_so(tmp_path: Path) -> None:
    no_consent = _write(tmp_path / "salon.csv", HEADERS[:-1], [row[:-1] for row in PEOPLE])
    code, out, _ = _invoke(["export", str(no_consent), "--to", "brevo", "--as-of", AS_OF, "--json"])
    report = json.loads(out)
    assert code == 0 and report["exported"] == 0
    assert report["reasons"]["consent.no_column"] == report["people"]
    assert report["warnings"] == ["no_consent_column", "nobody"]
    code, out, _ = _invoke(["export", str(no_consent), "--to", "brevo", "--as-of", AS_OF])
    assert "Si vous avez leur consentement ailleurs (formulaire, registre), relancez avec --all." in " ".join(
        out.split()
    )
    columns = [h for h in HEADERS if h != "Date de contact"]
    undated = _write(tmp_path / "sans-dates.csv", columns, [row[:7] + row[8:] for row in PEOPLE])
    code, out, _ = _invoke(["export", str(undated), "--to", "csv", "--as-of", AS_OF, "--json"])
    report = json.loads(out)
    assert report["warnings"] == ["no_date_column"]
    assert report["reasons"]["retention.expired"] == report["reasons"]["retention.undated"] == 0
    code, out, _ = _invoke(["export", str(undated), "--to", "csv", "--as-of", AS_OF])
    assert "la durée de conservation (3 ans) n'a pas pu être vérifiée" in " ".join(out.split())


# --- segments ---------------------------------------------------------------------------------------------------


def test_where_keeps_a_segment_and_says_why_the_others_are_out(office: Path) -> None:
    code, out, err = _invoke(["export", str(office), "--to", "csv", "--as-of", AS_OF, "--where", "pays=DE", "--json"])
    assert code == 0, err
    exported = _read(office.with_name("visiteurs-export.csv"))
    assert set(exported["Nom"]) == {"SCHMIDT", "MULLER"}
    report = json.loads(out)
    assert report["reasons"]["filter"] == report["people"] - 2
    rejects = _read(office.with_name("visiteurs-export-rejets.csv"))
    assert "écarté par --where pays=DE" in set(rejects["Explication"])
    for where, names in (
        (["pays=Deutschland,france", "dernier_contact>=2025-01-01"], {"MARTIN", "MULLER", "GAUTHIER", "BERNARD"}),
        (["consentement=oui", "Pays != France"], {"SCHMIDT", "MULLER"}),
        (["departement=35"], {"MARTIN", "DURAND", "BERNARD"}),
        (["dernier_contact<01/01/2024"], {"SCHMIDT"}),
    ):
        args = [arg for condition in where for arg in ("--where", condition)]
        assert _invoke(["export", str(office), "--to", "csv", "--as-of", AS_OF, "-q", *args])[0] == 0
        assert set(_read(office.with_name("visiteurs-export.csv"))["Nom"]) == names, where


@pytest.mark.parametrize(
    ("where", "french", "english"),
    [
        ("taille=1m80", "--where : champ « taille » inconnu. Champs possibles : pays, departement, langue", "Known"),
        ("pays=Atlantide", "--where « pays=Atlantide » : pays « Atlantide » inconnu.", "unknown country"),
        ("langue>fr", "--where « langue>fr » : > ne compare que des dates", "only compares dates"),
        ("dernier_contact>=hier", "--where « dernier_contact>=hier » : la date s'écrit AAAA-MM-JJ", "YYYY-MM-DD"),
        ("pays", "--where « pays » : écrivez champ=valeur", "write field=value"),
    ],
)
def test_a_wrong_where_is_a_usage_error(office: Path, where: str, french: str, english: str) -> None:
    code, out, err = _invoke(["export", str(office), "--to", "csv", "--where", where])
    assert (code, out) == (EXIT_USAGE, "")
    assert err.startswith(french), err
    code, _, err = _invoke(["export", str(office), "--to", "csv", "--where", where], lang="en")
    assert code == EXIT_USAGE and english in err
    assert not office.with_name("visiteurs-export.csv").exists()


def test_split_by_country_writes_one_file_per_country_with_the_right_counts(generated: Path, tmp_path: Path) -> None:
    target = tmp_path / "segments.csv"
    code, out, err = _invoke(
        ["export", str(generated), "--to", "csv", "-o", str(target), "--as-of", AS_OF, "--split-by", "pays", "--json"]
    )
    assert code == 0, err
    report = json.loads(out)
    whole = export_file(
        generated, options=ExportOptions(to="csv", as_of=date.fromisoformat(AS_OF)), output=tmp_path / "whole.csv"
    ).files[tmp_path / "whole.csv"]
    expected = whole["Pays"].replace("", "(vide)").value_counts().to_dict()
    found = {}
    for output in report["outputs"]:
        frame = _read(Path(output["path"]))
        assert len(frame) == output["rows"]
        assert set(frame["Pays"]) == {output["segment"]}  # each file holds its country only
        found[output["segment"] or "(vide)"] = len(frame)
    assert found == expected
    assert sum(found.values()) == report["exported"] == len(whole)
    names = sorted(Path(output["path"]).name for output in report["outputs"])
    assert "segments-france.csv" in names and "segments-allemagne.csv" in names and "segments-royaume-uni.csv" in names
    assert (tmp_path / "segments-rejets.csv").exists() and not target.exists()


def test_split_by_a_column_the_file_lacks_warns_and_writes_one_file(office: Path) -> None:
    code, out, _ = _invoke(["export", str(office), "--to", "csv", "--split-by", "langue", "--as-of", AS_OF, "--json"])
    report = json.loads(out)
    assert code == 0 and "no_split_column" in report["warnings"]
    assert [Path(o["path"]).name for o in report["outputs"]] == ["visiteurs-export-sans-langue.csv"]
    code, out, _ = _invoke(["export", str(office), "--to", "csv", "--where", "source=Salon", "--json"])
    assert json.loads(out)["warnings"] == ["no_where_column", "nobody"]
    code, _, err = _invoke(["export", str(office), "--to", "csv", "--split-by", "ville"])
    assert code == EXIT_USAGE and "Champs possibles : pays, departement, langue, source" in err


# --- Mailchimp -----------------------------------------------------------------------------------------------


def test_mailchimp_columns_limits_and_formats(tmp_path: Path) -> None:
    long_city = "Saint-" + "é" * 200  # 406 bytes in UTF-8
    rows = [
        ["MARTIN", "Anne", "anne.martin@gmail.com", "06 71 23 45 89", "United Kingdom", "21/07/1984", long_city,
         "2025-01-10", "oui"],
        ["DURAND", "Paul", "admin@durand-immo.fr", "", "France", "", "Rennes", "2025-01-10", "oui"],
    ]  # fmt: skip
    headers = ["Nom", "Prénom", "Email", "Portable", "Pays", "Date de naissance", "Ville", "Date de contact",
               "Consentement"]  # fmt: skip
    source = _write(tmp_path / "export.csv", headers, rows)
    code, out, err = _invoke(["export", str(source), "--to", "mailchimp", "--as-of", AS_OF, "--json"])
    assert code == 0, err
    text = source.with_name("export-mailchimp.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Email Address,First Name,Last Name,Phone Number")
    mailchimp = pd.read_csv(source.with_name("export-mailchimp.csv"), dtype=str, encoding="utf-8-sig").fillna("")
    assert mailchimp["Email Address"].tolist() == ["anne.martin@gmail.com"]  # Mailchimp blocks admin@
    row = mailchimp.iloc[0]
    assert (row["Country"], row["Birthday"], row["Phone Number"]) == ("GB", "07/21", "+33671234589")
    assert len(row["City"].encode("utf-8")) <= 255 and row["City"].startswith("Saint-éé")
    report = json.loads(out)
    assert report["adjustments"]["text.clipped"] == 1 and report["reasons"]["email.role"] == 1
    code, _, err = _invoke(["export", str(source), "--to", "mailchimp", "-o", str(tmp_path / "m.xlsx")])
    assert code == EXIT_USAGE and "--to mailchimp écrit un fichier .csv ou .txt" in err


# --- safe outputs ---------------------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","clic")', "+SUM(1;2)", "-2+3", "@SUM(A1)", "=1+1"]


def _formula_export(folder: Path) -> Path:
    rows = [
        [FORMULAS[0], "Anne", "anne.martin@gmail.com", "06 71 23 45 89", "", "France", "35400", "2025-01-10", "oui"],
        ["DURAND", FORMULAS[1], "paul.durand@orange.fr", "", "", FORMULAS[2], "35000", "2025-01-10", "oui"],
        [FORMULAS[3], FORMULAS[4], "=cmd@evil.fr", "", "", "France", "35000", "2025-01-10", "oui"],
        ["LEROY", "Julie", "julie@free.fr", "", "", "France", "35000", "2015-01-10", FORMULAS[4]],
    ]
    return _write(folder / "piege.csv", HEADERS, rows)


def _formula_cells(path: Path) -> list[str]:
    """Cells a spreadsheet would run: a formula cell of a workbook, or a text starting with = + - @ that is not a
    number or a phone number (the writer's own rule, README « Ce que produit grc clean »)."""
    found = []
    if path.suffix == ".xlsx":
        for sheet in openpyxl.load_workbook(path).worksheets:
            found += [str(c.value) for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        cells = _read(path).to_numpy().ravel().tolist() + list(_read(path).columns)
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            delimiter = "," if "mailchimp" in path.name else ";"
            cells = [cell for row in csv.reader(handle, delimiter=delimiter) for cell in row]
    return found + [cell for cell in map(str, cells) if neutralise_formula(cell) != cell]


@pytest.mark.parametrize(("to", "suffix"), [("brevo", ".csv"), ("brevo", ".xlsx"), ("mailchimp", ".csv"),
                                             ("csv", ".csv"), ("xlsx", ".xlsx")])  # fmt: skip
def test_no_output_holds_a_formula(tmp_path: Path, to: str, suffix: str) -> None:
    source = _formula_export(tmp_path)
    target = tmp_path / f"sortie{suffix}"
    code, out, err = _invoke(["export", str(source), "--to", to, "-o", str(target), "--as-of", AS_OF, "--json"])
    assert code == 0, err
    report = json.loads(out)
    written = [target, Path(report["rejects"])]
    assert all(path.exists() for path in written)
    for path in written:
        assert _formula_cells(path) == [], path.name
    everything = " ".join(" ".join(_read(path).astype(str).to_numpy().ravel()) for path in written)
    assert "'=HYPERLINK" in everything  # neutralised, not lost
    if to in ("brevo", "mailchimp"):
        assert report["reasons"]["email.unsafe"] == 1


def test_outputs_follow_the_writers_rules(office: Path, tmp_path: Path) -> None:
    code, _, err = _invoke(["export", str(office), "--to", "csv", "-o", str(office)])
    assert code == EXIT_INPUT and "est le fichier d'entrée" in err
    foreign = office.with_name("visiteurs-brevo.csv")
    foreign.write_text("EMAIL\nsomeone@else.fr\n", encoding="utf-8")
    code, out, err = _invoke(["export", str(office), "--to", "brevo", "--json"])
    assert code == EXIT_OUTPUT_EXISTS and json.loads(out)["error"]["kind"] == "output_exists"
    assert foreign.read_text(encoding="utf-8") == "EMAIL\nsomeone@else.fr\n"
    assert not office.with_name("visiteurs-brevo-rejets.csv").exists()  # nothing written when one file is refused
    assert _invoke(["export", str(office), "--to", "brevo", "--force", "-q"])[0] == 0
    assert _invoke(["export", str(office), "--to", "brevo", "-q"])[0] == 0  # grc's own result: replaced
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))
    code, _, err = _invoke(["export", str(tmp_path / "absent.csv"), "--to", "brevo"])
    assert code == EXIT_INPUT and err.startswith("Fichier introuvable")
    code, _, err = _invoke(["export", str(office), "--to", "sendinblue"])
    assert code == EXIT_USAGE and err.startswith(
        "--to « sendinblue » inconnu : choisissez brevo, mailchimp, csv ou xlsx"
    )
    code, _, err = _invoke(["export", str(office)])
    assert code == EXIT_USAGE and "Il manque --to" in err


# --- the command line -----------------------------------------------------------------------------------------


def test_json_equals_the_library_result(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "sortie.csv"
    args = ["export", str(office), "--to", "brevo", "-o", str(target), "--as-of", AS_OF, "--where", "pays!=Belgique"]
    code, out, err = _invoke([*args, "--json"])
    assert code == 0, err
    options = ExportOptions(to="brevo", as_of=date(2025, 7, 1), as_of_source="option",
                            filters=(parse_filter("pays!=Belgique"),), retention=Period.years(3))  # fmt: skip
    assert json.loads(out) == export_file(office, options=options, output=target).report.to_dict()


def test_english_summary_and_rejects(office: Path) -> None:
    code, out, err = _invoke(["export", str(office), "--to", "brevo", "--as-of", AS_OF, "--lang", "en"])
    assert code == 0, err
    assert "Exported" in out and "consent refused" in out and "Exportées" not in out
    rejects = _read(office.with_name("visiteurs-brevo-rejets.csv"))
    assert list(rejects.columns) == ["Source rows", "Last name", "First name", "Email", "Last contact", "Reason",
                                     "Explanation"]  # fmt: skip
    assert "consent refused (non): no marketing message" in set(rejects["Explanation"])


def test_an_already_cleaned_workbook_exports_the_same_people(office: Path, tmp_path: Path) -> None:
    cleaned = tmp_path / "visiteurs-clean.xlsx"
    assert _invoke(["clean", str(office), "-o", str(cleaned), "-q", "--no-history"])[0] == 0
    options = ExportOptions(to="brevo", as_of=date.fromisoformat(AS_OF))
    raw = export_file(office, options=options, output=tmp_path / "a.csv").files[tmp_path / "a.csv"]
    again = export_file(cleaned, options=options, output=tmp_path / "b.csv").files[tmp_path / "b.csv"]
    pd.testing.assert_frame_equal(raw, again)


def test_a_foreign_crm_export_in_windows_1252(tmp_path: Path) -> None:
    """Another CRM's export: English headers, ``;``, Windows-1252, dates month first in ISO."""
    headers = ["Contact ID", "First Name", "Last Name", "Email Address", "Mobile Phone", "Mailing Country",
               "Email Opt In", "Last Activity Date"]  # fmt: skip
    rows = [
        ["C-001", "Hélène", "Lefèvre", "helene.lefevre@orange.fr", "06 71 23 45 89", "France", "Yes", "2025-02-11"],
        ["C-002", "Jürgen", "Weiß", "juergen.weiss@web.de", "0151 2345 6789", "Germany", "TRUE", "2024-11-30"],
        ["C-003", "Tom", "Smith", "tom.smith@example.co.uk", "07400 123456", "UK", "No", "2025-01-01"],
        ["C-004", "Zoé", "Garçon", "zoe.garcon@free.fr", "", "France", "Yes", "2020-01-01"],
    ]
    source = _write(tmp_path / "crm.csv", headers, rows, encoding="cp1252")
    code, out, err = _invoke(["export", str(source), "--to", "brevo", "--as-of", AS_OF, "--json"])
    assert code == 0, err
    brevo = _read(source.with_name("crm-brevo.csv"))
    assert brevo["EMAIL"].tolist() == ["helene.lefevre@orange.fr", "juergen.weiss@web.de"]
    assert brevo["FIRSTNAME"].tolist() == ["Hélène", "Jürgen"]
    assert brevo["EXT_ID"].tolist() == ["C-001", "C-002"]
    assert brevo["SMS"].tolist() == ["+33671234589", "+4915123456789"]
    assert brevo["COUNTRY"].tolist() == ["FR", "DE"]
    report = json.loads(out)
    assert report["reasons"]["consent.refused"] == 1 and report["reasons"]["retention.expired"] == 1


def test_a_header_only_export_writes_empty_files(tmp_path: Path) -> None:
    source = _write(tmp_path / "vide.csv", HEADERS, [])
    code, out, err = _invoke(["export", str(source), "--to", "brevo", "--json"])
    assert code == 0, err
    assert json.loads(out)["people"] == 0 and "nobody" in json.loads(out)["warnings"]
    assert _read(source.with_name("vide-brevo.csv")).empty


def test_an_xlsx_export_and_its_rejects_are_workbooks(tmp_path: Path) -> None:
    source = tmp_path / "export.xlsx"
    write_xlsx(generate_export(60, seed=4).messy, source)
    code, out, err = _invoke(["export", str(source), "--to", "xlsx", "--as-of", AS_OF, "--json"])
    assert code == 0, err
    report = json.loads(out)
    assert report["outputs"][0]["path"].endswith("export-export.xlsx") and report["rejects"].endswith("rejets.xlsx")
    assert list(pd.read_excel(report["rejects"], sheet_name=None, engine="calamine")) == ["Rejets"]
    assert len(_read(Path(report["outputs"][0]["path"]))) == report["exported"]


def test_every_code_has_its_french_and_english_words() -> None:
    from grc_toolkit.export import WARNINGS
    from grc_toolkit.present.export import REASON_LABELS, REASON_SENTENCES, WARNING_SENTENCES

    assert set(REASON_SENTENCES) == set(REASON_LABELS) == set(REASONS)
    assert set(WARNING_SENTENCES) == set(WARNINGS)
    for pair in [*REASON_SENTENCES.values(), *REASON_LABELS.values(), *WARNING_SENTENCES.values()]:
        assert len(pair) == 2 and pair[0] != pair[1]
