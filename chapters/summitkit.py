"""Plumbing for the chapters: load and validate data/, shared drawing style, answer checks.

Teaching code (building graphs, computing measures) lives in the notebooks.
This module only does the parts a reader does not need to study:

* ``load_data()`` reads the CSV files in ``data/`` and checks every row. A broken
  file raises ``DataError`` naming the file, the line, the column, what was
  found and what was expected.
* ``use_book_style()`` and ``draw_network()`` give every figure the same
  colour-blind-safe palette, one shape per actor kind, one line style per
  relation, and legends.
* ``check_*()`` functions give feedback on exercise answers. They compute the
  expected answer from the data and never raise at a student.
"""

from __future__ import annotations

import csv
import functools
import html
import re
from dataclasses import dataclass
from numbers import Integral
from pathlib import Path
from types import SimpleNamespace

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

# data/ sits next to chapters/; found from this file, so any working directory works.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ARTICLE_URL = (
    "https://www.cnbc.com/2018/06/08/trump-kim-summit-russia-plays-an-important-role.html"
)

# ---------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------

ACTOR_KINDS = ("state", "person", "organisation", "place")

# Relations whose sign (+ cooperative, - opposed) is part of the claim.
SIGNED_RELATIONS = ("diplomacy", "economic", "alignment", "history")
# Relations where a sign makes no sense (a role, a job, a comment).
UNSIGNED_RELATIONS = ("office", "affiliation", "assessment")
RELATIONS = SIGNED_RELATIONS + UNSIGNED_RELATIONS

SECTIONS = ("key-points", "russia-role", "economic-ties", "alignment-with-china")

# The issue asks for "a clause, rarely over 20 words"; 25 is the hard ceiling.
MAX_EVIDENCE_WORDS = 25

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

COLUMNS = {
    "paragraphs.csv": ("id", "position", "section", "opening"),
    "actors.csv": ("id", "name", "kind", "first_paragraph", "description"),
    "ties.csv": ("source", "target", "relation", "sign", "paragraph", "evidence", "checked"),
    "layout.csv": ("id", "x", "y"),
}


class DataError(ValueError):
    """A data file is malformed. The message names the file, line and column."""


def _fail(path, line, column, found, expected):
    where = f"{path.name}, line {line}" if line else path.name
    if column:
        where += f", column '{column}'"
    raise DataError(f"{where}: found {found!r}; expected {expected}.")


