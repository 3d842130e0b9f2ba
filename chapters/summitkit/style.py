"""The book's drawing style: one palette, one shape per actor kind, one line style per relation.

``use_book_style()`` sets fonts and sizes; ``draw_network()`` draws any network of
the article's actors the same way, with legends. Building the graph and computing
measures stay in the notebooks.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import FancyArrowPatch
from matplotlib.transforms import Bbox

from .loading import CHANNELS

# Okabe & Ito's colour-blind-safe palette. Every category is also told apart by
# shape (nodes) or line style (edges), so the figures survive greyscale too.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
}
# A rule that marks a day on a chart (chapter 5: the day the article's ties lapse): darker than the
# palette's grey, so that a thin dotted line still shows.
RULE_COLOUR = "#555555"

# Where the five states sit in every figure of the states alone (chapters 3 to 5), like a map: China
# west, Russia north, the Koreas south, the United States east. One layout, so that a state is where
# the last chapter put it. Units are arbitrary: the drawing functions fit the states to the panel.
STATE_LAYOUT = {
    "china": (-3.4, 0.2),
    "russia": (0.3, 1.8),
    "united_states": (3.4, -0.4),
    "north_korea": (-1.2, -1.0),
    "south_korea": (1.0, -1.6),
}

# A marker sized by a measure (draw_network's ``sizes``): its area at 0 and at the drawing's
# largest value, as a multiple of a state's usual area.
SIZE_RANGE = (0.35, 2.0)

# Marker areas in square points, for a figure about 5.6 inches wide.
NODE_STYLE = {
    "state": {"color": OKABE_ITO["blue"], "marker": "o", "size": 800},
    "person": {"color": OKABE_ITO["orange"], "marker": "^", "size": 520},
    "organisation": {"color": OKABE_ITO["green"], "marker": "s", "size": 420},
    "place": {"color": OKABE_ITO["purple"], "marker": "D", "size": 380},
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
    # Chapter 6: arms, troops, fighting (a relation the CNBC article does not use).
    "military": {
        "color": OKABE_ITO["orange"],
        "style": (0, (5, 1.5, 1, 1.5, 1, 1.5)),
        "width": 2.2,
    },
}


# Chapter 3: a channel's status, told apart by line style as well as colour.
STATUS_STYLE = {
    "operating": {"color": OKABE_ITO["blue"], "style": "solid", "width": 2.6},
    # In place, but carrying nothing at the time: dashes as far apart as they are long.
    "idle": {"color": OKABE_ITO["green"], "style": (0, (5, 5)), "width": 2.4},
    "restricted": {"color": OKABE_ITO["vermillion"], "style": (0, (6, 2)), "width": 2.4},
    "reported": {"color": OKABE_ITO["orange"], "style": (0, (6, 2, 1, 2)), "width": 2.4},
    "proposed": {"color": OKABE_ITO["purple"], "style": (0, (1, 1.5)), "width": 2.8},
}
# Chapter 6: a channel the text says could exist ("Russia could transfer ..."). Kept out of
# STATUS_STYLE so that chapter 3's legend, which lists every status there, stays as it is.
EXTRA_STATUS_STYLE = {
    "possible": {"color": OKABE_ITO["sky"], "style": (0, (1, 3)), "width": 2.8},
}
# Chapter 6: how firmly a text states a tie. Solid, dashed, dotted: the firmer, the fuller the line.
TIE_STATUS_STYLE = {
    "stated": {"color": OKABE_ITO["blue"], "style": "solid", "width": 2.4},
    "reported": {"color": OKABE_ITO["orange"], "style": (0, (6, 2)), "width": 2.4},
    "possible": {"color": OKABE_ITO["sky"], "style": (0, (1, 2)), "width": 2.8},
}
# Chapter 4: the sign of a tie, told apart by line style and a marker as well as colour.
SIGN_STYLE = {
    "+": {
        "color": OKABE_ITO["blue"],
        "style": "solid",
        "width": 2.6,
        # What the signs come from, on two lines: two columns fit a panel of the book's width.
        "label": "+ (shared interests,\ncooperation, aid)",
    },
    "-": {
        "color": OKABE_ITO["vermillion"],
        "style": (0, (6, 2)),
        "width": 2.6,
        "label": "− (opposed interests,\nrivalry, fighting)",
    },
}


def _ink(marker):
    """The share of its square a marker covers: a triangle covers less than a circle of the same
    size."""
    style = MarkerStyle(marker)
    x, y = style.get_path().transformed(style.get_transform()).to_polygons()[0].T
    return abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2


INK = {style["marker"]: _ink(style["marker"]) for style in NODE_STYLE.values()}

# When sources give one channel several statuses, a figure draws the least established (chapter 3:
# the claim that needs checking), unless it is asked for one arc per status (chapter 6).
LEAST_ESTABLISHED_FIRST = ("possible", "proposed", "reported", "idle", "restricted", "operating")


def _status_style(status):
    """A channel status's line style, chapter 3's or chapter 6's."""
    return STATUS_STYLE.get(status) or EXTRA_STATUS_STYLE[status]


