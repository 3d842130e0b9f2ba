"""nbgrader settings for the graded edition (written by course/graded_edition.py)."""

import os
from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, GetGrades

c = get_config()  # noqa: F821 (nbgrader defines it when it reads this file)
HERE = Path(__file__).resolve().parent

# The course is this folder, wherever it was copied: run nbgrader's commands from here.
c.CourseDirectory.root = str(HERE)

# What students find where an answer was: nothing. Each answer cell's source already opens with
# nbgrader's one instruction, "# YOUR CODE HERE", followed by the scaffold's placeholder
# (repeated = ...), so a notebook handed in unanswered runs, and its checks say "not attempted"
# rather than crash.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "Write your answer here, in place of this line."

# The mark schemes sit in read-only question cells, not in nbgrader's "task" cells: the question
# earns no points of its own (the answer cell does), and autograde restores read-only cells from
# the gradebook, so the grader sees the mark scheme next to the answer.
c.ClearMarkScheme.enforce_metadata = False

# A cell that runs for a minute (a loop for ever) gets an error in that cell; the rest is graded.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

# A submission with a graded cell deleted: autograde puts the cell back from the gradebook (hidden
# tests included, with a note in the cell) and grades it, instead of silently leaving it unscored.
c.OverwriteCells.add_missing_cells = True

# Feedback shows each check's output (the hints), but neither the hidden tests' code nor the mark
# schemes, which autograde put back into the graded copy.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ClearHiddenTests,
    ClearMarkScheme,
    CSSHTMLHeaderPreprocessor,
]

# The hidden tests import the book's full checks from grading/, which no release holds: book_checks
# (on data/, the data as released) and full_checks (grading/full/, on the whole of the book's data,
# for an exercise whose answer rows the release withholds). Kernels started by nbgrader inherit this
# environment.
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(HERE / "grading"), str(HERE / "grading" / "full")]
    + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
)
# Their IPython settings: errors without code, so that no hidden test shows in the feedback.
os.environ["IPYTHONDIR"] = str(HERE / "grading" / "ipython")
