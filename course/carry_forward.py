"""Carry the network builders that chapters 2 and 4 teach forward, word for word.

    python -m course.carry_forward          # rewrite the copies
    python -m course.carry_forward --check  # exit 1 if a copy is out of date (for the tests)

Chapter 2's Setup 2 writes the projection (``actor_graphs``, ``state_graph``) and chapter 4's the
signed network (``signed_graph``, ``sign_product``) as short functions, in plain sight. A later
chapter that needs them gets their source in its *Functions from earlier chapters* cell (the code
cell tagged "carried"), and the checks get the same source as ``summitkit/networks.py``: one
definition of each graph for the book, its checks and the workbench. Change a function where it is
taught, then run this command.
"""

import ast
import sys

import nbformat

from .notebooks import CHAPTERS, cell_text

# The chapter that teaches each definition, by its notebook's number.
TAUGHT = {
    "02": ("COMMENTARY", "actor_graphs", "state_graph"),
    "04": ("signed_graph", "sign_product"),
}
# The chapters that get a copy, and of which chapters' definitions.
CARRIED = {"05": ("04",), "06": ("02", "04")}
TAG = "carried"
MODULE = CHAPTERS / "summitkit" / "networks.py"
MODULE_HEAD = '''"""The network builders that chapters 2 and 4 teach, copied from their Setup 2 cells.

Written by ``python -m course.carry_forward``; a test fails while it is out of date. Change a
function in the chapter that teaches it, then run the command, which rewrites this file and the
*Functions from earlier chapters* cells of chapters 5 and 6. The checks build the chapters' graphs
with these functions, so a chapter and its checks share one definition of each graph.
"""

import itertools

import networkx as nx
'''


def notebook(number):
    return CHAPTERS / next(p.name for p in CHAPTERS.glob(f"{number}-*.ipynb"))


def chapter_title(nb):
    """'2 (Russia's role)' from the heading '# 2. Russia's role: negotiator, ...'."""
    number, name = cell_text(nb.cells[0]).splitlines()[0].lstrip("# ").split(": ")[0].split(". ")
    return f"{number} ({name})"


def definitions(number):
    """The chapter's taught definitions, each as the exact lines of its Setup 2 cell."""
    nb = nbformat.read(notebook(number), as_version=4)
    setup = next(c for c in nb.cells if cell_text(c).startswith("# Setup 2 of 2"))
    lines = cell_text(setup).splitlines()
    found = {}
    for node in ast.parse(cell_text(setup)).body:
        if isinstance(node, ast.FunctionDef):
            name = node.name
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
        else:
            continue
        if name in TAUGHT[number]:
            found[name] = "\n".join(lines[node.lineno - 1 : node.end_lineno])
    missing = [name for name in TAUGHT[number] if name not in found]
    if missing:
        raise SystemExit(f"{notebook(number).name}: Setup 2 defines no {', '.join(missing)}")
    return f"# From chapter {chapter_title(nb)}.\n" + "\n\n\n".join(
        found[name] for name in TAUGHT[number]
    )


def cell_source(numbers):
    if len(numbers) == 1:
        where = f"chapter {int(numbers[0])}'s Setup 2"
    else:
        where = "the Setup 2 of chapters " + " and ".join(str(int(n)) for n in numbers)
    head = (
        "# Setup 2 of 3: functions from earlier chapters, copied word for word\n"
        f"# from {where}. To change one, change it there.\n\n"
    )
    return head + "\n\n\n".join(definitions(n) for n in numbers)


def module_source():
    return MODULE_HEAD + "\n" + "\n\n\n".join(definitions(n) for n in TAUGHT) + "\n"


def update(nb, numbers):
    """Give the notebook's carried cell the current copy; True if it changed."""
    cells = [c for c in nb.cells if TAG in c.metadata.get("tags", [])]
    if len(cells) != 1:
        raise SystemExit(f"expected one code cell tagged {TAG!r}, found {len(cells)}")
    source = cell_source(numbers)
    if cell_text(cells[0]) == source:
        return False
    cells[0].source = source
    return True


def main(argv):
    stale = []
    for number, numbers in CARRIED.items():
        path = notebook(number)
        nb = nbformat.read(path, as_version=4)
        if update(nb, numbers):
            stale.append(path.name)
            if "--check" not in argv:
                nbformat.write(nb, path)
    current = MODULE.read_text(encoding="utf-8") if MODULE.exists() else ""
    if current != module_source():
        stale.append(MODULE.name)
        if "--check" not in argv:
            MODULE.write_text(module_source(), encoding="utf-8")
    if "--check" in argv and stale:
        raise SystemExit(f"out of date: {', '.join(stale)}; run python -m course.carry_forward")


if __name__ == "__main__":
    main(sys.argv[1:])