def channel_order(channel):
    """Chapter 3's six channels in their order, then any other channel (chapter 6) by name."""
    return (CHANNELS.index(channel), "") if channel in CHANNELS else (len(CHANNELS), channel)


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
    plt.rcParams.update(
        {
            "svg.hashsalt": "summit-networks",
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "font.family": "DejaVu Sans",
            # Figures are drawn about 5.6 inches wide: a phone shows them at about 340 px and a wide
            # screen at 540 px, so 12-point text is 10 px on a phone and 16 px, the body text, on a
            # desktop.
            "font.size": 12,
            "legend.fontsize": 12,
            "legend.title_fontsize": 12,
            "axes.titlesize": 13,
        }
    )


# --- What every network figure is made of: marker sizes, arcs, marks on arcs, nodes and names ----


def _sizer(graph, node_scale=1.0, sizes=None):
    """A function giving each node's marker area in square points.

    A node's area is its kind's (NODE_STYLE) times ``node_scale``; a node in ``sizes`` (a measure's
    values) gets an area in step with its value instead (see _measure_area), the same inked area
    for a circle or a triangle.
    """
    sizes = sizes or {}
    largest = max(sizes.values(), default=0)

    def size(node):
        style = NODE_STYLE[graph.nodes[node]["kind"]]
        if node in sizes:
            return _measure_area(sizes[node], largest) * INK["o"] / INK[style["marker"]]
        return style["size"] * node_scale

    return size


def _measure_area(value, largest):
    """A circle's area for a measure's value: from SIZE_RANGE's low end at 0 to its high end at the
    drawing's ``largest`` value, as multiples of a state's usual area."""
    low, high = SIZE_RANGE
    return NODE_STYLE["state"]["size"] * (low + (high - low) * value / largest if largest else low)


def _fan(n, step):
    """Curvatures for ``n`` arcs between one pair, ``step`` apart around the straight line, so that
    each stays visible."""
    return [(i - (n - 1) / 2) * step for i in range(n)]


def _curvatures(graph):
    """One curvature per edge (u, v, key) of a MultiGraph: each pair's ties fanned out."""
    by_pair = {}
    for u, v, key in graph.edges(keys=True):
        by_pair.setdefault(frozenset((u, v)), []).append((u, v, key))
    bend = {}
    for edges in by_pair.values():
        for (u, v, key), rad in zip(edges, _fan(len(edges), 0.12)):
            # An arc bows to the left of the way it is drawn: flip it for v to u, so that they fan.
            bend[u, v, key] = rad if u < v else -rad
    return bend


def _arc(ax, pos, u, v, rad, style, size):
    """Draw one tie from u to v in a line ``style`` (EDGE_STYLE, STATUS_STYLE, ...): straight if
    ``rad`` is 0, else bowed by ``rad``; it stops at the markers' edges, so that a marker's shape
    shows whole. Returns (u, v, rad), what the names must keep off."""
    ax.add_patch(
        FancyArrowPatch(
            pos[u],
            pos[v],
            connectionstyle=f"arc3,rad={rad}",
            arrowstyle="-",
            color=style["color"],
            linestyle=style["style"],
            linewidth=style["width"],
            zorder=1,
            shrinkA=size(u) ** 0.5 / 2,
            shrinkB=size(v) ** 0.5 / 2,
        )
    )
    return u, v, rad


def _arc_points(ax, a, b, rad, t=None):
    """Points of the arc from a to b drawn with ``rad``, on screen (pixels), at ``t`` (0 at a, 1 at
    b); by default every two pixels or so, enough to find a name lying on it.

    matplotlib's arc3 is a quadratic Bézier curve whose control point sits ``rad`` times a–b off its
    middle.
    """
    (x1, y1), (x2, y2) = ax.transData.transform([a, b])
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    if t is None:
        t = np.linspace(0, 1, max(int(np.hypot(x2 - x1, y2 - y1) * (1 + abs(rad)) / 2), 1) + 1)
    t = np.asarray(t, dtype=float)[..., None]
    return (1 - t) ** 2 * [x1, y1] + 2 * t * (1 - t) * [cx, cy] + t**2 * [x2, y2]


def _arc_spot(ax, a, b, rad, t=0.5):
    """The point at ``t`` of the arc from a to b, in data coordinates: where a mark on it goes."""
    return ax.transData.inverted().transform(_arc_points(ax, a, b, rad, t))


def _mark(ax, xy, text, colour, box="round,pad=0.12", **style):
    """Write a short text on a tie (its sign, its number of ties, its channel) on a white box edged
    in the tie's colour, over the ties."""
    return ax.text(
        *xy,
        text,
        ha="center",
        va="center",
        zorder=3,
        bbox={"boxstyle": box, "fc": "white", "ec": colour, "lw": 1},
        **style,
    )


