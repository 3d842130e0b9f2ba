"""Load and validate the CSV files in data/.

``load_data()`` reads every file and checks every row. A broken file raises
``DataError`` naming the file, the line, the column, what was found and what
was expected: never a traceback from inside csv or pandas.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

# data/ sits next to chapters/; found from this file, so any working directory works.
DATA_DIR = Path(__file__).resolve().parents[2] / "data"

ARTICLE_URL = (
    "https://www.cnbc.com/2018/06/08/trump-kim-summit-russia-plays-an-important-role.html"
)

ACTOR_KINDS = ("state", "person", "organisation", "place")

# Relations whose sign (+ cooperative, - opposed) is part of the claim.
SIGNED_RELATIONS = ("diplomacy", "economic", "alignment", "history")
# Relations where a sign makes no sense (a role, a job, a comment).
UNSIGNED_RELATIONS = ("office", "affiliation", "assessment")
RELATIONS = SIGNED_RELATIONS + UNSIGNED_RELATIONS

SECTIONS = ("key-points", "russia-role", "economic-ties", "alignment-with-china")

# The issue asks for "a clause, rarely over 20 words"; 25 is the hard ceiling.
MAX_EVIDENCE_WORDS = 25

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
URL_PATTERN = re.compile(r"^https?://\S+$")

COLUMNS = {
    "paragraphs.csv": ("id", "position", "section", "opening"),
    "actors.csv": ("id", "name", "kind", "first_paragraph", "aliases", "description"),
    "ties.csv": ("source", "target", "relation", "sign", "paragraph", "evidence", "checked"),
    "layout.csv": ("id", "x", "y"),
    "events.csv": ("date", "event", "source", "url"),
    "channels.csv": ("source", "target", "channel", "status", "paragraph", "evidence", "reference", "url"),
    "workers.csv": ("date", "when", "count", "measure", "source", "url"),
    "record.csv": ("id", "date", "source", "target", "kind", "sign", "status", "tie", "event", "reference",
                   "url", "state_media", "primary", "fact"),
    "claims.csv": ("id", "paragraph", "evidence", "claim", "by", "in_june_2018", "later", "verdict",
                   "reasoning"),
}

# The economic channels of §8–§11 (chapter 3), one network layer each.
CHANNELS = ("energy", "labour", "port", "transport", "telecom", "pipeline")
# A channel's standing in June 2018, as we coded it from the background sources.
# idle: in place, but carrying nothing at the time (the port of Rajin in June 2018).
STATUSES = ("operating", "idle", "restricted", "proposed", "reported")

# An event's label sits on a timeline figure: keep it short enough to read there.
MAX_EVENT_CHARS = 60

# The record of what happened after the article (chapter 5): dated ties, each with its source.
# RECORD_AS_OF is the date the record was last brought up to date; no event may be later.
RECORD_AS_OF = "2026-02-28"
# A record row's kind: a channel of chapter 3 (with a status) or a signed relation (with a sign).
RECORD_RELATIONS = ("diplomacy", "alignment", "economic", "military")
RECORD_KINDS = CHANNELS + RECORD_RELATIONS
MAX_RECORD_EVENT_CHARS = 100
FACT_PATTERN = re.compile(r"^[BC]\d+[a-z]?(?:; [BC]\d+[a-z]?)*$")
# The claims ledger's verdicts, and who makes a claim.
VERDICTS = ("supported", "qualified", "contradicted", "unresolved")
CLAIMANTS = ("the article", "Economy", "Lukin")


class DataError(ValueError):
    """A data file is malformed. The message names the file, line and column."""


def _fail(path, line, column, found, expected):
    where = f"{path.name}, line {line}" if line else path.name
    if column:
        where += f", column '{column}'"
    raise DataError(f"{where}: found {found!r}; expected {expected}.")


def _read_csv(path):
    """Return the rows of a CSV file as dicts, each with its line number."""
    if not path.exists():
        raise DataError(f"{path.name}: file not found in {path.parent}.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise DataError(f"{path.name}: not valid UTF-8 (byte {err.start}); save it as UTF-8.") from None
    if not text.strip():
        raise DataError(f"{path.name}: the file is empty; expected a header line and data rows.")

    expected_cols = COLUMNS[path.name]
    reader = csv.reader(text.splitlines())
    header = [h.strip() for h in next(reader)]
    missing = [c for c in expected_cols if c not in header]
    extra = [c for c in header if c not in expected_cols]
    if missing:
        _fail(path, 1, missing[0], ",".join(header), f"a header with the columns {', '.join(expected_cols)}")
    if extra:
        _fail(path, 1, extra[0], ",".join(header), f"only the columns {', '.join(expected_cols)}")

    rows = []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue  # a blank line is harmless
        if len(values) != len(header):
            _fail(path, line, None, f"{len(values)} fields", f"{len(header)} fields (quote any value that contains a comma)")
        row = {col: val.strip() for col, val in zip(header, values)}
        row["_line"] = line
        rows.append(row)
    if not rows:
        raise DataError(f"{path.name}: only a header; expected at least one data row.")
    return rows


def _require(path, row, column, allowed=None, pattern=None, what=None):
    value = row[column]
    if value == "":
        _fail(path, row["_line"], column, value, what or "a value")
    if allowed is not None and value not in allowed:
        _fail(path, row["_line"], column, value, "one of " + ", ".join(allowed))
    if pattern is not None and not pattern.match(value):
        _fail(path, row["_line"], column, value, what)
    return value


def _unique(path, rows, column):
    seen = {}
    for row in rows:
        value = row[column]
        if value in seen:
            _fail(path, row["_line"], column, value, f"a unique id (line {seen[value]} already uses it)")
        seen[value] = row["_line"]


def _load_paragraphs(data_dir):
    path = data_dir / "paragraphs.csv"
    rows = _read_csv(path)
    for row in rows:
        _require(path, row, "id", pattern=re.compile(r"^(K\d|\d+)$"), what="a paragraph id such as 3 or K1")
        _require(path, row, "position", pattern=re.compile(r"^\d+$"), what="a whole number")
        _require(path, row, "section", allowed=SECTIONS)
    _unique(path, rows, "id")
    return rows


def _load_actors(data_dir, paragraph_ids):
    path = data_dir / "actors.csv"
    rows = _read_csv(path)
    for row in rows:
        _require(path, row, "id", pattern=ID_PATTERN, what="a lower-case id such as north_korea")
        _require(path, row, "name")
        _require(path, row, "kind", allowed=ACTOR_KINDS)
        _require(path, row, "description", what="a one-line description")
        _require(path, row, "first_paragraph", allowed=paragraph_ids)
        _check_aliases(path, row, paragraph_ids)
    _unique(path, rows, "id")
    return rows


ALIAS_PATTERN = re.compile(r"^(.+) \(((?:K\d|§\d+)(?:, (?:K\d|§\d+))*)\)$")


def _check_aliases(path, row, paragraph_ids):
    """Aliases are optional: 'Moscow (K2, §1); the Kremlin (§5)', each with its paragraphs."""
    for alias in filter(None, (a.strip() for a in row["aliases"].split(";"))):
        match = ALIAS_PATTERN.match(alias)
        if not match:
            _fail(path, row["_line"], "aliases", alias,
                  "names separated by ';', each followed by its paragraphs, such as 'Moscow (K2, §1)'")
        for paragraph in match.group(2).split(", "):
            if paragraph.lstrip("§") not in paragraph_ids:
                _fail(path, row["_line"], "aliases", alias,
                      f"paragraphs that exist ({paragraph} is not K1, K2 or §1–§12)")


def _check_ends(path, row, actor_ids):
    """A tie or channel joins two different actors listed in actors.csv."""
    for end in ("source", "target"):
        if _require(path, row, end, what="an actor id") not in actor_ids:
            _fail(path, row["_line"], end, row[end], "an id listed in actors.csv")
    if row["source"] == row["target"]:
        _fail(path, row["_line"], "target", row["target"], "an actor other than the source")


def _check_excerpt(path, row, paragraph_ids):
    """A paragraph of the article, and a short excerpt of it."""
    _require(path, row, "paragraph", allowed=paragraph_ids)
    evidence = _require(path, row, "evidence", what="a short excerpt from the article")
    if len(evidence.split()) > MAX_EVIDENCE_WORDS:
        _fail(path, row["_line"], "evidence", f"{len(evidence.split())} words",
              f"at most {MAX_EVIDENCE_WORDS} words: quote the shortest phrase that shows the tie")


def _load_ties(data_dir, paragraph_ids, actor_ids):
    path = data_dir / "ties.csv"
    rows = _read_csv(path)
    seen = {}
    for row in rows:
        line = row["_line"]
        _check_ends(path, row, actor_ids)
        relation = _require(path, row, "relation", allowed=RELATIONS)
        if relation in SIGNED_RELATIONS and row["sign"] not in ("+", "-"):
            _fail(path, line, "sign", row["sign"], f"+ or - (a {relation} tie has a sign)")
        if relation in UNSIGNED_RELATIONS and row["sign"] != "":
            _fail(path, line, "sign", row["sign"], f"an empty value (a {relation} tie has no sign)")
        _check_excerpt(path, row, paragraph_ids)
        _require(path, row, "checked", allowed=("yes", "no"))
        key = (row["source"], row["target"], relation, row["paragraph"])
        if key in seen:
            _fail(path, line, "relation", relation,
                  f"one row per source, target, relation and paragraph (line {seen[key]} has the same)")
        seen[key] = line
    return rows


def _load_layout(data_dir, actor_ids):
    path = data_dir / "layout.csv"
    rows = _read_csv(path)
    for row in rows:
        value = _require(path, row, "id", what="an actor id")
        if value not in actor_ids:
            _fail(path, row["_line"], "id", value, "an id listed in actors.csv")
        for axis in ("x", "y"):
            try:
                float(_require(path, row, axis, what="a number"))
            except ValueError:
                _fail(path, row["_line"], axis, row[axis], "a number such as 4.5")
    _unique(path, rows, "id")
    placed = {row["id"] for row in rows}
    unplaced = sorted(actor_ids - placed)
    if unplaced:
        raise DataError(f"{path.name}: no position for {', '.join(unplaced)}; "
                        "expected one row for every actor in actors.csv.")
    return rows


def _load_events(data_dir):
    path = data_dir / "events.csv"
    rows = _read_csv(path)
    for row in rows:
        try:
            date.fromisoformat(_require(path, row, "date", what="a date such as 2018-06-12"))
        except ValueError:
            _fail(path, row["_line"], "date", row["date"], "a date written YYYY-MM-DD, such as 2018-06-12")
        event = _require(path, row, "event", what="a short description of the event")
        if len(event) > MAX_EVENT_CHARS:
            _fail(path, row["_line"], "event", f"{len(event)} characters",
                  f"at most {MAX_EVENT_CHARS} characters, to fit on a timeline")
        _require(path, row, "source", what="the outlet that reported the event")
        _require(path, row, "url", pattern=URL_PATTERN,
                 what="the address of the source, starting http:// or https://")
    return rows


def _load_channels(data_dir, paragraph_ids, actor_ids):
    """Each row is one source's claim of a channel: the article's (paragraph and excerpt)
    or a background source's (reference and url), never both."""
    path = data_dir / "channels.csv"
    rows = _read_csv(path)
    seen = {}
    for row in rows:
        line = row["_line"]
        _check_ends(path, row, actor_ids)
        _require(path, row, "channel", allowed=CHANNELS)
        _require(path, row, "status", allowed=STATUSES)
        article = row["paragraph"] or row["evidence"]
        background = row["reference"] or row["url"]
        if article and background:
            _fail(path, line, "reference", row["reference"] or row["url"],
                  "an empty reference and url when the row quotes the article: one source per row")
        if not article and not background:
            _fail(path, line, "paragraph", "", "either a paragraph and an excerpt of the article, "
                  "or a reference and its url")
        if article:
            _check_excerpt(path, row, paragraph_ids)
        else:
            _require(path, row, "reference", what="the source: outlet, date and what it reports")
            _require(path, row, "url", pattern=URL_PATTERN,
                     what="the address of the source, starting http:// or https://")
        key = (frozenset((row["source"], row["target"])), row["channel"], row["paragraph"] or row["url"])
        if key in seen:
            _fail(path, line, "channel", row["channel"],
                  f"one row per pair, channel and source (line {seen[key]} has the same)")
        seen[key] = line
    return rows


