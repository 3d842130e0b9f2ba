"""summitkit: the plumbing behind the chapters. Teaching code stays in the notebooks.

Where to find what:

* ``loading.py``: ``load_data()`` reads and validates data/ (``DataError`` on a broken file);
* ``style.py``: the palette, the states' one layout (``STATE_LAYOUT``), ``use_book_style()``,
  ``draw_network()``, ``draw_timeline()``, ``draw_channels()``, ``draw_signed()`` and
  ``draw_workers()``;
* ``feedback.py``: ``Feedback``, what every answer check returns, and ``safe``, the wrapper every
  check is made with (no traceback, no generator read, a warning when a chapter's graph was
  changed);
* ``workbench.py``: chapter 6's plumbing, the same for every coded text (versions, positions,
  the table of measures, the "No ties yet" message);
* ``evidence.py`` and ``templates.py``: the evidence check and the blank folder for a text of your
  own (``python -m course.check_evidence``, ``python -m course.new_article``);
* ``ch01.py`` to ``ch06.py``: the answer checks of chapter 1, chapter 2, …

The notebooks import everything from here: ``from summitkit import load_data, check_…``.
"""

import importlib

# Each module and the names the notebooks import from it. A name is imported when it is first
# used, so that a command that only reads data (python -m course.check_record, check_evidence)
# starts without matplotlib and the checks; a notebook's Setup cell imports what it names.
_NAMES = {
    "loading": (
        "ARTICLE_URL",
        "CHANNELS",
        "COLUMNS",
        "DATA_DIR",
        "MAX_EVIDENCE_WORDS",
        "RECORD_AS_OF",
        "RELATIONS",
        "SIGNED_RELATIONS",
        "STATUSES",
        "TIE_STATUSES",
        "VERDICTS",
        "DataError",
        "load_data",
    ),
    "style": (
        "EDGE_STYLE",
        "NODE_STYLE",
        "OKABE_ITO",
        "RULE_COLOUR",
        "SIGN_STYLE",
        "STATE_LAYOUT",
        "STATUS_STYLE",
        "draw_channels",
        "draw_network",
        "draw_signed",
        "draw_timeline",
        "draw_workers",
        "sign_handles",
        "status_handles",
        "use_book_style",
        "EXTRA_STATUS_STYLE",
        "TIE_STATUS_STYLE",
        "draw_statuses",
        "tie_status_handles",
    ),
    "feedback": ("Feedback",),
    "ch01": ("check_economic_graph", "check_repeated_ties"),
    "ch02": (
        "check_components_without_russia",
        "check_pairs_needing_russia",
        "check_state_betweenness",
    ),
    "ch03": ("check_channels_per_pair", "check_layer_cuts", "check_my_coding"),
    "ch04": ("check_best_flip", "check_triangles"),
    "ch05": ("check_added_event", "check_betweenness_change", "check_state_media"),
    "workbench": ("draw_nothing", "measure_table", "no_ties", "positions", "versions"),
    "ch06": (
        "check_agreement",
        "check_crs_paragraph",
        "check_two_framings",
        "check_version_change",
    ),
    "evidence": ("check_evidence",),
    "templates": ("new_article",),
}
_MODULE_OF = {name: module for module, names in _NAMES.items() for name in names}
__all__ = list(_MODULE_OF)


def __getattr__(name):
    # A submodule (summitkit.feedback) or a name one of them defines (summitkit.load_data).
    if name in _NAMES:
        return importlib.import_module(f".{name}", __name__)
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
    globals()[name] = value  # the next use is a plain lookup
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
