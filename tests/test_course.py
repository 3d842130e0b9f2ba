"""The course kit: the exercise index, the exercises' metadata, the instructor guide's rubrics.

Every test iterates over the chapter notebooks, so a new chapter is covered without being named.
"""

import math
import os
import re

import nbformat
import pytest

from chapter_parts import cell_text, exercises
from conftest import CHAPTERS, NOTEBOOKS, ROOT, load_notebook
from course import exercise_index
from course.notebooks import (
    NotebookError,
    check_core,
    check_points,
    core_sentence,
    exercise_cells,
    objectives,
)

GUIDE = CHAPTERS / "instructor-guide.md"
RUBRICS = CHAPTERS / "rubrics.md"
LEVELS = ("Excellent", "Adequate", "Weak")


def all_exercises():
    return [
        (path, item)
        for path in NOTEBOOKS
        for item in exercise_cells(load_notebook(path), path.name)
    ]


def test_the_exercise_index_is_up_to_date():
    # Fails when an exercise is added, removed or changed without `python -m course.exercise_index`.
    assert exercise_index.PAGE.read_text(encoding="utf-8") == exercise_index.render(), (
        "chapters/exercise-index.md is out of date: run  python -m course.exercise_index"
    )


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
    intro = " ".join(
        cell_text(next(c for c in nb.cells if cell_text(c).startswith("## Exercises"))).split()
    )
    for item in items:
        assert set(item["objectives"]) <= set(goals), item["label"]
        # A code exercise has a scaffold and a check; a reading or discussion question has neither,
        # except a discussion that starts from the student's own code (its check compares).
        if item["kind"] == "code":
            assert scaffolded[item["label"]] and item["check"], item["label"]
        elif scaffolded[item["label"]]:
            assert item["kind"] == "discussion", item["label"]
        # The timings the chapter gives in words are the metadata's.
        assert re.search(rf"\*{re.escape(item['title'])}\* about {item['minutes']}\b", intro), (
            f"{item['label']}: the chapter's timings do not say about {item['minutes']} minutes"
        )
    total = sum(item["minutes"] for item in items)
    opening = cell_text(nb.cells[0])
    assert f"plus {total} minutes for the exercises" in opening, (
        f"{path.name}: the exercises take {total} minutes"
    )
    assert all(any(n in item["objectives"] for item in items) for n in goals), (
        f"{path.name}: an objective that no exercise assesses"
    )


@pytest.mark.parametrize(
    "broken, expected",
    [
        ({}, "has no 'exercise' metadata"),
        (
            {
                "kind": "essay",
                "level": "introductory",
                "minutes": 5,
                "objectives": [1],
                "points": {"written": 1},
            },
            "kind 'essay'",
        ),
        (
            {
                "kind": "code",
                "level": "hard",
                "minutes": 5,
                "objectives": [1],
                "points": {"code": 1},
            },
            "level 'hard'",
        ),
        (
            {
                "kind": "code",
                "level": "advanced",
                "minutes": "5",
                "objectives": [1],
                "points": {"code": 1},
            },
            "minutes '5'",
        ),
        (
            {
                "kind": "code",
                "level": "advanced",
                "minutes": 5,
                "objectives": [],
                "points": {"code": 1},
            },
            "objectives []",
        ),
        ({"kind": "code", "level": "advanced", "minutes": 5, "objectives": [1]}, "points None"),
        (
            {"kind": "code", "level": "advanced", "minutes": 5, "objectives": [1], "points": {}},
            "points {}",
        ),
        (
            {"kind": "code", "level": "advanced", "minutes": 5, "objectives": [1], "points": 1},
            "points 1",
        ),
        (
            {
                "kind": "code",
                "level": "advanced",
                "minutes": 5,
                "objectives": [1],
                "points": {"code": 0},
            },
            "points {'code': 0}",
        ),
        (
            {
                "kind": "code",
                "level": "advanced",
                "minutes": 5,
                "objectives": [1],
                "points": {"code": "1"},
            },
            "points {'code': '1'}",
        ),
        (
            {
                "kind": "code",
                "level": "advanced",
                "minutes": 5,
                "objectives": [1],
                "points": {"code": True},
            },
            "points {'code': True}",
        ),
        (
            {
                "kind": "code",
                "level": "advanced",
                "minutes": 5,
                "objectives": [1],
                "points": {"oral": 1},
            },
            "points {'oral': 1}",
        ),
        (
            {
                "kind": "code",
                "level": "advanced",
                "minutes": 5,
                "objectives": [1],
                "points": {"code": 1},
            },
            "core None",
        ),
        (
            {
                "kind": "code",
                "level": "advanced",
                "minutes": 5,
                "objectives": [1],
                "points": {"code": 1},
                "core": "yes",
            },
            "core 'yes'",
        ),
        (
            {
                "kind": "code",
                "level": "advanced",
                "minutes": 5,
                "objectives": [1],
                "points": {"code": 1},
                "core": 1,
            },
            "core 1",
        ),
    ],
)
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
    assert (
        expected in str(err.value)
        and NOTEBOOKS[0].name in str(err.value)
        and label in str(err.value)
    )


