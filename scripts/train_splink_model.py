"""Build ``grc_toolkit/data/splink_m.json``: the m probabilities (how often one person's two records agree
at each comparison level) that the Splink engine starts from, so that a file too small for
expectation-maximisation (a 30-row list) still gets sound decisions, and the u probabilities (how often two
different people agree) that a small file's own random pairs, too few and not all of different people, are
blended with.

Trained on files from grc's own generator (``grc_toolkit.testing.generate_export``: French office exports,
three column layouts, typos, households, namesakes, duplicates with their own noise), cleaned by grc, with
Splink's expectation-maximisation as the engine runs it on large files. The generator has no birth dates and
no identity numbers: those comparisons keep Splink's own defaults.

    python scripts/train_splink_model.py
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pandas as pd
from splink import DuckDBAPI, Linker

from grc_toolkit import Config, DedupeOptions, run
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.dedupe.splink_engine import _train, splink_input, splink_settings
from grc_toolkit.testing import generate_export

PEOPLE = 8_000
LAYOUTS = ("fr", "en", "crm")
#: The least m a level is given: a file from the world holds what the generator never made.
FLOOR = 0.01
OUTPUT = Path(__file__).resolve().parents[1] / "grc_toolkit" / "data" / "splink_m.json"


def main() -> None:
    logging.getLogger("splink").setLevel(logging.ERROR)
    tables = []
    for seed, layout in enumerate(LAYOUTS):
        export = generate_export(PEOPLE, seed=100 + seed, columns=layout)
        cleaned = run(export.messy, Config(dedupe=DedupeOptions(enabled=False)))
        tables.append(prepare_records(cleaned.data, cleaned.mapping))
    records = pd.concat(tables, ignore_index=True)
    table = splink_input(records)
    linker = Linker(DuckDBAPI().register(table), splink_settings(table), log_level=logging.ERROR)
    sessions = _train(linker, table, shipped=False)
    m: dict[str, dict[str, float]] = {}
    u: dict[str, dict[str, float]] = {}
    for comparison in linker._settings_obj.comparisons:
        for level in comparison.comparison_levels:
            if level.is_null_level:
                continue
            if level._m_probability is not None:
                # never certain: a level the generator never produced (a typo it does not make) is still possible
                share = max(float(level.m_probability), FLOOR)
                m.setdefault(comparison.output_column_name, {})[level.label_for_charts] = round(share, 6)
            if level._u_probability is not None:
                u.setdefault(comparison.output_column_name, {})[level.label_for_charts] = float(
                    f"{max(float(level.u_probability), 1e-6):.3g}"
                )
    document = {
        "trained_on": (
            f"{len(records):,} rows from grc's generator ({PEOPLE:,} people in each of the layouts "
            f"{', '.join(LAYOUTS)}), cleaned by grc; Splink expectation-maximisation sessions: {', '.join(sessions)}"
        ),
        "built": date.today().isoformat(),
        "m": m,
        "u": u,
    }
    OUTPUT.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {sum(len(levels) for levels in m.values())} levels of {len(m)} comparisons")


if __name__ == "__main__":
    main()
