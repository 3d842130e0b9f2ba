"""Chapter 6's workbench: the same code gives chapters 1-4's numbers on the CNBC folder, a blank folder
runs to the end with "No ties yet", and Cohen's kappa is right on a case worked by hand.

The notebook's code is run here (in this process, in chapters/, as the book's kernel starts) with its one line,
FOLDER, changed; the expected values are computed from the CSV files with csv and networkx (reference.py
and here), never from summitkit or the notebook.
"""

import ast
import contextlib
import io
import itertools
import json
import os

import matplotlib.pyplot as plt
import networkx as nx
import pytest

from conftest import CHAPTERS, DATA, load_notebook
from reference import graphs_a_and_s, layer_cuts, signs_of, triads
from tools import read_rows

NOTEBOOK = CHAPTERS / "06-your-own-article.ipynb"
FOLDER_LINE = 'FOLDER = "../data/crs-if12760"'
SECOND_LINE = "SECOND_CODING = None"
# What the test reads back from the notebook's own variables, after its last cell.
DUMP = """import json as _json
print("WORKBENCH-JSON" + _json.dumps({
    "degree": degree,
    "between_A": nx.betweenness_centrality(A_between),
    "between_S": nx.betweenness_centrality(S),
    "status": [[pair, channel, sorted(found)] for (pair, channel), found in status.items()],
    "cuts": cuts,
    "triangles": [[list(trio), sign_product(signed, trio)] for trio in triangles_of(signed)],
    "framings": framings.astype(str).to_dict(),
}))"""


def run_notebook(folder, extra=(), second=None):
    """The chapter with FOLDER set to ``folder`` (and SECOND_CODING to ``second``), its code cells
    run in order in this process (in chapters/, as its kernel starts): (notebook, every printed or
    shown text). nbval runs it in a kernel; here the interpreter start and the imports are paid
    once, not once per folder."""
    nb = load_notebook(NOTEBOOK)
    setup = next(c for c in nb.cells if c.cell_type == "code" and FOLDER_LINE in c.source)
    setup.source = setup.source.replace(FOLDER_LINE, f"FOLDER = {str(folder)!r}")
    if second is not None:
        assert SECOND_LINE in setup.source
        setup.source = setup.source.replace(SECOND_LINE, f"SECOND_CODING = {str(second)!r}")
    cells = [c.source for c in nb.cells if c.cell_type == "code"] + list(extra)
    namespace, texts = {}, []
    shown = plt.show
    plt.show = lambda *args, **kwargs: plt.close("all")
    here = os.getcwd()
    os.chdir(CHAPTERS)
    try:
        for i, code in enumerate(cells):
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    texts.append(repr_of_last(run_cell(code, namespace)))
            except Exception as err:
                pytest.fail(f"code cell {i}: {type(err).__name__}: {err}\n{code[:300]}")
            texts.append(out.getvalue())
    finally:
        os.chdir(here)
        plt.show = shown
        plt.close("all")
    return nb, "\n".join(texts)


def run_cell(code, namespace):
    """Run a cell as IPython does: its statements, then the value of a last bare expression."""
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    if last is not None:
        return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
    return None


def repr_of_last(value):
    return "" if value is None else repr(value)


# --- Chapters 1-4, computed here from the CSV files --------------------------------------------------


@pytest.fixture(scope="module")
def on_cnbc():
    nb, texts = run_notebook("../data", extra=[DUMP])
    line = next(t for t in texts.splitlines() if t.startswith("WORKBENCH-JSON"))
    return json.loads(line[len("WORKBENCH-JSON") :]), texts


def test_on_the_cnbc_folder_degree_is_chapter_1s(on_cnbc):
    found, _ = on_cnbc
    g = nx.Graph()
    g.add_edges_from((t["source"], t["target"]) for t in read_rows("ties.csv"))
    assert found["degree"] == dict(g.degree())


