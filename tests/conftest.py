"""Shared fixtures: paths, the helper module, executed notebooks and one book build."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
DATA = ROOT / "data"
NOTEBOOKS = sorted(p for p in CHAPTERS.glob("*.ipynb"))

# The notebooks import their helper from chapters/, as the kernel does.
sys.path.insert(0, str(CHAPTERS))


def cell_text(cell):
    """A cell's source as one string, whatever way the file stores it."""
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def execute(nb, cwd=CHAPTERS):
    """Execute a notebook in a fresh kernel started in its own folder, as the build and nbval do."""
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """Build the whole book once, strictly, into a temporary folder.

    Returns (completed process, path of the HTML folder). The build runs on a copy of
    the repository so that the test never touches the reader's own _build/ or cache.
    """
    work = tmp_path_factory.mktemp("book")
    src = work / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        "_build", ".git", ".venv", "venv", "__pycache__", ".ipynb_checkpoints", ".pytest_cache"))
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run(
        [str(jb), "build", str(src), "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=900, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    return proc, src / "_build" / "html"


def load_notebook(path):
    return nbformat.read(path, as_version=4)


def read_json(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def executed():
    """Each chapter notebook executed once, as committed."""
    return {path: execute(load_notebook(path)) for path in NOTEBOOKS}
