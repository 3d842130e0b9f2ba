"""Checks for chapter 4, "Alignment with China".

The chapter builds a signed network of five states from the signed ties of data/ties.csv
(``signed_graph``) and asks which triangles are balanced. Each check rebuilds the graph
from data/, so that its expected answer never depends on the student's variables.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import networkx as nx

from .feedback import (Feedback, actor_names, display_names_instead_of_ids, distinct_ids, not_attempted, safe,
                       show_ids, wrong_type)
from .loading import load_data

# The five states whose alignment the chapter reads (Australia, named once in §8, is left out).
STATES = ("russia", "china", "united_states", "north_korea", "south_korea")
WORDS = ("balanced", "unbalanced")


def signed_graph(data=None):
    """The chapter's signed network, built as the notebook builds it."""
    data = data if data is not None else load_data()
    signs = {}
    for tie in data.ties.itertuples():
        if tie.source in STATES and tie.target in STATES and tie.sign in ("+", "-"):
            signs.setdefault(frozenset((tie.source, tie.target)), set()).add(tie.sign)
    graph = nx.Graph()
    graph.add_nodes_from(STATES)
    for pair, found in signs.items():
        if len(found) == 1:  # the article gives the pair one sign
            graph.add_edge(*pair, sign=found.pop())
    return graph


def triangles(graph):
    """Every set of three nodes tied to each other, each as a frozenset."""
    return [frozenset(trio) for trio in itertools.combinations(sorted(graph), 3)
            if all(graph.has_edge(a, b) for a, b in itertools.combinations(trio, 2))]


def is_balanced(graph, trio):
    """Heider: balanced when the product of the three signs is positive (an even number of minuses)."""
    minuses = sum(graph.edges[a, b]["sign"] == "-" for a, b in itertools.combinations(sorted(trio), 2))
    return minuses % 2 == 0


def _not_states(ids, data):
    """(hint, message) if any id is not one of the five states (a display name, a typo, or Australia)."""
    message = display_names_instead_of_ids(ids, data)
    if message:
        return "display-names", message
    others = [i for i in ids if i not in STATES]
    if others:
        return "not-states", (f"{others[0]!r} is not one of the five state ids of the signed network: "
                              f"{', '.join(STATES)}.")
    return None


@safe("Classify the triangles",
      hints=("pairs-not-dict", "triangles-without-labels", "series", "key-not-triangle", "true-false",
             "not-a-label", "same-triangle-twice", "display-names", "not-states", "not-a-triangle",
             "triangles-missing", "majority-rule", "all-reversed"))
def check_triangles(answer):
    """Feedback for a dict mapping each triangle (three ids) to "balanced" or "unbalanced"."""
    ex = "Classify the triangles"
    if not_attempted(answer):
        return Feedback(ex, "not attempted", "Replace ... with a dict that maps each triangle, a tuple of three "
                                             "ids, to 'balanced' or 'unbalanced'.")
    wanted = "a dict of triangle -> 'balanced' or 'unbalanced'"
    if isinstance(answer, (list, tuple)) and answer and all(
            isinstance(item, (list, tuple)) and len(item) == 2 for item in answer):
        return Feedback(ex, "wrong type", f"Expected {wanted}. These look like (triangle, label) pairs: "
                                          "dict(pairs) makes the dict.", "pairs-not-dict")
    if isinstance(answer, (list, tuple, set)):
        return Feedback(ex, "wrong type", f"Expected {wanted}. A collection of triangles says which they are, "
                                          "not how each is classified.", "triangles-without-labels")
    if not isinstance(answer, Mapping):
        return wrong_type(ex, wanted, answer)
    got = {}
    for key, value in answer.items():
        trio = distinct_ids(key, 3)
        if trio is None:
            return Feedback(ex, "wrong type", f"Each key is a triangle, a tuple of three different ids; the key "
                                              f"{key!r} is not.", "key-not-triangle")
        if isinstance(value, bool):
            return Feedback(ex, "wrong type", f"Write the words 'balanced' or 'unbalanced', not {value!r}: "
                                              "True and False do not say which is which.", "true-false")
        if value not in WORDS:
            return Feedback(ex, "wrong type", f"Each value is 'balanced' or 'unbalanced'; the value for {key!r} "
                                              f"is {value!r}.", "not-a-label")
        if trio in got:
            return Feedback(ex, "incorrect", f"The triangle {show_ids(trio)} appears twice, in two orders: keep it "
                                             "once.", "same-triangle-twice")
        got[trio] = value
    data = load_data()
    problem = _not_states(sorted({n for t in got for n in t}, key=str), data)
    if problem:
        return Feedback(ex, "incorrect", problem[1], problem[0])
    graph = signed_graph(data)
    expected = {t: WORDS[0] if is_balanced(graph, t) else WORDS[1] for t in triangles(graph)}
    if got == expected:
        n = sum(v == "balanced" for v in expected.values())
        return Feedback(ex, "correct", f"{len(expected)} triangles: {n} balanced, {len(expected) - n} unbalanced.")
    not_triangles = [t for t in got if t not in expected]
    if not_triangles:
        trio = sorted(not_triangles, key=sorted)[0]
        missing = [f"{a}–{b}" for a, b in itertools.combinations(sorted(trio), 2) if not graph.has_edge(a, b)]
        return Feedback(ex, "incorrect", f"The trio {show_ids(trio)} is not a triangle: "
                                         f"{'the pair ' + ', '.join(missing) + ' is' if missing else 'it is'} "
                                         "not tied. A triangle needs all three ties; an untied pair has no sign.",
                        "not-a-triangle")
    missing = [t for t in expected if t not in got]
    if missing:
        return Feedback(ex, "incorrect", f"{len(missing)} triangle(s) missing. Check every set of three states "
                                         "(itertools.combinations) for three ties.", "triangles-missing")
    wrong = sorted((t for t in expected if got[t] != expected[t]), key=sorted)
    # A common slip: calling a triangle balanced when most of its ties are positive.
    by_majority = {t: WORDS[0] if sum(graph.edges[a, b]["sign"] == "+" for a, b in
                                      itertools.combinations(sorted(t), 2)) >= 2 else WORDS[1] for t in expected}
    if got == by_majority:
        return Feedback(ex, "incorrect", "These follow the majority of signs. Balance multiplies them: a triangle "
                                         "is balanced when the product of its three signs is +, so two minuses "
                                         "and a plus (the enemy of my enemy) is balanced.", "majority-rule")
    if all(got[t] != expected[t] for t in expected):
        return Feedback(ex, "incorrect", "Every label is the opposite of the right one: is an even number of "
                                         "minuses balanced or unbalanced? (If your code changed a sign in S, "
                                         "run Setup 2 again.)", "all-reversed")
    trio = wrong[0]
    return Feedback(ex, "incorrect", f"{len(wrong)} triangle(s) wrong, among them {show_ids(trio)}: multiply its "
                                     "three signs.")


