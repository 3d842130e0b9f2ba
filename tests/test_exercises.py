"""Answer checks: they judge placeholders, wrong types, wrong answers and right answers correctly,
and every reference solution in the notebooks passes its own check."""

import csv
import itertools
import re

import networkx as nx
import pytest

import summitkit
from chapter_parts import cell_text, exercises, run_of, solution_code
from conftest import DATA, NOTEBOOKS, load_notebook


def rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# Expected answers computed here from the CSV files, independently of summitkit.
def simple_graph():
    g = nx.Graph()
    g.add_nodes_from(a["id"] for a in rows("actors.csv"))
    g.add_edges_from((t["source"], t["target"]) for t in rows("ties.csv"))
    return g


def multigraph():
    m = nx.MultiGraph()
    m.add_nodes_from(a["id"] for a in rows("actors.csv"))
    m.add_edges_from((t["source"], t["target"]) for t in rows("ties.csv"))
    return m


def states():
    return [a["id"] for a in rows("actors.csv") if a["kind"] == "state"]


def reference_repeated_ties():
    m, g = multigraph(), simple_graph()
    return {s: m.degree(s) - g.degree(s) for s in states()}


def reference_economic_graph():
    g = nx.Graph()
    g.add_edges_from(
        (t["source"], t["target"]) for t in rows("ties.csv") if t["relation"] == "economic"
    )
    return g


class Explodes:
    """An answer whose comparison raises, to prove a check never passes a traceback on."""

    def __eq__(self, other):
        raise RuntimeError("boom")

    __hash__ = object.__hash__


# --- Exercise: repeated ties ----------------------------------------------------------------


def test_repeated_ties_placeholder():
    for placeholder in (..., None):
        assert summitkit.check_repeated_ties(placeholder).status == "not attempted"


@pytest.mark.parametrize("answer", ["russia: 8", [("russia", 8)], 8, {"russia", "china"}])
def test_repeated_ties_wrong_type(answer):
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "wrong type"
    assert "dict" in feedback.message


def test_repeated_ties_degree_view_gets_a_hint():
    feedback = summitkit.check_repeated_ties(simple_graph().degree(states()))
    assert feedback.status == "wrong type"
    assert "DegreeView" in feedback.message and "dict" in feedback.message


def test_repeated_ties_values_of_the_wrong_type():
    answer = {k: str(v) for k, v in reference_repeated_ties().items()}
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "wrong type"
    assert "whole number" in feedback.message


def test_repeated_ties_numpy_integers_are_fine():
    import numpy as np

    answer = {k: np.int64(v) for k, v in reference_repeated_ties().items()}
    assert summitkit.check_repeated_ties(answer).status == "correct"


def test_repeated_ties_display_names_as_keys_are_explained():
    names = {a["id"]: a["name"] for a in rows("actors.csv")}
    answer = {names[k]: v for k, v in reference_repeated_ties().items()}
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "incorrect"
    assert "Use ids as keys" in feedback.message


def test_repeated_ties_missing_state_is_named():
    answer = reference_repeated_ties()
    del answer["china"]
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "incorrect"
    assert "missing: China" in feedback.message
    assert f"expected {len(states())} states" in feedback.message


def test_repeated_ties_extra_keys_are_named():
    answer = {**reference_repeated_ties(), "putin": 1}
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "incorrect"
    assert "not states: putin" in feedback.message


@pytest.mark.parametrize(
    "graph, hint", [(simple_graph, "degrees in A"), (multigraph, "degrees in M")]
)
def test_repeated_ties_one_degree_instead_of_the_difference(graph, hint):
    # Plausible mistakes: giving one of the two degrees instead of their difference.
    g = graph()
    answer = {s: g.degree(s) for s in states()}
    assert answer != reference_repeated_ties()
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "incorrect"
    assert hint in feedback.message


def test_repeated_ties_one_wrong_value_says_which_way():
    answer = reference_repeated_ties()
    answer["russia"] += 1
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "incorrect"
    assert "Russia is too high" in feedback.message


def test_repeated_ties_reference_answer_is_correct():
    feedback = summitkit.check_repeated_ties(reference_repeated_ties())
    assert feedback.status == "correct", feedback.message
    assert feedback.correct


def test_repeated_ties_check_never_raises():
    answer = {k: Explodes() for k in states()}
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status in {"wrong type", "incorrect"}


# --- Exercise: the economic network ----------------------------------------------------------


def test_economic_graph_placeholder():
    for placeholder in (None, ...):
        assert summitkit.check_economic_graph(placeholder).status == "not attempted"


@pytest.mark.parametrize(
    "answer", [[("russia", "north_korea")], {"russia": ["north_korea"]}, "A_econ"]
)
def test_economic_graph_wrong_type(answer):
    feedback = summitkit.check_economic_graph(answer)
    assert feedback.status == "wrong type"
    assert "networkx graph" in feedback.message


def test_economic_graph_table_instead_of_graph_gets_a_hint():
    import pandas as pd

    feedback = summitkit.check_economic_graph(pd.DataFrame(rows("ties.csv")))
    assert feedback.status == "wrong type"
    assert "nx.Graph()" in feedback.message


def test_economic_graph_with_every_tie_is_wrong():
    feedback = summitkit.check_economic_graph(simple_graph())
    assert feedback.status == "incorrect"
    assert "every tie" in feedback.message and "'economic'" in feedback.message
    # Every actor, but only the economic ties: the actors with none are named.
    graph = reference_economic_graph()
    graph.add_nodes_from(states())
    feedback = summitkit.check_economic_graph(graph)
    assert feedback.status == "incorrect" and "no economic tie" in feedback.message


def test_economic_graph_missing_pair_is_named():
    answer = reference_economic_graph()
    answer.remove_edge("china", "north_korea")
    feedback = summitkit.check_economic_graph(answer)
    assert feedback.status == "incorrect"
    assert "china – north_korea" in feedback.message


def test_economic_graph_reference_answer_is_correct():
    feedback = summitkit.check_economic_graph(reference_economic_graph())
    assert feedback.status == "correct", feedback.message


