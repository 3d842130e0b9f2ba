"""The figures as drawn: names clear of the ties in the small panels, each state in the book's one
place for it, colours from the palette and dates by name, and text sizes read from the SVG.

The chapters' own figure cells are run here, in this process, so that matplotlib's drawn objects
can be inspected. The browser checks (check_browser.py) measure the same figures as a reader sees them.
"""

import re

import matplotlib

matplotlib.use("Agg")  # no screen; must come before pyplot is imported

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

from chapter_parts import cell_text, svg_text_sizes  # noqa: E402
from conftest import CHAPTERS, NOTEBOOKS, load_notebook  # noqa: E402

# The drawing functions that promise to place each name clear of the ties: every network figure.
PLACED = ("draw_network(", "draw_signed(", "draw_channels(", "draw_statuses(")
# Those that draw the states alone, each where STATE_LAYOUT puts it (chapters 3 to 5).
STATES_ALONE = ("draw_signed(", "draw_channels(")


def figures_of(notebook, monkeypatch):
    """Run a chapter's code cells in order, up to its last figure with placed names; return those figures."""
    return run_to_figures(notebook, monkeypatch)[0]


def run_to_figures(notebook, monkeypatch, calls=PLACED):
    """``figures_of`` for the figures drawn by ``calls``, and the namespace the chapter's code ran in."""
    drawn, namespace = run_to_cells(notebook, monkeypatch, calls)
    return [figure for _, figures in drawn for figure in figures], namespace


_RUNS = {}  # (notebook, calls) -> what run_to_cells returns: each chapter's code runs once


def run_to_cells(notebook, monkeypatch, calls=PLACED):
    """``run_to_figures``, with each figure's cell: (the cell's code, its figures) for each cell
    that calls one of ``calls``, and the namespace the chapter's code ran in. The tests read the
    figures and the namespace, and change neither, so a chapter's run is shared by all of them."""
    key = (str(notebook), tuple(calls))
    if key not in _RUNS:
        _RUNS[key] = _run_to_cells(notebook, monkeypatch, calls)
    return _RUNS[key]


def _run_to_cells(notebook, monkeypatch, calls):
    monkeypatch.chdir(CHAPTERS)
    monkeypatch.syspath_prepend(str(CHAPTERS))
    monkeypatch.setattr(
        plt, "show", lambda *args, **kwargs: None
    )  # keep each figure open to inspect
    cells = [cell_text(c) for c in load_notebook(notebook).cells if c.cell_type == "code"]
    last = max(
        (i for i, code in enumerate(cells) if any(call in code for call in calls)), default=-1
    )
    namespace, drawn = {}, []
    for code in cells[: last + 1]:
        before = set(plt.get_fignums())
        exec(compile(code, str(notebook), "exec"), namespace)
        if any(call in code for call in calls):
            drawn.append((code, [plt.figure(n) for n in sorted(set(plt.get_fignums()) - before)]))
    return drawn, namespace


