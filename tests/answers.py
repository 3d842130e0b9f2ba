"""The battery of answers and how they are judged: for every exercise check, a plausible wrong
answer for each mistake it names (its ``hints``), its right answer and its placeholders, all built
from the CSV files (reference.py), never from summitkit; and the search for solution text in what a
check says.
"""

import copy
import functools
import itertools
from datetime import date

import networkx as nx
import pandas as pd

import summitkit
from reference import (
    ARTICLE_DAY,
    CHANNEL_NAMES,
    CRS,
    CRS_B,
    END_2024,
    FIVE,
    TRADE_2024,
    as_of,
    channel_sets,
    crs_agreement,
    crs_change,
    crs_paragraph_rows,
    crs_tie_set,
    crs_version_ties,
    flip_scores,
    framing_betweenness,
    layer_cuts,
    lost_without_state_media,
    multigraph,
    pairs_needing,
    record_betweenness,
    record_graph,
    record_signs,
    reference_economic_graph,
    reference_repeated_ties,
    role_graphs,
    signs_of,
    simple_graph,
    state_media_ids,
    states,
    triads,
)
from solution_text import normalise, pieces_in
from tools import read_rows

NAMES = {r["id"]: r["name"] for r in read_rows("actors.csv")}
# The exercise checks: every check_ name but the evidence check, which checks a folder, not an answer.
CHECKS = {
    name: getattr(summitkit, name)
    for name in summitkit.__all__
    if name.startswith("check_") and name != "check_evidence"
}


class Answers(tuple):
    """The answers of a check that takes several, in order: check_best_flip(best_flip, scores)."""


def judge(name, answer):
    """What a check says of an answer (or of Answers, for a check of several)."""
    return CHECKS[name](*answer) if isinstance(answer, Answers) else CHECKS[name](answer)


def named_keys(answer):
    return {
        tuple(NAMES[n] for n in k) if isinstance(k, tuple) else NAMES[k]: v
        for k, v in answer.items()
    }


def once(items):
    """A generator over items: it gives them once, then nothing."""
    return (item for item in items)


def to_two_decimals(values):
    """Each number of a dict rounded to two decimals: fewer than the three the chapters print."""
    return {k: round(v, 2) for k, v in values.items()}


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
        "generator": once(right.items()),
    }


def economic_graph():
    return {
        "dataframe": pd.DataFrame(read_rows("ties.csv")),
        "display-names": nx.relabel_nodes(reference_economic_graph(), NAMES),
        "every-tie": simple_graph(),
        "generator": once(reference_economic_graph().edges()),
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
        "rounded": to_two_decimals(right),
        "generator": once(right.items()),
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
        "pairs-missing": set(sorted(right)[1:]),
        "pairs-as-strings": {f"{a}-{b}" for a, b in right},
        # if "Russia" in path: the ids are lower case, and no pair passes the test
        "empty": set(),
        "generator": once(right),
    }


# --- Chapter 3 ---


def channels_per_pair():
    right = {tuple(sorted(p)): len(c) for p, c in channel_sets().items()}
    by_rows, directed = {}, {}
    for r in read_rows("channels.csv"):
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
        "generator": once(right.items()),
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
        "generator": once(right.items()),
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
        "generator": once([tie]),
    }


# --- Chapter 4 ---


def classified():
    right = {tuple(sorted(t)): v for t, v in triads(signs_of()).items()}
    signs = signs_of()
    majority = {
        t: "balanced"
        if [signs[frozenset(p)] for p in itertools.combinations(t, 2)].count("+") >= 2
        else "unbalanced"
        for t in right
    }
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
        # if product < 0: classified[trio] = "unbalanced", and no else
        "one-label-only": {k: v for k, v in right.items() if v == "unbalanced"},
        "majority-rule": majority,
        "all-reversed": {
            k: "unbalanced" if v == "balanced" else "balanced" for k, v in right.items()
        },
        "generator": once(right.items()),
    }


def one_flip_after_another(order):
    """Scores from a loop that copies S once, or never (H = S): each flip adds to those before it."""
    signs, found = signs_of(), {}
    for pair in order:
        signs[frozenset(pair)] = "+" if signs[frozenset(pair)] == "-" else "-"
        found[pair] = list(triads(signs).values()).count("balanced")
    return found


