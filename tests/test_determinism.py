"""Two independent runs of a chapter give identical text outputs and identical figures."""

import pytest

from chapter_parts import exercises, run_of
from conftest import NOTEBOOKS

COMPARED = ("text/plain", "text/html", "image/png", "image/svg+xml")


def outputs(cell):
    """A cell's outputs reduced to what a reader sees: printed text, text, HTML and figures.

    Printed text is joined first: a busy kernel may send one print as one message or several,
    and the book shows them as one block either way.
    """
    seen, printed = [], ""
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream" and output["name"] == "stdout":
            printed += output["text"]
        for mime in COMPARED:
            if mime in output.get("data", {}):
                seen.append((mime, output["data"][mime]))
    return ([("stdout", printed)] if printed else []) + seen


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_two_runs_give_identical_outputs(path, executed, exercise_runs):
    # nbval ran the chapter as committed; the exercise run ran every cell again, in
    # another kernel, section by section, with solutions in the exercise cells. Every cell
    # outside the exercises must give the same output.
    first = executed[path]
    exercise_cells = {
        i for item in exercises(first) for i in (item["scaffold"], item["check"]) if i is not None
    }
    compared = 0
    for i, cell in enumerate(first.cells):
        if cell.cell_type != "code" or i in exercise_cells:
            continue
        second = run_of(exercise_runs[path], i)
        assert outputs(cell) == outputs(second), (
            f"cell {i} differs between runs:\n{cell.source[:200]}"
        )
        compared += 1
    assert compared and any(
        kind == "image/svg+xml" for c in first.cells for kind, _ in outputs(c)
    ), "expected figures to compare"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_shows_an_object_address(path, executed):
    # A cell that returns a matplotlib or pandas object prints "<... at 0x7f...>", which
    # changes on every run: end such cells with plt.show() or ";".
    for i, cell in enumerate(executed[path].cells):
        for kind, value in outputs(cell):
            if kind in ("text/plain", "stdout"):
                assert " at 0x" not in value, f"cell {i}: {value[:80]}"


def test_a_changed_output_is_caught():
    # The comparison above must see a difference in a figure's bytes.
    import nbformat

    a = nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("display_data", {"image/png": "AAA"})]
    )
    b = nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("display_data", {"image/png": "AAB"})]
    )
    assert outputs(a) != outputs(b)


def test_printed_text_is_compared_whatever_its_chunks():
    # One print may arrive as one stream message or two; what a reader sees is the same.
    import nbformat

    one = nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("stream", name="stdout", text="a\nb\n")]
    )
    two = nbformat.v4.new_code_cell(
        "x",
        outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="a\n"),
            nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        ],
    )
    other = nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("stream", name="stdout", text="a\nc\n")]
    )
    assert outputs(one) == outputs(two) != outputs(other)
