"""Feedback on exercise answers, shared by every chapter's checks.

A check returns a ``Feedback``: "not attempted", "wrong type", "incorrect" (with what is
missing or wrong) or "correct". A check that compares a student's own modelling with data/
rather than marking it says "compared" instead of "correct": the discussion is what counts.
It shows as a coloured bar in JupyterLab and in the book.
``safe`` wraps every check, so that an answer the check did not foresee gives feedback,
never a traceback.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass

from .style import OKABE_ITO


@dataclass
class Feedback:
    """The result of a check: a status and a message for the student."""

    exercise: str
    status: str  # "not attempted", "wrong type", "incorrect", "correct" or "compared"
    message: str

    @property
    def correct(self):
        return self.status == "correct"

    _ICONS = {"not attempted": "…", "wrong type": "✗", "incorrect": "✗", "correct": "✓", "compared": "↔"}
    _COLOURS = {"not attempted": "#555555", "wrong type": OKABE_ITO["vermillion"],
                "incorrect": OKABE_ITO["vermillion"], "correct": OKABE_ITO["green"],
                "compared": OKABE_ITO["blue"]}

    def __repr__(self):
        return f"{self._ICONS[self.status]} {self.exercise}: {self.status}. {self.message}"

    def _repr_html_(self):
        colour = self._COLOURS[self.status]
        return (
            f'<div style="border-left:5px solid {colour};padding:0.4em 0.8em;margin:0.3em 0">'
            f"<strong>{html.escape(self._ICONS[self.status])} {html.escape(self.exercise)}: "
            f"{html.escape(self.status)}.</strong> {html.escape(self.message)}</div>"
        )


def safe(exercise, marks=True):
    """Wrap a check so that an unexpected answer never gives a traceback.

    ``marks=False`` records that the check compares rather than marks: at best it says
    "compared", never "correct" (the tests read this).
    """

    def decorate(check):
        @functools.wraps(check)
        def wrapper(answer):
            try:
                return check(answer)
            except Exception as err:  # a check must never raise at a student
                return Feedback(exercise, "wrong type",
                                f"The check could not read this answer ({type(err).__name__}: {err}).")
        wrapper.marks = marks
        return wrapper

    return decorate


def not_attempted(answer):
    return answer is None or answer is Ellipsis


def actor_names(ids, data):
    lookup = dict(zip(data.actors["id"], data.actors["name"]))
    return ", ".join(sorted(lookup.get(i, repr(i)) for i in ids))


def differences(head, missing, extra, extra_label):
    """One message listing what an answer lacks and what it has too much of."""
    parts = [head]
    if missing:
        parts.append(f"missing: {missing}")
    if extra:
        parts.append(f"{extra_label}: {extra}")
    return "; ".join(parts) + "."


def a_type(value):
    """'a list', 'an int': the type of a student's answer, as a message says it."""
    name = type(value).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def display_names_instead_of_ids(values, data, use="ids"):
    """A hint if any value is an actor's display name ('North Korea') rather than its id."""
    names_to_ids = dict(zip(data.actors["name"], data.actors["id"]))
    named = [v for v in values if isinstance(v, str) and v in names_to_ids]
    if named:
        return (f"Use {use}, such as {names_to_ids[named[0]]!r}, not display names such as {named[0]!r}. "
                "The names dict maps ids to names.")
    return None