def _hits(box, points):
    """Whether any of ``points`` (pixels, an array) lies in ``box``."""
    x, y = points.T
    return bool(((x >= box.x0) & (x <= box.x1) & (y >= box.y0) & (y <= box.y1)).any())


def _inside(box, panel):
    """Whether ``box`` lies wholly inside ``panel``."""
    return panel.contains(box.x0, box.y0) and panel.contains(box.x1, box.y1)


def _best(places, trouble):
    """The first of ``places`` where ``trouble(place)`` is 0, or else the first of the least bad;
    ``trouble`` is left at the place chosen. Every label of the book is placed so."""
    best, least = None, None
    for place in places:
        harm = trouble(place)
        if least is None or harm < least:
            best, least = place, harm
        if harm == 0:
            return place
    trouble(best)
    return best


def _slide_marks(ax, pos, size, arcs, marks):
    """Move each mark along its arc, from the middle towards an end, to the first spot where it
    covers no other tie, no marker and no other mark, so that it is plain which tie it marks.

    ``arcs`` are the (u, v, rad) drawn; ``marks`` are (index in ``arcs``, text).
    """
    renderer = ax.figure.canvas.get_renderer()
    along = [_arc_points(ax, pos[u], pos[v], rad) for u, v, rad in arcs]
    markers = [
        (ax.transData.transform(pos[n]), renderer.points_to_pixels(size(n) ** 0.5 / 2)) for n in pos
    ]
    placed = []
    for i, text in marks:
        u, v, rad = arcs[i]
        others = np.concatenate([points for j, points in enumerate(along) if j != i] + [[[0, 0]]])

        def trouble(t):
            text.set_position(_arc_spot(ax, pos[u], pos[v], rad, t))
            box = text.get_window_extent(renderer).padded(4)
            return (
                _hits(box, others)
                + 2 * sum(box.padded(r).contains(*centre) for centre, r in markers)
                + 3 * sum(box.overlaps(other) for other in placed)
            )

        _best((0.5, 0.42, 0.58, 0.34, 0.66), trouble)
        placed.append(text.get_window_extent(renderer).padded(4))


def _set_limits(ax, pos, side=30, top=20, bottom=40):
    """Leave room around the nodes for markers and names: ``side``, ``top`` and ``bottom`` points.

    The room is in points, not a share of the axes, so that a small panel keeps enough of it.
    """
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    box = ax.get_window_extent()  # the axes on screen, in pixels
    room = ax.figure.dpi / 72  # pixels per point
    x_per_pixel = (max(xs) - min(xs) or 1.0) / (box.width - 2 * side * room)
    y_per_pixel = (max(ys) - min(ys) or 1.0) / (box.height - (top + bottom) * room)
    ax.set_xlim(min(xs) - side * room * x_per_pixel, max(xs) + side * room * x_per_pixel)
    ax.set_ylim(min(ys) - bottom * room * y_per_pixel, max(ys) + top * room * y_per_pixel)


def _label(ax, xy, name, radius, side="below", wrap=13, **style):
    """Write a node's name next to its marker, on a white box so that no line runs through it.

    ``radius`` is the marker's radius in points; names longer than ``wrap`` characters wrap.
    """
    label = ax.annotate(
        "",
        xy=xy,
        xytext=(0, 0),
        textcoords="offset points",
        fontsize=12,
        zorder=4,
        linespacing=1.1,
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
        **style,
    )
    _move(label, name, radius, side, wrap)
    return label


def _move(label, name, radius, side, wrap, reach=0):
    """Put a name on one side of its marker (see SIDES), ``reach`` points further out than next to
    it."""
    gap = radius + 2 + reach
    offset, (ha, va) = {
        "below": ((0, -gap), ("center", "top")),
        "above": ((0, gap), ("center", "bottom")),
        "right": ((gap, 0), ("left", "center")),
        "left": ((-gap, 0), ("right", "center")),
        # Below or above, but reaching to one side only: for a node near the edge of a small panel.
        "below, rightwards": ((-radius, -gap), ("left", "top")),
        "below, leftwards": ((radius, -gap), ("right", "top")),
        "above, rightwards": ((-radius, gap), ("left", "bottom")),
        "above, leftwards": ((radius, gap), ("right", "bottom")),
        # Off a corner of the marker, where the ties of a busy node leave a gap.
        "below left": ((-0.7 * gap, -0.7 * gap), ("right", "top")),
        "below right": ((0.7 * gap, -0.7 * gap), ("left", "top")),
        "above left": ((-0.7 * gap, 0.7 * gap), ("right", "bottom")),
        "above right": ((0.7 * gap, 0.7 * gap), ("left", "bottom")),
    }[side]
    label.set_text(textwrap.fill(name, wrap, break_long_words=False))
    label.xyann = offset
    label.set_horizontalalignment(ha)
    label.set_verticalalignment(va)


# How far out (points) a name may go from a busy marker, with a thin line to it, in the figures
# whose pairs can have many arcs (draw_network, draw_statuses).
LEADERS = (0, 10, 20, 30)

