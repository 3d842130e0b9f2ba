"""Running a notebook twice gives identical text outputs and identical figures."""

import pytest

from conftest import NOTEBOOKS, execute, load_notebook

COMPARED = ("text/plain", "text/html", "image/png")


def outputs(nb):
    """Every cell's outputs reduced to what a reader sees: streams, text, HTML and PNG bytes."""
    seen = []
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                seen.append((i, output["name"], output["text"]))
            for mime in COMPARED:
                if mime in output.get("data", {}):
                    seen.append((i, mime, output["data"][mime]))
    return seen


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_two_runs_give_identical_outputs(path, executed):
    first = outputs(executed[path])
    second = outputs(execute(load_notebook(path)))
    assert any(kind == "image/png" for _, kind, _ in first), "expected at least one figure"
    assert [o[:2] for o in first] == [o[:2] for o in second]
    for a, b in zip(first, second):
        assert a == b, f"cell {a[0]} ({a[1]}) differs between runs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_shows_an_object_address(path, executed):
    # A cell that returns a matplotlib or pandas object prints "<... at 0x7f...>", which
    # changes on every run: end such cells with plt.show() or ";".
    for i, kind, value in outputs(executed[path]):
        if kind in ("text/plain", "stdout"):
            assert " at 0x" not in value, f"cell {i}: {value[:80]}"
