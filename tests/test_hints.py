"""Checks that teach: every common mistake a check names (its ``hints``) is fed a wrong answer here,
gets its own hint, and every message reads as sentences.

The wrong answers are built from the CSV files (test_exercises.py's independent rebuilds), never
from summitkit.
"""

import itertools
import re

import networkx as nx
import pandas as pd
import pytest

import summitkit
from test_exercises import (CHANNEL_NAMES, channel_sets, layer_cuts, multigraph, pairs_needing,
                            reference_economic_graph, reference_repeated_ties, role_graphs, rows, signs_of,
                            simple_graph, states, triads)

NAMES = {r["id"]: r["name"] for r in rows("actors.csv")}
CHECKS = {name: getattr(summitkit, name) for name in summitkit.__all__ if name.startswith("check_")}


def named_keys(answer):
    return {tuple(NAMES[n] for n in k) if isinstance(k, tuple) else NAMES[k]: v for k, v in answer.items()}


# --- Chapter 1 ---

def repeated_ties():
    right = reference_repeated_ties()
    return {
        "networkx-view": simple_graph().degree(states()),
        "series": pd.Series(right),
        "display-names": named_keys(right),
        "values-not-numbers": {k: str(v) for k, v in right.items()},
        "degree-in-A": {s: simple_graph().degree(s) for s in states()},
        "degree-in-M": {s: multigraph().degree(s) for s in states()},
        "wrong-way-round": {s: -v for s, v in right.items()},
    }


def economic_graph():
    return {
        "dataframe": pd.DataFrame(rows("ties.csv")),
        "display-names": nx.relabel_nodes(reference_economic_graph(), NAMES),
        "every-tie": simple_graph(),
    }


# --- Chapter 2 ---

def state_betweenness():
    a, s = role_graphs()
    right = nx.betweenness_centrality(s)
    return {
        "series": pd.Series(right),
        "display-names": named_keys(right),
        "graph-A": nx.betweenness_centrality(a),
        "values-not-numbers": {k: f"{v:.2f}" for k, v in right.items()},
        "raw-counts": nx.betweenness_centrality(s, normalized=False),
        "degree-centrality": nx.degree_centrality(s),
    }


def components_without_russia():
    a, s = role_graphs()
    h, hs = a.copy(), s.copy()
    h.remove_node("russia")
    hs.remove_node("russia")
    return {
        "graph-not-components": h,
        "generator": nx.connected_components(h),
        "display-names": [{NAMES[n] for n in c} for c in nx.connected_components(h)],
        "russia-still-there": list(nx.connected_components(a)),
        "graph-S": list(nx.connected_components(hs)),
        "too-few-components": [set(h)],
        "too-many-components": [{n} for n in h],
    }


def pairs_needing_russia():
    a, s = role_graphs()
    right = pairs_needing(s, "russia")
    return {
        "display-names": {(NAMES[x], NAMES[y]) for x, y in right},
        "pairs-with-russia": right | {("russia", "china")},
        "not-states": pairs_needing(a, "russia"),
        "some-paths": pairs_needing(s, "russia", every=False),
        "path-avoids-russia": right | {("north_korea", "south_korea")},
        "pairs-missing": set(),
    }


# --- Chapter 3 ---

def channels_per_pair():
    right = {tuple(sorted(p)): len(c) for p, c in channel_sets().items()}
    by_rows, directed = {}, {}
    for r in rows("channels.csv"):
        key = tuple(sorted((r["source"], r["target"])))
        by_rows[key] = by_rows.get(key, 0) + 1
        directed.setdefault((r["source"], r["target"]), set()).add(r["channel"])
    tied = sorted({n for p in right for n in p})
    return {
        "series": pd.Series(list(right.values()), index=[" – ".join(k) for k in right]),
        "key-not-pair": {("russia",): 6},
        "both-directions": {k: len(v) for k, v in directed.items()},
        "values-not-numbers": {k: set(range(v)) for k, v in right.items()},
        "display-names": named_keys(right),
        "zero-counts": {(x, y): right.get((x, y), 0) for x, y in itertools.combinations(tied, 2)},
        "counted-sources": by_rows,
    }


def cuts():
    right = layer_cuts()
    missing = dict(right)
    del missing["pipeline"]
    return {
        "series": pd.Series(right),
        "not-channels": {**right, "rail": {"russia"}},
        "channels-missing": missing,
        "connectivity-numbers": {c: len(v) for c, v in right.items()},
        "values-not-sets": {c: "russia" for c in CHANNEL_NAMES},
        "display-names": {c: {NAMES[n] for n in v} for c, v in right.items()},
        "pipeline-cut-copied": {c: {"north_korea"} for c in right},
        "ends-in-cut": {**right, "energy": right["energy"] | {"outside"}},
        "all-layers": {c: set().union(*right.values()) for c in CHANNEL_NAMES},
        "empty-cut": {**right, "energy": set()},
        "too-many": {**right, "telecom": right["telecom"] | {"south_korea"}},
        "too-few": layer_cuts(remove={(frozenset(("russia", "north_korea")), "telecom")}),
        "wrong-actors": {**right, "telecom": {"china", "south_korea"}},
    }


