"""How a chapter notebook is put together: its exercises, their solutions, its sections.

Shared by the tests and by the one extra execution of each chapter that they share (conftest.py).
"""

import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent)
)  # the course package, as `python -m` finds it
# The exercises' cells are found as the graded edition finds them (course/notebooks.py).
from course.notebooks import PYTHON_FENCE, SOLUTION, cell_text, exercises, solution_code  # noqa: E402,F401


def sections(nb):
    """(title, indices of its code cells) for each '## ' section, leaving out the setup cells."""
    found, title, cells = [], None, []
    for i, cell in enumerate(nb.cells):
        text = cell_text(cell)
        if cell.cell_type == "markdown" and text.startswith("## "):
            if title and cells:
                found.append((title, cells))
            title, cells = text.splitlines()[0], []
        elif cell.cell_type == "code" and not text.startswith("# Setup"):
            cells.append(i)
    if title and cells:
        found.append((title, cells))
    return found


def setup_cells(nb):
    """Indices of the cells marked '# Setup', which every section needs first."""
    return [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and cell_text(c).startswith("# Setup")
    ]


# IPython's own names stay; every name a chapter cell made goes.
FORGET = (
    "for _name in [n for n in list(globals()) if not n.startswith('_')\n"
    "              and n not in ('In', 'Out', 'get_ipython', 'exit', 'quit')]:\n"
    "    del globals()[_name]"
)


def exercise_notebook(nb):
    """Every section of the chapter in a fresh namespace after the setup cells alone, with each
    exercise's reference solution in place of its scaffold.

    Each cell's metadata records its section and, as "cell", its index in the chapter.
    """
    solved = {
        item["scaffold"]: solution_code(nb, item)
        for item in exercises(nb)
        if item["scaffold"] is not None
    }
    cells = []
    for title, indices in sections(nb):
        # Forget every name the run so far made (as %reset does, without its 0.3 s of clean-up);
        # then the setup cells and the section alone.
        cells.append(nbformat.v4.new_code_cell(f"# {title}\n{FORGET}", metadata={"section": title}))
        for i in setup_cells(nb) + indices:
            code = solved.get(i, cell_text(nb.cells[i]))
            cells.append(nbformat.v4.new_code_cell(code, metadata={"section": title, "cell": i}))
    return nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)


def run_of(exercise_run, index):
    """The first run of the chapter's cell ``index`` in its exercise run."""
    return next(c for c in exercise_run.cells if c.metadata.get("cell") == index)


def svg_text_sizes(path):
    """A matplotlib SVG's width and the size of each piece of text in it, both in the SVG's units.

    matplotlib writes text as glyph outlines, each piece of text as a group scaled by
    ``scale(s -s)``, where ``s`` is the font size in points divided by 100.
    """
    svg = Path(path).read_text(encoding="utf-8")
    width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg).group(1))
    sizes = [float(s) * 100 for s in re.findall(r"scale\(([\d.]+) -\1\)", svg)]
    return width, sizes
