"""course: the instructor's commands. The chapters never import it.

* ``python -m course.student_edition``: the student edition (no solutions anywhere);
* ``python -m course.exercise_index``: regenerates chapters/exercise-index.md from the exercises.

``notebooks.py`` reads a chapter's exercises and objectives for both, and for the tests.
"""