def _read_csv(path):
    """Return the rows of a CSV file as dicts, each with its line number."""
    if not path.exists():
        raise DataError(f"{path.name}: file not found in {path.parent}.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise DataError(f"{path.name}: not valid UTF-8 (byte {err.start}); save it as UTF-8.") from None
    if not text.strip():
        raise DataError(f"{path.name}: the file is empty; expected a header line and data rows.")

    expected_cols = COLUMNS[path.name]
    reader = csv.reader(text.splitlines())
    header = [h.strip() for h in next(reader)]
    missing = [c for c in expected_cols if c not in header]
    extra = [c for c in header if c not in expected_cols]
    if missing:
        _fail(path, 1, missing[0], ",".join(header), f"a header with the columns {', '.join(expected_cols)}")
    if extra:
        _fail(path, 1, extra[0], ",".join(header), f"only the columns {', '.join(expected_cols)}")

    rows = []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue  # a blank line is harmless
        if len(values) != len(header):
            _fail(path, line, None, f"{len(values)} fields", f"{len(header)} fields (quote any value that contains a comma)")
        row = {col: val.strip() for col, val in zip(header, values)}
        row["_line"] = line
        rows.append(row)
    if not rows:
        raise DataError(f"{path.name}: only a header; expected at least one data row.")
    return rows


def _require(path, row, column, allowed=None, pattern=None, what=None):
    value = row[column]
    if value == "":
        _fail(path, row["_line"], column, value, what or "a value")
    if allowed is not None and value not in allowed:
        _fail(path, row["_line"], column, value, "one of " + ", ".join(allowed))
    if pattern is not None and not pattern.match(value):
        _fail(path, row["_line"], column, value, what)
    return value


def _unique(path, rows, column):
    seen = {}
    for row in rows:
        value = row[column]
        if value in seen:
            _fail(path, row["_line"], column, value, f"a unique id (line {seen[value]} already uses it)")
        seen[value] = row["_line"]


def _load_paragraphs(data_dir):
    path = data_dir / "paragraphs.csv"
    rows = _read_csv(path)
    for row in rows:
        _require(path, row, "id", pattern=re.compile(r"^(K\d|\d+)$"), what="a paragraph id such as 3 or K1")
        _require(path, row, "position", pattern=re.compile(r"^\d+$"), what="a whole number")
        _require(path, row, "section", allowed=SECTIONS)
    _unique(path, rows, "id")
    return rows


def _load_actors(data_dir, paragraph_ids):
    path = data_dir / "actors.csv"
    rows = _read_csv(path)
    for row in rows:
        _require(path, row, "id", pattern=ID_PATTERN, what="a lower-case id such as north_korea")
        _require(path, row, "name")
        _require(path, row, "kind", allowed=ACTOR_KINDS)
        _require(path, row, "description", what="a one-line description")
        _require(path, row, "first_paragraph", allowed=paragraph_ids)
    _unique(path, rows, "id")
    return rows


def _load_ties(data_dir, paragraph_ids, actor_ids):
    path = data_dir / "ties.csv"
    rows = _read_csv(path)
    seen = {}
    for row in rows:
        line = row["_line"]
        for end in ("source", "target"):
            value = _require(path, row, end, what="an actor id")
            if value not in actor_ids:
                _fail(path, line, end, value, "an id listed in actors.csv")
        if row["source"] == row["target"]:
            _fail(path, line, "target", row["target"], "an actor other than the source")
        relation = _require(path, row, "relation", allowed=RELATIONS)
        if relation in SIGNED_RELATIONS and row["sign"] not in ("+", "-"):
            _fail(path, line, "sign", row["sign"], f"+ or - (a {relation} tie has a sign)")
        if relation in UNSIGNED_RELATIONS and row["sign"] != "":
            _fail(path, line, "sign", row["sign"], f"an empty value (a {relation} tie has no sign)")
        _require(path, row, "paragraph", allowed=paragraph_ids)
        evidence = _require(path, row, "evidence", what="a short excerpt from the article")
        if len(evidence.split()) > MAX_EVIDENCE_WORDS:
            _fail(path, line, "evidence", f"{len(evidence.split())} words",
                  f"at most {MAX_EVIDENCE_WORDS} words: quote the shortest phrase that shows the tie")
        _require(path, row, "checked", allowed=("yes", "no"))
        key = (row["source"], row["target"], relation, row["paragraph"])
        if key in seen:
            _fail(path, line, "relation", relation,
                  f"one row per source, target, relation and paragraph (line {seen[key]} has the same)")
        seen[key] = line
    return rows


def _load_layout(data_dir, actor_ids):
    path = data_dir / "layout.csv"
    rows = _read_csv(path)
    for row in rows:
        value = _require(path, row, "id", what="an actor id")
        if value not in actor_ids:
            _fail(path, row["_line"], "id", value, "an id listed in actors.csv")
        for axis in ("x", "y"):
            try:
                float(_require(path, row, axis, what="a number"))
            except ValueError:
                _fail(path, row["_line"], axis, row[axis], "a number such as 4.5")
    _unique(path, rows, "id")
    placed = {row["id"] for row in rows}
    unplaced = sorted(actor_ids - placed)
    if unplaced:
        raise DataError(f"{path.name}: no position for {', '.join(unplaced)}; "
                        "expected one row for every actor in actors.csv.")
    return rows


def _frame(rows):
    return pd.DataFrame([{k: v for k, v in row.items() if k != "_line"} for row in rows])


def load_data(data_dir=None):
    """Load and validate every file in data/.

    Returns a namespace with four DataFrames: ``paragraphs``, ``actors``,
    ``ties`` and ``layout`` (fixed figure positions). Raises ``DataError`` with a precise message if a file is broken.
    """
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    paragraphs = _load_paragraphs(data_dir)
    paragraph_ids = tuple(p["id"] for p in paragraphs)
    actors = _load_actors(data_dir, paragraph_ids)
    actor_ids = {a["id"] for a in actors}
    ties = _load_ties(data_dir, paragraph_ids, actor_ids)
    layout = _load_layout(data_dir, actor_ids)

    return SimpleNamespace(
        paragraphs=_frame(paragraphs).astype({"position": int}),
        actors=_frame(actors),
        ties=_frame(ties),
        layout=_frame(layout).astype({"x": float, "y": float}),
    )


# ---------------------------------------------------------------------------
# Drawing style
# ---------------------------------------------------------------------------

# Okabe & Ito's colour-blind-safe palette. Every category is also told apart by
# shape (nodes) or line style (edges), so the figures survive greyscale too.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#7F7F7F",
}

