"""The graded edition's round trip, with nbgrader's own commands (run on its own, in an environment with
requirements-course.txt: `pytest tests/check_graded_edition.py`).

In a temporary folder: `python -m course.graded_edition` writes the course; `nbgrader generate_assignment`
makes every chapter's assignment; `nbgrader db student import` enters a class roster; the release is
copied to fake submissions, edited with nbformat; `nbgrader autograde`, the Gradebook API (the grader's
manual scores), `nbgrader generate_feedback` and `nbgrader export` do the rest. Every expected score is
computed from the exercises' points metadata and the book's own checks, never typed in.
"""

import ast
import csv
import math
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbgrader.api import Gradebook  # requirements-course.txt

from answers import CHECKS, WRONG_ANSWERS, Answers, judge
from chapter_parts import PYTHON_FENCE, exercises, solution_code
from conftest import CHAPTERS, NOTEBOOKS, ROOT, load_notebook
from course.notebooks import exercise_cells
from solution_text import is_full_edition_only, leaks, normalise, plain_markdown, visible_text


# The chapter whose exercises exercise every kind of part: code only, code and written, written only.
BOOK = next(path for path in NOTEBOOKS if path.name.startswith("06-"))
ASSIGNMENT = "ch06"
NOTEBOOK = BOOK.stem  # nbgrader's notebook id: the file name without .ipynb
ASSIGNMENTS = [f"ch{path.name[:2]}" for path in NOTEBOOKS]
NBGRADER = Path(sys.executable).with_name("nbgrader")  # the nbgrader of this environment
TIMEOUT = 15  # seconds a cell may run at autograde here (the course's own setting is longer)
BUDGET = 300  # seconds for the whole round trip on a 2-core machine
RUBRICS = CHAPTERS / "rubrics.md"

BOOK_NB = load_notebook(BOOK)
EXERCISES = exercise_cells(BOOK_NB, BOOK.name)
CODE = [item for item in EXERCISES if "code" in item["points"]]
WRITTEN = [item for item in EXERCISES if "written" in item["points"]]
# The reference solutions as the book writes them, with data/ above the notebook ("../data/"), and as
# they read in an assignment, which has data/ beside its notebook.
BOOK_CODE = {
    item["label"]: solution_code(BOOK_NB, item)
    for item in exercises(BOOK_NB)
    if item["label"] in {c["label"] for c in CODE}
}
REFERENCE = {label: code.replace('"../data/', '"data/') for label, code in BOOK_CODE.items()}
SENTENCE = "My answer, in one sentence: the two framings differ, for the reasons the chapter's tables show."

# A grader's marks by the rubric's three levels (chapters/rubrics.md), as a share of the points.
RUBRIC = {"excellent": 1.0, "adequate": 0.5, "weak": 0.0}

START = time.monotonic()


def points(item, part):
    return item["points"].get(part, 0)


def run(course, *args):
    """An nbgrader command, run from the course folder as an instructor would, in its environment
    activated: nbgrader runs `alembic` from PATH when it makes the gradebook."""
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(NBGRADER.parent), os.environ.get("PATH", "")]),
    }
    done = subprocess.run(
        [str(NBGRADER), *args], cwd=course, capture_output=True, text=True, timeout=600, env=env
    )
    return done.returncode, done.stdout + done.stderr


def ok(course, *args):
    code, log = run(course, *args)
    assert code == 0, f"nbgrader {' '.join(args)} exited {code}:\n{log[-4000:]}"
    return log


def by_grade_id(nb):
    return {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if "grade_id" in c.metadata.get("nbgrader", {})
    }


# --- Answers as code --------------------------------------------------------------------------------


