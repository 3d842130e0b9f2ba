"""How a chapter notebook is put together: its exercises, their solutions, its sections.

Shared by the tests and by the one extra execution of each chapter that they share (conftest.py).
"""

import re


def cell_text(cell):
    """A cell's source as one string, whatever way the file stores it."""
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


EXERCISE = re.compile(r"^(`{3,})\{exercise\}[^\n]*\n:label: (\S+)", re.M)
SOLUTION = re.compile(r"^(`{3,})\{solution\} (\S+)\n((?::[^\n]*\n)*)", re.M)
PYTHON_FENCE = re.compile(r"^(`{3,})python\n(.*?)^\1\s*$", re.M | re.S)


def exercises(nb):
    """Each exercise in a notebook with its scaffold, check and solution cells.

    The pattern (README, Development): a markdown cell with one {exercise}; for a
    code exercise, then a code cell tagged "scaffold" and a code cell that calls a
    check; and a markdown cell with the {solution} of the same label.
    """
    cells = nb.cells
    found = []
    for i, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            continue
        match = EXERCISE.search(cell_text(cell))
        if not match:
            continue
        item = {"label": match.group(2), "index": i, "scaffold": None, "check": None, "solution": None}
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if nxt is not None and nxt.cell_type == "code" and "scaffold" in nxt.metadata.get("tags", []):
            item["scaffold"] = i + 1
            if i + 2 < len(cells) and cells[i + 2].cell_type == "code":
                item["check"] = i + 2
        for j, other in enumerate(cells):
            sol = SOLUTION.search(cell_text(other)) if other.cell_type == "markdown" else None
            if sol and sol.group(2) == item["label"]:
                item["solution"] = j
        found.append(item)
    return found


def solution_code(nb, item):
    """The fenced python code of an exercise's solution, or None for a reading question."""
    fence = PYTHON_FENCE.search(cell_text(nb.cells[item["solution"]]))
    return fence.group(2) if fence else None


def sections(nb):
    """(title, code cells) for each '## ' section, skipping the setup cells."""
    found, title, cells = [], None, []
    for cell in nb.cells:
        text = cell_text(cell)
        if cell.cell_type == "markdown" and text.startswith("## "):
            if title and cells:
                found.append((title, cells))
            title, cells = text.splitlines()[0], []
        elif cell.cell_type == "code" and not text.startswith("# Setup"):
            cells.append(text)
    if title and cells:
        found.append((title, cells))
    return found


def setup_cells(nb):
    """The code of the cells marked '# Setup', which every section needs first."""
    return [cell_text(c) for c in nb.cells if c.cell_type == "code" and cell_text(c).startswith("# Setup")]