def names_on_ties(figure):
    """Each (name, tie) pair where a node's name covers part of a drawn tie, on screen."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    found = []
    for ax in figure.axes:
        # The tie as matplotlib drew it (shrunk clear of the markers), its curves cut into short
        # straight pieces, and points every pixel along each piece.
        points, owners = [], []
        for patch in ax.patches:
            if isinstance(patch, FancyArrowPatch):
                path = patch.get_transform().transform_path(patch.get_path())
                for line in path.to_polygons(closed_only=False):
                    for a, b in zip(line[:-1], line[1:]):
                        steps = max(int(np.hypot(*(b - a))), 1)
                        t = np.linspace(0, 1, steps + 1)[:, None]
                        points.append(a + (b - a) * t)
                        owners += [id(patch)] * (steps + 1)
        if not points:
            continue
        points, owners = np.concatenate(points), np.array(owners)
        for label in ax.texts:
            if isinstance(label, Annotation):
                box = label.get_window_extent(renderer)
                inside = (
                    (points[:, 0] >= box.x0)
                    & (points[:, 0] <= box.x1)
                    & (points[:, 1] >= box.y0)
                    & (points[:, 1] <= box.y1)
                )
                found += [(label.get_text(), int(owner)) for owner in set(owners[inside])]
    return sorted(set(found))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_names_in_small_panels_stay_clear_of_the_ties(notebook, monkeypatch):
    figures = figures_of(notebook, monkeypatch)
    try:
        for number, figure in enumerate(figures, 1):
            assert not names_on_ties(figure), f"figure {number} with placed names: names on ties"
    finally:
        plt.close("all")


def test_a_name_on_a_tie_is_found():
    figure, ax = plt.subplots()
    ax.add_patch(FancyArrowPatch((0, 0), (1, 1), arrowstyle="-"))
    ax.annotate("North Korea", xy=(0.5, 0.5), ha="center", va="center")
    ax.annotate("Russia", xy=(0.9, 0.1), ha="center", va="center")
    try:
        assert [name for name, _ in names_on_ties(figure)] == ["North Korea"]
    finally:
        plt.close(figure)


def test_text_sizes_are_read_from_the_svg(tmp_path):
    # Sizes set here, in points, must come back from the SVG, whose units are points too.
    figure = plt.figure(figsize=(5, 2))
    figure.text(0.1, 0.5, "small", fontsize=7)
    figure.text(0.5, 0.5, "large", fontsize=15)
    path = tmp_path / "two-sizes.svg"
    figure.savefig(path)
    plt.close(figure)
    width, sizes = svg_text_sizes(path)
    assert width == pytest.approx(5 * 72)
    assert {round(s, 1) for s in sizes} == {7.0, 15.0}


def test_a_sized_circle_and_triangle_cover_the_same_area():
    # Chapter 2 sizes people (triangles) and states (circles) by one measure: the same value must
    # cover the same number of pixels. Counted on the drawn image, not from the drawing code.
    import networkx as nx
    from summitkit import NODE_STYLE, draw_network

    graph = nx.Graph()
    graph.add_node("a", name="A", kind="state")
    graph.add_node("b", name="B", kind="person")
    figure, ax = plt.subplots(figsize=(5.6, 3))
    draw_network(graph, {"a": (0, 0), "b": (1, 0)}, ax=ax, sizes={"a": 1.5, "b": 1.5})
    figure.canvas.draw()
    image = np.asarray(figure.canvas.buffer_rgba())[..., :3].astype(int)
    box = ax.get_window_extent()  # the legend's markers sit below the axes: leave them out
    height = image.shape[0]
    inside = image[int(height - box.y1) : int(height - box.y0), int(box.x0) : int(box.x1)]
    plt.close(figure)

    def pixels(colour):
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        return int((np.abs(inside - rgb).sum(axis=-1) < 30).sum())

    circle, triangle = pixels(NODE_STYLE["state"]["color"]), pixels(NODE_STYLE["person"]["color"])
    assert circle > 500
    assert triangle == pytest.approx(circle, rel=0.1)


# --- One layout for the states, one palette, dates by name -------------------------------------

STATES = ("russia", "china", "united_states", "north_korea", "south_korea")


def code_of(notebook):
    """The text of each of a chapter's code cells."""
    return [cell_text(c) for c in load_notebook(notebook).cells if c.cell_type == "code"]


def test_no_chapter_types_a_place_for_a_state():
    # The five states have one layout, STATE_LAYOUT in summitkit's style.py: a chapter takes its
    # positions from there (pos = {state: STATE_LAYOUT[state] ...}) and types none of its own,
    # such as "russia": (0.0, 3.0), which could drift from another chapter's.
    typed = re.compile(r"""["'](?:%s)["']\s*:\s*[(\[]""" % "|".join(STATES))
    found = [
        f"{notebook.name}: {match.group(0)}"
        for notebook in NOTEBOOKS
        for code in code_of(notebook)
        for match in typed.finditer(code)
    ]
    assert not found, f"a state's position typed in a chapter, not taken from STATE_LAYOUT: {found}"


