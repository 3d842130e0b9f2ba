"""Checks that teach: every common mistake a check names (its ``hints``) is fed a wrong answer here,
gets its own hint (with the verdict and the words SAYS asks for), and every message reads as
sentences and gives no solution away. Every check leaves a generator unread, tells a student who
has not run the answer cell to run it, and warns when the student's code changed one of the
chapter's graphs.

The wrong answers and right answers are answers.py's battery; they and the notebook's graphs are
built from the CSV files (reference.py), never from summitkit.
"""

import re

import networkx as nx
import pandas as pd
import pytest

import summitkit
import summitkit.feedback
from answers import (
    CHECKS,
    WRONG_ANSWERS,
    Answers,
    generated_slips,
    judge,
    once,
    placeholders,
    right_answers,
    solution_in,
)
from conftest import NOTEBOOKS
from reference import (
    CHANNEL_NAMES,
    FIVE,
    multigraph,
    role_graphs,
    role_ties,
    signs_of,
    simple_graph,
    triads,
)
from solution_text import SOLUTION_TEXT
from tools import read_rows

CASES = [(name, hint) for name, check in CHECKS.items() for hint in check.hints]

# What a check says of some of the battery's wrong answers: its verdict, and words its message must
# hold. Each answer of the battery is judged for its hint here only; test_exercises.py judges the
# answers the battery does not hold.
SAYS = {
    "check_repeated_ties": {
        "networkx-view": ("wrong type", "DegreeView", "dict"),
        "values-not-numbers": ("wrong type", "whole number"),
        "display-names": ("incorrect", "Use ids as keys"),
        "degree-in-A": ("incorrect", "degrees in A"),
        "degree-in-M": ("incorrect", "degrees in M"),
    },
    "check_economic_graph": {
        "dataframe": ("wrong type", "nx.Graph()"),
        "every-tie": ("incorrect", "every tie", "'economic'"),
    },
    "check_state_betweenness": {
        "graph-A": ("incorrect", "Use S"),
        "raw-counts": ("incorrect", "raw counts"),
        "degree-centrality": ("incorrect", "degree centralities"),
        "display-names": ("incorrect", "Use ids"),
        "rounded": ("incorrect", "unrounded", "three decimals"),
    },
    "check_components_without_russia": {
        "generator": ("wrong type", "Wrap it in list"),
        "graph-not-components": ("wrong type", "This is a graph"),
        "russia-still-there": ("incorrect", "Russia is still in your graph"),
        "graph-S": ("incorrect", "components of S"),
        "too-few-components": ("incorrect", "in 1 component(s), expected 2"),
        "too-many-components": ("incorrect", "remove only Russia"),
        "display-names": ("incorrect", "Use ids"),
    },
    "check_pairs_needing_russia": {
        "some-paths": ("incorrect", "not on every one"),
        "pairs-with-russia": ("incorrect", "Leave out pairs that include Russia"),
        "path-avoids-russia": ("incorrect", "Some shortest path avoids Russia"),
        "pairs-missing": ("incorrect", "pair(s) missing"),
        "pairs-as-strings": ("wrong type", "holds strings", "tuple of two ids"),
        "empty": ("incorrect", "Your set is empty: check the test in your if", "'russia'"),
        "not-states": ("incorrect", "Not a state in S"),
        "display-names": ("incorrect", "Use ids"),
    },
    "check_channels_per_pair": {
        "series": ("wrong type", ".to_dict()"),
        "key-not-pair": ("wrong type",),
        "counted-sources": ("incorrect", "count each channel once per pair"),
        "both-directions": ("incorrect", "same pair, counted in both directions. Merge them"),
        "zero-counts": ("incorrect", "Leave out pairs with no channel"),
        "display-names": ("incorrect", "Use ids"),
    },
    "check_layer_cuts": {
        "values-not-sets": ("wrong type",),
        "connectivity-numbers": ("wrong type", "minimum_node_cut"),
        "all-layers": ("incorrect", "Build one graph per channel"),
        "ends-in-cut": ("incorrect", "leave out"),
        "channels-missing": ("incorrect", "missing: pipeline"),
        "not-channels": ("incorrect", "Not a channel: rail"),
        "too-few": ("incorrect", "too few"),
        "display-names": ("incorrect", "Use ids"),
        "pipeline-cut-copied": ("incorrect", "separates other actors from each other"),
        "empty-cut": ("incorrect", "an empty cut removes no one"),
    },
    "check_my_coding": {
        "not-four-parts": ("wrong type",),
        "empty-list": ("wrong type",),
        "display-names": ("incorrect", "Use ids"),
        "article-name": ("incorrect", "use its id, 'russia'"),
        "single-tie": ("wrong type", "put it in a list"),
        "dataframe": ("wrong type", "itertuples"),
        "near-kind": ("incorrect", "spells this kind 'labour'"),
        "unknown-id": ("incorrect", "'japan' is not an actor id"),
    },
    "check_triangles": {
        "triangles-without-labels": ("wrong type",),
        "key-not-triangle": ("wrong type",),
        "not-a-label": ("wrong type",),
        "majority-rule": ("incorrect", "majority of signs"),
        "all-reversed": ("incorrect", "opposite of the right one"),
        "not-a-triangle": ("incorrect", "not a triangle"),
        "triangles-missing": ("incorrect", "1 triangle(s) missing"),
        "one-label-only": ("incorrect", "You labelled only the unbalanced triangles", "every"),
        "display-names": ("incorrect", "Use ids"),
        "not-states": ("incorrect", "not one of the five state ids"),
        "pairs-not-dict": ("wrong type", "dict(pairs)"),
    },
    "check_best_flip": {
        "key-not-pair": ("wrong type",),
        "values-not-numbers": ("wrong type",),
        "unsorted-keys": ("wrong type", "tuple(sorted((a, b)))"),
        "not-tied": ("incorrect", "no sign to flip"),
        "largest-key": ("incorrect", "max(scores)"),
        "tie-and-score": ("wrong type", "(tie, score)", "max(scores, key=scores.get)"),
    },
    "check_added_event": {
        "one-number": ("wrong type", "one number"),
        "record-as-it-is": ("incorrect", "as it is"),
        "latest-snapshot": ("incorrect", "latest date"),
        "not-normalised": ("incorrect", "without dividing"),
        "display-names": ("incorrect", "Use ids"),
        "not-the-states": ("incorrect", "five states"),
        "values-not-numbers": ("wrong type",),
        "rounded": ("incorrect", "unrounded", "three decimals"),
    },
    "check_betweenness_change": {
        "wrong-way-round": ("incorrect", "wrong sign"),
        "one-snapshot": ("incorrect", "one snapshot"),
        "absolute-values": ("incorrect", "one state rises and one falls", "keep the sign"),
        "rounded": ("incorrect", "unrounded", "three decimals"),
    },
    "check_state_media": {
        "unknown-ids": ("incorrect", "not an id"),
        "primary-sources": ("incorrect", "primary sources"),
        "ids-missing": ("incorrect", "missing"),
        "ids-extra": ("incorrect", "not state media"),
        "years-missing": ("incorrect", "2018 is missing"),
        "ties-kept": ("incorrect", "remain"),
        "display-names": ("incorrect", "Use ids"),
    },
    "check_crs_paragraph": {
        "settled-rule": ("incorrect", "section 10"),
        "hedged-as-stated": ("incorrect",),
        "paragraph-id": ("incorrect", "2024-10-02"),
        "alias-actor": ("incorrect", "another name"),
        "paraphrase": ("incorrect", "grew"),
        "longer-excerpt": ("incorrect", "word for word", "shorter phrase", "'raised'"),
        "typographic-minus": ("incorrect", "'\u2212'", "typographic minus", "plain '-'"),
        "topic-in-list": (
            "incorrect",
            "verbatim quotation",
            "a topic the paragraph lists",
            "section 10",
            "A topic in a list is not a tie",
        ),
        "verbatim-not-coded": ("incorrect", "verbatim quotation", "'reports'"),
    },
    "check_version_change": {
        "display-names": ("incorrect", "Use ids"),
        "dataframe": ("wrong type", "DataFrame", "make a set of tuples from its rows"),
        "pair-as-one": (
            "wrong type",
            "write the pair as two ids, sorted",
            "(a, b, relation, status)",
        ),
        "with-sign": ("wrong type", "five parts", "four", "without the sign"),
    },
    "check_agreement": {
        "rounded": ("incorrect", "unrounded", "three decimals"),
        "version-actors": ("incorrect", "either coder's actors.csv"),
    },
    "check_two_framings": {
        "rounded": ("incorrect", "unrounded", "three decimals"),
        "graph-S": ("incorrect", "betweenness in S"),
        "commentary-left-out": ("incorrect", "commentary included"),
        "later-version": ("incorrect", "not the value of", "September 2024", "first version"),
    },
}
# Missing pairs are counted, not named: finding them is the exercise.
NOT_SAID = {
    ("check_pairs_needing_russia", "pairs-missing"): "china",
    # October 2024 and June 2025 give the same value: the message names neither as the answer's
    ("check_two_framings", "later-version"): "June 2025",
}


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
        assert set(SAYS.get(name, {})) <= fed, f"{name}: SAYS names a hint the battery has not"


