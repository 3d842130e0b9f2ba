"""The printed handouts (python -m course.print_edition): read back from the PDFs with pypdf.

Run after the print command, on its own, as .ci/run does (printing takes longer than the rest of
the suite's budget):

    .venv/bin/python -m course.print_edition && .venv/bin/pytest tests/check_print_edition.py

What counts as solution text is the student edition's leak test's (solution_text.py).
"""

import re

import pytest
from pypdf import PdfReader

from chapter_parts import cell_text
from conftest import CHAPTERS, NOTEBOOKS, ROOT, load_notebook
from solution_text import SOLUTION_TEXT, leaks, normalise, plain_markdown, solution_pieces

from course.notebooks import exercise_cells, title

BOOK = ROOT / "_build" / "html"
STUDENT_BOOK = ROOT / "_student" / "book" / "_build" / "html"
PRINTED = BOOK / "print"
WRITTEN = ("reading", "discussion")


def pdf_names(path):
    return f"{path.stem}-handout.pdf", f"{path.stem}-answer-key.pdf"


def squeeze(text):
    """Text without spaces: a line the printer wrapped reads back with a break in it."""
    return re.sub(r"\s+", "", text)


LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}


def pdf_text(path):
    """(each page's text and the size of what it draws, the whole text as a reader sees it)."""
    pages = []
    for page in PdfReader(path).pages:
        text = page.extract_text() or ""
        for ligature, letters in LIGATURES.items():
            text = text.replace(ligature, letters)
        contents = page.get_contents()
        pages.append((text, len(contents.get_data()) if contents is not None else 0))
    return pages, normalise(" ".join(text for text, _ in pages))


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.stem)
def printed(request):
    path = request.param
    handout, key = (PRINTED / name for name in pdf_names(path))
    for pdf in (handout, key):
        if not pdf.exists():
            pytest.fail(
                f"{pdf.relative_to(ROOT)} is missing: run .venv/bin/python -m course.print_edition",
                pytrace=False,
            )
    return path, load_notebook(path), pdf_text(handout), pdf_text(key)


def captions(nb):
    return [
        normalise(plain_markdown(c.metadata["mystnb"]["figure"]["caption"]))
        for c in nb.cells
        if c.cell_type == "code" and "figure" in c.metadata.get("mystnb", {})
    ]


def rubric_titles():
    text = (CHAPTERS / "rubrics.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\(rubric-(\S+)\)=\n#+ (.+)$", text, re.M))


def test_both_pdfs_have_the_title_every_exercise_and_every_caption(printed):
    path, nb, (_, handout), (_, key) = printed
    wanted = [normalise(title(nb))] + [
        f"Exercise ({normalise(e['title'])})" for e in exercise_cells(nb)
    ]
    wanted += captions(nb)
    assert len(captions(nb)) >= 1
    for name, text in (("handout", handout), ("answer key", key)):
        missing = [w for w in wanted if squeeze(w) not in squeeze(text)]
        assert not missing, f"{path.stem} {name}: missing {missing}"


def test_no_page_is_blank(printed):
    path, _, (handout_pages, _), (key_pages, _) = printed
    for name, pages in (("handout", handout_pages), ("answer key", key_pages)):
        # A figure's words are drawn, not written: a page of figure has little text, but draws much.
        blank = [
            i + 1 for i, (text, drawn) in enumerate(pages) if len(text.split()) < 5 and drawn < 5000
        ]
        assert not blank, f"{path.stem} {name}: pages {blank} are blank"


def handout_leaks(text):
    """Solution text found in a printed text: the leak test's, and again with spaces ignored."""
    found = leaks("printed.txt", text.encode())
    flat = squeeze(text)
    found += [
        (label, piece)
        for pieces in SOLUTION_TEXT.values()
        for label, items in pieces.items()
        for piece in items
        if squeeze(piece) in flat
    ]
    return found


def test_the_student_handout_has_no_solution_text(printed):
    path, _, (_, handout), _ = printed
    found = handout_leaks(handout)
    assert not found, f"{path.stem} handout: solution text of {found[0][0]}: {found[0][1]!r}"


def test_the_search_finds_solution_text_in_a_printed_page(printed):
    # A leak planted in the handout's own text is found; and the search, run on the answer key, which
    # prints every solution, finds them: so finding none in a handout means that there is none.
    path, nb, (_, handout), (_, key) = printed
    piece = next(p for pieces in SOLUTION_TEXT[path.name].values() for p in pieces)
    cut = len(handout) // 2
    assert handout_leaks(handout[:cut] + " " + piece + " " + handout[cut:])
    labels = {label for label, pieces in SOLUTION_TEXT[path.name].items() if pieces}
    assert labels and {label for label, _ in handout_leaks(key)} >= labels


