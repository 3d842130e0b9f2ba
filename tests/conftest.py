"""Shared fixtures: paths, notebooks, and the slow jobs that the notebook tests share.

Running a notebook costs a kernel start and the imports (about 3 s here), so the suite runs
each chapter twice, and does the rest in the background (tests/background.py), on the
machine's second core, while nbval and the other tests run:

1. nbval runs every notebook as committed, first. Its outputs are kept (`pytest_runtest_protocol`
   below), and they serve every test that reads outputs (`executed`);
2. the book is built from those executed notebooks, with execution turned off, since nbval has
   just run them: its pages serve the page tests (`built_book`). Then the instructor's command
   makes the student edition from the same copy (`student_edition`). When pytest is asked for only part
   of nbval's cells, the build executes the notebooks itself, as the README's build does;
3. one "exercise run" per chapter (`exercise_runs`): every section after only the setup
   cells, every name forgotten between sections, with every scaffold replaced by its reference
   solution; all chapters in one kernel, one after the other. The exercise, section and
   determinism tests read it.

What a browser shows (every page, every chapter in JupyterLab) is checked apart, by
tests/check_browser.py, on a built book.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
DATA = ROOT / "data"
NOTEBOOKS = sorted(p for p in CHAPTERS.glob("*.ipynb"))

# The notebooks import their helper from chapters/, as the kernel does; the instructor's
# commands are the course package, as `python -m course....` finds it from the root.
sys.path.insert(0, str(CHAPTERS))
sys.path.insert(0, str(ROOT))

# Where the background jobs write.
JOBS = "SUMMIT_TESTS_JOBS"
# Test files that need no background job: running only these starts none.
NEEDS_NO_JOB = {
    "test_data.py",
    "test_repository.py",
    "test_notebooks.py",
    "test_claims.py",
    "test_course.py",
    "test_hints.py",
    "test_help.py",
    "check_python_versions.py",
    "check_print_edition.py",
    "check_browser.py",
    "test_workbench.py",
    "test_kit.py",
    "test_graded_edition.py",
    "check_graded_edition.py",
    "test_sources.py",
    "test_contribute.py",
}


def load_notebook(path):
    return nbformat.read(path, as_version=4)


def _asks_only_for(config, files):
    named = [Path(str(arg).split("::")[0]).name for arg in config.args]
    return bool(named) and all(name in files for name in named)


# The fixtures that wait for the book job: a test that uses one is marked "book".
BOOK_FIXTURES = ("built_book", "student_edition")


def _skips_the_book(config):
    # -m "not book": the inner loop starts neither the build nor JupyterLab.
    return "not book" in (config.option.markexpr or "")


def pytest_sessionstart(session):
    config = session.config
    if _asks_only_for(config, NEEDS_NO_JOB):
        return  # nothing asked for needs them
    jobs = ("notebooks",) if _skips_the_book(config) else ("book", "notebooks")
    folder = Path(tempfile.mkdtemp(prefix="summit-tests-"))
    os.environ[JOBS] = str(folder)
    script = Path(__file__).with_name("background.py")
    config.summit_jobs = (
        folder,
        [
            subprocess.Popen(
                [sys.executable, str(script), job, str(folder)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={
                    **os.environ,
                    "PYTHONWARNINGS": "ignore",
                },
            )
            for job in jobs
        ],
    )


def pytest_unconfigure(config):
    if hasattr(config, "summit_jobs"):
        folder, jobs = config.summit_jobs
        for job in jobs:
            if job.poll() is None:
                os.killpg(
                    job.pid, signal.SIGKILL
                )  # a run stopped early leaves no build or kernel behind
        shutil.rmtree(folder, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(session, config, items):
    for item in items:
        if any(f in getattr(item, "fixturenames", ()) for f in BOOK_FIXTURES):
            item.add_marker(pytest.mark.book)
    # Tests that wait for a background job run last, so the job runs while the others do.
    waits = ("built_book", "executed", "student_edition", "exercise_runs")
    items.sort(key=lambda item: any(f in getattr(item, "fixturenames", ()) for f in waits))


def _is_nbval_cell(item):
    return type(item).__name__ == "IPyNbCell"


def code_cells(path):
    return sum(cell.cell_type == "code" for cell in load_notebook(path).cells)


def pytest_collection_finish(session):
    # Tell the book job whether nbval will run every cell of every chapter (then the build
    # uses nbval's outputs) or not (then the build executes the notebooks itself).
    if not hasattr(session.config, "summit_jobs"):
        return
    folder, _ = session.config.summit_jobs
    asked = Counter(Path(str(item.fspath)).name for item in session.items if _is_nbval_cell(item))
    left = {path.name: code_cells(path) for path in NOTEBOOKS}
    whole = all(asked[name] == count for name, count in left.items())
    if whole:
        session.config.summit_cells_left = left
    (folder / "book-mode.tmp").write_text("nbval" if whole else "execute")
    (folder / "book-mode.tmp").rename(folder / "book-mode")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    yield
    left = getattr(item.config, "summit_cells_left", None)
    if left is None or not _is_nbval_cell(item):
        return
    # nbval has run this cell: keep what it printed and showed, as a build would.
    name = Path(str(item.fspath)).name
    item.cell.outputs = [nbformat.from_dict(out) for out in (item.test_outputs or [])]
    item.cell.execution_count = item.cell_num + 1
    left[name] -= 1
    if left[name] == 0:  # the notebook's last cell: hand it to the book job
        folder, _ = item.config.summit_jobs
        nbformat.write(item.parent.nb, folder / f"nbval-{name}.tmp")
        (folder / f"nbval-{name}.tmp").rename(folder / f"nbval-{name}")


def wait_for(job, timeout=900):
    """(exit code, log) of a background job, once it has ended."""
    if JOBS not in os.environ:
        pytest.fail(
            "the background jobs were not started: run pytest from the repository root",
            pytrace=False,
        )
    folder = Path(os.environ[JOBS])
    rc = folder / f"{job}.rc"
    deadline = time.monotonic() + timeout
    while not rc.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"background job {job!r} did not finish within {timeout} s", pytrace=False)
        time.sleep(0.2)
    log = folder / f"{job}.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    code = rc.read_text().strip()
    return (int(code) if code.isdigit() else code), text


@pytest.fixture(scope="session")
def built_book():
    """The whole book built once, strictly (-W -n --keep-going): (exit code, log, HTML folder)."""
    code, log = wait_for("book")
    return code, log, Path(os.environ[JOBS]) / "src" / "_build" / "html"


@pytest.fixture(scope="session")
def student_edition(built_book):
    """What `python -m course.student_edition` wrote from the test's copy: (exit code, log, folder)."""
    code, log = wait_for("student")
    return code, log, Path(os.environ[JOBS]) / "student"


@pytest.fixture(scope="session")
def executed(built_book):
    """Each chapter notebook as nbval (or, failing that, the build) executed it, outputs included."""
    code, log, html_dir = built_book
    assert code == 0, log[-3000:]
    return {
        path: load_notebook(html_dir.parent / "jupyter_execute" / "chapters" / path.name)
        for path in NOTEBOOKS
    }


@pytest.fixture(scope="session")
def exercise_runs():
    """Each chapter's exercise run (chapter_parts.exercise_notebook), errors kept as outputs."""
    code, log = wait_for("exercise_runs")
    assert code == 0, log[-3000:]
    return {
        path: load_notebook(Path(os.environ[JOBS]) / f"exercise-run-{path.name}")
        for path in NOTEBOOKS
    }
