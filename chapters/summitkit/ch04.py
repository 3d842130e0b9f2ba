"""Checks for chapter 4, "Alignment with China".

The chapter builds a signed network of five states from the signed ties of data/ties.csv
(``signed_graph``, the function of its Setup 2, copied in ``networks.py``) and asks which
triangles are balanced. Each check rebuilds the graph from data/, so that its expected answer
never depends on the student's variables.
``notebook_graphs`` gives the same graph as ``S``, which ``safe`` compares, signs included, with
the notebook's, to warn a student whose code changed it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from numbers import Integral

import networkx as nx

from .feedback import (
    Feedback,
    a_type,
    actor_names,
    display_names_instead_of_ids,
    distinct_ids,
    graph_changes,
    reference,
    safe,
    show_ids,
    wrong_type,
)
from . import feedback, networks
from .loading import load_data

# The five states whose alignment the chapter reads (Australia, named once in §8, is left out).
STATES = ("russia", "china", "united_states", "north_korea", "south_korea")
WORDS = ("balanced", "unbalanced")


def five_states(data=None):
    """The chapter's signed network, built as the notebook builds it."""
    data = data if data is not None else load_data()
    return networks.signed_graph(data.ties, data.actors, list(STATES))


def notebook_graphs(data=None):
    """The graph the chapter's Setup 2 makes, rebuilt from data/, by its name in the notebook."""
    return {"S": five_states(data)}


def triangles(graph):
    """Every set of three nodes tied to each other, each as a frozenset."""
    return [
        frozenset(trio)
        for trio in itertools.combinations(sorted(graph), 3)
        if all(graph.has_edge(a, b) for a, b in itertools.combinations(trio, 2))
    ]


def is_balanced(graph, trio):
    """Heider: balanced when the product of the three signs is positive (an even number of
    minuses)."""
    minuses = sum(
        graph.edges[a, b]["sign"] == "-" for a, b in itertools.combinations(sorted(trio), 2)
    )
    return minuses % 2 == 0


def _not_states(ids, data):
    """(hint, message) if any id is not one of the five states (a display name, a typo, or
    Australia)."""
    message = display_names_instead_of_ids(ids, data)
    if message:
        return "display-names", message
    others = [i for i in ids if i not in STATES]
    if others:
        return "not-states", (
            f"{others[0]!r} is not one of the five state ids of the signed network: "
            f"{', '.join(STATES)}."
        )
    return None


TRIANGLES = (
    "a dict of triangle -> 'balanced' or 'unbalanced', each triangle a tuple of three state ids"
)


