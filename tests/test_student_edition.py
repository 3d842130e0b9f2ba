"""The student edition (`python -m course.student_edition`) has no solution anywhere, and every exercise.

The background job makes it from the test's copy of the repository (tests/background.py). What
counts as solution text is worked out from the full notebooks (solution_text.py), independently
of the command: every sentence of a model answer and every line of solution code that the chapter
does not also say outside its solutions.
"""

import html
import re
import shutil
import zipfile

import nbformat
import pytest

from chapter_parts import cell_text, exercises
from conftest import DATA, NOTEBOOKS, load_notebook
from solution_text import SOLUTION_TEXT, is_full_edition_only, leaks, normalise, visible_text


@pytest.fixture(scope="module")
def edition(student_edition):
    code, log, folder = student_edition
    assert code == 0, log[-4000:]
    return folder


def test_the_solution_text_is_worth_looking_for(built_book):
    # Every solution gives pieces to look for, and the full book shows them: so finding none in the
    # student edition means they were removed, not that the search cannot see them.
    _, _, html_dir = built_book
    for path in NOTEBOOKS:
        page = visible_text(
            (html_dir / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        )
        for label, pieces in SOLUTION_TEXT[path.name].items():
            assert len(pieces) >= 3, f"{label}: too little solution text to look for"
            seen = [p for p in pieces if p in page]
            assert len(seen) >= 0.8 * len(pieces), (
                f"{label}: not in the full page: {set(pieces) - set(seen)}"
            )


def test_the_student_build_has_no_warning(student_edition):
    code, log, _ = student_edition
    assert code == 0, log[-4000:]
    warnings = [line for line in log.splitlines() if "WARNING:" in line or "ERROR:" in line]
    assert not warnings, "\n".join(warnings)


def test_no_solution_text_in_any_file_of_the_student_edition(edition):
    # The student notebooks, the book's source, every file the student site serves (pages,
    # _sources, downloads, search index), and the zip.
    checked = 0
    for path in sorted(p for p in edition.rglob("*") if p.is_file() and p.suffix != ".zip"):
        if path.suffix in (
            ".png",
            ".svg",
            ".woff",
            ".woff2",
            ".ico",
            ".jpg",
            ".doctree",
            ".pickle",
        ):
            continue
        found = leaks(path.name, path.read_bytes())
        assert not found, (
            f"{path.relative_to(edition)}: solution text of {found[0][0]}: {found[0][1]!r}"
        )
        checked += 1
    with zipfile.ZipFile(edition / "student-notebooks.zip") as archive:
        for name in archive.namelist():
            found = leaks(name, archive.read(name))
            assert not found, (
                f"student-notebooks.zip, {name}: solution text of {found[0][0]}: {found[0][1]!r}"
            )
            checked += 1
    assert checked > 50


def test_a_leak_would_be_found():
    nb = load_notebook(NOTEBOOKS[0])
    solution = next(c for c in nb.cells if "solution" in c.metadata.get("tags", []))
    assert leaks("copy.ipynb", nbformat.writes(nb).encode())
    assert leaks("page.html", f"<p>{html.escape(cell_text(solution))}</p>".encode())
    nb.cells = [c for c in nb.cells if not is_full_edition_only(c)]
    assert not leaks("copy.ipynb", nbformat.writes(nb).encode())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_notebooks_keep_everything_but_the_solutions(edition, path):
    full = load_notebook(path)
    expected = [(c.id, cell_text(c)) for c in full.cells if not is_full_edition_only(c)]
    for copy in (
        edition / "notebooks" / "chapters" / path.name,
        edition / "book" / "chapters" / path.name,
    ):
        nb = load_notebook(copy)
        nbformat.validate(nb)
        assert [(c.id, cell_text(c)) for c in nb.cells] == expected, f"{copy.relative_to(edition)}"
        # Every exercise, scaffold and check is there; the code is the code nbval ran.
        assert [(e["label"], e["scaffold"] is None) for e in exercises(nb)] == [
            (e["label"], e["scaffold"] is None) for e in exercises(full)
        ]
    handed_out = load_notebook(edition / "notebooks" / "chapters" / path.name)
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in handed_out.cells
        if c.cell_type == "code"
    ), "the handed-out notebooks have outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_pages_download_student_notebooks_and_launch_the_student_branch(edition, path):
    html_dir = edition / "book" / "_build" / "html"
    page = (html_dir / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
    for label in (e["label"] for e in exercises(load_notebook(path))):
        assert f'id="{label}"' in page, f"{label} is missing from the student page"
    assert 'class="solution' not in page
    # Every check, untouched, says so (the page shows the outputs nbval's run gave).
    scaffolded = sum(e["scaffold"] is not None for e in exercises(load_notebook(path)))
    shown = normalise(html.unescape(re.sub(r"<[^>]+>", "", page)))
    assert shown.count(": Not attempted.") == scaffolded
    download = re.search(r'href="\.\./(_sources/chapters/[^"]+\.ipynb)"', page)
    assert download, "no notebook download button"
    served = load_notebook(html_dir / download.group(1))
    assert [cell_text(c) for c in served.cells] == [
        cell_text(c) for c in load_notebook(edition / "book" / "chapters" / path.name).cells
    ]
    binder = re.search(r'href="(https://mybinder\.org/v2/gh/[^"]+)"', page)
    assert binder and "/student?" in binder.group(1), binder and binder.group(1)
    assert "edit/" not in page, "the student book has an edit button"
    assert 'title="Source repository"' not in page, "the student book has a repository button"


def test_students_who_install_the_book_clone_the_student_branch(edition):
    how_to = (edition / "book" / "chapters" / "how-to-use.md").read_text(encoding="utf-8")
    clones = re.findall(r"^git clone .+$", how_to, re.M)
    assert clones and all(" --branch student " in line for line in clones), clones
    # Without git: the student branch's page and zip, never the full book's.
    assert "/tree/student)" in how_to and "/archive/refs/heads/student.zip" in how_to
    assert "/tree/main" not in how_to and "/heads/main.zip" not in how_to
    assert "russia-trump-kim-summit-student" in how_to and "-summit-main" not in how_to


def test_student_book_leaves_out_the_instructor_guide_and_speaks_of_no_solutions(
    edition, built_book
):
    html_dir = edition / "book" / "_build" / "html"
    assert (built_book[2] / "chapters" / "instructor-guide.html").exists()
    assert not (html_dir / "chapters" / "instructor-guide.html").exists()
    pages = sorted(html_dir.rglob("*.html"))
    assert len(pages) >= len(NOTEBOOKS) + 3
    full_how_to = visible_text(
        (built_book[2] / "chapters" / "how-to-use.html").read_text(encoding="utf-8")
    )
    assert re.search(r"\bsolutions?\b", full_how_to, re.I), (
        "the full book should speak of solutions"
    )
    for page in pages:
        text = visible_text(page.read_text(encoding="utf-8"))
        assert "instructor-guide" not in page.read_text(encoding="utf-8"), (
            f"{page.name} links the guide"
        )
        for words in (
            r"\bsolutions?\b",
            r"\bmodel answers?\b",
            r"\bfolded\b",
            r"\binstructor guide\b",
        ):
            match = re.search(words, text, re.I)
            assert not match, (
                f"{page.relative_to(html_dir)}: {text[max(0, match.start() - 60) : match.end() + 60]}"
            )


def test_students_see_the_rubric_of_every_question_marked_by_hand(edition):
    # What students are marked on is no secret: the rubrics page stays in the student book.
    page = visible_text(
        (edition / "book" / "_build" / "html" / "chapters" / "rubrics.html").read_text(
            encoding="utf-8"
        )
    )
    source = (edition / "book" / "chapters" / "rubrics.md").read_text(encoding="utf-8")
    labels = re.findall(r"^\(rubric-(\S+)\)=$", source, re.M)
    hand_marked = [
        item
        for path in NOTEBOOKS
        for item in exercises(load_notebook(path))
        if item["scaffold"] is None
    ]
    assert {item["label"] for item in hand_marked} <= set(labels)
    assert page.count("Excellent") >= len(hand_marked) and page.count("Weak") >= len(hand_marked)


def test_the_zip_runs_on_its_own(edition):
    with zipfile.ZipFile(edition / "student-notebooks.zip") as archive:
        names = set(archive.namelist())
    top = "student-notebooks/"
    expected = {f"{top}chapters/{p.name}" for p in NOTEBOOKS}
    expected |= {f"{top}data/{p.name}" for p in DATA.iterdir() if p.is_file()}
    expected |= {
        f"{top}chapters/summitkit/{p.name}"
        for p in (NOTEBOOKS[0].parent / "summitkit").glob("*.py")
    }
    expected |= {f"{top}requirements.txt", f"{top}README.md"}
    assert expected <= names, expected - names
    folder = {
        f"{top}{p.relative_to(edition / 'notebooks').as_posix()}"
        for p in (edition / "notebooks").rglob("*")
        if p.is_file()
    }
    assert names == folder


# The student notebooks folder alone, made without the book build: every relative link in it opens.
LINK = re.compile(r"\]\((?:<([^>]+)>|([^)\s]+))")


def dead_links(folder):
    """[(page, target)] of every relative link, in a notebook's markdown or in a .md page of the
    folder, whose file is not in the folder."""
    pages = sorted(folder.rglob("*.ipynb")) + sorted(folder.rglob("*.md"))
    dead = []
    for page in pages:
        if page.suffix == ".ipynb":
            nb = load_notebook(page)
            text = "\n".join(cell_text(c) for c in nb.cells if c.cell_type == "markdown")
        else:
            text = page.read_text(encoding="utf-8")
        for target in (a or b for a, b in LINK.findall(text)):
            path = target.split("#", 1)[0]
            if not path or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", path):
                continue  # an anchor in the page, or an address on the web
            found = (page.parent / path).resolve()
            if not found.is_relative_to(folder.resolve()) or not found.exists():
                dead.append((page.relative_to(folder).as_posix(), target))
    return dead


@pytest.fixture(scope="module")
def notebooks_folder(tmp_path_factory):
    from course import student_edition

    out = tmp_path_factory.mktemp("student")
    assert student_edition.main(["--no-build", "--out", str(out)]) == 0
    return out


def test_every_page_the_student_notebooks_link_to_is_beside_them(notebooks_folder):
    folder = notebooks_folder / "notebooks"
    assert not dead_links(folder), dead_links(folder)
    # The pages chapter 6 and data/README.md send students to, with the book's wording filled in.
    for page in ("codebook.md", "glossary.md", "how-to-use.md", "troubleshooting.md"):
        text = (folder / "chapters" / page).read_text(encoding="utf-8")
        assert "{{" not in text, f"{page}: a substitution is left as written"
    assert not (folder / "chapters" / "instructor-guide.md").exists()
    with zipfile.ZipFile(notebooks_folder / "student-notebooks.zip") as archive:
        names = set(archive.namelist())
    assert {"student-notebooks/chapters/codebook.md", "student-notebooks/chapters/glossary.md"} <= (
        names
    )


def test_a_dead_link_in_the_student_notebooks_is_found(notebooks_folder, tmp_path):
    folder = tmp_path / "notebooks"
    shutil.copytree(notebooks_folder / "notebooks", folder)
    path = folder / "chapters" / NOTEBOOKS[-1].name
    nb = load_notebook(path)
    nb.cells[1].source += "\n\nSee the [notes](lecture-notes.md#part-2)."
    nbformat.write(nb, path)
    (folder / "data" / "README.md").write_text("[Codebook](../chapters/codebook.md)\n[x](<x y.md>)")
    assert dead_links(folder) == [
        (f"chapters/{path.name}", "lecture-notes.md#part-2"),
        ("data/README.md", "x y.md"),
    ]


def test_the_student_edition_refuses_a_link_to_the_instructor_guide(notebooks_folder, tmp_path):
    from course import student_edition

    folder = tmp_path / "notebooks"
    shutil.copytree(notebooks_folder / "notebooks", folder)
    (folder / "chapters" / "codebook.md").unlink()
    student_edition.copy_linked_pages(notebooks_folder / "book", folder)
    assert (folder / "chapters" / "codebook.md").exists()  # copied again
    path = folder / "chapters" / NOTEBOOKS[0].name
    nb = load_notebook(path)
    nb.cells[1].source += "\n\nSee the [guide](instructor-guide.md)."
    nbformat.write(nb, path)
    with pytest.raises(SystemExit, match="instructor-guide.md"):
        student_edition.copy_linked_pages(notebooks_folder / "book", folder)