def test_every_chapter_puts_each_state_in_the_same_place(monkeypatch):
    """Chapters 3 to 5 draw the article's five states alone, and a reader compares those figures:
    in every figure with placed names, each state sits where STATE_LAYOUT puts it, in every chapter.
    Chapters 1 and 2 draw the whole article from data/layout.csv, people and all, on a larger
    scale: there each state sits at its STATE_LAYOUT place under the one scale and shift that
    carries STATE_LAYOUT onto layout.csv's states (the arrangement a reader meets again in chapter 3).

    Read from the figures as drawn: each name at its marker, and in the figures of the states alone
    every marker, faded or not, at one of the layout's places. Chapter 6 draws other texts, placed
    from their own folders, and is left out.
    """
    import csv

    from conftest import DATA
    from summitkit import ARTICLE_URL, STATE_LAYOUT

    with open(DATA / "layout.csv", newline="", encoding="utf-8") as handle:
        article = {
            row["id"]: (float(row["x"]), float(row["y"]))
            for row in csv.DictReader(handle)
            if row["id"] in STATES
        }
    scale, (dx, dy), _ = state_layout_image(article)
    seen = set()  # the states drawn
    moved = {}  # state -> {a place not its own: the chapters that draw it there}
    stray = []  # markers at no place of the layout, in the figures of the states alone
    drawn = set()
    for notebook in NOTEBOOKS:
        cells, namespace = run_to_cells(notebook, monkeypatch, PLACED)
        try:
            data = namespace.get("data")
            if not cells or data is None or data.text.url != ARTICLE_URL:
                continue
            drawn.add(notebook.name)
            states = {
                name: actor
                for actor, name in zip(data.actors["id"], data.actors["name"])
                if actor in STATES
            }
            for code, figures in cells:
                alone = any(call in code for call in STATES_ALONE)
                for figure in figures:
                    for ax in figure.axes:
                        for label in ax.texts:
                            name = " ".join(label.get_text().split())  # a long name wraps
                            if isinstance(label, Annotation) and name in states:
                                x, y = (float(v) for v in label.xy)
                                state = states[name]
                                seen.add(state)
                                if alone:
                                    place, off = (x, y), (x, y) != STATE_LAYOUT[state]
                                else:  # taken back to STATE_LAYOUT's units
                                    place = (round((x - dx) / scale, 2), round((y - dy) / scale, 2))
                                    off = np.hypot(*np.subtract(place, STATE_LAYOUT[state])) > 0.05
                                if off:
                                    moved.setdefault(state, {}).setdefault(place, set()).add(
                                        notebook.name
                                    )
                        if alone:
                            stray += [
                                (notebook.name, tuple(map(float, xy)))
                                for collection in ax.collections
                                for xy in collection.get_offsets()
                                if tuple(map(float, xy)) not in set(STATE_LAYOUT.values())
                            ]
        finally:
            plt.close("all")
    assert {
        "01-article-and-actors.ipynb",
        "02-russias-role.ipynb",
        "03-economic-ties.ipynb",
        "04-alignment-with-china.ipynb",
        "05-what-happened-next.ipynb",
    } <= drawn
    moved = {
        state: {place: sorted(chapters) for place, chapters in found.items()}
        for state, found in moved.items()
    }
    assert not moved, (
        f"a state drawn elsewhere than its place in STATE_LAYOUT (in chapters 1 and 2, "
        f"STATE_LAYOUT scaled by {scale:.3g} and moved by ({dx:.3g}, {dy:.3g}), as in "
        f"data/layout.csv): {moved}"
    )
    assert seen == set(STATES)
    assert not stray, f"markers at no place of STATE_LAYOUT: {stray}"


def state_layout_image(placed):
    """The scale s and shift (tx, ty) that carry STATE_LAYOUT onto ``placed`` (state -> (x, y)),
    solved from two of its states far apart; and each state's miss, in the layout's units: how far
    its place, taken back through s and the shift, lies from where STATE_LAYOUT puts it.
    """
    from summitkit import STATE_LAYOUT

    a, b = max(
        ((a, b) for a in placed for b in placed if a < b),
        key=lambda pair: np.hypot(*np.subtract(STATE_LAYOUT[pair[0]], STATE_LAYOUT[pair[1]])),
    )
    layout = np.subtract(STATE_LAYOUT[b], STATE_LAYOUT[a])
    drawn = np.subtract(placed[b], placed[a])
    scale = float(np.dot(drawn, layout) / np.dot(layout, layout))
    shift = np.subtract(placed[a], scale * np.array(STATE_LAYOUT[a]))
    miss = {
        state: float(np.hypot(*((np.subtract(xy, shift) / scale) - STATE_LAYOUT[state])))
        if scale > 0
        else float("inf")
        for state, xy in placed.items()
    }
    return scale, tuple(float(v) for v in shift), miss


def test_the_article_layout_places_the_states_as_state_layout_does():
    """Chapters 1 and 2 draw the whole article from data/layout.csv, chapters 3 to 5 the states
    alone from STATE_LAYOUT. A reader who learns where each state sits in chapter 1 finds it there
    again in chapter 3: the five states' rows of layout.csv are STATE_LAYOUT under one scale and
    shift (the same arrangement and proportions, only larger and moved).
    """
    import csv

    from conftest import DATA

    with open(DATA / "layout.csv", newline="", encoding="utf-8") as handle:
        placed = {
            row["id"]: (float(row["x"]), float(row["y"]))
            for row in csv.DictReader(handle)
            if row["id"] in STATES
        }
    assert set(placed) == set(STATES), (
        f"states missing from layout.csv: {set(STATES) - set(placed)}"
    )
    # The check itself finds a state moved half a unit of the layout from its place.
    from summitkit import STATE_LAYOUT

    planted = {state: (2 * x + 5, 2 * y + 3) for state, (x, y) in STATE_LAYOUT.items()}
    planted["north_korea"] = (planted["north_korea"][0], planted["north_korea"][1] + 1.0)
    assert state_layout_image(planted)[2]["north_korea"] == pytest.approx(0.5)
    scale, shift, miss = state_layout_image(placed)
    assert scale > 0, f"layout.csv mirrors or collapses STATE_LAYOUT (scale {scale:.3g})"
    off = {state: round(d, 3) for state, d in miss.items() if d > 0.05}
    assert not off, (
        f"layout.csv's states are not STATE_LAYOUT scaled by {scale:.3g} and moved by "
        f"({shift[0]:.3g}, {shift[1]:.3g}): how far each is off, in STATE_LAYOUT's units: {off}"
    )


