"""Every chapter notebook: committed clean, built on the teaching scaffold, figures captioned."""

import re

import nbformat
import pytest

from chapter_parts import SOLUTION, cell_text, exercises, solution_code
from conftest import NOTEBOOKS, load_notebook
from solution_text import normalise, plain_markdown, solution_pieces


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def nb(request):
    return load_notebook(request.param)


def test_there_are_chapters():
    assert NOTEBOOKS, "no notebooks found under chapters/"


def test_python3_kernel_and_no_stored_outputs(nb):
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["kernelspec"]["language"] == "python"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} has stored outputs: commit notebooks clean"
            assert cell.execution_count is None, f"cell {i} has an execution count"


def test_chapter_follows_the_skeleton(nb):
    text = "\n".join(cell_text(c) for c in nb.cells if c.cell_type == "markdown")
    assert re.match(r"# \d+\. ", cell_text(nb.cells[0])), "the first cell opens with '# N. Title'"
    for part in (
        "Learning objectives",
        "Prerequisites",
        "Time to complete",
        "## Exercises",
        "## Summary",
        "## What's next",
        "## References",
    ):
        assert part in text, f"missing: {part}"
    assert "| Concept | Importance |" in text, "prerequisites come as a table"
    assert "cnbc.com" in text, "the chapter links the original article"


def test_every_exercise_has_a_folded_solution_and_code_exercises_a_check(nb):
    items = exercises(nb)
    assert len(items) >= 3
    labels = [item["label"] for item in items]
    assert len(labels) == len(set(labels)), "exercise labels are unique"
    for item in items:
        assert item["solution"] is not None, f"{item['label']} has no solution"
        options = SOLUTION.search(cell_text(nb.cells[item["solution"]])).group(3)
        assert ":class: dropdown" in options, f"{item['label']}: the solution must be a dropdown"
        code = solution_code(nb, item)
        if item["scaffold"] is not None:
            assert code, f"{item['label']}: a code exercise needs a python block in its solution"
            assert item["check"] is not None, f"{item['label']}: no check cell after the scaffold"
            assert "check_" in cell_text(nb.cells[item["check"]])
        else:
            assert code is None, f"{item['label']}: solution code without a scaffold cell"
            answer = nb.cells[item["index"] + 1]
            tags = answer.metadata.get("tags", [])
            assert answer.cell_type == "markdown" and "answer" in tags, (
                f"{item['label']}: a reading question is followed by an answer cell tagged 'answer'"
            )
            assert "remove-cell" in tags, (
                f"{item['label']}: the answer cell is for the notebook, not the book"
            )
    assert any(item["scaffold"] is None for item in items), "at least one reading question"
    assert sum(item["scaffold"] is not None for item in items) >= 2, "at least two code exercises"


ANSWER_CELL = re.compile(r"\*\*Your (?:answer|discussion|sentence) \((?P<title>[^()]+)\):\*\* ")
# What JupyterLab shows as raw text once a student double-clicks a cell to write in it: MyST roles
# ({term}`...`), directives (```{...}), targets ((label)=), and maths between dollars.
MYST_MARKUP = re.compile(r"\{[a-z-]+\}|^\(.+\)=$|:::|(?<!\\)\$", re.M)


def exercise_title(cell):
    return re.search(r"\{exercise\} (.+)", cell_text(cell)).group(1).strip()


def test_answer_cells_are_plain_text_headed_by_their_exercise(nb):
    # A student double-clicks an answer cell to write in it, and sees its source: it must read as
    # plain text there, and name the exercise it answers.
    items = {item["index"]: item for item in exercises(nb)}
    titles = {}
    for index in sorted(items):
        for j in range(index + 1, len(nb.cells)):
            if "answer" in nb.cells[j].metadata.get("tags", []):
                titles.setdefault(j, exercise_title(nb.cells[index]))
            if j in items:
                break
    answers = [i for i, c in enumerate(nb.cells) if "answer" in c.metadata.get("tags", [])]
    assert answers, "no answer cells"
    for i in answers:
        text = cell_text(nb.cells[i])
        head = ANSWER_CELL.match(text)
        assert head, (
            f"cell {i}: an answer cell opens '**Your answer (exercise title):** ', not {text[:60]!r}"
        )
        assert head["title"] == titles.get(i), (
            f"cell {i}: names {head['title']!r}, its exercise is {titles.get(i)!r}"
        )
        markup = MYST_MARKUP.search(text)
        assert not markup, (
            f"cell {i}: {markup.group(0)!r} shows as raw MyST when a student edits the cell"
        )


