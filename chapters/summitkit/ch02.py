"""Checks for chapter 2, "Russia's role".

The chapter selects the ties of K1 and §1–§7 between actors (``role_ties``) and models them at
two levels: ``A``, people and states, and ``S``, states only, with each person replaced by the
state whose office they hold (``M``, the multigraph of every tie, is only for the figures). Each
check rebuilds the graph it needs from data/ (``role_graphs``) with the chapter's own functions
(``networks.py``, a copy of its Setup 2), so that its expected answer never depends on the
student's variables or on typed-in values. ``notebook_graphs``
rebuilds all three, which ``safe`` compares with the notebook's, to warn a student whose code
changed one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

import networkx as nx

from .feedback import (
    Feedback,
    actor_names,
    differences,
    close,
    display_names_instead_of_ids,
    keys_and_values,
    reference,
    rounded,
    safe,
    wrong_type,
)
from .loading import load_data
from .networks import COMMENTARY, actor_graphs, state_graph

# The paragraphs the chapter reads: the first Key Point and §1–§7.
ROLE_PARAGRAPHS = ["K1"] + [str(n) for n in range(1, 8)]


def role_ties_of(data):
    """The rows of data.ties that the chapter reads (the notebook's ``role_ties``)."""
    return data.ties[
        data.ties["paragraph"].isin(ROLE_PARAGRAPHS) & ~data.ties["relation"].isin(COMMENTARY)
    ]


def role_graphs(data=None):
    """The chapter's two graphs, built as the notebook builds them: (A, S)."""
    data = data if data is not None else load_data()
    role_ties = role_ties_of(data)
    return actor_graphs(role_ties, data.actors)[1], state_graph(role_ties, data.actors)


def notebook_graphs(data=None):
    """The graphs the chapter's Setup 2 makes, rebuilt from data/, by their names in the
    notebook."""
    data = data if data is not None else load_data()
    role_ties = role_ties_of(data)
    M, A = actor_graphs(role_ties, data.actors)
    return {"M": M, "A": A, "S": state_graph(role_ties, data.actors)}


BETWEENNESS = "a dict of state id -> betweenness, such as {'id_1': <a number>, ...}"


# Every check of the chapter compares M, A and S with the notebook's (see safe): Remove Russia asks
# for a copy of A, and an answer computed from a changed graph is wrong for a reason it cannot show.
@safe(
    "Brokers among the states",
    BETWEENNESS,
    "dict",
    graphs=notebook_graphs,
    hints=(
        "series",
        "display-names",
        "graph-A",
        "values-not-numbers",
        "rounded",
        "raw-counts",
        "degree-centrality",
    ),
)
def check_state_betweenness(answer):
    """Feedback for a dict of betweenness centrality in the state-level graph S."""
    ex = "Brokers among the states"
    if not isinstance(answer, Mapping):
        return wrong_type(
            ex,
            BETWEENNESS,
            answer,
            "nx.betweenness_centrality returns a dict already: assign its result directly.",
        )
    data = load_data()
    A, S = reference(role_graphs)
    expected = nx.betweenness_centrality(S)
    names_hint = display_names_instead_of_ids(list(answer), data)
    if names_hint:
        return Feedback(ex, "incorrect", names_hint, "display-names")
    if set(answer) == set(A):
        return Feedback(
            ex,
            "incorrect",
            "These are the actors of A, people included. Use S, the states-only "
            "graph, where each person stands in for their state.",
            "graph-A",
        )
    problem = keys_and_values(
        ex, answer, expected, data, f"one for each of the {len(expected)} states in S", "not in S"
    )
    if problem:
        return problem
    if all(close(answer[s], v) for s, v in expected.items()):
        top = max(expected, key=expected.get)
        return Feedback(
            ex,
            "correct",
            f"{actor_names([top], data)} has the highest betweenness, {expected[top]:.2f}.",
        )
    too_rounded = rounded(ex, answer, expected)
    if too_rounded:
        return too_rounded
    raw = nx.betweenness_centrality(S, normalized=False)
    if all(close(answer[s], v) for s, v in raw.items()):
        return Feedback(
            ex,
            "incorrect",
            "These are raw counts of shortest paths. Use the normalized values, "
            "between 0 and 1 (nx.betweenness_centrality's default).",
            "raw-counts",
        )
    degree = nx.degree_centrality(S)
    if all(close(answer[s], v) for s, v in degree.items()):
        return Feedback(
            ex,
            "incorrect",
            "These are degree centralities: how many states each one is tied to. "
            "Betweenness counts the shortest paths that run through a state.",
            "degree-centrality",
        )
    off = sorted(s for s in expected if not close(answer[s], expected[s]))
    k = off[0]
    direction = "too high" if answer[k] > expected[k] else "too low"
    return Feedback(
        ex,
        "incorrect",
        f"{len(off)} value(s) differ; the value for {actor_names([k], data)} is "
        f"{direction}. Did you use S, and the values networkx gives unrounded?",
    )


def _groups(answer):
    """An answer's components as a list of sets, or None if it is not a collection of
    collections."""
    if isinstance(answer, (str, bytes, Mapping, nx.Graph)) or not isinstance(answer, Iterable):
        return None
    parts = list(answer)
    if not all(isinstance(p, Iterable) and not isinstance(p, (str, bytes, Mapping)) for p in parts):
        return None
    return [set(p) for p in parts]


# The shape of the answer, not its content: how many components there are is the exercise.
COMPONENTS = "a list of components, each a set of actor ids, such as [{'id_1', 'id_2', ...}, ...]"


@safe(
    "Remove Russia",
    COMPONENTS,
    "list",
    graphs=notebook_graphs,
    hints=(
        "graph-not-components",
        "display-names",
        "russia-still-there",
        "graph-S",
        "too-few-components",
        "too-many-components",
    ),
)
def check_components_without_russia(answer):
    """Feedback for the connected components of A once Russia is removed, as a list of sets."""
    ex = "Remove Russia"
    if isinstance(answer, nx.Graph):
        return Feedback(
            ex,
            "wrong type",
            "This is a graph. Pass it to nx.connected_components() and make a "
            "list of what that returns.",
            "graph-not-components",
        )
    parts = _groups(answer)
    if parts is None:
        return wrong_type(ex, COMPONENTS, answer)
    data = load_data()
    A, S = reference(role_graphs)
    without = A.copy()
    without.remove_node("russia")
    expected = {frozenset(c) for c in nx.connected_components(without)}
    got = {frozenset(p) for p in parts}
    everyone = set().union(*parts)
    names_hint = display_names_instead_of_ids(sorted(everyone), data)
    if names_hint:
        return Feedback(ex, "incorrect", names_hint, "display-names")
    if "russia" in everyone:
        return Feedback(
            ex,
            "incorrect",
            "Russia is still in your graph. Remove it first, from a copy: "
            "H = A.copy(); H.remove_node('russia').",
            "russia-still-there",
        )
    if everyone == set(S) - {"russia"}:
        return Feedback(
            ex,
            "incorrect",
            "These are components of S, the states-only graph. Use A, where "
            "people are actors of their own.",
            "graph-S",
        )
    if got == expected:
        alone = sorted(actor_names(c, data) for c in expected if len(c) == 1)
        return Feedback(
            ex, "correct", f"{len(expected)} components; cut off on its own: {', '.join(alone)}."
        )
    should = set(A) - {"russia"}
    missing, extra = should - everyone, everyone - should
    if missing or extra:
        return Feedback(
            ex,
            "incorrect",
            differences(
                "the components should cover every actor of A except Russia",
                missing and actor_names(missing, data),
                ", ".join(sorted(map(str, extra))),
                "not in A",
            ),
        )
    if len(got) < len(expected):
        key, hint = "too-few-components", "Which actor reached the others only through Russia?"
    else:
        key, hint = (
            "too-many-components",
            (
                "Some of these actors are still tied to each other without Russia: "
                "remove only Russia."
            ),
        )
    return Feedback(
        ex,
        "incorrect",
        f"Every actor is there, but in {len(got)} component(s), expected {len(expected)}. {hint}",
        key,
    )


def _pairs(answer):
    """Pairs as a set of frozensets of two ids, or None if the answer is not a collection of
    pairs."""
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
        return None
    pairs = set()
    for pair in answer:
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Iterable):
            return None
        members = list(pair)
        if len(members) != 2 or len(set(members)) != 2:
            return None
        pairs.add(frozenset(members))
    return pairs


