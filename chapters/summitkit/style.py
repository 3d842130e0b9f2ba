"""The book's drawing style: one palette, one shape per actor kind, one line style per relation.

``use_book_style()`` sets fonts and sizes; ``draw_network()`` draws any network of
the article's actors the same way, with legends. Building the graph and computing
measures stay in the notebooks.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from .loading import CHANNELS

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
    # A tie whose kind is not recorded, e.g. after projecting people onto states.
    "tie": {"color": OKABE_ITO["grey"], "style": "solid", "width": 2.0},
}


# Chapter 3: a channel's status, told apart by line style as well as colour.
STATUS_STYLE = {
    "operating": {"color": OKABE_ITO["blue"], "style": "solid", "width": 2.6},
    "restricted": {"color": OKABE_ITO["vermillion"], "style": (0, (6, 2)), "width": 2.4},
    "reported": {"color": OKABE_ITO["orange"], "style": (0, (6, 2, 1, 2)), "width": 2.4},
    "proposed": {"color": OKABE_ITO["purple"], "style": (0, (1, 1.5)), "width": 2.8},
}
# Chapter 4: the sign of a tie, told apart by line style and a marker as well as colour.
SIGN_STYLE = {
    "+": {"color": OKABE_ITO["blue"], "style": "solid", "width": 2.6, "label": "shared interests (+)"},
    "-": {"color": OKABE_ITO["vermillion"], "style": (0, (6, 2)), "width": 2.6, "label": "opposed interests (−)"},
}

# When sources give one channel several statuses, a figure draws the least established.
LEAST_ESTABLISHED_FIRST = ("proposed", "reported", "restricted", "operating")


def use_book_style():
    """Set fonts and sizes for every figure in the book, and draw figures as SVG.

    SVG stays sharp at any zoom and on any screen, and is smaller than a sharp PNG. A fixed hash
    salt and no date make the same figure give the same bytes on every run.
    """
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
        set_matplotlib_formats("svg", metadata={"Date": None})
    except ImportError:  # outside Jupyter: nothing to set
        pass
    plt.rcParams.update({
        "svg.hashsalt": "summit-networks",
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


def _arc_middle(ax, a, b, rad):
    """The middle of matplotlib's arc3 curve from a to b (computed on screen, as matplotlib does)."""
    (x1, y1), (x2, y2) = ax.transData.transform([a, b])
    x = (x1 + x2) / 2 + rad * (y2 - y1) / 2
    y = (y1 + y2) / 2 - rad * (x2 - x1) / 2
    return ax.transData.inverted().transform((x, y))


def _set_limits(ax, pos, margin=0.09):
    """Margins so that no node or label is clipped (a larger margin for small panels)."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    width, height = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    ax.set_xlim(min(xs) - margin * width, max(xs) + margin * width)
    ax.set_ylim(min(ys) - (margin + 0.06) * height, max(ys) + (margin - 0.01) * height)


def draw_network(graph, pos, ax=None, sizes=None, highlight=()):
    """Draw a network of actors in the book's style, with legends.

    ``graph`` is a networkx (Multi)Graph whose nodes have ``name`` and ``kind``
    attributes. Edges may have ``relation`` (default "tie") and ``sign``.
    ``pos`` maps node ids to (x, y), for example from data/layout.csv.
    ``sizes`` optionally maps node ids to a scale factor (1 = the kind's usual size),
    to size nodes by a measure. Nodes in ``highlight`` get a black ring.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 7.5))
    _set_limits(ax, {n: pos[n] for n in graph})
    multi = graph if graph.is_multigraph() else nx.MultiGraph(graph)
    sizes = sizes or {}

    def size(node):
        return NODE_STYLE[multi.nodes[node]["kind"]]["size"] * sizes.get(node, 1.0)

    for (u, v, key), rad in _curvatures(multi).items():
        data = multi.edges[u, v, key]
        style = EDGE_STYLE[data.get("relation", "tie")]
        arc = FancyArrowPatch(
            pos[u], pos[v], connectionstyle=f"arc3,rad={rad}", arrowstyle="-",
            color=style["color"], linestyle=style["style"], linewidth=style["width"],
            shrinkA=size(u) ** 0.5 / 2, shrinkB=size(v) ** 0.5 / 2, zorder=1,
        )
        ax.add_patch(arc)
        if data.get("sign") == "-":
            # A negative tie gets a minus sign on its own arc.
            ax.text(*_arc_middle(ax, pos[u], pos[v], rad), "−", ha="center", va="center",
                    fontsize=15, fontweight="bold", color=style["color"], zorder=3,
                    bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "ec": style["color"]})

    kinds = [k for k in NODE_STYLE if any(d["kind"] == k for _, d in multi.nodes(data=True))]
    for kind in kinds:
        nodes = [n for n, d in multi.nodes(data=True) if d["kind"] == kind]
        style = NODE_STYLE[kind]
        nx.draw_networkx_nodes(multi, pos, nodelist=nodes, node_color=style["color"],
                               node_shape=style["marker"], node_size=[size(n) for n in nodes],
                               edgecolors=["black" if n in highlight else "white" for n in nodes],
                               linewidths=[3.0 if n in highlight else 1.5 for n in nodes], ax=ax)
    for node, data in multi.nodes(data=True):
        # Place the label just below the marker, whatever the marker's size.
        below = size(node) ** 0.5 / 2 + 2
        ax.annotate(data["name"], xy=pos[node], xytext=(0, -below), textcoords="offset points",
                    ha="center", va="top", fontsize=12, zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9})
    ax.set_axis_off()
    _legends(ax, multi, kinds)
    return ax


