"""Answer checks: they judge wrong types, plausible wrong answers and right answers correctly, against
answers computed from the CSV files (reference.py), and every reference solution in the notebooks
passes its own check.

The placeholders, the right answers' verdicts and the battery of wrong answers, one for each hint a
check names (answers.py), are judged in test_hints.py; the answers here are the others.
"""

import re

import networkx as nx
import pytest

import summitkit
from answers import Answers, right_answers
from chapter_parts import cell_text, exercises, run_of, solution_code
from conftest import NOTEBOOKS, load_notebook
from reference import (
    ARTICLE_DAY,
    CHANNEL_NAMES,
    CRS_B,
    END_2024,
    FIVE,
    TRADE_2024,
    as_of,
    channel_sets,
    crs_agreement,
    crs_change,
    crs_paragraph_rows,
    flip_scores,
    framing_betweenness,
    layer_cuts,
    lost_without_state_media,
    pairs_needing,
    record_betweenness,
    reference_economic_graph,
    reference_repeated_ties,
    role_graphs,
    signs_of,
    state_media_ids,
    states,
    triads,
)
from tools import read_rows


class Explodes:
    """An answer whose comparison raises, to prove a check never passes a traceback on."""

    def __eq__(self, other):
        raise RuntimeError("boom")

    __hash__ = object.__hash__


# --- Exercise: repeated ties ----------------------------------------------------------------


@pytest.mark.parametrize("answer", ["russia: 8", [("russia", 8)], 8, {"russia", "china"}])
def test_repeated_ties_wrong_type(answer):
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "wrong type"
    assert "dict" in feedback.message


def test_repeated_ties_numpy_integers_are_fine():
    import numpy as np

    answer = {k: np.int64(v) for k, v in reference_repeated_ties().items()}
    assert summitkit.check_repeated_ties(answer).status == "correct"


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


def test_repeated_ties_one_wrong_value_says_which_way():
    answer = reference_repeated_ties()
    answer["russia"] += 1
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "incorrect"
    assert "Russia is too high" in feedback.message


def test_repeated_ties_check_never_raises():
    answer = {k: Explodes() for k in states()}
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status in {"wrong type", "incorrect"}


# --- Exercise: the economic network ----------------------------------------------------------


@pytest.mark.parametrize(
    "answer", [[("russia", "north_korea")], {"russia": ["north_korea"]}, "A_econ"]
)
def test_economic_graph_wrong_type(answer):
    feedback = summitkit.check_economic_graph(answer)
    assert feedback.status == "wrong type"
    assert "networkx graph" in feedback.message


def test_economic_graph_with_every_actor_is_wrong():
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


def test_feedback_renders_as_text_and_html():
    feedback = summitkit.check_economic_graph(None)
    assert repr(feedback).startswith("… The economic network: Not attempted.")
    assert "<div" in feedback._repr_html_()


# --- Chapter 2: brokerage in K1 and §1–§7 -------------------------------------------------------


def test_role_graphs_are_the_articles():
    # Guards the independent rebuild: officials are people, states are states.
    a, s = role_graphs()
    kinds = {r["id"]: r["kind"] for r in read_rows("actors.csv")}
    assert {kinds[n] for n in s} == {"state"}
    assert {n for n in a if kinds[n] == "person"} and "russia" in s


def test_state_betweenness_feedback():
    check = summitkit.check_state_betweenness
    _, s = role_graphs()
    for answer in ([("russia", 0.5)], "russia", 0.58):
        assert check(answer).status == "wrong type", answer
    assert "a dict" in check(list(nx.betweenness_centrality(s).items())).message
    nudged = nx.betweenness_centrality(s)
    nudged["north_korea"] += 0.1
    feedback = check(nudged)
    assert feedback.status == "incorrect" and "North Korea is too high" in feedback.message
    missing = nx.betweenness_centrality(s)
    del missing["china"]
    assert "missing: China" in check(missing).message
    feedback = check(nx.betweenness_centrality(s))
    assert feedback.status == "correct", feedback.message
    top = max(nx.betweenness_centrality(s).items(), key=lambda kv: kv[1])[0]
    assert {r["id"]: r["name"] for r in read_rows("actors.csv")}[top] in feedback.message


