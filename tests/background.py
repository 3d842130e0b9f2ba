"""The suite's slow jobs: two run in the background while the other tests run (conftest.py).

usage: python background.py book FOLDER        build the book (from nbval's executed notebooks
                                               when conftest.py says so) and the student edition
       python background.py notebooks FOLDER   the exercise run of every chapter
       python background.py lab FOLDER         every chapter opened in JupyterLab (check_browser.py)

Each job writes its log and, when it ends, a NAME.rc file with its exit code into FOLDER;
the fixtures that need a job wait for its .rc file.
"""

import shutil
import subprocess
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from chapter_parts import exercise_notebook

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"


def start(name, args, folder, cwd=None):
    """Start a command, logging to NAME.log; return a function that waits for it, writes its exit
    code to NAME.rc and returns it."""
    log = (folder / f"{name}.log").open("w")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)

    def finish():
        code = process.wait()
        log.close()
        (folder / f"{name}.rc").write_text(str(code))
        return code

    return finish


def run(name, args, folder, cwd=None):
    """Run a command, logging to NAME.log; then write its exit code to NAME.rc."""
    return start(name, args, folder, cwd)()


def book(folder):
    # The build runs on a copy, so the tests never touch the reader's own _build/ or cache.
    src = folder / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            "_build",
            "_student",
            ".git",
            ".venv*",  # any virtual environment: .venv, .venv-course, venv, ...
            "venv*",
            "__pycache__",
            ".ipynb_checkpoints",
            ".pytest_cache",
        ),
    )
    if wait_for_file(folder / "book-mode") == "nbval" and use_nbval_runs(src, folder):
        config = src / "_config.yml"
        text = config.read_text(encoding="utf-8")
        assert "execute_notebooks: cache" in text, "_config.yml: expected execute_notebooks: cache"
        config.write_text(
            text.replace("execute_notebooks: cache", 'execute_notebooks: "off"'), encoding="utf-8"
        )
    # The student edition, made by the instructor's command (README, "Set its exercises") from
    # this copy, at the same time as the book: neither needs the other, and with nbval's outputs
    # in the copy neither executes anything.
    student = start(
        "student",
        [sys.executable, "-m", "course.student_edition", "--out", str(folder / "student")],
        folder,
        cwd=src,
    )
    jb = str(Path(sys.executable).with_name("jupyter-book"))
    run("book", [jb, "build", str(src), "-W", "-n", "--keep-going"], folder)
    code = student()
    if os.environ.get("SUMMIT_KEEP_BUILDS") and code == 0:
        # CI's later steps (nbval on the student notebooks, the printed handouts) use these two
        # builds instead of making them again: .ci/run sets SUMMIT_KEEP_BUILDS.
        for built, kept in [
            (src / "_build" / "html", ROOT / "_build" / "html"),
            (folder / "student", ROOT / "_student"),
        ]:
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(built, kept)


def wait_for_file(path, timeout=600):
    """The text of a file that the pytest process writes (conftest.py), once it is there."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            return None
        time.sleep(0.2)
    return path.read_text()


def use_nbval_runs(src, folder):
    # nbval has just run every chapter, in a kernel started in chapters/ as the build starts
    # its own: build from those outputs instead of running every chapter a second time.
    for path in sorted((src / "chapters").glob("*.ipynb")):
        if wait_for_file(folder / f"nbval-{path.name}") is None:
            return False
    for path in sorted((src / "chapters").glob("*.ipynb")):
        shutil.copyfile(folder / f"nbval-{path.name}", path)
    return True


def notebooks(folder):
    # Below nbval and the book's build, which the tests of the pages wait for: the exercise runs
    # take the CPU they leave.
    os.nice(10)
    # Every chapter's exercise run in one kernel, started in chapters/ as the book and nbval start
    # theirs: each section begins by forgetting every name, so a chapter learns nothing from the one
    # before, and the kernel start and the imports are paid once, not once per chapter.
    paths = sorted(CHAPTERS.glob("*.ipynb"))
    runs = {path.name: exercise_notebook(nbformat.read(path, as_version=4)) for path in paths}
    for name, nb in runs.items():
        for cell in nb.cells:
            cell.metadata["chapter"] = name
    together = nbformat.v4.new_notebook(
        cells=[c for nb in runs.values() for c in nb.cells],
        metadata=next(iter(runs.values())).metadata,
    )
    with (folder / "exercise_runs.log").open("w") as log:
        try:
            NotebookClient(
                together,
                timeout=120,
                kernel_name="python3",
                allow_errors=True,
                resources={"metadata": {"path": str(CHAPTERS)}},
            ).execute()
        except Exception as err:  # a timeout or a dead kernel: report it
            print(f"{type(err).__name__}: {err}", file=log, flush=True)
            (folder / "exercise_runs.rc").write_text("1")
            return
    for name, nb in runs.items():
        nb.cells = [c for c in together.cells if c.metadata["chapter"] == name]
        nbformat.write(nb, folder / f"exercise-run-{name}")
    (folder / "exercise_runs.rc").write_text("0")


def lab(folder):
    import jupyterlab_view

    if not jupyterlab_view.CHROMIUM:
        (folder / "lab.rc").write_text(
            "skipped: chromium is not installed (apt-get install chromium)"
        )
        return
    with (folder / "lab.log").open("w") as log:
        try:
            jupyterlab_view.view_all(folder)
        except Exception as err:
            print(f"{type(err).__name__}: {err}", file=log, flush=True)
            (folder / "lab.rc").write_text("1")
            return
    (folder / "lab.rc").write_text("0")


if __name__ == "__main__":
    job, folder = sys.argv[1], Path(sys.argv[2])
    {"book": book, "notebooks": notebooks, "lab": lab}[job](folder)