def exercise_parts(nb):
    """{label: (metadata, parts)} from the tests' own reading of the exercise pattern.

    "code" if the check cell after the scaffold calls a check that marks; "written" for a reading or
    discussion question, a check that only compares (its discussion is marked), or a cell tagged
    "answer" before the next exercise.
    """
    import summitkit

    found = exercises(nb)
    ends = [item["index"] for item in found[1:]] + [len(nb.cells)]
    result = {}
    for item, end in zip(found, ends):
        meta = nb.cells[item["index"]].metadata["exercise"]
        call = (
            re.match(r"(check_\w+)\(", cell_text(nb.cells[item["check"]]))
            if item["check"]
            else None
        )
        marks = bool(call) and getattr(summitkit, call.group(1)).marks
        answered = any(
            "answer" in nb.cells[j].metadata.get("tags", []) for j in range(item["index"] + 1, end)
        )
        written = answered or (call is not None and not marks) or meta["kind"] != "code"
        result[item["label"]] = (
            meta,
            {part for part, has in (("code", marks), ("written", written)) if has},
        )
    return result


def points_by_the_rule(meta, parts):
    """One point per five minutes, rounded up; two parts share them, the odd point to the kind's part."""
    total = math.ceil(meta["minutes"] / 5)
    if len(parts) == 1:
        return {next(iter(parts)): total}
    lead, other = ("code", "written") if meta["kind"] == "code" else ("written", "code")
    return {lead: (total + 1) // 2, other: total // 2}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_exercise_has_points_by_the_rule(path):
    for label, (meta, parts) in exercise_parts(load_notebook(path)).items():
        assert "points" in meta, f"{path.name}, {label}: no points in the exercise's metadata"
        assert parts and set(meta["points"]) == parts, (
            f"{path.name}, {label}: points for {sorted(parts)}"
        )
        assert meta["points"] == points_by_the_rule(meta, parts), (
            f"{path.name}, {label}: not by the rule"
        )
        assert all(n >= 1 for n in meta["points"].values()), (
            f"{path.name}, {label}: a part with no point"
        )


def test_exercises_of_each_kind_of_part_exist():
    # The rule's three cases each occur, so the test above exercises each.
    kinds = {
        frozenset(parts)
        for path in NOTEBOOKS
        for _, parts in exercise_parts(load_notebook(path)).values()
    }
    assert kinds == {frozenset({"code"}), frozenset({"written"}), frozenset({"code", "written"})}


def points_text(points):
    return " + ".join(f"{points[part]} {part}" for part in ("code", "written") if part in points)


def test_the_exercise_index_shows_the_points():
    page = exercise_index.PAGE.read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| {ref}")]
    overall = {"code": 0, "written": 0}
    for path in NOTEBOOKS:
        found = exercise_parts(load_notebook(path))
        chapter = {"code": 0, "written": 0}
        for label, (meta, _) in found.items():
            row = next(row for row in rows if f"<{label}>`" in row)
            assert f"min | {points_text(meta['points'])} | " in row, (
                f"{label}: its points in the index"
            )
            for part, n in meta["points"].items():
                chapter[part] += n
        line = next(line for line in page.splitlines() if f"]({path.name})," in line)
        assert line.endswith(f"; {sum(chapter.values())} points ({points_text(chapter)})."), (
            f"{path.name}: the chapter's total points"
        )
        overall = {part: overall[part] + chapter[part] for part in overall}
    last = [line for line in page.splitlines() if line.startswith("In all:")]
    assert last == [last[0]] and last[0].endswith(
        f"; {sum(overall.values())} points ({points_text(overall)})."
    )
    assert "one point per five minutes" in page


def planted(label, points):
    """(notebook, name) of the chapter with the exercise ``label``, its points changed to ``points``."""
    for path in NOTEBOOKS:
        nb = load_notebook(path)
        for cell in nb.cells:
            if f":label: {label}\n" in cell_text(cell):
                cell.metadata["exercise"]["points"] = points
                return nb, path
    raise AssertionError(label)


@pytest.mark.parametrize(
    "label, points",
    [
        ("ex-economic-graph", {"code": 3}),  # 10 minutes give 2
        ("ex-three-roles", {"code": 3}),  # a reading question is written
        (
            "ex-code-paragraph",
            {"code": 7},
        ),  # its check only compares: the discussion carries the points
        ("ex-flip-one-sign", {"code": 3}),  # a marked check and a written sentence: both parts
        (
            "ex-flip-one-sign",
            {"code": 1, "written": 2},
        ),  # the odd point goes to the part its kind names
    ],
)
def test_points_that_break_the_rule_are_named(label, points, tmp_path, monkeypatch):
    import summitkit

    nb, path = planted(label, points)
    meta, parts = exercise_parts(nb)[label]
    assert meta["points"] != points_by_the_rule(meta, parts)  # the test's own reading finds it
    item = next(item for item in exercise_cells(nb, path.name) if item["label"] == label)
    with pytest.raises(NotebookError) as err:
        check_points(item, summitkit, path.name)
    assert (
        path.name in str(err.value) and label in str(err.value) and repr(points) in str(err.value)
    )
    # and the index command refuses it, naming the exercise
    copy = tmp_path / path.name
    nbformat.write(nb, copy)
    monkeypatch.setattr(exercise_index, "chapter_notebooks", lambda: [copy])
    with pytest.raises(NotebookError, match=label):
        exercise_index.render()


# The core: what a student working alone does first (README, Development, the exercise pattern).
CORE_MINUTES = range(25, 46)
MARKS = {True: "*Core exercise*", False: "*Extension*"}


def names(titles):
    """'*A*', '*A* and *B*' or '*A*, *B* and *C*'."""
    marked = [f"*{title}*" for title in titles]
    return marked[0] if len(marked) == 1 else ", ".join(marked[:-1]) + " and " + marked[-1]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_chapter_names_a_core_for_a_student_working_alone(path):
    # Read with the tests' own reading of the pattern: the raw metadata, the directive's text and
    # the "Exercises" section, not course.notebooks.
    nb = load_notebook(path)
    found = []
    for item in exercises(nb):
        cell = nb.cells[item["index"]]
        meta = cell.metadata["exercise"]
        assert type(meta.get("core")) is bool, (
            f"{path.name}, {item['label']}: core is not a boolean"
        )
        title = re.search(r"\{exercise\} (.+)", cell_text(cell)).group(1).strip()
        body = cell_text(cell).split(":nonumber:\n", 1)[1].lstrip("\n")
        assert body.splitlines()[0] == MARKS[meta["core"]], (
            f"{path.name}, {item['label']}: the exercise should open with {MARKS[meta['core']]}"
        )
        found.append((title, meta, item["scaffold"] is not None))
    core = [(title, meta, coded) for title, meta, coded in found if meta["core"]]
    minutes = sum(meta["minutes"] for _, meta, _ in core)
    assert minutes in CORE_MINUTES, f"{path.name}: the core takes {minutes} minutes"
    # A code exercise and a written one, where the chapter has both.
    for wanted in (lambda meta, coded: coded, lambda meta, coded: meta["kind"] != "code"):
        if any(wanted(meta, coded) for _, meta, coded in found):
            assert any(wanted(meta, coded) for _, meta, coded in core), (
                f"{path.name}: the core lacks a code or a written exercise"
            )
    intro = " ".join(
        cell_text(next(c for c in nb.cells if cell_text(c).startswith("## Exercises"))).split()
    )
    sentence = (
        f"Working alone? Do the core first: {names([title for title, _, _ in core])}, "
        f"about {minutes} minutes; the others are extensions."
    )
    assert sentence in intro, f"{path.name}: the Exercises section should say: {sentence}"
    assert core_sentence(exercise_cells(nb, path.name)) == sentence
    check_core(nb, exercise_cells(nb, path.name), path.name)


def planted_core(change):
    """(notebook, path, items) of chapter 1 after ``change(nb)``, which edits the notebook."""
    path = NOTEBOOKS[0]
    nb = load_notebook(path)
    change(nb)
    return nb, path, exercise_cells(nb, path.name)


def exercise_cell(nb, label):
    return next(c for c in nb.cells if f":label: {label}\n" in cell_text(c))


def flip(nb, label, core):
    exercise_cell(nb, label).metadata["exercise"]["core"] = core


def every_core(nb):
    for cell in nb.cells:
        if "exercise" in cell.metadata:
            cell.metadata["exercise"]["core"] = False
    flip(nb, "ex-three-roles", True)  # 15 minutes alone: too little


def swap_core(nb):
    flip(nb, "ex-economic-graph", False)  # 35 - 10 + 5 minutes: in range, but the marks and the
    flip(nb, "ex-repeated-ties", True)  # sentence now disagree with the metadata


def reword(nb):
    intro = next(c for c in nb.cells if cell_text(c).startswith("## Exercises"))
    intro.source = cell_text(intro).replace("about 35 minutes", "about 30 minutes")


def swap_marks(nb):
    for label, (old, new) in {
        "ex-economic-graph": MARKS.values(),
        "ex-repeated-ties": reversed(MARKS.values()),
    }.items():
        cell = exercise_cell(nb, label)
        cell.source = cell_text(cell).replace(f"\n{old}\n", f"\n{new}\n", 1)


@pytest.mark.parametrize(
    "change, expected",
    [
        (every_core, "take 15 minutes"),
        (swap_core, "ex-repeated-ties: the exercise's text should open with the line '*Core"),
        (swap_marks, "ex-repeated-ties: the exercise's text should open with the line '*Extension"),
        (reword, "about 35 minutes; the others are extensions"),
    ],
    ids=["too-short", "metadata-changed", "marks-changed", "sentence-changed"],
)
def test_a_core_that_drifts_from_its_metadata_is_named(change, expected, tmp_path, monkeypatch):
    nb, path, items = planted_core(change)
    with pytest.raises(NotebookError) as err:
        check_core(nb, items, path.name)
    assert path.name in str(err.value) and expected in str(err.value)
    # and the index command refuses it
    copy = tmp_path / path.name
    nbformat.write(nb, copy)
    monkeypatch.setattr(exercise_index, "chapter_notebooks", lambda: [copy])
    with pytest.raises(NotebookError, match=re.escape(path.name)):
        exercise_index.render()


def test_the_exercise_index_shows_the_core():
    page = exercise_index.PAGE.read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| {ref}")]
    every, core = 0, 0
    for path in NOTEBOOKS:
        nb = load_notebook(path)
        metas = [nb.cells[item["index"]].metadata["exercise"] for item in exercises(nb)]
        for item, meta in zip(exercises(nb), metas):
            row = next(row for row in rows if f"<{item['label']}>`" in row)
            mark = "**core**" if meta["core"] else "extension"
            assert row.split(" | ")[1] == mark, f"{item['label']}: its mark in the index"
        minutes = sum(meta["minutes"] for meta in metas if meta["core"])
        line = next(line for line in page.splitlines() if f"]({path.name})," in line)
        count = sum(meta["core"] for meta in metas)
        assert f"(the core: {count} exercises, about {minutes} minutes);" in line, (
            f"{path.name}: the core's minutes in the index"
        )
        every, core = every + sum(meta["minutes"] for meta in metas), core + minutes
    last = next(line for line in page.splitlines() if line.startswith("In all:"))
    assert f"{every // 60} hours {every % 60} minutes (the core:" in last
    assert f"about {core // 60} hours {core % 60} minutes);" in last


def rubric(page, label):
    """The rubric section of an exercise: from its target to the next rubric's target, or the page's end."""
    start = page.index(f"(rubric-{label})=")
    end = page.find("\n(rubric-", start + 1)
    return page[start : end if end != -1 else None]


def test_every_question_marked_by_hand_has_a_rubric_with_three_levels():
    import summitkit

    page = RUBRICS.read_text(encoding="utf-8")
    hand_marked = [
        item
        for _, item in all_exercises()
        if item["kind"] != "code" or not getattr(summitkit, item["check"]).marks
    ]
    assert len(hand_marked) >= len(NOTEBOOKS)
    for item in hand_marked:
        assert f"(rubric-{item['label']})=" in page, (
            f"{item['label']}: no rubric in chapters/rubrics.md"
        )
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
        assert ends and ends == sorted(ends) and ends[-1] == int(minutes), (
            f"chapter {n}: the timetable"
        )


def test_the_guide_says_how_to_use_the_core_and_gives_its_minutes():
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide.split("## Core exercises and extensions\n", 1)[1].split("\n## ", 1)[0]
    assert "(exercise-index.md)" in section and "self-study" in section
    metas = [meta for _, meta in all_exercises()]
    every = sum(meta["minutes"] for meta in metas)
    core = sum(meta["minutes"] for meta in metas if meta["core"])
    said = (
        f"{every // 60} hours {every % 60} minutes of exercises in all, "
        f"{core // 60} hours {core % 60} minutes of them the core"
    )
    assert said in " ".join(guide.split()), f"the guide's six sessions should say: {said}"


def test_the_rubric_reader_finds_a_missing_rubric():
    page = RUBRICS.read_text(encoding="utf-8")
    assert "Credit noting" in rubric(page, "ex-three-roles")  # the first rubric's excellent level
    assert "(rubric-ex-central-powerful)=" not in rubric(
        page, "ex-three-roles"
    )  # and not the next one
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
        assert (
            "chapter-glossary" in last.metadata.get("tags", [])
            and "remove-cell" in last.metadata["tags"]
        )
        defs = chapter_glossary.definitions()
        for term in chapter_glossary.linked_terms(nb, defs):
            assert f"{term}\n: {defs[term]}" in cell_text(last), f"{path.name}: {term}"


# Ids JupyterLab (jupyterlab-myst) gave these headings, seen in the browser.
HEADING_IDS = {
    "The article’s words, as forecasts": "the-articles-words-as-forecasts",
    "Dependence: who can cut North Korea off?": "dependence-who-can-cut-north-korea-off",
    "A framing that moves: the versions as snapshots (chapter 5)": (
        "a-framing-that-moves-the-versions-as-snapshots-chapter-5"
    ),
    "What's next": "whats-next",
    "The whole-article network": "the-whole-article-network",
}


def test_each_glossary_entry_links_back_to_the_chapter():
    # A click on a {term} in JupyterLab lands at the notebook's last cell; each entry links back to
    # the heading above the chapter's first use of the term, or the exercise that holds it.
    from course import chapter_glossary

    assert {t: chapter_glossary.slug(t) for t in HEADING_IDS} == HEADING_IDS
    for path in NOTEBOOKS:
        nb = load_notebook(path)
        text = "\n".join(cell_text(c) for c in nb.cells[:-1] if c.cell_type == "markdown")
        ids = {chapter_glossary.slug(t) for t in re.findall(r"^#{2,6} (.+)$", text, re.M)}
        ids |= set(re.findall(r"^:label: (ex-\S+)$", text, re.M))
        ids |= set(re.findall(r"^\(([^)]+)\)=$", text, re.M))
        entries = re.split(r"\n\n(?=\S)", cell_text(nb.cells[-1]).split(":::{glossary}\n")[1])
        for entry in entries:
            back = re.findall(r"^  Back to: \[.+\]\(#([^)]+)\)$", entry, re.M)
            assert len(back) == 1 and back[0] in ids, f"{path.name}: {entry[:200]}"


def test_a_glossary_entry_links_back_to_where_its_term_is_first_used():
    from course import chapter_glossary

    defs = {"Alpha": "The first.", "Beta": "The second."}
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 1. Title\n\nAn {term}`alpha <Alpha>` first."),
        nbformat.v4.new_markdown_cell("## The model: a, b?\n\n```\n# not a heading\n```\n"),
        nbformat.v4.new_markdown_cell("(sec-b)=\n## Beta's part\n\nA {term}`Beta`."),
        nbformat.v4.new_markdown_cell("````{exercise} Try\n:label: ex-try\n\n{term}`Beta`\n````"),
    ]
    assert chapter_glossary.first_uses(nb, defs) == {
        "Alpha": ("the end of the chapter's opening", "the-model-a-b"),
        "Beta": ("Beta's part", "sec-b"),
    }
    nb.cells[2].source = "## Beta's part\n\nNo link."
    assert chapter_glossary.first_uses(nb, defs)["Beta"] == ("Try", "ex-try")
    chapter_glossary.update(nb, defs)
    assert "Beta\n: The second.\n\n  Back to: [Try](#ex-try)" in cell_text(nb.cells[-1])


