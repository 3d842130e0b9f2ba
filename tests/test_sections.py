"""Any section of a chapter runs from a fresh namespace once the chapter's setup cells have run."""

import nbformat
import pytest

from conftest import NOTEBOOKS, cell_text, execute, load_notebook


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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_section_runs_after_setup_alone(path):
    nb = load_notebook(path)
    setup = [cell_text(c) for c in nb.cells if c.cell_type == "code" and cell_text(c).startswith("# Setup")]
    assert setup, "a chapter starts with cells marked '# Setup'"
    parts = sections(nb)
    assert parts, "no sections with code"
    # One kernel; before each section, %reset clears every name the earlier sections made.
    cells = []
    for title, code in parts:
        cells.append(nbformat.v4.new_code_cell(f"%reset -f\n# {title}"))
        cells += [nbformat.v4.new_code_cell(s) for s in setup + code]
    execute(nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata))