def _legends(ax, graph, kinds):
    """Actor kinds and relations, below the drawing so the network can use the full width."""
    node_handles = [
        Line2D([], [], linestyle="none", marker=NODE_STYLE[k]["marker"], markersize=11,
               markerfacecolor=NODE_STYLE[k]["color"], markeredgecolor="white", label=k)
        for k in kinds
    ]
    used = {d.get("relation", "tie") for *_, d in graph.edges(data=True)}
    if used == {"tie"}:
        used = set()  # every line means the same: nothing to explain
    edge_handles = [
        Line2D([], [], color=EDGE_STYLE[r]["color"], linestyle=EDGE_STYLE[r]["style"],
               linewidth=EDGE_STYLE[r]["width"], label=r)
        for r in EDGE_STYLE if r in used
    ]
    legend_nodes = ax.legend(handles=node_handles, title="Actor kind", loc="upper center",
                             bbox_to_anchor=(0.5, 0.0), ncol=4, frameon=False)
    if edge_handles:
        ax.add_artist(legend_nodes)  # keep it when the next ax.legend() call replaces it
        signed = any(d.get("sign") == "-" for *_, d in graph.edges(data=True))
        ax.legend(handles=edge_handles, title="Relation (− marks an opposed tie)" if signed else "Relation",
                  loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, frameon=False, handlelength=3.2)


def draw_timeline(events, ax=None, mark=None):
    """Draw dated events on a line, labels alternating above and below so they never collide.

    ``events`` is a DataFrame with ``date`` and ``event`` columns (data/events.csv).
    The event whose ``event`` text equals ``mark`` is drawn as a diamond, to stand out.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.2))
    events = events.sort_values("date").reset_index(drop=True)
    first, last = events["date"].min(), events["date"].max()
    span = max((last - first).days, 1)
    ax.axhline(0, color=OKABE_ITO["grey"], linewidth=1.5, zorder=1)
    for i, row in events.iterrows():
        x = (row["date"] - first).days
        up = i % 2 == 0
        marked = row["event"] == mark
        ax.plot(x, 0, marker="D" if marked else "o", markersize=11 if marked else 9,
                color=OKABE_ITO["vermillion"] if marked else OKABE_ITO["blue"],
                markeredgecolor="white", zorder=3)
        ax.plot([x, x], [0, 0.45 if up else -0.45], color=OKABE_ITO["grey"], linewidth=0.8, zorder=2)
        label = f"{row['date'].day} {row['date']:%b}\n" + textwrap.fill(row["event"], 24)
        ax.text(x, 0.5 if up else -0.5, label, ha="center", va="bottom" if up else "top", fontsize=11,
                linespacing=1.25)
    ax.set_xlim(-0.12 * span, 1.12 * span)
    ax.set_ylim(-1.6, 1.6)
    ax.set_axis_off()
    return ax


def _draw_nodes(ax, graph, pos, size, faded=(), label_faded=True):
    """Each node as its kind's marker with its name below; nodes in ``faded`` pale."""
    for node, data in graph.nodes(data=True):
        style = NODE_STYLE[data["kind"]]
        pale = node in faded
        ax.scatter(*pos[node], s=size(node), marker=style["marker"], color=style["color"],
                   alpha=0.3 if pale else 1.0, edgecolors="white", linewidths=1.5, zorder=2)
        if pale and not label_faded:
            continue
        ax.annotate(data["name"], xy=pos[node], xytext=(0, -(size(node) ** 0.5 / 2 + 2)),
                    textcoords="offset points", ha="center", va="top", fontsize=12, zorder=4,
                    color=OKABE_ITO["grey"] if pale else "black",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9})


def status_handles(statuses=None):
    """Legend entries for channel statuses, in the order of STATUS_STYLE."""
    return [Line2D([], [], color=STATUS_STYLE[s]["color"], linestyle=STATUS_STYLE[s]["style"],
                   linewidth=STATUS_STYLE[s]["width"], label=s)
            for s in STATUS_STYLE if statuses is None or s in statuses]