# Both checks compare S, signs included, with the notebook's (see safe): Flip one sign asks for a
# copy of S, and H = S, which copies nothing, changes the signs of S itself.
@safe(
    "Classify the triangles",
    TRIANGLES,
    "dict",
    graphs=notebook_graphs,
    hints=(
        "pairs-not-dict",
        "triangles-without-labels",
        "series",
        "key-not-triangle",
        "true-false",
        "not-a-label",
        "same-triangle-twice",
        "display-names",
        "not-states",
        "not-a-triangle",
        "triangles-missing",
        "one-label-only",
        "majority-rule",
        "all-reversed",
    ),
)
def check_triangles(answer):
    """Feedback for a dict mapping each triangle (three ids) to "balanced" or "unbalanced"."""
    ex = "Classify the triangles"
    wanted = TRIANGLES
    if (
        isinstance(answer, (list, tuple))
        and answer
        and all(isinstance(item, (list, tuple)) and len(item) == 2 for item in answer)
    ):
        return Feedback(
            ex,
            "wrong type",
            f"Expected {wanted}. These look like (triangle, label) pairs: "
            "dict(pairs) makes the dict.",
            "pairs-not-dict",
        )
    if isinstance(answer, (list, tuple, set)):
        return Feedback(
            ex,
            "wrong type",
            f"Expected {wanted}. A collection of triangles says which they are, "
            "not how each is classified.",
            "triangles-without-labels",
        )
    if not isinstance(answer, Mapping):
        return wrong_type(ex, wanted, answer)
    got = {}
    for key, value in answer.items():
        trio = distinct_ids(key, 3)
        if trio is None:
            return Feedback(
                ex,
                "wrong type",
                f"Each key is a triangle, a tuple of three different ids; the key {key!r} is not.",
                "key-not-triangle",
            )
        if isinstance(value, bool):
            return Feedback(
                ex,
                "wrong type",
                f"Write the words 'balanced' or 'unbalanced', not {value!r}: "
                "True and False do not say which is which.",
                "true-false",
            )
        if value not in WORDS:
            return Feedback(
                ex,
                "wrong type",
                f"Each value is 'balanced' or 'unbalanced'; the value for {key!r} is {value!r}.",
                "not-a-label",
            )
        if trio in got:
            return Feedback(
                ex,
                "incorrect",
                f"The triangle {show_ids(trio)} appears twice, in two orders: keep it once.",
                "same-triangle-twice",
            )
        got[trio] = value
    data = load_data()
    problem = _not_states(sorted({n for t in got for n in t}, key=str), data)
    if problem:
        return Feedback(ex, "incorrect", problem[1], problem[0])
    graph = reference(five_states)
    expected = {t: WORDS[0] if is_balanced(graph, t) else WORDS[1] for t in triangles(graph)}
    if got == expected:
        n = sum(v == "balanced" for v in expected.values())
        return Feedback(
            ex,
            "correct",
            f"{len(expected)} triangles: {n} balanced, {len(expected) - n} unbalanced.",
        )
    not_triangles = [t for t in got if t not in expected]
    if not_triangles:
        trio = sorted(not_triangles, key=sorted)[0]
        missing = [
            f"{a}–{b}"
            for a, b in itertools.combinations(sorted(trio), 2)
            if not graph.has_edge(a, b)
        ]
        return Feedback(
            ex,
            "incorrect",
            f"The trio {show_ids(trio)} is not a triangle: "
            f"{'the pair ' + ', '.join(missing) + ' is' if missing else 'it is'} "
            "not tied. A triangle needs all three ties; an untied pair has no sign.",
            "not-a-triangle",
        )
    missing = [t for t in expected if t not in got]
    given = {expected[t] for t in got}
    if (
        missing
        and all(got[t] == expected[t] for t in got)
        and len(given) == 1
        and {expected[t] for t in missing} == set(WORDS) - given
    ):
        # Every triangle given is right, and every one left out has the other label: a loop that
        # kept only the triangles of one label (if product < 0: ...).
        return Feedback(
            ex,
            "incorrect",
            f"You labelled only the {given.pop()} triangles; label every triangle, "
            f"{len(missing)} more, with the word that fits each.",
            "one-label-only",
        )
    if missing:
        return Feedback(
            ex,
            "incorrect",
            f"{len(missing)} triangle(s) missing. Check every set of three states "
            "(itertools.combinations) for three ties.",
            "triangles-missing",
        )
    changed = _changed_S(graph)
    if changed is not None and got == _labels(changed, expected) != expected:
        # The rule is right, the graph is not: the verdict must not blame the answer for what
        # a change to S (H = S in Flip one sign) did. The warning below names the change.
        return Feedback(
            ex,
            "incorrect",
            "Your labels are right for S as the notebook holds it now, but S is no longer the "
            "chapter's graph (see the warning below). Run Setup 2 to restore S, then run your "
            "answer's cell and this one again.",
        )
    wrong = sorted((t for t in expected if got[t] != expected[t]), key=sorted)
    # A common slip: calling a triangle balanced when most of its ties are positive.
    by_majority = {
        t: WORDS[0]
        if sum(graph.edges[a, b]["sign"] == "+" for a, b in itertools.combinations(sorted(t), 2))
        >= 2
        else WORDS[1]
        for t in expected
    }
    if got == by_majority:
        return Feedback(
            ex,
            "incorrect",
            "These follow the majority of signs. Balance multiplies them: a triangle "
            "is balanced when the product of its three signs is +, so two minuses "
            "and a plus (the enemy of my enemy) is balanced.",
            "majority-rule",
        )
    if all(got[t] != expected[t] for t in expected):
        return Feedback(
            ex,
            "incorrect",
            "Every label is the opposite of the right one: is an even number of "
            "minuses balanced or unbalanced?",
            "all-reversed",
        )
    trio = wrong[0]
    return Feedback(
        ex,
        "incorrect",
        f"{len(wrong)} triangle(s) wrong, among them {show_ids(trio)}: multiply its three signs.",
    )


def _changed_S(graph):
    """The notebook's S if the student's code changed it (not the chapter's graph any more),
    else None (also outside a notebook)."""
    current = (feedback.user_namespace() or {}).get("S")  # looked up at call time
    if isinstance(current, nx.Graph) and graph_changes(current, graph):
        return current
    return None


