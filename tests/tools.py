"""The tests' shared plumbing: data files read as rows, broken copies of data/, and the course
commands run in process. Test modules import from here (and from reference.py, answers.py,
solution_text.py and chapter_parts.py), never from each other.
"""

import contextlib
import csv
import importlib
import io
import shutil
from types import SimpleNamespace

import summitkit
from conftest import DATA

MONTHS = (
    "January February March April May June July August September October November December"
).split()


def read_rows(name, folder=DATA):
    """The rows of data/NAME (or FOLDER/NAME) as dicts, read with the csv module (not the loader
    under test)."""
    with open(folder / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def record_row(n=0, **changes):
    """Row n of data/record.csv, changed, as a line of CSV."""
    row = read_rows("record.csv")[n]
    row.update(changes)
    return ",".join(f'"{row[c]}"' for c in summitkit.COLUMNS["record.csv"])


def broken_copy(tmp_path, name, edit):
    """Copy data/ to tmp_path, apply edit(text) -> text to one file, return the folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    path = target / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def replace_line(n, new):
    def edit(text):
        lines = text.splitlines()
        lines[n - 1] = new
        return "\n".join(lines) + "\n"

    return edit


def run_command(module, *args):
    """A course command's main(argv), run in this process: its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = importlib.import_module(module).main([str(arg) for arg in args])
        except SystemExit as exit:  # argparse's usage errors
            code = exit.code
    return SimpleNamespace(returncode=code or 0, stdout=out.getvalue(), stderr=err.getvalue())
