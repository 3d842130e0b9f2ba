"""Feedback on exercise answers, shared by every chapter's checks.

A check returns a ``Feedback``: "not attempted", "wrong type", "incorrect" (with what is
missing or wrong) or "correct". When it recognises a common mistake, its message says so and
``hint`` names the mistake (the tests feed every check one wrong answer per hint). A check that
compares a student's own modelling with data/ rather than marking it says "compared" instead of
"correct": the discussion is what counts. It shows as a coloured bar in JupyterLab and in the book.
In a graded assignment, the released helper's checks (``visible_check``) say "checked" for an answer
of the right shape: its value is marked by hidden tests when the notebook is graded.

``safe`` wraps every check. It does what every check needs, in one place (``guarded``, which the
graded edition's ``visible_check`` runs too):

* an answer the check did not foresee gives feedback, never a traceback;
* a generator (or any iterator) is never read: reading it would use it up, so that the same
  answer, checked twice, would get two verdicts. The student is told how to make it a collection;
* an answer still the scaffold's placeholder (... or None) is "not attempted": the message says
  what the check expects, and to run the answer's cell first; or, if the answer's cell raised an
  error (NameError, ...) before it gave the answer, it names the error. The check itself never sees
  one. An answer cell that raised after it gave the answer: its answer is judged as it stands, with
  a ``warning`` that names the error (IPython tells ``cell_runs`` what each cell did);
* None where the scaffold's placeholder is ... is an answer, not a placeholder: the result of a
  call that returns None (``betweenness = print(...)``, ``x = [...].sort()``), which the message
  names;
* if the student's code changed one of the chapter's own graphs (``A.remove_node(...)`` with no
  copy, or ``H = S``, which makes ``H`` another name for ``S``), the feedback carries a
  ``warning`` that names the graph and says how to restore it. The verdict on the answer stands:
  a right answer is still "correct" (its value is right), but every later cell that uses the
  changed graph is not, and the warning says so.

What a check compares an answer with is computed once per version of the data's files
(``reference``), so that a check answers in milliseconds. Numbers match if they agree to three
decimals, the precision the chapters print (``TOLERANCE`` and ``close``, for every chapter).
"""

from __future__ import annotations

import ast
import functools
import html
import inspect
import linecache
import numbers
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import networkx as nx

from .loading import DATA_DIR, files_key, load_data
from .style import OKABE_ITO

# Added to every "not attempted" message: a student who typed an answer but ran only the check
# cell sees the placeholder the scaffold cell left behind.
RUN_THE_ANSWER_FIRST = "If you wrote an answer, run its cell first, then this one."

# What None means where the scaffold's placeholder is ...: the answer cell ran, and assigned the
# result of a call that changes or shows something (``H.remove_node``, ``list.sort``, ``print``).
RETURNED_NONE = (
    "print(), .sort(), .remove_node() and other calls that change or show something return "
    "None; assign the value itself."
)


@dataclass
class Feedback:
    """The result of a check: a status and a message for the student."""

    exercise: str
    status: str  # "not attempted", "wrong type", "incorrect", "correct", "compared" or "checked"
    message: str
    hint: str = ""  # the common mistake that the message names, if any
    # a chapter graph that the student's code changed, or an error of the answer cell, whatever
    # the verdict
    warning: str = ""

    @property
    def correct(self):
        return self.status == "correct"

    _ICONS = {
        "not attempted": "…",
        "wrong type": "✗",
        "incorrect": "✗",
        "correct": "✓",
        "compared": "↔",
        "checked": "•",
    }
    _COLOURS = {
        "not attempted": "#555555",
        "wrong type": OKABE_ITO["vermillion"],
        "incorrect": OKABE_ITO["vermillion"],
        "correct": OKABE_ITO["green"],
        "compared": OKABE_ITO["blue"],
        "checked": OKABE_ITO["blue"],
    }

    def __repr__(self):
        text = (
            f"{self._ICONS[self.status]} {self.exercise}: {self.status.capitalize()}. "
            f"{self.message}"
        )
        return text + (f"\n⚠ {self.warning}" if self.warning else "")

    def _repr_html_(self):
        colour = self._COLOURS[self.status]
        warning = (
            f'<br><strong style="color:{OKABE_ITO["vermillion"]}">⚠</strong> '
            f"{html.escape(self.warning)}"
            if self.warning
            else ""
        )
        return (
            f'<div style="border-left:5px solid {colour};padding:0.4em 0.8em;margin:0.3em 0">'
            f"<strong>{html.escape(self._ICONS[self.status])} {html.escape(self.exercise)}: "
            f"{html.escape(self.status.capitalize())}.</strong> "
            f"{html.escape(self.message)}{warning}</div>"
        )


