"""A student alone with the chapters: no printed value passes an exercise, no chapter cell overwrites
an answer, and the slips that keep chapter 5's new row from counting are named.

The expected values are answers.py's, built from the CSV files (reference.py), never from summitkit.
"""

import ast
import os
import re

import matplotlib
import pandas as pd
import pytest

from answers import CHECKS, Answers, right_answers
from chapter_parts import cell_text, exercises, run_of
from conftest import CHAPTERS, NOTEBOOKS, load_notebook
from reference import END_2024, TRADE_2024, record_betweenness
from solution_text import is_full_edition_only

import summitkit


def notebook_of(name):
    """The chapter notebook whose checks module holds the check (summitkit.ch05 -> 05-...)."""
    number = CHECKS[name].__module__[-2:].replace("h", "0")
    return next(p for p in NOTEBOOKS if p.name.startswith(number))


def numbers_of(answer):
    """The numbers of an answer that are not whole, in groups that must not all be printed: each
    float answer alone; a dict's values together (one value of a dict may match a figure of the
    page by chance, as Russia's change in chapter 5 matches its June 2018 value, but the whole
    dict cannot be copied while one of its values is printed nowhere)."""
    answers = tuple(answer) if isinstance(answer, Answers) else (answer,)
    groups = []
    for a in answers:
        values = a.values() if isinstance(a, dict) else [a]
        group = [v for v in values if isinstance(v, float) and not v.is_integer()]
        groups += [group] if group else []
    return groups


NUMERIC = [name for name, answer in right_answers().items() if numbers_of(answer)]


def printed(value, text):
    """The forms of a value a student could copy (three decimals and two) that the text holds."""
    forms = {f"{value:.3f}", f"{value:.2f}"}
    forms |= {f.rstrip("0") for f in forms if not f.endswith(".00")}  # 0.50 is printed 0.5
    return sorted(f for f in forms if re.search(rf"(?<![\d.]){re.escape(f)}(?!\d)", text))


def student_markdown(nb):
    """What the student edition shows of a chapter's prose: its markdown, solutions left out."""
    return "\n".join(
        cell_text(c) for c in nb.cells if c.cell_type == "markdown" and not is_full_edition_only(c)
    )


def test_the_check_finds_its_chapter_and_numeric_answers():
    assert notebook_of("check_two_framings").name.startswith("06-")
    assert {"check_two_framings", "check_agreement", "check_state_betweenness"} <= set(NUMERIC)
    assert printed(0.16666, "each: 0.167.") == ["0.167"] and not printed(0.5333, "0.5334")
    # The values the chapter 6 exercise used to ask for were on its page.
    text = student_markdown(load_notebook(notebook_of("check_two_framings")))
    assert printed(1 / 6, text) and printed(0.5, text)


@pytest.mark.parametrize("name", NUMERIC)
def test_a_numeric_answer_is_not_in_its_chapters_prose(name):
    # A value the page prints can be copied into the answer cell and pass without any code.
    text = student_markdown(load_notebook(notebook_of(name)))
    for group in numbers_of(right_answers()[name]):
        found = [printed(value, text) for value in group]
        assert not all(found), f"{name}: {found} are in the chapter's prose"


def outputs_text(cell):
    """What a cell's outputs show a reader: their text, and a figure's words (matplotlib draws them
    as paths, each under a comment that holds them), not the numbers of an SVG's coordinates."""
    shown = []
    for out in cell.get("outputs", []):
        shown.append(out.get("text", ""))
        for kind, value in out.get("data", {}).items():
            value = "".join(value) if isinstance(value, list) else str(value)
            if kind == "image/svg+xml":
                shown += re.findall(r"<!-- (.*?) -->", value)
            elif kind.startswith("text/"):
                shown.append(value)
    return "\n".join(shown)


@pytest.mark.parametrize("name", NUMERIC)
def test_a_numeric_answer_is_not_in_its_chapters_outputs(name, exercise_runs):
    path = notebook_of(name)
    nb = load_notebook(path)
    # The exercises' own cells are left out: the answer cell holds the solution, and the check
    # cell says the value once it is right.
    own = {i for item in exercises(nb) for i in (item["scaffold"], item["check"]) if i is not None}
    text = "\n".join(
        outputs_text(run_of(exercise_runs[path], i))
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and i not in own
    )
    for group in numbers_of(right_answers()[name]):
        found = [printed(value, text) for value in group]
        assert not all(found), f"{name}: {found} are in the chapter's outputs"