def best_flip():
    scores = flip_scores()
    best, worst = max(scores, key=scores.get), min(scores, key=scores.get)
    largest = max(scores)  # the key that sorts last: what max(scores) gives
    assert scores[largest] < scores[best], "the data should not make the largest key the best tie"
    now = list(triads(signs_of()).values()).count("balanced")
    total = len(triads(signs_of()))
    return {
        "scores-as-pairs": Answers((best, list(scores.items()))),
        "key-not-pair": Answers((best, {("russia",): 2})),
        "display-names": Answers(
            (best, {tuple(sorted(NAMES[n] for n in k)): v for k, v in scores.items()})
        ),
        "not-states": Answers((best, {**scores, ("north_korea", "usa"): 3})),
        "unsorted-keys": Answers((best, {tuple(reversed(k)): v for k, v in scores.items()})),
        "not-tied": Answers((best, {**scores, ("china", "south_korea"): 3})),
        "scores-missing": Answers((best, {k: v for k, v in scores.items() if k != worst})),
        "values-not-numbers": Answers((best, {k: str(v) for k, v in scores.items()})),
        "counted-S": Answers((best, {k: now for k in scores})),
        "counted-unbalanced": Answers((best, {k: total - v for k, v in scores.items()})),
        "copy-once": Answers((best, one_flip_after_another(sorted(scores)))),
        "several-ties": Answers(([best, worst], scores)),
        # max(scores.items(), key=...): the item, not the key
        "tie-and-score": Answers(((best, scores[best]), scores)),
        "largest-key": Answers((largest, scores)),
        "worse-flip": Answers((worst, scores)),
        "generator": Answers((once(best), scores)),
    }


# --- Chapter 5 ---


def added_event():
    right = record_betweenness(END_2024, extra=[TRADE_2024])
    return {
        "series": pd.Series(right),
        "one-number": right["russia"],
        "display-names": named_keys(right),
        "values-not-numbers": {k: str(v) for k, v in right.items()},
        "not-the-states": {k: v for k, v in right.items() if k != "south_korea"},
        "rounded": to_two_decimals(right),
        "record-as-it-is": record_betweenness(END_2024),
        "latest-snapshot": record_betweenness(as_of(), extra=[TRADE_2024]),
        "not-normalised": nx.betweenness_centrality(
            record_graph(END_2024, extra=[TRADE_2024]), normalized=False
        ),
        "generator": once(right.items()),
    }


def betweenness_change():
    before, after = record_betweenness(ARTICLE_DAY), record_betweenness(as_of())
    right = {s: after[s] - before[s] for s in FIVE}
    return {
        "series": pd.Series(right),
        "one-number": right["russia"],
        "display-names": named_keys(right),
        "values-not-numbers": {k: str(v) for k, v in right.items()},
        "not-the-states": {**right, "australia": 0.0},
        "rounded": to_two_decimals(right),
        "wrong-way-round": {s: -v for s, v in right.items()},
        # abs(after[s] - before[s]): the sizes equal the 2018 values, by the data's coincidence
        "absolute-values": {s: abs(v) for s, v in right.items()},
        "one-snapshot": after,
        "generator": once(right.items()),
    }


def state_media():
    ids, lost = state_media_ids(), lost_without_state_media()
    table = pd.DataFrame(read_rows("record.csv"))
    primary = set(table.loc[table["primary"] == "yes", "id"])
    kept = {y: {tuple(sorted(p)) for p in record_signs(date(y, 12, 31), drop=ids)} for y in lost}
    return {
        "dataframe": Answers((table[table["state_media"] == "yes"], lost)),
        "unknown-ids": Answers((ids | {"r99"}, lost)),
        "primary-sources": Answers((primary, lost)),
        "ids-missing": Answers((set(sorted(ids)[1:]), lost)),
        "ids-extra": Answers((ids | primary, lost)),
        "lost-not-a-dict": Answers((ids, list(lost.items()))),
        "years-missing": Answers((ids, {y: v for y, v in lost.items() if y != 2018})),
        "not-pairs": Answers((ids, {**lost, 2023: "north_korea"})),
        "ties-kept": Answers((ids, kept)),
        "display-names": Answers(
            (ids, {y: {tuple(NAMES[n] for n in p) for p in v} for y, v in lost.items()})
        ),
        "generator": Answers((once(ids), lost)),
    }


# --- Chapter 6 ---


