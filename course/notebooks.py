"""What a chapter notebook says about its exercises, read from the notebook itself.

Each exercise is a markdown cell with one ``{exercise}`` directive and, in its cell metadata,
``"exercise": {"kind": ..., "level": ..., "minutes": ..., "objectives": [...], "points": {...},
"core": true}`` (README, Development). Its solution is a markdown cell tagged "solution"; a cell
tagged "full-edition" speaks of the solutions and is left out of the student edition with them.

An exercise's points are marks for a graded course, by part: "code" for an answer its check marks,
"written" for an answer marked by hand (a reading or discussion question, the discussion of a
check that only compares, or the answer cell, tagged "answer", that follows a marked check). The
rule: one point per five minutes of the exercise, rounded up; an exercise with both parts splits
them in half, the odd point to the part its kind names.

"core" says which exercises a student working alone does first: the chapter's core, 25 to 45
minutes that cover its main objectives; the others (``"core": false``) are extensions. The
exercise's text opens with its mark (``MARKS``), and the chapter's "Exercises" section names the
core in the sentence ``core_sentence`` writes; ``check_core`` holds a chapter to all three.
"""

import math
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
PARTS = ("code", "written")
# The first line of an exercise's text, by its "core" value, and the core's minutes in a chapter.
MARKS = {True: "*Core exercise*", False: "*Extension*"}
CORE_MINUTES = (25, 45)


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
            raise NotebookError(
                f"{name}, {label}: the exercise cell has no 'exercise' metadata "
                "(kind, level, minutes, objectives, points, core)"
            )
        problems = []
        if meta.get("kind") not in KINDS:
            problems.append(f"kind {meta.get('kind')!r} is not one of {KINDS}")
        if meta.get("level") not in LEVELS:
            problems.append(f"level {meta.get('level')!r} is not one of {LEVELS}")
        if not isinstance(meta.get("minutes"), int) or meta["minutes"] <= 0:
            problems.append(f"minutes {meta.get('minutes')!r} is not a whole number of minutes")
        if not meta.get("objectives") or not all(isinstance(n, int) for n in meta["objectives"]):
            problems.append(
                f"objectives {meta.get('objectives')!r} is not a list of objective numbers"
            )
        points = meta.get("points")
        if (
            not isinstance(points, dict)
            or not points
            or not set(points) <= set(PARTS)
            or not all(type(n) is int and n > 0 for n in points.values())
        ):
            problems.append(
                f"points {points!r} is not a dict of whole numbers above 0 by part, "
                f"{' and/or '.join(map(repr, PARTS))}"
            )
        if type(meta.get("core")) is not bool:
            problems.append(
                f"core {meta.get('core')!r} is not true or false (true: an exercise a student "
                "working alone does first; false: an extension)"
            )
        if problems:
            raise NotebookError(f"{name}, {label}: " + "; ".join(problems))
        check = None
        for later in nb.cells[i + 1 : i + 4]:
            call = (
                re.match(r"(check_\w+)\(", cell_text(later)) if later.cell_type == "code" else None
            )
            if call:
                check = call.group(1)
                break
        solutions = [
            j
            for j, c in enumerate(nb.cells)
            if c.cell_type == "markdown"
            and (m := SOLUTION.search(cell_text(c)))
            and m.group(2) == label
        ]
        found.append(
            {
                "label": label,
                "title": match.group(2).strip(),
                "index": i,
                "check": check,
                "solution": solutions[0] if solutions else None,
                **meta,
            }
        )
    # An exercise's answer cells are those tagged "answer" before the next exercise.
    ends = [item["index"] for item in found[1:]] + [len(nb.cells)]
    for item, end in zip(found, ends):
        item["answers"] = [
            j
            for j in range(item["index"] + 1, end)
            if "answer" in nb.cells[j].metadata.get("tags", [])
        ]
    return found


def parts(item, checks):
    """The parts of an exercise that earn points: ("code",), ("written",) or both.

    ``checks`` is the chapters' helper, summitkit: a check made with ``safe(..., marks=False)``
    compares rather than marks, so the discussion that goes with it carries the points.
    """
    marked = item["check"] is not None and getattr(checks, item["check"]).marks
    written = (
        item["kind"] != "code" or item["answers"] or (item["check"] is not None and not marked)
    )
    return tuple(part for part, has in zip(PARTS, (marked, written)) if has)


