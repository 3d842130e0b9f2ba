"""Solution text, found in the full notebooks: the pieces of each exercise's solution that are long
enough to be unmistakable and that the chapter says nowhere else, and the search for them in any
file a reader meets (a notebook, a page, a text). The student edition, the graded edition, the
printed handouts and the checks' messages are searched with it.
"""

import html
import json
import re

import nbformat

from chapter_parts import PYTHON_FENCE, cell_text, exercises
from conftest import NOTEBOOKS, load_notebook

FULL_EDITION_ONLY = {"solution", "full-edition"}


def normalise(text):
    """Text as a page shows it, and as the notebook says it: one space, plain quotes and dashes."""
    for fancy, plain in (
        ("“", '"'),
        ("”", '"'),
        ("‘", "'"),
        ("’", "'"),
        ("–", "-"),
        ("—", "-"),
        ("\u00a0", " "),
        ("¶", ""),
    ):
        text = text.replace(fancy, plain)
    return " ".join(text.split())


def visible_text(page):
    # Tags dropped (code, which the highlighter splits into spans) and tags as spaces (prose).
    return " | ".join(normalise(html.unescape(re.sub(r"<[^>]+>", gap, page))) for gap in ("", " "))


def plain_markdown(text):
    """Markdown reduced to the words a reader sees: links to their text, no emphasis or code marks."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"\\(\$)", r"\1", text)
    return text.replace("**", "").replace("`", "").replace("*", "")


def is_full_edition_only(cell):
    return bool(FULL_EDITION_ONLY & set(cell.metadata.get("tags", [])))


def solution_pieces(nb):
    """Each exercise's solution text in pieces, each long enough to be unmistakable: {label: pieces}.

    A piece is a line of solution code of at least 25 characters, or a sentence (or clause, up to a
    colon or semicolon) of the model answer of at least 7 words. The summary test
    (test_notebooks.py) looks for the same pieces.
    """
    found = {}
    for item in exercises(nb):
        body = cell_text(nb.cells[item["solution"]]).split("\n", 2)[
            2
        ]  # after the directive and :class:
        code = [m.group(2) for m in PYTHON_FENCE.finditer(body)]
        pieces = [
            normalise(line)
            for block in code
            for line in block.splitlines()
            if len(line.strip()) >= 25
        ]
        prose = normalise(plain_markdown(PYTHON_FENCE.sub(" ", body)))  # then sentence by sentence
        pieces += [s for s in re.split(r"(?<=[.:;!?])\s+", prose) if len(s.split()) >= 7]
        found[item["label"]] = pieces
    return found


def fragments(nb):
    """Pieces of solution text, each long enough to be unmistakable, that appear nowhere else."""
    elsewhere = normalise(
        plain_markdown(" ".join(cell_text(c) for c in nb.cells if not is_full_edition_only(c)))
    )
    # Spaces ignored too: the printed handout reads a wrapped line back without them, and the
    # formatter may break a line of the chapter's own code where a solution does not.
    flat = re.sub(r"\s+", "", elsewhere)
    return {
        label: [p for p in pieces if p not in elsewhere and re.sub(r"\s+", "", p) not in flat]
        for label, pieces in solution_pieces(nb).items()
    }


SOLUTION_TEXT = {path.name: fragments(load_notebook(path)) for path in NOTEBOOKS}


def notebook_text(raw):
    nb = nbformat.reads(raw, as_version=4)
    parts = [cell_text(c) for c in nb.cells]
    for c in nb.cells:
        for out in c.get("outputs", []):
            parts.append(json.dumps(out.get("data", {}), ensure_ascii=False) + out.get("text", ""))
    return normalise(plain_markdown(" ".join(parts)))


def readable(name, raw):
    """A file's text as a reader of it would meet it."""
    text = raw.decode("utf-8", errors="replace")
    if name.endswith(".ipynb"):
        return notebook_text(text)
    if name.endswith(".html"):
        return visible_text(text)
    return normalise(text)


def pieces_in(text):
    """(exercise label, piece) for every piece of solution text in text, already normalised."""
    return [
        (label, piece)
        for pieces in SOLUTION_TEXT.values()
        for label, items in pieces.items()
        for piece in items
        if piece in text
    ]


def leaks(name, raw):
    """(exercise label, piece) for every piece of solution text in a file, read as a reader would."""
    return pieces_in(readable(name, raw))
