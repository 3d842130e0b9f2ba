"""Checks for chapter 3, "Economic ties: many channels".

The chapter models §8–§11 as a network of layers, one per channel (data/channels.csv).
Each check rebuilds what it needs from data/ (``channel_layers``), so that its expected
answer never depends on the student's variables or on typed-in values. ``notebook_graphs``
rebuilds ``M`` and ``layers``, which ``safe`` compares with the notebook's, to warn a student
whose code changed one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from numbers import Integral

import networkx as nx

from .feedback import (
    Feedback,
    a_type,
    actor_names,
    display_names_instead_of_ids,
    distinct_ids,
    other_names,
    reference,
    safe,
    show_ids,
    wrong_type,
)
from .loading import CHANNELS, MAX_EVIDENCE_WORDS, RELATIONS, load_data

# The node that stands for everyone outside a layer's pairs (the chapter explains why).
OUTSIDE = "outside"
# The paragraph the modeller exercise codes.
CODED_PARAGRAPH = "9"


def channel_layers(data=None):
    """One undirected graph per channel, as the notebook builds them: {channel: Graph}."""
    data = data if data is not None else load_data()
    layers = {channel: nx.Graph() for channel in CHANNELS}
    for row in data.channels.itertuples():
        layers[row.channel].add_edge(row.source, row.target)
    return layers


def notebook_graphs(data=None):
    """The graphs the chapter's Setup 2 makes, rebuilt from data/, by their names in the notebook:
    M, one edge per claim of a channel, and layers, one graph per channel."""
    data = data if data is not None else load_data()
    M = nx.MultiGraph()
    M.add_edges_from(zip(data.channels["source"], data.channels["target"]))
    return {"M": M, "layers": channel_layers(data)}


def with_outside(layer, centre="north_korea"):
    """A copy of a layer in which every partner of the layer also reaches the outside world."""
    graph = layer.copy()
    graph.add_edges_from((node, OUTSIDE) for node in layer if node != centre)
    return graph


def _cuts(data):
    """{channel: the smallest set of actors that cuts North Korea off from the outside on it}."""
    layers = channel_layers(data)
    return {
        c: nx.minimum_node_cut(with_outside(layers[c]), "north_korea", OUTSIDE) for c in CHANNELS
    }


CHANNELS_PER_PAIR = (
    "a dict of pair -> number of channels, such as {('china', 'north_korea'): <a number>, ...}"
)


# The checks of the two exercises on the layers compare M and layers with the notebook's (see
# safe): Who can cut North Korea off? copies each layer, and a layer changed in place is wrong for
# every later cell.
@safe(
    "Channels per pair",
    CHANNELS_PER_PAIR,
    "dict",
    graphs=notebook_graphs,
    hints=(
        "series",
        "key-not-pair",
        "both-directions",
        "values-not-numbers",
        "display-names",
        "zero-counts",
        "counted-sources",
    ),
)
def check_channels_per_pair(answer):
    """Feedback for a dict mapping each tied pair, a tuple of two ids, to its number of channels."""
    ex = "Channels per pair"
    if not isinstance(answer, Mapping):
        return wrong_type(ex, CHANNELS_PER_PAIR, answer)
    keys = {}
    for key in answer:
        pair = distinct_ids(key, 2)
        if pair is None:
            return Feedback(
                ex,
                "wrong type",
                f"Each key is a pair of two different ids, such as "
                f"('china', 'north_korea'); the key {key!r} is not.",
                "key-not-pair",
            )
        if pair in keys:
            return Feedback(
                ex,
                "incorrect",
                f"{key!r} and {keys[pair]!r} are the same pair, counted in both "
                "directions. Merge them: a pair's channels are those of both "
                "rows together, each channel counted once.",
                "both-directions",
            )
        keys[pair] = key
    for key, value in answer.items():
        if isinstance(value, bool) or not isinstance(value, Integral):
            hint = (
                " Count them with len(...)."
                if isinstance(value, (set, list, tuple, frozenset))
                else ""
            )
            return Feedback(
                ex,
                "wrong type",
                f"Each value is a whole number of channels; the value for {key!r} "
                f"is {a_type(value)}.{hint}",
                "values-not-numbers",
            )
    data = load_data()
    names_hint = display_names_instead_of_ids(sorted({n for p in keys for n in p}), data)
    if names_hint:
        return Feedback(ex, "incorrect", names_hint, "display-names")
    layers = reference(channel_layers)
    expected = {}
    for layer in layers.values():
        for u, v in layer.edges():
            expected[frozenset((u, v))] = expected.get(frozenset((u, v)), 0) + 1
    got = {pair: answer[key] for pair, key in keys.items()}
    if got == expected:
        top = max(expected, key=expected.get)
        return Feedback(
            ex,
            "correct",
            f"{len(expected)} pairs; {actor_names(top, data)} share the most "
            f"channels, {expected[top]} of {len(CHANNELS)}.",
        )
    missing = sorted(show_ids(p) for p in set(expected) - set(got))
    extra = {p for p in set(got) - set(expected)}
    if extra and all(got[p] == 0 for p in extra):
        return Feedback(
            ex,
            "incorrect",
            "Leave out pairs with no channel (a count of 0): the dict lists the "
            "pairs that are tied.",
            "zero-counts",
        )
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"These pairs are missing: {', '.join(missing)}.")
        if extra:
            parts.append(
                "These pairs share no channel in data/channels.csv: "
                + ", ".join(sorted(show_ids(p) for p in extra))
                + "."
            )
        return Feedback(ex, "incorrect", " ".join(parts))
    rows = Counter(frozenset((r.source, r.target)) for r in data.channels.itertuples())
    if got == dict(rows):
        return Feedback(
            ex,
            "incorrect",
            "These count rows of the table, that is, sources. Several sources can "
            "report the same channel: count each channel once per pair.",
            "counted-sources",
        )
    pair = sorted((p for p in expected if got[p] != expected[p]), key=sorted)[0]
    direction = "too many" if got[pair] > expected[pair] else "too few"
    return Feedback(
        ex,
        "incorrect",
        f"The count for {show_ids(pair)} has {direction} channels. Count the layers "
        "on which the pair has an edge.",
    )


# A set's shape, not a cut: {'russia'} would be the answer on two layers.
CUTS = "a dict of channel -> set of actor ids, such as {'energy': {'id_1', ...}, ...}"


@safe(
    "Who can cut North Korea off?",
    CUTS,
    "dict",
    graphs=notebook_graphs,
    hints=(
        "series",
        "not-channels",
        "channels-missing",
        "connectivity-numbers",
        "values-not-sets",
        "display-names",
        "pipeline-cut-copied",
        "ends-in-cut",
        "all-layers",
        "empty-cut",
        "too-many",
        "too-few",
        "wrong-actors",
    ),
)
def check_layer_cuts(answer):
    """Feedback for a dict mapping each channel to the smallest set of actors that cuts
    North Korea off from the outside on that layer."""
    ex = "Who can cut North Korea off?"
    if not isinstance(answer, Mapping):
        return wrong_type(ex, CUTS, answer)
    unknown = sorted(str(k) for k in answer if k not in CHANNELS)
    if unknown:
        return Feedback(
            ex,
            "incorrect",
            f"Not a channel: {', '.join(unknown)}. The keys are the channels: "
            f"{', '.join(CHANNELS)}.",
            "not-channels",
        )
    missing = [c for c in CHANNELS if c not in answer]
    if missing:
        return Feedback(
            ex,
            "incorrect",
            f"One entry per channel; missing: {', '.join(missing)}.",
            "channels-missing",
        )
    if all(isinstance(v, Integral) for v in answer.values()):
        return Feedback(
            ex,
            "wrong type",
            "These are numbers: how many actors stand in the way, as "
            "nx.node_connectivity gives. The exercise asks who: use "
            "nx.minimum_node_cut, which gives a set.",
            "connectivity-numbers",
        )
    for channel, value in answer.items():
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
            return Feedback(
                ex,
                "wrong type",
                f"Each value is a set of actor ids, such as {{'id_1', ...}}; the "
                f"value for {channel!r} is {a_type(value)}.",
                "values-not-sets",
            )
    got = {channel: set(value) for channel, value in answer.items()}
    data = load_data()
    named = sorted({n for v in got.values() for n in v if isinstance(n, str)})
    names_hint = display_names_instead_of_ids(named, data)
    if names_hint:
        return Feedback(ex, "incorrect", names_hint, "display-names")
    layers = reference(channel_layers)
    expected = reference(_cuts)
    if got == expected:
        alone = sorted(c for c in CHANNELS if len(expected[c]) == 1)
        return Feedback(
            ex,
            "correct",
            f"In these data, one actor alone can cut North Korea off on {len(alone)} "
            "layer(s), where the data record no other partner: "
            + "; ".join(f"{c}, {actor_names(expected[c], data)}" for c in alone)
            + ".",
        )
    if any(v == {"north_korea"} for v in got.values()):
        return Feedback(
            ex,
            "incorrect",
            "A cut of {'north_korea'} separates other actors from each other (as on "
            "the pipeline, Russia from South Korea), not North Korea from the "
            "outside. Call nx.minimum_node_cut(H, 'north_korea', 'outside') on "
            "each layer with the outside node added.",
            "pipeline-cut-copied",
        )
    if any(OUTSIDE in v or "north_korea" in v for v in got.values()):
        return Feedback(
            ex,
            "incorrect",
            "A cut never contains the two ends it separates: leave out "
            "'north_korea' and the outside node.",
            "ends-in-cut",
        )
    whole = set().union(*(set(layer) for layer in layers.values())) - {"north_korea"}
    if all(v == whole for v in got.values()):
        return Feedback(
            ex,
            "incorrect",
            "Every layer has the same answer: these are North Korea's partners "
            "on all channels together. Build one graph per channel.",
            "all-layers",
        )
    wrong = [c for c in CHANNELS if got[c] != expected[c]]
    channel = wrong[0]
    if not got[channel]:
        key, hint = (
            "empty-cut",
            "an empty cut removes no one, yet North Korea has a partner on that layer.",
        )
    elif got[channel] > expected[channel]:
        key, hint = (
            "too-many",
            "more actors than needed: is every one of them on that layer, "
            "and a partner of North Korea?",
        )
    elif got[channel] < expected[channel]:
        key, hint = (
            "too-few",
            "too few: North Korea still reaches the outside on that layer through someone else.",
        )
    else:
        key, hint = (
            "wrong-actors",
            "not the actors that stand between North Korea and the outside on that layer.",
        )
    return Feedback(ex, "incorrect", f"{len(wrong)} layer(s) differ. On {channel}, {hint}", key)


KIND_PATTERN = re.compile(r"^[a-z][a-z_]*$")
# The article's spelling, or a near miss, for a kind the data spell otherwise.
NEAR_KINDS = {
    "labor": "labour",
    "telecommunications": "telecom",
    "rail": "transport",
    "economy": "economic",
}


def _coded_in_data(data):
    """What data/ codes in the paragraph: {(pair, kind): rows}, from ties.csv and channels.csv."""
    ties = data.ties[data.ties["paragraph"] == CODED_PARAGRAPH]
    channels = data.channels[data.channels["paragraph"] == CODED_PARAGRAPH]
    return Counter(
        (frozenset((t.source, t.target)), t.relation) for t in ties.itertuples()
    ) + Counter((frozenset((c.source, c.target)), c.channel) for c in channels.itertuples())


def _coded_rows(answer):
    """The student's rows as (source, target, kind, evidence) tuples, or (None, (hint, message))."""
    if type(answer).__name__ == "DataFrame":
        return None, (
            "dataframe",
            "This is a DataFrame: make it a list of tuples with list(df.itertuples(index=False)).",
        )
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
        return None, (
            "",
            f"Expected a list of ties, each a tuple (source, target, kind, evidence); got "
            f"{a_type(answer)}.",
        )
    answer = list(answer)
    if len(answer) == 4 and all(isinstance(part, str) for part in answer):
        return None, (
            "single-tie",
            "This is one tie on its own: put it in a list, "
            "[(source, target, kind, evidence), ...].",
        )
    rows = []
    for n, row in enumerate(answer, start=1):
        if isinstance(row, Mapping):
            row = tuple(row.get(k) for k in ("source", "target", "kind", "evidence"))
        if isinstance(row, (str, bytes)) or not isinstance(row, Iterable) or len(list(row)) != 4:
            return None, (
                "not-four-parts",
                f"Tie {n} should have four parts, (source, target, kind, evidence); got {row!r}.",
            )
        row = tuple(row)
        if not all(isinstance(part, str) and part.strip() for part in row):
            return None, ("empty-part", f"Tie {n}: every part is a non-empty string; got {row!r}.")
        rows.append(row)
    if not rows:
        return None, ("empty-list", "The list is empty: code at least one tie of §9.")
    return rows, None


