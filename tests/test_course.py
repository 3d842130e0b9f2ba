"""The course kit: the exercise index, the exercises' metadata, the instructor guide's rubrics.

Every test iterates over the chapter notebooks, so a new chapter is covered without being named.
"""

import re

import nbformat
import pytest

from chapter_parts import cell_text, exercises
from conftest import CHAPTERS, NOTEBOOKS, load_notebook
from course import exercise_index
from course.notebooks import NotebookError, exercise_cells, objectives

GUIDE = CHAPTERS / "instructor-guide.md"
RUBRICS = CHAPTERS / "rubrics.md"
LEVELS = ("Excellent", "Adequate", "Weak")


def all_exercises():
    return [(path, item) for path in NOTEBOOKS for item in exercise_cells(load_notebook(path), path.name)]


def test_the_exercise_index_is_up_to_date():
    # Fails when an exercise is added, removed or changed without `python -m course.exercise_index`.
    assert exercise_index.PAGE.read_text(encoding="utf-8") == exercise_index.render(), \
        "chapters/exercise-index.md is out of date: run  python -m course.exercise_index"


def test_the_exercise_index_lists_every_exercise_once():
    # The labels are found here with the tests' own reading of the notebooks, not course's.
    page = exercise_index.PAGE.read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| {ref}")]
    labels = [item["label"] for path in NOTEBOOKS for item in exercises(load_notebook(path))]
    assert len(rows) == len(labels)
    for label in labels:
        assert sum(f"<{label}>`" in row for row in rows) == 1, f"{label} is not in the index once"


def test_the_index_leaves_out_an_exercise_that_is_missing():
    nb = load_notebook(NOTEBOOKS[0])
    first = next(i for i, c in enumerate(nb.cells) if "exercise" in c.metadata)
    del nb.cells[first]
    assert len(exercise_cells(nb)) == len(exercise_cells(load_notebook(NOTEBOOKS[0]))) - 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercise_metadata_agrees_with_the_chapter(path):
    nb = load_notebook(path)
    items = exercise_cells(nb, path.name)
    goals = objectives(nb, path.name)
    assert len(goals) >= 3
    scaffolded = {item["label"]: item["scaffold"] is not None for item in exercises(nb)}
    intro = " ".join(cell_text(next(c for c in nb.cells if cell_text(c).startswith("## Exercises"))).split())
    for item in items:
        assert set(item["objectives"]) <= set(goals), item["label"]
        # A code exercise has a scaffold and a check; a reading or discussion question has neither,
        # except a discussion that starts from the student's own code (its check compares).
        if item["kind"] == "code":
            assert scaffolded[item["label"]] and item["check"], item["label"]
        elif scaffolded[item["label"]]:
            assert item["kind"] == "discussion", item["label"]
        # The timings the chapter gives in words are the metadata's.
        assert re.search(rf"\*{re.escape(item['title'])}\* about {item['minutes']}\b", intro), \
            f"{item['label']}: the chapter's timings do not say about {item['minutes']} minutes"
    total = sum(item["minutes"] for item in items)
    opening = cell_text(nb.cells[0])
    assert f"plus {total} minutes for the exercises" in opening, f"{path.name}: the exercises take {total} minutes"
    assert all(any(n in item["objectives"] for item in items) for n in goals), \
        f"{path.name}: an objective that no exercise assesses"


@pytest.mark.parametrize("broken, expected", [
    ({}, "has no 'exercise' metadata"),
    ({"kind": "essay", "level": "introductory", "minutes": 5, "objectives": [1]}, "kind 'essay'"),
    ({"kind": "code", "level": "hard", "minutes": 5, "objectives": [1]}, "level 'hard'"),
    ({"kind": "code", "level": "advanced", "minutes": "5", "objectives": [1]}, "minutes '5'"),
    ({"kind": "code", "level": "advanced", "minutes": 5, "objectives": []}, "objectives []"),
])
def test_broken_exercise_metadata_is_named(broken, expected):
    nb = load_notebook(NOTEBOOKS[0])
    cell = next(c for c in nb.cells if "exercise" in c.metadata)
    label = re.search(r":label: (\S+)", cell_text(cell)).group(1)
    if broken:
        cell.metadata["exercise"] = broken
    else:
        del cell.metadata["exercise"]
    with pytest.raises(NotebookError) as err:
        exercise_cells(nb, NOTEBOOKS[0].name)
    assert expected in str(err.value) and NOTEBOOKS[0].name in str(err.value) and label in str(err.value)


