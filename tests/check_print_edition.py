"""The printed handouts (python -m course.print_edition): read back from the PDFs with pypdf.

For every chapter: the exercise sheet (the handout), its answer key, and the whole chapter (the reader).

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
from course.print_edition import print_all, sheet_contents, written_part

BOOK = ROOT / "_build" / "html"
STUDENT_BOOK = ROOT / "_student" / "book" / "_build" / "html"
PRINTED = BOOK / "print"
MOST_PAGES = 6  # a sheet a class works from: six pages at most, on A4 or US Letter
A4 = (595, 842)  # points: the book's PDFs are printed on A4, the print command's default
SMALLEST_PT = 9  # the reader's text, its tables' included
NOT_ON_PAPER = ("Not attempted", "run its cell", "run the cell")  # a check's words for a screen


def pdf_names(path):
    return f"{path.stem}-handout.pdf", f"{path.stem}-answer-key.pdf", f"{path.stem}-reader.pdf"


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
    """(path, notebook, handout, key, reader), each PDF as pdf_text reads it."""
    path = request.param
    pdfs = [PRINTED / name for name in pdf_names(path)]
    for pdf in pdfs:
        if not pdf.exists():
            pytest.fail(
                f"{pdf.relative_to(ROOT)} is missing: run .venv/bin/python -m course.print_edition",
                pytrace=False,
            )
    return (path, load_notebook(path), *(pdf_text(pdf) for pdf in pdfs))


def captions(nb, names=None):
    """The captions of the chapter's figures, or of those named."""
    return [
        normalise(plain_markdown(c.metadata["mystnb"]["figure"]["caption"]))
        for c in nb.cells
        if c.cell_type == "code"
        and "figure" in c.metadata.get("mystnb", {})
        and (names is None or c.metadata["mystnb"]["figure"]["name"] in names)
    ]


def rubric_titles():
    text = (CHAPTERS / "rubrics.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\(rubric-(\S+)\)=\n#+ (.+)$", text, re.M))


def test_the_sheets_have_the_title_every_exercise_and_their_figures(printed):
    path, nb, (_, handout), (_, key), (_, reader) = printed
    items = exercise_cells(nb)
    wanted = [normalise(title(nb))] + [f"Exercise ({normalise(e['title'])})" for e in items]
    wanted += ["Learning objectives."]
    wanted += captions(nb, sheet_contents(nb, items)["figures"])
    for name, text in (("handout", handout), ("answer key", key)):
        missing = [w for w in wanted if squeeze(w) not in squeeze(text)]
        assert not missing, f"{path.stem} {name}: missing {missing}"


def test_the_reader_has_the_whole_chapter(printed):
    path, nb, _, _, (_, reader) = printed
    wanted = [normalise(title(nb))] + [
        f"Exercise ({normalise(e['title'])})" for e in exercise_cells(nb)
    ]
    wanted += captions(nb)
    assert len(captions(nb)) >= 1
    missing = [w for w in wanted if squeeze(w) not in squeeze(reader)]
    assert not missing, f"{path.stem} reader: missing {missing}"


def test_a_sheet_fits_on_six_pages(printed):
    path, _, (pages, _), _, _ = printed
    size = PdfReader(PRINTED / pdf_names(path)[0]).pages[0].mediabox
    assert all(abs(float(got) - want) < 2 for got, want in zip((size.width, size.height), A4)), (
        f"{path.stem}: not printed on A4 ({size.width} x {size.height} points)"
    )
    assert len(pages) <= MOST_PAGES, f"{path.stem}: the exercise sheet has {len(pages)} pages on A4"


@pytest.fixture(scope="module")
def on_letter(tmp_path_factory):
    """{chapter: pages of its exercise sheet} printed on US Letter, 18 mm shorter than A4, with the
    print command (--paper letter) from the same two builds."""
    out = tmp_path_factory.mktemp("letter")
    print_all(BOOK, STUDENT_BOOK, "letter", out)
    return {path.stem: len(PdfReader(out / pdf_names(path)[0]).pages) for path in NOTEBOOKS}