def safe(
    exercise, wanted, container, marks=True, hints=(), graphs=None, placeholder=..., warn=None
):
    """Wrap a check so that an unexpected answer never gives a traceback.

    ``wanted`` says what the answer should be, with its shape but not its content ("a list of
    sets of actor ids, such as [...]"), and ``container`` the type a student wraps a generator in
    ("list", "dict", ...). A check of several answers gives both as dicts, by parameter name.
    ``marks=False`` records that the check compares rather than marks: at best it says
    "compared", never "correct". ``hints`` lists the common mistakes the check names, by the
    ``hint`` of its Feedback. ``graphs`` is the chapter's function that rebuilds, from data/, the
    graphs its Setup 2 makes, by their names in the notebook: the check compares them with the
    notebook's. ``placeholder`` is what the scaffold cell assigns (``...``, or None; a dict by
    answer name for a check of several): that is "not attempted", while None where the scaffold
    assigns ``...`` is the result of a call that returns None. ``warn(namespace)`` adds a warning
    of its own about the notebook's variables (chapter 5's ``data.record``), '' for none. The tests
    read ``marks``, ``hints``, ``answers`` and ``placeholder``; the graded edition reads
    ``exercise``, ``wanted`` and ``container`` (by answer name) to build the released checks.
    """

    def decorate(check):
        names = list(inspect.signature(check).parameters)  # the answers, as the scaffold names them
        wants = wanted if isinstance(wanted, dict) else {names[0]: wanted}
        wraps = container if isinstance(container, dict) else {names[0]: container}
        holders = (
            placeholder if isinstance(placeholder, dict) else dict.fromkeys(names, placeholder)
        )
        run = guarded(exercise, check.__name__, names, wants, wraps, check, holders)

        @functools.wraps(check)
        def wrapper(*answers, **by_name):
            feedback = run(*answers, **by_name)
            if graphs is not None or warn is not None:
                namespace = user_namespace()
                found = [feedback.warning]  # the answer cell's error (guarded), if any
                found += [graph_warning(namespace, graphs)] if graphs is not None else []
                found += [other_warning(namespace, warn)] if warn is not None else []
                feedback.warning = " ".join(w for w in found if w)
            return feedback

        wrapper.marks = marks
        wrapper.hints = tuple(
            dict.fromkeys(tuple(hints) + ("generator",))
        )  # every check reads none
        wrapper.answers = tuple(names)
        wrapper.placeholder = holders
        wrapper.exercise, wrapper.wanted, wrapper.container = exercise, wants, wraps
        return wrapper

    return decorate


