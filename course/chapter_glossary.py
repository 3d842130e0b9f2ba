"""Give each chapter notebook, as its last cell, the glossary entries of the terms it links.

    python -m course.chapter_glossary          # rewrite the cells
    python -m course.chapter_glossary --check  # exit 1 if a cell is out of date (for the tests)

jupyterlab-myst resolves a {term} role only against a {glossary} in the same notebook: without
this cell every term link in JupyterLab is a dead link whose hover says "⚠ term-…". With it, a
hover shows the definition and a click scrolls to it, in Binder and in a downloaded notebook alike.
The cell is tagged remove-cell, so the book (where {term} goes to chapters/glossary.md) never
shows it; its glossary is in MyST's definition-list form, which Sphinx's glossary would reject.
chapters/glossary.md stays the one place where definitions are written.
"""

import re
import sys

import nbformat

from .notebooks import CHAPTERS, cell_text, chapter_notebooks

GLOSSARY = CHAPTERS / "glossary.md"
ROLE = re.compile(r"\{term\}`([^`<]*?)(?: <([^>]+)>)?`")  # as tests/glossary_terms.py
TAG = "chapter-glossary"
INTRO = (
    "## Terms in this chapter\n\n"
    "The glossary's definitions of the terms this chapter links; the book's glossary has them all.\n\n"
)


def definitions(text=None):
    """{term: definition on one line} from chapters/glossary.md's {glossary} blocks."""
    text = GLOSSARY.read_text(encoding="utf-8") if text is None else text
    found = {}
    for block in re.findall(r"^:::\{glossary\}\n(.*?)^:::", text, re.M | re.S):
        for term, body in re.findall(r"^(\S[^\n]*)\n((?:[ \t]+\S[^\n]*\n?)+)", block, re.M):
            found[term.strip()] = " ".join(line.strip() for line in body.splitlines())
    return found


def linked_terms(nb, defs):
    """The glossary terms the notebook's markdown links with {term}, as glossary.md spells them."""
    by_key = {term.lower(): term for term in defs}
    terms = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown" and TAG not in cell.metadata.get("tags", []):
            for shown, target in ROLE.findall(cell_text(cell)):
                key = (target or shown).strip().lower()
                if key not in by_key:
                    raise SystemExit(f"{{term}}`{shown}` names no term of {GLOSSARY.name}")
                terms.add(by_key[key])
    return sorted(terms)


def cell_source(nb, defs):
    entries = "\n\n".join(f"{term}\n: {defs[term]}" for term in linked_terms(nb, defs))
    return INTRO + ":::{glossary}\n" + entries + "\n:::"


def update(nb, defs):
    """Put the up-to-date glossary cell last (keeping its id); True if the notebook changed."""
    source = cell_source(nb, defs)
    old = [c for c in nb.cells if TAG in c.metadata.get("tags", [])]
    if old and old[0] is nb.cells[-1] and len(old) == 1 and cell_text(old[0]) == source:
        return False
    cell = old[0] if old else nbformat.v4.new_markdown_cell()
    nb.cells = [c for c in nb.cells if TAG not in c.metadata.get("tags", [])] + [cell]
    cell.source = source
    cell.metadata["tags"] = ["remove-cell", TAG]
    return True


def main(argv):
    defs = definitions()
    stale = []
    for path in chapter_notebooks():
        nb = nbformat.read(path, as_version=4)
        if update(nb, defs):
            stale.append(path.name)
            if "--check" not in argv:
                nbformat.write(nb, path)
    if "--check" in argv and stale:
        raise SystemExit(f"out of date: {', '.join(stale)}; run python -m course.chapter_glossary")


if __name__ == "__main__":
    main(sys.argv[1:])