# Where a name may go, in order of preference.
SIDES = (
    "below",
    "above",
    "right",
    "left",
    "below, rightwards",
    "below, leftwards",
    "above, rightwards",
    "above, leftwards",
    "below left",
    "below right",
    "above left",
    "above right",
)


def _draw_nodes(
    ax,
    graph,
    pos,
    size,
    ties,
    faded=(),
    label_faded=True,
    marks=(),
    ringed=(),
    room=None,
    reach=(0,),
):
    """Each node as its kind's marker with its name beside it: every network figure's nodes.

    ``size`` gives a node's marker area (see _sizer); nodes in ``faded`` are pale, those in
    ``ringed`` get a black ring. ``ties`` are the (u, v, rad) arcs drawn, ``marks`` the texts
    written on them. No rule of thumb fits every figure: each name goes to the first place in SIDES
    where it stays inside ``room`` (default: the panel) and clear of the ties, the marks, the other
    markers and the names already placed; if there is none, to the first of the least bad.
    ``reach`` lists how far out (points) a name may go: a name away from its marker gets a thin
    line to it, so that a busy node's name can go where the ties leave room.
    """

    def area(node):
        # A faded node is smaller, and under the ties, so that no tie seems to end at it.
        return size(node) * (0.4 if node in faded else 1.0)

    for node, data in graph.nodes(data=True):
        style = NODE_STYLE[data["kind"]]
        ax.scatter(
            *pos[node],
            s=area(node),
            marker=style["marker"],
            color=style["color"],
            alpha=0.3 if node in faded else 1.0,
            edgecolors="black" if node in ringed else "white",
            linewidths=3.0 if node in ringed else 1.5,
            zorder=0 if node in faded else 2,
        )
    renderer = ax.figure.canvas.get_renderer()
    along_ties = np.concatenate(
        [_arc_points(ax, pos[u], pos[v], rad) for u, v, rad in ties] + [np.empty((0, 2))]
    )
    markers = {
        n: (ax.transData.transform(pos[n]), renderer.points_to_pixels(area(n) ** 0.5 / 2))
        for n in graph
    }
    panel = room or ax.get_window_extent(renderer)
    placed = [mark.get_window_extent(renderer).padded(3) for mark in marks]
    sizes = {}  # text -> its (width, height) on screen, measured once
    for node, data in graph.nodes(data=True):
        if node in faded and not label_faded:
            continue
        radius = area(node) ** 0.5 / 2
        colour = OKABE_ITO["grey"] if node in faded else "black"
        label = _label(ax, pos[node], data["name"], radius, color=colour)

        def trouble(place):
            """How badly the name fits at this place: 0 is clear; leaving the panel is the least
            harm, covering another name the worst."""
            _move(label, data["name"], radius, *place)
            box = _text_box(label, renderer, sizes).padded(3)
            covered = [
                n
                for n, (centre, r) in markers.items()
                if n != node and box.padded(r + 2).contains(*centre)
            ]
            return (
                (0 if _inside(box, panel) else 1)
                + (2 if _hits(box, along_ties) else 0)
                + sum(1 if n in faded else 2 for n in covered)
                + 3 * any(box.overlaps(other) for other in placed)
            )

        # Next to the marker if it can be; on one line, then on two or three, then one word a line.
        places = [(side, wrap, out) for out in reach for wrap in (13, 8, 1) for side in SIDES]
        if _best(places, trouble)[2]:
            _leader(ax, label, renderer, *markers[node])
        placed.append(label.get_window_extent(renderer).padded(3))


def _text_box(label, renderer, sizes):
    """The box a name (an annotation ``_label`` made) covers on screen. Moving or realigning a name
    only shifts its box, so each text is measured once (``sizes`` keeps the measures) and every
    place the search tries costs arithmetic, not a text layout."""
    text = label.get_text()
    if text not in sizes:
        box = label.get_window_extent(renderer)
        sizes[text] = (box.width, box.height)
    width, height = sizes[text]
    x, y = label.axes.transData.transform(label.xy) + renderer.points_to_pixels(
        np.array(label.xyann)
    )
    x -= {"left": 0, "center": 0.5, "right": 1}[label.get_horizontalalignment()] * width
    y -= {"bottom": 0, "center": 0.5, "top": 1}[label.get_verticalalignment()] * height
    return Bbox.from_bounds(x, y, width, height)


def _leader(ax, label, renderer, centre, radius):
    """A thin line from a marker (``centre`` and ``radius`` in pixels) to its name's box, for a
    name placed away from it."""
    box = label.get_window_extent(renderer)
    middle = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    way = centre - middle
    # From the box's edge, where the line from its middle to the marker leaves it, to the marker.
    half = np.array([box.width, box.height]) / 2
    edge = middle + way * min(half / np.maximum(abs(way), 1e-9))
    start = centre - way / np.hypot(*way) * (radius + 1)
    ax.plot(
        *ax.transData.inverted().transform([start, edge]).T,
        color=OKABE_ITO["grey"],
        linewidth=0.8,
        zorder=3,
    )