@pytest.mark.parametrize("name, hint", CASES, ids=[f"{n}:{h}" for n, h in CASES])
def test_each_wrong_answer_gets_its_own_hint(name, hint):
    answer = WRONG_ANSWERS[name]()[hint]
    feedback = judge(name, answer)
    assert feedback.status in ("wrong type", "incorrect"), feedback
    assert feedback.hint == hint, (
        f"expected the {hint!r} hint, got {feedback.hint!r}: {feedback.message}"
    )
    assert not sentence_problems(feedback.message), sentence_problems(feedback.message)
    status, *words = SAYS.get(name, {}).get(hint, (feedback.status,))
    assert feedback.status == status, feedback
    assert all(w in feedback.message for w in words), (words, feedback.message)
    if (name, hint) in NOT_SAID:
        assert NOT_SAID[name, hint] not in feedback.message, feedback.message


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


def test_the_right_answers_are_right():
    # So that the tests below, which feed them, feed what a student who solved the exercise gives.
    assert set(right_answers()) == set(CHECKS)
    for name, answer in right_answers().items():
        assert judge(name, answer).status == ("correct" if CHECKS[name].marks else "compared"), name


# --- Not attempted: run the answer's cell first ----------------------------------------------------


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_not_attempted_says_to_run_the_answer_cell_first(name):
    # A student who typed an answer but ran only the check cell sees the scaffold's placeholder.
    for answer in placeholders(name):
        feedback = judge(name, answer)
        assert feedback.status == "not attempted", (answer, feedback)
        assert "run its cell first" in feedback.message, feedback.message
        assert not sentence_problems(feedback.message), sentence_problems(feedback.message)


