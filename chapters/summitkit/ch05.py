"""Checks for chapter 5, "What happened next".

The chapter builds the network of the five states at any date from the article's ties and the
record of later events (``snapshot``), and measures it. Each check rebuilds the snapshots from
data/, exactly as the notebook's Setup 3 does (with chapter 4's ``signed_graph``, from
``networks.py``), so that its expected answer never depends on the
student's variables. The chapter keeps no graph of its own between cells (every exercise calls
``snapshot``), so the checks compare none with the notebook's; they compare the notebook's
``data.record``, which ``snapshot`` reads, with the file's (``record_warning``), to warn a student
whose code changed it in place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Set
from numbers import Real

import networkx as nx
import pandas as pd

from .feedback import (
    TOLERANCE,
    Feedback,
    a_type,
    close,
    display_names_instead_of_ids,
    distinct_ids,
    reference,
    rounded,
    safe,
    wrong_type,
)
from .loading import CHANNELS, RECORD_AS_OF, load_data
from .networks import signed_graph

STATES = ("russia", "china", "united_states", "north_korea", "south_korea")
ARTICLE = pd.Timestamp("2018-06-08")
YEARS = 3  # a reported relation stays on for three years after its last report
END_2024 = "2024-12-31"


def snapshot(day, record=None, years=YEARS, data=None):
    """(S, layers) on the given day, built as the notebook's Setup 3 builds them."""
    data = data if data is not None else load_data()
    record = record if record is not None else data.record
    day = pd.Timestamp(day)
    later = record[(record["tie"] == "yes") & (pd.to_datetime(record["date"]) <= day)]
    later = later.assign(date=pd.to_datetime(later["date"])).sort_values("date")
    is_channel = later["kind"].isin(CHANNELS)
    reports = pd.concat([data.ties.assign(date=ARTICLE), later[~is_channel]])
    start = day - pd.DateOffset(years=years)
    window = reports["date"].between(start, day, inclusive="right")
    graph = signed_graph(reports[window], data.actors, list(STATES))
    status = {}
    for row in data.channels.itertuples():
        status.setdefault((frozenset((row.source, row.target)), row.channel), set()).add(row.status)
    for row in later[is_channel].itertuples():
        status[(frozenset((row.source, row.target)), row.kind)] = {row.status}
    layers = {channel: nx.Graph() for channel in CHANNELS}
    for (pair, channel), found in status.items():
        layers[channel].add_edge(*pair, status=", ".join(sorted(found)))
    return graph, layers


def _file_record(data):
    return data.record


def _record_rows(record, columns):
    """Counter of a record's rows, each as the text of its values in ``columns`` (a date as
    YYYY-MM-DD, a missing value as ''), so that a row added in place compares with the file's."""

    def text(column, value):
        if not isinstance(value, str) and pd.isna(value):
            return ""
        if column == "date":
            try:
                return f"{pd.Timestamp(value):%Y-%m-%d}"
            except (ValueError, TypeError):
                return str(value)
        return str(value)

    frame = record.reindex(columns=columns)
    return Counter(
        tuple(text(c, v) for c, v in zip(columns, row))
        for row in frame.itertuples(index=False, name=None)
    )


def _show_row(row, columns):
    value = dict(zip(columns, row))
    shown = [
        value.get("date", ""),
        "–".join(filter(None, (value.get("source"), value.get("target")))),
    ]
    shown += [value.get("kind", "")]
    return " ".join(part for part in shown if part)


def record_warning(namespace):
    """A warning if the notebook's data.record is no longer the file's (a row added or removed in
    place, such as data.record.loc[len(data.record)] = row); '' if it is, or if the notebook has no
    data yet. Every later cell that calls snapshot reads data.record."""
    record = getattr(namespace.get("data"), "record", None)
    if not isinstance(record, pd.DataFrame):
        return ""
    original = reference(_file_record)
    columns = list(original.columns)
    now, before = _record_rows(record, columns), _record_rows(original, columns)
    added, removed = list((now - before).elements()), list((before - now).elements())
    if not added and not removed:
        return ""
    parts = []
    if added:
        shown = "; ".join(_show_row(row, columns) for row in added[:3])
        parts.append(
            f"data.record has a row the file does not: {shown}"
            if len(added) == 1
            else f"data.record has {len(added)} rows the file does not, such as {shown}"
        )
    if removed:
        ids = ", ".join(dict(zip(columns, row)).get("id", "?") for row in removed[:3])
        parts.append(
            ("it" if added else "data.record")
            + f" lacks {len(removed)} of the file's row(s) ({ids}{', …' * (len(removed) > 3)})"
        )
    return (
        f"{'; '.join(parts)}; restore it by running Setup 1, and change a copy instead "
        "(pd.concat makes one with a new row): every later cell that calls snapshot reads "
        "data.record."
    )


