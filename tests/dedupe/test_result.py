"""DedupeResult: groups, households and the pairs behind them, and its counts as plain data."""

from __future__ import annotations

import json

import pandas as pd

from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe import DedupeResult, explain_pair, find_duplicates
from grc_toolkit.dedupe.blocking import blocking_keys
from grc_toolkit.dedupe.compare import LEVELS
from grc_toolkit.dedupe.rules import RULES
from grc_toolkit.mapping import map_columns

# rows 0 and 3: Hélène Lefèvre twice; 1 and 4: a couple, one landline and one address; 2 and 5: another
# couple; 6 and 7: two Paul Martin of one town with two mailboxes and two streets
PEOPLE = pd.DataFrame(
    [
        ["Mme", "Lefèvre", "Hélène", "h.lefevre@orange.fr", "", "5 rue Garibaldi", "69003"],
        ["M.", "Dupont", "Jean", "", "+33142685300", "1 rue Oberkampf", "75011"],
        ["M.", "Robert", "Louis", "", "+33240481234", "2 quai de la Fosse", "44000"],
        ["Mme", "LEFEVRE", "Helene", "h.lefevre@orange.fr", "", "5 rue Garibaldi", "69003"],
        ["Mme", "Dupont", "Marie", "", "+33142685300", "1 rue Oberkampf", "75011"],
        ["Mme", "Robert", "Julie", "", "+33240481234", "2 quai de la Fosse", "44000"],
        ["M.", "Martin", "Paul", "paul.martin35@free.fr", "", "3 rue de Fougères", "35400"],
        ["M.", "Martin", "Paul", "pmartin@orange.fr", "", "9 avenue Jean Jaurès", "35400"],
    ],
    columns=["Civilité", "Nom", "Prénom", "Email", "Téléphone", "Adresse", "Code postal"],
)


def _search() -> DedupeResult:
    return find_duplicates(PEOPLE, map_columns(PEOPLE), DedupeOptions())


def test_groups_and_the_pairs_behind_them() -> None:
    search = _search()
    assert search.groups.tolist() == [0, 1, 2, 0, 4, 5, 6, 7]
    assert search.merged_pairs()[["left", "right"]].to_numpy().tolist() == [[0, 3]]
    assert search.review_pairs()[["left", "right"]].to_numpy().tolist() == [[6, 7]]  # the namesakes


def test_households_are_numbered_in_the_order_of_their_first_record() -> None:
    assert _search().households().tolist() == [0, 1, 2, 0, 1, 2, 0, 0]
    # one household inside the other's rows: the Roberts come first, so they are household 1
    nested = PEOPLE.iloc[[2, 1, 4, 5, 0, 3, 6, 7]].reset_index(drop=True)
    search = find_duplicates(nested, map_columns(nested), DedupeOptions())
    assert search.households().tolist() == [1, 2, 2, 1, 0, 0, 0, 0]


def test_counts_as_plain_data() -> None:
    shown = _search().to_dict()
    json.dumps(shown)  # no numpy number, no frame
    assert {key: shown[key] for key in ("records", "groups_merged", "records_merged", "pairs_decided")} == {
        "records": 8,
        "groups_merged": 1,
        "records_merged": 2,
        "pairs_decided": 0,
    }
    assert (shown["households"], shown["records_in_households"], shown["pairs_to_review"]) == (2, 4, 1)
    assert shown["pairs_scored"] == sum(1 for _ in _search().pairs.itertuples()) >= 4
    assert set(shown["kept_apart"]) == set(RULES)
    assert list(shown["candidates_per_pass"]) == list(blocking_keys(_search().records))
    assert {name: len(weights) for name, weights in shown["model"]["weights"].items()} == LEVELS


def test_a_household_the_model_would_merge_is_counted_as_kept_apart_by_its_rule() -> None:
    search = _search()
    lenient = DedupeResult(search.groups, search.pairs.assign(probability=0.95), search.model, {}, None)
    kept = lenient.to_dict()["kept_apart"]
    assert kept["household"] == 2
    assert kept["namesake_contacts_differ"] == 1
    assert sum(kept.values()) == (lenient.pairs["rule"] != "").sum()


def test_one_record_has_no_pairs_and_no_model() -> None:
    search = find_duplicates(PEOPLE.iloc[:1], map_columns(PEOPLE), DedupeOptions())
    assert search.groups.tolist() == [0]
    assert search.households().tolist() == [0]
    shown = search.to_dict()
    assert (shown["pairs_scored"], shown["groups_merged"], shown["model"]) == (0, 0, None)


def test_explaining_a_pair_names_the_rule_that_keeps_it_apart() -> None:
    search = _search()
    _, couple = explain_pair(search, 1, 4)
    _, same = explain_pair(search, 3, 0)
    assert (couple["rule"], couple["same_group"]) == ("household", False)
    assert (same["rule"], same["same_group"]) == ("", True)


def test_a_partners_file_merges_one_hotels_rows_and_says_why_in_both_languages() -> None:
    from grc_toolkit.present.labels import EXPLAIN_FIELDS
    from grc_toolkit.present.workbook import pair_reasons

    sites = pd.DataFrame(
        [
            ["SARL Hôtel de la Plage", "12 quai Duguay-Trouin", "35400"],
            ["Camping des Pins", "2 route de la Plage", "56340"],
            ["HOTEL LA PLAGE", "12 quai Duguay-Trouin", "35400"],
            ["Crèche Les Lutins", "3 rue de Fougères", "35000"],
        ],
        columns=["Raison sociale", "Adresse", "Code postal"],
    )
    search = find_duplicates(sites, map_columns(sites), DedupeOptions())
    assert search.groups.tolist() == [0, 1, 0, 3]
    table, verdict = explain_pair(search, 0, 2)
    assert verdict["same_group"] and "organisation" in table["field"].tolist()
    merged = search.merged_pairs()
    assert pair_reasons(merged, "fr").str.contains("même organisation").all()
    assert pair_reasons(merged, "en").str.contains("same organisation").all()
    for name in LEVELS:
        french, english = EXPLAIN_FIELDS[name]
        assert french and english


def test_a_sure_pair_kept_apart_by_a_firm_rule_is_shown_for_review_unless_in_a_household() -> None:
    from grc_toolkit import Config, run

    frame = pd.DataFrame(
        [
            ["Dupont", "Jean", "famille.dupont@free.fr", "", ""],
            ["Dupont", "Marie", "famille.dupont@free.fr", "", ""],  # one family mailbox: two people, or not?
            ["Roux", "Paul", "", "+33142685300", "1 rue Oberkampf"],
            ["Roux", "Lucie", "", "+33142685300", "1 rue Oberkampf"],  # a household: grc_household shows it
            ["Martin", "Anne", "anne.m@free.fr", "", ""],
        ],
        columns=["Nom", "Prénom", "Email", "Téléphone", "Adresse"],
    )
    search = run(frame, Config()).search
    assert search is not None
    shown = search.review_pairs()
    assert list(zip(shown["left"], shown["right"], strict=True)) == [(0, 1)]
    assert shown["rule"].tolist() == ["first_names_differ"] and shown["probability"].iloc[0] >= 0.9
    households = search.households()
    assert households[2] == households[3] > 0