# A colour typed as a string: any string given to a colour argument or key (color="grey",
# "fc": "white"), or a hex code anywhere.
TYPED_COLOUR = re.compile(
    r"""\b(?:colou?rs?|facecolou?r|edgecolou?r|fc|ec)["']?\s*[=:]\s*["'][^"']*["']"""
    r"""|["']#(?:[0-9A-Fa-f]{3}){1,2}["']"""
)
# A date typed in the code: pd.Timestamp("2021-06-08"), pd.to_datetime('2019-12-31').
TYPED_DATE = re.compile(r"""(?:Timestamp|to_datetime)\(\s*["'](\d{4}-\d{2}-\d{2})""")


def test_figures_take_colours_from_the_palette_and_dates_by_name():
    """The rule, for every code cell of every chapter:

    * no colour is typed: no hex string ("#0072B2", "#555") and no string given to a colour argument
      (color="grey"). A colour is a name from summitkit's style (OKABE_ITO["blue"], RULE_COLOUR, ...),
      so that the palette is defined once and a figure cannot drift from it;
    * a date typed as pd.Timestamp("YYYY-MM-DD") (or pd.to_datetime) appears only in the chapter's Setup
      cells (those that start "# Setup"), and each such date only once in the chapter: there it is named
      (ARTICLE = pd.Timestamp("2018-06-08"), or a snapshot's date under its label), and every other cell
      takes its dates from those names or from data (ARTICLE + pd.DateOffset(years=YEARS)).
    """
    problems = []
    for notebook in NOTEBOOKS:
        seen = set()
        for cell in load_notebook(notebook).cells:
            if cell.cell_type != "code":
                continue
            code, where = cell_text(cell), f"{notebook.name}, cell {cell.get('id')}"
            problems += [
                f"{where}: a colour typed, {m.group(0)}" for m in TYPED_COLOUR.finditer(code)
            ]
            for match in TYPED_DATE.finditer(code):
                if not code.startswith("# Setup"):
                    problems.append(f"{where}: {match.group(1)} typed outside the Setup cells")
                elif match.group(1) in seen:
                    problems.append(f"{where}: {match.group(1)} typed a second time")
                seen.add(match.group(1))
    assert not problems, problems


def test_a_typed_colour_or_date_is_found():
    assert TYPED_COLOUR.search('top.plot(x, y, color="#0072B2")').group(0) == 'color="#0072B2"'
    assert TYPED_COLOUR.search('{"line": "#D55E00"}')
    assert TYPED_COLOUR.search("ax.axvline(day, color='#555')")
    assert TYPED_COLOUR.search('ax.axhline(0, color="grey")')
    assert (
        TYPED_COLOUR.search('bbox={"fc": "white", "ec": OKABE_ITO["blue"]}').group(0)
        == 'fc": "white"'
    )
    assert not TYPED_COLOUR.search('top.plot(x, y, color=OKABE_ITO["blue"])')
    assert not TYPED_COLOUR.search('ax.axvline(day, color=RULE_COLOUR)  # see "#1" below')
    assert TYPED_DATE.search('(pd.Timestamp("2021-06-08"), 8.8)').group(1) == "2021-06-08"
    assert not TYPED_DATE.search("LATEST = pd.Timestamp(RECORD_AS_OF)")


# --- Chapter 3: the channels' statuses and the worker chart ------------------------------------


