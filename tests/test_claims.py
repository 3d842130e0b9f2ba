"""What the chapters' prose says about the data, recomputed from the CSV files.

Chapter text that states a result ("Trump rises to second", "only China is cut off") is written
by hand; these tests fail when a change to data/ makes such a sentence untrue. Each test names
the chapter section or exercise whose sentence it holds.
"""

import networkx as nx

from test_exercises import pairs_needing, role_graphs, rows


def rank(values, node):
    """1 for the largest value; ties share the best rank ("a three-way tie for fourth")."""
    return 1 + sum(v > values[node] for v in values.values())


def ties_of(values, node):
    return sum(v == values[node] for v in values.values())


def test_chapter_2_the_two_levels():
    # "What the figure shows" after the two-level figure.
    a, s = role_graphs()
    assert s.degree("russia") == s.number_of_nodes() - 1, "Russia is tied to every other state in S"
    assert set(s["russia"]) - set(a["russia"]) == {"united_states"}, "projection gives Russia one new partner, the US"
    # "Trump's brokerage vanishes" (Brokers among the states, solution; Summary).
    assert nx.betweenness_centrality(s)["united_states"] == 0


def test_chapter_2_degree_against_betweenness():
    # "The network idea: brokerage" and "What the figure shows" after the sized figure.
    a, _ = role_graphs()
    degree, between = dict(a.degree()), nx.betweenness_centrality(a)
    assert rank(degree, "russia") == 1 and rank(between, "russia") == 1, "Russia leads on both measures"
    assert rank(degree, "trump") == 4 and ties_of(degree, "trump") == 3, "Trump: a three-way tie for fourth"
    assert rank(between, "trump") == 2, "Trump rises to second"
    assert rank(degree, "putin") == 3 and rank(between, "putin") == 3, "Putin stays third"
    assert rank(degree, "north_korea") == 2 and rank(between, "north_korea") == 5, "North Korea: second to fifth"
    assert list(a["united_states"]) == ["trump"], "Trump is the United States' only link"


def test_chapter_2_ego_network_and_structural_holes():
    a, _ = role_graphs()
    ego = nx.ego_graph(a, "russia")
    others = ego.subgraph(set(ego) - {"russia"})
    assert [n for n in others if others.degree(n) == 0] == ["china"], "China: the only neighbour tied to no other"
    effective, constraint = nx.effective_size(a), nx.constraint(a)
    assert max(effective, key=effective.get) == "russia", "Russia has the largest effective size"
    states = [r["id"] for r in rows("actors.csv") if r["kind"] == "state" and r["id"] in a]
    assert min(states, key=constraint.get) == "russia", "the lowest constraint among the states"
    assert constraint["trump"] < constraint["russia"], "Trump's constraint is lower still"


def test_chapter_2_paths_and_removal():
    a, s = role_graphs()
    assert s.has_edge("north_korea", "south_korea"), "the two Koreas are tied directly"
    routes = {path[1] for path in nx.all_shortest_paths(s, "south_korea", "united_states")}
    assert routes == {"russia", "north_korea"}, "two routes, one through Russia, one through North Korea"
    # Honest broker?, model answer: at the people level Putin is a necessary go-between.
    assert list(nx.all_shortest_paths(a, "south_korea", "united_states")) == \
        [["south_korea", "putin", "trump", "united_states"]]
    # Remove Russia and Who needs Russia?, solutions.
    h = a.copy()
    h.remove_node("russia")
    assert [c for c in nx.connected_components(h) if len(c) == 1] == [{"china"}], "only China is cut off"
    assert all("china" in pair for pair in pairs_needing(s, "russia")), "every pair that needs Russia includes China"