def rubric(page, label):
    """The rubric section of an exercise: from its target to the next rubric's target, or the page's end."""
    start = page.index(f"(rubric-{label})=")
    end = page.find("\n(rubric-", start + 1)
    return page[start:end if end != -1 else None]


def test_every_question_marked_by_hand_has_a_rubric_with_three_levels():
    import summitkit

    page = RUBRICS.read_text(encoding="utf-8")
    hand_marked = [item for _, item in all_exercises()
                   if item["kind"] != "code" or not getattr(summitkit, item["check"]).marks]
    assert len(hand_marked) >= len(NOTEBOOKS)
    for item in hand_marked:
        assert f"(rubric-{item['label']})=" in page, f"{item['label']}: no rubric in chapters/rubrics.md"
        section = rubric(page, item["label"])
        assert item["title"] in section.splitlines()[1], f"{item['label']}: the rubric's heading"
        for level in LEVELS:
            rows = re.findall(rf"^\| {level} \| (.+) \|$", section, re.M)
            assert len(rows) == 1 and len(rows[0].split()) >= 8, f"{item['label']}: level {level}"


def test_the_guide_plans_a_lesson_for_every_chapter():
    guide = GUIDE.read_text(encoding="utf-8")
    plans = re.findall(r"^### Chapter (\d+), .+\((\d+) minutes\)$", guide, re.M)
    assert [int(n) for n, _ in plans] == list(range(1, len(NOTEBOOKS) + 1))
    assert all(75 <= int(minutes) <= 90 for _, minutes in plans)
    for n, minutes in plans:
        section = guide.split(f"### Chapter {n},", 1)[1].split("\n### ", 1)[0]
        ends = [int(end) for end in re.findall(r"^\| \d+–(\d+) \|", section, re.M)]
        assert ends and ends == sorted(ends) and ends[-1] == int(minutes), f"chapter {n}: the timetable"


def test_the_rubric_reader_finds_a_missing_rubric():
    page = RUBRICS.read_text(encoding="utf-8")
    assert "Credit noting" in rubric(page, "ex-three-roles")  # the first rubric's excellent level
    assert "(rubric-ex-central-powerful)=" not in rubric(page, "ex-three-roles")  # and not the next one
    with pytest.raises(ValueError):
        rubric(page.replace("(rubric-ex-three-roles)=", ""), "ex-three-roles")


def test_student_copy_of_a_notebook_drops_only_tagged_cells():
    from course.notebooks import student_copy

    nb = load_notebook(NOTEBOOKS[0])
    copy = student_copy(nb)
    tagged = [c for c in nb.cells if {"solution", "full-edition"} & set(c.metadata.get("tags", []))]
    assert tagged and len(copy.cells) == len(nb.cells) - len(tagged)
    assert len(nb.cells) == len(load_notebook(NOTEBOOKS[0]).cells), "the full notebook was changed"
    nbformat.validate(copy)


def test_every_chapter_carries_the_glossary_entries_it_links():
    # JupyterLab resolves a {term} only against a glossary in the same notebook: each chapter's last
    # cell holds the entries it links, generated from chapters/glossary.md.
    from course import chapter_glossary

    chapter_glossary.main(["--check"])
    for path in NOTEBOOKS:
        nb = load_notebook(path)
        last = nb.cells[-1]
        assert "chapter-glossary" in last.metadata.get("tags", []) and "remove-cell" in last.metadata["tags"]
        defs = chapter_glossary.definitions()
        for term in chapter_glossary.linked_terms(nb, defs):
            assert f"{term}\n: {defs[term]}" in cell_text(last), f"{path.name}: {term}"


def test_a_stale_chapter_glossary_is_found():
    from course import chapter_glossary

    nb = load_notebook(NOTEBOOKS[0])
    defs = chapter_glossary.definitions()
    chapter_glossary.update(nb, defs)
    assert not chapter_glossary.update(nb, defs)  # current: nothing to change
    nb.cells[-1].source = nb.cells[-1].source.replace(": ", ": An old definition. ", 1)
    assert chapter_glossary.update(nb, defs)  # stale: rewritten