def test_feedback_renders_as_text_and_html():
    feedback = summitkit.check_economic_graph(None)
    assert repr(feedback).startswith("… The economic network: Not attempted.")
    assert "<div" in feedback._repr_html_()


# --- Chapter 2: brokerage in K1 and §1–§7 -------------------------------------------------------
# The chapter's two graphs, rebuilt here from the CSV rows (not from summitkit.ch02).


def role_ties():
    """The rows of ties.csv that chapter 2 reads: K1 and §1–§7, ties between actors."""
    paragraphs = {"K1", "1", "2", "3", "4", "5", "6", "7"}
    return [
        t
        for t in rows("ties.csv")
        if t["paragraph"] in paragraphs and t["relation"] not in ("assessment", "affiliation")
    ]


def role_graphs():
    ties = role_ties()
    a = nx.Graph((t["source"], t["target"]) for t in ties)
    state_of = {t["source"]: t["target"] for t in ties if t["relation"] == "office"}
    s = nx.Graph()
    s.add_edges_from((state_of.get(u, u), state_of.get(v, v)) for u, v in a.edges())
    s.remove_edges_from(list(nx.selfloop_edges(s)))
    return a, s


def test_role_graphs_are_the_articles():
    # Guards the independent rebuild: officials are people, states are states.
    a, s = role_graphs()
    kinds = {r["id"]: r["kind"] for r in rows("actors.csv")}
    assert {kinds[n] for n in s} == {"state"}
    assert {n for n in a if kinds[n] == "person"} and "russia" in s


def test_state_betweenness_feedback():
    check = summitkit.check_state_betweenness
    a, s = role_graphs()
    assert check(...).status == "not attempted"
    assert check(None).status == "not attempted"
    for answer in ([("russia", 0.5)], "russia", 0.58):
        assert check(answer).status == "wrong type", answer
    assert "a dict" in check(list(nx.betweenness_centrality(s).items())).message
    # Plausible wrong answers, each with its own hint.
    assert "Use S" in check(nx.betweenness_centrality(a)).message
    assert "raw counts" in check(nx.betweenness_centrality(s, normalized=False)).message
    assert "degree centralities" in check(nx.degree_centrality(s)).message
    nudged = nx.betweenness_centrality(s)
    nudged["north_korea"] += 0.1
    feedback = check(nudged)
    assert feedback.status == "incorrect" and "North Korea is too high" in feedback.message
    missing = nx.betweenness_centrality(s)
    del missing["china"]
    assert "missing: China" in check(missing).message
    names = {r["id"]: r["name"] for r in rows("actors.csv")}
    assert (
        "Use ids" in check({names[k]: v for k, v in nx.betweenness_centrality(s).items()}).message
    )
    # Values rounded to three decimals, as the chapter's tables show them, are right.
    assert (
        check({k: round(v, 3) for k, v in nx.betweenness_centrality(s).items()}).status == "correct"
    )
    feedback = check(nx.betweenness_centrality(s))
    assert feedback.status == "correct", feedback.message
    top = max(nx.betweenness_centrality(s).items(), key=lambda kv: kv[1])[0]
    assert {r["id"]: r["name"] for r in rows("actors.csv")}[top] in feedback.message


def test_components_without_russia_feedback():
    check = summitkit.check_components_without_russia
    a, s = role_graphs()
    h = a.copy()
    h.remove_node("russia")
    right = list(nx.connected_components(h))
    assert check(...).status == "not attempted"
    assert "Wrap it in list" in check(nx.connected_components(h)).message
    assert "This is a graph" in check(h).message
    for answer in ("china", ["china", "north_korea"], 2, {"china": 1}):
        assert check(answer).status == "wrong type", answer
    # Plausible wrong answers: Russia not removed; the state-level graph instead of A.
    assert "Russia is still in your graph" in check(list(nx.connected_components(a))).message
    hs = s.copy()
    hs.remove_node("russia")
    assert "components of S" in check(list(nx.connected_components(hs))).message
    assert "in 1 component(s), expected 2" in check([set(h)]).message
    assert "remove only Russia" in check([{n} for n in h]).message
    names = {r["id"]: r["name"] for r in rows("actors.csv")}
    assert "Use ids" in check([{names[n] for n in c} for c in right]).message
    feedback = check(right)
    assert feedback.status == "correct", feedback.message
    assert check([frozenset(c) for c in reversed(right)]).status == "correct"  # order free
    assert check([sorted(c) for c in right]).status == "correct"  # a component may be a list


def pairs_needing(s, hub, every=True):
    found = set()
    for a, b in itertools.combinations(sorted(set(s) - {hub}), 2):
        through = [hub in path for path in nx.all_shortest_paths(s, a, b)]
        if (all if every else any)(through):
            found.add((a, b))
    return found


def test_pairs_needing_russia_feedback():
    check = summitkit.check_pairs_needing_russia
    _, s = role_graphs()
    right = pairs_needing(s, "russia")
    assert right, "the data should give at least one pair that needs Russia"
    assert check(...).status == "not attempted"
    for answer in ("china", [("china", "north_korea", "russia")], 3, {"china": "north_korea"}):
        assert check(answer).status == "wrong type", answer
    # Plausible wrong answers: Russia on some shortest path, not all; pairs that include Russia.
    some = pairs_needing(s, "russia", every=False)
    assert some > right, "the data should have a pair where Russia is one route of several"
    assert "not on every one" in check(some).message
    assert "Leave out pairs that include Russia" in check(right | {("russia", "china")}).message
    fewer = set(list(right)[1:])
    assert check(fewer).status == "incorrect" and "missing" in check(fewer).message
    assert (
        "Some shortest path avoids Russia"
        in check(right | {("north_korea", "south_korea")}).message
    )
    # Missing pairs are counted, not named: finding them is the exercise.
    assert "pair(s) missing" in check(set()).message and "china" not in check(set()).message
    a, _ = role_graphs()
    assert "Not a state in S" in check(pairs_needing(a, "russia")).message
    names = {r["id"]: r["name"] for r in rows("actors.csv")}
    assert "Use ids" in check({(names[x], names[y]) for x, y in right}).message
    assert check(right).status == "correct"
    assert check([tuple(reversed(p)) for p in right]).status == "correct"  # order free