def guarded(exercise, function, names, wants, wraps, check, holders=None):
    """The work every check shares, around ``check``, which gets the answers only once they are
    all there and none is an iterator: the number of answers, a generator left unread, the
    scaffold's placeholder ("not attempted"; ``holders``, by answer name, or None when the
    placeholders are not known: then ... and None both are), and never a traceback. ``safe`` and
    ``visible_check`` both run their checks through it."""

    def run(*answers, **by_name):
        try:
            given = {**dict(zip(names, answers)), **by_name}
            feedback = (
                wrong_number(exercise, function, names, len(answers) + len(by_name), given)
                or unreadable(exercise, given, wants, wraps)
                or placeholder(exercise, given, wants, holders, function)
                or check(*(given[name] for name in names))
            )
        except Exception as err:  # a check must never raise at a student
            feedback = Feedback(
                exercise,
                "wrong type",
                "The check could not read this answer "
                f"({type(err).__name__}: {err}). {expected(wants)}",
            )
        # An answer cell that raised after it assigned the answer: the answer is judged as it
        # stands, and the student is told that the cell stopped (a "not attempted" says so itself).
        raised = feedback.status != "not attempted" and answer_cell_error(function)
        if raised:
            feedback.warning = RAISED_AFTER.format(raised)
        return feedback

    return run


# The warning of a check whose answer cell raised after it assigned the answer.
RAISED_AFTER = (
    "Your answer cell raised {} when it last ran: this verdict is on the answer as that run left "
    "it. Fix the error, run the cell again, then this one."
)


def placeholder(exercise, given, wants, holders=None, function=None):
    """Feedback "not attempted" if an answer is still the scaffold's placeholder (... or None;
    ``holders`` says which, by answer name), None otherwise. It says what to give instead, and to
    run the answer's cell first. None where the scaffold's placeholder is ... is "wrong type": the
    result of a call that returns None."""
    left = [
        name
        for name, value in given.items()
        if value is Ellipsis or (value is None and (holders is None or holders[name] is None))
    ]
    if not left:
        nones = [name for name, value in given.items() if value is None]
        if not nones:
            return None
        who = (
            "Your answer is"
            if len(given) == 1
            else f"Your {_and(nones)} {'is' if len(nones) == 1 else 'are'}"
        )
        return Feedback(exercise, "wrong type", f"{who} None: {RETURNED_NONE}", "none-returned")
    shown = " or ".join(sorted({"None" if given[name] is None else "..." for name in left}))
    if len(given) == 1:
        replace = f"Replace {shown} with your answer."
    else:
        replace = f"Replace the {shown} of {_and(left)} with your answer{'s' * (len(left) > 1)}."
    wanted = expected({name: wants[name] for name in left})
    raised = answer_cell_error(function)
    if raised:  # the error is the news: the answer is missing because its cell stopped there
        return Feedback(
            exercise,
            "not attempted",
            f"Your answer cell raised {raised}; fix it and run it again, then this cell. {wanted}",
        )
    return Feedback(exercise, "not attempted", f"{replace} {wanted} {RUN_THE_ANSWER_FIRST}")


def answer_cell_error(function):
    """'ZeroDivisionError: division by zero' if the answer cell of the check ``function`` raised
    when it last ran; None if it did not, and outside IPython. The answer cell is the cell run last
    that assigns a name the running cell passes to the check (``percent`` in
    ``check_x(percent)``): an error of another cell is not this answer's news, and one that a
    later run of the answer cell fixed is no news. If no cell has assigned those names (at
    grading, where the hidden tests give a missing answer the placeholder), it is the cell run
    just before: nbgrader runs the cells in order, and the answer cell comes before its check."""
    runs, names = list((cell_runs() or {}).values()), answer_names(function)
    if not runs or not names:
        return None
    return next((error for assigned, error in reversed(runs) if assigned & names), runs[-1][1])


def answer_names(function):
    """The names that the running notebook cell passes to the check ``function`` (called by that
    name, or as ``module.function``): {'percent', 'kappa'} for check_x(percent, kappa)."""
    namespace = user_namespace()
    frame = inspect.currentframe()
    while frame is not None and frame.f_globals is not namespace:  # the cell's own code
        frame = frame.f_back
    if frame is None:
        return set()
    try:  # IPython keeps the code of each cell it ran where tracebacks find it
        tree = ast.parse("".join(linecache.getlines(frame.f_code.co_filename)))
    except SyntaxError:
        return set()
    return {
        value.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and function in (getattr(node.func, "id", None), getattr(node.func, "attr", None))
        for value in [*node.args, *(keyword.value for keyword in node.keywords)]
        if isinstance(value, ast.Name)
    }