def crs_paragraph():
    right = crs_paragraph_rows()
    first = right[0]
    hedged = next(
        r for r in right if r[4] == "possible" and r[2] == "military" and "russia" in r[:2]
    )
    stated = [r if r != hedged else r[:4] + ("stated",) + r[5:] for r in right]
    firm = next(r for r in right if r[2] == "diplomacy")
    split = next(r for r in right if r[:2] == ("north_korea", "united_states"))
    return {
        "dataframe": pd.DataFrame(
            right,
            columns=["source", "target", "relation", "sign", "status", "paragraph", "evidence"],
        ),
        "not-rows": "russia",
        "row-shape": [first[:6]],
        "empty": [],
        "paragraph-id": [first[:5] + ("2024-10-02",) + first[6:]],
        "alias-actor": [("dprk",) + first[1:]],
        "unknown-actor": [("russia", "japan") + first[2:]],
        "self-tie": [("russia", "russia") + first[2:]],
        "unknown-relation": [first[:2] + ("security",) + first[3:]],
        "sign-on-unsigned": [("putin", "russia", "office", "+") + first[4:]],
        "missing-sign": [first[:3] + ("",) + first[4:]],
        # the minus the book prints (U+2212), copied or typed for the plain "-"
        "typographic-minus": [r if r[3] != "-" else r[:3] + ("\u2212",) + r[4:] for r in right],
        "unknown-status": [first[:4] + ("hedged",) + first[5:]],
        "long-evidence": [first[:6] + (" ".join(["Russia"] * 30),)],
        "paraphrase": [first[:6] + ("Russia and North Korea grew closer",)],
        # a coding's excerpt word for word, with more words after it
        "longer-excerpt": [first[:6] + (first[6] + " has raised concerns in Seoul",)] + right[1:],
        # verbatim, but a topic the paragraph lists (codebook section 10), coded as a tie
        "topic-in-list": right
        + [("russia", "ukraine", "military", "-", "stated", first[5], "the war in Ukraine")],
        # verbatim, and no coding reads a tie in it
        "verbatim-not-coded": right
        + [
            (
                "north_korea",
                "ukraine",
                "military",
                "-",
                "stated",
                first[5],
                "Reports of North Korean troop deployments",
            )
        ],
        "hedged-as-stated": stated,
        # the second coder's coding: section 10 of the codebook settles its differences the other way
        "settled-rule": crs_paragraph_rows(CRS_B),
        "ties-missing": [r for r in right if r != firm],
        "ties-extra": right
        + [("russia", "ukraine", "military", "-", "stated", "2024-10-2", first[6])],
        "wrong-sign": [r if r != firm else r[:3] + ("-",) + r[4:] for r in right],
        "wrong-status": [r if r != split else r[:4] + ("reported",) + r[5:] for r in right],
        "generator": once(right),
    }


def version_change():
    gained, lost = crs_change()
    signed = {
        (*sorted((t["source"], t["target"])), t["relation"], t["status"]): t["sign"]
        for t in crs_version_ties("2025-06")
    }
    every = {(*sorted(p), r, s) for p, r, s in crs_tie_set(crs_version_ties("2025-06"))}
    return {
        "not-tie-sets": Answers(({("russia", "north_korea")}, lost)),
        "no-status": Answers(({t[:3] for t in gained}, lost)),
        # versions(...)[2].ties: a table, not a set
        "dataframe": Answers((pd.DataFrame(crs_version_ties("2025-06")), lost)),
        # (frozenset(pair), relation, status), as the chapter's tie_set of Agreement writes a pair
        "pair-as-one": Answers(({(frozenset(t[:2]), *t[2:]) for t in gained}, lost)),
        # the sign kept: (a, b, relation, sign, status)
        "with-sign": Answers(({(*t[:3], signed[t], t[3]) for t in gained}, lost)),
        "swapped": Answers((lost, gained)),
        "whole-version": Answers((every, lost)),
        "other-versions": Answers(crs_change("2024-09", "2024-10")),
        "display-names": Answers(
            ({(CRS_NAMES[t[0]], CRS_NAMES[t[1]], *t[2:]) for t in gained}, lost)
        ),
        "generator": Answers((once(gained), lost)),
    }