# --- Legends ----------------------------------------------------------------------------------


def _line_handles(styles, shown=None):
    """Legend entries for line styles, in the order of ``styles`` (EDGE_STYLE, STATUS_STYLE, ...):
    those whose names are in ``shown`` (default: all), each labelled by its ``label`` or name."""
    return [
        Line2D(
            [],
            [],
            color=st["color"],
            linestyle=st["style"],
            linewidth=st["width"],
            label=st.get("label", name),
        )
        for name, st in styles.items()
        if shown is None or name in shown
    ]


def _marker_handle(marker, colour, size, label):
    """A legend entry for a marker: an actor kind, a marker size or a kind of count."""
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=marker,
        markersize=size,
        markerfacecolor=colour,
        markeredgecolor="white",
        label=label,
    )


def _legend_below(ax, handles, title, top=0.0, **options):
    """A legend without a frame, centred under the drawing from ``top`` (axes units) down, so that
    the drawing keeps the full width."""
    return ax.legend(
        handles=handles,
        title=title,
        loc="upper center",
        bbox_to_anchor=(0.5, top),
        frameon=False,
        **options,
    )


def _lower_edge(ax, artist):
    """Where an artist (a legend, or the axes with its tick labels) ends at the bottom, in axes
    units: the next one goes below it."""
    renderer = ax.figure.canvas.get_renderer()
    return artist.get_tightbbox(renderer).transformed(ax.transAxes.inverted()).y0


def status_handles(statuses=None):
    """Legend entries for channel statuses, in the order of STATUS_STYLE (chapter 6's ``possible``
    last, and only when ``statuses`` names it)."""
    styles = STATUS_STYLE if statuses is None else {**STATUS_STYLE, **EXTRA_STATUS_STYLE}
    return _line_handles(styles, statuses)


def tie_status_handles(statuses=None):
    """Legend entries for how firmly a text states a tie (chapter 6): stated, reported, possible."""
    return _line_handles(TIE_STATUS_STYLE, statuses)


def sign_handles():
    """Legend entries for the two signs."""
    return _line_handles(SIGN_STYLE)


# --- The network figures ------------------------------------------------------------------------