NODE_STYLE = {
    "state": {"color": OKABE_ITO["blue"], "marker": "o", "size": 1500},
    "person": {"color": OKABE_ITO["orange"], "marker": "^", "size": 900},
    "organisation": {"color": OKABE_ITO["green"], "marker": "s", "size": 750},
    "place": {"color": OKABE_ITO["purple"], "marker": "D", "size": 650},
}

EDGE_STYLE = {
    "diplomacy": {"color": OKABE_ITO["blue"], "style": "solid", "width": 2.0},
    "economic": {"color": OKABE_ITO["vermillion"], "style": (0, (6, 2)), "width": 2.0},
    "alignment": {"color": OKABE_ITO["green"], "style": (0, (6, 2, 1, 2)), "width": 2.0},
    "history": {"color": OKABE_ITO["purple"], "style": (0, (1, 1.5)), "width": 2.4},
    "office": {"color": OKABE_ITO["black"], "style": "solid", "width": 1.0},
    "affiliation": {"color": OKABE_ITO["sky"], "style": (0, (3, 1.5)), "width": 1.4},
    "assessment": {"color": OKABE_ITO["grey"], "style": (0, (1, 3)), "width": 1.4},
}


def use_book_style():
    """Set fonts and sizes for every figure in the book."""
    plt.rcParams.update({
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "font.family": "DejaVu Sans",
        "font.size": 12,
        "legend.fontsize": 11,
        "legend.title_fontsize": 11,
        "axes.titlesize": 13,
    })


def _curvatures(graph):
    """Spread parallel ties between the same pair as arcs, so each stays visible."""
    by_pair = {}
    for u, v, key in graph.edges(keys=True):
        by_pair.setdefault(frozenset((u, v)), []).append((u, v, key))
    bend = {}
    for edges in by_pair.values():
        n = len(edges)
        for i, edge in enumerate(edges):
            offset = (i - (n - 1) / 2) * 0.12
            u, v, _ = edge
            # Arc direction depends on drawing order: normalise so offsets fan out.
            bend[edge] = offset if u < v else -offset
    return bend