def _labels(graph, trios):
    """{trio: 'balanced' or 'unbalanced'} in graph, for the trios that are triangles in it."""
    return {
        t: WORDS[0] if is_balanced(graph, t) else WORDS[1]
        for t in trios
        if all(
            graph.has_edge(a, b) and "sign" in graph.edges[a, b]
            for a, b in itertools.combinations(sorted(t), 2)
        )
    }


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


def flip_scores(graph):
    """{tie: balanced triangles once that tie's sign alone is flipped}, each tie a frozenset."""
    return {frozenset(e): balanced_count(flipped(graph, e)) for e in graph.edges()}


def _flip_scores(data):
    """flip_scores of the chapter's signed network."""
    return flip_scores(five_states(data))


def _one_flip_after_another(graph, ties):
    """The scores a loop gives when it copies S once, before the loop (or not at all, H = S): each
    flip adds to the ones before it, in the loop's order."""
    graph, found = graph.copy(), {}
    for a, b in ties:
        graph.edges[a, b]["sign"] = "-" if graph.edges[a, b]["sign"] == "+" else "+"
        found[frozenset((a, b))] = balanced_count(graph)
    return found


TIE = "one tie of S, a tuple of two state ids such as ('id_1', 'id_2')"
SCORES = (
    "a dict of tie -> number of balanced triangles, such as {('id_1', 'id_2'): <a number>, ...}"
)