def draw_network(graph, pos, ax=None, sizes=None, highlight=(), legend=True, size_label=None):
    """Draw a network of actors in the book's style, with legends.

    ``graph`` is a networkx (Multi)Graph whose nodes have ``name`` and ``kind``
    attributes. Edges may have ``relation`` (default "tie") and ``sign``.
    ``pos`` maps node ids to (x, y), for example from data/layout.csv.
    The ties of one relation and sign between a pair are one arc, marked with their number ("×3")
    when there are several; an opposed tie (sign "-") is marked "−".
    ``sizes`` optionally maps node ids to a measure's values, to size nodes by it: a node's drawn
    area grows in step with its value, whatever its shape, from a visible minimum at 0 to the
    largest marker at this drawing's largest value (SIZE_RANGE). A key below the drawing then shows
    what three of the sizes stand for; ``size_label`` names the measure in it. Nodes in
    ``highlight`` get a black ring. ``legend=False`` leaves the legends out, for a panel whose
    neighbour already has them (the size key stays: each drawing has its own scale).
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5.6, 6.8))
    _set_limits(ax, {n: pos[n] for n in graph})
    size = _sizer(graph, sizes=sizes)
    # A pair's ties, counted by relation and sign: ten arcs between two markers cannot be counted,
    # a number on one arc can.
    bundles = {}
    for u, v, data in graph.edges(data=True):
        bundle = bundles.setdefault(tuple(sorted((u, v))), {})
        kind = (data.get("relation", "tie"), data.get("sign"))
        bundle[kind] = bundle.get(kind, 0) + 1
    arcs, marks = [], []
    for (u, v), bundle in bundles.items():
        # The arcs' middles 26 pixels apart, room for a mark on each: arc3 moves an arc's middle
        # ``rad`` times half the distance between its ends.
        ends = ax.transData.transform([pos[u], pos[v]])
        step = 2 * 26 / np.hypot(*(ends[1] - ends[0]))
        for ((relation, sign), n), rad in zip(bundle.items(), _fan(len(bundle), step)):
            style = EDGE_STYLE[relation]
            arcs.append(_arc(ax, pos, u, v, rad, style, size))
            text = ("−" if sign == "-" else "") + (f"×{n}" if n > 1 else "")
            if text:
                colour = style["color"]
                mark = _mark(ax, (0, 0), text, colour, fontweight="bold", color=colour)
                marks.append((len(arcs) - 1, mark))
    _slide_marks(ax, {n: pos[n] for n in graph}, size, arcs, marks)
    # Names may reach past the axes' sides, not below, where the legends go; and away from a busy
    # marker, with a line to it.
    page, panel = ax.figure.bbox, ax.get_window_extent()
    _draw_nodes(
        ax,
        graph,
        pos,
        size,
        arcs,
        marks=[mark for _, mark in marks],
        ringed=highlight,
        room=Bbox.from_extents(page.x0, panel.y0, page.x1, panel.y1),
        reach=LEADERS,
    )
    ax.set_axis_off()
    below = _size_key(ax, sizes, size_label) if sizes else 0.0
    if legend:
        counts = [n for bundle in bundles.values() for n in bundle.values()]
        notes = [f"×{max(counts)}: {max(counts)} ties"] if max(counts, default=1) > 1 else []
        if any(text.get_text().startswith("−") for _, text in marks):
            notes.append("− an opposed tie")
        _network_legends(ax, graph, below, notes)
    return ax


def _size_key(ax, sizes, label):
    """A key to the sized markers below the drawing: the smallest, a middle and the largest value.

    Each key marker is a circle of the area that value gets, and each value is one a node has, so
    every size in the key is a size in the drawing. Returns the key's lower edge, in axes units.
    """
    values = sorted(set(sizes.values()))
    middle = min(values, key=lambda v: (abs(v - (values[0] + values[-1]) / 2), v))
    shown = sorted({values[0], middle, values[-1]})
    diameters = [_measure_area(v, values[-1]) ** 0.5 for v in shown]  # points
    fontsize = plt.rcParams["legend.fontsize"]
    fontsize = fontsize if isinstance(fontsize, (int, float)) else 12
    key = _legend_below(
        ax,
        [_marker_handle("o", OKABE_ITO["grey"], d, f"{v:.3g}") for v, d in zip(shown, diameters)],
        f"Marker area{f' by {label}' if label else ''} (this panel's scale)",
        ncol=len(shown),
        columnspacing=1.5,
        handletextpad=0.4,
        handlelength=max(diameters) / fontsize,
        handleheight=max(diameters) / fontsize,
        labelspacing=1.2,  # in one row, this is the room between the title and the circles
    )
    ax.add_artist(key)  # keep it when a later ax.legend() call replaces it
    return _lower_edge(ax, key)


def _network_legends(ax, graph, top, notes):
    """Actor kinds, then relations (with ``notes`` on the marks in the title), below the drawing
    from ``top`` (axes units) down."""
    kinds = [k for k in NODE_STYLE if any(d["kind"] == k for _, d in graph.nodes(data=True))]
    node_key = _legend_below(
        ax,
        [_marker_handle(NODE_STYLE[k]["marker"], NODE_STYLE[k]["color"], 11, k) for k in kinds],
        "Actor kind",
        top,
        ncol=4,
        columnspacing=1.2,
    )
    used = {relation for *_, relation in graph.edges(data="relation", default="tie")}
    if not used - {"tie"}:
        return  # every line means the same: nothing to explain
    ax.add_artist(node_key)  # keep it when the next ax.legend() call replaces it
    _legend_below(
        ax,
        _line_handles(EDGE_STYLE, used),
        "Relation" + (f" ({'; '.join(notes)})" if notes else ""),
        _lower_edge(ax, node_key),
        ncol=3,
        handlelength=3.2,
        columnspacing=1.2,
    )


def draw_statuses(graph, pos, ax=None, node_scale=1.0, legend=True, title="Tie"):
    """Draw a network's ties styled by status (chapter 6): stated solid, reported dashed, possible
    dotted, one arc per tie.

    ``graph`` is a networkx MultiGraph whose edges have a ``status`` (stated, reported or possible)
    and whose nodes have ``name`` and ``kind``. A node with no tie keeps its place, faded, so that
    panels drawn with the same ``pos`` line up. Names are placed clear of the ties.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5.6, 5.6))
    # top: room under a title
    _set_limits(ax, {n: pos[n] for n in graph}, side=14, top=30, bottom=34)
    size = _sizer(graph, node_scale)
    arcs = [
        _arc(ax, pos, u, v, rad, TIE_STATUS_STYLE[graph.edges[u, v, key]["status"]], size)
        for (u, v, key), rad in sorted(_curvatures(graph).items(), key=lambda item: str(item[0]))
    ]
    tied = {n for u, v, _ in arcs for n in (u, v)}
    # Many arcs between a pair leave no room next to its markers: names may go further out.
    faded = set(graph) - tied
    _draw_nodes(ax, graph, pos, size, arcs, faded=faded, label_faded=False, reach=LEADERS)
    ax.set_axis_off()
    if legend:
        used = {status for *_, status in graph.edges(data="status")}
        _legend_below(ax, tie_status_handles(used), title, ncol=3, handlelength=3.2)
    return ax


