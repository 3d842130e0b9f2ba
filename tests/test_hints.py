"""Checks that teach: every common mistake a check names (its ``hints``) is fed a wrong answer here,
gets its own hint, and every message reads as sentences and gives no solution away. Every check
leaves a generator unread, tells a student who has not run the answer cell to run it, and warns
when the student's code changed one of the chapter's graphs.

The wrong answers, right answers and the notebook's graphs are built from the CSV files
(test_exercises.py's independent rebuilds), never from summitkit.
"""

import itertools
import re
from datetime import date

import networkx as nx
import pandas as pd
import pytest

import summitkit
import summitkit.feedback
from conftest import NOTEBOOKS, load_notebook
from test_exercises import (
    ARTICLE_DAY,
    END_2024,
    TRADE_2024,
    as_of,
    lost_without_state_media,
    record_betweenness,
    record_graph,
    record_signs,
    state_media_ids,
)
from test_exercises import (
    CHANNEL_NAMES,
    FIVE,
    channel_sets,
    flip_scores,
    layer_cuts,
    multigraph,
    pairs_needing,
    reference_economic_graph,
    reference_repeated_ties,
    role_graphs,
    role_ties,
    rows,
    signs_of,
    simple_graph,
    states,
    triads,
)
from test_student_edition import fragments, normalise
from test_exercises import (
    CRS_B,
    crs_agreement,
    crs_change,
    crs_paragraph_rows,
    crs_tie_set,  # chapter 6
    crs_version_ties,
    framing_betweenness,
)

NAMES = {r["id"]: r["name"] for r in rows("actors.csv")}
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
        "dataframe": pd.DataFrame(rows("ties.csv")),
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
        "pairs-missing": set(),
        "generator": once(right),
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
        "one-snapshot": after,
        "generator": once(right.items()),
    }


def state_media():
    ids, lost = state_media_ids(), lost_without_state_media()
    table = pd.DataFrame(rows("record.csv"))
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
        "unknown-status": [first[:4] + ("hedged",) + first[5:]],
        "long-evidence": [first[:6] + (" ".join(["Russia"] * 30),)],
        "paraphrase": [first[:6] + ("Russia and North Korea grew closer",)],
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
    every = {(*sorted(p), r, s) for p, r, s in crs_tie_set(crs_version_ties("2025-06"))}
    return {
        "not-tie-sets": Answers(({("russia", "north_korea")}, lost)),
        "no-status": Answers(({t[:3] for t in gained}, lost)),
        "swapped": Answers((lost, gained)),
        "whole-version": Answers((every, lost)),
        "other-versions": Answers(crs_change("2024-09", "2024-10")),
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
        "generator": Answers((once([p_o]), kappa)),
    }