def test_none_is_not_attempted_only_where_the_scaffold_assigns_none():
    # Chapter 1's scaffold writes A_econ = None; every other scaffold writes ..., where None is what
    # betweenness = print(...) or needs_russia = [...].sort() leaves.
    assert summitkit.check_economic_graph(None).status == "not attempted"
    assert summitkit.check_economic_graph(...).status == "not attempted"
    feedback = summitkit.check_state_betweenness(None)
    assert (feedback.status, feedback.hint) == ("wrong type", "none-returned"), feedback
    assert feedback.message.startswith("Your answer is None: print(), .sort(), .remove_node()")
    best, scores = right_answers()["check_best_flip"]
    feedback = summitkit.check_best_flip(None, scores)
    assert feedback.message.startswith("Your best_flip is None: "), feedback.message
    # A placeholder left elsewhere is still the news: that answer is not attempted.
    assert summitkit.check_best_flip(None, ...).status == "not attempted"


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
        for r in read_rows("channels.csv"):
            layers[r["channel"]].add_edge(r["source"], r["target"])
        return {
            "M": nx.MultiGraph([(r["source"], r["target"]) for r in read_rows("channels.csv")]),
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


def test_classify_after_S_changed_in_place_blames_the_graph_not_the_rule(notebook):
    # H = S in Flip one sign turns every sign of S itself; then Classify the triangles, run again,
    # classifies the changed S with the right rule. The verdict says so, not "opposite labels".
    notebook.update(chapter_graphs(4))
    S = notebook["S"]
    for a, b in list(S.edges()):
        H = S  # the slip: another name for S, not a copy
        H.edges[a, b]["sign"] = flipped(S.edges[a, b]["sign"])
    notebook["H"] = H
    signs = {frozenset((u, v)): sign for u, v, sign in S.edges(data="sign")}
    classified = {tuple(sorted(t)): label for t, label in triads(signs).items()}
    feedback = judge("check_triangles", classified)
    assert feedback.status == "incorrect", feedback
    assert "opposite" not in feedback.message, feedback.message
    assert "right for S as the notebook holds it now" in feedback.message, feedback.message
    assert "Run Setup 2 to restore S" in feedback.message
    assert "S itself" in feedback.warning, feedback.warning
    assert not sentence_problems(feedback.message), sentence_problems(feedback.message)


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
        for t in read_rows("ties.csv")
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


def test_a_row_added_to_data_record_itself_is_named(notebook):
    # Add an event asks for a copy of the record; data.record.loc[...] = row changes the notebook's
    # own, which every later snapshot reads. The verdict stands (the answer is right); the warning
    # says so, as for a changed graph.
    data = notebook["data"] = summitkit.load_data()  # the notebook's Setup 1
    right = right_answers()["check_added_event"]
    assert judge("check_added_event", right).warning == ""
    row = {
        "date": pd.Timestamp("2024-12-31"),
        "source": "china",
        "target": "north_korea",
        "kind": "economic",
    }
    data.record.loc[len(data.record)] = {**row, "sign": "+", "status": "", "tie": "yes"}
    feedback = judge("check_added_event", right)
    assert feedback.status == "correct", feedback
    assert feedback.warning.startswith(
        "data.record has a row the file does not: 2024-12-31 china–north_korea economic; "
        "restore it by running Setup 1"
    ), feedback.warning
    assert not sentence_problems(feedback.warning), sentence_problems(feedback.warning)
    # Every check of the chapter reads the record through snapshot: each warns.
    later = judge("check_betweenness_change", right_answers()["check_betweenness_change"])
    assert later.warning == feedback.warning
    notebook["data"] = summitkit.load_data()  # Setup 1 again
    assert judge("check_added_event", right).warning == ""


# --- No message gives a solution away --------------------------------------------------------------
# The pieces of solution text the student edition's leak test looks for (solution_text.py).


def every_message():
    """(what was fed, Feedback) for every wrong answer of the battery, every right answer, every
    placeholder."""
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
        for label, pieces in SOLUTION_TEXT[path.name].items():
            assert pieces, f"{label}: no solution text to look for"
    piece = SOLUTION_TEXT["04-alignment-with-china.ipynb"]["ex-flip-one-sign"][0]
    assert solution_in(f"Incorrect. Try this: {piece}")


# --- The slips any answer invites, for every check (answers.py's generated_slips) -------------------

GENERATED = [(name, slip) for name in sorted(CHECKS) for slip in generated_slips(name)]
# The message of an answer the check could not read at all: what a traceback would have been.
UNREAD = "The check could not read this answer"


@pytest.mark.parametrize("name, slip", GENERATED, ids=[f"{n}:{'/'.join(s)}" for n, s in GENERATED])
def test_every_check_answers_the_slips_any_answer_invites(name, slip):
    answer, expected = generated_slips(name)[slip]
    feedback = judge(name, answer)
    assert not feedback.message.startswith(UNREAD), feedback.message
    assert not sentence_problems(feedback.message), sentence_problems(feedback.message)
    if expected == "correct":  # rounded to three decimals, the precision the chapters print
        assert feedback.status in ("correct", "compared"), feedback
    elif expected == "not attempted":
        assert feedback.status == "not attempted", feedback
    elif expected is not None or slip[1] in ("one-missing", "one-extra", "series", "dataframe"):
        assert feedback.status in ("wrong type", "incorrect"), feedback
    if expected == "rounded":
        assert feedback.hint == "rounded" and "three decimals" in feedback.message, feedback
    if expected == "generator":
        assert feedback.hint == "generator", feedback
    if expected == "none-returned":  # x = print(...): the cell ran, and the call returned None
        assert (feedback.status, feedback.hint) == ("wrong type", "none-returned"), feedback
        assert (
            " is None: print(), .sort(), .remove_node() and other calls that change or show "
            "something return None; assign the value itself." in feedback.message
        ), feedback.message
        assert "run its cell first" not in feedback.message, feedback.message
    if expected == "display-names":  # the message names the slip: ids, not names
        assert re.search(r"\bids?\b", feedback.message), feedback.message