def agreement():
    p_o, p_e, kappa = crs_agreement()
    return {
        "not-a-number": Answers(("0.99", kappa)),
        "percent-scale": Answers((p_o * 100, kappa)),
        "kappa-is-percent": Answers((p_o, p_o)),
        "whole-text": Answers(crs_agreement(None)[::2]),
        "ordered-pairs": Answers(crs_agreement(ordered=True)[::2]),
        "no-denominator": Answers((p_o, p_o - p_e)),
        "rounded": Answers((round(p_o, 2), round(kappa, 2))),
        "version-actors": Answers(crs_agreement(tied_only=True)[::2]),
        "generator": Answers((once([p_o]), kappa)),
    }


def two_framings():
    right = framing_betweenness()
    return {
        "not-a-number": Answers(("0.5", right[1])),
        "rounded": Answers(tuple(round(v, 2) for v in right)),
        "swapped": Answers(right[::-1]),
        "graph-S": Answers(framing_betweenness("S")),
        "commentary-left-out": Answers(framing_betweenness("A_between")),
        # October 2024: the same value as June 2025, the latest
        "later-version": Answers(framing_betweenness(version="2024-10")),
        "not-normalised": Answers(framing_betweenness(normalized=False)),
        "generator": Answers((once([right[0]]), right[1])),
    }


WRONG_ANSWERS = {
    "check_repeated_ties": repeated_ties,
    "check_economic_graph": economic_graph,
    "check_state_betweenness": state_betweenness,
    "check_components_without_russia": components_without_russia,
    "check_pairs_needing_russia": pairs_needing_russia,
    "check_channels_per_pair": channels_per_pair,
    "check_layer_cuts": cuts,
    "check_my_coding": my_coding,
    "check_triangles": classified,
    "check_best_flip": best_flip,
    "check_added_event": added_event,
    "check_betweenness_change": betweenness_change,
    "check_state_media": state_media,
    "check_crs_paragraph": crs_paragraph,
    "check_version_change": version_change,
    "check_agreement": agreement,
    "check_two_framings": two_framings,
}


# --- Right answers, from the CSV files ------------------------------------------------------------


def right_answers():
    """{check name: its right answer}, a fresh copy each time (a test may change what it gets)."""
    return copy.deepcopy(_right_answers())


@functools.cache
def _right_answers():
    a, s = role_graphs()
    h = a.copy()
    h.remove_node("russia")
    scores = flip_scores()
    return {
        "check_repeated_ties": reference_repeated_ties(),
        "check_economic_graph": reference_economic_graph(),
        "check_state_betweenness": nx.betweenness_centrality(s),
        "check_components_without_russia": list(nx.connected_components(h)),
        "check_pairs_needing_russia": pairs_needing(s, "russia"),
        "check_channels_per_pair": {tuple(sorted(p)): len(c) for p, c in channel_sets().items()},
        "check_layer_cuts": layer_cuts(),
        "check_my_coding": [("russia", "north_korea", "labour", "laborers")],
        "check_triangles": {tuple(sorted(t)): v for t, v in triads(signs_of()).items()},
        "check_best_flip": Answers((max(scores, key=scores.get), scores)),
        "check_added_event": record_betweenness(END_2024, extra=[TRADE_2024]),
        "check_betweenness_change": {
            s: record_betweenness(as_of())[s] - record_betweenness(ARTICLE_DAY)[s] for s in FIVE
        },
        "check_state_media": Answers((state_media_ids(), lost_without_state_media())),
        "check_crs_paragraph": crs_paragraph_rows(),
        "check_version_change": Answers(crs_change()),
        "check_agreement": Answers(crs_agreement()[::2]),
        "check_two_framings": Answers(framing_betweenness()),
    }


# --- Not attempted: the scaffold's placeholder ---------------------------------------------------


def placeholders(name):
    """Every way a check can meet the scaffold's placeholder (what the check says its scaffold
    assigns, ... or None, by answer name), in one place or all; and ..., which reads as not
    attempted wherever the scaffold assigns None."""
    check = CHECKS[name]
    right = right_answers()[name]
    if len(check.answers) == 1:
        yield check.placeholder[check.answers[0]]
        if check.placeholder[check.answers[0]] is not ...:
            yield ...
        return
    yield Answers(tuple(check.placeholder[a] for a in check.answers))
    for i, answer in enumerate(check.answers):
        yield Answers(right[:i] + (check.placeholder[answer],) + right[i + 1 :])


