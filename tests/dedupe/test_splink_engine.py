"""Splink's engine behind the seam: the same table out as grc's engine, and grc's rules on top of it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from grc_toolkit import Config, DedupeOptions, run
from grc_toolkit.dedupe import find_duplicates
from grc_toolkit.dedupe.engine import score_pairs
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.dedupe.splink_engine import SplinkModel, _capped, splink_input, splink_settings
from grc_toolkit.errors import ConfigError
from grc_toolkit.mapping import ColumnMapping, map_columns
from grc_toolkit.testing import generate_export

SPLINK = DedupeOptions(engine="splink")


def _cleaned(people: int, seed: int) -> tuple[pd.DataFrame, ColumnMapping, np.ndarray]:
    export = generate_export(people, seed=seed)
    cleaned = run(export.messy, Config(dedupe=DedupeOptions(enabled=False)))
    return cleaned.data, cleaned.mapping, export.person_id.to_numpy()


def _pairs(labels: np.ndarray) -> set[tuple[int, int]]:
    rows = pd.Series(range(len(labels))).groupby(labels).agg(list)
    return {(a, b) for members in rows for i, a in enumerate(members) for b in members[i + 1 :]}


@pytest.fixture(scope="module")
def export_120() -> tuple[pd.DataFrame, ColumnMapping, np.ndarray]:
    return _cleaned(120, seed=3)


def test_the_splink_engine_gives_the_seams_columns(export_120: tuple[pd.DataFrame, ColumnMapping, np.ndarray]) -> None:
    data, mapping, _ = export_120
    records = prepare_records(data, mapping)
    ours, theirs = score_pairs(records), score_pairs(records, "splink")
    assert set(ours.pairs.columns) <= set(theirs.pairs.columns)
    for name in ours.pairs.columns:
        assert theirs.pairs[name].dtype == ours.pairs[name].dtype, name
    assert (theirs.pairs["left"] < theirs.pairs["right"]).all()
    assert not theirs.pairs.duplicated(["left", "right"]).any()
    assert theirs.pairs["probability"].between(0, 1).all()
    assert isinstance(theirs.model, SplinkModel)
    assert theirs.model.to_dict()["engine"] == "splink"
    # one blocking for both engines: Splink scores grc's candidate pairs
    assert theirs.candidates_per_pass == ours.candidates_per_pass
    pd.testing.assert_frame_equal(theirs.pairs[["left", "right"]], ours.pairs[["left", "right"]])


def test_any_pair_is_scored_by_the_trained_linker(
    export_120: tuple[pd.DataFrame, ColumnMapping, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    from grc_toolkit.dedupe import splink_engine
    from grc_toolkit.dedupe.model import match_probability

    data, mapping, _ = export_120
    scored = score_pairs(prepare_records(data, mapping), "splink")
    known = scored.pairs.iloc[:5]
    # a small batch (grouping's questions) is scored by the level weights learnt beside Splink's model
    quick = scored.score(known["left"].to_numpy(), known["right"].to_numpy())
    assert scored.model is not None
    np.testing.assert_allclose(quick["probability"], match_probability(quick, scored.model))
    # a large one by Splink itself, as when it proposed the pairs
    monkeypatch.setattr(splink_engine, "SPLINK_BATCH", 1)
    again = scored.score(known["left"].to_numpy(), known["right"].to_numpy())
    np.testing.assert_allclose(again["probability"], known["probability"])
    pd.testing.assert_frame_equal(
        again.drop(columns="probability"), known.drop(columns="probability").reset_index(drop=True)
    )
    # a pair that blocking never proposed is scored too (grouping asks about such pairs)
    far = scored.score(np.array([0]), np.array([len(data) - 1]))
    assert far["probability"].between(0, 1).all()
    again = scored.score(np.array([len(data) - 1]), np.array([0]))  # asked twice, in either order
    assert again["probability"].tolist() == far["probability"].tolist()


def test_settings_follow_the_columns_a_file_has() -> None:
    frame = pd.DataFrame({"Nom": ["Roux", "Roux", "Zola"], "Prénom": ["Yves", "Yves", "Émile"]})
    table = splink_input(prepare_records(frame, map_columns(frame)))
    settings = splink_settings(table)
    compared = [comparison.get_comparison("duckdb").output_column_name for comparison in settings.comparisons]
    assert compared == ["first", "last"]
    assert table["block_email"].isna().all()


def test_a_too_common_key_blocks_nothing() -> None:
    frame = pd.DataFrame({"Nom": ["Martin"] * 5 + ["Roux"] * 2, "Prénom": ["Jean"] * 5 + ["Yves"] * 2})
    table = splink_input(prepare_records(frame, map_columns(frame)), cap=4)
    assert table["block_names"].isna().tolist() == [True] * 5 + [False] * 2


def test_each_rule_keeps_within_its_budget_rare_values_first() -> None:
    key = pd.Series(["a"] * 4 + ["b"] * 3 + ["c", ""])
    kept = _capped(key, cap=10, budget=5)  # b: 3 pairs fit; a would add 6 more
    assert kept.tolist() == [None] * 4 + ["b"] * 3 + [None, None]


def test_obvious_duplicates_are_found(export_120: tuple[pd.DataFrame, ColumnMapping, np.ndarray]) -> None:
    data, mapping, _ = export_120
    search = find_duplicates(data, mapping, SPLINK)
    records = search.records
    assert records is not None
    same = records[records["email"] != ""].groupby(["email", "last", "first"]).filter(lambda rows: len(rows) > 1)
    assert len(same) >= 4
    for _, rows in same.groupby(["email", "last", "first"]):
        assert len(set(search.groups[rows.index])) == 1


def test_a_household_stays_apart_through_grcs_rules() -> None:
    data, mapping, _ = _cleaned(40, seed=5)
    household = pd.DataFrame(
        {
            "Nom": ["Lefèvre", "Lefèvre"],
            "Prénom": ["Hélène", "Marc"],
            "Téléphone": ["04 78 12 34 56", "04 78 12 34 56"],
            "Adresse": ["12 rue de la Paix", "12 rue de la Paix"],
            "Code postal": ["69003", "69003"],
            "Ville": ["Lyon", "Lyon"],
        }
    )
    cleaned = run(household, Config(dedupe=DedupeOptions(enabled=False)))
    search = find_duplicates(cleaned.data, cleaned.mapping, SPLINK)
    assert search.groups[0] != search.groups[1]
    both = pd.concat([data, cleaned.data.reindex(columns=data.columns)], ignore_index=True)
    search = find_duplicates(both, mapping, SPLINK)
    assert search.groups[-1] != search.groups[-2]
    pair = search.pairs[(search.pairs["left"] == len(both) - 2) & (search.pairs["right"] == len(both) - 1)]
    assert pair["rule"].item() == "household"


def test_a_30_row_file_gets_sound_decisions() -> None:
    data, mapping, person = _cleaned(24, seed=7)
    assert 25 <= len(data) <= 40
    search = find_duplicates(data, mapping, SPLINK)
    found, expected = _pairs(search.groups), _pairs(person)
    assert expected, "the generated file should hold duplicates"
    assert len(found & expected) / len(found) >= 0.9  # precision
    assert len(found & expected) / len(expected) >= 0.6  # recall


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ConfigError):
        DedupeOptions(engine="dedupe.io")


def _partners() -> pd.DataFrame:
    """Forty partners of an office, each at its own address; the first ten written again another way."""
    kinds = ["Hôtel", "Camping", "Restaurant", "Crèche", "Gîte"]
    places = ["de la Plage", "des Pins", "du Port", "Bellevue", "de la Gare", "du Lac", "des Sables", "du Moulin"]
    names = [f"{kind} {place}" for kind in kinds for place in places]
    ways = ["rue Nationale", "quai Duguay-Trouin", "rue de Dinan", "rue Pasteur", "rue Hébert", "rue du Sillon"]
    streets = [f"{n} {ways[n % len(ways)]}" for n in range(3, 43)]
    again = [f"SARL {name.upper()}" for name in names[:10]]
    moved = [street.replace("rue", "r.").replace("quai", "Quai") for street in streets[:10]]
    return pd.DataFrame({"Raison sociale": names + again, "Adresse": streets + moved, "Code postal": "35400"})


def test_a_partners_file_is_compared_and_blocked_on_organisations() -> None:
    frame = _partners()
    table = splink_input(prepare_records(frame, map_columns(frame)))
    compared = [c.get_comparison("duckdb").output_column_name for c in splink_settings(table).comparisons]
    assert compared == ["postal_code", "address", "organisation"]
    assert table["block_organisation"][0] == table["block_organisation"][40] == "hotel plage"
    assert table["block_numbered_street"][0] == table["block_numbered_street"][40] == "3|pasteur"
    expected = {(i, i + 40) for i in range(10)}
    # Splink's model, trained on fifty rows, is sure of the one spelt alike only; grc's finds them all
    search = find_duplicates(frame, map_columns(frame), SPLINK)
    found = _pairs(search.groups)
    assert (4, 44) in found and found <= expected
    assert isinstance(search.model, SplinkModel)
    address = next(line for line in search.model.weights_table if line["field"] == "address")
    assert "Même numéro, même rue" in [level["level"] for level in address["levels"]]
    assert _pairs(find_duplicates(frame, map_columns(frame), DedupeOptions()).groups) == expected


def test_the_shipped_model_says_what_it_was_trained_on() -> None:
    from grc_toolkit.dedupe.splink_engine import shipped_m

    shipped = shipped_m()
    assert "generator" in shipped["trained_on"]
    assert {"first", "last", "email", "phone"} <= set(shipped["m"]) <= set(shipped["u"])
    assert all(0 < m <= 1 for levels in shipped["m"].values() for m in levels.values())


def test_a_small_file_starts_from_the_shipped_m_and_blends_its_u() -> None:
    from grc_toolkit.dedupe.splink_engine import shipped_m

    data, mapping, _ = _cleaned(12, seed=3)
    model = score_pairs(prepare_records(data, mapping), engine="splink").model
    assert isinstance(model, SplinkModel) and model.em_sessions == []  # too few pairs to learn m
    email = next(c for c in model.settings["comparisons"] if c["output_column_name"] == "email")
    exact = next(
        level for level in email["comparison_levels"] if level.get("label_for_charts") == "Exact match on email"
    )
    shipped = shipped_m()
    assert exact["m_probability"] == pytest.approx(shipped["m"]["email"]["Exact match on email"])
    # a dozen people have a few hundred random pairs, some of them one person (8 % share an email): their
    # u leans on the shipped one
    assert shipped["u"]["email"]["Exact match on email"] < exact["u_probability"] < 0.002
    username = next(
        level for level in email["comparison_levels"] if level.get("label_for_charts") == "Exact match on username"
    )
    assert username["u_probability"] == pytest.approx(shipped["u"]["email"]["Exact match on username"])


def test_splinks_odds_are_rebased_on_the_candidates_share_of_matches() -> None:
    from grc_toolkit.dedupe.splink_engine import _shifted, candidate_shift

    # half the candidates carry 20 bits of evidence for, half 20 against, under a prior of 1 in 1,000 pairs:
    # among the candidates, one in two is a match
    prior = 0.001
    evidence = np.repeat([20.0, -20.0], 500)
    odds = evidence + np.log2(prior / (1 - prior))
    probability = 1 / (1 + np.exp2(-odds))
    shift = candidate_shift(probability, prior)
    share = _shifted(np.array([prior]), shift)[0]
    assert share == pytest.approx(0.5, abs=1e-4)
    rebased = _shifted(probability, shift)
    assert rebased[:500] == pytest.approx(1.0, abs=1e-5)
    assert rebased[500:] == pytest.approx(0.0, abs=1e-5)
    # the same evidence, a new prior: the order of the pairs never changes
    assert (np.argsort(rebased, kind="stable") == np.argsort(probability, kind="stable")).all()
    assert candidate_shift(np.empty(0), prior) == 0.0


def test_the_rules_overrule_reads_the_engines_cautious_probability(
    export_120: tuple[pd.DataFrame, ColumnMapping, np.ndarray],
) -> None:
    from grc_toolkit.dedupe.rules import judge_pairs

    data, mapping, _ = export_120
    scored = score_pairs(prepare_records(data, mapping), "splink")
    pairs = scored.pairs
    assert (pairs["probability"] >= pairs["overrule_probability"] - 1e-12).all()  # candidates: more likely
    assert scored.model is not None
    assert scored.model.to_dict()["share_of_matches_among_candidates"] > scored.model.settings.get(
        "probability_two_random_records_match", 0
    )
    # a pair a soft rule keeps apart, sure by its probability: the overrule follows overrule_probability
    kept = pairs.assign(last=0, email=0, birth_date=1, phone=0, address=0, probability=1.0)
    sure = judge_pairs(kept.assign(overrule_probability=1.0), SPLINK, dated=True)
    doubtful = judge_pairs(kept.assign(overrule_probability=0.5), SPLINK, dated=True)
    soft = sure["rule"] == ""
    assert soft.any()
    assert (doubtful.loc[soft, "rule"] != "").all()
    assert not doubtful.loc[soft, "compatible"].any()


def test_a_failed_em_session_leaves_the_model_as_it_was(
    export_120: tuple[pd.DataFrame, ColumnMapping, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Splink's EM session works on the linker's own settings: one that fails (a level driven to m = 0) used to
    leave them with its blocking-adjusted share of matches (0.98 on a public set) and without the comparisons of
    its blocking columns."""
    from splink.internals.em_training_session import EMTrainingSession

    from grc_toolkit.dedupe import splink_engine

    data, mapping, _ = export_120
    table = splink_input(prepare_records(data, mapping))
    trained, _ = splink_engine.linker_for(table)
    splink_engine._train(trained, table)
    assert trained._settings_obj._probability_two_random_records_match < 0.05

    def fail(self: EMTrainingSession) -> None:
        raise ValueError("m = 0 for a level")

    monkeypatch.setattr(EMTrainingSession, "_train", fail)
    monkeypatch.setattr(splink_engine, "MIN_EM_PAIRS", 1)  # every session is tried on this small file
    linker, _ = splink_engine.linker_for(table)
    names = [comparison.output_column_name for comparison in linker._settings_obj.comparisons]
    assert splink_engine._train(linker, table) == []  # every session failed, none is counted
    settings = linker._settings_obj
    assert [comparison.output_column_name for comparison in settings.comparisons] == names
    assert settings._probability_two_random_records_match == pytest.approx(
        trained._settings_obj._probability_two_random_records_match
    )


def test_place_evidence_never_overrules_a_rule(export_120: tuple[pd.DataFrame, ColumnMapping, np.ndarray]) -> None:
    """A household or two namesakes share a postcode, a town, a street: what Splink makes of those is taken off
    the probability the rules' overrule reads, only the rest of the evidence may overrule."""
    from grc_toolkit.dedupe.splink_engine import _place_columns, _without

    selected = _place_columns(["unique_id_l", "mw_first", "mw_tf_adj_first", "mw_postal_code", "mw_tf_adj_city"])
    place = selected[-1]
    assert "mw_postal_code" in place and "mw_tf_adj_city" in place and "first" not in place
    assert _place_columns(["unique_id_l", "mw_first"])[-1] == "cast(0.0 as double) as place_weight"
    assert _without(np.array([0.5, 0.999]), np.array([1.0, 0.0])) == pytest.approx([1 / 3, 0.999])
    data, mapping, _ = export_120
    pairs = score_pairs(prepare_records(data, mapping), "splink").pairs
    same_place = (pairs["postal_code"] == 2) & pairs["probability"].between(0.01, 0.99)
    assert same_place.any()
    assert (pairs.loc[same_place, "overrule_probability"] < pairs.loc[same_place, "probability"]).all()
