"""Feedback on exercise answers, shared by every chapter's checks.

A check returns a ``Feedback``: "not attempted", "wrong type", "incorrect" (with what is
missing or wrong) or "correct". When it recognises a common mistake, its message says so and
``hint`` names the mistake (the tests feed every check one wrong answer per hint). A check that compares a student's own modelling with data/
rather than marking it says "compared" instead of "correct": the discussion is what counts.
It shows as a coloured bar in JupyterLab and in the book.
``safe`` wraps every check, so that an answer the check did not foresee gives feedback,
never a traceback.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .style import OKABE_ITO


@dataclass
class Feedback:
    """The result of a check: a status and a message for the student."""

    exercise: str
    status: str  # "not attempted", "wrong type", "incorrect", "correct" or "compared"
    message: str
    hint: str = ""  # the common mistake that the message names, if any

    @property
    def correct(self):
        return self.status == "correct"

    _ICONS = {"not attempted": "…", "wrong type": "✗", "incorrect": "✗", "correct": "✓", "compared": "↔"}
    _COLOURS = {"not attempted": "#555555", "wrong type": OKABE_ITO["vermillion"],
                "incorrect": OKABE_ITO["vermillion"], "correct": OKABE_ITO["green"],
                "compared": OKABE_ITO["blue"]}

    def __repr__(self):
        return f"{self._ICONS[self.status]} {self.exercise}: {self.status.capitalize()}. {self.message}"

    def _repr_html_(self):
        colour = self._COLOURS[self.status]
        return (
            f'<div style="border-left:5px solid {colour};padding:0.4em 0.8em;margin:0.3em 0">'
            f"<strong>{html.escape(self._ICONS[self.status])} {html.escape(self.exercise)}: "
            f"{html.escape(self.status.capitalize())}.</strong> {html.escape(self.message)}</div>"
        )


def safe(exercise, marks=True, hints=()):
    """Wrap a check so that an unexpected answer never gives a traceback.

    ``marks=False`` records that the check compares rather than marks: at best it says
    "compared", never "correct". ``hints`` lists the common mistakes the check names, by the
    ``hint`` of its Feedback. The tests read both.
    """

    def decorate(check):
        @functools.wraps(check)
        def wrapper(answer):
            try:
                return check(answer)
            except Exception as err:  # a check must never raise at a student
                return Feedback(exercise, "wrong type", "The check could not read this answer "
                                f"({type(err).__name__}: {err}). Compare it with the example in the exercise.")
        wrapper.marks = marks
        wrapper.hints = tuple(hints)
        return wrapper

    return decorate


def not_attempted(answer):
    return answer is None or answer is Ellipsis


def actor_names(ids, data):
    lookup = dict(zip(data.actors["id"], data.actors["name"]))
    return ", ".join(sorted(lookup.get(i, repr(i)) for i in ids))


def differences(head, missing, extra, extra_label):
    """One message listing what an answer lacks and what it has too much of."""
    parts = [head[:1].upper() + head[1:]]
    if missing:
        parts.append(f"missing: {missing}")
    if extra:
        parts.append(f"{extra_label}: {extra}")
    return "; ".join(parts) + "."


def distinct_ids(value, n):
    """A pair (n=2) or trio (n=3) of different ids as a frozenset, or None if the value is not one."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return None
    members = list(value)
    if len(members) != n or len(set(members)) != n:
        return None
    return frozenset(members)


def show_ids(ids):
    """'china – north_korea': a pair or trio of ids as a message shows it."""
    return " – ".join(sorted(ids))


def a_type(value):
    """'a list', 'an int': the type of a student's answer, as a message says it."""
    name = type(value).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def wrong_type(exercise, wanted, answer, example=""):
    """Feedback for an answer of the wrong type, with a hint for the types students often give."""
    message = f"Expected {wanted}; this is {a_type(answer)}."
    kind = type(answer).__name__
    hints = {
        "Series": ("series", "A pandas Series becomes a dict with .to_dict()."),
        "DataFrame": ("dataframe", "This is a whole table (a pandas DataFrame): select what the exercise asks "
                                   "for from it."),
        "generator": ("generator", "A generator can be read only once: wrap it in list(...) or set(...)."),
        "dict_keys": ("dict-view", "These are only the keys of a dict: give the dict itself."),
        "dict_values": ("dict-view", "These are only the values of a dict: give the dict itself."),
    }
    if kind in hints:
        hint, text = hints[kind]
    elif kind.endswith("View"):  # networkx views, such as A.degree or A.nodes
        hint, text = "networkx-view", f"This is a networkx {kind}: make it a dict or set first, such as dict(...)."
    else:
        hint, text = "", example
    return Feedback(exercise, "wrong type", f"{message} {text}".strip(), hint)


def display_names_instead_of_ids(values, data, use="ids"):
    """A hint if any value is an actor's display name ('North Korea') rather than its id."""
    names_to_ids = dict(zip(data.actors["name"], data.actors["id"]))
    named = [v for v in values if isinstance(v, str) and v in names_to_ids]
    if named:
        return (f"Use {use}, such as {names_to_ids[named[0]]!r}, not display names such as {named[0]!r}. "
                "The names dict maps ids to names.")
    return None