def _load_workers(data_dir):
    path = data_dir / "workers.csv"
    rows = _read_csv(path)
    for row in rows:
        try:
            day = date.fromisoformat(_require(path, row, "date", what="a date such as 2020-03-01"))
        except ValueError:
            _fail(path, row["_line"], "date", row["date"], "a date written YYYY-MM-DD, such as 2020-03-01")
        when = _require(path, row, "when", what="when the count applies, such as 'March 2020'")
        years = re.findall(r"\b(?:19|20)\d\d\b", when)
        if years and str(day.year) not in years:
            _fail(path, row["_line"], "date", row["date"], f"a date in {' or '.join(years)}, the year that "
                  f"'when' names ({when!r})")
        _require(path, row, "count", pattern=re.compile(r"^\d+$"), what="a whole number, without commas")
        _require(path, row, "measure", what="what was counted, and by whom")
        _require(path, row, "source", what="the outlet that reported the count")
        urls = _require(path, row, "url", what="the address of the source")
        for url in urls.split():
            if not URL_PATTERN.match(url):
                _fail(path, row["_line"], "url", url,
                      "addresses starting http:// or https://, separated by spaces")
    return rows


def _load_record(data_dir, actor_ids):
    """Each row is one tie that an event after the article reports, with its source and the
    checked fact it rests on. A row with tie 'no' bears on a claim but reports no tie."""
    path = data_dir / "record.csv"
    rows = _read_csv(path)
    as_of = date.fromisoformat(RECORD_AS_OF)
    for row in rows:
        line = row["_line"]
        _require(path, row, "id", pattern=re.compile(r"^r\d+$"), what="an id such as r12")
        try:
            day = date.fromisoformat(_require(path, row, "date", what="a date such as 2019-04-25"))
        except ValueError:
            _fail(path, line, "date", row["date"], "a date written YYYY-MM-DD, such as 2019-04-25")
        if day > as_of:
            _fail(path, line, "date", row["date"], f"a date on or before {RECORD_AS_OF}, the date of the record "
                  "(RECORD_AS_OF in loading.py): bring the record's date forward first")
        _check_ends(path, row, actor_ids)
        kind = _require(path, row, "kind", allowed=RECORD_KINDS)
        tie = _require(path, row, "tie", allowed=("yes", "no"))
        if tie == "no":
            for column in ("sign", "status"):
                if row[column]:
                    _fail(path, line, column, row[column], "an empty value (a row with tie 'no' reports no tie)")
        elif kind in CHANNELS:
            _require(path, row, "status", allowed=STATUSES)
            if row["sign"]:
                _fail(path, line, "sign", row["sign"], f"an empty value (a {kind} channel has a status, not a sign)")
        else:
            if row["sign"] not in ("+", "-"):
                _fail(path, line, "sign", row["sign"], f"+ or - (a {kind} tie has a sign)")
            if row["status"]:
                _fail(path, line, "status", row["status"], f"an empty value (a {kind} tie has a sign, not a status)")
        event = _require(path, row, "event", what="one sentence that says what happened")
        if len(event) > MAX_RECORD_EVENT_CHARS:
            _fail(path, line, "event", f"{len(event)} characters", f"at most {MAX_RECORD_EVENT_CHARS} characters")
        _require(path, row, "reference", what="the source: outlet and date")
        _require(path, row, "url", pattern=URL_PATTERN, what="the address of the source, starting http:// or https://")
        _require(path, row, "state_media", allowed=("yes", "no"))
        _require(path, row, "primary", allowed=("yes", "no"))
        _require(path, row, "fact", pattern=FACT_PATTERN,
                 what="the checked fact the row rests on, such as C10 or 'C4; C4a'")
    _unique(path, rows, "id")
    return rows