def draw_network(graph, pos, ax=None):
    """Draw a network of actors in the book's style, with legends.

    ``graph`` is a networkx (Multi)Graph whose nodes have ``name`` and ``kind``
    attributes and whose edges have ``relation`` and ``sign`` attributes.
    ``pos`` maps node ids to (x, y), for example from a seeded spring layout.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 7.5))
    multi = graph if graph.is_multigraph() else nx.MultiGraph(graph)
    bend = _curvatures(multi)

    for (u, v, key), rad in bend.items():
        data = multi.edges[u, v, key]
        style = EDGE_STYLE[data["relation"]]
        arc = FancyArrowPatch(
            pos[u], pos[v], connectionstyle=f"arc3,rad={rad}", arrowstyle="-",
            color=style["color"], linestyle=style["style"], linewidth=style["width"],
            shrinkA=14, shrinkB=14, zorder=1,
        )
        ax.add_patch(arc)
        if data.get("sign") == "-":
            # A negative tie gets a minus sign at its middle.
            mid = ((pos[u][0] + pos[v][0]) / 2, (pos[u][1] + pos[v][1]) / 2)
            ax.text(*mid, "−", ha="center", va="center", fontsize=15, fontweight="bold",
                    color=style["color"], zorder=3,
                    bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "ec": style["color"]})

    kinds = [k for k in NODE_STYLE if any(d["kind"] == k for _, d in multi.nodes(data=True))]
    for kind in kinds:
        nodes = [n for n, d in multi.nodes(data=True) if d["kind"] == kind]
        style = NODE_STYLE[kind]
        nx.draw_networkx_nodes(multi, pos, nodelist=nodes, node_color=style["color"],
                               node_shape=style["marker"], node_size=style["size"],
                               edgecolors="white", linewidths=1.5, ax=ax)
    for node, data in multi.nodes(data=True):
        # Place the label just below the marker, whatever the marker's size.
        below = NODE_STYLE[data["kind"]]["size"] ** 0.5 / 2 + 2
        ax.annotate(data["name"], xy=pos[node], xytext=(0, -below), textcoords="offset points",
                    ha="center", va="top", fontsize=12, zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9})

    node_handles = [
        Line2D([], [], linestyle="none", marker=NODE_STYLE[k]["marker"], markersize=11,
               markerfacecolor=NODE_STYLE[k]["color"], markeredgecolor="white", label=k)
        for k in kinds
    ]
    relations = [r for r in EDGE_STYLE if any(d["relation"] == r for *_, d in multi.edges(data=True))]
    edge_handles = [
        Line2D([], [], color=EDGE_STYLE[r]["color"], linestyle=EDGE_STYLE[r]["style"],
               linewidth=EDGE_STYLE[r]["width"], label=r)
        for r in relations
    ]
    # Legends below the drawing, so the network can use the full width of the page.
    legend_nodes = ax.legend(handles=node_handles, title="Actor kind", loc="upper center",
                             bbox_to_anchor=(0.5, 0.0), ncol=4, frameon=False)
    ax.add_artist(legend_nodes)
    ax.legend(handles=edge_handles, title="Relation (− marks an opposed tie)", loc="upper center",
              bbox_to_anchor=(0.5, -0.12), ncol=4, frameon=False, handlelength=3.2)

    # Margins so that no node or label is clipped.
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    width, height = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    ax.set_xlim(min(xs) - 0.07 * width, max(xs) + 0.07 * width)
    ax.set_ylim(min(ys) - 0.13 * height, max(ys) + 0.07 * height)
    ax.set_axis_off()
    return ax


# ---------------------------------------------------------------------------
# Answer checks
# ---------------------------------------------------------------------------

@dataclass
class Feedback:
    """The result of a check: a status and a message for the student."""

    exercise: str
    status: str  # "not attempted", "wrong type", "incorrect" or "correct"
    message: str

    @property
    def correct(self):
        return self.status == "correct"

    _ICONS = {"not attempted": "…", "wrong type": "✗", "incorrect": "✗", "correct": "✓"}
    _COLOURS = {"not attempted": "#555555", "wrong type": OKABE_ITO["vermillion"],
                "incorrect": OKABE_ITO["vermillion"], "correct": OKABE_ITO["green"]}

    def __repr__(self):
        return f"{self._ICONS[self.status]} {self.exercise}: {self.status}. {self.message}"

    def _repr_html_(self):
        colour = self._COLOURS[self.status]
        return (
            f'<div style="border-left:5px solid {colour};padding:0.4em 0.8em;margin:0.3em 0">'
            f"<strong>{html.escape(self._ICONS[self.status])} {html.escape(self.exercise)}: "
            f"{html.escape(self.status)}.</strong> {html.escape(self.message)}</div>"
        )


def _safe(exercise):
    """Wrap a check so that an unexpected answer never gives a traceback."""

    def decorate(check):
        @functools.wraps(check)
        def wrapper(answer):
            try:
                return check(answer)
            except Exception as err:  # a check must never raise at a student
                return Feedback(exercise, "wrong type",
                                f"The check could not read this answer ({type(err).__name__}: {err}).")
        return wrapper

    return decorate


def _not_attempted(answer):
    return answer is None or answer is Ellipsis


def _names(ids, data):
    lookup = dict(zip(data.actors["id"], data.actors["name"]))
    return ", ".join(sorted(lookup.get(i, repr(i)) for i in ids))


def _differences(head, missing, extra, extra_label):
    """One message listing what an answer lacks and what it has too much of."""
    parts = [head]
    if missing:
        parts.append(f"missing: {missing}")
    if extra:
        parts.append(f"{extra_label}: {extra}")
    return "; ".join(parts) + "."


def _neighbours_and_tie_counts(data):
    """For each actor: its set of distinct partners, and its number of ties (from ties.csv)."""
    neighbours = {a: set() for a in data.actors["id"]}
    ties = {a: 0 for a in data.actors["id"]}
    for s, t in zip(data.ties["source"], data.ties["target"]):
        neighbours[s].add(t)
        neighbours[t].add(s)
        ties[s] += 1
        ties[t] += 1
    return neighbours, ties


@_safe("Repeated ties")
def check_repeated_ties(answer):
    """Feedback for a dict that maps every state's id to M.degree(state) - G.degree(state)."""
    ex = "Repeated ties"
    if _not_attempted(answer):
        return Feedback(ex, "not attempted", "Replace ... with a dict such as {'russia': <a number>, ...}.")
    if type(answer).__name__.endswith("View"):  # e.g. G.degree(states) returns a DegreeView
        return Feedback(ex, "wrong type", f"This is a networkx {type(answer).__name__}, not a dict. Build a dict "
                                          "with one entry per state, for example with a dict comprehension.")
    if not isinstance(answer, dict):
        return Feedback(ex, "wrong type", f"Expected a dict of state id -> number, got a {type(answer).__name__}.")
    data = load_data()
    # Expected: each state's ties minus its distinct partners, counted from ties.csv.
    neighbours, ties = _neighbours_and_tie_counts(data)
    states = data.actors.loc[data.actors["kind"] == "state", "id"]
    expected = {s: ties[s] - len(neighbours[s]) for s in states}
    names_to_ids = dict(zip(data.actors["name"], data.actors["id"]))
    if answer and all(k in names_to_ids for k in answer):
        example = next(iter(answer))
        return Feedback(ex, "incorrect", f"Use ids as keys, such as {names_to_ids[example]!r}, "
                                         f"not display names such as {example!r}.")
    missing = set(expected) - set(answer)
    extra = set(answer) - set(expected)
    if missing or extra:
        return Feedback(ex, "incorrect", _differences(
            f"this dict has {len(answer)} entries, expected {len(expected)} states",
            missing and _names(missing, data), ", ".join(sorted(map(str, extra))), "not states"))
    not_int = sorted(k for k, v in answer.items() if isinstance(v, bool) or not isinstance(v, Integral))
    if not_int:
        k = not_int[0]
        return Feedback(ex, "wrong type", f"Each value is a whole number of ties; the value for {k!r} is "
                                          f"a {type(answer[k]).__name__}.")
    if all(answer[s] == len(neighbours[s]) for s in expected):
        return Feedback(ex, "incorrect", "These are the degrees in G. Subtract each from the degree in M.")
    if all(answer[s] == ties[s] for s in expected):
        return Feedback(ex, "incorrect", "These are the degrees in M. Subtract the degree in G from each.")
    wrong = sorted(k for k in expected if answer[k] != expected[k])
    if wrong:
        k = wrong[0]
        direction = "too high" if answer[k] > expected[k] else "too low"
        return Feedback(ex, "incorrect", f"{len(wrong)} value(s) differ; the value for {_names([k], data)} is "
                                         f"{direction}. Compute M.degree(state) - G.degree(state) for each state.")
    return Feedback(ex, "correct", f"All {len(expected)} states are right.")