# No graph is compared here: the exercise codes a paragraph, and touches none of the chapter's
# graphs.
@safe(
    "Code §9 yourself",
    "a list of ties, each a tuple (source, target, kind, evidence)",
    "list",
    marks=False,
    hints=(
        "dataframe",
        "single-tie",
        "not-four-parts",
        "empty-part",
        "empty-list",
        "display-names",
        "article-name",
        "unknown-id",
        "self-tie",
        "near-kind",
        "kind-format",
        "long-evidence",
    ),
)
def check_my_coding(answer):
    """Compare a student's own coding of §9 with data/: it checks the form, and lists the
    differences to discuss. It never marks a coding correct: the discussion is the answer."""
    ex = "Code §9 yourself"
    rows, problem = _coded_rows(answer)
    if problem:
        hint, message = problem
        return Feedback(ex, "wrong type", message, hint)
    data = load_data()
    ids = set(data.actors["id"])
    names_to_ids = other_names(data)
    for n, (source, target, kind, evidence) in enumerate(rows, start=1):
        for end in (source, target):
            if end not in ids:
                names_hint = display_names_instead_of_ids([end], data)
                if names_hint:
                    return Feedback(ex, "incorrect", f"Tie {n}: {names_hint}", "display-names")
                if end.lower() in names_to_ids:
                    real = names_to_ids[end.lower()]
                    return Feedback(
                        ex,
                        "incorrect",
                        f"Tie {n}: {end!r} is a name the article uses for "
                        f"{actor_names([real], data)}; use its id, {real!r}.",
                        "article-name",
                    )
                return Feedback(
                    ex,
                    "incorrect",
                    f"Tie {n}: {end!r} is not an actor id in data/actors.csv. "
                    "If §9 needs a new actor, use the closest id and say so in "
                    "your discussion.",
                    "unknown-id",
                )
        if source == target:
            return Feedback(
                ex,
                "incorrect",
                f"Tie {n} joins {source!r} to itself: a tie joins two different actors.",
                "self-tie",
            )
        if kind in NEAR_KINDS:
            return Feedback(
                ex,
                "incorrect",
                f"Tie {n}: data/ spells this kind {NEAR_KINDS[kind]!r}; use that, "
                "so the comparison can match it.",
                "near-kind",
            )
        if not KIND_PATTERN.match(kind):
            return Feedback(
                ex,
                "incorrect",
                f"Tie {n}: write the kind as one lower-case word, such as 'labour'; got {kind!r}.",
                "kind-format",
            )
        if len(evidence.split()) > MAX_EVIDENCE_WORDS:
            return Feedback(
                ex,
                "incorrect",
                f"Tie {n}: the evidence has {len(evidence.split())} words. Quote the "
                f"shortest phrase of §9 that shows the tie (at most {MAX_EVIDENCE_WORDS}).",
                "long-evidence",
            )
    mine = Counter((frozenset(r[:2]), r[2]) for r in rows)
    theirs = reference(_coded_in_data)

    def listed(counts):
        items = sorted(counts.items(), key=lambda i: (sorted(i[0][0]), i[0][1]))
        return (
            "; ".join(f"{show_ids(p)} ({k})" + (f" ×{n}" if n > 1 else "") for (p, k), n in items)
            or "none"
        )

    new_kinds = sorted({r[2] for r in rows} - set(CHANNELS + RELATIONS))
    note = (
        f" Kinds that data/ does not use: {', '.join(new_kinds)}; say why you need them."
        if new_kinds
        else ""
    )
    return Feedback(
        ex,
        "compared",
        f"Well-formed, so it can be compared; not marked. Your {len(rows)} "
        f"tie{'s' if len(rows) != 1 else ''} against data/: in both: {listed(mine & theirs)}. "
        f"Only in yours: {listed(mine - theirs)}. Only in data/: {listed(theirs - mine)}."
        f"{note} Discuss every difference below.",
    )
