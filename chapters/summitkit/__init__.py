"""summitkit: the plumbing behind the chapters. Teaching code stays in the notebooks.

Where to find what:

* ``loading.py``: ``load_data()`` reads and validates data/ (``DataError`` on a broken file);
* ``style.py``: the palette, the states' one layout (``STATE_LAYOUT``), ``use_book_style()``,
  ``draw_network()``, ``draw_timeline()``, ``draw_channels()``, ``draw_signed()`` and
  ``draw_workers()``;
* ``feedback.py``: ``Feedback``, what every answer check returns, and ``safe``, the wrapper every
  check is made with (no traceback, no generator read, a warning when a chapter's graph was changed);
* ``workbench.py``: chapter 6's plumbing, the same for every coded text (versions, positions,
  the table of measures, the "No ties yet" message);
* ``evidence.py`` and ``templates.py``: the evidence check and the blank folder for a text of your own
  (``python -m course.check_evidence``, ``python -m course.new_article``);
* ``ch01.py`` to ``ch06.py``: the answer checks of chapter 1, chapter 2, …

The notebooks import everything from here: ``from summitkit import load_data, check_…``.
"""

from .loading import (ARTICLE_URL, CHANNELS, COLUMNS, DATA_DIR, MAX_EVIDENCE_WORDS, RECORD_AS_OF, RELATIONS,
                      SIGNED_RELATIONS, STATUSES, TIE_STATUSES, VERDICTS, DataError, load_data)
from .style import (EDGE_STYLE, NODE_STYLE, OKABE_ITO, RULE_COLOUR, SIGN_STYLE, STATE_LAYOUT,
                    STATUS_STYLE, draw_channels, draw_network, draw_signed, draw_timeline, draw_workers,
                    sign_handles, status_handles, use_book_style)
from .feedback import Feedback
from .ch01 import check_economic_graph, check_repeated_ties
from .ch02 import check_components_without_russia, check_pairs_needing_russia, check_state_betweenness
from .ch03 import check_channels_per_pair, check_layer_cuts, check_my_coding
from .ch04 import check_best_flip, check_triangles
from .ch05 import check_added_event, check_betweenness_change, check_state_media
from .style import EXTRA_STATUS_STYLE, TIE_STATUS_STYLE, draw_statuses, tie_status_handles
from .workbench import draw_nothing, measure_table, no_ties, positions, versions
from .ch06 import check_agreement, check_crs_paragraph, check_two_framings, check_version_change
from .evidence import check_evidence
from .templates import new_article

__all__ = [
    "ARTICLE_URL", "CHANNELS", "COLUMNS", "DATA_DIR", "MAX_EVIDENCE_WORDS", "RECORD_AS_OF", "RELATIONS",
    "SIGNED_RELATIONS", "STATUSES", "TIE_STATUSES", "VERDICTS",
    "DataError",
    "load_data",
    "EDGE_STYLE", "NODE_STYLE", "OKABE_ITO", "RULE_COLOUR", "SIGN_STYLE", "STATE_LAYOUT",
    "STATUS_STYLE", "draw_channels", "draw_network", "draw_signed", "draw_timeline", "draw_workers",
    "sign_handles", "status_handles", "use_book_style",
    "Feedback",
    "check_economic_graph", "check_repeated_ties",
    "check_components_without_russia", "check_pairs_needing_russia", "check_state_betweenness",
    "check_channels_per_pair", "check_layer_cuts", "check_my_coding",
    "check_best_flip", "check_triangles",
    "check_added_event", "check_betweenness_change", "check_state_media",
    "EXTRA_STATUS_STYLE", "TIE_STATUS_STYLE", "draw_statuses", "tie_status_handles",
    "draw_nothing", "measure_table", "no_ties", "positions", "versions",
    "check_agreement", "check_crs_paragraph", "check_two_framings", "check_version_change",
    "check_evidence", "new_article",
]