def test_every_status_has_its_own_colour_and_line_style():
    # A status is told apart without colour too (greyscale, colour blindness): each has a line style
    # of its own, as well as a colour of its own, and the figures know which is least established.
    # Chapter 6's `possible` has its own entry (EXTRA_STATUS_STYLE), so that chapter 3's legend,
    # which lists every status of STATUS_STYLE, stays as it was.
    from summitkit import EXTRA_STATUS_STYLE, STATUS_STYLE, STATUSES
    from summitkit.style import LEAST_ESTABLISHED_FIRST

    styles = {**STATUS_STYLE, **EXTRA_STATUS_STYLE}
    assert not set(STATUS_STYLE) & set(EXTRA_STATUS_STYLE)
    assert set(styles) == set(STATUSES) == set(LEAST_ESTABLISHED_FIRST)
    assert len({str(style["style"]) for style in styles.values()}) == len(STATUSES)
    assert len({style["color"] for style in styles.values()}) == len(STATUSES)


def test_a_channel_with_two_statuses_shows_what_is_drawn():
    # A channel stated as operating in one row and possible in another: by default the figure
    # draws the least established (one arc, possible), and its legend lists possible alone; with
    # every_status=True it draws one arc per status, and the legend lists both.
    import networkx as nx

    from summitkit import draw_channels

    graph = nx.MultiGraph()
    graph.add_edge("a", "b", channel="munitions", status="operating")
    graph.add_edge("a", "b", channel="munitions", status="possible")
    for node in graph:
        graph.nodes[node].update(name=node.upper(), kind="state")
    pos = {"a": (0.0, 0.0), "b": (1.0, 0.0)}
    for every_status, expected in ((False, ["possible"]), (True, ["operating", "possible"])):
        fig, ax = plt.subplots(figsize=(4.4, 3.0))
        draw_channels(graph, pos, ax=ax, title="Status", every_status=every_status)
        arcs = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
        assert len(arcs) == len(expected)
        assert [t.get_text() for t in ax.get_legend().get_texts()] == expected
        plt.close(fig)


def test_the_sign_legend_names_what_the_signs_come_from():
    # The signs come from alignment, diplomacy, economic, historical and military ties (chapter 6),
    # not from interests alone: the legend says so.
    from summitkit import sign_handles

    labels = [h.get_label().replace("\n", " ") for h in sign_handles()]
    assert labels == [
        "+ (shared interests, cooperation, aid)",
        "− (opposed interests, rivalry, fighting)",
    ]


def worker_chart(monkeypatch):
    """Run chapter 3's code cells up to its worker chart, in this process; return the figure."""
    monkeypatch.chdir(CHAPTERS)
    monkeypatch.syspath_prepend(str(CHAPTERS))
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: None)
    notebook = next(
        p
        for p in NOTEBOOKS
        if any(
            "draw_workers(" in cell_text(c) for c in load_notebook(p).cells if c.cell_type == "code"
        )
    )
    namespace = {}
    for cell in load_notebook(notebook).cells:
        if cell.cell_type == "code":
            code = cell_text(cell)
            before = set(plt.get_fignums())
            exec(compile(code, str(notebook), "exec"), namespace)
            if "draw_workers(" in code:
                (number,) = set(plt.get_fignums()) - before
                return plt.figure(number), namespace["data"].workers


def test_the_worker_chart_places_its_labels_from_the_data(monkeypatch):
    figure, workers = worker_chart(monkeypatch)
    try:
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        (ax,) = figure.axes
        # One label per count, with the count as the data give it, and the estimate marked "about".
        texts = [t for t in ax.texts if isinstance(t, Annotation)]
        shown = [t.get_text() for t in texts]
        for count, measure in zip(workers["count"], workers["measure"]):
            assert (f"about {count:,}" if "estimate" in measure else f"{count:,}") in shown
        # Every label inside the axes, and no two labels overlap.
        panel = ax.get_window_extent(renderer)
        inside = [t for t in texts if not t.get_text().startswith("Sources")]
        for text in inside:
            box = text.get_window_extent(renderer)
            assert (
                panel.x0 <= box.x0
                and box.x1 <= panel.x1
                and panel.y0 <= box.y0
                and box.y1 <= panel.y1
            ), f"{text.get_text()!r} leaves the axes"
        boxes = [t.get_window_extent(renderer) for t in inside]
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), (
            "labels overlap"
        )
        # A real time axis: each marker sits at its count's date.
        import matplotlib.dates as mdates

        drawn = {
            (round(x), y)
            for line in ax.lines
            for x, y in line.get_xydata()
            if line.get_marker() != "None"
        }
        assert {
            (round(mdates.date2num(d)), c) for d, c in zip(workers["date"], workers["count"])
        } <= drawn
        # The book's size: about 5.6 inches wide, and no text under 12 points.
        assert figure.get_figwidth() <= 5.6
        assert (
            min(t.get_fontsize() for t in figure.findobj(matplotlib.text.Text) if t.get_text())
            >= 12
        )
    finally:
        plt.close("all")