# Where IPython's shell keeps the record of the cells' runs (cell_runs): one record for every copy
# of summitkit in a kernel, such as a graded assignment's and, at grading, the hidden tests' own.
RUNS = "summitkit_runs"


def cell_runs():
    """{cell's source: (the names it assigns, its error as 'NameError: ...' or None)} of the cells
    run since summitkit was first imported, the last run last; None outside IPython. A check sees
    only the answers, not the cells that made them: IPython tells this record what each cell did."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None or not hasattr(shell, "events"):
        return None
    runs = getattr(shell, RUNS, None)
    if runs is None:
        runs = {}
        setattr(shell, RUNS, runs)

        def record(result):
            try:
                source = result.info.raw_cell or ""
                error = result.error_in_exec or result.error_before_exec
                runs.pop(source, None)
                runs[source] = (
                    assigned_names(source, shell),
                    None if error is None else f"{type(error).__name__}: {error}",
                )
                if len(runs) > 1000:  # a long session: forget the oldest
                    del runs[next(iter(runs))]
            except Exception:  # a record for the checks' messages must never disturb a cell
                pass

        shell.events.register("post_run_cell", record)
    return runs


def assigned_names(source, shell=None):
    """The names a cell's code assigns (``percent = ...``, ``a, b = ...``, ``for x in ...``); for
    code that does not parse (a SyntaxError), the names that start a line before an ``=``."""
    try:
        code = shell.transform_cell(source) if shell is not None else source  # IPython's %magics
        tree = ast.parse(code)
    except Exception:
        return frozenset(re.findall(r"^[ \t]*(\w+)[ \t]*=(?!=)", source, re.M))
    return frozenset(
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    )


# Recording starts as the notebook imports summitkit (its Setup 1), before any answer cell runs.
cell_runs()


# --- The released check of a graded assignment ----------------------------------------------------

CHECKED = "Your answer has the right shape. Its value is marked when your notebook is graded."

# What a visible check accepts for each container a check names. It is lenient on purpose: the
# container is the type a student wraps a generator in, and the book's checks accept more (a list
# of pairs for a set, an int for a float). Only an answer the book would call the wrong type is.
_SEQUENCE = (list, tuple, set, frozenset)
ACCEPTS = {
    "dict": Mapping,
    "list": _SEQUENCE,
    "set": _SEQUENCE,
    "tuple": _SEQUENCE,
    "float": numbers.Real,
    "nx.Graph": nx.Graph,
}


def visible_check(exercise, answers, wanted, container, name="the check", placeholder=None):
    """The check that a graded assignment releases in place of the book's
    (course/graded_edition.py).

    It has the book's check's answers (``answers``, their names in order) and says "not attempted",
    "wrong type" (the container and shape, from ``wanted`` and ``container``, by answer name) or
    "checked", never the value: the value is marked by hidden tests that the students do not have.
    Like ``safe``, it never raises and never reads a generator. ``placeholder`` is what the
    scaffold assigns, by answer name, as ``safe`` records it; without it, ... and None are both
    "not attempted".
    """
    names = list(answers)

    def shape(*given):
        """Feedback on the answers' type alone: never their content."""
        for answer, value in zip(names, given):
            accepts = ACCEPTS.get(container[answer], object)
            if not isinstance(value, accepts) or isinstance(value, bool):
                feedback = wrong_type(exercise, wanted[answer], value)
                if len(names) > 1:
                    feedback.message = f"What you gave as {answer}: {feedback.message}"
                return feedback
        return Feedback(exercise, "checked", CHECKED)

    check = guarded(exercise, name, names, wanted, container, shape, placeholder)
    check.__name__ = check.__qualname__ = name
    check.exercise, check.answers, check.wanted, check.container = (
        exercise,
        tuple(names),
        wanted,
        container,
    )
    return check


