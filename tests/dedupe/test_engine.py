"""The engine seam: a table of features in, a table of scored candidate pairs out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grc_toolkit.dedupe.blocking import blocking_keys
from grc_toolkit.dedupe.compare import FIELDS
from grc_toolkit.dedupe.engine import score_pairs
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.mapping import map_columns

PEOPLE = pd.DataFrame(
    {
        "Nom": ["Lefèvre", "Arnaud", "LEFEVRE", "Bernard", "Fabre", "Girard", "Moreau", "Roux"],
        "Prénom": ["Hélène", "Luc", "Helene", "Anne", "Paul", "Marc", "Claire", "Yves"],
        "Email": ["h.lefevre@orange.fr", "", "h.lefevre@orange.fr", "", "", "", "", ""],
        "Code postal": ["69003", "33000", "69003", "33000", "33000", "33000", "33000", "33000"],
    }
)


def _records(frame: pd.DataFrame) -> pd.DataFrame:
    return prepare_records(frame, map_columns(frame))


def test_candidate_pairs_come_out_with_levels_and_a_probability() -> None:
    scored = score_pairs(_records(PEOPLE))
    pairs = scored.pairs
    assert {*FIELDS, "left", "right", "probability"} <= set(pairs.columns)
    assert (pairs["left"] < pairs["right"]).all()
    assert not pairs.duplicated(["left", "right"]).any()
    assert pairs["probability"].between(0, 1).all()
    same = pairs[(pairs["left"] == 0) & (pairs["right"] == 2)]
    assert same["probability"].item() > 0.99 > pairs.drop(same.index)["probability"].max()
    assert list(scored.candidates_per_pass) == list(blocking_keys(scored.records))
    assert scored.model is not None


def test_any_pair_can_be_scored_the_same_way() -> None:
    scored = score_pairs(_records(PEOPLE))
    known = scored.pairs.iloc[[0]]
    again = scored.score(known["left"].to_numpy(), known["right"].to_numpy())
    pd.testing.assert_frame_equal(again, known.reset_index(drop=True))


def test_one_record_gives_an_empty_table_with_every_column() -> None:
    scored = score_pairs(_records(PEOPLE.iloc[:1]))
    assert scored.model is None
    assert scored.pairs.empty
    assert {*FIELDS, "left", "right", "probability"} <= set(scored.pairs.columns)
    assert scored.pairs["left"].dtype == np.int64