@_safe("The economic network")
def check_economic_graph(answer):
    """Feedback for a networkx graph of the economic ties only."""
    ex = "The economic network"
    if _not_attempted(answer):
        return Feedback(ex, "not attempted", "Replace None with a networkx graph of the economic ties.")
    if isinstance(answer, pd.DataFrame):
        return Feedback(ex, "wrong type", "This is a table (DataFrame). Add its source and target columns "
                                          "as the edges of a new nx.Graph().")
    if not isinstance(answer, nx.Graph):
        return Feedback(ex, "wrong type", f"Expected a networkx graph (nx.Graph), got a {type(answer).__name__}.")
    data = load_data()
    # Expected: the pairs joined by at least one economic tie in ties.csv.
    econ = data.ties[data.ties["relation"] == "economic"]
    expected = {frozenset(pair) for pair in zip(econ["source"], econ["target"])}
    got = {frozenset((u, v)) for u, v in answer.edges()}
    expected_nodes = set().union(*expected)
    if set(answer.nodes()) != expected_nodes:
        missing = expected_nodes - set(answer.nodes())
        extra = set(answer.nodes()) - expected_nodes
        return Feedback(ex, "incorrect", _differences(
            f"the graph has {answer.number_of_nodes()} nodes, expected {len(expected_nodes)}",
            missing and _names(missing, data), extra and _names(extra, data), "no economic tie"))
    if got != expected:
        def pairs(ps):
            return "; ".join(" – ".join(p) for p in sorted(map(sorted, ps)))

        return Feedback(ex, "incorrect", _differences(
            f"the graph has {len(got)} distinct pairs, expected {len(expected)}",
            pairs(expected - got), pairs(got - expected), "not economic"))
    return Feedback(ex, "correct", f"{len(expected_nodes)} actors and {len(expected)} economic pairs.")
