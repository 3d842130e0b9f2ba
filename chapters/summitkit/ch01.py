"""Checks for chapter 1, "The article and its actors".

Each check computes its expected answer from data/ (never from typed-in values),
compares, and says what is missing or wrong. ``notebook_graphs`` rebuilds the graphs of the
chapter's Setup 2, which ``safe`` compares with the notebook's, to warn a student whose code
changed one.
"""

from __future__ import annotations

from numbers import Integral

import networkx as nx
import pandas as pd

from .feedback import (
    Feedback,
    actor_names,
    differences,
    display_names_instead_of_ids,
    keys_and_values,
    reference,
    safe,
    wrong_type,
)
from .loading import load_data


def _neighbours_and_tie_counts(data):
    """For each actor: its set of distinct partners, and its number of ties (from ties.csv)."""
    neighbours = {a: set() for a in data.actors["id"]}
    ties = {a: 0 for a in data.actors["id"]}
    for s, t in zip(data.ties["source"], data.ties["target"]):
        neighbours[s].add(t)
        neighbours[t].add(s)
        ties[s] += 1
        ties[t] += 1
    return neighbours, ties


def _expected_repeated_ties(data):
    """(partners, ties, expected): each actor's set of distinct partners and number of ties, and
    the exercise's answer: each state's ties minus its distinct partners, from ties.csv."""
    neighbours, ties = _neighbours_and_tie_counts(data)
    states = set(data.actors.query("kind == 'state'")["id"])
    return neighbours, ties, {s: ties[s] - len(neighbours[s]) for s in states}


def notebook_graphs(data=None):
    """The graphs the chapter's Setup 2 makes, rebuilt from data/, by their names in the notebook:
    M keeps every tie, A one edge per tied pair, and both have every actor."""
    data = data if data is not None else load_data()
    M = nx.MultiGraph()
    M.add_nodes_from(data.actors["id"])
    M.add_edges_from(zip(data.ties["source"], data.ties["target"]))
    A = nx.Graph()
    A.add_nodes_from(M)
    A.add_edges_from(M.edges())
    return {"M": M, "A": A}


REPEATED = "a dict of state id -> number, such as {'russia': <a number>, ...}"


# Every check of the chapter compares M and A with the notebook's (see safe): an answer computed
# from a graph the student's code changed is wrong for a reason the answer alone cannot show.
@safe(
    "Repeated ties",
    REPEATED,
    "dict",
    graphs=notebook_graphs,
    hints=(
        "networkx-view",
        "series",
        "display-names",
        "values-not-numbers",
        "degree-in-A",
        "degree-in-M",
        "wrong-way-round",
    ),
)
def check_repeated_ties(answer):
    """Feedback for a dict that maps every state's id to M.degree(state) - A.degree(state)."""
    ex = "Repeated ties"
    if type(answer).__name__.endswith("View"):  # e.g. A.degree(states) returns a DegreeView
        return Feedback(
            ex,
            "wrong type",
            f"This is a networkx {type(answer).__name__}, not a dict. Build a dict "
            "with one entry per state, for example with a dict comprehension.",
            "networkx-view",
        )
    if not isinstance(answer, dict):
        return wrong_type(ex, REPEATED, answer)
    data = load_data()
    neighbours, ties, expected = reference(_expected_repeated_ties)
    names_hint = display_names_instead_of_ids(list(answer), data, use="ids as keys")
    if names_hint:
        return Feedback(ex, "incorrect", names_hint, "display-names")
    problem = keys_and_values(
        ex,
        answer,
        expected,
        data,
        f"{len(expected)} states",
        "not states",
        Integral,
        "a whole number of ties",
    )
    if problem:
        return problem
    if all(answer[s] == len(neighbours[s]) for s in expected):
        return Feedback(
            ex,
            "incorrect",
            "These are the degrees in A. Subtract each from the degree in M.",
            "degree-in-A",
        )
    if all(answer[s] == ties[s] for s in expected):
        return Feedback(
            ex,
            "incorrect",
            "These are the degrees in M. Subtract the degree in A from each.",
            "degree-in-M",
        )
    if any(expected.values()) and all(answer[s] == -expected[s] for s in expected):
        return Feedback(
            ex,
            "incorrect",
            "These are the right numbers with the wrong sign: you subtracted the "
            "other way round. Compute M.degree(state) - A.degree(state): M counts "
            "every tie, so it is never the smaller.",
            "wrong-way-round",
        )
    wrong = sorted(k for k in expected if answer[k] != expected[k])
    if wrong:
        k = wrong[0]
        direction = "too high" if answer[k] > expected[k] else "too low"
        return Feedback(
            ex,
            "incorrect",
            f"{len(wrong)} value(s) differ; the value for {actor_names([k], data)} is "
            f"{direction}. Compute M.degree(state) - A.degree(state) for each state.",
        )
    return Feedback(ex, "correct", f"All {len(expected)} states are right.")


@safe(
    "The economic network",
    "a networkx graph (nx.Graph) of the economic ties",
    "nx.Graph",
    graphs=notebook_graphs,
    hints=("dataframe", "display-names", "every-tie"),
    placeholder=None,  # the scaffold's A_econ = None
)
def check_economic_graph(answer):
    """Feedback for a networkx graph of the economic ties only."""
    ex = "The economic network"
    if isinstance(answer, pd.DataFrame):
        return Feedback(
            ex,
            "wrong type",
            "This is a table (DataFrame). Add its source and target columns "
            "as the edges of a new nx.Graph().",
            "dataframe",
        )
    if not isinstance(answer, nx.Graph):
        return wrong_type(
            ex,
            "a networkx graph (nx.Graph)",
            answer,
            "Make one with nx.Graph() and add the economic ties as its edges.",
        )
    data = load_data()
    # Expected: the pairs joined by at least one economic tie in ties.csv.
    econ = data.ties[data.ties["relation"] == "economic"]
    expected = {frozenset(pair) for pair in zip(econ["source"], econ["target"])}
    got = {frozenset((u, v)) for u, v in answer.edges()}
    expected_nodes = set().union(*expected)
    names_hint = display_names_instead_of_ids(list(answer.nodes()), data, use="ids as nodes")
    if names_hint:
        return Feedback(ex, "incorrect", names_hint, "display-names")
    if got == set(map(frozenset, zip(data.ties["source"], data.ties["target"]))):
        return Feedback(
            ex,
            "incorrect",
            "This graph has every tie of the article. Keep only the rows whose "
            "relation is 'economic'.",
            "every-tie",
        )
    if set(answer.nodes()) != expected_nodes:
        missing = expected_nodes - set(answer.nodes())
        extra = set(answer.nodes()) - expected_nodes
        return Feedback(
            ex,
            "incorrect",
            differences(
                f"the graph has {answer.number_of_nodes()} nodes, expected {len(expected_nodes)}",
                missing and actor_names(missing, data),
                extra and actor_names(extra, data),
                "no economic tie",
            ),
        )
    if got != expected:

        def pairs(ps):
            return "; ".join(" – ".join(p) for p in sorted(map(sorted, ps)))

        return Feedback(
            ex,
            "incorrect",
            differences(
                f"the graph has {len(got)} distinct pairs, expected {len(expected)}",
                pairs(expected - got),
                pairs(got - expected),
                "not economic",
            ),
        )
    return Feedback(
        ex, "correct", f"{len(expected_nodes)} actors and {len(expected)} economic pairs."
    )
