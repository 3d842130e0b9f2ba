"""Execute notebooks one after another, each in a fresh kernel started in a given folder.

usage: python run_notebooks.py FOLDER IN1 OUT1 [IN2 OUT2 ...]

Errors are kept as outputs (the tests report them cell by cell), so one failing cell
does not hide the rest. conftest.py runs this in the background.
"""

import sys

import nbformat
from nbclient import NotebookClient

folder, *paths = sys.argv[1:]
for source, target in zip(paths[::2], paths[1::2]):
    nb = nbformat.read(source, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": folder}}).execute()
    nbformat.write(nb, target)