def expected(wants):
    """'It expects a dict of ...': what a check wants, for a message."""
    if len(wants) == 1:
        return f"It expects {next(iter(wants.values()))}."
    if len(set(wants.values())) == 1:  # percent and kappa: two numbers
        return f"It expects each of {_and(list(wants))} to be {next(iter(wants.values()))}."
    return (
        "It expects " + ", and ".join(f"{name} to be {want}" for name, want in wants.items()) + "."
    )


def wrong_number(exercise, function, names, count, given):
    """Feedback if a check was given too few answers, too many, or answers by names it does not
    take."""
    if count == len(names) and set(given) == set(names):
        return None
    if len(names) == 1:
        return Feedback(
            exercise,
            "wrong type",
            f"This check takes one answer, and was given {count}: give it "
            "your answer alone, as the check cell does.",
        )
    return Feedback(
        exercise,
        "wrong type",
        f"This check takes {len(names)} answers, {_and(names)}, and was "
        f"given {count}: call {function}({', '.join(names)}).",
    )


# --- Generators and other iterators: never read ------------------------------------------------


def one_time(value):
    """True for a generator, map, zip or other iterator: it gives its items once, then nothing."""
    return isinstance(value, Iterator)


def iterator_kind(value):
    return (
        "a generator"
        if type(value).__name__ == "generator"
        else f"an iterator ({type(value).__name__})"
    )


def iterator_inside(value):
    """(where, iterator) for the first iterator one level inside a list, tuple, set or dict, or
    None.

    It looks at the items without reading any iterator."""
    if isinstance(value, dict):
        for key, item in value.items():
            if one_time(key):
                return "A key of this dict", key
            if one_time(item):
                return f"The value for {key!r}", item
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            if one_time(item):
                return f"An item of this {type(value).__name__}", item
    return None


def unreadable(exercise, answers, wants, wraps):
    """Feedback for an answer that is, or holds, a generator or other iterator; None otherwise.

    Such an answer is never read: a check that read it would use it up, and the same answer,
    checked again, would look empty."""
    several = len(answers) > 1
    for name, answer in answers.items():
        who = f"What you gave as {name} is" if several else "This is"
        if one_time(answer):
            return Feedback(
                exercise,
                "wrong type",
                f"{who} {iterator_kind(answer)}, which gives its items only "
                "once, so the check leaves it unread. Wrap it in "
                f"{wraps[name]}(...) in your answer cell, then run that cell "
                "and this one again.",
                "generator",
            )
        inside = iterator_inside(answer)
        if inside is None:
            continue
        where, item = inside
        if isinstance(answer, list) and len(answer) == 1:  # [nx.connected_components(H)]
            noun = "generator" if type(item).__name__ == "generator" else "iterator"
            text = (
                f"This list holds {iterator_kind(item)}, not its items: [...] "
                f"puts the {noun} itself "
                "in a list, while list(...) makes a list of what it gives."
            )
        else:
            text = (
                f"{where} is {iterator_kind(item)}, which gives its items only once, "
                "so the check leaves "
                f"it unread. {expected({name: wants[name]})}"
            )
        return Feedback(exercise, "wrong type", text, "generator")
    return None


# --- The chapter's graphs, as the student's code left them ---------------------------------------


