"""Make the graded edition: the book's exercises as an nbgrader course, one assignment per chapter.

    python -m course.graded_edition OUT

It writes, into the folder OUT (see README below, which it writes there too):

* ``nbgrader_config.py``: the course's settings, each with the reason for it;
* ``source/chNN/``: the instructor's version of each chapter's assignment: the graded notebook (with
  the reference solutions, hidden tests and mark schemes), the released helper ``summitkit/`` (its
  checks say whether an answer has the right shape, never whether its value is right) and ``data/``;
* ``grading/book_checks/`` and ``data/``: the book's full checks, with the expected values, which the
  hidden tests import when nbgrader grades, and the data as released (``data/`` without the rows that
  answer an exercise, ``WITHHELD``); ``grading/full/``: the same checks on the whole of ``data/``, for the
  exercises whose answer those rows are. They sit outside ``source/``, so no release holds them;
* ``README.md``: the instructor's steps, from generating the assignments to the grades file.

Run it again after fixing an exercise: it rewrites only these, and leaves nbgrader's own folders
(``release/``, ``submitted/``, ``autograded/``, ``feedback/``) and the gradebook alone.

nbgrader is not needed to run this command, only to use its result (requirements-course.txt).
"""

import csv
import io
import re
import shutil
import sys
from pathlib import Path

import nbformat

from .notebooks import (
    CHAPTERS,
    FULL_EDITION_TAGS,
    PYTHON_FENCE,
    ROOT,
    SOLUTION,
    NotebookError,
    cell_text,
    chapter_notebooks,
    exercise_cells,
    exercises,
    solution_code,
)

SUMMITKIT = CHAPTERS / "summitkit"
DATA = ROOT / "data"
RUBRICS = CHAPTERS / "rubrics.md"
# Copied without Python's caches, which would only carry stale compiled code.
CACHES = shutil.ignore_patterns(
    "__pycache__", "*.pyc", ".ipynb_checkpoints", ".ruff_cache", ".pytest_cache"
)

# Where a solution's mark scheme starts: "**What a strong answer contains:**", "**What a strong
# discussion contains:**", or a paragraph that opens "A strong discussion names ...". What follows is
# for the grader (the mark scheme), never part of the model answer.
MARK_SCHEME = re.compile(
    r"(?:\A|\n[ \t]*\n)(?=(?:\*\*)?(?:What a strong \w+ contains|A strong \w+ ))"
)


# --- The course folder -------------------------------------------------------------------------------