def draw_channels(graph, pos, ax=None, channels=None, labels=False, node_scale=1.0, legend=True):
    """Draw economic channels between actors: one arc per pair and channel, styled by status.

    ``graph`` is a networkx MultiGraph with one edge per source's claim, each with
    ``channel`` and ``status`` attributes; nodes have ``name`` and ``kind``. Only the
    ``channels`` given are drawn (default: all), but every node keeps its place, so that
    panels of several layers line up; a node with no drawn channel is faded.
    ``labels`` writes each arc's channel on it.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    _set_limits(ax, {n: pos[n] for n in graph}, margin=0.16)
    statuses = {}
    for u, v, d in graph.edges(data=True):
        if channels is None or d["channel"] in channels:
            statuses.setdefault((tuple(sorted((u, v))), d["channel"]), set()).add(d["status"])
    by_pair = {}
    for (pair, channel) in statuses:
        by_pair.setdefault(pair, []).append(channel)
    drawn_nodes = {n for pair in by_pair for n in pair}

    def size(node):
        return NODE_STYLE[graph.nodes[node]["kind"]]["size"] * node_scale

    for (u, v), chans in sorted(by_pair.items()):
        chans.sort(key=CHANNELS.index)
        for i, channel in enumerate(chans):
            rad = (i - (len(chans) - 1) / 2) * 0.2
            status = next(s for s in LEAST_ESTABLISHED_FIRST if s in statuses[(u, v), channel])
            style = STATUS_STYLE[status]
            ax.add_patch(FancyArrowPatch(
                pos[u], pos[v], connectionstyle=f"arc3,rad={rad}", arrowstyle="-", color=style["color"],
                linestyle=style["style"], linewidth=style["width"], zorder=1,
                shrinkA=size(u) ** 0.5 / 2, shrinkB=size(v) ** 0.5 / 2))
            if labels:
                ax.text(*_arc_middle(ax, pos[u], pos[v], rad), channel, ha="center", va="center",
                        fontsize=11, color="black", zorder=3,
                        bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": style["color"], "lw": 1})
    _draw_nodes(ax, graph, pos, size, faded=set(graph) - drawn_nodes, label_faded=True)
    ax.set_axis_off()
    if legend:
        used = set().union(*statuses.values()) if statuses else set()
        ax.legend(handles=status_handles(used), title="Status in June 2018", loc="upper center",
                  bbox_to_anchor=(0.5, 0.0), ncol=4, frameon=False, handlelength=3.2)
    return ax


def draw_signed(graph, pos, ax=None, only=None, node_scale=1.0, legend=True, marks=True):
    """Draw a signed network of actors: each tie solid (+) or dashed (−), with its sign on it.

    ``graph`` is a networkx Graph whose edges have a ``sign`` of "+" or "-" and whose nodes
    have ``name`` and ``kind``. Only the nodes in ``only`` (default: all) and the ties among
    them are drawn in full; the other nodes keep their place, faded, so that panels line up.
    ``marks=False`` leaves out the + and − on the ties (line style still tells them apart),
    for panels too small to hold them.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    _set_limits(ax, {n: pos[n] for n in graph}, margin=0.16)
    shown = set(graph) if only is None else set(only)

    def size(node):
        return NODE_STYLE[graph.nodes[node]["kind"]]["size"] * node_scale

    for u, v, sign in sorted(graph.edges(data="sign")):
        if u not in shown or v not in shown:
            continue
        style = SIGN_STYLE[sign]
        ax.add_patch(FancyArrowPatch(
            pos[u], pos[v], arrowstyle="-", color=style["color"], linestyle=style["style"],
            linewidth=style["width"], zorder=1, shrinkA=size(u) ** 0.5 / 2, shrinkB=size(v) ** 0.5 / 2))
        if not marks:
            continue
        ax.text(*_arc_middle(ax, pos[u], pos[v], 0), "+" if sign == "+" else "−", ha="center", va="center",
                fontsize=13, fontweight="bold", color=style["color"], zorder=3,
                bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "ec": style["color"]})
    # A faded node keeps its place, unlabelled, so that a small panel stays readable.
    _draw_nodes(ax, graph, pos, size, faded=set(graph) - shown, label_faded=False)
    ax.set_axis_off()
    if legend:
        ax.legend(handles=sign_handles(), title="Tie", loc="upper center", bbox_to_anchor=(0.5, 0.0),
                  ncol=2, frameon=False, handlelength=3.2)
    return ax


def sign_handles():
    """Legend entries for the two signs."""
    return [Line2D([], [], color=st["color"], linestyle=st["style"], linewidth=st["width"], label=st["label"])
            for st in SIGN_STYLE.values()]
