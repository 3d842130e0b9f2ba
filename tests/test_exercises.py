"""Answer checks: they judge placeholders, wrong types, wrong answers and right answers correctly,
and every reference solution in the notebooks passes its own check."""

import copy
import csv
import re

import networkx as nx
import pytest

import summitkit
from conftest import DATA, NOTEBOOKS, cell_text, execute, load_notebook
from test_notebooks import exercises, solution_code


def rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# Expected answers computed here from the CSV files, independently of summitkit.
def simple_graph():
    g = nx.Graph()
    g.add_nodes_from(a["id"] for a in rows("actors.csv"))
    g.add_edges_from((t["source"], t["target"]) for t in rows("ties.csv"))
    return g


def multigraph():
    m = nx.MultiGraph()
    m.add_nodes_from(a["id"] for a in rows("actors.csv"))
    m.add_edges_from((t["source"], t["target"]) for t in rows("ties.csv"))
    return m


def states():
    return [a["id"] for a in rows("actors.csv") if a["kind"] == "state"]


def reference_repeated_ties():
    m, g = multigraph(), simple_graph()
    return {s: m.degree(s) - g.degree(s) for s in states()}


def reference_economic_graph():
    g = nx.Graph()
    g.add_edges_from((t["source"], t["target"]) for t in rows("ties.csv") if t["relation"] == "economic")
    return g


class Explodes:
    """An answer whose comparison raises, to prove a check never passes a traceback on."""

    def __eq__(self, other):
        raise RuntimeError("boom")

    __hash__ = object.__hash__


# --- Exercise: repeated ties ----------------------------------------------------------------

def test_repeated_ties_placeholder():
    for placeholder in (..., None):
        assert summitkit.check_repeated_ties(placeholder).status == "not attempted"


@pytest.mark.parametrize("answer", ["russia: 8", [("russia", 8)], 8, {"russia", "china"}])
def test_repeated_ties_wrong_type(answer):
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "wrong type"
    assert "dict" in feedback.message


def test_repeated_ties_degree_view_gets_a_hint():
    feedback = summitkit.check_repeated_ties(simple_graph().degree(states()))
    assert feedback.status == "wrong type"
    assert "DegreeView" in feedback.message and "dict" in feedback.message


def test_repeated_ties_values_of_the_wrong_type():
    answer = {k: str(v) for k, v in reference_repeated_ties().items()}
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "wrong type"
    assert "whole number" in feedback.message


def test_repeated_ties_numpy_integers_are_fine():
    import numpy as np

    answer = {k: np.int64(v) for k, v in reference_repeated_ties().items()}
    assert summitkit.check_repeated_ties(answer).status == "correct"


def test_repeated_ties_display_names_as_keys_are_explained():
    names = {a["id"]: a["name"] for a in rows("actors.csv")}
    answer = {names[k]: v for k, v in reference_repeated_ties().items()}
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "incorrect"
    assert "Use ids as keys" in feedback.message


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


@pytest.mark.parametrize("graph, hint", [(simple_graph, "degrees in G"), (multigraph, "degrees in M")])
def test_repeated_ties_one_degree_instead_of_the_difference(graph, hint):
    # Plausible mistakes: giving one of the two degrees instead of their difference.
    g = graph()
    answer = {s: g.degree(s) for s in states()}
    assert answer != reference_repeated_ties()
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "incorrect"
    assert hint in feedback.message


def test_repeated_ties_one_wrong_value_says_which_way():
    answer = reference_repeated_ties()
    answer["russia"] += 1
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status == "incorrect"
    assert "Russia is too high" in feedback.message


def test_repeated_ties_reference_answer_is_correct():
    feedback = summitkit.check_repeated_ties(reference_repeated_ties())
    assert feedback.status == "correct", feedback.message
    assert feedback.correct


def test_repeated_ties_check_never_raises():
    answer = {k: Explodes() for k in states()}
    feedback = summitkit.check_repeated_ties(answer)
    assert feedback.status in {"wrong type", "incorrect"}


# --- Exercise: the economic network ----------------------------------------------------------

def test_economic_graph_placeholder():
    for placeholder in (None, ...):
        assert summitkit.check_economic_graph(placeholder).status == "not attempted"


@pytest.mark.parametrize("answer", [[("russia", "north_korea")], {"russia": ["north_korea"]}, "G_econ"])
def test_economic_graph_wrong_type(answer):
    feedback = summitkit.check_economic_graph(answer)
    assert feedback.status == "wrong type"
    assert "networkx graph" in feedback.message


def test_economic_graph_table_instead_of_graph_gets_a_hint():
    import pandas as pd

    feedback = summitkit.check_economic_graph(pd.DataFrame(rows("ties.csv")))
    assert feedback.status == "wrong type"
    assert "nx.Graph()" in feedback.message


def test_economic_graph_with_every_tie_is_wrong():
    feedback = summitkit.check_economic_graph(simple_graph())
    assert feedback.status == "incorrect"
    assert "no economic tie" in feedback.message


def test_economic_graph_missing_pair_is_named():
    answer = reference_economic_graph()
    answer.remove_edge("china", "north_korea")
    feedback = summitkit.check_economic_graph(answer)
    assert feedback.status == "incorrect"
    assert "china – north_korea" in feedback.message


def test_economic_graph_reference_answer_is_correct():
    feedback = summitkit.check_economic_graph(reference_economic_graph())
    assert feedback.status == "correct", feedback.message


def test_feedback_renders_as_text_and_html():
    feedback = summitkit.check_economic_graph(None)
    assert repr(feedback).startswith("… The economic network: not attempted.")
    assert "<div" in feedback._repr_html_()


# --- Every reference solution, run in its notebook, passes its check -------------------------

STATUS = re.compile(r"^\S+ (.+?): (not attempted|wrong type|incorrect|correct)\.", re.M)


def check_statuses(nb):
    """Status printed by each check cell, keyed by cell index."""
    found = {}
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain", "")
            match = STATUS.search(text)
            if match:
                found[i] = match.group(2)
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_reference_solutions_pass_their_checks(path):
    nb = load_notebook(path)
    items = [item for item in exercises(nb) if item["scaffold"] is not None]
    solved = copy.deepcopy(nb)
    for item in items:
        solved.cells[item["scaffold"]].source = solution_code(nb, item)
    execute(solved)
    statuses = check_statuses(solved)
    for item in items:
        assert statuses.get(item["check"]) == "correct", \
            f"{item['label']}: the reference solution got {statuses.get(item['check'])!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_scaffolds_run_and_report_not_attempted(path, executed):
    nb = executed[path]
    statuses = check_statuses(nb)
    for item in exercises(nb):
        if item["scaffold"] is not None:
            assert statuses.get(item["check"]) == "not attempted", item["label"]
            assert "# Your answer" in cell_text(nb.cells[item["scaffold"]])