def my_coding():
    tie = ("russia", "north_korea", "labour", "laborers")
    return {
        "dataframe": pd.DataFrame([tie], columns=["source", "target", "kind", "evidence"]),
        "single-tie": tie,
        "not-four-parts": [tie[:2]],
        "empty-part": [tie[:3] + ("",)],
        "empty-list": [],
        "display-names": [("Russia", "North Korea") + tie[2:]],
        "article-name": [("moscow",) + tie[1:]],
        "unknown-id": [("russia", "japan") + tie[2:]],
        "self-tie": [("russia", "russia") + tie[2:]],
        "near-kind": [tie[:2] + ("labor", "laborers")],
        "kind-format": [tie[:2] + ("Labour Ties", "laborers")],
        "long-evidence": [tie[:3] + (" ".join(["word"] * 30),)],
    }


# --- Chapter 4 ---

def classified():
    right = {tuple(sorted(t)): v for t, v in triads(signs_of()).items()}
    signs = signs_of()
    majority = {t: "balanced" if [signs[frozenset(p)] for p in itertools.combinations(t, 2)].count("+") >= 2
                else "unbalanced" for t in right}
    first = next(iter(right))
    return {
        "pairs-not-dict": list(right.items()),
        "triangles-without-labels": list(right),
        "series": pd.Series(list(right.values()), index=[" ".join(k) for k in right]),
        "key-not-triangle": {("russia", "china"): "balanced"},
        "true-false": {k: v == "balanced" for k, v in right.items()},
        "not-a-label": {k: "stable" for k in right},
        "same-triangle-twice": {**right, tuple(reversed(first)): right[first]},
        "display-names": named_keys(right),
        "not-states": {**right, ("russia", "china", "japan"): "balanced"},
        "not-a-triangle": {**right, ("china", "north_korea", "south_korea"): "balanced"},
        "triangles-missing": dict(list(right.items())[1:]),
        "majority-rule": majority,
        "all-reversed": {k: "unbalanced" if v == "balanced" else "balanced" for k, v in right.items()},
    }


def best_flip():
    scores = {p: list(triads(signs_of(flip=p)).values()).count("balanced") for p in signs_of()}
    best, worst = max(scores, key=scores.get), min(scores, key=scores.get)
    return {
        "several-ties": [tuple(sorted(best)), tuple(sorted(worst))],
        "display-names": tuple(NAMES[n] for n in sorted(best)),
        "not-states": ("usa", "north_korea"),
        "not-tied": ("china", "south_korea"),
        "worse-flip": tuple(sorted(worst)),
    }


WRONG_ANSWERS = {
    "check_repeated_ties": repeated_ties, "check_economic_graph": economic_graph,
    "check_state_betweenness": state_betweenness, "check_components_without_russia": components_without_russia,
    "check_pairs_needing_russia": pairs_needing_russia, "check_channels_per_pair": channels_per_pair,
    "check_layer_cuts": cuts, "check_my_coding": my_coding, "check_triangles": classified,
    "check_best_flip": best_flip,
}
CASES = [(name, hint) for name, check in CHECKS.items() for hint in check.hints]


# Words that may start a sentence in lower case: code.
CODE_WORD = re.compile(r"^(nx|networkx|itertools|len|dict|list|set|tuple)\b|^[a-z_]+[.(\[]")


def sentence_problems(message):
    """What keeps a message from reading as sentences: a lower-case start, no full stop."""
    problems = []
    if not message or not (message[0].isupper() or message[0].isdigit() or message[0] in "'\"({[…"
                           or CODE_WORD.match(message)):
        problems.append(f"starts in lower case: {message[:40]!r}")
    if not re.search(r"[.?!][)'\"]?$", message.strip()):
        problems.append(f"does not end a sentence: {message[-40:]!r}")
    for match in re.finditer(r"(?<!\.)[.?!](?!\.) +([a-z]\S*)", message):  # "..." ends no sentence
        if not CODE_WORD.match(match.group(1)):
            problems.append(f"a sentence starts in lower case: {message[max(0, match.start() - 20):match.end()]!r}")
    return problems


def test_every_check_declares_its_hints_and_has_a_wrong_answer_for_each():
    assert set(WRONG_ANSWERS) == set(CHECKS), "a check without wrong answers here, or a stale entry"
    for name, check in CHECKS.items():
        assert check.hints, f"{name} names no common mistake"
        fed = set(WRONG_ANSWERS[name]())
        assert fed == set(check.hints), f"{name}: hints without a wrong answer {set(check.hints) - fed}, " \
                                        f"wrong answers for no hint {fed - set(check.hints)}"


@pytest.mark.parametrize("name, hint", CASES, ids=[f"{n}:{h}" for n, h in CASES])
def test_each_wrong_answer_gets_its_own_hint(name, hint):
    answer = WRONG_ANSWERS[name]()[hint]
    feedback = CHECKS[name](answer)
    assert feedback.status in ("wrong type", "incorrect"), feedback
    assert feedback.hint == hint, f"expected the {hint!r} hint, got {feedback.hint!r}: {feedback.message}"
    assert not sentence_problems(feedback.message), sentence_problems(feedback.message)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_other_messages_read_as_sentences_too(name):
    # The placeholder, and answers of types no check expects.
    for answer in (..., None, "russia", 3, 2.5, object(), [], {}, {"russia": object()}, ("a", "b")):
        feedback = CHECKS[name](answer)
        assert not sentence_problems(feedback.message), (answer, sentence_problems(feedback.message))


def test_the_sentence_rule_can_fail():
    assert sentence_problems("incorrect. this dict has 2 entries.")
    assert sentence_problems("This dict has 2 entries")
    assert not sentence_problems("Expected a dict. nx.betweenness_centrality returns one.")
