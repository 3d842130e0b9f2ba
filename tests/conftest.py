"""Shared fixtures: paths, notebooks, and the two slow jobs every notebook test shares.

Running a notebook costs a kernel start and the imports (about 3 s here), so the suite runs
each chapter only three times, and two of those in the background while nbval runs:

1. nbval runs every notebook as committed (pytest.ini);
2. the book build executes every notebook as committed; its executed copies serve every
   test that reads outputs (`executed`), and the built pages serve the page tests
   (`built_book`);
3. one "exercise run" per chapter (`exercise_runs`): the notebook with every scaffold
   replaced by its reference solution, then every section again after only the setup
   cells (`%reset` between them). The exercise, section and determinism tests read it.

Both background jobs start once collection shows that a selected test needs them; the tests
that wait for them are moved to the end of the run.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from chapter_parts import cell_text, exercises, sections, setup_cells, solution_code

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
DATA = ROOT / "data"
NOTEBOOKS = sorted(p for p in CHAPTERS.glob("*.ipynb"))

# The notebooks import their helper from chapters/, as the kernel does.
sys.path.insert(0, str(CHAPTERS))

__all__ = ["ROOT", "CHAPTERS", "DATA", "NOTEBOOKS", "cell_text", "load_notebook", "read_json"]


def load_notebook(path):
    return nbformat.read(path, as_version=4)


def read_json(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


# --- The exercise run: one notebook per chapter that the exercise, section and determinism tests share.

def exercise_notebook(nb):
    """The chapter solved, then each section after the setup cells alone.

    Each cell's metadata records where it comes from: {"part": "solved", "cell": i} for
    cell i of the chapter, {"part": "section", "title": ...} for a section's cells.
    """
    solved = {item["scaffold"]: solution_code(nb, item) for item in exercises(nb) if item["scaffold"] is not None}
    cells = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            code = nbformat.v4.new_code_cell(solved.get(i, cell_text(cell)), metadata={"part": "solved", "cell": i})
            cells.append(code)
    for title, code in sections(nb):
        # %reset clears every name the run so far made; then the setup cells and the section alone.
        tag = {"part": "section", "title": title}
        cells.append(nbformat.v4.new_code_cell(f"%reset -f\n# {title}", metadata=tag))
        cells += [nbformat.v4.new_code_cell(src, metadata=tag) for src in setup_cells(nb) + code]
    return nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)


class Background:
    """A command started now, whose result a fixture collects later."""

    def __init__(self, args, log):
        self.log = log
        self.proc = subprocess.Popen(args, stdout=log.open("w"), stderr=subprocess.STDOUT, text=True,
                                     env={**os.environ, "PYTHONWARNINGS": "ignore"})

    def wait(self, timeout=900):
        self.proc.wait(timeout=timeout)
        return self.proc.returncode, self.log.read_text(encoding="utf-8", errors="replace")


def _needs(item, fixture):
    return fixture in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(session, config, items):
    # Tests that wait for a background job run last, so the job runs while the others do.
    items.sort(key=lambda item: (_needs(item, "built_book") or _needs(item, "executed"),
                                 _needs(item, "exercise_runs")))
    work = Path(tempfile.mkdtemp(prefix="summit-tests-"))
    config.background = {"folder": work}
    if any(_needs(i, "built_book") or _needs(i, "executed") for i in items):
        # The build runs on a copy, so the tests never touch the reader's own _build/ or cache.
        src = work / "src"
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
            "_build", ".git", ".venv", "venv", "__pycache__", ".ipynb_checkpoints", ".pytest_cache"))
        jb = Path(sys.executable).with_name("jupyter-book")
        config.background["book"] = (Background([str(jb), "build", str(src), "-W", "-n", "--keep-going"],
                                                work / "build.log"), src)
    if any(_needs(i, "exercise_runs") for i in items):
        jobs = []
        for path in NOTEBOOKS:
            source = work / f"exercise-run-{path.name}"
            nbformat.write(exercise_notebook(load_notebook(path)), source)
            jobs += [str(source), str(work / f"executed-{path.name}")]
        runner = Path(__file__).with_name("run_notebooks.py")
        config.background["exercise_runs"] = (Background([sys.executable, str(runner), str(CHAPTERS), *jobs],
                                                         work / "exercise-runs.log"), work)


def pytest_unconfigure(config):
    for entry in getattr(config, "background", {}).values():
        if isinstance(entry, tuple) and entry[0].proc.poll() is None:
            entry[0].proc.kill()  # a run stopped early (-x, Ctrl+C) leaves no build behind
    if "folder" in getattr(config, "background", {}):
        shutil.rmtree(config.background["folder"], ignore_errors=True)


@pytest.fixture(scope="session")
def built_book(pytestconfig):
    """The whole book built once, strictly (-W -n --keep-going): (returncode, log, HTML folder)."""
    job, src = pytestconfig.background["book"]
    returncode, log = job.wait()
    return returncode, log, src / "_build" / "html"


@pytest.fixture(scope="session")
def executed(built_book):
    """Each chapter notebook as the build executed it, outputs included."""
    returncode, log, html_dir = built_book
    assert returncode == 0, log[-3000:]
    return {path: load_notebook(html_dir.parent / "jupyter_execute" / "chapters" / path.name) for path in NOTEBOOKS}


@pytest.fixture(scope="session")
def exercise_runs(pytestconfig):
    """Each chapter's exercise run (see exercise_notebook), executed with errors kept as outputs."""
    job, work = pytestconfig.background["exercise_runs"]
    returncode, log = job.wait()
    assert returncode == 0, log[-3000:]
    return {path: load_notebook(work / f"executed-{path.name}") for path in NOTEBOOKS}