def _load_claims(data_dir, paragraph_ids, record_ids):
    """The claims ledger: one row per claim of the article, with a verdict from four words and
    the record's events that bear on it."""
    path = data_dir / "claims.csv"
    rows = _read_csv(path)
    for row in rows:
        line = row["_line"]
        _require(path, row, "id", pattern=re.compile(r"^c\d+$"), what="an id such as c03")
        _check_excerpt(path, row, paragraph_ids)
        _require(path, row, "claim", what="the claim in a few words")
        _require(path, row, "by", allowed=CLAIMANTS)
        _require(path, row, "in_june_2018", what="what the record showed when the article appeared")
        later = _require(path, row, "later", what="the ids of record.csv's events that bear on the claim")
        for event in later.split("; "):
            if event not in record_ids:
                _fail(path, line, "later", event, "ids of record.csv separated by '; ', such as 'r08; r15'")
        _require(path, row, "verdict", allowed=VERDICTS)
        _require(path, row, "reasoning", what="one sentence of reasoning")
    _unique(path, rows, "id")
    return rows


def _frame(rows):
    return pd.DataFrame([{k: v for k, v in row.items() if k != "_line"} for row in rows])


def load_data(data_dir=None):
    """Load and validate every file in data/.

    Returns a namespace with nine DataFrames: ``paragraphs``, ``actors``,
    ``ties``, ``layout`` (fixed figure positions), ``events`` (dated background,
    each with its source), ``channels`` (the economic channels of chapter 3, each
    with its source), ``workers`` (dated counts for chapter 3's chart), ``record`` (dated ties
    after the article, chapter 5) and ``claims`` (chapter 5's ledger). Raises ``DataError`` with a precise message if a file is broken.
    """
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    paragraphs = _load_paragraphs(data_dir)
    paragraph_ids = tuple(p["id"] for p in paragraphs)
    actors = _load_actors(data_dir, paragraph_ids)
    actor_ids = {a["id"] for a in actors}
    ties = _load_ties(data_dir, paragraph_ids, actor_ids)
    layout = _load_layout(data_dir, actor_ids)
    record = _load_record(data_dir, actor_ids)
    claims = _load_claims(data_dir, paragraph_ids, {r["id"] for r in record})

    return SimpleNamespace(
        paragraphs=_frame(paragraphs).astype({"position": int}),
        actors=_frame(actors),
        ties=_frame(ties),
        layout=_frame(layout).astype({"x": float, "y": float}),
        events=_frame(_load_events(data_dir)).astype({"date": "datetime64[ns]"}),
        channels=_frame(_load_channels(data_dir, paragraph_ids, actor_ids)),
        workers=_frame(_load_workers(data_dir)).astype({"count": int, "date": "datetime64[ns]"}),
        record=_frame(record).astype({"date": "datetime64[ns]"}),
        claims=_frame(claims),
    )
