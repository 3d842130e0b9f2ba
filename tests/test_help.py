"""Where to read the book, which Pythons it runs on, and the troubleshooting page: its links, and
its messages, which must be the ones a student sees."""

import glob
import re
import sys
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from chapter_parts import cell_text, sections
from conftest import CHAPTERS, NOTEBOOKS, ROOT, load_notebook

from course.notebooks import exercise_cells

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
PAGE = (CHAPTERS / "troubleshooting.md").read_text(encoding="utf-8")


def readme():
    return (ROOT / "README.md").read_text(encoding="utf-8")


def text_blocks(text):
    return re.findall(r"```text\n(.*?)\n```", text, re.S)


def test_the_published_address_is_the_pages_site_of_the_repository():
    owner, repo = CONFIG["repository"]["url"].removeprefix("https://github.com/").split("/")
    address = f"https://{owner}.github.io/{repo}/"
    assert CONFIG["html"]["baseurl"] == address
    online = readme().split("### Read it online", 1)[1].split("\n### ", 1)[0]
    assert address in online, "README, Read it online: no address"
    landing = (CHAPTERS / "index.md").read_text(encoding="utf-8")
    assert "Read it online at [" in landing and f"]({address})" in landing
    assert f"({address})" in CONFIG["parse"]["myst_substitutions"]["trouble_which_book"]
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8")
    )
    assert any(
        "deploy-pages" in step.get("uses", "") for step in workflow["jobs"]["deploy"]["steps"]
    )


def test_the_supported_pythons_are_named_and_the_steps_use_the_students_python():
    for path in (ROOT / "README.md", CHAPTERS / "how-to-use.md"):
        text = path.read_text(encoding="utf-8")
        assert "Python 3.11 to 3.14" in text, path.name
        assert "py -3.11" not in text, f"{path.name}: use the student's Python, py -3"
    how_to = (CHAPTERS / "how-to-use.md").read_text(encoding="utf-8")
    assert (
        "python3 --version\n" in how_to
        and "py -3 --version\n" in how_to
        and "py -3 -m venv .venv" in how_to
    )
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"  # Binder's pin stays


def test_the_print_command_runs_in_ci_and_in_the_pages_workflow():
    section = readme().split("## Print the handouts", 1)[1].split("\n## ", 1)[0]
    (command,) = re.findall(r"```bash\n(.*?)\n```", section, re.S)
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert command in ci and ".venv/bin/pytest tests/check_print_edition.py" in ci
    # After the test run, whose book job keeps the student edition it makes (SUMMIT_KEEP_BUILDS).
    assert ci.index(command) > ci.index(".venv/bin/pytest _student/notebooks/chapters")
    assert (
        "export REQUIRE_REGISTRY=1" in ci
        and ".venv/bin/pytest tests/check_python_versions.py" in ci
    )
    workflow = (ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8")
    assert workflow.index(command) < workflow.index("upload-pages-artifact")


def test_the_troubleshooting_page_is_in_the_book_and_linked_from_three_places():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "file: chapters/troubleshooting\n" in toc
    assert "(chapters/troubleshooting.md)" in readme()
    for name in ("how-to-use.md", "instructor-guide.md"):
        assert "(troubleshooting.md)" in (CHAPTERS / name).read_text(encoding="utf-8"), name


def test_a_section_run_before_the_setup_cells_fails_as_the_page_says():
    # The page quotes chapter 1's "The actors" section run first, as IPython shows it.
    block = next(b for b in text_blocks(PAGE) if b.startswith("NameError"))
    message = block.splitlines()[-1]
    nb = load_notebook(CHAPTERS / "01-article-and-actors.ipynb")
    _, cells = next(s for s in sections(nb) if s[0] == "## The actors")
    source = cell_text(nb.cells[cells[0]])
    for number, line in enumerate(source.splitlines(), 1):
        assert re.search(rf"^(----> |      ){number} {re.escape(line)}$", block, re.M), line
    try:
        exec(compile(source, "cell", "exec"), {})
    except NameError as error:
        assert message == f"NameError: {error}"
    else:
        raise AssertionError("the section ran without its setup cells")


def test_a_notebook_read_without_myst_shows_what_the_page_says():
    # JupyterLab without jupyterlab-myst, and VS Code, render Markdown cells as CommonMark: the
    # exercise's fence becomes a code block, its title goes, and its solution shows unfolded.
    block = next(b for b in text_blocks(PAGE) if b.startswith(":label:"))
    nb = load_notebook(CHAPTERS / "01-article-and-actors.ipynb")
    item = exercise_cells(nb)[0]
    shown = MarkdownIt("commonmark").render(cell_text(nb.cells[item["index"]]))
    assert "ex-repeated-ties" in block and item["label"] in block
    assert shown.startswith('<pre><code class="language-{exercise}">' + block + "\n")
    assert item["title"] not in shown
    solution = MarkdownIt("commonmark").render(cell_text(nb.cells[item["solution"]]))
    assert solution.startswith("<pre><code") and "Select the states" in solution
    raw = CONFIG["parse"]["myst_substitutions"]["trouble_raw_solution"]
    assert "not folded" in raw and "{{ trouble_raw_solution }}" in PAGE


def test_the_other_quoted_messages_are_the_real_ones():
    # JupyterLab's own words for a dead kernel, as its installed code has them.
    dead = next(line for line in PAGE.splitlines() if "appears to have died" in line)
    said = re.sub(r"^The kernel for \S+ ", "The kernel for %1 ", dead)
    lab = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static"
    assert any(
        said in Path(f).read_text(encoding="utf-8", errors="replace")
        for f in glob.glob(str(lab / "*.js"))
    )
    # A kernel without the book's packages stops at chapter 1's first import.
    missing = re.search(r"ModuleNotFoundError: No module named '(\w+)'", PAGE).group(1)
    setup = next(
        cell_text(c)
        for c in load_notebook(NOTEBOOKS[0]).cells
        if cell_text(c).startswith("# Setup")
    )
    first = re.search(r"^import (\w+)", setup, re.M).group(1)
    assert missing == first
    # Every chapter has the restart tip the page points to.
    for path in NOTEBOOKS:
        assert any("Restarted the kernel" in cell_text(c) for c in load_notebook(path).cells[:6]), (
            path.name
        )