def returned_none(name):
    """{answer name: the answers, with that answer None}, for each answer whose scaffold assigns
    ...: None there is what a call that returns None gives (x = print(...), x = [...].sort())."""
    check = CHECKS[name]
    right = right_answers()[name]
    answers = tuple(right) if isinstance(right, Answers) else (right,)
    return {
        answer: Answers(answers[:i] + (None,) + answers[i + 1 :]) if len(answers) > 1 else None
        for i, answer in enumerate(check.answers)
        if check.placeholder[answer] is ...
    }


# --- No message gives a solution away --------------------------------------------------------------


def solution_in(text):
    """(exercise label, piece) for every piece of a solution that the text contains."""
    return pieces_in(normalise(text))


# --- The mistakes any answer invites, generated for every check from its declared containers ------
# No check is named here: each slip is made from the right answer and what the check says it wants
# (safe's ``container``, by answer name), so that a new check gets the whole battery at once.

CRS_NAMES = {r["id"]: r["name"] for r in read_rows("actors.csv", CRS)}
EVERY_NAME = {**CRS_NAMES, **NAMES}


def with_names(value):
    """The answer with every actor id in it written as its display name ('russia' -> 'Russia')."""
    if isinstance(value, str):
        return EVERY_NAME.get(value, value)
    if isinstance(value, nx.Graph):
        return nx.relabel_nodes(value, EVERY_NAME)
    if isinstance(value, dict):
        return {with_names(k): with_names(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(with_names(v) for v in value)
    return value


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def has_fractions(value):
    """True for a float that is not whole, or a dict with one among its values."""
    values = value.values() if isinstance(value, dict) else [value]
    return any(isinstance(v, float) and not v.is_integer() for v in values)


def to_decimals(value, digits):
    if isinstance(value, dict):
        return {k: round(v, digits) if is_number(v) else v for k, v in value.items()}
    return round(value, digits)


def slips_of(container, right):
    """{slip: (answer, the hint the message should give, or None)} for one answer of a check."""
    found = {"generator": (once(list(right) if container != "float" else [right]), "generator")}
    if container == "dict":
        first = sorted(right, key=repr)[0]
        found |= {
            "pairs-not-dict": (list(right.items()), None),
            "series": (pd.Series(list(right.values()), index=[repr(k) for k in right]), None),
            "dataframe": (
                pd.DataFrame({"key": list(map(repr, right)), "value": list(right.values())}),
                None,
            ),
            "one-missing": ({k: v for k, v in right.items() if k != first}, None),
            "one-extra": ({**right, "atlantis": right[first]}, None),
        }
    elif container in ("set", "list", "tuple"):
        items = list(right)
        other = {"set": list, "list": set, "tuple": list}[container]
        found |= {
            "other-container": (other(items) if container != "list" else items, None),
            "one-missing": (type(right)(items[1:]), None) if len(items) > 1 else None,
            "one-extra": (list(items) + [("atlantis", "utopia")], None),
        }
        if container == "tuple":
            found["reversed"] = (tuple(reversed(items)), None)
    elif container == "float":
        found |= {
            "text": (str(right), None),
            "sign-reversed": (-right, None) if right else None,
        }
    if right != with_names(right):
        found["display-names"] = (with_names(right), "display-names")
    if has_fractions(right):
        found["three-decimals"] = (to_decimals(right, 3), "correct")
        found["two-decimals"] = (to_decimals(right, 2), "rounded")
    return {slip: made for slip, made in found.items() if made is not None}


def generated_slips(name):
    """{(answer name, slip): (answers to judge, expected hint or 'correct' or None)}: every slip of
    slips_of made in each answer of the check in turn, the others left right; plus the answers in
    reversed order, and the placeholder."""
    check = CHECKS[name]
    right = right_answers()[name]
    answers = tuple(right) if isinstance(right, Answers) else (right,)
    found = {}
    for i, answer_name in enumerate(check.answers):
        for slip, (value, hint) in slips_of(check.container[answer_name], answers[i]).items():
            made = answers[:i] + (value,) + answers[i + 1 :]
            found[answer_name, slip] = (Answers(made) if len(made) > 1 else made[0], hint)
    if len(answers) > 1 and len(set(check.container.values())) == 1:
        found["all", "swapped"] = (Answers(answers[::-1]), None)
    for i, placeholder in enumerate(placeholders(name)):
        found["all", f"placeholder {i}"] = (placeholder, "not attempted")
    for answer_name, answer in returned_none(name).items():
        found[answer_name, "returned-none"] = (answer, "none-returned")
    return found