def test_components_without_russia_feedback():
    check = summitkit.check_components_without_russia
    a, _ = role_graphs()
    h = a.copy()
    h.remove_node("russia")
    right = list(nx.connected_components(h))
    for answer in ("china", ["china", "north_korea"], 2, {"china": 1}):
        assert check(answer).status == "wrong type", answer
    assert check([frozenset(c) for c in reversed(right)]).status == "correct"  # order free
    assert check([sorted(c) for c in right]).status == "correct"  # a component may be a list


def test_pairs_needing_russia_feedback():
    check = summitkit.check_pairs_needing_russia
    _, s = role_graphs()
    right = pairs_needing(s, "russia")
    assert right, "the data should give at least one pair that needs Russia"
    for answer in ("china", [("china", "north_korea", "russia")], 3, {"china": "north_korea"}):
        assert check(answer).status == "wrong type", answer
    # Russia on some shortest path of a pair, not all: the data should have one (answers.py feeds it).
    some = pairs_needing(s, "russia", every=False)
    assert some > right, "the data should have a pair where Russia is one route of several"
    fewer = set(list(right)[1:])
    assert check(fewer).status == "incorrect" and "missing" in check(fewer).message
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


def test_channel_sets_match_the_data():
    # Guards the rebuild: every channel is used, and the article's main pair has the most.
    sets = channel_sets()
    assert set().union(*sets.values()) == set(CHANNEL_NAMES) == set(summitkit.CHANNELS)
    assert max(sets, key=lambda p: len(sets[p])) == frozenset(("russia", "north_korea"))


def test_channels_per_pair_feedback():
    check = summitkit.check_channels_per_pair
    right = {tuple(sorted(p)): len(c) for p, c in channel_sets().items()}
    for answer in ([("russia", 6)], "russia", 6, {("a", "b"): "6"}):
        assert check(answer).status == "wrong type", answer
    fewer = dict(list(right.items())[1:])
    assert "missing" in check(fewer).message
    more = {**right, ("china", "russia"): 1}
    assert "share no channel" in check(more).message
    nudged = {**right, ("north_korea", "russia"): right[("north_korea", "russia")] + 1}
    assert "too many channels" in check(nudged).message
    assert (
        check({tuple(reversed(k)): v for k, v in right.items()}).status == "correct"
    )  # order free


def test_layer_cuts_feedback():
    check = summitkit.check_layer_cuts
    right = layer_cuts()
    for answer in ([{"russia"}], "russia"):
        assert check(answer).status == "wrong type", answer
    # The telecom layer before October 2017 (no Russian link), a plausible slip (answers.py feeds it).
    before = layer_cuts(remove={(frozenset(("russia", "north_korea")), "telecom")})
    assert before["telecom"] == {"china"}
    # Display names in one value only, among ids, still get the hint.
    assert "Use ids" in check({**right, "port": {"China", "Russia"}}).message
    feedback = check(right)
    assert feedback.status == "correct", feedback.message
    assert "In these data" in feedback.message
    single = sorted(c for c, v in right.items() if len(v) == 1)
    assert single and all(c in feedback.message for c in single)
    assert check({c: sorted(v) for c, v in right.items()}).status == "correct"  # a list is fine


