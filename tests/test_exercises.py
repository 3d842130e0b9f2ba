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


def reference_state_degrees():
    g = simple_graph()
    return {a["id"]: g.degree(a["id"]) for a in rows("actors.csv") if a["kind"] == "state"}


def reference_economic_graph():
    g = nx.Graph()
    g.add_edges_from((t["source"], t["target"]) for t in rows("ties.csv") if t["relation"] == "economic")
    return g


class Explodes:
    """An answer whose comparison raises, to prove a check never passes a traceback on."""

    def __eq__(self, other):
        raise RuntimeError("boom")

    __hash__ = object.__hash__


# --- Exercise: degrees of the states ---------------------------------------------------------

def test_state_degrees_placeholder():
    for placeholder in (..., None):
        assert summitkit.check_state_degrees(placeholder).status == "not attempted"


@pytest.mark.parametrize("answer", ["russia: 11", [("russia", 11)], 11, {"russia", "china"}])
def test_state_degrees_wrong_type(answer):
    feedback = summitkit.check_state_degrees(answer)
    assert feedback.status == "wrong type"
    assert "dict" in feedback.message


def test_state_degrees_values_of_the_wrong_type():
    answer = {k: str(v) for k, v in reference_state_degrees().items()}
    feedback = summitkit.check_state_degrees(answer)
    assert feedback.status == "wrong type"
    assert "whole numbers" in feedback.message


def test_state_degrees_missing_state_is_named():
    answer = reference_state_degrees()
    del answer["china"]
    feedback = summitkit.check_state_degrees(answer)
    assert feedback.status == "incorrect"
    assert "missing: China" in feedback.message
    assert f"expected {len(reference_state_degrees())} states" in feedback.message


def test_state_degrees_counting_ties_instead_of_neighbours_is_wrong():
    # A plausible mistake: degree in the MultiGraph, which counts every tie.
    multi = nx.MultiGraph()
    multi.add_edges_from((t["source"], t["target"]) for t in rows("ties.csv"))
    answer = {s: multi.degree(s) for s in reference_state_degrees()}
    assert answer != reference_state_degrees()  # the mistake changes something
    feedback = summitkit.check_state_degrees(answer)
    assert feedback.status == "incorrect"
    assert "distinct neighbours" in feedback.message


def test_state_degrees_extra_keys_are_named():
    answer = {**reference_state_degrees(), "putin": 4}
    feedback = summitkit.check_state_degrees(answer)
    assert feedback.status == "incorrect"
    assert "not states: putin" in feedback.message


def test_state_degrees_reference_answer_is_correct():
    feedback = summitkit.check_state_degrees(reference_state_degrees())
    assert feedback.status == "correct", feedback.message
    assert feedback.correct


def test_state_degrees_check_never_raises():
    answer = {k: Explodes() for k in reference_state_degrees()}
    feedback = summitkit.check_state_degrees(answer)
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