def test_a_stale_chapter_glossary_is_found():
    from course import chapter_glossary

    nb = load_notebook(NOTEBOOKS[0])
    defs = chapter_glossary.definitions()
    chapter_glossary.update(nb, defs)
    assert not chapter_glossary.update(nb, defs)  # current: nothing to change
    nb.cells[-1].source = nb.cells[-1].source.replace(": ", ": An old definition. ", 1)
    assert chapter_glossary.update(nb, defs)  # stale: rewritten


def test_the_functions_of_earlier_chapters_are_carried_forward_word_for_word():
    # Chapters 5 and 6 build their graphs with chapter 2's and chapter 4's functions, and the checks
    # with summitkit/networks.py: all three are copies of the teaching chapters' Setup 2.
    from course import carry_forward

    carry_forward.main(["--check"])
    module = carry_forward.MODULE.read_text(encoding="utf-8")
    for number, names in carry_forward.TAUGHT.items():
        for name in names:
            assert f"\ndef {name}(" in module or f"\n{name} = " in module, name


def test_a_stale_copy_of_an_earlier_chapters_function_is_found(monkeypatch):
    from course import carry_forward

    nb = load_notebook(carry_forward.notebook("06"))
    assert not carry_forward.update(nb, carry_forward.CARRIED["06"])  # current: nothing to change
    carried = next(c for c in nb.cells if "carried" in c.metadata.get("tags", []))
    carried.source = carried.source.replace("S = nx.Graph()", "S = nx.DiGraph()", 1)
    assert carry_forward.update(nb, carry_forward.CARRIED["06"])  # stale: rewritten
    assert "S = nx.Graph()" in carried.source
    # A changed networks.py is stale too: --check names it.
    monkeypatch.setattr(carry_forward, "module_source", lambda: "# another version\n")
    with pytest.raises(SystemExit, match="networks.py"):
        carry_forward.main(["--check"])