def test_chapter_2_checks_never_raise():
    for check in (
        summitkit.check_state_betweenness,
        summitkit.check_components_without_russia,
        summitkit.check_pairs_needing_russia,
    ):
        for answer in ({k: Explodes() for k in ("russia", "china")}, [Explodes()], object()):
            assert check(answer).status in {"wrong type", "incorrect"}


# --- Chapter 3: channels of §8–§11 ------------------------------------------------------------
# The layers, rebuilt here from the CSV rows (not from summitkit.ch03).

CHANNEL_NAMES = ("energy", "labour", "port", "transport", "telecom", "pipeline")


def channel_sets():
    """{frozenset pair: set of channels}, straight from channels.csv."""
    found = {}
    for r in rows("channels.csv"):
        found.setdefault(frozenset((r["source"], r["target"])), set()).add(r["channel"])
    return found


def layer_cuts(remove=()):
    """For each channel: North Korea's partners on it, which is the smallest cut once every partner
    reaches the outside directly (an independent route to the answer, without minimum_node_cut)."""
    cuts = {c: set() for c in CHANNEL_NAMES}
    for pair, chans in channel_sets().items():
        if "north_korea" in pair:
            for c in chans:
                if (pair, c) not in remove:
                    cuts[c] |= pair - {"north_korea"}
    return cuts


def test_channel_sets_match_the_data():
    # Guards the rebuild: every channel is used, and the article's main pair has the most.
    sets = channel_sets()
    assert set().union(*sets.values()) == set(CHANNEL_NAMES) == set(summitkit.CHANNELS)
    assert max(sets, key=lambda p: len(sets[p])) == frozenset(("russia", "north_korea"))


def test_channels_per_pair_feedback():
    check = summitkit.check_channels_per_pair
    right = {tuple(sorted(p)): len(c) for p, c in channel_sets().items()}
    assert check(...).status == "not attempted"
    for answer in ([("russia", 6)], "russia", 6, {("russia",): 6}, {("a", "b"): "6"}):
        assert check(answer).status == "wrong type", answer
    # A pandas Series gets a hint to turn it into a dict.
    import pandas as pd

    series = pd.Series(list(right.values()), index=[" – ".join(k) for k in right])
    assert ".to_dict()" in check(series).message
    # Plausible wrong answers: rows (sources) counted instead of channels; directed pairs.
    by_rows = {}
    for r in rows("channels.csv"):
        key = tuple(sorted((r["source"], r["target"])))
        by_rows[key] = by_rows.get(key, 0) + 1
    assert by_rows != right
    assert "count each channel once per pair" in check(by_rows).message
    directed = {}
    for r in rows("channels.csv"):
        directed.setdefault((r["source"], r["target"]), set()).add(r["channel"])
    directed = {k: len(v) for k, v in directed.items()}
    assert "same pair, counted in both directions. Merge them" in check(directed).message
    # Every pair of states, untied ones with 0: told to leave those out.
    states_in = sorted({n for p in right for n in p})
    with_zeros = {(a, b): right.get((a, b), 0) for a, b in itertools.combinations(states_in, 2)}
    assert "Leave out pairs with no channel" in check(with_zeros).message
    names = {r["id"]: r["name"] for r in rows("actors.csv")}
    assert "Use ids" in check({(names[a], names[b]): n for (a, b), n in right.items()}).message
    fewer = dict(list(right.items())[1:])
    assert "missing" in check(fewer).message
    more = {**right, ("china", "russia"): 1}
    assert "share no channel" in check(more).message
    nudged = {**right, ("north_korea", "russia"): right[("north_korea", "russia")] + 1}
    assert "too many channels" in check(nudged).message
    feedback = check(right)
    assert feedback.status == "correct", feedback.message
    assert (
        check({tuple(reversed(k)): v for k, v in right.items()}).status == "correct"
    )  # order free


def test_layer_cuts_feedback():
    check = summitkit.check_layer_cuts
    right = layer_cuts()
    assert check(...).status == "not attempted"
    for answer in ([{"russia"}], "russia", {c: "russia" for c in CHANNEL_NAMES}):
        assert check(answer).status == "wrong type", answer
    # Plausible wrong answers: how many instead of who; all layers at once; the ends kept in.
    counts = {c: len(v) for c, v in right.items()}
    assert "minimum_node_cut" in check(counts).message
    everyone = set().union(*right.values())
    assert "Build one graph per channel" in check({c: everyone for c in CHANNEL_NAMES}).message
    assert "leave out" in check({**right, "energy": right["energy"] | {"outside"}}).message
    missing = dict(right)
    del missing["pipeline"]
    assert "missing: pipeline" in check(missing).message
    assert "Not a channel: rail" in check({**right, "rail": {"russia"}}).message
    # The telecom layer before October 2017 (no Russian link) is a plausible slip: too few.
    before = layer_cuts(remove={(frozenset(("russia", "north_korea")), "telecom")})
    assert before["telecom"] == {"china"}
    assert "too few" in check(before).message
    names = {r["id"]: r["name"] for r in rows("actors.csv")}
    assert "Use ids" in check({c: {names[n] for n in v} for c, v in right.items()}).message
    # Display names in one value only, among ids, still get the hint.
    assert "Use ids" in check({**right, "port": {"China", "Russia"}}).message
    # The pipeline's cut (between Russia and South Korea) copied for every layer; an empty cut.
    assert (
        "separates other actors from each other"
        in check({c: {"north_korea"} for c in right}).message
    )
    assert "an empty cut removes no one" in check({**right, "energy": set()}).message
    feedback = check(right)
    assert feedback.status == "correct", feedback.message
    assert "In these data" in feedback.message
    single = sorted(c for c, v in right.items() if len(v) == 1)
    assert single and all(c in feedback.message for c in single)
    assert check({c: sorted(v) for c, v in right.items()}).status == "correct"  # a list is fine


