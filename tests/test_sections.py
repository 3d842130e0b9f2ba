"""Any section of a chapter runs from a fresh namespace once the chapter's setup cells have run."""

import pytest

from chapter_parts import sections
from conftest import NOTEBOOKS, load_notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_section_runs_after_setup_alone(path, exercise_runs):
    # The exercise run (conftest.py) ends with every section, each after "%reset" and the setup cells.
    assert sections(load_notebook(path)), "no sections with code"
    ran = [c for c in exercise_runs[path].cells if c.metadata.get("part") == "section"]
    assert {c.metadata["title"] for c in ran} == {title for title, _ in sections(load_notebook(path))}
    for cell in ran:
        for output in cell.outputs:
            assert output.output_type != "error", (
                f"{cell.metadata['title']}: {output.ename}: {output.evalue}\n{cell.source}")


def test_a_failing_section_is_reported():
    # The check above reads errors from outputs; make sure a failing cell leaves one.
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("%reset -f\nnames")])
    NotebookClient(nb, kernel_name="python3", allow_errors=True).execute()
    assert nb.cells[0].outputs[-1].output_type == "error"
    assert nb.cells[0].outputs[-1].ename == "NameError"