def test_my_coding_feedback():
    check = summitkit.check_my_coding
    for answer in ("russia", [("russia", "north_korea", "labour", 3)]):
        assert check(answer).status == "wrong type", answer
    assert "Use ids" in check([("Russia", "north_korea", "labour", "laborers")]).message  # mixed
    # The article's other names for an actor (data/actors.csv, aliases): answers.py feeds 'moscow'.
    aliases = {r["id"]: r["aliases"] for r in read_rows("actors.csv")}
    assert "Moscow" in aliases["russia"]
    # A kind of the student's own is allowed, and named for the discussion.
    own = check([("russia", "north_korea", "cultural", "cultural")])
    assert own.status == "compared" and "Kinds that data/ does not use: cultural" in own.message
    assert "one lower-case word" in check([("russia", "north_korea", "Labour Ties", "x")]).message
    assert "words" in check([("russia", "north_korea", "labour", " ".join(["w"] * 30))]).message
    # A well-formed coding is compared with the data of §9, taken here from the CSV files, each
    # row counted (two economic ties for one pair are two differences to discuss, not one).
    data_rows = [
        (frozenset((t["source"], t["target"])), t["relation"])
        for t in read_rows("ties.csv")
        if t["paragraph"] == "9"
    ] + [
        (frozenset((c["source"], c["target"])), c["channel"])
        for c in read_rows("channels.csv")
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


def test_chapter_4_checks_answer_as_they_should():
    check = summitkit.check_triangles
    right = {tuple(sorted(t)): v for t, v in triads(signs_of()).items()}
    for answer in ("russia", 3, {k: True for k in right}):
        assert check(answer).status == "wrong type", answer
    assert "True and False" in check({k: True for k in right}).message
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
    for answer in (
        "russia",
        ("russia",),
        ("russia", "china", "united_states"),
        5,
        {"russia": "china"},
    ):
        assert check(answer, scores).status == "wrong type", answer
    for wrong_scores in ("russia", 5, [("russia", "china")]):
        assert check(winners[0], wrong_scores).status == "wrong type", wrong_scores
    # One answer where the check takes two (the chapter once asked for best_flip alone).
    feedback = check(winners[0])
    assert (
        feedback.status == "wrong type" and "check_best_flip(best_flip, scores)" in feedback.message
    )
    # The scores are read, key by key: every tie of S, each counted alone.
    fewer = dict(list(scores.items())[1:])
    assert "1 tie(s) of S missing from scores" in check(winners[0], fewer).message
    nudged = {**scores, winners[0]: best - 1}
    feedback = check(winners[0], nudged)
    assert (
        feedback.status == "incorrect"
        and "1 score(s) differ" in feedback.message
        and "too low" in feedback.message
    )
    # max(scores), the key that sorts last, is answers.py's; a pair with no tie; a flip that leaves
    # the count as it is.
    largest = max(scores)
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
    names = {r["id"]: r["name"] for r in read_rows("actors.csv")}
    assert "Use ids" in check(tuple(names[n] for n in winners[0]), scores).message
    feedback = check(winners[0], scores)
    assert feedback.status == "correct", feedback.message
    assert f"balances {best} of {len(right)} triangles, up from {now}" in feedback.message
    assert check(tuple(reversed(winners[0])), scores).status == "correct"


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


def test_code_a_crs_paragraph_knows_the_paragraph_the_exercise_quotes():
    # The check reads a verbatim excerpt of a topic the paragraph lists (codebook section 10) from
    # its own copy of the paragraph: the same words as the exercise quotes.
    from summitkit.ch06 import CODED_TEXT, TOPIC_LIST

    nb = load_notebook(next(p for p in NOTEBOOKS if p.name.startswith("06-")))
    cell = next(c for c in nb.cells if "ex-code-crs-paragraph" in cell_text(c))
    quoted = " ".join(
        line[1:].strip() for line in cell_text(cell).splitlines() if line.startswith(">")
    )
    assert CODED_TEXT in " ".join(quoted.split()), quoted
    assert TOPIC_LIST in CODED_TEXT


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_check_knows_the_placeholder_its_scaffold_assigns(path):
    # None is "not attempted" only where the scaffold assigns None; where it assigns ..., None is
    # the result of a call that returns None (x = print(...)), and the check says so.
    nb = load_notebook(path)
    for item in exercises(nb):
        if item["scaffold"] is None:
            continue
        assigned = dict(
            re.findall(r"^(\w+) = (\.\.\.|None)$", cell_text(nb.cells[item["scaffold"]]), re.M)
        )
        call = re.fullmatch(r"(check_\w+)\(([\w, ]*)\)", cell_text(nb.cells[item["check"]]).strip())
        check = getattr(summitkit, call.group(1))
        given = [name.strip() for name in call.group(2).split(",")]
        for answer, name in zip(check.answers, given):
            wanted = {"...": ..., "None": None}[assigned[name]]
            assert check.placeholder[answer] is wanted, (item["label"], name, assigned[name])


# --- Chapter 5: the record over time ------------------------------------------------------------


def test_chapter_5_add_an_event():
    check = summitkit.check_added_event
    right = record_betweenness(END_2024, extra=[TRADE_2024])
    assert right != record_betweenness(END_2024), "the new event should change the measure"
    for answer in ("russia", [0.1, 0.2]):
        assert check(answer).status == "wrong type", answer
    feedback = check(right)
    assert feedback.status == "correct", feedback.message
    before = record_betweenness(END_2024)["russia"]
    assert f"from {before:.3f} to {right['russia']:.3f}" in feedback.message


def test_chapter_5_what_changed():
    check = summitkit.check_betweenness_change
    before, after = record_betweenness(ARTICLE_DAY), record_betweenness(as_of())
    right = {s: after[s] - before[s] for s in FIVE}
    assert check(0.167).status == "wrong type"
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
    assert check("r01", lost).status == "wrong type"
    assert check(ids, [lost]).status == "wrong type"
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


def test_chapter_6_code_a_crs_paragraph():
    check = summitkit.check_crs_paragraph
    right = crs_paragraph_rows()
    assert right, "the reference coding codes the exercise's paragraph"
    # Coder B's coding, the hedged tie, the paragraph id, an alias and a paraphrase: answers.py.
    assert crs_paragraph_rows(CRS_B) != right
    assert "missing" in check(right[1:]).message or check(right[1:]).status == "correct"


def test_chapter_6_what_changed_between_versions():
    check = summitkit.check_version_change
    gained, lost = crs_change()
    assert gained or lost, "the two versions differ"
    feedback = check(gained, lost)
    assert feedback.status == "correct", feedback.message
    assert (
        f"lacks, and lacks {len(lost)}" in feedback.message
        and f"has {len(gained)} tie(s)" in feedback.message
    )
    assert check({tuple(reversed(t[:2])) + t[2:] for t in gained}, list(lost)).status == "correct"


def test_chapter_6_agreement_on_one_version():
    check = summitkit.check_agreement
    p_o, _, kappa = crs_agreement()
    feedback = check(p_o, kappa)
    assert feedback.status == "correct", feedback.message
    assert f"{kappa:.2f}" in feedback.message
    assert check("0.9", kappa).status == "wrong type"


def test_chapter_6_one_measure_two_framings():
    check = summitkit.check_two_framings
    crs_value, cnbc_value = framing_betweenness()
    assert crs_value != cnbc_value, "the exercise needs two different values"
    feedback = check(crs_value, cnbc_value)
    assert feedback.status == "correct", feedback.message
    assert f"{crs_value:.3f} in the CRS text of September 2024" in feedback.message
    # The values the chapter prints (S, the latest version) are not the answer.
    assert check(*framing_betweenness("S", "2025-06")).status == "incorrect"


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
# Each check's right answers, a number or a dict of numbers each, are answers.py's.


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
def test_numbers_to_three_decimals_are_right_and_a_near_miss_is_not(name):
    # Two decimals get the 'rounded' hint: answers.py feeds them (test_hints.py).
    check = getattr(summitkit, name)
    right = right_answers()[name]
    right = tuple(right) if isinstance(right, Answers) else (right,)
    assert check(*(rounded_to(a, 3) for a in right)).status == "correct"
    # A value off in the third decimal is not right either.
    first = right[0]
    if isinstance(first, dict):
        key = sorted(first)[0]
        off = ({**first, key: first[key] + 0.002},) + tuple(right[1:])
    else:
        off = (first + 0.002,) + tuple(right[1:])
    assert check(*off).status == "incorrect"