def user_namespace():
    """The notebook's variables (IPython's user namespace), or None outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return getattr(shell, "user_ns", None)


def other_warning(namespace, warn):
    """What ``warn(namespace)`` says of the notebook's variables; '' outside a notebook, or if it
    fails: the warning is a service, and must never keep a student from the verdict."""
    if not namespace:
        return ""
    try:
        return warn(namespace) or ""
    except Exception:
        return ""


def graph_warning(namespace, graphs):
    """A warning for each of the chapter's graphs that the notebook's copy no longer matches;
    '' if none changed, or outside a notebook (namespace None).

    ``graphs(data)`` rebuilds, from data/, what the chapter's Setup 2 makes: {name: graph}, or
    {name: {key: graph}} for a dict of graphs (chapter 3's layers); it is built once per version of
    the files (``reference``). A name the notebook has not made yet is skipped."""
    if not namespace:
        return ""
    try:
        lookup = reference(names_by_id)
        warnings = []
        for name, original in reference(graphs).items():
            if name not in namespace:
                continue
            current = namespace[name]
            if isinstance(original, dict):
                warnings.append(_dict_of_graphs_warning(name, current, original, namespace, lookup))
            else:
                warnings.append(
                    _graph_warning(name, current, original, namespace, lookup, setup_name=name)
                )
        return " ".join(w for w in warnings if w)
    except Exception:  # the warning is a service; it must never keep a student from the verdict
        return ""


def _graph_warning(label, current, original, namespace, lookup, setup_name):
    if not _same_kind(current, original):
        return (
            f"{label} is no longer the chapter's graph (it is {a_type(current)}): run Setup 2 to "
            f"restore {setup_name}."
        )
    changes = graph_changes(current, original, lookup)
    if not changes:
        return ""
    what = "You " + ", and ".join(
        change.replace("{graph}", f"{label} itself") for change in changes
    )
    # Another name for the very same graph: the student wrote H = A, which copies nothing. H, the
    # book's name for a working copy, is named; another name only if it is the one: a graph with
    # several names (chapter 3's pipeline and the loop variable layer, both layers['pipeline'])
    # does not say which the student changed it through.
    aliases = [
        n for n, v in namespace.items() if v is current and n != label and not n.startswith("_")
    ]
    alias = "H" if "H" in aliases else (aliases[0] if len(aliases) == 1 else None)
    if alias:
        return (
            f"{what} ({alias} = {label} made {alias} another name for {label}, not a copy): use "
            f"{alias} = {label}.copy(), then run Setup 2 to restore {setup_name}."
        )
    return f"{what}: copy it first (H = {label}.copy()), then run Setup 2 to restore {setup_name}."


def _dict_of_graphs_warning(name, current, original, namespace, lookup):
    if not isinstance(current, dict) or set(current) != set(original):
        return (
            f"{name} is no longer the chapter's dict of graphs "
            f"({', '.join(map(str, original))}): run "
            "Setup 2 to restore it."
        )
    found = {
        key: _graph_warning(f"{name}[{key!r}]", current[key], graph, namespace, lookup, name)
        for key, graph in original.items()
    }
    changed = [key for key, warning in found.items() if warning]
    if len(changed) <= 1:
        return found[changed[0]] if changed else ""
    first = changed[0]
    label = f"{name}[{first!r}]"
    if not _same_kind(current[first], original[first]):
        return found[first]
    what = ", and ".join(
        c.replace("{graph}", label) for c in graph_changes(current[first], original[first], lookup)
    )
    alias = [key for key in changed if namespace.get("H") is current[key]]
    alias_note = f" H is another name for {name}[{alias[0]!r}], not a copy." if alias else ""
    return (
        f"You changed {len(changed)} of the graphs in {name} itself "
        f"({', '.join(map(str, changed))}); for "
        f"one, you {what}.{alias_note} Copy each one before you change it "
        f"(H = {label}.copy(), and so on), "
        f"then run Setup 2 to restore {name}."
    )


def _same_kind(current, original):
    return (
        isinstance(current, nx.Graph)
        and current.is_multigraph() == original.is_multigraph()
        and current.is_directed() == original.is_directed()
    )


def graph_changes(current, original, lookup=None):
    """What differs between a notebook's graph and the chapter's, as phrases such as
    'removed Russia from {graph}': nodes, ties, and each tie's sign where the chapter's graph
    has signs. An empty list if nothing differs."""
    lookup = lookup or {}
    changes = []
    removed = [n for n in original if n not in current]
    added = [n for n in current if n not in original]
    if removed:
        changes.append(f"removed {_nodes(removed, lookup)} from {{graph}}")
    if added:
        changes.append(f"added {_nodes(added, lookup)} to {{graph}}")
    # Ties between nodes that both graphs have (a removed node takes its ties with it).
    both = set(original) & set(current)
    old, new = _tie_counts(original, both), _tie_counts(current, both)
    if old - new:
        changes.append(f"removed {_ties(old - new, lookup)} from {{graph}}")
    if new - old:
        changes.append(f"added {_ties(new - old, lookup)} to {{graph}}")
    if (
        original.number_of_edges()
        and all("sign" in d for *_, d in original.edges(data=True))
        and not original.is_multigraph()
    ):
        flipped = [
            frozenset((u, v))
            for u, v, sign in original.edges(data="sign")
            if current.has_edge(u, v) and current.edges[u, v].get("sign") != sign
        ]
        if flipped:
            changes.append(f"changed the sign of {_ties(flipped, lookup)} in {{graph}}")
    return changes


def _tie_counts(graph, nodes):
    return Counter(frozenset((u, v)) for u, v in graph.edges() if u in nodes and v in nodes)


def _nodes(ids, lookup):
    shown = sorted(str(lookup.get(i, repr(i))) for i in ids)
    return _and(shown) if len(shown) <= 3 else f"{len(shown)} actors ({', '.join(shown[:3])}, …)"


def _ties(pairs, lookup):
    pairs = list(pairs.elements()) if hasattr(pairs, "elements") else list(pairs)
    if len(pairs) > 3:
        return f"{len(pairs)} ties"
    shown = sorted("–".join(sorted(str(lookup.get(n, n)) for n in pair)) for pair in pairs)
    return f"the {_and(shown)} tie" + ("s" if len(shown) > 1 else "")


def _and(items):
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# --- What a check compares with: computed once per version of the data --------------------------

_REFERENCE = {}


def reference(build, *folders):
    """What ``build(data)`` returns for the data of a folder (data/ by default; with several
    folders, build gets one data each): computed once per version of the folders' files, then
    reused, so that a check answers in milliseconds. A check reads what it gets, and changes
    nothing in it (it copies a graph before it changes it)."""
    folders = folders or (DATA_DIR,)
    key = (build, *(files_key(folder) for folder in folders))
    if key not in _REFERENCE:
        if len(_REFERENCE) >= 100:  # a few versions of each chapter's values; drop the oldest
            del _REFERENCE[next(iter(_REFERENCE))]
        _REFERENCE[key] = build(*(load_data(folder) for folder in folders))
    return _REFERENCE[key]


def names_by_id(data):
    """{actor id: display name}."""
    return dict(zip(data.actors["id"], data.actors["name"]))


# --- Numbers: one tolerance for the whole book --------------------------------------------------

# Two numbers match if they agree to three decimals, the precision the chapters print: a right
# value rounded to three decimals is at most half a thousandth away (the 1e-12 allows for the
# float's own error), while one rounded to two decimals is usually further.
TOLERANCE = 5e-4


def close(a, b):
    """True if two numbers agree to three decimals (see TOLERANCE)."""
    return abs(float(a) - float(b)) <= TOLERANCE + 1e-12


def rounded(exercise, got, right, what="values"):
    """Feedback if the numbers ``got`` are the ``right`` ones (both dicts, with the same keys)
    rounded to two decimals or fewer, too few to tell them from wrong ones; None otherwise."""
    if not all(any(close(got[k], round(v, n)) for n in (1, 2, 3)) for k, v in right.items()):
        return None
    return Feedback(
        exercise,
        "incorrect",
        f"Your {what} look rounded to two decimals or fewer: the check needs three to tell a "
        "right value from a near miss. Give them unrounded, as Python computes them, or rounded "
        "to three decimals.",
        "rounded",
    )


# --- Helpers for the checks' messages ------------------------------------------------------------


def not_attempted(answer):
    return answer is None or answer is Ellipsis


def actor_names(ids, data):
    lookup = names_by_id(data)
    return ", ".join(sorted(lookup.get(i, repr(i)) for i in ids))


def differences(head, missing, extra, extra_label):
    """One message listing what an answer lacks and what it has too much of."""
    parts = [head[:1].upper() + head[1:]]
    if missing:
        parts.append(f"missing: {missing}")
    if extra:
        parts.append(f"{extra_label}: {extra}")
    return "; ".join(parts) + "."


def keys_and_values(
    ex, answer, expected, data, expected_keys, not_in, number=numbers.Real, each="a number"
):
    """Feedback on a dict answer whose keys are not those of ``expected`` (saying what is missing
    and what is extra), or a value of which is not ``number``; None when both are right.
    ``expected_keys`` completes "expected ...", ``not_in`` names the extra keys."""
    missing, extra = set(expected) - set(answer), set(answer) - set(expected)
    if missing or extra:
        return Feedback(
            ex,
            "incorrect",
            differences(
                f"this dict has {len(answer)} entr{'y' if len(answer) == 1 else 'ies'}, "
                f"expected {expected_keys}",
                missing and actor_names(missing, data),
                ", ".join(sorted(map(str, extra))),
                not_in,
            ),
        )
    wrong = sorted(k for k, v in answer.items() if isinstance(v, bool) or not isinstance(v, number))
    if wrong:
        return Feedback(
            ex,
            "wrong type",
            f"Each value is {each}; the value for {wrong[0]!r} is {a_type(answer[wrong[0]])}.",
            "values-not-numbers",
        )
    return None


def distinct_ids(value, n):
    """A pair (n=2) or trio (n=3) of different ids as a frozenset, or None if the value is not
    one."""
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
    """Feedback for an answer of the wrong type, with a hint for the types students often give.

    (A generator never gets here: ``safe`` answers it before the check runs.)"""
    message = f"Expected {wanted}; this is {a_type(answer)}."
    kind = type(answer).__name__
    hints = {
        "Series": ("series", "A pandas Series becomes a dict with .to_dict()."),
        "DataFrame": (
            "dataframe",
            "This is a whole table (a pandas DataFrame): select what the exercise asks "
            "for from it.",
        ),
        "dict_keys": ("dict-view", "These are only the keys of a dict: give the dict itself."),
        "dict_values": ("dict-view", "These are only the values of a dict: give the dict itself."),
    }
    if kind in hints:
        hint, text = hints[kind]
    elif kind.endswith("View"):  # networkx views, such as A.degree or A.nodes
        hint, text = (
            "networkx-view",
            f"This is a networkx {kind}: make it a dict or set first, such as dict(...).",
        )
    else:
        hint, text = "", example
    return Feedback(exercise, "wrong type", f"{message} {text}".strip(), hint)


def other_names(data):
    """Every display name and alias of an actor, in lower case, mapped to its id."""
    found = {name.lower(): i for name, i in zip(data.actors["name"], data.actors["id"])}
    for i, aliases in zip(data.actors["id"], data.actors["aliases"]):
        for alias in filter(None, (a.strip() for a in aliases.split(";"))):
            name = alias.split(" (")[0].lower()
            found[name] = i
            found[name.removeprefix("the ")] = i
    return found


def display_names_instead_of_ids(values, data, use="ids"):
    """A hint if any value is an actor's display name ('North Korea') rather than its id."""
    names_to_ids = dict(zip(data.actors["name"], data.actors["id"]))
    named = [v for v in values if isinstance(v, str) and v in names_to_ids]
    if named:
        return (
            f"Use {use}, such as {names_to_ids[named[0]]!r}, "
            f"not display names such as {named[0]!r}. "
            "The names dict maps ids to names."
        )
    return None