# The check reads the scores as well as the tie: a rule that ignores the scores, such as
# max(scores) (the key that sorts last), must not pass by the luck of the alphabet.
@safe(
    "Flip one sign",
    {"best_flip": TIE, "scores": SCORES},
    {"best_flip": "tuple", "scores": "dict"},
    graphs=notebook_graphs,
    hints=(
        "scores-as-pairs",
        "key-not-pair",
        "display-names",
        "not-states",
        "unsorted-keys",
        "not-tied",
        "scores-missing",
        "values-not-numbers",
        "counted-S",
        "counted-unbalanced",
        "copy-once",
        "several-ties",
        "tie-and-score",
        "largest-key",
        "worse-flip",
    ),
)
def check_best_flip(best_flip, scores):
    """Feedback for scores, a dict mapping each tie of S (a sorted tuple of two ids) to the number
    of balanced triangles once its sign alone is flipped, and best_flip, the tie with the highest
    score."""
    ex = "Flip one sign"
    # The scores first: best_flip is read from them.
    if (
        isinstance(scores, (list, tuple))
        and scores
        and all(
            isinstance(item, (list, tuple)) and len(item) == 2 and _pair_key(item[0])
            for item in scores
        )
    ):
        return Feedback(
            ex,
            "wrong type",
            f"Expected scores as {SCORES}. These look like (tie, score) pairs: "
            "dict(pairs) makes the dict.",
            "scores-as-pairs",
        )
    if not isinstance(scores, Mapping):
        return wrong_type(ex, f"scores as {SCORES}", scores)
    keys = {}
    for key in scores:
        pair = _pair_key(key)
        if pair is None:
            return Feedback(
                ex,
                "wrong type",
                f"Each key of scores is a tie, a tuple of two different state ids; "
                f"the key {key!r} is not.",
                "key-not-pair",
            )
        keys[pair] = key
    data = load_data()
    problem = _not_states(sorted({n for p in keys for n in p}), data)
    if problem:
        return Feedback(ex, "incorrect", problem[1], problem[0])
    # One way of writing each tie, so that max(scores) cannot land on the best tie by luck.
    unsorted = [key for key in scores if not isinstance(key, tuple) or key != tuple(sorted(key))]
    if unsorted:
        return Feedback(
            ex,
            "wrong type",
            f"Write each tie as tuple(sorted((a, b))), so that a tie is written "
            f"one way only; the key {unsorted[0]!r} is not a sorted tuple.",
            "unsorted-keys",
        )
    graph = reference(five_states)
    not_tied = [p for p in keys if not graph.has_edge(*p)]
    if not_tied:
        return Feedback(
            ex,
            "incorrect",
            f"{actor_names(not_tied[0], data)} are not tied in S: there is no sign "
            "to flip, and scores has one entry per tie of S.",
            "not-tied",
        )
    expected = reference(_flip_scores)
    missing = [p for p in expected if p not in keys]
    if missing:
        return Feedback(
            ex,
            "incorrect",
            f"{len(missing)} tie(s) of S missing from scores, such as "
            f"{show_ids(missing[0])}: give every tie its score.",
            "scores-missing",
        )
    for key, value in scores.items():
        if isinstance(value, bool) or not isinstance(value, Integral):
            return Feedback(
                ex,
                "wrong type",
                f"Each score is a whole number of triangles; the score for {key!r} "
                f"is {a_type(value)}.",
                "values-not-numbers",
            )
    got = {pair: scores[key] for pair, key in keys.items()}
    total, now = len(triangles(graph)), balanced_count(graph)
    if got != expected:
        if all(v == now for v in got.values()):
            return Feedback(
                ex,
                "incorrect",
                f"Every score is {now}, the number of balanced triangles of S as it "
                "is: count them in the flipped copy, not in S.",
                "counted-S",
            )
        if all(got[p] == total - expected[p] for p in expected):
            return Feedback(
                ex,
                "incorrect",
                "These count the unbalanced triangles: count the balanced ones, "
                "whose sign product is +1.",
                "counted-unbalanced",
            )
        if got == _one_flip_after_another(graph, list(scores)):
            return Feedback(
                ex,
                "incorrect",
                "Each score should count one flip alone, but these count the flips "
                "one after another: make a fresh copy of S for each tie, inside "
                "the loop.",
                "copy-once",
            )
        off = sorted((p for p in expected if got[p] != expected[p]), key=sorted)
        direction = "too high" if got[off[0]] > expected[off[0]] else "too low"
        return Feedback(
            ex,
            "incorrect",
            f"{len(off)} score(s) differ; the score for {show_ids(off[0])} is "
            f"{direction}. Flip only that tie, in a fresh copy of S, and count the "
            "triangles whose sign product is +1.",
        )
    # The scores are right: now the tie with the highest one.
    pair = _pair_key(best_flip)
    if (
        pair is None
        and isinstance(best_flip, (list, tuple, set))
        and best_flip
        and all(_pair_key(item) for item in best_flip)
    ):
        return Feedback(
            ex,
            "wrong type",
            f"Expected best_flip as {TIE}. These are several ties: give only the "
            "one whose flip balances the most triangles.",
            "several-ties",
        )
    if (
        pair is None
        and isinstance(best_flip, (list, tuple))
        and len(best_flip) == 2
        and _pair_key(best_flip[0])
        and isinstance(best_flip[1], Integral)
    ):
        # max(scores.items(), key=...) gives the item, (tie, score): the tuple is right, its
        # content is not.
        return Feedback(
            ex,
            "wrong type",
            f"Your best_flip is a (tie, score) pair, {best_flip!r}: give the tie alone. Take "
            "the tie from it, or use max(scores, key=scores.get), which compares the scores and "
            "gives the key.",
            "tie-and-score",
        )
    if pair is None:
        return wrong_type(ex, f"best_flip as {TIE}", best_flip, f"This answer is {best_flip!r}.")
    problem = _not_states(sorted(pair), data)
    if problem:
        return Feedback(ex, "incorrect", problem[1], problem[0])
    if not graph.has_edge(*pair):
        return Feedback(
            ex,
            "incorrect",
            f"{actor_names(pair, data)} are not tied in S: there is no sign to "
            "flip. Choose one of its ties.",
            "not-tied",
        )
    best = max(expected.values())
    if expected[pair] == best:
        return Feedback(
            ex,
            "correct",
            f"Flipping {_tie(pair, data)} balances {best} of {total} triangles, up from {now}.",
        )
    if pair == frozenset(max(scores)):
        return Feedback(
            ex,
            "incorrect",
            f"This is {_tie(pair, data)}, the key of scores that sorts last, which "
            "is what max(scores) gives: max compares a dict's keys, not its values. "
            "Give max a key= function that says what to compare.",
            "largest-key",
        )
    # Name what the flip does to each triangle it is in, gains and losses apart.
    after = flipped(graph, pair)
    gained = sum(not is_balanced(graph, t) and is_balanced(after, t) for t in triangles(graph))
    lost = sum(is_balanced(graph, t) and not is_balanced(after, t) for t in triangles(graph))
    return Feedback(
        ex,
        "incorrect",
        f"Flipping {_tie(pair, data)}: {gained} triangle(s) become balanced and "
        f"{lost} become unbalanced, so {expected[pair]} of {total} are balanced, "
        f"against {now} now. Your scores are right: choose the tie with the "
        "highest score.",
        "worse-flip",
    )
