"""Chapter 6's workbench: the same code gives chapters 1-4's numbers on the CNBC folder, a blank folder
runs to the end with "No ties yet", and Cohen's kappa is right on a case worked by hand.

The notebook is run here (nbclient, its kernel started in chapters/, as the book's is) with its one line,
FOLDER, changed; the expected values are computed here from the CSV files with csv and networkx, never
from summitkit or the notebook.
"""

import csv
import itertools
import json

import nbformat
import networkx as nx
import pytest
from nbclient import NotebookClient

from conftest import CHAPTERS, DATA, load_notebook
from test_exercises import layer_cuts, role_graphs, role_ties, signs_of, states_graph, triads

NOTEBOOK = CHAPTERS / "06-your-own-article.ipynb"
FOLDER_LINE = 'FOLDER = "../data/crs-if12760"'
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


def csv_rows(folder, name):
    with open(folder / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run_notebook(folder, extra=()):
    """The chapter with FOLDER set to ``folder``, executed; (notebook, every printed or shown text)."""
    nb = load_notebook(NOTEBOOK)
    setup = next(c for c in nb.cells if c.cell_type == "code" and FOLDER_LINE in c.source)
    setup.source = setup.source.replace(FOLDER_LINE, f"FOLDER = {str(folder)!r}")
    nb.cells += [nbformat.v4.new_code_cell(code) for code in extra]
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(CHAPTERS)}},
    ).execute()
    texts = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", (
                f"cell {i}: {out['ename']}: {out['evalue']}\n{cell.source[:300]}"
            )
            texts.append(out.get("text", "") + out.get("data", {}).get("text/plain", ""))
    return nb, "\n".join(texts)


# --- Chapters 1-4, computed here from the CSV files --------------------------------------------------


def whole_article_graphs(ties, kinds):
    """Chapter 2's two graphs, from every tie given: A without commentary ties, and S, office holders
    projected onto their states, states only (test_exercises.states_graph builds both)."""
    return states_graph(ties, kinds, people=False), states_graph(ties, kinds)


def test_the_projection_here_is_chapter_2s():
    # On chapter 2's paragraphs, the rule above gives chapter 2's graphs (test_exercises.role_graphs).
    kinds = {r["id"]: r["kind"] for r in csv_rows(DATA, "actors.csv")}
    a, s = whole_article_graphs(role_ties(), kinds)
    ch2_a, ch2_s = role_graphs()
    assert set(a.edges()) == set(ch2_a.edges()) or {frozenset(e) for e in a.edges()} == {
        frozenset(e) for e in ch2_a.edges()
    }
    assert {frozenset(e) for e in s.edges()} == {frozenset(e) for e in ch2_s.edges()}


@pytest.fixture(scope="module")
def on_cnbc():
    nb, texts = run_notebook("../data", extra=[DUMP])
    line = next(t for t in texts.splitlines() if t.startswith("WORKBENCH-JSON"))
    return json.loads(line[len("WORKBENCH-JSON") :]), texts


def test_on_the_cnbc_folder_degree_is_chapter_1s(on_cnbc):
    found, _ = on_cnbc
    g = nx.Graph()
    g.add_edges_from((t["source"], t["target"]) for t in csv_rows(DATA, "ties.csv"))
    assert found["degree"] == dict(g.degree())


def test_on_the_cnbc_folder_betweenness_is_chapter_2s(on_cnbc):
    found, _ = on_cnbc
    kinds = {r["id"]: r["kind"] for r in csv_rows(DATA, "actors.csv")}
    a, s = whole_article_graphs(csv_rows(DATA, "ties.csv"), kinds)
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
    names = {r["id"]: r["name"] for r in csv_rows(DATA, "actors.csv")}
    expected = {}
    for r in csv_rows(DATA, "channels.csv"):
        pair = " – ".join(sorted([names[r["source"]], names[r["target"]]]))
        expected.setdefault((pair, r["channel"]), set()).add(r["status"])
    assert {(p, c): set(s) for p, c, s in found["status"]} == expected
    # Who can cut North Korea off, layer by layer: chapter 3's exercise (test_exercises.layer_cuts).
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
    statuses = [t["status"] for t in csv_rows(DATA, "ties.csv")]
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
