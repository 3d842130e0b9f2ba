"""The figures as drawn: names clear of the ties in the small panels, and text sizes read from the SVG.

The chapters' own figure cells are run here, in this process, so that matplotlib's drawn objects
can be inspected. The browser tests (test_browser.py) measure the same figures as a reader sees them.
"""

import matplotlib

matplotlib.use("Agg")  # no screen; must come before pyplot is imported

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

from chapter_parts import cell_text, svg_text_sizes  # noqa: E402
from conftest import CHAPTERS, NOTEBOOKS, load_notebook  # noqa: E402

# The drawing functions that promise to place each name clear of the ties.
PLACED = ("draw_signed(", "draw_channels(")


def figures_of(notebook, monkeypatch):
    """Run a chapter's code cells in order, up to its last figure with placed names; return those figures."""
    monkeypatch.chdir(CHAPTERS)
    monkeypatch.syspath_prepend(str(CHAPTERS))
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: None)  # keep each figure open to inspect
    cells = [cell_text(c) for c in load_notebook(notebook).cells if c.cell_type == "code"]
    last = max((i for i, code in enumerate(cells) if any(call in code for call in PLACED)), default=-1)
    namespace, figures = {}, []
    for code in cells[:last + 1]:
        before = set(plt.get_fignums())
        exec(compile(code, str(notebook), "exec"), namespace)
        if any(call in code for call in PLACED):
            figures += [plt.figure(n) for n in sorted(set(plt.get_fignums()) - before)]
    return figures


def names_on_ties(figure):
    """Each (name, tie) pair where a node's name covers part of a drawn tie, on screen."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    found = []
    for ax in figure.axes:
        # The tie as matplotlib drew it (shrunk clear of the markers), its curves cut into short
        # straight pieces, and points every pixel along each piece.
        ties = []
        for patch in ax.patches:
            if isinstance(patch, FancyArrowPatch):
                path = patch.get_transform().transform_path(patch.get_path())
                for line in path.to_polygons(closed_only=False):
                    for a, b in zip(line[:-1], line[1:]):
                        steps = max(int(np.hypot(*(b - a))), 1)
                        ties += [(patch, a + (b - a) * t) for t in np.linspace(0, 1, steps + 1)]
        for label in ax.texts:
            if isinstance(label, Annotation):
                box = label.get_window_extent(renderer)
                found += [(label.get_text(), id(patch)) for patch, point in ties if box.contains(*point)]
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
    inside = image[int(height - box.y1):int(height - box.y0), int(box.x0):int(box.x1)]
    plt.close(figure)

    def pixels(colour):
        rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
        return int((np.abs(inside - rgb).sum(axis=-1) < 30).sum())

    circle, triangle = pixels(NODE_STYLE["state"]["color"]), pixels(NODE_STYLE["person"]["color"])
    assert circle > 500
    assert triangle == pytest.approx(circle, rel=0.1)


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


def worker_chart(monkeypatch):
    """Run chapter 3's code cells up to its worker chart, in this process; return the figure."""
    monkeypatch.chdir(CHAPTERS)
    monkeypatch.syspath_prepend(str(CHAPTERS))
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: None)
    notebook = next(p for p in NOTEBOOKS if any("draw_workers(" in cell_text(c)
                                                for c in load_notebook(p).cells if c.cell_type == "code"))
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
            assert panel.x0 <= box.x0 and box.x1 <= panel.x1 and panel.y0 <= box.y0 and box.y1 <= panel.y1, \
                f"{text.get_text()!r} leaves the axes"
        boxes = [t.get_window_extent(renderer) for t in inside]
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), "labels overlap"
        # A real time axis: each marker sits at its count's date.
        import matplotlib.dates as mdates
        drawn = {(round(x), y) for line in ax.lines for x, y in line.get_xydata() if line.get_marker() != "None"}
        assert {(round(mdates.date2num(d)), c) for d, c in zip(workers["date"], workers["count"])} <= drawn
        # The book's size: about 5.6 inches wide, and no text under 12 points.
        assert figure.get_figwidth() <= 5.6
        assert min(t.get_fontsize() for t in figure.findobj(matplotlib.text.Text) if t.get_text()) >= 12
    finally:
        plt.close("all")