def betweenness_at(day, record=None, data=None):
    return nx.betweenness_centrality(snapshot(day, record, data=data)[0])


def added_event(data, sign="+"):
    """The record with the exercise's event: China–North Korea trade in 2024, an economic tie."""
    row = {
        "id": "r99",
        "date": pd.Timestamp(END_2024),
        "source": "china",
        "target": "north_korea",
        "kind": "economic",
        "sign": sign,
        "tie": "yes",
        "status": "",
    }
    return pd.concat([data.record, pd.DataFrame([row])], ignore_index=True)


def _state_values(ex, answer, data, what):
    """(values, None) for a dict of state -> number, or (None, Feedback) naming what is wrong."""
    if isinstance(answer, Real) and not isinstance(answer, bool):
        return None, Feedback(
            ex,
            "wrong type",
            f"Expected {what}; this is one number. Give every state its value, in a dict.",
            "one-number",
        )
    if not isinstance(answer, Mapping):
        return None, wrong_type(ex, what, answer)
    message = display_names_instead_of_ids(list(answer), data)
    if message:
        return None, Feedback(ex, "incorrect", message, "display-names")
    for key, value in answer.items():
        if isinstance(value, bool) or not isinstance(value, Real):
            return None, Feedback(
                ex,
                "wrong type",
                f"Each value is a number; the value for {key!r} is {a_type(value)}.",
                "values-not-numbers",
            )
    missing = [s for s in STATES if s not in answer]
    others = [k for k in answer if k not in STATES]
    if missing or others:
        return None, Feedback(
            ex,
            "incorrect",
            f"Give exactly the five states of the snapshot, by id: {', '.join(STATES)}.",
            "not-the-states",
        )
    return {s: float(answer[s]) for s in STATES}, None


def _all_close(got, expected):
    """True if every state's value agrees with the expected one to three decimals."""
    return all(close(got[s], expected[s]) for s in STATES)


def _added_event_values(data):
    """{what: betweenness of each state}: Add an event's right values (the new row, the end of
    2024), and those of three common mistakes, by their hints."""
    plus = added_event(data)
    graph = snapshot(END_2024, plus, data=data)[0]
    return {
        "right": nx.betweenness_centrality(graph),
        "record-as-it-is": betweenness_at(END_2024, data=data),
        "latest-snapshot": betweenness_at(RECORD_AS_OF, plus, data),
        "not-normalised": nx.betweenness_centrality(graph, normalized=False),
    }


def _before_and_after(data):
    """Each state's betweenness on 8 June 2018 and at the record's latest date."""
    return betweenness_at(ARTICLE, data=data), betweenness_at(RECORD_AS_OF, data=data)


BETWEENNESS = "a dict of state id -> betweenness, such as {'russia': <a number>, ...}"


@safe(
    "Add an event",
    BETWEENNESS,
    "dict",
    warn=record_warning,
    hints=(
        "series",
        "one-number",
        "display-names",
        "values-not-numbers",
        "not-the-states",
        "rounded",
        "record-as-it-is",
        "latest-snapshot",
        "not-normalised",
    ),
)
def check_added_event(answer):
    """Feedback for betweenness_2024: the states' betweenness at the end of 2024, with the
    2024 China–North Korea trade added to a copy of the record."""
    ex = "Add an event"
    data = load_data()
    got, problem = _state_values(ex, answer, data, BETWEENNESS)
    if problem:
        return problem
    values = reference(_added_event_values)
    expected = values["right"]
    if _all_close(got, expected):
        before = values["record-as-it-is"]["russia"]
        return Feedback(
            ex,
            "correct",
            f"With one more report, Russia's betweenness at the end of 2024 goes from "
            f"{before:.3f} to {expected['russia']:.3f}.",
        )
    too_rounded = rounded(ex, got, expected)
    if too_rounded:
        return too_rounded
    if _all_close(got, values["record-as-it-is"]):
        return Feedback(
            ex,
            "incorrect",
            "These are the values of the record as it is: snapshot did not count your new "
            "row. Give snapshot the copy with the row (record=...), and check the row: tie "
            "is 'yes' in lower case, source and target are ids ('china', 'north_korea'), "
            "kind is 'economic', and the date is no later than the snapshot's day.",
            "record-as-it-is",
        )
    if _all_close(got, values["latest-snapshot"]):
        return Feedback(
            ex,
            "incorrect",
            "These are the values at the record's latest date: the exercise asks for "
            "the snapshot at the end of 2024.",
            "latest-snapshot",
        )
    raw = values["not-normalised"]
    if _all_close(got, raw) and not _all_close(raw, expected):
        return Feedback(
            ex,
            "incorrect",
            "These count shortest paths without dividing by the number of pairs: use "
            "nx.betweenness_centrality with its default normalisation, as chapter 2 "
            "does.",
            "not-normalised",
        )
    off = sorted(s for s in STATES if not close(got[s], expected[s]))
    return Feedback(
        ex,
        "incorrect",
        f"{len(off)} value(s) differ, among them {off[0]!r}. Check the new row's "
        "date, pair, kind and tie, and the day you give snapshot.",
    )