def _pair_key(answer):
    pair = distinct_ids(answer, 2)
    return pair if pair is not None and all(isinstance(m, str) for m in pair) else None


def _tie(pair, data):
    names = dict(zip(data.actors["id"], data.actors["name"]))
    return "the " + "–".join(names.get(n, n) for n in sorted(pair)) + " tie"


def balanced_count(graph):
    return sum(is_balanced(graph, t) for t in triangles(graph))


def flipped(graph, pair):
    """A copy of the graph with the sign of one tie turned round."""
    copy = graph.copy()
    a, b = tuple(pair)
    copy.edges[a, b]["sign"] = "-" if graph.edges[a, b]["sign"] == "+" else "+"
    return copy


@safe("Flip one sign",
      hints=("several-ties", "display-names", "not-states", "not-tied", "worse-flip"))
def check_best_flip(answer):
    """Feedback for the one tie whose sign, turned round, makes the most triangles balanced."""
    ex = "Flip one sign"
    if not_attempted(answer):
        return Feedback(ex, "not attempted", "Replace ... with one tie, a tuple of two ids such as "
                                             "('china', 'russia').")
    pair = _pair_key(answer)
    wanted = "one tie as a tuple of two different ids, such as ('china', 'russia')"
    if pair is None and isinstance(answer, (list, tuple, set)) and answer and all(
            _pair_key(item) for item in answer):
        return Feedback(ex, "wrong type", f"Expected {wanted}. These are several ties: give only the one whose "
                                          "flip balances the most triangles.", "several-ties")
    if pair is None:
        return wrong_type(ex, wanted, answer, f"This answer is {answer!r}.")
    data = load_data()
    problem = _not_states(sorted(pair), data)
    if problem:
        return Feedback(ex, "incorrect", problem[1], problem[0])
    graph = signed_graph(data)
    a, b = sorted(pair)
    if not graph.has_edge(a, b):
        return Feedback(ex, "incorrect", f"{actor_names(pair, data)} are not tied in the signed network: there "
                                         "is no sign to flip. Choose one of its ties.", "not-tied")
    scores = {frozenset(e): balanced_count(flipped(graph, e)) for e in graph.edges()}
    best = max(scores.values())
    winners = [p for p, s in scores.items() if s == best]
    total = len(triangles(graph))
    now = balanced_count(graph)
    if scores[pair] == best:
        return Feedback(ex, "correct", f"Flipping {_tie(pair, data)} balances {best} of {total} triangles, "
                                       f"up from {now}.")
    # Name what the flip does to each triangle it is in, gains and losses apart.
    after = flipped(graph, pair)
    gained = sum(not is_balanced(graph, t) and is_balanced(after, t) for t in triangles(graph))
    lost = sum(is_balanced(graph, t) and not is_balanced(after, t) for t in triangles(graph))
    hint = (f"{gained} triangle(s) become balanced and {lost} become unbalanced, so {scores[pair]} of {total} "
            f"are balanced, against {now} now.")
    return Feedback(ex, "incorrect", f"Flipping {_tie(pair, data)}: {hint} Count, for each tie, how many of "
                                     "the unbalanced triangles it is in. (If your code changed a sign in S, "
                                     "run Setup 2 again.)", "worse-flip")