def test_on_the_cnbc_folder_betweenness_is_chapter_2s(on_cnbc):
    found, _ = on_cnbc
    kinds = {r["id"]: r["kind"] for r in read_rows("actors.csv")}
    a, s = graphs_a_and_s(read_rows("ties.csv"), kinds)
    for name, graph in (("between_A", a), ("between_S", s)):
        expected = nx.betweenness_centrality(graph)
        assert set(found[name]) == set(expected), name
        assert all(abs(found[name][n] - expected[n]) < 1e-9 for n in expected), name
    # The table of measures shows the subject's (Russia's) value, rounded.
    column = found["framings"]["CNBC, 8 June 2018"]
    assert float(column["subject's betweenness in S"]) == round(
        nx.betweenness_centrality(s)["russia"], 3
    )


def test_on_the_cnbc_folder_channels_and_cuts_are_chapter_3s(on_cnbc):
    found, _ = on_cnbc
    names = {r["id"]: r["name"] for r in read_rows("actors.csv")}
    expected = {}
    for r in read_rows("channels.csv"):
        pair = " – ".join(sorted([names[r["source"]], names[r["target"]]]))
        expected.setdefault((pair, r["channel"]), set()).add(r["status"])
    assert {(p, c): set(s) for p, c, s in found["status"]} == expected
    # Who can cut North Korea off, layer by layer: chapter 3's exercise (reference.layer_cuts).
    cuts = {
        channel: set(text.split(", "))
        for channel, text in found["cuts"]["North Korea"].items()
        if text != "—"
    }
    assert cuts == {channel: {names[n] for n in cut} for channel, cut in layer_cuts().items()}


def test_on_the_cnbc_folder_triangles_are_chapter_4s(on_cnbc):
    found, _ = on_cnbc
    expected = {frozenset(t): v for t, v in triads(signs_of()).items()}
    got = {
        frozenset(trio): "balanced" if product > 0 else "unbalanced"
        for trio, product in found["triangles"]
    }
    assert got == expected


def test_on_the_cnbc_folder_the_statuses_are_counted(on_cnbc):
    found, texts = on_cnbc
    column = found["framings"]["CNBC, 8 June 2018"]
    statuses = [t["status"] for t in read_rows("ties.csv")]
    for status in ("stated", "reported", "possible"):
        assert column[f"ties {status}"] == str(statuses.count(status)), status
    assert "No ties yet" not in texts


def test_a_blank_folder_says_no_ties_yet_and_runs_to_the_end(tmp_path):
    from summitkit import new_article

    folder = new_article(tmp_path / "my-article")
    _, texts = run_notebook(folder)  # any error output fails inside
    assert f"No ties yet: {folder}/ties.csv has only its header" in texts


# --- Cohen's kappa, by hand ----------------------------------------------------------------------------


def write_coding(folder, actors, ties):
    from summitkit import new_article

    new_article(folder)
    with open(folder / "paragraphs.csv", "w", encoding="utf-8") as f:
        f.write("id,position,section,opening\n1,1,main,First words\n")
    with open(folder / "actors.csv", "w", encoding="utf-8") as f:
        f.write("id,name,kind,first_paragraph,aliases,description\n")
        f.writelines(f"{a},{a.upper()},state,1,,A state.\n" for a in actors)
    with open(folder / "ties.csv", "w", encoding="utf-8") as f:
        f.write("source,target,relation,sign,status,paragraph,evidence,checked\n")
        f.writelines(f"{s},{t},{r},+,stated,1,First words,yes\n" for s, t, r in ties)