def test_the_answer_key_has_every_solution_and_rubric(printed):
    path, nb, _, (_, key) = printed
    flat = squeeze(key)
    for label, pieces in solution_pieces(nb).items():
        seen = [p for p in pieces if squeeze(p) in flat]
        assert len(seen) >= 0.8 * len(pieces), (
            f"{path.stem}, {label}: not printed: {set(pieces) - set(seen)}"
        )
    rubrics = rubric_titles()
    for item in exercise_cells(nb):
        if item["kind"] in WRITTEN:
            assert squeeze(normalise(rubrics[item["label"]])) in flat, f"{item['label']}: no rubric"


def test_the_handout_leaves_room_to_write(printed):
    path, nb, (_, handout), (_, key) = printed
    written = [e for e in exercise_cells(nb) if e["kind"] in WRITTEN]
    assert handout.count("Your answer:") == len(written), path.stem
    assert "Your answer:" not in key


def test_references_print_their_addresses(printed):
    path, nb, (_, handout), _ = printed
    references = next(cell_text(c) for c in nb.cells if "## References" in cell_text(c))
    urls = re.findall(r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>", references)
    urls = [a or b for a, b in urls]
    assert urls
    flat = squeeze(handout)
    missing = [u for u in urls if squeeze(u) not in flat]
    assert not missing, f"{path.stem}: addresses not printed: {missing}"


def printed_references(text):
    """The printed References: from the last heading of that name to the rubrics, if any."""
    chapter = text.split("Rubrics for the written answers")[0]
    return chapter[chapter.rindex("References") :]


def test_each_reference_prints_its_address_once(printed):
    # A link whose text is its address prints it once. When its href held "&amp;" (an address
    # with a query string), the print stylesheet printed it again, as " <...&amp;...>".
    path, nb, (_, handout), (_, key) = printed
    references = next(cell_text(c) for c in nb.cells if "## References" in cell_text(c))
    written = references.split("## References", 1)[1]
    autolinks = set(re.findall(r"<(https?://[^>\s]+)>", written))
    assert autolinks
    for name, text in (("handout", handout), ("answer key", key)):
        flat = squeeze(text)
        raw = [markup for markup in ("&amp;", "](http") if markup in flat]
        assert not raw, f"{path.stem} {name}: raw markup printed: {raw}"
        listed = squeeze(printed_references(text))
        for url in autolinks:
            head = url.split("&")[0]  # up to its first "&", which no escaping changes
            times = listed.count(head)
            assert times == written.count(head), f"{path.stem} {name}: {url} printed {times} times"


def test_figures_print_as_vectors(printed):
    path = printed[0]
    for pdf in pdf_names(path):
        images = [image.name for page in PdfReader(PRINTED / pdf).pages for image in page.images]
        assert not images, f"{pdf}: raster images {images[:3]}; the figures should print as vectors"


def test_chapter_pages_link_their_handouts():
    for path in NOTEBOOKS:
        handout, key = pdf_names(path)
        full = (BOOK / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        student = (STUDENT_BOOK / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert f'href="../print/{handout}"' in full and f'href="../print/{key}"' in full, path.stem
        assert f'href="../print/{handout}"' in student, path.stem
        assert "answer-key" not in student, f"{path.stem}: the student book links the answer key"
        assert (BOOK / "print" / handout).exists() and (BOOK / "print" / key).exists()
        assert (STUDENT_BOOK / "print" / handout).exists()
        assert not (STUDENT_BOOK / "print" / key).exists()


def test_the_student_books_handout_is_the_same_file():
    for path in NOTEBOOKS:
        handout = pdf_names(path)[0]
        assert (STUDENT_BOOK / "print" / handout).read_bytes() == (PRINTED / handout).read_bytes()


def test_every_printed_pdf_belongs_to_a_chapter():
    stems = {p.stem for p in NOTEBOOKS}
    for pdf in PRINTED.glob("*.pdf"):
        assert re.sub(r"-(handout|answer-key)$", "", pdf.stem) in stems, pdf.name
    assert len(list(PRINTED.glob("*.pdf"))) == 2 * len(stems)