def draw_channels(
    graph,
    pos,
    ax=None,
    channels=None,
    labels=False,
    node_scale=1.0,
    legend=True,
    title="Status in June 2018",
    every_status=False,
):
    """Draw economic channels between actors: one arc per pair and channel, styled by status.

    ``graph`` is a networkx MultiGraph with one edge per source's claim, each with
    ``channel`` and ``status`` attributes; nodes have ``name`` and ``kind``. Only the
    ``channels`` given are drawn (default: all), but every node keeps its place, so that
    panels of several layers line up; a node with no drawn channel is faded.
    ``labels`` writes each arc's channel on it. Channels outside chapter 3's six (chapter 6) come
    after them, by name; ``title`` heads the legend of statuses.

    A channel that its rows give several statuses is drawn by its least established status
    (LEAST_ESTABLISHED_FIRST); with ``every_status=True`` it gets one arc per status instead, so
    that none is hidden. The legend lists only the statuses drawn.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5.6, 5.4))
    _set_limits(ax, {n: pos[n] for n in graph}, side=14, top=14, bottom=34)
    size = _sizer(graph, node_scale)
    statuses = {}
    for u, v, d in graph.edges(data=True):
        if channels is None or d["channel"] in channels:
            statuses.setdefault((tuple(sorted((u, v))), d["channel"]), set()).add(d["status"])
    by_pair = {}  # pair -> its arcs, (channel, status)
    for (pair, channel), found in statuses.items():
        ranked = [s for s in LEAST_ESTABLISHED_FIRST if s in found]
        for status in ranked if every_status else ranked[:1]:
            by_pair.setdefault(pair, []).append((channel, status))
    arcs, marks = [], []
    for (u, v), chans in sorted(by_pair.items()):
        chans.sort(key=lambda arc: (channel_order(arc[0]), LEAST_ESTABLISHED_FIRST.index(arc[1])))
        # Labelled arcs spread wider, so that their labels do not touch.
        for (channel, status), rad in zip(chans, _fan(len(chans), 0.3 if labels else 0.2)):
            style = _status_style(status)
            arcs.append(_arc(ax, pos, u, v, rad, style, size))
            if labels:
                xy = _arc_spot(ax, pos[u], pos[v], rad)
                marks.append(_mark(ax, xy, channel, style["color"], color="black"))
    drawn = {n for pair in by_pair for n in pair}
    _draw_nodes(ax, graph, pos, size, arcs, faded=set(graph) - drawn, marks=marks)
    ax.set_axis_off()
    if legend:
        used = {status for chans in by_pair.values() for _, status in chans}  # drawn only
        _legend_below(ax, status_handles(used), title, ncol=2, handlelength=3.2)
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
        _, ax = plt.subplots(figsize=(5.6, 5.6))
    _set_limits(ax, {n: pos[n] for n in graph}, side=14, top=14, bottom=34)
    shown = set(graph) if only is None else set(only)
    size = _sizer(graph, node_scale)
    arcs, written = [], []  # written: the + and − on the ties
    for u, v, sign in sorted(graph.edges(data="sign")):
        if u not in shown or v not in shown:
            continue
        style = SIGN_STYLE[sign]
        arcs.append(_arc(ax, pos, u, v, 0, style, size))
        if marks:
            xy = _arc_spot(ax, pos[u], pos[v], 0)
            text = "+" if sign == "+" else "−"
            written.append(
                _mark(
                    ax,
                    xy,
                    text,
                    style["color"],
                    box="circle,pad=0.15",
                    fontsize=13,
                    fontweight="bold",
                    color=style["color"],
                )
            )
    # A faded node keeps its place, unlabelled, so that a small panel stays readable.
    _draw_nodes(
        ax, graph, pos, size, arcs, faded=set(graph) - shown, label_faded=False, marks=written
    )
    ax.set_axis_off()
    if legend:
        _legend_below(ax, sign_handles(), "Tie", ncol=2, handlelength=3.2)
    return ax


# Chapter 3's worker chart: one colour and one marker per kind of count, in order of appearance.
COUNT_LOOKS = ((OKABE_ITO["blue"], "o"), (OKABE_ITO["orange"], "s"), (OKABE_ITO["green"], "^"))


def draw_workers(workers, ax=None, lines=()):
    """Draw counts on a time axis: one marker per count, one colour and shape per kind of count.

    ``workers`` is a DataFrame with ``date``, ``count``, ``measure`` and ``source`` columns
    (data/workers.csv). Counts of different kinds are never joined into a line: they count different
    things. An estimate is labelled "about". ``lines`` are (date, text) pairs, such as a deadline,
    each drawn as a dashed vertical line with its date and text at the top. Nothing is placed by
    hand: each label goes to the first place beside its marker or line where it stays inside the
    axes and clear of the other labels, the markers and the lines.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5.6, 4.8))
    workers = workers.sort_values("date", kind="stable")
    looks = dict(zip(dict.fromkeys(workers["measure"]), COUNT_LOOKS))
    for measure, (colour, marker) in looks.items():
        rows = workers[workers["measure"] == measure]
        ax.plot(
            rows["date"],
            rows["count"],
            linestyle="none",
            marker=marker,
            markersize=10,
            color=colour,
            markeredgecolor="white",
            zorder=3,
        )
    lines = [(pd.Timestamp(day), text) for day, text in lines]
    days = list(workers["date"]) + [day for day, _ in lines]
    room = (max(days) - min(days)) * 0.1
    ax.set_xlim(min(days) - room, max(days) + room)
    ax.set_ylim(0, workers["count"].max() * 1.15)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.set_ylabel("North Koreans in Russia")
    ax.spines[["top", "right"]].set_visible(False)

    renderer = ax.figure.canvas.get_renderer()
    panel = ax.get_window_extent(renderer)
    line_xs = []
    for day, _ in lines:
        ax.axvline(day, color=OKABE_ITO["grey"], linestyle=(0, (4, 2)), linewidth=1.5, zorder=1)
        line_xs.append(ax.transData.transform((mdates.date2num(day), 0))[0])
    markers = [
        ax.transData.transform((mdates.date2num(day), count))
        for day, count in zip(workers["date"], workers["count"])
    ]
    gap = renderer.points_to_pixels(8)  # a marker's radius, and a little more
    placed = []

    def place(label, places, own_line=None, own_marker=None):
        """Put ``label`` at the first of ``places`` that is clear, or else at the least bad one.

        Clear means inside the axes, off the labels already placed, and off every marker and line
        but the label's own."""

        def trouble(place):
            label.xyann, ha, va = place
            label.set_horizontalalignment(ha)
            label.set_verticalalignment(va)
            box = label.get_window_extent(renderer).padded(3)
            return (
                (0 if _inside(box, panel) else 1)
                + 3 * any(box.overlaps(other) for other in placed)
                + 2
                * sum(
                    box.x0 - gap < x < box.x1 + gap and box.y0 - gap < y < box.y1 + gap
                    for i, (x, y) in enumerate(markers)
                    if i != own_marker
                )
                + 2 * sum(box.x0 < x < box.x1 for i, x in enumerate(line_xs) if i != own_line)
            )

        _best(places, trouble)
        placed.append(label.get_window_extent(renderer).padded(3))

    for i, (day, text) in enumerate(lines):
        label = ax.annotate(
            f"{day.day} {day:%b %Y}:\n" + textwrap.fill(text, 18),
            xy=(mdates.date2num(day), 1),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, 0),
            textcoords="offset points",
            linespacing=1.15,
        )
        place(label, [((-5, -2), "right", "top"), ((5, -2), "left", "top")], own_line=i)
    for i, (day, count, measure) in enumerate(
        zip(workers["date"], workers["count"], workers["measure"])
    ):
        label = ax.annotate(
            f"about {count:,}" if "estimate" in measure else f"{count:,}",
            xy=(mdates.date2num(day), count),
            xytext=(0, 0),
            textcoords="offset points",
        )
        place(
            label,
            [
                ((9, 0), "left", "center"),
                ((-9, 0), "right", "center"),
                ((0, 9), "center", "bottom"),
                ((0, -9), "center", "top"),
            ],
            own_marker=i,
        )

    # The key below the axis and its year labels, and the sources below the key.
    handles = [_marker_handle(marker, colour, 10, kind) for kind, (colour, marker) in looks.items()]
    key = _legend_below(
        ax,
        handles,
        "What was counted",
        _lower_edge(ax, ax),
        handletextpad=0.4,
    )
    outlets = dict.fromkeys(o.strip() for sources in workers["source"] for o in sources.split(";"))
    ax.annotate(
        "Sources: " + "; ".join(outlets),
        xy=(0.5, _lower_edge(ax, key)),
        xycoords="axes fraction",
        ha="center",
        va="top",
        color=OKABE_ITO["grey"],
    )
    return ax