def make_course(out):
    """Write the whole graded course into the folder ``out``; return the assignments' names."""
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    checks = book_checks()
    withheld = withheld_rows(checks)
    (out / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    write_grading(out, withheld)
    names = [write_assignment(path, out, checks, withheld) for path in chapter_notebooks()]
    (out / "README.md").write_text(README, encoding="utf-8")
    return names


def book_checks():
    """The book's summitkit, whose checks record what each answer should be (feedback.safe)."""
    sys.path.insert(0, str(CHAPTERS))
    import summitkit

    return summitkit


def replace_folder(source, target):
    """Copy ``source`` to ``target``, replacing what a previous run wrote there."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=CACHES)


def write_grading(out, withheld):
    """The full checks, renamed book_checks so that they cannot be mistaken for the released summitkit,
    and the data they compute the expected values from: the released data (loading.DATA_DIR finds
    OUT/data), so that an answer computed from what the students have is marked right. The same checks
    as full_checks, on the whole of data/ (DATA_DIR finds OUT/grading/full/data), for the exercises
    whose answer rows the release withholds. And the grading kernels' IPython settings
    (KERNEL_CONFIG)."""
    replace_folder(SUMMITKIT, out / "grading" / "book_checks")
    write_data(out / "data", withheld)
    replace_folder(SUMMITKIT, out / "grading" / "full" / "full_checks")
    replace_folder(DATA, out / "grading" / "full" / "data")
    profile = out / "grading" / "ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text(KERNEL_CONFIG, encoding="utf-8")


def assignment_name(path):
    """'ch02' for chapters/02-russias-role.ipynb."""
    return "ch" + path.name[:2]


def write_assignment(path, out, checks, withheld):
    """source/chNN/: the graded notebook (same file name as the book's), the released helper, data/
    without the rows that answer an exercise."""
    folder = out / "source" / assignment_name(path)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    nb = nbformat.read(path, as_version=4)
    nbformat.write(graded_notebook(nb, path.name, withheld), folder / path.name)
    write_released_helper(folder / "summitkit", checks)
    write_data(folder / "data", withheld)
    return folder.name


# --- The released data ---------------------------------------------------------------------------


def withheld_rows(checks):
    """{exercise label: [(file under data/, column, value), ...]}: the rows of data/ that are an
    exercise's answer, which no release holds. Code a CRS paragraph asks for the ties of one paragraph
    of the CRS text, which both codings' ties.csv hold (the check names the paragraph and the two
    folders); their channels.csv code the same paragraph's excerpts, with statuses, as channels. Every
    other code exercise asks for a value computed from data/, not for rows of it."""
    ch06 = checks.ch06
    return {
        "ex-code-crs-paragraph": [
            (folder.relative_to(ch06.DATA_DIR).as_posix() + f"/{name}", "paragraph", value)
            for folder in (ch06.CRS, ch06.CRS_B)
            for name in ("ties.csv", "channels.csv")
            for value in [ch06.CODED_PARAGRAPH]
        ]
    }


def without_rows(text, column, value):
    """A CSV file's text without the records whose ``column`` is ``value``; every other line as it was
    written (one record a line: data/'s files have no line break inside a field)."""
    lines = text.splitlines(keepends=True)
    at = next(csv.reader(io.StringIO(lines[0]))).index(column)
    kept = [lines[0]]
    for line in lines[1:]:
        records = list(csv.reader(io.StringIO(line)))
        if len(records) != 1 or len(records[0]) <= at or records[0][at] != value:
            kept.append(line)
    return "".join(kept)


def write_data(target, withheld):
    """data/ as the assignments release it: the book's, without the rows ``withheld`` names."""
    replace_folder(DATA, target)
    for name, column, value in (row for rows in withheld.values() for row in rows):
        path = target / name
        text = path.read_text(encoding="utf-8")
        path.write_text(without_rows(text, column, value), encoding="utf-8")


# --- The released helper ---------------------------------------------------------------------------


def write_released_helper(folder, checks):
    """The book's summitkit with every chNN.py replaced by its visible checks (released_module)."""
    replace_folder(SUMMITKIT, folder)
    for module in sorted(SUMMITKIT.glob("ch[0-9][0-9].py")):
        (folder / module.name).write_text(released_module(module.stem, checks), encoding="utf-8")


def chapter_checks(stem, checks):
    """{name: wrapper} of the checks defined in summitkit/<stem>.py, in the module's order."""
    module = getattr(checks, stem)
    return {
        name: value
        for name, value in vars(module).items()
        if name.startswith("check_") and getattr(value, "__module__", "") == module.__name__
    }


def released_module(stem, checks):
    """The source of a released chNN.py: each check rebuilt with visible_check from what ``safe``
    recorded on the book's (its exercise, answers, wanted, container), and nothing else, so that
    no code that computes an expected value reaches the students."""
    lines = [
        f'"""The checks of chapter {int(stem[2:])}, as a graded assignment releases them.',
        "",
        'Each says whether an answer is there and has the right type ("checked"), never whether its',
        "value is right: that is marked when your notebook is graded. Written by course/graded_edition.py.",
        '"""',
        "",
        "from .feedback import visible_check",
        "",
    ]
    for name, check in chapter_checks(stem, checks).items():
        lines += [
            "",
            f"{name} = visible_check(",
            f"    {check.exercise!r},",
            f"    {check.answers!r},",
            f"    {check.wanted!r},",
            f"    {check.container!r},",
            f"    name={name!r},",
            # What the scaffold assigns, by answer: None there is "not attempted" only where the
            # scaffold assigns None (a None from print() is an answer of the wrong type).
            f"    placeholder={check.placeholder!r})",
        ]
    return "\n".join(lines) + "\n"


# --- The graded notebook -----------------------------------------------------------------------------


def nbgrader(grade_id, grade=False, solution=False, locked=False, points=None):
    """A cell's nbgrader metadata (schema 3, as nbgrader 0.9 writes it)."""
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return meta


def graded_notebook(nb, name, withheld=None):
    """The chapter notebook as an nbgrader source notebook: for each exercise, an autograded answer and
    its test (code points), a written answer marked by hand and its read-only question (written points).

    Cells are changed in place by index first, then the solution and full-edition cells are dropped,
    so that every index read from the book's notebook stays right while we work. The hidden tests of
    the exercises in ``withheld`` (their labels) mark with the checks on the whole of data/."""
    graded = nbformat.from_dict(nb)
    parts = {item["label"]: item for item in exercises(nb)}
    for item in exercise_cells(nb, name):
        item.update(
            scaffold=parts[item["label"]]["scaffold"], check_cell=parts[item["label"]]["check"]
        )
        grade_exercise(graded, nb, item, name, item["label"] in (withheld or {}))
        plain_exercise(graded.cells[item["index"]])
    graded.cells = [
        cell
        for cell in graded.cells
        if not set(FULL_EDITION_TAGS) & set(cell.metadata.get("tags", []))
    ]
    for cell in graded.cells:
        if withheld and ABOUT_WITHHELD in cell.metadata.get("tags", []):
            cell.source = WITHHELD_NOTE
        # In an assignment data/ sits beside the notebook, not beside chapters/ (chapter 6's paths).
        cell.source = cell_text(cell).replace('"../data', '"data')
        if cell.cell_type == "markdown":
            # A glossary link keeps its words: the formgrader and the feedback pages show roles raw.
            cell.source = TERM_ROLE.sub(r"\1", cell.source)
    return graded


# A paragraph of the chapter that describes the rows a release withholds, or numbers counted with them
# (chapter 6's, tagged so in the notebook): the release prints this instead.
ABOUT_WITHHELD = "about-withheld"
WITHHELD_NOTE = (
    "*This part of the chapter is left out of the assignment: it describes the whole coding, with the "
    "paragraph that you code in Code a CRS paragraph, whose rows this assignment's data leaves out "
    "(the outputs above count without them). The book has it, for after the deadline.*"
)

# A glossary link, {term}`words <Term>` or {term}`Term`.
TERM_ROLE = re.compile(r"\{term\}`([^`<]*?)\s*(?:<[^>`]+>)?`")
# An exercise directive: its fence, its title, its options (:label:, :nonumber:) and its body.
EXERCISE_FENCE = re.compile(
    r"^(`{3,})\{exercise\}[ \t]*([^\n]*)\n((?::[^\n]*\n)*)(.*?)^\1[ \t]*$", re.S | re.M
)


def plain_exercise(cell):
    """The exercise directive becomes a bold title and its text: nbgrader's formgrader and feedback
    pages show MyST as raw text, and graders and students should read the same question."""
    cell.source = EXERCISE_FENCE.sub(
        lambda m: f"**Exercise: {m.group(2).strip()}**\n\n{m.group(4).strip()}", cell_text(cell)
    )


def grade_exercise(graded, nb, item, name, full=False):
    """Turn one exercise's cells into nbgrader cells, with its points from its metadata."""
    label, points = item["label"], item["points"]
    where = f"{name}, {label}"
    if "code" in points:
        if item["scaffold"] is None or item["check_cell"] is None:
            raise NotebookError(f"{where}: code points, but no scaffold and check cells to grade")
        code_answer(graded.cells[item["scaffold"]], label, solution_code(nb, item))
        test_cell(graded.cells[item["check_cell"]], label, points["code"], where, full)
    if "written" in points:
        if len(item["answers"]) != 1:
            raise NotebookError(
                f"{where}: written points, but {len(item['answers'])} answer cells "
                "(tagged 'answer'); the graded edition needs exactly one"
            )
        body = solution_body(nb, item)
        written_answer(
            graded.cells[item["answers"][0]], label, points["written"], model_answer(body)
        )
        question_cell(graded.cells[item["index"]], label, rubric(label), body)


# The one instruction of a released answer cell, nbgrader's own (the book's scaffold says "# Your
# answer"). nbgrader_config.py's code stub is empty, so that the release keeps this line and the
# scaffold's placeholders after it, and nothing where the solution was.
YOUR_CODE_HERE = "# YOUR CODE HERE"


def code_answer(cell, label, reference):
    """The scaffold becomes an autograded answer: the students get nbgrader's instruction and the
    scaffold's placeholders (``repeated = ...``, so that a notebook handed in unanswered runs and its
    checks say "not attempted"), the source keeps the reference solution between nbgrader's markers."""
    placeholders = [
        line for line in cell_text(cell).strip().splitlines() if not line.lstrip().startswith("#")
    ]
    cell.source = "\n".join(
        [
            YOUR_CODE_HERE,
            *placeholders,
            "### BEGIN SOLUTION",
            reference.rstrip(),
            "### END SOLUTION",
        ]
    )
    cell.metadata["nbgrader"] = nbgrader(f"{label}-answer", solution=True)


def test_cell(cell, label, points, where, full=False):
    """The check cell becomes an autograder test: the book's check call stays as the visible test (the
    students' hint, from the released helper), and hidden tests mark the value with the full check:
    book_checks, on the data as released, or, for an exercise whose answer rows the release withholds
    (``full``), full_checks, on the whole of data/. Hidden lines before the call give an answer that
    no cell assigned the placeholder, so that the checks say why it is missing: nbgrader runs every
    cell, and an answer cell that raised before it assigned its answer is named there."""
    checks = "full_checks" if full else "book_checks"
    call = cell_text(cell).strip()
    if not re.fullmatch(r"check_\w+\([\w, ]*\)", call):  # the hidden test repeats the call as it is
        raise NotebookError(
            f"{where}: the check cell should hold only the check's call, such as "
            f"check_x(answer), and holds {call!r}"
        )
    answers = tuple(re.findall(r"[A-Za-z_]\w*", call[call.index("(") :]))
    cell.source = "\n".join(
        [
            "### BEGIN HIDDEN TESTS",
            "# An answer no cell assigned (its cell raised first, or is gone) is the placeholder here: the",
            "# checks then say why it is missing (the answer cell's error), not a NameError of this cell.",
            f"for _answer in {answers!r}:",
            "    globals().setdefault(_answer, ...)",
            "### END HIDDEN TESTS",
            call,
            "### BEGIN HIDDEN TESTS",
            "# Marked against the book's check, which computes the expected value from data/ at grading time.",
            f"import {checks}",
            f"result = {checks}.{call}",
            "print(result)  # the book's verdict and hint, for the student's feedback",
            'assert result.status == "correct", result.message',
            "### END HIDDEN TESTS",
        ]
    )
    cell.metadata["nbgrader"] = nbgrader(f"{label}-test", grade=True, locked=True, points=points)


def written_answer(cell, label, points, model):
    """The answer cell becomes a manually graded answer: the prompt stays, and the model answer sits
    between the solution markers, which the release replaces with the invitation to write."""
    prompt = cell_text(cell).strip().splitlines()[0]
    cell.source = f"{prompt}\n### BEGIN SOLUTION\n{model}\n### END SOLUTION"
    cell.metadata["nbgrader"] = nbgrader(
        f"{label}-written", grade=True, solution=True, points=points
    )


def question_cell(cell, label, criteria, body):
    """The question becomes read-only, with the rubric's levels (the students see them, as in the
    book's rubrics page) and a mark scheme that the release drops. Autograde restores a read-only
    cell from the gradebook, so the grader sees the mark scheme in the formgrader."""
    text = cell_text(cell).rstrip()
    if criteria:
        text += f"\n\n**How your answer is marked:**\n\n{criteria}"
    text += (
        "\n\n### BEGIN MARK SCHEME\n**For the grader: the book's solution, with what a strong answer "
        f"contains.**\n\n{body}\n### END MARK SCHEME"
    )
    cell.source = text
    cell.metadata["nbgrader"] = nbgrader(f"{label}-question", locked=True)


def solution_body(nb, item):
    """The book's solution without its directive: reference code, model answer, what a strong answer
    contains."""
    text = cell_text(nb.cells[item["solution"]])
    match = SOLUTION.search(text)
    body = text[match.end() :].rstrip()
    fence = match.group(1)
    if body.endswith(fence):  # the directive's closing fence
        body = body[: -len(fence)]
    return body.strip()


def model_answer(body):
    """The solution's prose without its code or its mark scheme ('What a strong answer contains',
    MARK_SCHEME: that is for the grader), as the model answer of the written answer cell."""
    prose = MARK_SCHEME.split(PYTHON_FENCE.sub("", body), maxsplit=1)[0].strip()
    return re.sub(r"\n{3,}", "\n\n", prose)


def rubric(label):
    """The table of levels of chapters/rubrics.md for an exercise, or '' if it has none."""
    text = RUBRICS.read_text(encoding="utf-8")
    start = text.find(f"(rubric-{label})=")
    if start < 0:
        return ""
    section = text[start:].split("\n(rubric-", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|")).strip()


# --- What the command writes beside the assignments ----------------------------------------------------

# The files the command writes as they are: in course/graded/, where they read as what they are (a
# README, two Python settings files) rather than as strings inside this one.
GRADED = Path(__file__).resolve().parent / "graded"
KERNEL_CONFIG = (GRADED / "ipython_kernel_config.py").read_text(encoding="utf-8")
CONFIG = (GRADED / "nbgrader_config.py").read_text(encoding="utf-8")
README = (GRADED / "README.md").read_text(encoding="utf-8")


def main(argv):
    if len(argv) != 1 or argv[0].startswith("-"):
        raise SystemExit(
            "usage: python -m course.graded_edition OUT  (OUT: the course folder to write)"
        )
    try:
        names = make_course(argv[0])
    except NotebookError as err:  # a broken exercise: name it, without a traceback
        raise SystemExit(str(err))
    print(f"wrote {argv[0]}: assignments {', '.join(names)}; see {Path(argv[0]) / 'README.md'}")


if __name__ == "__main__":
    main(sys.argv[1:])