def test_the_answer_cell_test_finds_myst_markup():
    assert MYST_MARKUP.search("**Your answer ({term}`Honest broker`?):** write here.")
    assert MYST_MARKUP.search("Costs $15 million.")
    assert not MYST_MARKUP.search(
        "**Your answer (Honest broker?):** write here; costs \\$15 million."
    )


# "[Outlet, 12 June 2018](address)", "[Author, 2009](address)" where only the year is known,
# or "[Outlet, n.d.](address)" where no date is.
CITATION = re.compile(r"\[[^\]]+, (?:(?:\d{1,2} [A-Z][a-z]+ )?\d{4}|n\.d\.)\]\((https?://[^)]+)\)")


def test_every_citation_is_in_the_references_and_every_reference_is_cited(nb):
    # Citations are plain links, "[Outlet, 12 June 2018](address)", so they work in the book,
    # in JupyterLab and in a downloaded notebook alike; the References list gives the full entry.
    text = "\n".join(cell_text(c) for c in nb.cells if c.cell_type == "markdown")
    body, references = text.split("## References", 1)
    listed = re.findall(r"<(https?://[^>]+)>", references)
    cited = CITATION.findall(body)
    assert cited, "no citations found"
    assert set(cited) <= set(listed), f"cited but not listed: {set(cited) - set(listed)}"
    assert set(listed) <= set(cited), f"listed but never cited: {set(listed) - set(cited)}"


def test_no_gated_solutions(nb):
    # solution-start/solution-end shows its code in JupyterLab and crashes hide_solutions.
    for cell in nb.cells:
        assert "solution-start" not in cell_text(cell)


def test_every_figure_has_a_caption_and_alt_text(nb):
    figures = [
        c
        for c in nb.cells
        if c.cell_type == "code"
        and ("plt.show()" in cell_text(c) or "draw_network(" in cell_text(c))
    ]
    for cell in figures:
        meta = cell.metadata.get("mystnb", {})
        caption = meta.get("figure", {}).get("caption", "")
        name = meta.get("figure", {}).get("name", "")
        alt = meta.get("image", {}).get("alt", "")
        assert name.startswith("fig-"), "a figure needs a name, so the text can refer to it"
        assert len(caption) >= 40, f"{name}: caption too short"
        assert len(alt) >= 120, (
            f"{name}: alt text must describe the figure (got {len(alt)} characters)"
        )
        assert "PLACEHOLDER" not in alt
        assert cell_text(cell).rstrip().endswith(("plt.show()", ";")), (
            f"{name}: end the cell with plt.show() so no object address is printed"
        )


def test_article_network_alt_text_names_every_actor():
    # The alt text is written by hand; this keeps it in step with data/actors.csv.
    from summitkit import load_data

    nb = load_notebook(next(p for p in NOTEBOOKS if p.name.startswith("01-")))
    cell = next(
        c
        for c in nb.cells
        if c.metadata.get("mystnb", {}).get("figure", {}).get("name") == "fig-article-network"
    )
    alt = cell.metadata["mystnb"]["image"]["alt"]
    data = load_data()
    missing = [name for name in data.actors["name"] if name not in alt]
    assert not missing, f"alt text does not mention {missing}"
    assert f"{len(data.actors)} actors" in alt

    # The counts it states are the data's.
    def ties_between(a, b, relation=None):
        pair = {a, b}
        return sum(
            {t.source, t.target} == pair and relation in (None, t.relation)
            for t in data.ties.itertuples()
        )

    assert f"{ties_between('russia', 'north_korea')} ties join it to North Korea" in alt
    assert f"China ({ties_between('russia', 'china', 'alignment')} alignment ties, one arc" in alt
    assert (
        f"China ({ties_between('north_korea', 'china', 'economic')} economic ties, one arc" in alt
    )


PARAGRAPH_REF = re.compile(r"\(([^()]*(?:§\d+|K\d)[^()]*)\)")


def paragraphs_read(nb):
    """The paragraphs a chapter says it reads, from its opening cell: 'K1 and paragraphs §1–§7'."""
    opening = cell_text(nb.cells[0]).split("**Learning objectives", 1)[0]
    found = set(re.findall(r"\bK\d\b", opening)) | set(re.findall(r"§(\d+)", opening))
    for start, end in re.findall(r"§(\d+)–§(\d+)", opening):
        found |= {str(n) for n in range(int(start), int(end) + 1)}
    return found


def test_section_chapters_cite_every_paragraph_they_read(nb):
    # A chapter that names its paragraphs in its opening cites each of them, as (§n) or (Kn), in its text.
    read = paragraphs_read(nb)
    text = "\n".join(cell_text(c) for c in nb.cells if c.cell_type == "markdown")
    cited = set()
    for ref in PARAGRAPH_REF.findall(text):
        cited |= set(re.findall(r"\bK\d\b", ref)) | set(re.findall(r"§(\d+)", ref))
    assert read <= cited, f"paragraphs read but never cited: {sorted(read - cited)}"