def test_my_coding_feedback():
    check = summitkit.check_my_coding
    assert check(...).status == "not attempted"
    for answer in (
        "russia",
        [("russia", "north_korea")],
        [("russia", "north_korea", "labour", 3)],
        [],
    ):
        assert check(answer).status == "wrong type", answer
    feedback = check([("Russia", "North Korea", "labour", "laborers")])
    assert "Use ids" in feedback.message
    assert "Use ids" in check([("Russia", "north_korea", "labour", "laborers")]).message  # mixed
    # The article's other names for an actor: point to the id they stand for (data/actors.csv, aliases).
    aliases = {r["id"]: r["aliases"] for r in rows("actors.csv")}
    assert "Moscow" in aliases["russia"]
    assert (
        "use its id, 'russia'" in check([("moscow", "north_korea", "labour", "laborers")]).message
    )
    # One tie outside a list; a DataFrame; the article's spelling of a kind.
    assert "put it in a list" in check(("russia", "north_korea", "labour", "laborers")).message
    import pandas as pd

    frame = pd.DataFrame(
        [("russia", "north_korea", "labour", "laborers")],
        columns=["source", "target", "kind", "evidence"],
    )
    assert "itertuples" in check(frame).message
    assert (
        "spells this kind 'labour'"
        in check([("russia", "north_korea", "labor", "laborers")]).message
    )
    # Plausible wrong answers: an actor the data do not have; a kind that is not a channel or relation.
    assert (
        "'japan' is not an actor id" in check([("russia", "japan", "labour", "laborers")]).message
    )
    # A kind of the student's own is allowed, and named for the discussion.
    own = check([("russia", "north_korea", "cultural", "cultural")])
    assert own.status == "compared" and "Kinds that data/ does not use: cultural" in own.message
    assert "one lower-case word" in check([("russia", "north_korea", "Labour Ties", "x")]).message
    assert "words" in check([("russia", "north_korea", "labour", " ".join(["w"] * 30))]).message
    # A well-formed coding is compared with the data of §9, taken here from the CSV files, each
    # row counted (two economic ties for one pair are two differences to discuss, not one).
    data_rows = [
        (frozenset((t["source"], t["target"])), t["relation"])
        for t in rows("ties.csv")
        if t["paragraph"] == "9"
    ] + [
        (frozenset((c["source"], c["target"])), c["channel"])
        for c in rows("channels.csv")
        if c["paragraph"] == "9"
    ]
    coding = [
        ("north_korea", "russia", "labour", "destination for the country's laborers"),
        ("russia", "south_korea", "diplomacy", "made up"),
    ]
    feedback = check(coding)
    assert feedback.status == "compared", feedback.message  # never "correct": it does not mark
    assert (frozenset(("north_korea", "russia")), "labour") in data_rows
    assert "in both: north_korea – russia (labour)" in feedback.message
    assert "Only in yours: russia – south_korea (diplomacy)" in feedback.message
    only_data = feedback.message.split("Only in data/: ", 1)[1].split(". ")[0]
    shown = sum(int(part.split("×")[1]) if "×" in part else 1 for part in only_data.split("; "))
    assert shown == len(data_rows) - 1
    assert "×2" in only_data, "§9 gives Russia–North Korea two economic ties"
    # Nothing a student writes makes this check say "correct".
    assert (
        summitkit.check_my_coding.marks is False and summitkit.check_channels_per_pair.marks is True
    )


def test_chapter_3_checks_never_raise():
    for check in (
        summitkit.check_channels_per_pair,
        summitkit.check_layer_cuts,
        summitkit.check_my_coding,
    ):
        for answer in ({k: Explodes() for k in ("energy", "labour")}, [Explodes()], object()):
            assert check(answer).status in {"wrong type", "incorrect"}


# --- Chapter 4: signed ties and structural balance ----------------------------------------------
# The signed network, rebuilt here from the CSV rows (not from summitkit.ch04).

FIVE = ("russia", "china", "united_states", "north_korea", "south_korea")


def signed_pairs():
    """{frozenset pair: set of signs} for the signed ties among the five states."""
    found = {}
    for t in rows("ties.csv"):
        if t["source"] in FIVE and t["target"] in FIVE and t["sign"] in ("+", "-"):
            found.setdefault(frozenset((t["source"], t["target"])), set()).add(t["sign"])
    return found


def signs_of(flip=None):
    """{pair: sign} for pairs with one sign; flip turns one pair's sign round."""
    signs = {p: next(iter(s)) for p, s in signed_pairs().items() if len(s) == 1}
    if flip is not None:
        signs[flip] = "+" if signs[flip] == "-" else "-"
    return signs


def triads(signs):
    """{frozenset trio: 'balanced' or 'unbalanced'}, counting minuses (an independent route)."""
    found = {}
    for trio in itertools.combinations(FIVE, 3):
        pairs = [frozenset(p) for p in itertools.combinations(trio, 2)]
        if all(p in signs for p in pairs):
            minuses = [signs[p] for p in pairs].count("-")
            found[frozenset(trio)] = "balanced" if minuses in (0, 2) else "unbalanced"
    return found


