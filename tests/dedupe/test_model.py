"""The Fellegi-Sunter model: u from random pairs, m from sure pairs, the prior by EM, and what a shared name weighs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grc_toolkit.dedupe.compare import FIELDS, LEVELS, compare
from grc_toolkit.dedupe.model import DEFAULT_M, DEFAULT_U, Model, estimate_u, match_probability, train
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.mapping import map_columns

DEFAULTS = Model({n: np.asarray(DEFAULT_M[n]) for n in FIELDS}, {n: np.asarray(DEFAULT_U[n]) for n in FIELDS}, 0.01)


def _levels(rows: list[dict[str, int]]) -> pd.DataFrame:
    """Levels of hand-made pairs: every field blank (-1) unless given."""
    frame = pd.DataFrame([dict.fromkeys(FIELDS, -1) | row for row in rows])
    return frame.astype(np.int8).assign(swapped=False, first_similarity=1.0, first_rare=False)


def _records(size: int) -> pd.DataFrame:
    """``size`` different people of one town, each with a mailbox of their own."""
    last = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"]
    first = ["Jean", "Marie", "Pierre", "Anne", "Paul", "Claire", "Louis", "Julie", "Marc", "Sophie"]
    people = [(last[k % 10], first[(k * 3) % 10], f"{last[k % 10]}.{k}@orange.fr".lower()) for k in range(size)]
    frame = pd.DataFrame(people, columns=["Nom", "Prénom", "Email"]).assign(**{"Code postal": "44000"})
    return prepare_records(frame, map_columns(frame))


def test_u_is_measured_on_random_pairs_and_sums_to_one() -> None:
    u = estimate_u(_records(200))
    for name in FIELDS:
        assert len(u[name]) == LEVELS[name]
        assert np.isclose(u[name].sum(), 1.0)
    # every record of the file has the same postcode: strangers agree on it
    assert u["postal_code"][2] > 0.5
    # no two people share an email
    assert u["email"][2] < 0.001


def test_m_falls_back_to_defaults_without_enough_sure_pairs() -> None:
    records = _records(40)
    u = estimate_u(records)
    model = train(compare(records, np.array([0, 1]), np.array([1, 2])), u)
    for name in FIELDS:
        assert np.allclose(model.m[name], DEFAULT_M[name])
    assert 0 < model.prior < 1
    assert model.iterations == len(model.history) > 0


def test_m_is_measured_on_pairs_other_fields_prove() -> None:
    # 40 pairs that share email, phone and full name: their postcodes agree 3 times in 4
    sure = {"email": 2, "phone": 2, "last": 3, "first": 3}
    levels = _levels([sure | {"postal_code": 2}] * 30 + [sure | {"postal_code": 0}] * 10)
    model = train(levels, DEFAULTS.u)
    assert np.isclose(model.m["postal_code"][2], 30.5 / 41.5)  # smoothed by half a pair per level


def test_agreement_raises_the_probability_and_blanks_count_for_nothing() -> None:
    levels = _levels(
        [
            {"last": 3, "first": 3, "email": 2, "phone": 2, "postal_code": 2},  # one person
            {"last": 3, "first": 3},  # a name and nothing else
            {},  # nothing known
            {"last": 0, "first": 0, "email": 0, "postal_code": 0},  # strangers
        ]
    )
    probability = match_probability(levels, DEFAULTS)
    assert probability[0] > probability[1] > probability[2] > probability[3]
    assert probability[0] > 0.9999 and probability[3] < 0.0001
    assert np.isclose(probability[2], DEFAULTS.prior)


def test_a_shared_common_name_says_less_than_a_shared_rare_one() -> None:
    levels = _levels([{"last": 3, "first": 3}] * 2).assign(last_frequency=[0.05, 0.0001], first_frequency=0.0001)
    common, rare = match_probability(levels, DEFAULTS)
    assert common < rare


def test_the_model_as_data_gives_a_weight_per_level() -> None:
    shown = DEFAULTS.to_dict()
    assert shown["prior"] == 0.01
    weights = shown["weights"]
    assert isinstance(weights, dict)
    assert {name: len(weights[name]) for name in FIELDS} == LEVELS
    assert weights["email"][2] > 0 > weights["email"][0]


def test_one_organisations_name_raises_the_probability_a_chains_common_name_less() -> None:
    levels = _levels([{"organisation": 2}, {"organisation": 2}, {"organisation": 0}, {}])
    levels = levels.assign(organisation_frequency=[0.0001, 0.2, 0.0001, 0.0001])
    rare, chain, apart, unknown = match_probability(levels, DEFAULTS)
    assert rare > chain > unknown > apart