def test_some_chapter_reads_named_paragraphs():
    # Keeps the test above from passing vacuously.
    assert any(paragraphs_read(load_notebook(p)) for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_chapters_checks_live_in_its_own_module(path):
    # "An instructor finds any check in one step": chapter NN's checks are in summitkit/chNN.py.
    import importlib

    nb, number = load_notebook(path), path.name[:2]
    used = set(
        re.findall(
            r"\b(check_\w+)\(", "\n".join(cell_text(c) for c in nb.cells if c.cell_type == "code")
        )
    )
    if not used:
        return
    module = importlib.import_module(f"summitkit.ch{number}")
    missing = {name for name in used if not hasattr(module, name)}
    assert not missing, f"summitkit/ch{number}.py does not define {missing}"


def test_exercises_are_named_not_numbered(nb):
    # The book numbers exercises across chapters and JupyterLab per notebook, so "Exercise 3" would
    # point at different exercises in the two. Prose refers to exercises by title.
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            assert not re.search(r"\bExercises? \d", cell_text(cell)), (
                f"cell {i} refers to an exercise by number"
            )


# The book's code column shows about 80 characters; a longer line is cut off on the page.
MAX_CODE_LINE = 80


def long_code_lines(nb):
    """(cell index, line) for every line of code, in code cells or in python fences, over the limit."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            blocks = [cell_text(cell)]
        else:
            blocks = [
                m.group(2)
                for m in re.finditer(r"^(`{3,})python\n(.*?)^\1", cell_text(cell), re.M | re.S)
            ]
        found += [
            (i, line)
            for block in blocks
            for line in block.splitlines()
            if len(line) > MAX_CODE_LINE
        ]
    return found


def test_no_code_line_is_wider_than_the_column(nb):
    long = long_code_lines(nb)
    assert not long, "\n".join(f"cell {i}: {len(line)} characters: {line}" for i, line in long)


def test_a_long_code_line_is_found():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("x = 1  # " + "y" * 80),
            nbformat.v4.new_markdown_cell("````python\n" + "z" * 81 + "\n````"),
        ]
    )
    assert [i for i, _ in long_code_lines(nb)] == [0, 1]


def test_each_chapter_links_the_first_use_of_every_glossary_term(nb):
    from glossary_terms import first_uses, glossary_terms

    terms = glossary_terms()
    assert len(terms) >= 15
    unlinked = [term for term, (*_, linked) in first_uses(nb, terms).items() if not linked]
    assert not unlinked, f"link the first use with {{term}}: {unlinked}"


def test_an_unlinked_first_use_is_found():
    from glossary_terms import first_uses, glossary_terms

    terms = glossary_terms(":::{glossary}\nShortest path\n  A route.\n:::\n")
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                '## Shortest paths\n\nA "shortest path" quoted, then shortest paths.'
            ),
            nbformat.v4.new_markdown_cell("Later, a {term}`shortest path`."),
        ]
    )
    start = nb.cells[0].source.index("shortest paths.")  # not the heading, not the quotation
    assert first_uses(nb, terms) == {
        "Shortest path": (0, start, start + len("shortest paths"), False)
    }
    nb.cells[0].source = nb.cells[0].source.replace(
        "then shortest paths", "then {term}`shortest paths <Shortest path>`"
    )
    assert first_uses(nb, terms)["Shortest path"][3] is True


# Nothing a chapter runs may fetch from the network: the notebooks work offline, on a locked-down
# hub, and give the same output every time. Reading a web address is how a fetch would start.
FETCHES = re.compile(
    r"urlopen|import requests|from requests|urllib\.request|http\.client|"
    r"read_(csv|json|html|excel|table)\(\s*[\"']https?:|[\"']https?://[^\"']*[\"']\s*\)"
)


def fetches(code):
    return [line.strip() for line in code.splitlines() if FETCHES.search(line)]


def test_nothing_a_chapter_runs_fetches_from_the_network(nb):
    code = "\n".join(cell_text(c) for c in nb.cells if c.cell_type == "code")
    helper = "\n".join(
        p.read_text(encoding="utf-8") for p in (NOTEBOOKS[0].parent / "summitkit").glob("*.py")
    )
    assert not fetches(code) and not fetches(helper), fetches(code) + fetches(helper)


def test_a_fetch_is_found():
    assert fetches('df = pd.read_csv("https://example.org/ties.csv")')
    assert fetches("from urllib.request import urlopen")
    assert not fetches('ARTICLE_URL = "https://www.cnbc.com/"  # a link for readers, not read')


# --- Summaries state the idea, not an exercise's answer ------------------------------------------
# The solution text is found as the student-edition test finds it (solution_text.py); a
# summary may not share a run of RUN words with any piece of it. RUN is the shortest sentence
# that finder keeps, so a whole solution sentence, or most of one, is always caught.
RUN = 7


def summary_text(nb):
    """A chapter's Summary, from its heading to the next '## ' heading, in the words a reader sees."""
    text = "\n".join(cell_text(c) for c in nb.cells if c.cell_type == "markdown")
    return normalise(plain_markdown(text.split("## Summary", 1)[1].split("\n## ", 1)[0]))


def answers_in(summary, pieces):
    """(exercise label, words) for each solution piece found whole in the summary, or sharing RUN words
    in a row with it (a line of code may be shorter).

    The summary's quotations are left out of the second search: a summary and a model answer may
    quote the same words of the article.
    """
    said = set()
    for part in re.split(r'"[^"]*"', summary):
        words = re.findall(r"[\w§'-]+", part.lower())
        said |= {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    found = []
    for label, items in pieces.items():
        for piece in items:
            words = re.findall(r"[\w§'-]+", piece.lower())
            runs = [
                words[i : i + RUN]
                for i in range(len(words) - RUN + 1)
                if tuple(words[i : i + RUN]) in said
            ]
            if piece in summary or runs:
                found.append((label, " ".join(runs[0]) if runs else piece))
    return found


def test_summaries_state_the_idea_not_an_exercises_answer(nb):
    # The student edition keeps the Summary: repeating an answer there gives it away.
    repeated = answers_in(summary_text(nb), solution_pieces(nb))
    assert not repeated, "the Summary repeats solution text: " + "; ".join(
        f"{label}: {words!r}" for label, words in repeated
    )


def test_a_summary_that_repeats_an_answer_is_found():
    nb = load_notebook(next(p for p in NOTEBOOKS if p.name.startswith("02-")))
    pieces = solution_pieces(nb)
    # Chapter 2's Summary before it was rewritten gave away Who needs Russia? in other words.
    old = (
        "Betweenness, ego networks and Burt's structural holes measure brokerage. In these paragraphs Russia "
        "is the top broker, but its position rests on China, tied to it by a comparison, not on the two "
        "Koreas, which the article ties to each other."
    )
    assert [label for label, _ in answers_in(normalise(old), pieces)] == ["ex-needs-russia"]
    # Every line of solution code and every sentence of a model answer, planted in the Summary, is found.
    summary = summary_text(nb)
    for label, items in pieces.items():
        for piece in items:
            assert not answers_in(summary, {label: [piece]})
            assert answers_in(f"{summary} {piece}", {label: [piece]}), piece
    # The article's words, quoted by a model answer and by the Summary alike, are not.
    quoting = next(
        p
        for items in pieces.values()
        for p in items
        if any(len(q.split()) >= RUN for q in re.findall(r'"([^"]*)"', p))
    )
    quote = next(q for q in re.findall(r'"([^"]*)"', quoting) if len(q.split()) >= RUN)
    assert not answers_in(f'{summary} As the article puts it, "{quote}".', {"any": [quoting]})


def test_every_chapter_says_how_to_recover_from_a_restart(nb):
    # A student who restarts the kernel, or opens the notebook in the middle, meets NameError: the
    # way out is in the notebook itself, near the top, in the student edition too (no tag removes it).
    from course.notebooks import student_copy

    setups = [
        cell_text(c).splitlines()[0]
        for c in nb.cells
        if c.cell_type == "code" and cell_text(c).startswith("# Setup")
    ]
    assert setups, "no Setup cells"
    count = int(re.match(r"# Setup 1 of (\d+)", setups[0]).group(1))
    assert len(setups) == count, f"{len(setups)} Setup cells, numbered 'of {count}'"
    notes = [
        i for i, c in enumerate(student_copy(nb).cells) if "Restarted the kernel" in cell_text(c)
    ]
    assert notes and notes[0] <= 2, "a restart note near the top of the student notebook"
    note = cell_text(student_copy(nb).cells[notes[0]])
    assert (
        "NameError" in note
        and f"# Setup 1 of {count}" in note
        and f"# Setup {count} of {count}" in note
    )


def test_exercises_are_unnumbered_so_book_and_jupyterlab_agree(nb):
    # The book numbers exercises across chapters, JupyterLab within a notebook: unnumbered, both show
    # "Exercise (title)", and a course names an exercise the way a student sees it.
    for item in exercises(nb):
        directive = cell_text(nb.cells[item["index"]]).split("\n\n", 1)[0]
        assert ":nonumber:" in directive, (
            f"{item['label']}: add :nonumber: to the exercise's options"
        )