# --- Nothing overwrites an answer ------------------------------------------------------------------


class Assigned(ast.NodeVisitor):
    """The names a cell binds at the notebook's top level (not inside a function's body)."""

    def __init__(self):
        self.names = set()

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Store):
            self.names.add(node.id)

    def visit_FunctionDef(self, node):
        self.names.add(node.name)  # the name itself is bound; its body's names are local

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Lambda(self, node):
        pass

    def visit_ListComp(self, node):
        pass

    visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_ListComp

    def visit_alias(self, node):
        self.names.add((node.asname or node.name).split(".")[0])


def assigned(code):
    tree = ast.parse(
        "\n".join(line for line in code.splitlines() if not line.startswith(("%", "!")))
    )
    visitor = Assigned()
    visitor.visit(tree)
    return visitor.names


def test_the_assigned_names_are_found():
    assert assigned("kappa = 1\nfor a, b in x: pass\ndef f():\n    scores = 2\n") == {
        "kappa",
        "a",
        "b",
        "f",
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_chapter_cell_assigns_a_name_a_scaffold_asks_for(path):
    # A student who answers, then runs the chapter's cells again (Run All), must not find the
    # answer replaced by the chapter's own value of the same name (chapter 6 once assigned kappa).
    nb = load_notebook(path)
    scaffolds = {i for item in exercises(nb) if (i := item["scaffold"]) is not None}
    asked = {name: i for i in scaffolds for name in assigned(cell_text(nb.cells[i]))}
    assert asked or not scaffolds
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or i in scaffolds:
            continue
        clash = assigned(cell_text(cell)) & set(asked)
        assert not clash, (
            f"cell {cell.get('id', i)} assigns {sorted(clash)}, which a scaffold asks for"
        )


# --- Add an event: a row that does not count ---------------------------------------------------------


@pytest.mark.parametrize(
    "slip, row",
    [
        ("tie written Yes", {**TRADE_2024, "tie": "Yes"}),
        ("a date after the snapshot", {**TRADE_2024, "date": "2025-01-02"}),
    ],
)
def test_add_an_event_names_what_keeps_a_row_from_counting(slip, row):
    # The values a student gets when the new row is in the copy but snapshot leaves it out.
    values = record_betweenness(END_2024, extra=[row])
    assert values == record_betweenness(END_2024), slip
    feedback = summitkit.check_added_event(values)
    assert feedback.status == "incorrect" and feedback.hint == "record-as-it-is", feedback
    for words in ("'yes' in lower case", "no later than the snapshot's day", "record=..."):
        assert words in feedback.message, (slip, feedback.message)


def chapter_namespace(number, monkeypatch):
    """A chapter's Setup cells run in a fresh namespace, from the chapters' folder."""
    matplotlib.use("Agg")
    monkeypatch.chdir(CHAPTERS)
    nb = load_notebook(next(p for p in NOTEBOOKS if p.name.startswith(f"0{number}-")))
    namespace = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and cell_text(cell).startswith("# Setup"):
            exec(cell_text(cell), namespace)
    return namespace


def test_snapshot_takes_a_date_written_as_text(monkeypatch, capsys):
    ns = chapter_namespace(5, monkeypatch)
    row = {k: v for k, v in TRADE_2024.items() if k != "id"}
    record = ns["data"].record
    as_text = pd.concat([record, pd.DataFrame([row])], ignore_index=True)
    as_day = pd.concat(
        [record, pd.DataFrame([{**row, "date": pd.Timestamp(row["date"])}])], ignore_index=True
    )
    for day in (END_2024.isoformat(), pd.Timestamp(END_2024)):
        S_text, _ = ns["snapshot"](day, record=as_text)
        S_day, _ = ns["snapshot"](day, record=as_day)
        assert sorted(S_text.edges(data="sign")) == sorted(S_day.edges(data="sign"))
    assert summitkit.check_added_event(
        __import__("networkx").betweenness_centrality(S_text)
    ).correct
    assert os.getcwd() == str(CHAPTERS)