def rule_points(item, checks):
    """The points the rule gives an exercise: one per five minutes, rounded up, by part."""
    total = math.ceil(item["minutes"] / 5)
    found = parts(item, checks)
    if len(found) == 1:
        return {found[0]: total}
    lead = (
        "code" if item["kind"] == "code" else "written"
    )  # the part the kind names gets the odd point
    other = next(part for part in PARTS if part != lead)
    return {lead: total - total // 2, other: total // 2}


def check_points(item, checks, name="the notebook"):
    """Raise NotebookError, naming file and exercise, if an exercise's points break the rule."""
    wanted = rule_points(item, checks)
    if 0 in wanted.values():
        raise NotebookError(
            f"{name}, {item['label']}: an exercise with a code and a written part needs "
            f"more than 5 minutes, so that each part gets a point"
        )
    if item["points"] != wanted:
        raise NotebookError(
            f"{name}, {item['label']}: points {item['points']!r} do not match the exercise's parts "
            f"({' and '.join(parts(item, checks))}) and {item['minutes']} minutes; the rule (one point per "
            f"five minutes, rounded up, split in half between two parts) gives {wanted!r}"
        )


def core_sentence(items):
    """The sentence of a chapter's "Exercises" section that names its core, from the metadata."""
    core = [f"*{item['title']}*" for item in items if item["core"]]
    minutes = sum(item["minutes"] for item in items if item["core"])
    if len(core) == len(items):
        return f"Working alone? Every exercise here is the core, about {minutes} minutes."
    names = core[0] if len(core) == 1 else ", ".join(core[:-1]) + " and " + core[-1]
    return (
        f"Working alone? Do the core first: {names}, about {minutes} minutes; "
        "the others are extensions."
    )


def exercise_body(cell):
    """The lines of an exercise's text, after its options and the blank line that follows them."""
    lines = cell_text(cell).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(":label:"))
    while lines[start].startswith(":"):
        start += 1
    return [line for line in lines[start:] if line.strip()]


def check_core(nb, items, name="the notebook"):
    """Raise NotebookError, naming file and exercise, if the core split breaks the pattern: a core
    of 25 to 45 minutes, each exercise's text opening with its mark, and the chapter's "Exercises"
    section naming the core as ``core_sentence`` does."""
    low, high = CORE_MINUTES
    minutes = sum(item["minutes"] for item in items if item["core"])
    if not low <= minutes <= high:
        core = ", ".join(item["label"] for item in items if item["core"]) or "none"
        raise NotebookError(
            f"{name}: the core exercises ({core}) take {minutes} minutes; a core should take "
            f"{low} to {high}"
        )
    for item in items:
        body = exercise_body(nb.cells[item["index"]])
        if not body or body[0].strip() != MARKS[item["core"]]:
            raise NotebookError(
                f"{name}, {item['label']}: the exercise's text should open with the line "
                f"{MARKS[item['core']]!r} (its 'core' is {str(item['core']).lower()}), "
                f"not {body[0] if body else ''!r}"
            )
    intro = next(
        (
            c
            for c in nb.cells
            if c.cell_type == "markdown" and cell_text(c).startswith("## Exercises")
        ),
        None,
    )
    wanted = core_sentence(items)
    if intro is None or wanted not in " ".join(cell_text(intro).split()):
        raise NotebookError(
            f"{name}: the Exercises section should name the core, from the exercises' "
            f"metadata: {wanted!r}"
        )


def student_copy(nb):
    """The notebook without its solutions and the cells that speak of them."""
    from nbconvert.preprocessors import TagRemovePreprocessor

    remove = TagRemovePreprocessor(remove_cell_tags=set(FULL_EDITION_TAGS), enabled=True)
    student, _ = remove.preprocess(nbformat.from_dict(nb), {})
    return student


# Where an exercise's cells are, and its reference code: shared by the tests and the graded edition.
PYTHON_FENCE = re.compile(r"^(`{3,})python\n(.*?)^\1\s*$", re.M | re.S)


def exercises(nb):
    """Each exercise in a notebook with its scaffold, check and solution cells.

    The pattern (README, Development): a markdown cell with one {exercise}; for a
    code exercise, then a code cell tagged "scaffold" and a code cell that calls a
    check; and a markdown cell with the {solution} of the same label.
    """
    cells = nb.cells
    found = []
    for i, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            continue
        match = EXERCISE.search(cell_text(cell))
        if not match:
            continue
        item = {
            "label": match.group(3),
            "index": i,
            "scaffold": None,
            "check": None,
            "solution": None,
        }
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if (
            nxt is not None
            and nxt.cell_type == "code"
            and "scaffold" in nxt.metadata.get("tags", [])
        ):
            item["scaffold"] = i + 1
            if i + 2 < len(cells) and cells[i + 2].cell_type == "code":
                item["check"] = i + 2
        for j, other in enumerate(cells):
            sol = SOLUTION.search(cell_text(other)) if other.cell_type == "markdown" else None
            if sol and sol.group(2) == item["label"]:
                item["solution"] = j
        found.append(item)
    return found


def solution_code(nb, item):
    """The fenced python code of an exercise's solution, or None for a reading question."""
    fence = PYTHON_FENCE.search(cell_text(nb.cells[item["solution"]]))
    return fence.group(2) if fence else None