def draw_timeline(events, ax=None, mark=None):
    """Draw dated events down a vertical line: dates on the left, events on the right.

    ``events`` is a DataFrame with ``date`` and ``event`` columns (data/events.csv).
    Time runs down the page, so the figure reads like a list on a phone and keeps the real gaps
    between dates. The event whose ``event`` text equals ``mark`` is drawn as a diamond, to stand
    out.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5.6, 4.2))
    events = events.sort_values("date").reset_index(drop=True)
    first = events["date"].min()
    days = [(d - first).days for d in events["date"]]
    ax.plot([0, 0], [-max(days) - 0.6, 0.6], color=OKABE_ITO["grey"], linewidth=1.5, zorder=1)
    for day, row in zip(days, events.itertuples()):
        marked = row.event == mark
        ax.plot(
            0,
            -day,
            marker="D" if marked else "o",
            markersize=11 if marked else 9,
            color=OKABE_ITO["vermillion"] if marked else OKABE_ITO["blue"],
            markeredgecolor="white",
            zorder=3,
        )
        ax.annotate(
            f"{row.date.day} {row.date:%b}",
            xy=(0, -day),
            xytext=(-12, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontweight="bold" if marked else "normal",
        )
        ax.annotate(
            textwrap.fill(row.event, 32),
            xy=(0, -day),
            xytext=(12, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            linespacing=1.15,
            fontweight="bold" if marked else "normal",
        )
    # The line sits a fifth of the way across: room for the dates, the rest for the events.
    ax.set_xlim(-0.3, 1.0)
    ax.set_ylim(-max(days) - 0.8, 0.8)
    ax.set_axis_off()
    return ax