def source_of(value):
    """Python source that rebuilds a value made of literals, sets and frozensets; None for anything else
    (a DataFrame, a graph, a generator: a student would have typed none of them)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    if isinstance(value, (list, tuple)) and type(value) in (list, tuple):
        items = [source_of(v) for v in value]
        if None in items:
            return None
        if isinstance(value, list):
            return "[" + ", ".join(items) + "]"
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if type(value) in (set, frozenset):
        items = sorted(source_of(v) or "" for v in value)
        if "" in items:
            return None
        inner = "{" + ", ".join(items) + "}" if items else ""
        return f"frozenset({inner})" if isinstance(value, frozenset) else (inner or "set()")
    if type(value) is dict:
        items = [(source_of(k), source_of(v)) for k, v in value.items()]
        if any(k is None or v is None for k, v in items):
            return None
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    return None


def plausible_wrong(item):
    """(hint, answer cell code, the book's message) for the first of answers.WRONG_ANSWERS that a
    student could type as literals and that the book's check calls incorrect."""
    name = item["check"]
    for hint, answer in WRONG_ANSWERS[name]().items():
        values = tuple(answer) if isinstance(answer, Answers) else (answer,)
        sources = [source_of(v) for v in values]
        if None in sources:
            continue
        rebuilt = [
            eval(s, {"__builtins__": {}, "frozenset": frozenset, "set": set}) for s in sources
        ]  # noqa: S307
        assert rebuilt == list(values), f"{name}:{hint}: the code does not rebuild the answer"
        feedback = judge(name, answer)
        if feedback.status == "incorrect":
            code = "\n".join(f"{n} = {s}" for n, s in zip(CHECKS[name].answers, sources))
            return hint, code, feedback.message
    raise AssertionError(f"{name}: no wrong answer a student could type")


# For "mixed": every other code exercise wrong, the rest right.
WRONG = {item["label"]: plausible_wrong(item) for item in CODE[0::2]}


# --- The submissions ----------------------------------------------------------------------------------


def answered(nb, code=None, written=SENTENCE):
    """Every autograded answer cell given the reference solution (or code[label]; None leaves it as
    released); every written answer a sentence (or left as released, written=None)."""
    cells = by_grade_id(nb)
    for item in CODE:
        answer = (code or {}).get(item["label"], REFERENCE[item["label"]])
        if answer is not None:
            cells[f"{item['label']}-answer"].source = answer
    if written is not None:
        for item in WRITTEN:
            cells[f"{item['label']}-written"].source = written
    return nb


def reference(nb):
    return answered(nb)


def mixed(nb):
    return answered(nb, code={label: wrong[1] for label, wrong in WRONG.items()})


RAISES = "my_rows = [tuple(row) for row in my_coded_rows]  # a name never defined: NameError\n"
RAISES_ERROR = "NameError: name 'my_coded_rows' is not defined"


def broken(nb):
    # The first code exercise raises; the second is left as released; written answers too.
    return answered(nb, code={CODE[0]["label"]: RAISES, CODE[1]["label"]: None}, written=None)


def deleted(nb):
    # The first code exercise's test cell deleted; the second's answer cell moved after its test.
    answered(nb)
    cells = by_grade_id(nb)
    nb.cells.remove(cells[f"{CODE[0]['label']}-test"])
    answer = cells[f"{CODE[1]['label']}-answer"]
    nb.cells.remove(answer)
    nb.cells.insert(nb.cells.index(cells[f"{CODE[1]['label']}-test"]) + 1, answer)
    return nb


def newer(nb):
    # What a newer JupyterLab writes: a later nbformat minor version, and metadata nbgrader has never seen.
    answered(nb)
    nb.nbformat_minor = nbformat.current_nbformat_minor + 1
    nb.metadata["jupyterlab_future"] = {"view": "side-by-side", "toc": {"collapsed": []}}
    for cell in nb.cells:
        cell.metadata["jupyterlab_future"] = {"collapsed": False}
    return nb


LOOP = "while True:  # never ends\n    pass\n"


def loop(nb):
    return answered(nb, code={CODE[0]["label"]: LOOP})


def book(nb):
    # The book's own reference code, pasted as the book writes it: load_data("../data/...").
    assert sum('"../data/' in code for code in BOOK_CODE.values()) >= 3, "no book paths to paste"
    return answered(nb, code=BOOK_CODE)


# Agreement on one version: its answer cell stops on a ZeroDivisionError before it assigns percent;
# One measure, two framings: its cell raises a TypeError after it assigned the right answers.
BEFORE, AFTER = "ex-agreement-one-version", "ex-one-measure-two-framings"
ZERO = "n = len(by_a) * 0  # a slip: ZeroDivisionError below\n"
SLIP = 'shown = f"{crs:.3f} against {cnbc:.3f}" + 1  # a slip: TypeError\n'
SLIP_ERROR = 'TypeError: can only concatenate str (not "int") to str'


def raised(nb):
    assert REFERENCE[BEFORE].count("n = len(by_a)\n") == 1, REFERENCE[BEFORE]
    assert REFERENCE[BEFORE].index("n = len(by_a)") < REFERENCE[BEFORE].index("percent =")
    return answered(
        nb,
        code={
            BEFORE: REFERENCE[BEFORE].replace("n = len(by_a)\n", ZERO),
            AFTER: REFERENCE[AFTER].rstrip() + "\n" + SLIP,
        },
    )


SUBMISSIONS = {
    "reference": reference,
    "mixed": mixed,
    "broken": broken,
    "deleted": deleted,
    "newer": newer,
    "loop": loop,
    "book": book,
    "raised": raised,
}
# The class roster (README, step 3): every student above, and one who never handed anything in.
ABSENT = "absent"
STUDENTS = [*SUBMISSIONS, ABSENT]


def restores_deleted_cells(out):
    """Whether the course has nbgrader put a deleted grade cell back (OverwriteCells.add_missing_cells)."""
    return bool(
        re.search(
            r"^c\.OverwriteCells\.add_missing_cells\s*=\s*True",
            (out / "nbgrader_config.py").read_text(encoding="utf-8"),
            re.M,
        )
    )


def expected_code(student, out):
    """{label: code points} a student's submission deserves, from the points metadata."""
    full = {item["label"]: points(item, "code") for item in CODE}
    zero = {
        "reference": set(),
        "mixed": set(WRONG),
        "broken": {CODE[0]["label"], CODE[1]["label"]},
        # The answer moved below its test: the test runs first, finds no answer, and fails. The test
        # deleted: put back and run, if the course says so; otherwise never run (no score, see below).
        "deleted": {CODE[1]["label"]}
        | (set() if restores_deleted_cells(out) else {CODE[0]["label"]}),
        "newer": set(),
        "loop": {CODE[0]["label"]},
        "book": set(),
        # Stopped before it gave the answer: 0; raised after it gave the right answer: full marks.
        "raised": {BEFORE},
    }[student]
    return {label: 0 if label in zero else p for label, p in full.items()}


# --- The course, made and graded once ------------------------------------------------------------------


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The graded course in a temporary folder, every chapter's assignment generated, ch06 released."""
    out = tmp_path_factory.mktemp("graded") / "course"
    done = subprocess.run(
        [sys.executable, "-m", "course.graded_edition", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    generated = {name: run(out, "generate_assignment", name, "--force") for name in ASSIGNMENTS}
    # nbgrader's release_assignment needs an exchange (a JupyterHub); without one, release/ is what students
    # get, copied to them by hand or through the LMS: the fake submissions (graded) start from a copy of it.
    return out, generated


def roster_step(out):
    """The course README's roster step: the roster's header and the nbgrader command that imports it."""
    readme = (out / "README.md").read_text(encoding="utf-8")
    step = re.search(r"^\d+\. Enter the class roster\b.*?(?=^\d+\. )", readme, re.M | re.S)
    assert step, "the README has no step that enters the class roster"
    header = re.search(r"with the header\s+`([\w,]+)`", step[0])
    command = re.search(r"run `nbgrader ([^`]+)`", step[0])
    assert header and command, step[0]
    assert command[1].split()[-1] == "roster.csv", command[1]
    return header[1].split(","), command[1].split()


@pytest.fixture(scope="module")
def graded(course):
    """The submissions, autograded once: (course folder, autograde's exit code and log)."""
    out, generated = course
    assert generated[ASSIGNMENT][0] == 0, generated[ASSIGNMENT][1][-4000:]
    # The roster first, as the README's step says (before collecting): its header, its command.
    header, command = roster_step(out)
    values = {"id": str, "first_name": str.title, "last_name": lambda s: "Student"}
    values["email"] = lambda s: f"{s}@example.edu"
    with open(out / "roster.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([values[column](s) for column in header] for s in STUDENTS)
    ok(out, *command)
    for student, edit in SUBMISSIONS.items():
        folder = out / "submitted" / student / ASSIGNMENT
        shutil.copytree(out / "release" / ASSIGNMENT, folder)
        nb = edit(nbformat.read(folder / BOOK.name, as_version=4))
        nbformat.write(nb, folder / BOOK.name)
    code, log = run(out, "autograde", ASSIGNMENT, "--force", f"--Execute.timeout={TIMEOUT}")
    return out, code, log


def gradebook(out):
    return Gradebook(f"sqlite:///{out / 'gradebook.db'}")


def grades(out):
    """{(student, grade id): (auto score, manual score, needs manual grade, score)} of the chapter."""
    with gradebook(out) as gb:
        return {
            (sub.student.id, grade.name): (
                grade.auto_score,
                grade.manual_score,
                grade.needs_manual_grade,
                grade.score,
            )
            for sub in gb.assignment_submissions(ASSIGNMENT)
            for nb in sub.notebooks
            for grade in nb.grades
        }


def check_output(out, student, label):
    """What the test cell of an exercise showed when a student's notebook was autograded: its printed
    text, its displayed values and its errors, as the feedback page shows them."""
    nb = nbformat.read(out / "autograded" / student / ASSIGNMENT / BOOK.name, as_version=4)
    shown = []
    for output in by_grade_id(nb)[f"{label}-test"].outputs:
        if output.output_type == "stream":
            shown.append(output.text)
        elif output.output_type == "error":
            shown.append(f"{output.ename}: {output.evalue}")
        else:
            shown.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(shown)


def code_scores(out, student):
    with gradebook(out) as gb:
        return {
            item["label"]: gb.find_grade(
                f"{item['label']}-test", NOTEBOOK, ASSIGNMENT, student
            ).score
            for item in CODE
        }


@pytest.fixture(scope="module")
def marked(graded):
    """The written answers marked by hand through the Gradebook API, then feedback generated:
    (course folder, {student: manual score given}, generate_feedback's log)."""
    out, _, _ = graded
    levels = {"reference": "excellent", "mixed": "adequate"}
    given = {}
    with gradebook(out) as gb:
        for student, level in levels.items():
            for item in WRITTEN:
                key = (f"{item['label']}-written", NOTEBOOK, ASSIGNMENT, student)
                grade = gb.find_grade(*key)
                grade.manual_score = RUBRIC[level] * points(item, "written")
                grade.needs_manual_grade = False  # as the formgrader does once a score is given
                given[student] = given.get(student, 0) + grade.manual_score
                # the grader's comment, as the course README says to add it
                gb.find_comment(*key).manual_comment = f"{COMMENT} ({item['label']}, {level})"
        gb.db.commit()
    log = ok(out, "generate_feedback", ASSIGNMENT, "--force")
    return out, given, log


COMMENT = "A grader's comment on this answer"


def feedback_page(out, student):
    return (out / "feedback" / student / ASSIGNMENT / f"{NOTEBOOK}.html").read_text(
        encoding="utf-8"
    )


# --- 1. generate_assignment, and the release -------------------------------------------------------------


def test_every_chapter_is_generated(course):
    _, generated = course
    failed = {name: log[-2000:] for name, (code, log) in generated.items() if code != 0}
    assert not failed, failed
    out, _ = course
    for name, path in zip(ASSIGNMENTS, NOTEBOOKS):
        assert (out / "release" / name / path.name).exists(), f"{name}: no released notebook"
        assert (out / "release" / name / "summitkit" / "__init__.py").exists(), (
            f"{name}: no released helper"
        )


def expected_value_functions():
    """The names of the functions of the book's full chNN.py modules other than the checks: what
    computes the expected answers. Found with ast."""
    names = set()
    for path in sorted((CHAPTERS / "summitkit").glob("ch[0-9][0-9].py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and not node.name.startswith("check_")
        }
    return names


FUNCTIONS = expected_value_functions()
MARKERS = (
    "BEGIN SOLUTION",
    "END SOLUTION",
    "BEGIN HIDDEN TESTS",
    "BEGIN MARK SCHEME",
    "book_checks",
    "full_checks",
)


def marked_blocks(nb, begin, end):
    """The text between nbgrader's markers (### BEGIN HIDDEN TESTS ... ### END HIDDEN TESTS) in a notebook."""
    found = []
    for cell in nb.cells:
        found += re.findall(rf"{begin}\n(.*?)\n[^\n]*{end}", cell.source, re.S)
    return found


def mark_scheme_pieces(source_nb, book):
    """Sentences of at least 7 words of the mark schemes' prose (the model answers, what a strong answer
    contains) that the book says nowhere else, nor its rubrics: what only a grader should see."""
    text = plain_markdown(
        PYTHON_FENCE.sub(
            " ", " ".join(marked_blocks(source_nb, "BEGIN MARK SCHEME", "END MARK SCHEME"))
        )
    )
    shown = [c.source for c in load_notebook(book).cells if not is_full_edition_only(c)]
    elsewhere = normalise(plain_markdown(" ".join(shown + [RUBRICS.read_text(encoding="utf-8")])))
    return [
        s
        for s in re.split(r"(?<=[.:;!?])\s+", normalise(text))
        if len(s.split()) >= 7 and s not in elsewhere
    ]


def hidden_test_lines(source_nb):
    """The lines of code of the hidden tests, each long enough to be unmistakable."""
    return [
        normalise(line)
        for block in marked_blocks(source_nb, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
        for line in block.splitlines()
        if len(line.strip()) >= 12
    ]


def release_problems(folder, source_nb, book):
    """What a released assignment must not hold: (file, what) for each reference solution's line or
    sentence, nbgrader marker, mark scheme text, and expected-value function of the helper."""
    found = []
    scheme = mark_scheme_pieces(source_nb, book)
    for path in sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix in (".ipynb", ".py", ".md")
    ):
        raw = path.read_bytes()
        name = str(path.relative_to(folder))
        found += [
            (name, f"solution text of {label}: {piece!r}") for label, piece in leaks(path.name, raw)
        ]
        text = raw.decode("utf-8", errors="replace")
        found += [(name, f"marker {m!r}") for m in MARKERS if m in text]
        plain = normalise(text)
        found += [(name, f"mark scheme: {piece!r}") for piece in scheme if piece in plain]
        if path.suffix == ".py":
            tree = ast.parse(text)
            defined = {
                node.name
                for node in ast.walk(tree)
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            }
            defined |= {
                alias.asname or alias.name
                for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in node.names
            }
            defined |= {
                target.id
                for node in tree.body
                if isinstance(node, ast.Assign)  # module names
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            found += [(name, f"expected-value function {f}") for f in sorted(defined & FUNCTIONS)]
    return found


def source_notebook(out, name, path):
    return nbformat.read(out / "source" / name / path.name, as_version=4)


def notebook_text(path):
    """A notebook's cells as a reader meets them, for the searches."""
    return normalise(
        plain_markdown(" ".join(c.source for c in nbformat.read(path, as_version=4).cells))
    )


def test_the_release_has_no_solution_no_hidden_test_and_no_expected_value_code(course):
    out, _ = course
    assert len(FUNCTIONS) > 20, "too few expected-value functions to look for"
    for name, path in zip(ASSIGNMENTS, NOTEBOOKS):
        source = source_notebook(out, name, path)
        assert hidden_test_lines(source), f"source/{name}: no hidden tests to look for"
        assert mark_scheme_pieces(source, path), f"source/{name}: no mark scheme to look for"
        found = release_problems(out / "release" / name, source, path)
        assert not found, f"release/{name}: {found[:5]}"


def test_the_release_search_finds_a_planted_leak(course, tmp_path):
    out, _ = course
    source = source_notebook(out, ASSIGNMENT, BOOK)
    copy = tmp_path / ASSIGNMENT
    shutil.copytree(out / "release" / ASSIGNMENT, copy)
    assert not release_problems(copy, source, BOOK)
    # The solution and the hidden tests of one exercise, pasted into the released notebook; the book's full
    # chNN.py copied into the released helper.
    nb = nbformat.read(copy / BOOK.name, as_version=4)
    label = CODE[1]["label"]
    test = by_grade_id(source)[f"{label}-test"].source
    by_grade_id(nb)[f"{label}-answer"].source = REFERENCE[label] + "\n" + test
    nbformat.write(nb, copy / BOOK.name)
    shutil.copy(CHAPTERS / "summitkit" / "ch06.py", copy / "summitkit" / "ch06.py")
    found = release_problems(copy, source, BOOK)
    what = " ".join(w for _, w in found)
    assert f"solution text of {label}" in what, found
    assert "BEGIN HIDDEN TESTS" in what and "book_checks" in what, found
    assert any(
        w.startswith("expected-value function") and f == "summitkit/ch06.py" for f, w in found
    ), found
    # And a mark scheme pasted into a question cell.
    nb.cells[0].source += "\n\n" + mark_scheme_pieces(source, BOOK)[0]
    nbformat.write(nb, copy / BOOK.name)
    assert any(w.startswith("mark scheme") for _, w in release_problems(copy, source, BOOK))


# --- 2 and 3. Submissions, autograde, the gradebook -------------------------------------------------------


def test_autograde_grades_every_submission_without_a_crash(graded):
    out, code, log = graded
    assert code == 0, log[-6000:]
    with gradebook(out) as gb:
        assert {s.student.id for s in gb.assignment_submissions(ASSIGNMENT)} == set(SUBMISSIONS)
    for student in SUBMISSIONS:
        assert (out / "autograded" / student / ASSIGNMENT / BOOK.name).exists(), (
            f"{student}: not autograded"
        )


def test_the_gradebook_holds_the_points_of_the_exercises_metadata(graded):
    out, _, _ = graded
    with gradebook(out) as gb:
        nb = gb.find_notebook(NOTEBOOK, ASSIGNMENT)
        cells = {cell.name: cell.max_score for cell in nb.grade_cells}
    wanted = {f"{item['label']}-test": points(item, "code") for item in CODE}
    wanted |= {f"{item['label']}-written": points(item, "written") for item in WRITTEN}
    assert cells == wanted


def test_the_reference_solutions_get_full_code_points(graded):
    out, _, _ = graded
    assert code_scores(out, "reference") == expected_code("reference", out)
    assert sum(expected_code("reference", out).values()) == sum(
        points(item, "code") for item in CODE
    )


def test_plausible_wrong_answers_get_the_points_of_the_exercises_right(graded):
    out, _, _ = graded
    assert WRONG and len(WRONG) < len(CODE), (
        "mixed should be wrong in some exercises and right in others"
    )
    assert code_scores(out, "mixed") == expected_code("mixed", out)
    with gradebook(out) as gb:
        assert gb.find_submission(ASSIGNMENT, "mixed").code_score == sum(
            expected_code("mixed", out).values()
        )


def test_a_cell_that_raises_and_one_left_as_released_get_zero_and_the_rest_full(graded):
    out, _, _ = graded
    assert code_scores(out, "broken") == expected_code("broken", out)
    left = {
        (s, g): v for (s, g), v in grades(out).items() if s == "broken" and g.endswith("-written")
    }
    # A written answer left as released is no answer: nbgrader gives it 0 and asks no grader for it.
    assert left and all(auto == 0 and not needs for auto, _, needs, _ in left.values()), left
    # The cell that raised never assigned the answer: its check names the cell's error (README, step 5).
    shown = check_output(out, "broken", CODE[0]["label"])
    assert f"Your answer cell raised {RAISES_ERROR};" in shown, shown
    assert "is not defined" not in shown.replace(RAISES_ERROR, ""), shown


def test_the_books_own_code_scores_as_the_released_code(graded):
    """The book's reference code, pasted with its "../data/..." paths, finds the data beside the
    notebook (summitkit's load_data) and scores what the released code scores."""
    out, _, _ = graded
    assert code_scores(out, "book") == code_scores(out, "reference") == expected_code("book", out)
    for item in CODE:
        assert "DataError" not in check_output(out, "book", item["label"]), item["label"]


def test_a_check_names_the_error_of_an_answer_cell_that_raised(graded):
    """An answer cell that stopped before it assigned the answer: 0, and the check names the cell's
    own error, not a NameError of the check's cell. One that raised after it assigned the right
    answer: full marks, and a warning that names its error. The other exercises: no such note."""
    out, _, _ = graded
    assert code_scores(out, "raised") == expected_code("raised", out)
    before = check_output(out, "raised", BEFORE)
    assert "Your answer cell raised ZeroDivisionError: division by zero;" in before, before
    assert "NameError" not in before, before
    after = check_output(out, "raised", AFTER)
    assert f"⚠ Your answer cell raised {SLIP_ERROR} when it last ran" in after, after
    assert "Error" not in after.replace(SLIP_ERROR, ""), after  # the test cell passed
    for item in CODE:
        if item["label"] not in (BEFORE, AFTER):
            assert "raised" not in check_output(out, "raised", item["label"]), item["label"]
    for student in ("reference", "book"):
        assert not [i for i in CODE if "raised" in check_output(out, student, i["label"])], student


def test_bad_inputs_get_a_clear_result_and_nothing_else_is_lost(graded):
    out, _, log = graded
    book = grades(out)
    for student in ("deleted", "newer", "loop"):
        assert code_scores(out, student) == expected_code(student, out), student
    # The deleted test cell: put back from the gradebook, hidden tests and all, with a note in the cell and
    # a warning in the log, and graded; or, if the course does not say so, never run: nbgrader records no
    # score (0 in the totals) and leaves it for a grader ("needs manual grade"), with nothing in the log.
    deleted_test = f"{CODE[0]['label']}-test"
    autograded = nbformat.read(
        out / "autograded" / "deleted" / ASSIGNMENT / BOOK.name, as_version=4
    )
    if restores_deleted_cells(out):
        assert book[("deleted", deleted_test)] == (
            points(CODE[0], "code"),
            None,
            False,
            points(CODE[0], "code"),
        )
        assert f"Missing grade cell {deleted_test} encountered" in log
        assert "was missing from the submission" in by_grade_id(autograded)[deleted_test].source
    else:
        assert book[("deleted", deleted_test)] == (None, None, True, 0), book[
            ("deleted", deleted_test)
        ]
        assert deleted_test not in by_grade_id(autograded)
    # The moved answer: its test ran first, found no answer (the hidden tests give it the placeholder),
    # and failed with the check's "not attempted" (the feedback shows it).
    moved = by_grade_id(autograded)[f"{CODE[1]['label']}-test"]
    assert [o.ename for o in moved.outputs if o.output_type == "error"] == ["AssertionError"], (
        moved.outputs
    )
    shown = check_output(out, "deleted", CODE[1]["label"])
    assert "Not attempted" in shown and "run its cell first" in shown, shown
    # The loop: interrupted after the timeout, with an error in its cell; its test fails; the cells after run.
    assert f"Timeout waiting for execute reply ({TIMEOUT}s)" in log
    autograded = nbformat.read(out / "autograded" / "loop" / ASSIGNMENT / BOOK.name, as_version=4)
    cell = by_grade_id(autograded)[f"{CODE[0]['label']}-answer"]
    assert "CellTimeoutError" in [o.ename for o in cell.outputs if o.output_type == "error"], (
        cell.outputs
    )
    # The newer notebook: read, graded as any other, and kept as it was written (version and metadata).
    autograded = nbformat.read(out / "autograded" / "newer" / ASSIGNMENT / BOOK.name, as_version=4)
    assert autograded.nbformat_minor == nbformat.current_nbformat_minor + 1
    assert "jupyterlab_future" in autograded.metadata


def test_regrading_one_student_leaves_the_others_unchanged(graded):
    out, _, _ = graded
    before = grades(out)
    ok(
        out,
        "autograde",
        ASSIGNMENT,
        "--student",
        "mixed",
        "--force",
        f"--Execute.timeout={TIMEOUT}",
    )
    after = grades(out)
    assert {k: v for k, v in after.items() if k[0] != "mixed"} == {
        k: v for k, v in before.items() if k[0] != "mixed"
    }
    assert code_scores(out, "mixed") == expected_code("mixed", out)


# --- 4. Manual marks and feedback ---------------------------------------------------------------------------


def test_feedback_shows_the_hints_and_no_hidden_test_or_mark_scheme(marked):
    out, _, _ = marked
    source = source_notebook(out, ASSIGNMENT, BOOK)
    hidden, scheme = hidden_test_lines(source), mark_scheme_pieces(source, BOOK)
    assert hidden and scheme, "nothing to look for"
    for student in SUBMISSIONS:
        page = visible_text(feedback_page(out, student))
        assert not [line for line in hidden if line in page], (
            f"{student}: hidden test code in the feedback"
        )
        assert not [piece for piece in scheme if piece in page], (
            f"{student}: mark scheme in the feedback"
        )
        assert "BEGIN HIDDEN TESTS" not in page and "BEGIN MARK SCHEME" not in page
    page, right = (
        visible_text(feedback_page(out, "mixed")),
        visible_text(feedback_page(out, "reference")),
    )
    for label, (hint, _, message) in WRONG.items():
        assert normalise(message) in page, (
            f"mixed, {label}: the {hint!r} hint is not in the feedback"
        )
        assert normalise(message) not in right, f"reference, {label}: a hint for a right answer"
    # The errors of the answer cells that raised, in the student's feedback.
    page = visible_text(feedback_page(out, "raised"))
    assert normalise("Your answer cell raised ZeroDivisionError: division by zero") in page
    assert normalise(f"⚠ Your answer cell raised {SLIP_ERROR}") in page
    # The search can see what it looks for: autograde put the hidden tests and mark schemes back into the
    # graded copy that the feedback is made from.
    graded = notebook_text(out / "autograded" / "mixed" / ASSIGNMENT / BOOK.name)
    assert all(line in graded for line in hidden) and all(piece in graded for piece in scheme)


def test_feedback_carries_the_graders_comments(marked):
    out, _, _ = marked
    page = visible_text(feedback_page(out, "reference"))
    for item in WRITTEN:
        assert normalise(f"{COMMENT} ({item['label']}, excellent)") in page, item["label"]


def test_the_grader_sees_the_mark_scheme_next_to_the_written_answer(graded):
    out, _, _ = graded
    scheme = mark_scheme_pieces(source_notebook(out, ASSIGNMENT, BOOK), BOOK)
    path = out / "autograded" / "reference" / ASSIGNMENT / BOOK.name
    assert all(piece in notebook_text(path) for piece in scheme)
    nb = nbformat.read(path, as_version=4)
    cells = by_grade_id(nb)
    order = list(cells)
    for item in WRITTEN:
        question = cells[f"{item['label']}-question"]
        assert "BEGIN MARK SCHEME" in question.source, (
            f"{item['label']}: no mark scheme for the grader"
        )
        assert order.index(f"{item['label']}-question") < order.index(f"{item['label']}-written")


# --- 5. Export --------------------------------------------------------------------------------------------


def test_export_has_a_row_per_student_and_assignment_with_the_expected_scores(marked):
    out, given, _ = marked
    ok(out, "export", "--to", "grades.csv")
    with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # Every student of the roster, the one who never handed anything in too (with 0.0, README step 8).
    assert sorted((r["student_id"], r["assignment"]) for r in rows) == sorted(
        (s, a) for s in STUDENTS for a in ASSIGNMENTS
    )
    for row in rows:
        if row["assignment"] != ASSIGNMENT or row["student_id"] == ABSENT:
            assert float(row["score"]) == 0, row
            continue
        student = row["student_id"]
        assert float(row["score"]) == sum(expected_code(student, out).values()) + given.get(
            student, 0
        ), row
        assert float(row["max_score"]) == sum(
            points(i, "code") + points(i, "written") for i in EXERCISES
        )


def lms_script(out):
    """The course README's script that makes lms.csv from grades.csv."""
    readme = (out / "README.md").read_text(encoding="utf-8")
    block = readme.split("run in Python, here:\n\n", 1)[1].split("\n\n", 1)[0]
    return "\n".join(line.removeprefix("    ") for line in block.splitlines())


def test_the_lms_file_leaves_empty_what_was_never_handed_in(marked):
    out, given, _ = marked
    ok(out, "export", "--to", "grades.csv")
    here = os.getcwd()
    os.chdir(out)
    try:
        exec(lms_script(out), {})  # noqa: S102 (the README's own script, run as it says)
    finally:
        os.chdir(here)
    with open(out / "lms.csv", newline="", encoding="utf-8") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(STUDENTS)
    # The student of the roster who never handed anything in: no score, in any chapter.
    absent = rows.pop(ABSENT)
    assert all(absent[name] == "" for name in ASSIGNMENTS), absent
    for student, row in rows.items():
        # ch06 was handed in by everyone else (a blank answer still scores, as 0); no other chapter was.
        assert row[ASSIGNMENT] != "", (student, row)
        assert float(row[ASSIGNMENT]) == sum(expected_code(student, out).values()) + given.get(
            student, 0
        )
        assert all(row[name] == "" for name in ASSIGNMENTS if name != ASSIGNMENT), (student, row)


def test_the_round_trip_takes_under_five_minutes():
    took = time.monotonic() - START
    print(f"\nthe round trip took {took:.0f} s")
    assert took < BUDGET, f"the round trip took {took:.0f} s, over {BUDGET} s"