def test_chapter_4_checks_answer_as_they_should():
    check = summitkit.check_triangles
    right = {tuple(sorted(t)): v for t, v in triads(signs_of()).items()}
    assert check(...).status == "not attempted"
    for answer in (
        list(right),
        "russia",
        3,
        {("russia", "china"): "balanced"},
        {k: True for k in right},
        {k: "stable" for k in right},
    ):
        assert check(answer).status == "wrong type", answer
    assert "True and False" in check({k: True for k in right}).message
    # Plausible wrong answers: the majority of signs; every label turned round; a trio with an untied pair.
    majority = {}
    signs = signs_of()
    for t in right:
        plus = [signs[frozenset(p)] for p in itertools.combinations(t, 2)].count("+")
        majority[t] = "balanced" if plus >= 2 else "unbalanced"
    assert majority != right
    assert "majority of signs" in check(majority).message
    flipped = {k: ("unbalanced" if v == "balanced" else "balanced") for k, v in right.items()}
    assert "opposite of the right one" in check(flipped).message
    assert (
        "not a triangle"
        in check({**right, ("china", "north_korea", "south_korea"): "balanced"}).message
    )
    fewer = dict(list(right.items())[1:])
    assert "1 triangle(s) missing" in check(fewer).message
    names = {r["id"]: r["name"] for r in rows("actors.csv")}
    assert "Use ids" in check({tuple(names[n] for n in k): v for k, v in right.items()}).message
    assert (
        "not one of the five state ids"
        in check({**right, ("russia", "china", "japan"): "balanced"}).message
    )
    assert "dict(pairs)" in check(list(right.items())).message
    feedback = check(right)
    assert feedback.status == "correct", feedback.message
    n = list(right.values()).count("balanced")
    assert f"{len(right)} triangles: {n} balanced" in feedback.message
    assert (
        check({tuple(reversed(k)): v for k, v in right.items()}).status == "correct"
    )  # order free

    check = summitkit.check_best_flip
    scores = flip_scores()
    best = max(scores.values())
    winners = [p for p, v in scores.items() if v == best]
    assert len(winners) == 1, "the data should give one best flip"
    assert check(..., ...).status == "not attempted"
    assert check(winners[0], ...).status == "not attempted"  # scores still the placeholder
    assert check(..., scores).status == "not attempted"
    for answer in (
        "russia",
        ("russia",),
        ("russia", "china", "united_states"),
        5,
        {"russia": "china"},
    ):
        assert check(answer, scores).status == "wrong type", answer
    for wrong_scores in (
        "russia",
        5,
        [("russia", "china")],
        {("russia",): 2},
        {k: str(v) for k, v in scores.items()},
    ):
        assert check(winners[0], wrong_scores).status == "wrong type", wrong_scores
    # One answer where the check takes two (the chapter once asked for best_flip alone).
    feedback = check(winners[0])
    assert (
        feedback.status == "wrong type" and "check_best_flip(best_flip, scores)" in feedback.message
    )
    # The scores are read, key by key: written sorted, every tie of S, each counted alone.
    assert (
        "tuple(sorted((a, b)))"
        in check(winners[0], {tuple(reversed(k)): v for k, v in scores.items()}).message
    )
    fewer = dict(list(scores.items())[1:])
    assert "1 tie(s) of S missing from scores" in check(winners[0], fewer).message
    assert "no sign to flip" in check(winners[0], {**scores, ("china", "south_korea"): 3}).message
    nudged = {**scores, winners[0]: best - 1}
    feedback = check(winners[0], nudged)
    assert (
        feedback.status == "incorrect"
        and "1 score(s) differ" in feedback.message
        and "too low" in feedback.message
    )
    # A rule that ignores the scores fails: max(scores) is the key that sorts last, not the best tie.
    largest = max(scores)
    assert largest not in winners, "the test data should not make the largest key the best tie"
    feedback = check(largest, scores)
    assert feedback.status == "incorrect" and "max(scores)" in feedback.message, feedback.message
    # Plausible wrong answers: a pair with no tie; a flip that leaves the count as it is.
    assert "no sign to flip" in check(("china", "south_korea"), scores).message
    now = list(triads(signs_of()).values()).count("balanced")
    # What a wrong flip does is counted, gains and losses apart, from the rebuilt triangles.
    for pair in (p for p, v in scores.items() if v < best and p != largest):
        before, after = triads(signs_of()), triads(signs_of(flip=frozenset(pair)))
        gained = sum(before[t] == "unbalanced" and after[t] == "balanced" for t in before)
        lost = sum(before[t] == "balanced" and after[t] == "unbalanced" for t in before)
        message = check(pair, scores).message
        assert f"{gained} triangle(s) become balanced and {lost} become unbalanced" in message, (
            message
        )
        assert f"against {now} now" in message
    assert "not one of the five state ids" in check(("usa", "north_korea"), scores).message
    assert "not one of the five state ids" in check(("russia", "australia"), scores).message
    assert "Use ids" in check(tuple(names[n] for n in winners[0]), scores).message
    feedback = check(winners[0], scores)
    assert feedback.status == "correct", feedback.message
    assert f"balances {best} of {len(right)} triangles, up from {now}" in feedback.message
    assert check(tuple(reversed(winners[0])), scores).status == "correct"


def flip_scores():
    """{tie as a sorted tuple: balanced triangles once its sign alone is flipped}, from the CSV rows."""
    return {
        tuple(sorted(p)): list(triads(signs_of(flip=p)).values()).count("balanced")
        for p in signs_of()
    }


def test_chapter_4_checks_never_raise():
    for answer in ({("a", "b", "c"): Explodes()}, [Explodes(), Explodes()], object()):
        assert summitkit.check_triangles(answer).status in {"wrong type", "incorrect"}
        for answers in ((answer, answer), (answer, flip_scores()), (("china", "russia"), answer)):
            assert summitkit.check_best_flip(*answers).status in {"wrong type", "incorrect"}


# --- Every reference solution, run in its notebook, passes its check -------------------------

STATUS = re.compile(r"^\S+ (.+?): (Not attempted|Wrong type|Incorrect|Correct|Compared)\.", re.M)


def check_outputs(cell):
    return "".join(
        output.get("data", {}).get("text/plain", "") for output in cell.get("outputs", [])
    )