def test_a_function_defined_in_two_notebooks_has_one_source():
    # "The same name means the same thing in every chapter": a function that two chapters define is
    # the same code in both (a copy carried forward), never two versions under one name.
    import ast

    found = {}  # name -> {source: [notebooks]}
    for path in NOTEBOOKS:
        nb = load_notebook(path)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            text = cell_text(cell)
            for node in ast.parse(text).body:
                if isinstance(node, ast.FunctionDef):
                    source = ast.get_source_segment(text, node)
                    found.setdefault(node.name, {}).setdefault(source, []).append(path.name)
    twice = {name: sources for name, sources in found.items() if len(sources) > 1}
    assert not twice, {name: list(s.values()) for name, s in twice.items()}
    carried = [name for name, sources in found.items() if len(sum(sources.values(), [])) > 1]
    assert {"actor_graphs", "state_graph", "signed_graph", "sign_product"} <= set(carried)


def test_the_figures_an_exercise_names_are_the_sheets_and_must_exist():
    from course import print_edition
    from course.notebooks import exercise_cells

    path = CHAPTERS / "02-russias-role.ipynb"
    nb = load_notebook(path)
    items = exercise_cells(nb, path.name)
    named = {
        name
        for item in items
        for name in nb.cells[item["index"]].metadata["exercise"].get("figures", [])
    }
    assert named and print_edition.sheet_contents(nb, items)["figures"] == sorted(
        named,
        key=[c.metadata.get("mystnb", {}).get("figure", {}).get("name") for c in nb.cells].index,
    )
    nb.cells[items[0]["index"]].metadata["exercise"]["figures"] = ["fig-no-such-figure"]
    with pytest.raises(NotebookError, match="fig-no-such-figure"):
        print_edition.sheet_contents(nb, items)


