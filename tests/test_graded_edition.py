"""The graded edition (`python -m course.graded_edition OUT`): an nbgrader course made from the book.

Without nbgrader (tests/check_graded_edition.py runs nbgrader's own commands on it): the command
writes the course; every exercise is in its chapter's graded notebook with the points of its
metadata; what nbgrader releases (everything outside its solution, hidden-test and mark-scheme
markers) holds no solution text, found from the full notebooks as the student edition's leak test
finds it; the released helper holds no function of the full checks but the checks themselves, and
its checks say "not attempted", "wrong type" or "checked", never anything of the value. The release's
data holds no row that answers an exercise, and nothing copied from the release (its data rows, the
numbers its notebook states) scores; every model answer is free of its mark scheme; every released
answer cell carries nbgrader's one instruction.
"""

import ast
import csv
import importlib.util
import itertools
import re
import shutil
import subprocess
import sys
import textwrap

import nbformat
import pytest

import summitkit
from answers import CHECKS, WRONG_ANSWERS, Answers, judge, placeholders, right_answers, solution_in
from conftest import CHAPTERS, DATA, NOTEBOOKS, ROOT, load_notebook
from course.graded_edition import (
    MARK_SCHEME,
    TERM_ROLE,
    YOUR_CODE_HERE,
    book_checks,
    model_answer,
    solution_body,
    withheld_rows,
)
from course.notebooks import cell_text, exercise_cells
from summitkit.feedback import CHECKED, RUN_THE_ANSWER_FIRST
from solution_text import leaks

