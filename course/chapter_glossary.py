"""Give each chapter notebook, as its last cell, the glossary entries of the terms it links.

    python -m course.chapter_glossary          # rewrite the cells
    python -m course.chapter_glossary --check  # exit 1 if a cell is out of date (for the tests)

jupyterlab-myst resolves a {term} role only against a {glossary} in the same notebook: without
this cell every term link in JupyterLab is a dead link whose hover says "⚠ term-…". With it, a
hover shows the definition and a click scrolls to it, in Binder and in a downloaded notebook alike.
Each entry ends with a link back to where the chapter first uses the term (the section heading
above that use, or the exercise it is in): the browser's Back button leaves a student here.
jupyterlab-myst gives a heading the id of its label, ``(label)=``, or else of its text made a slug
(slug() below), and an exercise the id of its ``:label:``.
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


HEADING = re.compile(r"^(#{1,6}) +(.+?) *#*$", re.M)
LABEL = re.compile(r"^\(([^()\s]+)\)=\n", re.M)
FENCE = re.compile(r"^ *(`{3,}|~{3,})(?!\{)[^\n]*\n.*?^ *\1 *$", re.M | re.S)
EXERCISE = re.compile(r"^`{3,}\{exercise\} *(.*)\n:label: (\S+)", re.M)


def slug(title):
    """The id jupyterlab-myst gives a heading without a label: 'The article’s words, as forecasts'
    becomes 'the-articles-words-as-forecasts'."""
    text = re.sub(r"[^\w\s-]", "", title.lower().replace("_", ""))
    return re.sub(r"-{2,}", "-", re.sub(r"\s+", "-", text.strip())).strip("-")


def first_uses(nb, defs):
    """{term: (title, id)}: where a link back to the chapter's first use of each term goes, the
    heading above the use (its text and id) or the exercise that holds it. The chapter's title
    has no id in JupyterLab: a use under it, in the chapter's opening, goes to the end of the
    opening, the first section's heading."""
    by_key = {term.lower(): term for term in defs}
    found, heading, ids = {}, None, {}
    for cell in nb.cells:
        if cell.cell_type != "markdown" or TAG in cell.metadata.get("tags", []):
            continue
        text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), cell_text(cell))  # no code
        exercise = EXERCISE.search(text)
        labels = {m.end(): m.group(1).lower() for m in LABEL.finditer(text)}
        places = []  # (where, heading) in the cell
        for match in HEADING.finditer(text):
            title = match.group(2).strip()
            place = None
            if len(match.group(1)) > 1:  # not the chapter's title
                place = (title, labels.get(match.start()) or slug(title))
                if place[1] in ids:
                    raise SystemExit(f"two headings have the id {place[1]!r}: give one a label")
                ids[place[1]] = title
            places.append((match.start(), place))
        for match in ROLE.finditer(text):
            shown, target = match.groups()
            term = by_key.get((target or shown).strip().lower())
            above = [place for where, place in places if where < match.start()]
            place = (exercise.group(1).strip(), exercise.group(2)) if exercise else None
            place = place or (above[-1] if above else heading)
            if term and term not in found:
                found[term] = place  # None: in the chapter's opening
        if places:
            heading = places[-1][1]
    # The chapter's title has no id in JupyterLab: the opening's link goes to the first section,
    # which starts where the opening ends.
    first = next(iter(ids), None)
    opening = ("the end of the chapter's opening", first) if first else None
    return {term: place or opening for term, place in found.items() if place or opening}


def cell_source(nb, defs):
    uses = first_uses(nb, defs)

    def entry(term):
        back = ""
        if term in uses:
            title, target = uses[term]
            back = f"\n\n  Back to: [{title}](#{target})"
        return f"{term}\n: {defs[term]}{back}"

    entries = "\n\n".join(entry(term) for term in linked_terms(nb, defs))
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