# The exercise's own example pair, which is not one of the pairs the exercise looks for.
PAIRS = "a set (or list) of pairs of state ids, such as {('north_korea', 'united_states'), ...}"


@safe(
    "Who needs Russia?",
    PAIRS,
    "set",
    graphs=notebook_graphs,
    hints=(
        "display-names",
        "pairs-with-russia",
        "not-states",
        "some-paths",
        "path-avoids-russia",
        "pairs-missing",
        "pairs-as-strings",
        "empty",
    ),
)
def check_pairs_needing_russia(answer):
    """Feedback for the pairs of states in S whose every shortest path runs through Russia."""
    ex = "Who needs Russia?"
    pairs = _pairs(answer)
    if (
        pairs is None
        and isinstance(answer, (set, frozenset, list, tuple))
        and answer
        and all(isinstance(item, str) for item in answer)
    ):
        # The container is right; what is inside is not: 'china-north_korea' is one string.
        first = sorted(answer)[0]
        return Feedback(
            ex,
            "wrong type",
            f"Your {type(answer).__name__} holds strings, such as {first!r}, not pairs: write "
            "each pair as a tuple of two ids, such as ('north_korea', 'united_states').",
            "pairs-as-strings",
        )
    if pairs is None:
        return wrong_type(ex, PAIRS, answer)
    if not pairs:
        return Feedback(
            ex,
            "incorrect",
            f"Your {type(answer).__name__} is empty: check the test in your if (ids are lower "
            "case, such as 'russia').",
            "empty",
        )
    data = load_data()
    _, S = reference(role_graphs)
    every, some = set(), set()
    for a, b in itertools.combinations(sorted(set(S) - {"russia"}), 2):
        through = ["russia" in path[1:-1] for path in nx.all_shortest_paths(S, a, b)]
        if all(through):
            every.add(frozenset((a, b)))
        elif any(through):
            some.add(frozenset((a, b)))

    def show(ps):
        return "; ".join(" – ".join(sorted(p)) for p in sorted(ps, key=sorted))

    named = sorted(set().union(*pairs)) if pairs else []
    names_hint = display_names_instead_of_ids(named, data)
    if names_hint:
        return Feedback(ex, "incorrect", names_hint, "display-names")
    if any("russia" in p for p in pairs):
        return Feedback(
            ex,
            "incorrect",
            "Leave out pairs that include Russia itself: the question is which "
            "other states need Russia between them.",
            "pairs-with-russia",
        )
    not_states = sorted(set(named) - set(S))
    if not_states:
        return Feedback(
            ex,
            "incorrect",
            f"Not a state in S: {', '.join(not_states)}. Use S, where people are "
            "projected onto their states.",
            "not-states",
        )
    if pairs == every:
        shared = set.intersection(*map(set, every)) if every else set()
        note = f", and each includes {actor_names(shared, data)}" if shared else ""
        return Feedback(ex, "correct", f"{len(every)} pairs{note}.")
    if pairs == every | some:
        return Feedback(
            ex,
            "incorrect",
            f"Russia is on one shortest path of {show(some)}, but not on every "
            "one: another path of the same length avoids it. Keep only pairs "
            "where every shortest path runs through Russia.",
            "some-paths",
        )
    wrong = pairs - every
    if wrong:
        return Feedback(
            ex,
            "incorrect",
            f"Some shortest path avoids Russia for {show(wrong)}. Keep a pair only "
            "if all(...) of its shortest paths contain 'russia'.",
            "path-avoids-russia",
        )
    # Name how many are missing, not which: the search is the exercise.
    return Feedback(
        ex,
        "incorrect",
        f"{len(every - pairs)} pair(s) missing. Check every pair of states other "
        "than Russia, with itertools.combinations.",
        "pairs-missing",
    )
