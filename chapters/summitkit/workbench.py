"""Chapter 6's workbench: the plumbing that must not differ between two coded texts.

The analyses themselves (building the graphs, computing the measures) stay in the notebook, where
students read them. What is here is the same for every text, and tested once:

* ``versions(data)``: a text's versions (its dated sections), oldest first, each with its own ties
  and channels; a text without dated sections is one version;
* ``positions(data, versions)``: figure positions, from layout.csv where it places an actor, and a
  seeded layout for the others, the same in every panel;
* ``no_ties(data, folder)``: the "No ties yet" message for a folder whose ties.csv has only its
  header;
* ``measure_table(columns)``: the measures of several texts side by side, in one order;
* ``draw_nothing(ax, message)``: a panel that says why it is empty, so that a figure cell still
  runs.
"""

from __future__ import annotations

from types import SimpleNamespace

import networkx as nx
import numpy as np
import pandas as pd

# The seed of the layout for actors that layout.csv does not place: the same figure on every run.
LAYOUT_SEED = 6


def versions(data):
    """The text's versions, oldest first: namespaces with ``id``, ``label``, ``date``, ``url``,
    ``ties`` and ``channels`` (the rows of data.ties and data.channels from its paragraphs).

    Sections with a date are versions of one text (CRS IF12760: September 2024, October 2024,
    June 2025); the last is "the text". A text whose sections have no date (CNBC) is one version,
    with every row. A channel row from a background source (no paragraph) belongs to every version.
    """
    dated = data.sections.dropna(subset=["date"]).sort_values("date", kind="stable")
    if dated.empty:
        return [
            SimpleNamespace(
                id="",
                label=f"{data.text.publisher}, {_day(data.text.date)}",
                date=data.text.date,
                url=data.text.url,
                ties=data.ties,
                channels=data.channels,
            )
        ]
    found = []
    for section in dated.itertuples():
        paragraphs = set(data.paragraphs.loc[data.paragraphs["section"] == section.id, "id"])
        ties = data.ties[data.ties["paragraph"].isin(paragraphs)]
        channels = data.channels[
            data.channels["paragraph"].isin(paragraphs) | (data.channels["paragraph"] == "")
        ]
        found.append(
            SimpleNamespace(
                id=section.id,
                label=f"{data.text.publisher}, {_day(section.date)}",
                date=section.date,
                url=section.url or data.text.url,
                ties=ties,
                channels=channels,
            )
        )
    return found


def _day(when):
    """'13 June 2025': a date as the book writes it."""
    return f"{when.day} {when:%B %Y}"


def positions(data, versions=None):
    """{actor id: (x, y)} for every actor of actors.csv and every actor that a tie or channel
    names, in any version: an actor with no tie yet still has a place, for the figures that draw
    every state.

    layout.csv places the actors it lists; the others get a seeded spring layout around them
    (LAYOUT_SEED). A folder with no layout.csv gets a layout whose distances follow the network's
    (``_stress_layout``), from a seeded start: the same figure on every run. Every panel of a
    figure keeps each actor in one place.
    """
    graph = nx.Graph()
    graph.add_nodes_from(data.actors["id"])
    graph.add_edges_from(zip(data.ties["source"], data.ties["target"]))
    graph.add_edges_from(zip(data.channels["source"], data.channels["target"]))
    if not graph:
        return {}
    fixed = {
        row.id: (float(row.x), float(row.y)) for row in data.layout.itertuples() if row.id in graph
    }
    if len(fixed) == len(graph):
        return fixed
    if fixed:  # the others settle around the actors layout.csv places
        pos = nx.spring_layout(graph, pos=fixed, fixed=list(fixed), seed=LAYOUT_SEED)
    else:
        pos = _stress_layout(graph)
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in sorted(pos.items())}


def _stress_layout(graph, iterations=300):
    """Positions whose distances match the actors' distances in the network (stress majorization).

    Two actors one tie apart are drawn about one unit apart, two ties apart about two units: a small
    network spreads out evenly, with no actor on top of another. The start is seeded (LAYOUT_SEED),
    so the figure is the same on every run.
    """
    nodes = sorted(graph)
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    lengths = dict(nx.all_pairs_shortest_path_length(graph))
    far = max(d for row in lengths.values() for d in row.values()) + 1  # between components
    dist = np.array(
        [[lengths[u].get(v, far) if u != v else 0 for v in nodes] for u in nodes], dtype=float
    )
    weight = np.zeros_like(dist)
    weight[dist > 0] = dist[dist > 0] ** -2.0  # nearer pairs count more
    laplacian = -weight
    np.fill_diagonal(laplacian, weight.sum(axis=1))
    inverse = np.linalg.pinv(laplacian)
    x = np.random.default_rng(LAYOUT_SEED).random((n, 2))
    for _ in range(iterations):  # the Guttman transform: each step lowers the stress
        gap = np.linalg.norm(x[:, None, :] - x[None, :, :], axis=2)
        ratio = np.where(gap > 1e-12, weight * dist / np.maximum(gap, 1e-12), 0.0)
        b = -ratio
        np.fill_diagonal(b, ratio.sum(axis=1))
        x = inverse @ b @ x
    return {node: (float(px), float(py)) for node, (px, py) in zip(nodes, x)}


def no_ties(data, folder):
    """The message for a folder with no tie yet, or '' if it has ties."""
    if len(data.ties):
        return ""
    return (
        f"No ties yet: {folder}/ties.csv has only its header. "
        "Code a paragraph into it, one row per tie "
        "(the codebook says how), save it, and run this notebook again (Run > Run All Cells). "
        "Until then every cell runs, with nothing to measure."
    )


# The measures of the comparison, in the order the table shows them, and how to write each value.
ROUNDED = 3


def measure_table(columns):
    """The measures of several texts side by side: {label: {measure: value}} -> a DataFrame.

    Rows keep the order in which the measures first appear; a measure that a text lacks shows
    as '—'; numbers that are not whole are rounded to three places; sets and lists are written
    as sorted names. Every text is measured by the same code, so the table compares like with like.
    """
    order = list(dict.fromkeys(name for values in columns.values() for name in values))
    table = pd.DataFrame(
        {label: [_cell(values.get(name)) for name in order] for label, values in columns.items()},
        index=order,
        dtype=object,
    )
    table.index.name = "measure"
    return table


def _cell(value):
    if value is None:
        return "—"
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, ROUNDED)
    if isinstance(value, (set, frozenset, list, tuple)):
        return ", ".join(sorted(map(str, value))) or "none"
    return value


def draw_nothing(ax, message):
    """An empty panel that says why (no ties yet, no version to compare), so the cell still runs."""
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True, transform=ax.transAxes)
    ax.set_axis_off()
    return ax
