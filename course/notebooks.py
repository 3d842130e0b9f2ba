"""What a chapter notebook says about its exercises, read from the notebook itself.

Each exercise is a markdown cell with one ``{exercise}`` directive and, in its cell metadata,
``"exercise": {"kind": ..., "level": ..., "minutes": ..., "objectives": [...]}`` (README,
Development). Its solution is a markdown cell tagged "solution"; a cell tagged "full-edition"
speaks of the solutions and is left out of the student edition with them.
"""

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"

EXERCISE = re.compile(r"^(`{3,})\{exercise\} ?([^\n]*)\n:label: (\S+)", re.M)
SOLUTION = re.compile(r"^(`{3,})\{solution\} (\S+)\n((?::[^\n]*\n)*)", re.M)
OBJECTIVE = re.compile(r"^(\d+)\. (.+?)(?=^\d+\. |\Z)", re.M | re.S)

KINDS = ("code", "reading", "discussion")
LEVELS = ("introductory", "intermediate", "advanced")
# Cells that the student edition removes.
FULL_EDITION_TAGS = ("solution", "full-edition")


class NotebookError(ValueError):
    """A chapter notebook that breaks the exercise pattern; the message names file and exercise."""


def cell_text(cell):
    """A cell's source as one string, whatever way the file stores it."""
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def chapter_notebooks():
    return sorted(CHAPTERS.glob("[0-9][0-9]-*.ipynb"))


def title(nb):
    """The chapter's title, from its first heading: '1. The article and its actors'."""
    return cell_text(nb.cells[0]).splitlines()[0].lstrip("# ").strip()


def objectives(nb, name="the notebook"):
    """{number: text} of the chapter's numbered learning objectives."""
    text = cell_text(nb.cells[0])
    if "**Learning objectives.**" not in text:
        raise NotebookError(f"{name}: its first cell has no **Learning objectives.** list")
    block = text.split("**Learning objectives.**", 1)[1].split("\n\n", 2)[1]
    return {int(n): " ".join(body.split()) for n, body in OBJECTIVE.findall(block + "\n")}


def exercise_cells(nb, name="the notebook"):
    """Each exercise: its label, title, index, metadata, check function and solution index."""
    found = []
    for i, cell in enumerate(nb.cells):
        match = EXERCISE.search(cell_text(cell)) if cell.cell_type == "markdown" else None
        if not match:
            continue
        label = match.group(3)
        meta = cell.metadata.get("exercise")
        if not isinstance(meta, dict):
            raise NotebookError(f"{name}, {label}: the exercise cell has no 'exercise' metadata "
                                "(kind, level, minutes, objectives)")
        problems = []
        if meta.get("kind") not in KINDS:
            problems.append(f"kind {meta.get('kind')!r} is not one of {KINDS}")
        if meta.get("level") not in LEVELS:
            problems.append(f"level {meta.get('level')!r} is not one of {LEVELS}")
        if not isinstance(meta.get("minutes"), int) or meta["minutes"] <= 0:
            problems.append(f"minutes {meta.get('minutes')!r} is not a whole number of minutes")
        if not meta.get("objectives") or not all(isinstance(n, int) for n in meta["objectives"]):
            problems.append(f"objectives {meta.get('objectives')!r} is not a list of objective numbers")
        if problems:
            raise NotebookError(f"{name}, {label}: " + "; ".join(problems))
        check = None
        for later in nb.cells[i + 1:i + 4]:
            call = re.match(r"(check_\w+)\(", cell_text(later)) if later.cell_type == "code" else None
            if call:
                check = call.group(1)
                break
        solutions = [j for j, c in enumerate(nb.cells) if c.cell_type == "markdown"
                     and (m := SOLUTION.search(cell_text(c))) and m.group(2) == label]
        found.append({"label": label, "title": match.group(2).strip(), "index": i, "check": check,
                      "solution": solutions[0] if solutions else None, **meta})
    return found


def student_copy(nb):
    """The notebook without its solutions and the cells that speak of them."""
    from nbconvert.preprocessors import TagRemovePreprocessor

    remove = TagRemovePreprocessor(remove_cell_tags=set(FULL_EDITION_TAGS), enabled=True)
    student, _ = remove.preprocess(nbformat.from_dict(nb), {})
    return student