def check_statuses(cells):
    """Status printed by each check cell, keyed by its position in cells."""
    found = {}
    for i, cell in enumerate(cells):
        match = STATUS.search(check_outputs(cell))
        if match:
            found[i] = match.group(2).lower()
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_reference_solutions_pass_their_checks(path, exercise_runs):
    # The exercise run (conftest.py) put each reference solution in place of its scaffold.
    nb = load_notebook(path)
    items = [item for item in exercises(nb) if item["scaffold"] is not None]
    assert items
    for item in items:
        assert run_of(exercise_runs[path], item["scaffold"]).source == solution_code(nb, item)
        status = check_statuses([run_of(exercise_runs[path], item["check"])]).get(0)
        # A check that compares a student's own modelling with data/ says "compared", never "correct".
        check = getattr(summitkit, cell_text(nb.cells[item["check"]]).split("(")[0].strip())
        expected = "correct" if check.marks else "compared"
        assert status == expected, f"{item['label']}: the reference solution got {status!r}"
        # The check compared the notebook's graphs with the chapter's rebuild from data/, and the
        # reference solution changes none: no warning (a warning here means the two builds differ).
        assert "⚠" not in check_outputs(run_of(exercise_runs[path], item["check"])), item["label"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_scaffolds_run_and_report_not_attempted(path, executed):
    nb = executed[path]
    statuses = check_statuses(nb.cells)
    for item in exercises(nb):
        if item["scaffold"] is not None:
            assert statuses.get(item["check"]) == "not attempted", item["label"]
            assert "⚠" not in check_outputs(nb.cells[item["check"]]), (
                f"{item['label']}: a graph warning"
            )
            assert "# Your answer" in cell_text(nb.cells[item["scaffold"]])


# --- Chapter 5: the record over time ------------------------------------------------------------
# The snapshots, rebuilt here from the CSV rows with datetime (not pandas, not summitkit.ch05): a
# relation is on from the day it is reported until three years later; the article's ties are
# reported on 8 June 2018.

from datetime import date  # noqa: E402

ARTICLE_DAY = date(2018, 6, 8)
END_2024 = date(2024, 12, 31)
# The exercise's new row: China–North Korea trade in 2024 (TimesLIVE, 20 January 2026).
TRADE_2024 = {
    "id": "r99",
    "date": "2024-12-31",
    "source": "china",
    "target": "north_korea",
    "kind": "economic",
    "sign": "+",
    "status": "",
    "tie": "yes",
}


def as_of():
    return date.fromisoformat(summitkit.RECORD_AS_OF)


def record_signs(day, extra=(), drop=(), years=3):
    """{frozenset pair: sign} of the relations among the five states that are on on day."""
    reports = [
        (ARTICLE_DAY, t["source"], t["target"], t["sign"])
        for t in rows("ties.csv")
        if t["source"] in FIVE and t["target"] in FIVE and t["sign"] in ("+", "-")
    ]
    reports += [
        (date.fromisoformat(r["date"]), r["source"], r["target"], r["sign"])
        for r in rows("record.csv") + list(extra)
        if r["tie"] == "yes" and r["kind"] not in CHANNEL_NAMES and r["id"] not in drop
    ]
    on = {}
    for when, a, b, sign in reports:
        if when <= day < when.replace(year=when.year + years):
            on.setdefault(frozenset((a, b)), set()).add(sign)
    return {pair: next(iter(s)) for pair, s in on.items() if len(s) == 1}


def record_graph(day, extra=(), drop=()):
    g = nx.Graph()
    g.add_nodes_from(FIVE)
    g.add_edges_from(tuple(p) for p in record_signs(day, extra, drop))
    return g


def record_betweenness(day, extra=(), drop=()):
    return nx.betweenness_centrality(record_graph(day, extra, drop))


def state_media_ids():
    return {r["id"] for r in rows("record.csv") if r["state_media"] == "yes"}


def lost_without_state_media():
    """{year: set of sorted tuples}: ties on at the year's end that are gone without state media."""
    found = {}
    for year in range(2018, 2026):
        day = date(year, 12, 31)
        every, kept = record_signs(day), record_signs(day, drop=state_media_ids())
        found[year] = {tuple(sorted(p)) for p in set(every) - set(kept)}
    return found


def test_chapter_5_add_an_event():
    check = summitkit.check_added_event
    right = record_betweenness(END_2024, extra=[TRADE_2024])
    assert right != record_betweenness(END_2024), "the new event should change the measure"
    assert check(...).status == "not attempted"
    for answer in ("russia", [0.1, 0.2], right["russia"]):
        assert check(answer).status == "wrong type", answer
    assert "one number" in check(right["russia"]).message
    assert "as it is" in check(record_betweenness(END_2024)).message
    assert "latest date" in check(record_betweenness(as_of(), extra=[TRADE_2024])).message
    raw = nx.betweenness_centrality(record_graph(END_2024, extra=[TRADE_2024]), normalized=False)
    assert "without dividing" in check(raw).message
    names = {r["id"]: r["name"] for r in rows("actors.csv")}
    assert "Use ids" in check({names[k]: v for k, v in right.items()}).message
    assert "five states" in check({k: v for k, v in right.items() if k != "south_korea"}).message
    assert check({k: str(v) for k, v in right.items()}).status == "wrong type"
    feedback = check(right)
    assert feedback.status == "correct", feedback.message
    before = record_betweenness(END_2024)["russia"]
    assert f"from {before:.3f} to {right['russia']:.3f}" in feedback.message


def test_chapter_5_what_changed():
    check = summitkit.check_betweenness_change
    before, after = record_betweenness(ARTICLE_DAY), record_betweenness(as_of())
    right = {s: after[s] - before[s] for s in FIVE}
    assert check(...).status == "not attempted"
    assert check(0.167).status == "wrong type"
    assert "wrong sign" in check({s: -v for s, v in right.items()}).message
    assert "one snapshot" in check(after).message
    assert "one snapshot" in check(before).message
    nudged = {**right, "china": right["china"] + 0.5}
    assert "1 change(s) differ" in check(nudged).message
    feedback = check(right)
    assert feedback.status == "correct", feedback.message
    rose = sum(v > 1e-9 for v in right.values())
    fell = sum(v < -1e-9 for v in right.values())
    assert f"{rose} state(s) rose and {fell} fell" in feedback.message


def test_chapter_5_drop_the_state_media():
    check = summitkit.check_state_media
    ids, lost = state_media_ids(), lost_without_state_media()
    assert check(..., ...).status == "not attempted"
    assert check(ids, ...).status == "not attempted"
    assert check("r01", lost).status == "wrong type"
    assert "not an id" in check(ids | {"r99"}, lost).message
    primary = {r["id"] for r in rows("record.csv") if r["primary"] == "yes"}
    assert "primary sources" in check(primary, lost).message
    assert "missing" in check(set(list(ids)[1:]), lost).message
    assert "not state media" in check(ids | primary, lost).message
    assert check(ids, [lost]).status == "wrong type"
    assert "2018 is missing" in check(ids, {y: v for y, v in lost.items() if y != 2018}).message
    kept = {y: {tuple(sorted(p)) for p in record_signs(date(y, 12, 31), drop=ids)} for y in lost}
    assert "remain" in check(ids, kept).message
    feedback = check(ids, lost)
    assert feedback.status == "correct", feedback.message
    assert (
        check(list(ids), {y: [tuple(reversed(p)) for p in v] for y, v in lost.items()}).status
        == "correct"
    )
    years = sum(bool(v) for v in lost.values())
    assert f"{years} year end(s) lose a tie" in feedback.message


def test_chapter_5_checks_never_raise():
    for answer in ({"russia": Explodes()}, [Explodes()], object(), {Explodes(): 1}):
        assert summitkit.check_added_event(answer).status in {"wrong type", "incorrect"}
        assert summitkit.check_betweenness_change(answer).status in {"wrong type", "incorrect"}
        for answers in ((answer, answer), (state_media_ids(), answer)):
            assert summitkit.check_state_media(*answers).status in {"wrong type", "incorrect"}


# --- Chapter 6: the CRS text, its two codings, and the CNBC article ------------------------------------
# Rebuilt here from the CSV rows (csv and networkx, not summitkit.ch06).

CRS, CRS_B = DATA / "crs-if12760", DATA / "crs-if12760-coder-b"
RELATION_KINDS = (
    "diplomacy",
    "economic",
    "alignment",
    "history",
    "military",
    "office",
    "affiliation",
    "assessment",
)
CRS_PARAGRAPH = "2024-10-2"


def crs_rows(name, folder=CRS):
    with open(folder / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def crs_version_ties(version, folder=CRS):
    paragraphs = {p["id"] for p in crs_rows("paragraphs.csv", folder) if p["section"] == version}
    return [t for t in crs_rows("ties.csv", folder) if t["paragraph"] in paragraphs]


def crs_tie_set(ties):
    return {(frozenset((t["source"], t["target"])), t["relation"], t["status"]) for t in ties}


def crs_change(before="2024-10", after="2025-06"):
    old, new = crs_tie_set(crs_version_ties(before)), crs_tie_set(crs_version_ties(after))
    return {(*sorted(p), r, s) for p, r, s in new - old}, {
        (*sorted(p), r, s) for p, r, s in old - new
    }


def crs_paragraph_rows(folder=CRS):
    """A coding's rows of the exercise's paragraph, as the scaffold asks for them."""
    return [
        (
            t["source"],
            t["target"],
            t["relation"],
            t["sign"],
            t["status"],
            t["paragraph"],
            t["evidence"],
        )
        for t in crs_rows("ties.csv", folder)
        if t["paragraph"] == CRS_PARAGRAPH
    ]


def crs_agreement(version="2025-06", ordered=False):
    """(percent agreement, chance, kappa) of the two codings' tie decisions."""
    actors = sorted({a["id"] for a in crs_rows("actors.csv", CRS) + crs_rows("actors.csv", CRS_B)})
    pairs = list(
        itertools.permutations(actors, 2) if ordered else itertools.combinations(actors, 2)
    )
    decided = []
    for folder in (CRS, CRS_B):
        ties = (
            crs_rows("ties.csv", folder) if version is None else crs_version_ties(version, folder)
        )
        key = (lambda a, b: (a, b)) if ordered else (lambda a, b: frozenset((a, b)))
        coded = {(key(t["source"], t["target"]), t["relation"]) for t in ties}
        decided.append([(key(*p), k) in coded for p in pairs for k in RELATION_KINDS])
    a, b = decided
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    p_e = (sum(a) / n) * (sum(b) / n) + (1 - sum(a) / n) * (1 - sum(b) / n)
    return p_o, p_e, (p_o - p_e) / (1 - p_e)


def states_graph(ties, kinds, people=True):
    """Chapter 2's S (people projected onto their states, states only), or with people=False the graph
    of people and states without commentary ties."""
    kept = [t for t in ties if t["relation"] not in ("assessment", "affiliation")]
    graph = nx.Graph()
    graph.add_edges_from((t["source"], t["target"]) for t in kept)
    if not people:
        return graph
    state_of = {}
    for t in kept:
        if t["relation"] == "office":
            person, state = (
                (t["source"], t["target"])
                if kinds[t["source"]] == "person"
                else (t["target"], t["source"])
            )
            state_of[person] = state
    s = nx.Graph()
    for u, v in graph.edges():
        x, y = state_of.get(u, u), state_of.get(v, v)
        if x != y and kinds[x] == kinds[y] == "state":
            s.add_edge(x, y)
    return s


def framing_betweenness(people=True, normalized=True, every_version=False):
    """Russia's betweenness in each text's S: (CRS, its latest version or every version; CNBC)."""
    crs_kinds = {a["id"]: a["kind"] for a in crs_rows("actors.csv")}
    cnbc_kinds = {a["id"]: a["kind"] for a in rows("actors.csv")}
    latest = max(crs_rows("sections.csv"), key=lambda s: s["date"])["id"]
    crs_ties = crs_rows("ties.csv") if every_version else crs_version_ties(latest)
    return tuple(
        nx.betweenness_centrality(states_graph(t, k, people), normalized=normalized).get(
            "russia", 0.0
        )
        for t, k in ((crs_ties, crs_kinds), (rows("ties.csv"), cnbc_kinds))
    )


def test_chapter_6_code_a_crs_paragraph():
    check = summitkit.check_crs_paragraph
    right = crs_paragraph_rows()
    assert right, "the reference coding codes the exercise's paragraph"
    assert check(...).status == "not attempted"
    assert check(right).status == "correct", check(right).message
    # Coder B's choices, where they differ from the reference, are the ones the codebook's section 10
    # settles the other way: the check points there.
    second = check(crs_paragraph_rows(CRS_B))
    assert crs_paragraph_rows(CRS_B) != right
    assert (
        second.status == "incorrect"
        and second.hint == "settled-rule"
        and "section 10" in second.message
    )
    hedged = next(r for r in right if r[4] != "stated")
    feedback = check([r if r != hedged else r[:4] + ("stated",) + r[5:] for r in right])
    assert feedback.status == "incorrect"
    assert {feedback.hint} <= {"hedged-as-stated", "wrong-status"}
    assert "2024-10-02" in check([right[0][:5] + ("2024-10-02",) + right[0][6:]]).message
    assert "another name" in check([("dprk",) + right[0][1:]]).message
    feedback = check([right[0][:6] + ("Russia and North Korea grew closer",)])
    assert feedback.hint == "paraphrase" and "grew" in feedback.message
    assert "missing" in check(right[1:]).message or check(right[1:]).status == "correct"


def test_chapter_6_what_changed_between_versions():
    check = summitkit.check_version_change
    gained, lost = crs_change()
    assert gained or lost, "the two versions differ"
    assert check(..., ...).status == "not attempted"
    feedback = check(gained, lost)
    assert feedback.status == "correct", feedback.message
    assert (
        f"lacks, and lacks {len(lost)}" in feedback.message
        and f"has {len(gained)} tie(s)" in feedback.message
    )
    assert check({tuple(reversed(t[:2])) + t[2:] for t in gained}, list(lost)).status == "correct"
    assert check(lost, gained).hint == "swapped"
    assert check({t[:3] for t in gained}, lost).hint == "no-status"
    every = {(*sorted(p), r, s) for p, r, s in crs_tie_set(crs_version_ties("2025-06"))}
    assert check(every, lost).hint == "whole-version"
    assert check(*crs_change("2024-09", "2024-10")).hint == "other-versions"


def test_chapter_6_agreement_on_one_version():
    check = summitkit.check_agreement
    p_o, p_e, kappa = crs_agreement()
    assert check(..., ...).status == "not attempted"
    feedback = check(p_o, kappa)
    assert feedback.status == "correct", feedback.message
    assert f"{kappa:.2f}" in feedback.message
    assert check(p_o * 100, kappa).hint == "percent-scale"
    assert check(p_o, p_o).hint == "kappa-is-percent"
    assert check(*crs_agreement(None)[::2]).hint == "whole-text"
    assert check(*crs_agreement(ordered=True)[::2]).hint == "ordered-pairs"
    assert check(p_o, p_o - p_e).hint == "no-denominator"
    assert check("0.9", kappa).status == "wrong type"


def test_chapter_6_one_measure_two_framings():
    check = summitkit.check_two_framings
    crs_value, cnbc_value = framing_betweenness()
    assert crs_value != cnbc_value, "the exercise needs two different values"
    feedback = check(crs_value, cnbc_value)
    assert feedback.status == "correct", feedback.message
    assert f"{crs_value:.3f} in the CRS text" in feedback.message
    assert check(cnbc_value, crs_value).hint == "swapped"
    assert check(*framing_betweenness(people=False)).hint == "graph-A"
    assert check(*framing_betweenness(normalized=False)).hint == "not-normalised"
    assert check(..., cnbc_value).status == "not attempted"


def test_chapter_6_checks_never_raise():
    for answer in ([Explodes()], object(), {Explodes(): 1}, [("a",) * 7], [(Explodes(),) * 7]):
        assert summitkit.check_crs_paragraph(answer).status in {"wrong type", "incorrect"}
        for check in (
            summitkit.check_version_change,
            summitkit.check_agreement,
            summitkit.check_two_framings,
        ):
            assert check(answer, answer).status in {"wrong type", "incorrect"}


# --- Numbers: right to three decimals, the precision the chapters print --------------------------------


def numeric_answers(name):
    """The right answers of a check of numbers, each a number or a dict of numbers, from the CSV
    files (the rebuilds above)."""
    if name == "check_state_betweenness":
        return (nx.betweenness_centrality(role_graphs()[1]),)
    if name == "check_added_event":
        return (record_betweenness(END_2024, extra=[TRADE_2024]),)
    if name == "check_betweenness_change":
        before, after = record_betweenness(ARTICLE_DAY), record_betweenness(as_of())
        return ({s: after[s] - before[s] for s in FIVE},)
    if name == "check_agreement":
        return crs_agreement()[::2]
    return framing_betweenness()  # check_two_framings


def rounded_to(answer, digits):
    if isinstance(answer, dict):
        return {k: round(v, digits) for k, v in answer.items()}
    return round(answer, digits)


NUMERIC_CHECKS = (
    "check_state_betweenness",
    "check_added_event",
    "check_betweenness_change",
    "check_agreement",
    "check_two_framings",
)


@pytest.mark.parametrize("name", NUMERIC_CHECKS)
def test_numbers_to_three_decimals_are_right_and_to_two_are_refused(name):
    check = getattr(summitkit, name)
    right = numeric_answers(name)
    assert check(*right).status == "correct"
    assert check(*(rounded_to(a, 3) for a in right)).status == "correct"
    # Two decimals make a difference here: some value moves by more than half a thousandth.
    numbers = [v for a in right for v in (a.values() if isinstance(a, dict) else [a])]
    assert any(abs(round(v, 2) - v) > 5e-4 for v in numbers)
    feedback = check(*(rounded_to(a, 2) for a in right))
    assert feedback.status == "incorrect" and feedback.hint == "rounded", feedback
    assert "unrounded" in feedback.message and "three decimals" in feedback.message
    # A value off in the third decimal is not right either.
    first = right[0]
    if isinstance(first, dict):
        key = sorted(first)[0]
        off = ({**first, key: first[key] + 0.002},) + tuple(right[1:])
    else:
        off = (first + 0.002,) + tuple(right[1:])
    assert check(*off).status == "incorrect"