# nbgrader's markers: what lies between them never reaches the students (nbgrader removes it).
HIDDEN = re.compile(
    r"^### BEGIN (SOLUTION|HIDDEN TESTS|MARK SCHEME)$.*?^### END \1$\n?", re.M | re.S
)
FULL_MODULES = sorted((CHAPTERS / "summitkit").glob("ch[0-9][0-9].py"))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    out = tmp_path_factory.mktemp("graded") / "course"
    run = subprocess.run(
        [sys.executable, "-m", "course.graded_edition", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return out


def assignment(path):
    return "ch" + path.name[:2]


def graded(course, path):
    return nbformat.read(course / "source" / assignment(path) / path.name, as_version=4)


def released_text(nb):
    """The notebook as nbgrader releases it: the text outside its markers."""
    return nbformat.writes(
        nbformat.from_dict(
            {**nb, "cells": [{**cell, "source": HIDDEN.sub("", cell.source)} for cell in nb.cells]}
        )
    )


# What the release withholds, by exercise label: [(file under data/, column, value)].
WITHHELD = withheld_rows(book_checks())


def by_grade_id(nb):
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell
        for cell in nb.cells
        if "nbgrader" in cell.metadata
    }


# --- The course folder ----------------------------------------------------------------------------


def test_the_command_writes_the_course(course):
    assert (course / "nbgrader_config.py").is_file() and (course / "README.md").is_file()
    assert (course / "grading" / "book_checks" / "__init__.py").is_file()
    assert sorted(p.name for p in (course / "source").iterdir()) == [
        assignment(p) for p in NOTEBOOKS
    ]
    for path in NOTEBOOKS:
        folder = course / "source" / assignment(path)
        assert sorted(p.name for p in folder.iterdir()) == sorted([path.name, "data", "summitkit"])
        # data/ is the book's, CRS folders included, so that the released helper and chapter 6 find it.
        assert sorted(p.name for p in (folder / "data").rglob("*")) == sorted(
            p.name for p in DATA.rglob("*")
        )
    config = (course / "nbgrader_config.py").read_text()
    compile(config, "nbgrader_config.py", "exec")
    for setting in (
        "CourseDirectory.root",
        "ClearSolutions.code_stub",
        "ClearSolutions.text_stub",
        "ClearMarkScheme.enforce_metadata = False",
        "Execute.timeout",
        "Execute.interrupt_on_timeout",
        "GenerateFeedback.preprocessors",
        '"PYTHONPATH"',
    ):
        assert setting in config, setting


def test_every_exercise_is_graded_with_its_points(course):
    for path in NOTEBOOKS:
        book, nb = load_notebook(path), graded(course, path)
        cells = by_grade_id(nb)
        wanted = {}
        for item in exercise_cells(book, path.name):
            label, points = item["label"], item["points"]
            if "code" in points:  # an autograded answer and its test, worth the code points
                wanted[f"{label}-answer"], wanted[f"{label}-test"] = None, points["code"]
                test = cells[f"{label}-test"].metadata["nbgrader"]
                assert test["grade"] and test["locked"] and not test["solution"], label
                assert cells[f"{label}-answer"].metadata["nbgrader"]["solution"], label
            if "written" in points:  # a written answer marked by hand, and its read-only question
                wanted[f"{label}-written"], wanted[f"{label}-question"] = points["written"], None
                written = cells[f"{label}-written"].metadata["nbgrader"]
                assert (
                    written["grade"]
                    and written["solution"]
                    and cells[f"{label}-written"].cell_type == "markdown"
                )
                assert cells[f"{label}-question"].metadata["nbgrader"]["locked"], label
                # the question as plain Markdown, which the formgrader and the feedback pages show
                assert cells[f"{label}-question"].source.startswith(
                    f"**Exercise: {item['title']}**"
                ), label
                assert "{exercise}" not in cells[f"{label}-question"].source, label
        found = {gid: cell.metadata["nbgrader"].get("points") for gid, cell in cells.items()}
        assert found == wanted, path.name
        for cell in cells.values():
            assert cell.metadata["nbgrader"]["schema_version"] == 3
        # No solution cell and no cell about solutions; chapter 6 reads data/ beside the notebook.
        assert not any(
            {"solution", "full-edition"} & set(c.metadata.get("tags", [])) for c in nb.cells
        )
        assert "../data" not in "".join(c.source for c in nb.cells), path.name


def test_hidden_tests_mark_with_the_book_check_and_keep_the_visible_one(course):
    for path in NOTEBOOKS:
        book, cells = load_notebook(path), by_grade_id(graded(course, path))
        for item in exercise_cells(book, path.name):
            if "code" not in item["points"]:
                continue
            source = cells[f"{item['label']}-test"].source
            visible = HIDDEN.sub("", source).strip()
            assert re.fullmatch(rf"{item['check']}\([\w, ]*\)", visible), item["label"]
            hidden = source.split("### BEGIN HIDDEN TESTS", 1)[1]
            # The checks on the data as released; on the whole of data/ where the release withholds
            # the answer's rows.
            checks = "full_checks" if item["label"] in WITHHELD else "book_checks"
            assert f"{checks}.{visible}" in hidden and 'result.status == "correct"' in hidden
            assert getattr(summitkit, item["check"]).marks, item["label"]  # a check that marks


def test_the_mark_scheme_holds_the_solution_and_the_students_see_the_rubric(course):
    rubrics = (CHAPTERS / "rubrics.md").read_text()
    for path in NOTEBOOKS:
        book, cells = load_notebook(path), by_grade_id(graded(course, path))
        for item in exercise_cells(book, path.name):
            if "written" not in item["points"]:
                continue
            question = cells[f"{item['label']}-question"].source
            assert "{term}" not in question, item["label"]  # the formgrader would show the role raw
            scheme = question.split("### BEGIN MARK SCHEME", 1)[1]
            solution = book.cells[item["solution"]].source
            assert "what a strong answer contains" in solution.lower() or "```python" in solution
            for line in solution.splitlines()[3:-1]:  # the solution's body, directive left out
                # as the graded edition writes it: chapter 6's paths, glossary links as their words
                line = re.sub(
                    r"\{term\}`([^`<]*?)\s*(?:<[^>`]+>)?`", r"\1", line.replace('"../data', '"data')
                )
                assert line in scheme, (item["label"], line)
            # The rubric's levels, from chapters/rubrics.md, stay in what the students get.
            section = rubrics.split(f"(rubric-{item['label']})=", 1)[1].split("\n(rubric-", 1)[0]
            for level in re.findall(r"^\| (?:Excellent|Adequate|Weak) \|.*$", section, re.M):
                assert level in HIDDEN.sub("", question), item["label"]
            # The written answer's model answer is a solution, which the release replaces.
            written = cells[f"{item['label']}-written"].source
            assert written.splitlines()[0] == book.cells[item["answers"][0]].source.splitlines()[0]
            assert HIDDEN.sub("", written).strip() == written.splitlines()[0]


# --- Nothing released gives an answer away ------------------------------------------------------------


def test_the_release_has_no_solution_text(course):
    for path in NOTEBOOKS:
        nb = graded(course, path)
        assert not leaks(path.name, released_text(nb).encode()), path.name
        for module in (course / "source" / assignment(path) / "summitkit").glob("*.py"):
            assert not leaks(module.name, module.read_bytes()), module


def test_the_release_search_finds_a_planted_leak(course):
    path = NOTEBOOKS[1]
    nb = graded(course, path)
    answer = next(
        c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-answer")
    )
    # The reference code moved out of its solution region, as a broken generator might leave it.
    answer.source = answer.source.replace("### END SOLUTION", "").replace(
        "### BEGIN SOLUTION", "### BEGIN SOLUTION\n### END SOLUTION"
    )
    assert leaks(path.name, released_text(nb).encode())


def defined_names(source):
    """Names of the functions and classes a module defines, at any depth."""
    return {
        node.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }


def expected_value_code(folder):
    """(file, name) for each function of the full chNN.py modules, other than the checks, that a
    helper folder defines: the code that computes the expected answers."""
    full = {
        name
        for module in FULL_MODULES
        for name in defined_names(module.read_text())
        if not name.startswith("check_")
    }
    return [
        (module.name, name)
        for module in sorted(folder.glob("*.py"))
        for name in sorted(defined_names(module.read_text()) & full)
    ]


def test_the_released_helper_has_only_the_checks(course):
    for path in NOTEBOOKS:
        helper = course / "source" / assignment(path) / "summitkit"
        assert not expected_value_code(helper), path.name
        for module in FULL_MODULES:
            tree = ast.parse((helper / module.name).read_text())
            assigned = {
                target.id
                for node in tree.body
                if isinstance(node, ast.Assign)
                for target in node.targets
            }
            assert assigned == {
                name
                for name, check in CHECKS.items()
                if check.__module__ == f"summitkit.{module.stem}"
            }, module.name
            assert not defined_names((helper / module.name).read_text()), module.name
    # The hidden tests' checks, which compute the values, are the book's, outside source/.
    assert not list((course / "source").rglob("book_checks"))
    assert (course / "grading" / "book_checks" / "ch02.py").read_text() == (
        CHAPTERS / "summitkit" / "ch02.py"
    ).read_text()


def test_the_helper_search_finds_a_planted_leak(course, tmp_path):
    helper = tmp_path / "summitkit"
    shutil.copytree(course / "source" / "ch02" / "summitkit", helper)
    shutil.copy(CHAPTERS / "summitkit" / "ch02.py", helper / "ch02.py")  # the full checks, released
    assert ("ch02.py", "role_graphs") in expected_value_code(helper)


# --- The released checks -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def released(course):
    """The released summitkit of chapter 6 (every chapter's is the same), imported under its own name
    so that it stands beside the book's."""
    folder = course / "source" / "ch06" / "summitkit"
    spec = importlib.util.spec_from_file_location(
        "released_summitkit", folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    for name in [n for n in sys.modules if n.split(".")[0] == spec.name]:
        del sys.modules[name]


def visible(released, name, answer):
    check = getattr(released, name)
    return check(*answer) if isinstance(answer, Answers) else check(answer)


def test_the_released_helper_reads_the_data_beside_it(released, course):
    assert released.DATA_DIR == course / "source" / "ch06" / "data"
    assert len(released.load_data().actors) == len(summitkit.load_data().actors)


def test_a_released_check_says_checked_for_any_answer_of_the_right_shape(released):
    right = right_answers()
    for name in CHECKS:
        feedback = visible(released, name, right[name])
        assert (feedback.status, feedback.message) == ("checked", CHECKED), name
        for hint, answer in WRONG_ANSWERS[name]().items():
            shown = visible(released, name, answer)
            # The same message for a right and a wrong answer: it cannot tell the value.
            if shown.status != "wrong type":
                assert (shown.status, shown.message) == ("checked", CHECKED), (name, hint)
            else:  # never a false alarm: the book's check finds the type wrong too
                assert judge(name, answer).status == "wrong type", (name, hint, shown.message)
            assert not solution_in(shown.message), (name, hint)


def test_a_released_check_says_not_attempted_and_wrong_type(released):
    for name, check in CHECKS.items():
        for answer in placeholders(name):
            feedback = visible(released, name, answer)
            assert (
                feedback.status == "not attempted" and RUN_THE_ANSWER_FIRST in feedback.message
            ), name
        wrong = (
            Answers(["an answer"] * len(check.answers)) if len(check.answers) > 1 else "an answer"
        )
        feedback = visible(released, name, wrong)
        assert feedback.status == "wrong type" and "this is a str" in feedback.message, name
        assert "an answer" not in feedback.message  # the shape, never the content
        generator = (x for x in [1, 2])
        feedback = visible(
            released,
            name,
            Answers([generator] * len(check.answers)) if len(check.answers) > 1 else generator,
        )
        assert feedback.status == "wrong type" and feedback.hint == "generator", name
        assert list(generator) == [1, 2]  # left unread
        assert (
            visible(released, name, Answers([None] * (len(check.answers) + 1))).status
            == "wrong type"
        )


def test_an_exercise_the_command_cannot_grade_is_named():
    from course.graded_edition import graded_notebook
    from course.notebooks import NotebookError

    nb = load_notebook(NOTEBOOKS[1])
    item = next(i for i in exercise_cells(nb) if "written" in i["points"])
    nb.cells[item["answers"][0]].metadata["tags"] = []  # its answer cell lost its tag
    with pytest.raises(
        NotebookError, match=rf"{NOTEBOOKS[1].name}, {item['label']}: written points, but 0 answer"
    ):
        graded_notebook(nb, NOTEBOOKS[1].name)
    nb = load_notebook(NOTEBOOKS[1])
    item = next(i for i in exercise_cells(nb) if "code" in i["points"])
    nb.cells[item["index"] + 2].source = f"feedback = {item['check']}(answer)"  # more than the call
    with pytest.raises(
        NotebookError, match=rf"{NOTEBOOKS[1].name}, {item['label']}: the check cell should hold"
    ):
        graded_notebook(nb, NOTEBOOKS[1].name)


# --- The release's data: no row that answers an exercise ---------------------------------------------


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_release_withholds_the_rows_that_answer_an_exercise(course):
    assert WITHHELD, "no exercise's answer is a set of rows?"
    for label, rows in WITHHELD.items():
        for name, column, value in rows:
            book = [r for r in csv_rows(DATA / name) if r[column] == value]
            assert book, (label, name, value)  # there is something to withhold
            # The whole of data/ for the hidden tests of that exercise, and nowhere else.
            full = csv_rows(course / "grading" / "full" / "data" / name)
            assert full == csv_rows(DATA / name), name
            for folder in [course / "data"] + [
                course / "source" / assignment(p) / "data" for p in NOTEBOOKS
            ]:
                released = csv_rows(folder / name)
                assert not [r for r in released if r[column] == value], (folder, name)
                # no other file of the coding codes that paragraph either
                for other in (folder / name).parent.glob("*.csv"):
                    rows = csv_rows(other)
                    assert not [r for r in rows if r.get(column) == value], (folder, other.name)
                # every other row as the book has it
                assert released == [r for r in csv_rows(DATA / name) if r[column] != value]


def test_the_release_prose_does_not_describe_the_withheld_rows(course):
    # The answer's rows are withheld, and so is the chapter's prose about them: no markdown cell of a
    # release names the withheld paragraph outside the exercise that quotes it, or the one tie that
    # only that paragraph holds (South Korea-Ukraine in chapter 6).
    for label, rows in WITHHELD.items():
        path = next(p for p in NOTEBOOKS if label in p.read_text(encoding="utf-8"))
        title = next(e["title"] for e in exercise_cells(load_notebook(path)) if e["label"] == label)
        release = nbformat.read(course / "source" / assignment(path) / path.name, as_version=4)
        named = set()
        for name, column, value in rows:
            named.add(value)
            if not name.endswith("/ties.csv"):
                continue
            held = [r for r in csv_rows(DATA / name) if r[column] == value]
            others = {
                (frozenset((r["source"], r["target"])), r["relation"])
                for r in csv_rows(DATA / name)
                if r[column] != value
            }
            folder = DATA / name.rsplit("/", 1)[0]
            actors = {r["id"]: r["name"] for r in csv_rows(folder / "actors.csv")}
            named |= {
                (actors[r["source"]], actors[r["target"]])
                for r in held
                if (frozenset((r["source"], r["target"])), r["relation"]) not in others
            }
        assert any(isinstance(n, tuple) for n in named), "no tie of the paragraph alone?"
        for cell in release.cells:
            text = HIDDEN.sub("", cell_text(cell))  # as released: no model answer, no mark scheme
            if cell.cell_type != "markdown" or text.startswith(f"**Exercise: {title}**"):
                continue  # the exercise quotes the paragraph it asks students to code
            for n in named:
                # a tie is named by its two actors close together ("South Korea's possible support
                # for Ukraine"), not by two names in a list of a text's actors
                a, b = map(re.escape, n) if isinstance(n, tuple) else (re.escape(n), "")
                near = rf"{a}.{{0,50}}{b}|{b}.{{0,50}}{a}" if b else a
                said = re.search(near, text, re.S)
                assert not said, f"{path.name} release: {n} in {text[:80]!r}"


def released_numbers(text):
    """Every number the text states, as a float (a percent as a share)."""
    found = set()
    for number, percent in re.findall(r"(?<![\w.])(-?\d+(?:\.\d+)?)(%?)", text):
        value = float(number) / (100 if percent else 1)
        found.add(value)
    return sorted(found)


def copies(item, text, data):
    """What a student could copy from a release for an exercise, without doing it: {what: answer}.

    The rows of the released data of every paragraph the exercise names (in every coding's folder),
    and those of a paragraph that opens with the same words (a later version's), relabelled with the
    id asked for, as tuples of the columns the check asks for; and for a check of numbers, every
    number, and pair of numbers, that the released notebook states."""
    check = summitkit.__dict__[item["check"]]
    found = {}
    wanted = " ".join(check.wanted.values())
    columns = re.search(r"\(((?:[a-z_]+, )+[a-z_]+)\)", wanted)
    folders = sorted({p.parent for p in data.rglob("ties.csv")})
    paragraphs = {
        r["id"]: (folder, r["opening"])
        for folder in folders
        for r in csv_rows(folder / "paragraphs.csv")
    }
    question = item["question"]
    named = [
        pid for pid in paragraphs if re.search(rf"(?<![\w-]){re.escape(pid)}(?![\w-])", question)
    ]
    if columns and named:
        fields = [c.strip() for c in columns.group(1).split(",")]
        for pid in named:
            same = [p for p, (_, opening) in paragraphs.items() if opening == paragraphs[pid][1]]
            for folder in folders:
                for source in same:
                    rows = [r for r in csv_rows(folder / "ties.csv") if r["paragraph"] == source]
                    found[f"{folder.name}: the rows of {source} as {pid}"] = [
                        tuple(pid if f == "paragraph" else r[f] for f in fields) for r in rows
                    ]
    if set(check.container.values()) == {"float"}:
        # The numbers these checks take (betweenness, shares, kappa) lie between -1 and 1: a year
        # or a count of the text could never pass, and pairs of them are most of the search.
        numbers = [n for n in released_numbers(text) if -1 <= n <= 1]
        for combo in itertools.product(numbers, repeat=len(check.answers)):
            found[f"the numbers {combo}"] = Answers(combo) if len(combo) > 1 else combo[0]
    return found


def test_nothing_copied_from_a_release_scores(course):
    """For every code exercise: the rows of the released data it asks for, and every number of the
    released notebook its check takes, judged by the full check (on the whole of data/, as the hidden
    tests of a withheld exercise mark): none is correct. The released helper says "checked" whatever
    the value (test_a_released_check_says_checked_for_any_answer_of_the_right_shape)."""
    tried = {}
    for path in NOTEBOOKS:
        book = load_notebook(path)
        text = released_text(graded(course, path))
        data = course / "source" / assignment(path) / "data"
        for item in exercise_cells(book, path.name):
            if "code" not in item["points"]:
                continue
            item["question"] = book.cells[item["index"]].source
            for what, answer in copies(item, text, data).items():
                feedback = judge(item["check"], answer)
                assert feedback.status != "correct", (item["label"], what, feedback.message)
                tried[item["label"]] = tried.get(item["label"], 0) + 1
    # The paragraph's rows, copied from both codings' released folders (and the later version's,
    # relabelled), were tried and score nothing; so were the numbers of chapter 6's text.
    assert tried.get("ex-code-crs-paragraph", 0) >= 4, tried
    assert tried.get("ex-agreement-one-version", 0) > 50, tried  # pairs of the numbers printed


def test_the_rows_a_release_withholds_would_have_scored(course):
    """The search above would find the answer: the book's rows of the paragraph score full marks."""
    path = next(p for p in NOTEBOOKS if p.name.startswith("06-"))
    book = load_notebook(path)
    item = next(i for i in exercise_cells(book, path.name) if i["label"] in WITHHELD)
    item["question"] = book.cells[item["index"]].source
    found = copies(item, "", DATA)  # the book's own data/, with the rows
    assert judge(item["check"], found["crs-if12760: the rows of 2024-10-2 as 2024-10-2"]).correct


# --- Mark schemes and answer cells ---------------------------------------------------------------------


def test_no_model_answer_holds_its_mark_scheme(course):
    for path in NOTEBOOKS:
        book, cells = load_notebook(path), by_grade_id(graded(course, path))
        for item in exercise_cells(book, path.name):
            if "written" not in item["points"]:
                continue
            body = solution_body(book, item)
            model = model_answer(body)
            # No paragraph of it opens a mark scheme (a model discussion may say what a strong
            # answer does, in a sentence of its own: that is the model's, not a heading).
            assert not MARK_SCHEME.search(model), (item["label"], model)
            assert not re.search(r"strong \w+ (contains|names)", model, re.I), item["label"]
            scheme = MARK_SCHEME.split(body, maxsplit=1)
            if len(scheme) > 1:  # the mark scheme, in the grader's question cell only
                assert scheme[1].strip().splitlines()[0] not in model, item["label"]
            written = cells[f"{item['label']}-written"].source
            assert TERM_ROLE.sub(r"\1", model) in written, item["label"]
            assert not re.search(r"strong \w+ (contains|names)", written, re.I), item["label"]
    # Every heading the solutions use is found: the answer's and the discussion's.
    assert MARK_SCHEME.search("x\n\n**What a strong discussion contains:** y")
    assert MARK_SCHEME.search("x\n\nA strong discussion names each difference")


def test_a_released_answer_cell_has_one_instruction_and_then_its_placeholders(course):
    config = (course / "nbgrader_config.py").read_text()
    assert 'c.ClearSolutions.code_stub = {"python": ""}' in config
    for path in NOTEBOOKS:
        book, cells = load_notebook(path), by_grade_id(graded(course, path))
        for item in exercise_cells(book, path.name):
            if "code" not in item["points"]:
                continue
            # As nbgrader releases it: the solution region replaced by the (empty) stub.
            released = HIDDEN.sub("", cells[f"{item['label']}-answer"].source).strip()
            lines = released.splitlines()
            assert lines[0] == YOUR_CODE_HERE, (item["label"], released)
            comments = [line for line in lines if line.lstrip().startswith("#")]
            assert comments == [YOUR_CODE_HERE], (item["label"], released)
            # then one placeholder line for each answer the check takes, as the scaffold has them
            placeholders = [re.fullmatch(r"\w+ = (\.\.\.|None)", line) for line in lines[1:]]
            assert all(placeholders), (item["label"], released)
            assert len(placeholders) == len(summitkit.__dict__[item["check"]].answers), item[
                "label"
            ]


# --- The check names the error of an answer cell that raised ---------------------------------------


def test_a_check_names_the_error_of_the_answer_cell_that_raised():
    """In IPython (as in JupyterLab and at autograde), an answer cell that raised before it gave the
    answer: the check says which error, not "run its cell first", even after another cell raised;
    once the answer cell runs without an error, the error is no longer named. One that raised after
    it gave the answer: the answer is judged as it stands, with a warning that names the error."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(CHAPTERS)!r})
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        run = lambda code: shell.run_cell(code, store_history=True)
        said = lambda key: print(key + "|" + repr(shell.user_ns["feedback"]).replace("\\n", " "))
        run("from summitkit import check_repeated_ties")
        run("from answers import right_answers")
        run("# Your answer\\nrepeated = ...\\nrepeated = Counter(pairs)")
        run("feedback = check_repeated_ties(repeated)")
        said("RAISED")
        run("undefined_elsewhere")
        run("feedback = check_repeated_ties(repeated)")
        said("ANOTHER")
        # The placeholder gone, as where a student pastes code over it: at autograde the hidden
        # tests give the missing answer the placeholder (graded_edition.test_cell).
        run("del repeated")
        run("right = right_answers()['check_repeated_ties']\\nrepeated = 1 / 0")
        run("repeated = globals().get('repeated', ...)\\nfeedback = check_repeated_ties(repeated)")
        said("PASTED")
        run("# Your answer\\nrepeated = ...")
        run("feedback = check_repeated_ties(repeated)")
        said("FIXED")
        run("repeated = right\\nprint(repeated['ukraine'])")
        run("feedback = check_repeated_ties(repeated)")
        said("AFTER")
        run("repeated = right")
        run("feedback = check_repeated_ties(repeated)")
        said("RIGHT")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    said = dict(
        line.split("|", 1) for line in done.stdout.splitlines() if re.match(r"^[A-Z]+\|", line)
    )
    assert len(said) == 6, done.stdout + done.stderr
    counter = "Your answer cell raised NameError: name 'Counter' is not defined; fix it and run it"
    assert said["RAISED"].startswith(f"… Repeated ties: Not attempted. {counter}"), said
    assert RUN_THE_ANSWER_FIRST not in said["RAISED"]
    assert said["ANOTHER"] == said["RAISED"], said  # another cell's error is not this answer's news
    assert "Your answer cell raised ZeroDivisionError: division by zero;" in said["PASTED"], said
    assert RUN_THE_ANSWER_FIRST in said["FIXED"] and "raised" not in said["FIXED"], said
    assert said["AFTER"].startswith("✓ Repeated ties: Correct."), said
    assert said["AFTER"].endswith(
        "⚠ Your answer cell raised KeyError: 'ukraine' when it last ran: this verdict is on the "
        "answer as that run left it. Fix the error, run the cell again, then this one."
    ), said
    assert said["RIGHT"].startswith("✓ Repeated ties: Correct.") and "⚠" not in said["RIGHT"]