def test_cohens_kappa_on_a_case_worked_by_hand(tmp_path):
    import summitkit
    from summitkit.ch06 import cohen_kappa

    # Three actors, so 3 pairs; the codebook's 8 relation kinds: 3 x 8 = 24 tie decisions.
    assert len(summitkit.RELATIONS) == 8
    write_coding(tmp_path / "a", ["x", "y", "z"], [("x", "y", "diplomacy"), ("x", "z", "military")])
    write_coding(tmp_path / "b", ["x", "y", "z"], [("x", "y", "diplomacy"), ("y", "z", "economic")])
    #                 B present   B absent
    #   A present         1           1        A says present in 2 of 24
    #   A absent          1          21        B says present in 2 of 24
    # p_o = (1 + 21) / 24 = 22/24
    # p_e = (2/24)(2/24) + (22/24)(22/24) = (4 + 484) / 576 = 488/576
    # kappa = (22/24 - 488/576) / (1 - 488/576) = (528 - 488) / (576 - 488) = 40/88 = 5/11
    p_o, p_e, kappa = 22 / 24, 488 / 576, 5 / 11

    # The notebook's own cell, run on the two folders.
    nb = load_notebook(NOTEBOOK)
    cell = next(
        c.source
        for c in nb.cells
        if c.cell_type == "code" and "kappa_text = (p_o - p_e)" in c.source
    )
    cell = cell.replace('"../data/crs-if12760-coder-b"', repr(str(tmp_path / "b")))
    cell = cell.replace('"../data/crs-if12760"', repr(str(tmp_path / "a")))
    namespace = {
        "itertools": itertools,
        "load_data": summitkit.load_data,
        "RELATIONS": summitkit.RELATIONS,
        "FOLDER": "../data/crs-if12760",
        "SECOND_CODING": None,
    }
    exec(cell, namespace)
    assert namespace["n"] == 24
    assert abs(namespace["p_o"] - p_o) < 1e-12
    assert abs(namespace["p_e"] - p_e) < 1e-12
    assert abs(namespace["kappa_text"] - kappa) < 1e-12

    # The checks' kappa, on the same table written as two lists of decisions.
    a = [True, True, False] + [False] * 21
    b = [True, False, True] + [False] * 21
    found = cohen_kappa(a, b)
    assert all(abs(x - y) < 1e-12 for x, y in zip(found, (p_o, p_e, kappa)))
    # Perfect agreement is 1; agreement no better than chance is 0.
    assert cohen_kappa(a, a)[2] == 1
    assert abs(cohen_kappa([True, True, False, False], [True, False, True, False])[2]) < 1e-12


def test_on_your_own_folder_the_agreement_says_whose_it_is(tmp_path):
    # With no second coding, the agreement section says it shows the CRS example; with one, it
    # measures the student's own two codings (the hand-worked case above: kappa 5/11).
    a, b = tmp_path / "a", tmp_path / "b"
    write_coding(a, ["x", "y", "z"], [("x", "y", "diplomacy"), ("x", "z", "military")])
    write_coding(b, ["x", "y", "z"], [("x", "y", "diplomacy"), ("y", "z", "economic")])
    _, texts = run_notebook(a)
    assert "Except Agreement between coders" in texts
    assert "This is the CRS example's agreement, not yours" in texts
    assert "kappa 0.88" in texts  # the CRS coders', and said to be theirs
    _, texts = run_notebook(a, second=b)
    assert f"Coder A: {a}; coder B: {b}." in texts
    assert "CRS example" not in texts
    assert "percent agreement 91.7%; chance 84.7%; kappa 0.45" in texts
    # Its subject is X, not CNBC's Russia: the comparison says so above the table.
    assert "Two different subjects: X in" in texts


def test_on_the_crs_folder_the_agreement_is_the_crs_coders(tmp_path):
    _, texts = run_notebook("../data/crs-if12760")
    assert "Coder A: ../data/crs-if12760; coder B: ../data/crs-if12760-coder-b." in texts
    assert "percent agreement 98.7%" in texts and "kappa 0.88" in texts
    assert "not yours" not in texts and "Two different subjects" not in texts


def test_code_a_crs_paragraph_quotes_the_paragraph_it_asks_for():
    # The student codes paragraph 2024-10-2 from the exercise itself: its quotation holds every
    # excerpt that the two codings took from that paragraph, and cites the version it comes from.
    cell = next(
        c
        for c in load_notebook(NOTEBOOK).cells
        if c.cell_type == "markdown" and ":label: ex-code-crs-paragraph" in c.source
    )
    quoted = [line[2:] for line in cell.source.splitlines() if line.startswith("> ")]
    assert quoted and quoted[-1].startswith("— [CRS, 30 October 2024](https://")
    assert "2024-10-30_IF12760" in quoted[-1]
    text = " ".join(quoted[:-1]).replace("'", "’")
    excerpts = [
        row["evidence"].replace("'", "’")
        for folder in ("crs-if12760", "crs-if12760-coder-b")
        for row in read_rows("ties.csv", DATA / folder)
        if row["paragraph"] == "2024-10-2"
    ]
    assert len(excerpts) >= 4
    assert all(e in text for e in excerpts), [e for e in excerpts if e not in text]
    assert text.startswith("The upgraded Russia-DPRK relationship")