CHANGE = "a dict of state id -> change in betweenness, such as {'russia': <a number>, ...}"


@safe(
    "What changed",
    CHANGE,
    "dict",
    warn=record_warning,
    hints=(
        "series",
        "one-number",
        "display-names",
        "values-not-numbers",
        "not-the-states",
        "rounded",
        "wrong-way-round",
        "absolute-values",
        "one-snapshot",
    ),
)
def check_betweenness_change(answer):
    """Feedback for change: each state's betweenness at the record's latest date minus its
    betweenness on 8 June 2018."""
    ex = "What changed"
    data = load_data()
    got, problem = _state_values(ex, answer, data, CHANGE)
    if problem:
        return problem
    before, after = reference(_before_and_after)
    expected = {s: after[s] - before[s] for s in STATES}
    if _all_close(got, expected):
        rose = [s for s in STATES if expected[s] > TOLERANCE]
        fell = [s for s in STATES if expected[s] < -TOLERANCE]
        return Feedback(
            ex,
            "correct",
            f"{len(rose)} state(s) rose and {len(fell)} fell; the others did not change.",
        )
    too_rounded = rounded(ex, got, expected, "changes")
    if too_rounded:
        return too_rounded
    if _all_close(got, {s: -v for s, v in expected.items()}):
        return Feedback(
            ex,
            "incorrect",
            "Every change has the wrong sign: take the later value minus the earlier one.",
            "wrong-way-round",
        )
    if _all_close(got, {s: abs(v) for s, v in expected.items()}):
        # Before one snapshot: the sizes of the changes can equal one snapshot's values.
        rose = sum(v > TOLERANCE for v in expected.values())
        fell = sum(v < -TOLERANCE for v in expected.values())
        # With these data the sizes equal the 2018 values: the message covers both readings.
        snapshot_too = _all_close(got, after) or _all_close(got, before)
        also = ", which here equal the values of one snapshot" if snapshot_too else ""
        return Feedback(
            ex,
            "incorrect",
            f"These are the sizes of the changes without their signs (abs){also}: {_count(rose)} "
            f"state{'s' * (rose != 1)} {'rise' if rose != 1 else 'rises'} and {_count(fell)} "
            f"{'fall' if fell != 1 else 'falls'}: keep the sign (later minus earlier).",
            "absolute-values",
        )
    if _all_close(got, after) or _all_close(got, before):
        return Feedback(
            ex,
            "incorrect",
            "These are the values of one snapshot: the change is the difference between two.",
            "one-snapshot",
        )
    off = sorted(s for s in STATES if not close(got[s], expected[s]))
    return Feedback(
        ex,
        "incorrect",
        f"{len(off)} change(s) differ, among them {off[0]!r}. Compute betweenness in "
        "both snapshots, then subtract state by state.",
    )


def _count(n):
    return ("no", "one", "two", "three", "four", "five")[n] if n <= 5 else str(n)


YEAR_ENDS = range(2018, 2026)
IDS = "a set of record ids, as the id column writes them: {'r..', ...}"
LOST = (
    "a dict of year -> set of ties, each tie a tuple of two state ids, such as {2018: set(), ...}"
)


def lost_without(data, dropped):
    """{year: ties of S at that year's end that are gone once the rows in dropped are left out}."""
    kept = data.record[~data.record["id"].isin(dropped)]
    found = {}
    for year in YEAR_ENDS:
        day = f"{year}-12-31"
        with_all = {frozenset(e) for e in snapshot(day, data=data)[0].edges()}
        without = {frozenset(e) for e in snapshot(day, kept, data=data)[0].edges()}
        found[year] = with_all - without
    return found


def _without_state_media(data):
    """(ids, lost, kept): the ids of the record's state-media rows, and the ties of S at each
    year's end that are lost without them ({year: ties}) and that remain."""
    ids = set(data.record.loc[data.record["state_media"] == "yes", "id"])
    rest = data.record[~data.record["id"].isin(ids)]
    kept = {
        y: {frozenset(e) for e in snapshot(f"{y}-12-31", rest, data=data)[0].edges()}
        for y in YEAR_ENDS
    }
    return ids, lost_without(data, ids), kept