def two_framings():
    right = framing_betweenness()
    return {
        "not-a-number": Answers(("0.167", right[1])),
        "rounded": Answers(tuple(round(v, 2) for v in right)),
        "swapped": Answers(right[::-1]),
        "graph-A": Answers(framing_betweenness(people=False)),
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
CASES = [(name, hint) for name, check in CHECKS.items() for hint in check.hints]


# Words that may start a sentence in lower case: code.
CODE_WORD = re.compile(r"^(nx|networkx|itertools|len|dict|list|set|tuple)\b|^[a-z_]+[.(\[]")


def sentence_problems(message):
    """What keeps a message from reading as sentences: a lower-case start, no full stop."""
    problems = []
    if not message or not (
        message[0].isupper()
        or message[0].isdigit()
        or message[0] in "'\"({[…"
        or CODE_WORD.match(message)
    ):
        problems.append(f"starts in lower case: {message[:40]!r}")
    if not re.search(r"[.?!][)'\"]?$", message.strip()):
        problems.append(f"does not end a sentence: {message[-40:]!r}")
    for match in re.finditer(r"(?<!\.)[.?!](?!\.) +([a-z]\S*)", message):  # "..." ends no sentence
        if not CODE_WORD.match(match.group(1)):
            problems.append(
                f"a sentence starts in lower case: {message[max(0, match.start() - 20) : match.end()]!r}"
            )
    return problems


def test_every_check_declares_its_hints_and_has_a_wrong_answer_for_each():
    assert set(WRONG_ANSWERS) == set(CHECKS), "a check without wrong answers here, or a stale entry"
    for name, check in CHECKS.items():
        assert check.hints, f"{name} names no common mistake"
        fed = set(WRONG_ANSWERS[name]())
        assert fed == set(check.hints), (
            f"{name}: hints without a wrong answer {set(check.hints) - fed}, "
            f"wrong answers for no hint {fed - set(check.hints)}"
        )


@pytest.mark.parametrize("name, hint", CASES, ids=[f"{n}:{h}" for n, h in CASES])
def test_each_wrong_answer_gets_its_own_hint(name, hint):
    answer = WRONG_ANSWERS[name]()[hint]
    feedback = judge(name, answer)
    assert feedback.status in ("wrong type", "incorrect"), feedback
    assert feedback.hint == hint, (
        f"expected the {hint!r} hint, got {feedback.hint!r}: {feedback.message}"
    )
    assert not sentence_problems(feedback.message), sentence_problems(feedback.message)


def odd(name, answer):
    """An answer of a type no check expects, in every place of a check of several answers."""
    several = len(CHECKS[name].answers)
    return Answers((answer,) * several) if several > 1 else answer


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_other_messages_read_as_sentences_too(name):
    # The placeholder, and answers of types no check expects.
    for answer in (..., None, "russia", 3, 2.5, object(), [], {}, {"russia": object()}, ("a", "b")):
        feedback = judge(name, odd(name, answer))
        assert not sentence_problems(feedback.message), (
            answer,
            sentence_problems(feedback.message),
        )


def test_the_sentence_rule_can_fail():
    assert sentence_problems("incorrect. this dict has 2 entries.")
    assert sentence_problems("This dict has 2 entries")
    assert not sentence_problems("Expected a dict. nx.betweenness_centrality returns one.")


# --- Right answers, from the CSV files ------------------------------------------------------------


def right_answers():
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


def test_the_right_answers_are_right():
    # So that the tests below, which feed them, feed what a student who solved the exercise gives.
    assert set(right_answers()) == set(CHECKS)
    for name, answer in right_answers().items():
        assert judge(name, answer).status == ("correct" if CHECKS[name].marks else "compared"), name


# --- Not attempted: run the answer's cell first ----------------------------------------------------


def placeholders(name):
    """Every way a check can meet the scaffold's placeholder: ... or None, in one place or all."""
    several = len(CHECKS[name].answers)
    right = right_answers()[name]
    for placeholder in (..., None):
        if several == 1:
            yield placeholder
            continue
        yield Answers((placeholder,) * several)
        for i in range(several):
            yield Answers(right[:i] + (placeholder,) + right[i + 1 :])


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_not_attempted_says_to_run_the_answer_cell_first(name):
    # A student who typed an answer but ran only the check cell sees the scaffold's placeholder.
    for answer in placeholders(name):
        feedback = judge(name, answer)
        assert feedback.status == "not attempted", (answer, feedback)
        assert "run its cell first" in feedback.message, feedback.message
        assert not sentence_problems(feedback.message), sentence_problems(feedback.message)


def test_a_check_given_too_few_answers_too_many_or_by_name_never_raises():
    best, scores = right_answers()["check_best_flip"]
    assert summitkit.check_best_flip(best_flip=best, scores=scores).correct  # by name is fine
    for feedback in (
        summitkit.check_best_flip(best),
        summitkit.check_best_flip(best, scores, 3),
        summitkit.check_best_flip(best, flips=scores),
        summitkit.check_triangles(),
        summitkit.check_triangles({}, {}),
    ):
        assert feedback.status == "wrong type", feedback
        assert not sentence_problems(feedback.message), sentence_problems(feedback.message)
    assert "check_best_flip(best_flip, scores)" in summitkit.check_best_flip(best).message


# --- Generators: never read, so that the same answer gets the same verdict -------------------------


def _collected(name):
    """[(description, make)]: make() gives (answer, [(iterator, items it must still give)])."""
    right = right_answers()[name]
    if (
        name in CHAPTER_6_PAIRS
    ):  # chapter 6's checks of two answers: each answer a generator in turn
        return CHAPTER_6_PAIRS[name](right)
    if isinstance(right, Answers):  # check_best_flip(best_flip, scores)
        best, scores = right
        first = next(iter(scores))

        def best_as_generator():
            gen = once(best)
            return Answers((gen, scores)), [(gen, list(best))]

        def scores_as_generator():
            gen = once(scores.items())
            return Answers((best, gen)), [(gen, list(scores.items()))]

        def a_score_as_generator():
            gen = once([scores[first]])
            return Answers((best, {**scores, first: gen})), [(gen, [scores[first]])]

        return [
            ("best_flip a generator", best_as_generator),
            ("scores a generator", scores_as_generator),
            ("a score a generator", a_score_as_generator),
        ]
    if isinstance(right, dict):
        items = list(right.items())
    elif isinstance(right, nx.Graph):
        items = list(right.edges())
    else:
        items = list(right)

    def whole(one_time):
        def make():
            iterator = one_time(items)
            return iterator, [(iterator, items)]

        return make

    cases = [
        ("the answer a generator", whole(once)),
        ("the answer an iterator", whole(iter)),
        ("the answer a map", whole(lambda xs: map(lambda x: x, xs))),
    ]
    if isinstance(right, dict):
        key, value = items[0]

        def a_value_as_generator():
            gen = once([value])
            return {**right, key: gen}, [(gen, [value])]

        cases.append(("a value a generator", a_value_as_generator))
    elif isinstance(right, (list, set)):
        first = sorted(items, key=repr)[0]

        def an_item_as_generator():
            gen = once(first)
            return [gen] + [i for i in items if i is not first], [(gen, list(first))]

        def the_generator_in_brackets():
            gen = once(items)
            return [gen], [(gen, items)]

        cases += [
            ("an item a generator", an_item_as_generator),
            ("[generator]", the_generator_in_brackets),
        ]
    return cases


def _each_answer_a_generator(right):
    """[(description, make)] for a check of two answers: the first, then the second, as a generator."""

    def make(i):
        def made():
            items = (
                list(right[i])
                if isinstance(right[i], (set, frozenset, list, tuple))
                else [right[i]]
            )
            gen = once(items)
            return Answers(right[:i] + (gen,) + right[i + 1 :]), [(gen, items)]

        return made

    return [(f"answer {i + 1} a generator", make(i)) for i in range(len(right))]


CHAPTER_6_PAIRS = {
    name: _each_answer_a_generator
    for name in ("check_version_change", "check_agreement", "check_two_framings")
}


GENERATOR_CASES = [
    (name, description, make) for name in sorted(CHECKS) for description, make in _collected(name)
]


@pytest.mark.parametrize(
    "name, description, make", GENERATOR_CASES, ids=[f"{n}:{d}" for n, d, _ in GENERATOR_CASES]
)
def test_a_generator_checked_twice_gets_the_same_verdict_and_is_not_used_up(
    name, description, make
):
    answer, iterators = make()
    first, second = judge(name, answer), judge(name, answer)
    assert (first.status, first.message) == (second.status, second.message), (first, second)
    assert first.status == "wrong type" and first.hint == "generator", first
    assert "generator" in first.message or "iterator" in first.message, first.message
    assert not sentence_problems(first.message), sentence_problems(first.message)
    for iterator, items in iterators:  # the student's object still gives everything it held
        assert list(iterator) == list(items), description


def test_the_advice_for_a_generator_depends_on_the_type_the_exercise_asks_for():
    # Classify the triangles asks for a dict: dict(...), not list(...) or set(...).
    advice = {
        "check_triangles": "dict(...)",
        "check_components_without_russia": "list(...)",
        "check_pairs_needing_russia": "set(...)",
        "check_economic_graph": "nx.Graph(...)",
    }
    for name, wrap in advice.items():
        message = judge(name, once([])).message
        assert f"Wrap it in {wrap}" in message, message
        assert all(
            other not in message for other in {"dict(...)", "list(...)", "set(...)"} - {wrap}
        ), message


# --- The chapter's graphs, changed by a student's code ----------------------------------------------
# The checks read the notebook's variables from IPython (summitkit.feedback.user_namespace); here a
# dict stands in for them. The graphs in it are built from the CSV files, as each chapter's Setup 2
# builds them.


def chapter_graphs(chapter):
    """{name: graph} as chapter 1, 2, 3 or 4's Setup 2 makes them, from the CSV files."""
    if chapter == 1:
        return {"M": multigraph(), "A": simple_graph()}
    if chapter == 2:
        a, s = role_graphs()
        return {
            "M": nx.MultiGraph([(t["source"], t["target"]) for t in role_ties()]),
            "A": a,
            "S": s,
        }
    if chapter == 3:
        layers = {c: nx.Graph() for c in CHANNEL_NAMES}
        for r in rows("channels.csv"):
            layers[r["channel"]].add_edge(r["source"], r["target"])
        return {
            "M": nx.MultiGraph([(r["source"], r["target"]) for r in rows("channels.csv")]),
            "layers": layers,
        }
    signed = nx.Graph()
    signed.add_nodes_from(FIVE)
    signed.add_edges_from((*pair, {"sign": sign}) for pair, sign in signs_of().items())
    return {"S": signed}


def chapter_of(name):
    return int(CHECKS[name].__module__[-1])  # summitkit.ch02 -> 2


@pytest.fixture
def notebook(monkeypatch):
    """The notebook's variables as the checks see them: a dict that a test fills."""
    namespace = {}
    monkeypatch.setattr(summitkit.feedback, "user_namespace", lambda: namespace)
    return namespace


def flipped(sign):
    return "+" if sign == "-" else "-"


def balanced_in(graph):
    return list(
        triads({frozenset((u, v)): d for u, v, d in graph.edges(data="sign")}).values()
    ).count("balanced")


def test_outside_a_notebook_no_graph_is_compared(monkeypatch):
    # Other tests in this process may have started an IPython shell: stand in for none.
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    assert summitkit.feedback.user_namespace() is None
    assert (
        judge(
            "check_components_without_russia", right_answers()["check_components_without_russia"]
        ).warning
        == ""
    )


@pytest.mark.parametrize("name", sorted(set(CHECKS) - {"check_my_coding"}))
def test_the_chapters_graphs_as_setup_2_makes_them_give_no_warning(name, notebook):
    # Every check but Code §9's compares the chapter's graphs; unchanged, they match its rebuild.
    notebook.update(chapter_graphs(chapter_of(name)))
    feedback = judge(name, right_answers()[name])
    assert feedback.correct and feedback.warning == "", feedback


def test_remove_russia_from_A_itself_is_named(notebook):
    notebook.update(chapter_graphs(2))
    a = notebook["A"]
    a.remove_node("russia")  # the slip: no copy first
    feedback = judge("check_components_without_russia", list(nx.connected_components(a)))
    # The answer is right, so the verdict stands; the warning says what else went wrong.
    assert feedback.status == "correct", feedback
    assert feedback.warning == (
        "You removed Russia from A itself: copy it first (H = A.copy()), then run "
        "Setup 2 to restore A."
    ), feedback.warning
    assert "\n⚠ You removed Russia from A itself" in repr(feedback)
    assert "⚠</strong> You removed Russia from A itself" in feedback._repr_html_()
    # Every later check of the chapter says so too: its answers come from A or S.
    later = judge("check_pairs_needing_russia", right_answers()["check_pairs_needing_russia"])
    assert "You removed Russia from A itself" in later.warning
    # H = A copies nothing: the warning names it.
    notebook["H"] = a
    feedback = judge("check_components_without_russia", list(nx.connected_components(a)))
    assert (
        "You removed Russia from A itself (H = A made H another name for A, not a copy): use "
        "H = A.copy(), then run Setup 2 to restore A." == feedback.warning
    ), feedback.warning
    assert not sentence_problems(feedback.warning), sentence_problems(feedback.warning)


def test_flip_one_sign_on_S_itself_is_named(notebook):
    notebook.update(chapter_graphs(4))
    S = notebook["S"]
    right = right_answers()["check_best_flip"]  # worked out before S changed
    scores = {}
    for a, b in list(S.edges()):
        H = S  # the slip: another name for S, not a copy
        H.edges[a, b]["sign"] = flipped(S.edges[a, b]["sign"])
        scores[tuple(sorted((a, b)))] = balanced_in(H)
    notebook["H"] = H
    feedback = judge("check_best_flip", Answers((max(scores, key=scores.get), scores)))
    assert feedback.status == "incorrect" and feedback.hint == "copy-once", feedback
    warning = feedback.warning
    assert warning.startswith(f"You changed the sign of {len(scores)} ties in S itself"), warning
    assert (
        "(H = S made H another name for S, not a copy): use H = S.copy(), then run Setup 2 to restore S."
        in warning
    ), warning
    # A right answer still gets the warning, and stays correct.
    feedback = judge("check_best_flip", right)
    assert feedback.status == "correct" and "S itself" in feedback.warning
    # One sign changed is named.
    notebook.update(chapter_graphs(4))
    notebook["S"].edges["united_states", "north_korea"]["sign"] = "-"
    warning = judge("check_triangles", right_answers()["check_triangles"]).warning
    assert warning.startswith(
        "You changed the sign of the North Korea–United States tie in S itself: copy it "
        "first (H = S.copy())"
    ), warning


def test_cutting_the_layers_themselves_is_named(notebook):
    notebook.update(chapter_graphs(3))
    layers = notebook["layers"]
    for channel, layer in layers.items():
        H = layer  # the slip: no copy
        H.add_edges_from([(partner, "outside") for partner in layer if partner != "north_korea"])
    notebook["H"] = H
    feedback = judge("check_layer_cuts", right_answers()["check_layer_cuts"])
    assert feedback.status == "correct"
    warning = feedback.warning
    assert warning.startswith(f"You changed {len(CHANNEL_NAMES)} of the graphs in layers itself"), (
        warning
    )
    assert (
        "added 'outside' to layers[" in warning and "run Setup 2 to restore layers." in warning
    ), warning
    assert f"H is another name for layers[{CHANNEL_NAMES[-1]!r}], not a copy" in warning, warning
    # One layer changed, through H.
    notebook.update(chapter_graphs(3))
    notebook["H"] = notebook["layers"]["telecom"]
    notebook["H"].add_edge("china", "outside")
    warning = judge("check_layer_cuts", right_answers()["check_layer_cuts"]).warning
    assert warning == (
        "You added 'outside' to layers['telecom'] itself (H = layers['telecom'] made H another "
        "name for layers['telecom'], not a copy): use H = layers['telecom'].copy(), then run "
        "Setup 2 to restore layers."
    ), warning


def test_another_name_is_named_only_when_it_is_the_graphs_one_other_name(notebook):
    # Chapter 3 itself writes pipeline = layers['pipeline'], and its loop leaves layer on the last
    # layer: with two other names, the warning cannot say which one changed the layer.
    notebook.update(chapter_graphs(3))
    layer = notebook["pipeline"] = notebook["layers"]["pipeline"]
    layer.remove_node(sorted(layer)[0])
    warning = judge("check_layer_cuts", right_answers()["check_layer_cuts"]).warning
    assert "(pipeline = layers['pipeline'] made pipeline another name" in warning, warning
    notebook["layer"] = layer
    warning = judge("check_layer_cuts", right_answers()["check_layer_cuts"]).warning
    assert warning.endswith(
        "itself: copy it first (H = layers['pipeline'].copy()), then run Setup 2 to restore layers."
    ), warning


def test_the_economic_graph_made_from_A_itself_is_named(notebook):
    notebook.update(chapter_graphs(1))
    A_econ = notebook["A"]  # the slip: another name for A, not a copy
    economic = {
        frozenset((t["source"], t["target"]))
        for t in rows("ties.csv")
        if t["relation"] == "economic"
    }
    A_econ.remove_edges_from(
        [(u, v) for u, v in A_econ.edges() if frozenset((u, v)) not in economic]
    )
    A_econ.remove_nodes_from([n for n in list(A_econ) if A_econ.degree(n) == 0])
    notebook["A_econ"] = A_econ
    feedback = judge("check_economic_graph", A_econ)
    assert feedback.status == "correct", feedback
    assert (
        "from A itself (A_econ = A made A_econ another name for A, not a copy): use A_econ = A.copy(), "
        "then run Setup 2 to restore A." in feedback.warning
    ), feedback.warning


def test_a_graph_name_given_to_something_else_is_named(notebook):
    notebook.update(chapter_graphs(4))
    notebook["S"] = list(notebook["S"].edges())
    warning = judge("check_triangles", right_answers()["check_triangles"]).warning
    assert (
        warning == "S is no longer the chapter's graph (it is a list): run Setup 2 to restore S."
    ), warning


# --- No message gives a solution away --------------------------------------------------------------
# The pieces of solution text the student edition's leak test looks for (test_student_edition.py).

SOLUTION_FRAGMENTS = {path.name: fragments(load_notebook(path)) for path in NOTEBOOKS}


def solution_in(text):
    """(exercise label, piece) for every piece of a solution that the text contains."""
    text = normalise(text)
    return [
        (label, piece)
        for pieces in SOLUTION_FRAGMENTS.values()
        for label, items in pieces.items()
        for piece in items
        if piece in text
    ]


def every_message():
    """(what was fed, Feedback) for every wrong answer above, every right answer, every placeholder."""
    for name in sorted(CHECKS):
        for hint, answer in WRONG_ANSWERS[name]().items():
            yield f"{name}:{hint}", judge(name, answer)
        yield f"{name}:right", judge(name, right_answers()[name])
        for answer in placeholders(name):
            yield f"{name}:placeholder", judge(name, answer)


def test_no_message_gives_a_solution_away():
    checked = 0
    for what, feedback in every_message():
        found = solution_in(f"{feedback.message} {feedback.warning}")
        assert not found, (
            f"{what}: the message holds solution text of {found[0][0]}: {found[0][1]!r}"
        )
        checked += 1
    assert checked > len(CASES)


def test_the_solution_search_would_find_a_leak():
    # Each code exercise's solution gives pieces to look for, and a message holding one is caught.
    for path in NOTEBOOKS:
        for label, pieces in SOLUTION_FRAGMENTS[path.name].items():
            assert pieces, f"{label}: no solution text to look for"
    piece = SOLUTION_FRAGMENTS["04-alignment-with-china.ipynb"]["ex-flip-one-sign"][0]
    assert solution_in(f"Incorrect. Try this: {piece}")
