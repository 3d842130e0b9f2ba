"""Any section of a chapter runs from a fresh namespace once the chapter's setup cells have run."""

import nbformat
import pytest

from chapter_parts import sections
from conftest import NOTEBOOKS, load_notebook


def errors(cells):
    """(section, error) for every cell of an executed notebook that raised."""
    return [
        (cell.metadata.get("section"), f"{out.ename}: {out.evalue}\n{cell.source}")
        for cell in cells
        for out in cell.get("outputs", [])
        if out.output_type == "error"
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_section_runs_after_setup_alone(path, exercise_runs):
    # The exercise run (conftest.py) runs every section after forgetting every name, then the
    # setup cells alone.
    expected = [title for title, _ in sections(load_notebook(path))]
    assert expected, "no sections with code"
    ran = exercise_runs[path].cells
    assert sorted({c.metadata["section"] for c in ran}) == sorted(expected)
    assert not errors(ran), "\n\n".join(f"{title}: {error}" for title, error in errors(ran))


def test_an_error_in_a_section_is_reported():
    # The test above reads errors from outputs: an error output must be found, with its section.
    cell = nbformat.v4.new_code_cell("names", metadata={"section": "## Paths"})
    cell.outputs = [
        nbformat.v4.new_output(
            "error", ename="NameError", evalue="name 'names' is not defined", traceback=[]
        )
    ]
    assert errors([cell]) == [("## Paths", "NameError: name 'names' is not defined\nnames")]
    assert errors([nbformat.v4.new_code_cell("1")]) == []


def test_sections_start_from_a_namespace_without_the_chapters_names():
    # What runs between sections: every name a cell made goes, IPython's own stay.
    from chapter_parts import FORGET

    namespace = {"A": 1, "names": {}, "In": [], "Out": {}, "get_ipython": print, "_private": 2}
    exec(FORGET, namespace)
    assert "A" not in namespace and "names" not in namespace
    assert {"In", "Out", "get_ipython", "_private"} <= set(namespace)