def _pairs(value):
    if not isinstance(value, (Set, list, tuple)):
        return None
    pairs = [distinct_ids(item, 2) for item in value]
    return None if any(p is None for p in pairs) else set(pairs)


@safe(
    "Drop the state media",
    {"state_media_ids": IDS, "lost": LOST},
    {"state_media_ids": "set", "lost": "dict"},
    warn=record_warning,
    hints=(
        "dataframe",
        "unknown-ids",
        "primary-sources",
        "ids-missing",
        "ids-extra",
        "lost-not-a-dict",
        "years-missing",
        "not-pairs",
        "ties-kept",
        "display-names",
    ),
)
def check_state_media(state_media_ids, lost):
    """Feedback for state_media_ids, the ids of the record's rows whose source is state media,
    and lost, the ties of S at each year's end, 2018–2025, that are gone without those rows."""
    ex = "Drop the state media"
    if isinstance(state_media_ids, (pd.DataFrame, pd.Series)):
        return Feedback(
            ex,
            "wrong type",
            "This is part of a table (pandas): give the ids alone, such as set(rows['id']).",
            "dataframe",
        )
    if isinstance(state_media_ids, (str, Mapping)) or not isinstance(
        state_media_ids, (Set, list, tuple)
    ):
        return wrong_type(ex, f"state_media_ids as {IDS}", state_media_ids)
    data = load_data()
    ids = set(data.record["id"])
    unknown = sorted(str(i) for i in state_media_ids if i not in ids)
    if unknown:
        return Feedback(
            ex,
            "incorrect",
            f"{unknown[0]!r} is not an id of data/record.csv: use its id column, such as 'r04'.",
            "unknown-ids",
        )
    expected_ids, expected, remaining = reference(_without_state_media)
    primary = set(data.record.loc[data.record["primary"] == "yes", "id"])
    given = set(state_media_ids)
    if given != expected_ids:
        if given == primary:
            return Feedback(
                ex,
                "incorrect",
                "These are the primary sources, the actors' own records: state media "
                "is the other column.",
                "primary-sources",
            )
        if given < expected_ids:
            return Feedback(
                ex,
                "incorrect",
                f"{len(expected_ids - given)} state-media row(s) missing: select "
                "every row whose state_media column says yes.",
                "ids-missing",
            )
        return Feedback(
            ex,
            "incorrect",
            f"{len(given - expected_ids)} row(s) here are not state media: select "
            "the rows whose state_media column says yes.",
            "ids-extra",
        )
    if not isinstance(lost, Mapping):
        return Feedback(
            ex, "wrong type", f"Expected lost as {LOST}; this is {a_type(lost)}.", "lost-not-a-dict"
        )
    others = sorted((k for k in lost if k not in YEAR_ENDS), key=repr)
    if others:
        return Feedback(
            ex,
            "incorrect",
            f"Give lost each year from {YEAR_ENDS[0]} to {YEAR_ENDS[-1]}, and nothing else: "
            f"{others[0]!r} is not one of those years.",
        )
    missing = [y for y in YEAR_ENDS if y not in lost]
    if missing:
        return Feedback(
            ex,
            "incorrect",
            f"Give every year from {YEAR_ENDS[0]} to {YEAR_ENDS[-1]}, as a whole "
            f"number; {missing[0]} is missing.",
            "years-missing",
        )
    got = {}
    for year in YEAR_ENDS:
        pairs = _pairs(lost[year])
        if pairs is None:
            return Feedback(
                ex,
                "wrong type",
                f"Each value of lost is a set of ties, each a tuple of two state ids; "
                f"the value for {year} is not.",
                "not-pairs",
            )
        got[year] = pairs
    message = display_names_instead_of_ids(
        {i for pairs in got.values() for p in pairs for i in p}, data
    )
    if message:
        return Feedback(ex, "incorrect", message, "display-names")
    if got == expected:
        years = [y for y in YEAR_ENDS if expected[y]]
        return Feedback(ex, "correct", f"Without state media, {len(years)} year end(s) lose a tie.")
    if got == remaining:
        return Feedback(
            ex,
            "incorrect",
            "These are the ties that remain without state media: lost holds the ties "
            "that are gone, the difference between the two snapshots.",
            "ties-kept",
        )
    off = [y for y in YEAR_ENDS if got[y] != expected[y]]
    return Feedback(
        ex,
        "incorrect",
        f"{len(off)} year(s) differ, among them {off[0]}. For each year's end, build "
        "the snapshot with and without the state-media rows, and compare their ties.",
    )
