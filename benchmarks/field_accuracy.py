"""Share of cells ``grc clean --no-dedupe`` brings to their true value, on a generated messy export.

Writes a 10,000-row export the way offices hand them over (cp1252 CSV with ``;``, and its xlsx twin
with a title row and Excel's typed numbers and dates), runs the whole road from the file on disk,
and compares each checked field with the generator's truth:

    python benchmarks/field_accuracy.py                 # 10,000 rows, French headers
    python benchmarks/field_accuracy.py --rows 20000 --columns crm --seed 7 --confusion

A blank country in an overseas department is expected to come out ``France`` (the rule: an overseas
department is France for a French CRM and for postal addressing), where the generator's truth names the
department; a written ``Martinique`` must stay Martinique. ``--confusion`` prints the wrong country cells
by (truth, cleaned) pair.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from grc_toolkit import Config, DedupeOptions, clean_file
from grc_toolkit.cleaners.countries import OVERSEAS_DEPARTMENTS, country_name
from grc_toolkit.testing import GeneratedExport, generate_export, write_csv, write_xlsx

CHECKED = ("email", "phone", "postal_code", "country", "consent", "city", "civility", "last_name", "first_name")


def expected(export: GeneratedExport) -> pd.DataFrame:
    """The generator's truth, with a blank country in an overseas department expected as ``France``."""
    columns = {field: column for column, field in export.header_fields.items()}
    truth = export.truth.copy()
    overseas = truth["country"].isin({country_name(code) for code in OVERSEAS_DEPARTMENTS})
    blank = export.messy[columns["country"]].str.strip().eq("")
    truth["country"] = truth["country"].mask(overseas & blank, "France")
    return truth


def score(path: Path, export: GeneratedExport, rows: int, *, confusion: bool = False) -> dict[str, float]:
    start = time.perf_counter()
    done = clean_file(path, Config(dedupe=DedupeOptions(enabled=False)), output=path.with_name(path.name + ".out.csv"))
    seconds = time.perf_counter() - start
    data = done.result.data
    assert len(data) == rows, "--no-dedupe must keep one row per input row"
    columns = {field: column for column, field in export.header_fields.items()}
    truth = expected(export)
    scores = {field: float((data[columns[field]] == truth[field]).mean()) for field in CHECKED}
    text = data[list(export.messy.columns)].astype(str)
    mojibake = text.apply(lambda s: s.str.contains("Ã|â€|Â", regex=True)).to_numpy().sum()
    print(f"{path.name:<14} {seconds:6.1f} s  " + "  ".join(f"{f} {v:.4f}" for f, v in scores.items()))
    print(f"{'':<14} cells still showing mojibake: {mojibake}")
    if confusion:
        wrong = data[columns["country"]] != truth["country"]
        pairs = pd.DataFrame({"truth": truth["country"][wrong], "cleaned": data[columns["country"]][wrong]})
        print(pairs.value_counts().head(15).to_string())
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--columns", default="fr", choices=("fr", "en", "crm"))
    parser.add_argument("--confusion", action="store_true", help="print the wrong country cells by pair")
    args = parser.parse_args()
    people = int(args.rows / 1.4)
    export = generate_export(people, seed=args.seed, columns=args.columns)
    export = type(export)(
        export.messy.head(args.rows).reset_index(drop=True),
        export.truth.head(args.rows).reset_index(drop=True),
        export.person_id.head(args.rows).reset_index(drop=True),
        export.header_fields,
    )
    rows = len(export.messy)
    print(f"{rows:,} rows, headers '{args.columns}', seed {args.seed}")
    with tempfile.TemporaryDirectory() as folder:
        csv_path, xlsx_path = Path(folder) / "export.csv", Path(folder) / "export.xlsx"
        write_csv(export.messy, csv_path)
        write_xlsx(export.messy, xlsx_path)
        results = {
            "csv": score(csv_path, export, rows, confusion=args.confusion),
            "xlsx": score(xlsx_path, export, rows, confusion=args.confusion),
        }
    worst = pd.DataFrame(results).min(axis=1)
    print("lowest per field:", ", ".join(f"{f} {v:.4f}" for f, v in worst.items()))


if __name__ == "__main__":
    main()