def test_a_sheet_fits_on_six_pages_of_letter_too(on_letter):
    longer = {stem: pages for stem, pages in on_letter.items() if pages > MOST_PAGES}
    assert len(on_letter) == len(NOTEBOOKS)
    assert not longer, f"exercise sheets longer than {MOST_PAGES} pages on US Letter: {longer}"


def test_the_sheets_speak_of_paper_not_of_cells(printed):
    path, _, (_, handout), (_, key), (_, reader) = printed
    for name, text in (("handout", handout), ("answer key", key), ("reader", reader)):
        found = [words for words in NOT_ON_PAPER[:1] if words in text]
        if name != "reader":
            found += [words for words in NOT_ON_PAPER if words in text and words not in found]
        assert not found, f"{path.stem} {name}: {found} printed"


def test_the_sheets_hold_each_written_exercises_rubric(printed):
    path, nb, (_, handout), (_, key), _ = printed
    rubrics = rubric_titles()
    for name, text in (("handout", handout), ("answer key", key)):
        flat = squeeze(text)
        for item in exercise_cells(nb):
            if written_part(item):
                assert squeeze(normalise(rubrics[item["label"]])) in flat, (
                    f"{path.stem} {name}, {item['label']}: no rubric"
                )


def test_no_page_is_blank(printed):
    path, _, (handout_pages, _), (key_pages, _), (reader_pages, _) = printed
    for name, pages in (
        ("handout", handout_pages),
        ("answer key", key_pages),
        ("reader", reader_pages),
    ):
        # A figure's words are drawn, not written: a page of figure has little text, but draws much
        # (a page that holds only the empty frame of a code cell, its code on the next page, draws
        # under 7 KB). A page that holds only a writing space (never split) is a page to write on.
        blank = [
            i + 1
            for i, (text, drawn) in enumerate(pages)
            if len(text.split()) < 5 and drawn < 20000 and "Your answer" not in text
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


def test_the_student_handout_and_reader_have_no_solution_text(printed):
    path, _, (_, handout), _, (_, reader) = printed
    for name, text in (("handout", handout), ("reader", reader)):
        found = handout_leaks(text)
        assert not found, f"{path.stem} {name}: solution text of {found[0][0]}: {found[0][1]!r}"


def test_the_search_finds_solution_text_in_a_printed_page(printed):
    # A leak planted in the handout's own text is found; and the search, run on the answer key, which
    # prints every solution, finds them: so finding none in a handout means that there is none.
    path, nb, (_, handout), (_, key), _ = printed
    piece = next(p for pieces in SOLUTION_TEXT[path.name].values() for p in pieces)
    cut = len(handout) // 2
    assert handout_leaks(handout[:cut] + " " + piece + " " + handout[cut:])
    labels = {label for label, pieces in SOLUTION_TEXT[path.name].items() if pieces}
    assert labels and {label for label, _ in handout_leaks(key)} >= labels


def test_the_answer_key_has_every_solution(printed):
    path, nb, _, (_, key), _ = printed
    flat = squeeze(key)
    for label, pieces in solution_pieces(nb).items():
        seen = [p for p in pieces if squeeze(p) in flat]
        assert len(seen) >= 0.8 * len(pieces), (
            f"{path.stem}, {label}: not printed: {set(pieces) - set(seen)}"
        )


def test_the_handout_leaves_room_for_every_written_part(printed):
    # A reading or discussion question, the written part of a code exercise ("points":
    # {"written": n}), and a question a code exercise asks about its result ("Which states rise?")
    # each get one space, titled with the exercise's title (a space may start a page).
    path, nb, (_, handout), (_, key), (_, reader) = printed
    items = exercise_cells(nb)
    body = {e["label"]: cell_text(nb.cells[e["index"]]).split(":nonumber:")[-1] for e in items}
    written = [e for e in items if written_part(e) or "?" in body[e["label"]]]
    assert written, path.stem
    assert handout.count("Your answer to") == len(written), path.stem
    missing = [
        e["title"]
        for e in written
        if squeeze(f"Your answer to {normalise(e['title'])}") not in squeeze(handout)
    ]
    assert not missing, f"{path.stem}: no titled room to write for {missing}"
    assert "Your answer to" not in key and "Your answer to" not in reader


def test_the_data_a_reading_exercise_names_is_in_the_reader(printed):
    # The sheet sends students to the reader for a file of data/ that a reading question names
    # ("the events in data/record.csv"): the reader prints every row's id.
    path, nb, _, _, (_, reader) = printed
    for item in exercise_cells(nb):
        text = cell_text(nb.cells[item["index"]]).split(":nonumber:")[-1]
        if item["kind"] != "reading":
            continue
        for name in set(re.findall(r"data/[\w-]+\.csv", text)):
            ids = [row.split(",", 1)[0] for row in (ROOT / name).read_text().splitlines()[1:]]
            missing = [i for i in ids if not re.search(rf"\b{re.escape(i)}\b", reader)]
            assert ids and not missing, f"{path.stem} reader: rows of {name} not printed: {missing}"


def test_references_print_their_addresses(printed):
    path, nb, _, _, (_, reader) = printed
    references = next(cell_text(c) for c in nb.cells if "## References" in cell_text(c))
    urls = re.findall(r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>", references)
    urls = [a or b for a, b in urls]
    assert urls
    flat = squeeze(reader)
    missing = [u for u in urls if squeeze(u) not in flat]
    assert not missing, f"{path.stem} reader: addresses not printed: {missing}"


def printed_references(text):
    """The printed References: from the last heading of that name on."""
    return text[text.rindex("References") :]


def test_each_reference_prints_its_address_once(printed):
    # A link whose text is its address prints it once. When its href held "&amp;" (an address
    # with a query string), the print stylesheet printed it again, as " <...&amp;...>".
    path, nb, (_, handout), (_, key), (_, reader) = printed
    references = next(cell_text(c) for c in nb.cells if "## References" in cell_text(c))
    written = references.split("## References", 1)[1]
    autolinks = set(re.findall(r"<(https?://[^>\s]+)>", written))
    assert autolinks
    for name, text in (("handout", handout), ("answer key", key), ("reader", reader)):
        flat = squeeze(text)
        raw = [markup for markup in ("&amp;", "](http") if markup in flat]
        assert not raw, f"{path.stem} {name}: raw markup printed: {raw}"
        if name != "reader":
            continue  # the sheets print no References
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


def text_sizes(path):
    """The size in points of every piece of text in a PDF, as drawn: the font's times the scale."""
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            sizes.append((size * scale, text))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_the_readers_text_and_tables_are_9_pt_or_more(printed):
    path = printed[0]
    reader = PRINTED / pdf_names(path)[2]
    sizes = text_sizes(reader)
    assert sizes, reader.name
    small = [(round(size, 1), text) for size, text in sizes if size < SMALLEST_PT - 0.05]
    assert not small, f"{reader.name}: text under {SMALLEST_PT} pt: {small[:5]}"


def test_chapter_pages_link_their_handouts():
    for path in NOTEBOOKS:
        handout, key, reader = pdf_names(path)
        full = (BOOK / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        student = (STUDENT_BOOK / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        for name in (handout, key, reader):
            assert f'href="../print/{name}"' in full, (path.stem, name)
            assert (BOOK / "print" / name).exists(), name
        for name in (handout, reader):
            assert f'href="../print/{name}"' in student, (path.stem, name)
            assert (STUDENT_BOOK / "print" / name).exists(), name
        assert "answer-key" not in student, f"{path.stem}: the student book links the answer key"
        assert not (STUDENT_BOOK / "print" / key).exists()


def test_the_student_books_handouts_are_the_same_files():
    for path in NOTEBOOKS:
        handout, _, reader = pdf_names(path)
        for name in (handout, reader):
            assert (STUDENT_BOOK / "print" / name).read_bytes() == (PRINTED / name).read_bytes()


def test_every_printed_pdf_belongs_to_a_chapter():
    stems = {p.stem for p in NOTEBOOKS}
    for pdf in PRINTED.glob("*.pdf"):
        assert re.sub(r"-(handout|answer-key|reader)$", "", pdf.stem) in stems, pdf.name
    assert len(list(PRINTED.glob("*.pdf"))) == 3 * len(stems)