def test_the_print_command_prints_the_books_as_they_are(tmp_path, monkeypatch):
    # Before printing, the book is built again (Sphinx redoes only what changed), and the student
    # edition is made again when a source of the book is newer than it: a reprint after a change to a
    # chapter must not print the old pages.
    from course import print_edition, student_edition

    built, made = [], []
    monkeypatch.setattr(print_edition, "build", lambda source, what: built.append(source))
    monkeypatch.setattr(student_edition, "main", lambda argv: made.append(argv) or 0)
    index = tmp_path / "book" / "_build" / "html" / "index.html"
    index.parent.mkdir(parents=True)
    index.write_text("built", encoding="utf-8")
    book = (ROOT / "_build" / "html").resolve()
    newest = print_edition.newest_source()
    os.utime(index, (newest + 60, newest + 60))  # made after the last change
    print_edition.ensure_builds(book, tmp_path)
    assert built == [ROOT] and made == []
    os.utime(index, (newest - 60, newest - 60))  # a chapter changed since
    print_edition.ensure_builds(book, tmp_path)
    assert made == [["--out", str(tmp_path)]]
    # A cache written by a test run or an editor is not a change to the book.
    assert newest_source_skips_caches(print_edition)


def newest_source_skips_caches(print_edition):
    cache = ROOT / "chapters" / "summitkit" / "__pycache__"
    if not cache.is_dir():
        return True
    before = print_edition.newest_source()
    probe = cache / "probe-for-a-test.pyc"
    try:
        probe.write_bytes(b"")
        os.utime(probe, (before + 3600, before + 3600))
        return print_edition.newest_source() == before
    finally:
        probe.unlink()
