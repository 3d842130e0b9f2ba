"""course: the commands run from the repository's root with ``python -m course.…``. The chapters never import it.

For anyone coding a text of their own (the student edition keeps these three):

* ``python -m course.new_article FOLDER``: a blank coded folder and a template for the article's text;
* ``python -m course.check_evidence ARTICLE.txt FOLDER``: every excerpt checked word for word;
* ``python -m course.layout FOLDER``: the folder's figure positions written to its layout.csv, to edit.

For every reader who runs the notebooks on their own computer (Binder's postBuild runs it too):

* ``python -m course.lab_settings``: JupyterLab set up as in Binder (no news pop-up, chapters open clean).

For instructors:

* ``python -m course.student_edition``: the student edition (no solutions anywhere);
* ``python -m course.exercise_index``: regenerates chapters/exercise-index.md from the exercises;
* ``python -m course.chapter_glossary``: regenerates each chapter's glossary cell;
* ``python -m course.print_edition``: the printed handouts and answer keys.
* ``python -m course.graded_edition OUT``: the graded edition, an nbgrader course (needs requirements-course.txt).

``notebooks.py`` reads a chapter's exercises and objectives for the instructor's commands and the tests.
"""
