"""Load and validate a coded text: a folder of CSV files, such as data/.

``load_data(folder)`` reads every file and checks every row. A broken file
raises ``DataError`` naming the file, the line, the column, what was found and
what was expected: never a traceback from inside csv or pandas. ``load_data()``
with no argument loads data/, the CNBC article of the book's chapters 1-5.
"""

from __future__ import annotations

import csv
import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pandas as pd

# data/ sits next to chapters/ in the book, and next to summitkit/ in a graded assignment
# (course/graded_edition.py); found from this file, so any working directory works.
DATA_DIR = next(
    (d for d in (Path(__file__).resolve().parents[n] / "data" for n in (2, 1)) if d.is_dir()),
    Path(__file__).resolve().parents[2] / "data",
)

ACTOR_KINDS = ("state", "person", "organisation", "place")

# Relations whose sign (+ cooperative, - opposed) is part of the claim.
# military: arms, troops, fighting, military aid (+ aid or alliance in arms, - fighting or arming
# against).
SIGNED_RELATIONS = ("diplomacy", "economic", "alignment", "history", "military")
# Relations where a sign makes no sense (a role, a job, a comment).
UNSIGNED_RELATIONS = ("office", "affiliation", "assessment")
RELATIONS = SIGNED_RELATIONS + UNSIGNED_RELATIONS

# How firmly the text states a tie: asserts it (in its own voice or a quoted source's), marks it as
# reported or alleged, or says it could, may or might happen.
TIE_STATUSES = ("stated", "reported", "possible")

# The issue asks for "a clause, rarely over 20 words"; 25 is the hard ceiling.
MAX_EVIDENCE_WORDS = 25

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
URL_PATTERN = re.compile(r"^https?://\S+$")
# A section's id: key-points (CNBC's parts) or 2024-09 (the versions of a CRS report).
SECTION_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_WORDS = "a date written YYYY-MM-DD, such as 2018-06-08"

COLUMNS = {
    "text.csv": ("title", "publisher", "date", "url", "id_pattern", "id_example"),
    "sections.csv": ("id", "title", "date", "url"),
    "paragraphs.csv": ("id", "position", "section", "opening"),
    "actors.csv": ("id", "name", "kind", "first_paragraph", "aliases", "description"),
    "ties.csv": (
        "source",
        "target",
        "relation",
        "sign",
        "status",
        "paragraph",
        "evidence",
        "checked",
    ),
    "layout.csv": ("id", "x", "y"),
    "events.csv": ("date", "event", "source", "url"),
    "channels.csv": (
        "source",
        "target",
        "channel",
        "status",
        "paragraph",
        "evidence",
        "reference",
        "url",
    ),
    "workers.csv": ("date", "when", "count", "measure", "source", "url"),
    "record.csv": (
        "id",
        "date",
        "source",
        "target",
        "kind",
        "sign",
        "status",
        "tie",
        "event",
        "reference",
        "url",
        "state_media",
        "primary",
        "fact",
    ),
    "claims.csv": (
        "id",
        "paragraph",
        "evidence",
        "claim",
        "by",
        "in_june_2018",
        "later",
        "verdict",
        "reasoning",
    ),
}

# The economic channels of §8–§11 (chapter 3), one network layer each. Another text's
# channels.csv may also name its own (any lower-case id, such as munitions).
CHANNELS = ("energy", "labour", "port", "transport", "telecom", "pipeline")
# A channel's standing at the text's date, as coded from the text and the background sources.
# idle: in place, but carrying nothing at the time (the port of Rajin in June 2018).
# possible: the text says it could happen ("Russia could transfer advanced military technology").
STATUSES = ("operating", "idle", "restricted", "proposed", "reported", "possible")

# An event's label sits on a timeline figure: keep it short enough to read there.
MAX_EVENT_CHARS = 60

# The record of what happened after the article (chapter 5): dated ties, each with its source.
# RECORD_AS_OF is the date the record was last brought up to date; no event may be later.
RECORD_AS_OF = "2026-02-28"
# A record row's kind: a channel of chapter 3 (with a status) or a signed relation (with a sign).
RECORD_RELATIONS = ("diplomacy", "alignment", "economic", "military")
RECORD_KINDS = CHANNELS + RECORD_RELATIONS
MAX_RECORD_EVENT_CHARS = 100
# A record row's fact: the ids of the fact sheet's rows that check it (C10, 'C4; C4a'), or the word
# source: the row rests on its own cited source alone, which whoever merges the row reads first.
FACT_PATTERN = re.compile(r"^(?:source|[BC]\d+[a-z]?(?:; [BC]\d+[a-z]?)*)$")
FACT_WORDS = (
    "the checked fact the row rests on: a fact-sheet id such as C10 or 'C4; C4a', or the word "
    "source (the row rests on its own cited source alone)"
)
# Hosts that copy other outlets' reporting (reposts, aggregators, a site's development copy). The
# book cites the outlet that first published a report, or a reputable one, never these: a
# source-criticism course cannot ask "who reports this?" of a copy. A subdomain counts as its host.
REPOST_HOSTS = (
    "breitbart.com",
    "newsmax.com",
    "euromaidanpress.com",
    "pakistanpoint.com",
    "spacewar.com",
    "spacedaily.com",
    "dev-v4.freemalaysiatoday.com",
    "newser.com",
    "korean-vibe.com",
    "indiatips.in",
    "socastsrm.com",
    "devdiscourse.com",
    "menafn.com",
    "scour.ing",
    "readmosaic.com",
    "runews.su",
    "metcoal.ru",
    "liendans.com",
    "un-news.org",
)
# Outlets owned or run by a state: Russian, North Korean and Chinese. A record row from one of these
# says state_media yes; the Global Times is a tabloid under the Communist Party's People's Daily.
STATE_MEDIA_HOSTS = (
    "tass.com",
    "tass.ru",
    "ria.ru",
    "sputniknews.com",
    "sputnikglobe.com",
    "rt.com",
    "kcna.kp",
    "kcnawatch.org",
    "rodong.rep.kp",
    "globaltimes.cn",
    "xinhuanet.com",
    "news.cn",
    "cgtn.com",
    "people.cn",
    "peopledaily.com.cn",
    "chinadaily.com.cn",
)
# The claims ledger's verdicts, and who makes a claim: the article itself, an expert it quotes, or a
# source it cites for the claim (§8's pipeline goal is Advisor Perspectives').
VERDICTS = ("supported", "qualified", "contradicted", "unresolved")
CLAIMANTS = ("the article", "Economy", "Lukin", "Advisor Perspectives")


def host_in(url, hosts):
    """The host of hosts that url is on (a subdomain counts), or None."""
    host = (urlsplit(url).hostname or "").lower()
    return next((h for h in hosts if host == h or host.endswith("." + h)), None)


class DataError(ValueError):
    """A data file is malformed. The message names the file, line and column."""

    def _render_traceback_(self):
        # IPython shows this in place of the traceback: the message says all there is to fix, and
        # the frames inside the loader would only bury it.
        return [f"\x1b[0;31mDataError\x1b[0m: {self}"]


def _no_folder(folder):
    """The DataError of a folder that does not exist: where it was looked for, the likely fix."""
    message = f"{folder}: folder not found."
    if not folder.is_absolute():
        message += (
            f" A relative path starts from the current folder, {Path.cwd()}, so it was looked for"
            f" at {folder.resolve()}."
        )
        up = Path("..") / folder
        if up.is_dir():
            message += f' It is one level up: write FOLDER = "{up.as_posix()}".'
    return DataError(message)


def _fail(path, line, column, found, expected):
    where = f"{path.name}, line {line}" if line else path.name
    if column:
        where += f", column '{column}'"
    raise DataError(f"{where}: found {found!r}; expected {expected}.")


# validate()'s collect mode: None while load_data raises at the first problem; while validate()
# records the problems and goes on, a dict of those found so far (one DataError per file, line and
# column).
_COLLECTED = None
_WHERE = re.compile(
    r"^(?P<file>[^,:]+)(?:, line (?P<line>\d+))?(?:, column '(?P<column>[^']*)')?: "
)


def _cell_of(err):
    """The file, line and column a DataError names: (file, line or 0, column or '')."""
    match = _WHERE.match(str(err))
    if not match:
        return "", 0, ""
    return match["file"], int(match["line"] or 0), match["column"] or ""


def _record(err):
    """In collect mode, keep err (the first problem of its file, line and column) and return True;
    otherwise return False, for the caller to raise it."""
    if _COLLECTED is None:
        return False
    _COLLECTED.setdefault(_cell_of(err), err)
    return True


@contextmanager
def _row(row):
    """The checks of one row. In collect mode, the row's first problem that stops its checks is
    recorded, and the loader goes on with the next row; otherwise it is raised."""
    try:
        yield
    except DataError as err:
        if not _record(err):
            raise


def _read_csv(path, optional=False, columns=None):
    """Return the rows of a CSV file as dicts, each with its line number.

    A header-only file gives no rows; a missing optional file too. ``columns``: the header expected
    of a file whose name is not one of COLUMNS (a contribution to the record, record-2026.csv)."""
    if not path.exists():
        if optional:
            return []
        raise DataError(f"{path.name}: file not found in {path.parent}.")
    try:
        # utf-8-sig: a CSV saved from Excel starts with a byte-order mark, which is not part of the
        # header.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError(
            f"{path.name}: not valid UTF-8 (byte {err.start}); save it as UTF-8."
        ) from None
    if not text.strip():
        raise DataError(f"{path.name}: the file is empty; expected a header line and data rows.")

    expected_cols = columns or COLUMNS[path.name]
    reader = csv.reader(text.splitlines())
    header = [h.strip() for h in next(reader)]
    missing = [c for c in expected_cols if c not in header]
    extra = [c for c in header if c not in expected_cols]
    if missing:
        _fail(
            path,
            1,
            missing[0],
            ",".join(header),
            f"a header with the columns {', '.join(expected_cols)}",
        )
    if extra:
        _fail(path, 1, extra[0], ",".join(header), f"only the columns {', '.join(expected_cols)}")

    rows = []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue  # a blank line is harmless
        if len(values) != len(header):
            _fail(
                path,
                line,
                None,
                f"{len(values)} fields",
                f"{len(header)} fields (quote any value that contains a comma)",
            )
        row = {col: val.strip() for col, val in zip(header, values)}
        row["_line"] = line
        rows.append(row)
    return rows


def _require(path, row, column, allowed=None, pattern=None, what=None):
    """The value of one column, checked. In collect mode a wrong value is recorded, and the row's
    other columns are checked still."""
    value = row[column]
    try:
        if value == "":
            _fail(path, row["_line"], column, value, what or "a value")
        if allowed is not None and value not in allowed:
            _fail(path, row["_line"], column, value, "one of " + ", ".join(allowed))
        if pattern is not None and not pattern.match(value):
            _fail(path, row["_line"], column, value, what)
    except DataError as err:
        if not _record(err):
            raise
    return value


def _unique(path, rows, column):
    seen = {}
    for row in rows:
        with _row(row):
            value = row[column]
            if value in seen:
                _fail(
                    path,
                    row["_line"],
                    column,
                    value,
                    f"a unique id (line {seen[value]} already uses it)",
                )
            seen[value] = row["_line"]


def _url(path, row):
    """A source's address, starting http:// or https://."""
    return _require(
        path,
        row,
        "url",
        pattern=URL_PATTERN,
        what="the address of the source, starting http:// or https://",
    )


def _date(path, row, column, required=True):
    """A date written YYYY-MM-DD (or, where allowed, an empty value)."""
    if not required and row[column] == "":
        return None
    value = _require(path, row, column, pattern=DATE_PATTERN, what=DATE_WORDS)
    try:
        return date.fromisoformat(value)
    except ValueError:  # 2018-02-30
        _fail(path, row["_line"], column, value, DATE_WORDS)


def _load_text(data_dir):
    """text.csv: exactly one row that says what the text is and how its paragraphs are numbered."""
    path = data_dir / "text.csv"
    rows = _read_csv(path)
    if not rows:
        raise DataError(
            f"{path.name}: only a header; expected exactly one row that describes the text."
        )
    if len(rows) > 1:
        _fail(
            path,
            rows[1]["_line"],
            None,
            f"{len(rows)} rows",
            "exactly one row (one text per folder: put another text in a folder of its own)",
        )
    row = rows[0]
    with _row(row):
        _require(path, row, "title", what="the text's title")
        _require(path, row, "publisher", what="who published the text, such as CNBC")
        _date(path, row, "date")
        _require(
            path,
            row,
            "url",
            pattern=URL_PATTERN,
            what="the text's address, starting http:// or https://",
        )
        pattern = _require(
            path, row, "id_pattern", what=r"a regular expression for paragraph ids, such as K\d|\d+"
        )
        try:
            compiled = re.compile(pattern)
        except re.error as err:
            _fail(path, row["_line"], "id_pattern", pattern, f"a valid regular expression ({err})")
        example = _require(
            path, row, "id_example", what="one or two paragraph ids for messages, such as 'K1 or 3'"
        )
        for paragraph in example.split(" or ") if pattern else ():  # no pattern: nothing to match
            if not compiled.fullmatch(paragraph):
                _fail(
                    path,
                    row["_line"],
                    "id_example",
                    example,
                    f"ids that match id_pattern {pattern} (separated by ' or ')",
                )
    return row


def _load_sections(data_dir):
    """sections.csv: the text's parts (no dates) or its versions (each with its date)."""
    path = data_dir / "sections.csv"
    rows = _read_csv(path)
    if not rows:
        raise DataError(
            f"{path.name}: only a header; expected at least one section, such as 'main,The text,,'."
        )
    for row in rows:
        with _row(row):
            _require(
                path,
                row,
                "id",
                pattern=SECTION_PATTERN,
                what="a lower-case id of letters, digits and hyphens, "
                "such as key-points or 2024-09",
            )
            _require(path, row, "title", what="the section's title")
            _date(path, row, "date", required=False)
            if row["url"] and not URL_PATTERN.match(row["url"]):
                _fail(
                    path,
                    row["_line"],
                    "url",
                    row["url"],
                    "an empty value or an address starting http:// or https://",
                )
    # Dated sections are versions of one text; undated ones are its parts: never a mixture.
    first = rows[0]
    for row in rows[1:]:
        with _row(row):
            if bool(row["date"]) != bool(first["date"]):
                _fail(
                    path,
                    row["_line"],
                    "date",
                    row["date"],
                    f"{'a date' if first['date'] else 'an empty value'}, "
                    f"as on line {first['_line']}: "
                    "either every section has a date (versions of one text) "
                    "or none has (parts of one text)",
                )
    _unique(path, rows, "id")
    return rows


def _load_paragraphs(data_dir, text, section_ids):
    path = data_dir / "paragraphs.csv"
    rows = _read_csv(path)
    id_pattern = re.compile(text["id_pattern"])
    for row in rows:
        with _row(row):
            value = _require(path, row, "id", what=f"a paragraph id such as {text['id_example']}")
            if not id_pattern.fullmatch(value):
                _fail(
                    path,
                    row["_line"],
                    "id",
                    value,
                    f"a paragraph id such as {text['id_example']} "
                    f"(text.csv's id_pattern is {text['id_pattern']})",
                )
            _require(path, row, "position", pattern=re.compile(r"^\d+$"), what="a whole number")
            _require(path, row, "section", allowed=section_ids)
    _unique(path, rows, "id")
    return rows


def _load_actors(data_dir, paragraph_ids):
    path = data_dir / "actors.csv"
    rows = _read_csv(path)
    for row in rows:
        with _row(row):
            _require(
                path, row, "id", pattern=ID_PATTERN, what="a lower-case id such as north_korea"
            )
            _require(path, row, "name")
            _require(path, row, "kind", allowed=ACTOR_KINDS)
            _require(path, row, "description", what="a one-line description")
            _require(path, row, "first_paragraph", allowed=paragraph_ids)
            _check_aliases(path, row, paragraph_ids)
    _unique(path, rows, "id")
    return rows


# A name, then its paragraph ids in brackets; the last brackets hold the ids.
ALIAS_PATTERN = re.compile(r"^(.+) \(([^()]+)\)$")


def _check_aliases(path, row, paragraph_ids):
    """Aliases are optional: 'Moscow (K2, §1); the Kremlin (§5)', each with its paragraphs.
    A paragraph id may be written with a leading § (§5) or without (2024-09-1)."""
    for alias in filter(None, (a.strip() for a in row["aliases"].split(";"))):
        match = ALIAS_PATTERN.match(alias)
        if not match:
            _fail(
                path,
                row["_line"],
                "aliases",
                alias,
                "names separated by ';', each followed by its paragraphs, "
                "such as 'Moscow (K2, §1)'",
            )
        for paragraph in match.group(2).split(", "):
            if paragraph.strip().removeprefix("§") not in paragraph_ids:
                _fail(
                    path,
                    row["_line"],
                    "aliases",
                    alias,
                    f"paragraphs that exist ({paragraph} is not an id of paragraphs.csv)",
                )


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
        _fail(
            path,
            row["_line"],
            "evidence",
            f"{len(evidence.split())} words",
            f"at most {MAX_EVIDENCE_WORDS} words: quote the shortest phrase that shows the tie",
        )


def _load_ties(data_dir, paragraph_ids, actor_ids):
    path = data_dir / "ties.csv"
    rows = _read_csv(path)
    seen = {}
    for row in rows:
        with _row(row):
            line = row["_line"]
            _check_ends(path, row, actor_ids)
            relation = _require(path, row, "relation", allowed=RELATIONS)
            if relation in SIGNED_RELATIONS and row["sign"] not in ("+", "-"):
                _fail(path, line, "sign", row["sign"], f"+ or - (a {relation} tie has a sign)")
            if relation in UNSIGNED_RELATIONS and row["sign"] != "":
                _fail(
                    path,
                    line,
                    "sign",
                    row["sign"],
                    f"an empty value (a {relation} tie has no sign)",
                )
            _require(
                path, row, "status", allowed=TIE_STATUSES, what="one of " + ", ".join(TIE_STATUSES)
            )
            _check_excerpt(path, row, paragraph_ids)
            _require(path, row, "checked", allowed=("yes", "no"))
            key = (row["source"], row["target"], relation, row["paragraph"])
            if key in seen:
                _fail(
                    path,
                    line,
                    "relation",
                    relation,
                    "one row per source, target, relation and paragraph "
                    f"(line {seen[key]} has the same)",
                )
            seen[key] = line
    return rows


def _load_layout(data_dir, actor_ids):
    """Optional: with no rows, the figures use a seeded layout."""
    path = data_dir / "layout.csv"
    rows = _read_csv(path, optional=True)
    for row in rows:
        with _row(row):
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
    if rows and unplaced:
        raise DataError(
            f"{path.name}: no position for {', '.join(unplaced)}; "
            "expected one row for every actor in actors.csv."
        )
    return rows


def _load_events(data_dir):
    path = data_dir / "events.csv"
    rows = _read_csv(path, optional=True)
    for row in rows:
        with _row(row):
            _date(path, row, "date")
            event = _require(path, row, "event", what="a short description of the event")
            if len(event) > MAX_EVENT_CHARS:
                _fail(
                    path,
                    row["_line"],
                    "event",
                    f"{len(event)} characters",
                    f"at most {MAX_EVENT_CHARS} characters, to fit on a timeline",
                )
            _require(path, row, "source", what="the outlet that reported the event")
            _url(path, row)
    return rows


def _load_channels(data_dir, paragraph_ids, actor_ids):
    """Each row is one source's claim of a channel: the article's (paragraph and excerpt)
    or a background source's (reference and url), never both."""
    path = data_dir / "channels.csv"
    rows = _read_csv(path, optional=True)
    seen = {}
    for row in rows:
        with _row(row):
            line = row["_line"]
            _check_ends(path, row, actor_ids)
            channel = _require(path, row, "channel", what="a channel, such as energy")
            if channel not in CHANNELS and not ID_PATTERN.match(channel):
                _fail(
                    path,
                    line,
                    "channel",
                    channel,
                    f"one of {', '.join(CHANNELS)}, or another lower-case id such as munitions",
                )
            _require(path, row, "status", allowed=STATUSES)
            article = row["paragraph"] or row["evidence"]
            background = row["reference"] or row["url"]
            if article and background:
                _fail(
                    path,
                    line,
                    "reference",
                    row["reference"] or row["url"],
                    "an empty reference and url when the row quotes the article: "
                    "one source per row",
                )
            if not article and not background:
                _fail(
                    path,
                    line,
                    "paragraph",
                    "",
                    "either a paragraph and an excerpt of the article, or a reference and its url",
                )
            if article:
                _check_excerpt(path, row, paragraph_ids)
            else:
                _require(
                    path, row, "reference", what="the source: outlet, date and what it reports"
                )
                _url(path, row)
            key = (
                frozenset((row["source"], row["target"])),
                row["channel"],
                row["paragraph"] or row["url"],
            )
            if key in seen:
                _fail(
                    path,
                    line,
                    "channel",
                    row["channel"],
                    "one row per channel, pair of actors (source and target, either way round) and "
                    "paragraph, or url for a background source "
                    f"(line {seen[key]} has the same {row['channel']} channel between "
                    f"{row['source']} and {row['target']}, from the same "
                    f"{'paragraph' if row['paragraph'] else 'url'})",
                )
            seen[key] = line
    return rows


def _load_workers(data_dir):
    path = data_dir / "workers.csv"
    rows = _read_csv(path, optional=True)
    for row in rows:
        with _row(row):
            day = _date(path, row, "date")
            when = _require(path, row, "when", what="when the count applies, such as 'March 2020'")
            years = re.findall(r"\b(?:19|20)\d\d\b", when)
            if years and str(day.year) not in years:
                _fail(
                    path,
                    row["_line"],
                    "date",
                    row["date"],
                    f"a date in {' or '.join(years)}, the year that 'when' names ({when!r})",
                )
            _require(
                path,
                row,
                "count",
                pattern=re.compile(r"^\d+$"),
                what="a whole number, without commas",
            )
            _require(path, row, "measure", what="what was counted, and by whom")
            _require(path, row, "source", what="the outlet that reported the count")
            urls = _require(path, row, "url", what="the address of the source")
            for url in urls.split():
                if not URL_PATTERN.match(url):
                    _fail(
                        path,
                        row["_line"],
                        "url",
                        url,
                        "addresses starting http:// or https://, separated by spaces",
                    )
    return rows


def _load_record(data_dir, actor_ids):
    """Each row is one tie that an event after the article reports, with its source and the
    checked fact it rests on (or 'source': its own cited source alone). A row with tie 'no' bears on
    a claim but reports no tie."""
    path = data_dir / "record.csv"
    rows = _read_csv(path, optional=True)
    for row in rows:
        with _row(row):
            _check_record_row(
                path,
                row,
                actor_ids,
                date.fromisoformat(RECORD_AS_OF),
                "the date of the record "
                "(RECORD_AS_OF in loading.py): bring the record's date forward first",
            )
    _unique(path, rows, "id")
    return rows


def _check_record_row(path, row, actor_ids, last_day, last_day_is):
    """The rules for one row of record.csv, or of a contribution to it (check_contribution): raises
    DataError at the row's first problem. No date may be after last_day, which last_day_is
    explains."""
    line = row["_line"]
    _require(path, row, "id", pattern=re.compile(r"^r\d+$"), what="an id such as r12")
    day = _date(path, row, "date")
    if day > last_day:
        _fail(path, line, "date", row["date"], f"a date on or before {last_day}, {last_day_is}")
    _check_ends(path, row, actor_ids)
    kind = _require(path, row, "kind", allowed=RECORD_KINDS)
    tie = _require(path, row, "tie", allowed=("yes", "no"))
    if tie == "no":
        for column in ("sign", "status"):
            if row[column]:
                _fail(
                    path,
                    line,
                    column,
                    row[column],
                    "an empty value (a row with tie 'no' reports no tie)",
                )
    elif kind in CHANNELS:
        _require(path, row, "status", allowed=STATUSES)
        if row["sign"]:
            _fail(
                path,
                line,
                "sign",
                row["sign"],
                f"an empty value (a {kind} channel has a status, not a sign)",
            )
    else:
        if row["sign"] not in ("+", "-"):
            _fail(path, line, "sign", row["sign"], f"+ or - (a {kind} tie has a sign)")
        if row["status"]:
            _fail(
                path,
                line,
                "status",
                row["status"],
                f"an empty value (a {kind} tie has a sign, not a status)",
            )
    event = _require(path, row, "event", what="one sentence that says what happened")
    if len(event) > MAX_RECORD_EVENT_CHARS:
        _fail(
            path,
            line,
            "event",
            f"{len(event)} characters",
            f"at most {MAX_RECORD_EVENT_CHARS} characters",
        )
    _require(path, row, "reference", what="the source: outlet and date")
    url = _url(path, row)
    repost = host_in(url, REPOST_HOSTS)
    if repost:
        _fail(
            path,
            line,
            "url",
            url,
            f"the address of the outlet that published the report ({repost} "
            "copies other outlets' reporting: find the original or a reputable outlet)",
        )
    state_media = _require(path, row, "state_media", allowed=("yes", "no"))
    owner = host_in(url, STATE_MEDIA_HOSTS)
    if owner and state_media != "yes":
        _fail(path, line, "state_media", state_media, f"yes ({owner} is state media)")
    _require(path, row, "primary", allowed=("yes", "no"))
    _require(path, row, "fact", pattern=FACT_PATTERN, what=FACT_WORDS)


def _load_claims(data_dir, paragraph_ids, record_ids):
    """The claims ledger: one row per claim of the article, with a verdict from four words and
    the record's events that bear on it."""
    path = data_dir / "claims.csv"
    rows = _read_csv(path, optional=True)
    for row in rows:
        with _row(row):
            line = row["_line"]
            _require(
                path,
                row,
                "id",
                pattern=re.compile(r"^c\d+[a-z]?$"),
                what="an id such as c03 (or c04a, c04b for the parts of one paragraph's claim)",
            )
            _check_excerpt(path, row, paragraph_ids)
            _require(path, row, "claim", what="the claim in a few words")
            _require(path, row, "by", allowed=CLAIMANTS)
            _require(
                path, row, "in_june_2018", what="what the record showed when the article appeared"
            )
            verdict = _require(path, row, "verdict", allowed=VERDICTS)
            # A claim the record cannot test (one about the years before the article) may name no
            # event.
            if verdict != "unresolved" or row["later"]:
                later = _require(
                    path,
                    row,
                    "later",
                    what="the ids of record.csv's events that bear on the claim "
                    "(empty only for a claim whose verdict is unresolved)",
                )
                for event in later.split("; "):
                    if event not in record_ids:
                        _fail(
                            path,
                            line,
                            "later",
                            event,
                            "ids of record.csv separated by '; ', such as 'r08; r15'",
                        )
            _require(path, row, "reasoning", what="one sentence of reasoning")
    _unique(path, rows, "id")
    return rows


def _frame(rows, name):
    """The rows as a DataFrame; with no rows, an empty one that still has its columns."""
    return pd.DataFrame(
        [{k: v for k, v in row.items() if k != "_line"} for row in rows],
        columns=list(COLUMNS[name]),
    )


def _dates(frame, column="date"):
    # An empty value becomes NaT (sections without dates).
    frame[column] = pd.to_datetime(frame[column].replace("", None)).astype("datetime64[ns]")
    return frame


def load_data(data_dir=None):
    """Load and validate every file of a coded text's folder (data/ by default).

    Returns a namespace with ``text``, the text itself: a namespace of its
    ``title``, ``publisher``, ``date`` (a pandas Timestamp), ``url``,
    ``id_pattern`` and ``id_example``; and eleven DataFrames: ``sections``
    (``date`` as datetime64, NaT where a section has none), ``paragraphs``,
    ``actors`` (the first row is the text's subject), ``ties`` (with their
    ``status``), ``layout`` (fixed figure positions), ``events`` (dated
    background, each with its source), ``channels`` (chapter 3's channels,
    each with its source), ``workers`` (dated counts for chapter 3's chart),
    ``record`` (dated ties after the article, chapter 5) and ``claims``
    (chapter 5's ledger). A header-only file, or a missing optional one
    (layout, events, channels, workers, record, claims), gives an empty
    DataFrame that still has its columns. Raises ``DataError`` with a precise
    message if a file is broken.
    """
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    if not data_dir.is_dir() and data_dir.parts[:2] == ("..", "data"):
        # The book's code, run from chapters/, writes ../data/...: that is DATA_DIR. A graded
        # assignment keeps data/ beside its notebook, where the book's code must find it too.
        book = DATA_DIR.joinpath(*data_dir.parts[2:])
        data_dir = book if book.is_dir() else data_dir
    if not data_dir.is_dir():
        raise _no_folder(data_dir)
    # Every check computes its expected answer from the data, so a chapter loads it dozens of
    # times: reading and validating the files once per version of them makes a check answer in
    # milliseconds. Each caller gets its own copy, so that a student who changes data.record in
    # place changes nothing that a check reads.
    key = files_key(data_dir)
    if key not in _LOADED:
        if len(_LOADED) >= 8:  # a few folders at a time (chapter 6 reads three); drop the oldest
            del _LOADED[next(iter(_LOADED))]
        _LOADED[key] = _load(data_dir)
    return _copy(_LOADED[key])


_LOADED = {}


def files_key(data_dir):
    """The folder and the name, size and modification time of each of its files: what load_data's
    copy of a folder is kept under, and the checks' reference values (feedback.reference)."""
    folder = Path(data_dir).resolve()
    if not folder.is_dir():
        return (folder,)
    found = []
    for f in folder.iterdir():
        info = f.stat()
        found.append((f.name, info.st_size, info.st_mtime_ns))
    return (folder, *sorted(found))


def _copy(data):
    return SimpleNamespace(
        **{
            name: (SimpleNamespace(**vars(value)) if name == "text" else value.copy())
            for name, value in vars(data).items()
        }
    )


def _load(data_dir):
    """load_data's work: read and validate every file of the folder."""
    text = _load_text(data_dir)
    sections = _load_sections(data_dir)
    paragraphs = _load_paragraphs(data_dir, text, tuple(s["id"] for s in sections))
    paragraph_ids = tuple(p["id"] for p in paragraphs)
    actors = _load_actors(data_dir, paragraph_ids)
    actor_ids = {a["id"] for a in actors}
    ties = _load_ties(data_dir, paragraph_ids, actor_ids)
    layout = _load_layout(data_dir, actor_ids)
    record = _load_record(data_dir, actor_ids)
    claims = _load_claims(data_dir, paragraph_ids, {r["id"] for r in record})

    return SimpleNamespace(
        text=SimpleNamespace(
            **{k: v for k, v in text.items() if k != "_line"} | {"date": pd.Timestamp(text["date"])}
        ),
        sections=_dates(_frame(sections, "sections.csv")),
        paragraphs=_frame(paragraphs, "paragraphs.csv").astype({"position": int}),
        actors=_frame(actors, "actors.csv"),
        ties=_frame(ties, "ties.csv"),
        layout=_frame(layout, "layout.csv").astype({"x": float, "y": float}),
        events=_dates(_frame(_load_events(data_dir), "events.csv")),
        channels=_frame(_load_channels(data_dir, paragraph_ids, actor_ids), "channels.csv"),
        workers=_dates(_frame(_load_workers(data_dir), "workers.csv").astype({"count": int})),
        record=_dates(_frame(record, "record.csv")),
        claims=_frame(claims, "claims.csv"),
    )


class _AnyId(frozenset):
    """What a file that could not be read stands in for: ids that every id is in, so that the files
    that name them are checked for everything else."""

    def __contains__(self, value):
        return True


_ANY = _AnyId()


class Validation(list):
    """validate()'s answer: every problem found (DataError), in the order load_data reads the
    files, with ``stopped``, the names of the files whose checks a problem stopped (a missing file,
    a wrong header, a row with the wrong number of fields), and ``text``, text.csv's row (None if it
    could not be read)."""

    def __init__(self, problems=(), stopped=(), text=None):
        super().__init__(problems)
        self.stopped, self.text = set(stopped), text


def validate(data_dir):
    """Check every file of a coded text's folder, as load_data does, and return every problem.

    load_data raises at a folder's first problem; validate goes on: each column of a row that breaks
    a rule is one DataError (the same message load_data gives), a problem that stops a row's checks
    (a duplicate row, an alias without its paragraphs) one more, and the next row follows. A
    problem that makes a file's rows meaningless (missing, empty, a wrong header, a row with the
    wrong number of fields) stops that file's checks alone: the files that name its ids are checked
    as if every id existed. Returns a ``Validation``, empty when load_data would load the folder.
    Raises DataError for a folder that does not exist.
    """
    global _COLLECTED
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise _no_folder(data_dir)
    collected, stopped, found = {}, [], {}

    def run(name, load, *args):
        try:
            return load(data_dir, *args)
        except DataError as err:  # a problem outside any row: the file's checks stop here
            collected.setdefault(_cell_of(err), err)
            stopped.append(name)
            return None

    def ids(rows, column="id"):
        return _ANY if rows is None else tuple(r[column] for r in rows)

    outer, _COLLECTED = _COLLECTED, collected
    try:
        text = found["text"] = run("text.csv", _load_text)
        usable = dict(text or {})
        try:
            re.compile(usable.get("id_pattern") or "")
        except re.error:
            usable["id_pattern"] = ""
        if not usable.get("id_pattern"):  # no pattern to hold the ids to: any id will do
            usable.update(id_pattern=".+", id_example="1")
        sections = run("sections.csv", _load_sections)
        paragraphs = run("paragraphs.csv", _load_paragraphs, usable, ids(sections))
        actors = run("actors.csv", _load_actors, ids(paragraphs))
        actor_ids = _ANY if actors is None else set(ids(actors))
        run("ties.csv", _load_ties, ids(paragraphs), actor_ids)
        run("layout.csv", _load_layout, actor_ids)
        run("events.csv", _load_events)
        run("channels.csv", _load_channels, ids(paragraphs), actor_ids)
        run("workers.csv", _load_workers)
        record = run("record.csv", _load_record, actor_ids)
        run("claims.csv", _load_claims, ids(paragraphs), ids(record))
    finally:
        _COLLECTED = outer
    return Validation(collected.values(), stopped=stopped, text=found["text"])


class Contribution(list):
    """The problems of a contribution to the record (messages, worded as DataError words them), with
    ``checked``, the number of rows read, and ``last``, the latest valid date among them
    (YYYY-MM-DD)."""

    def __init__(self, problems=(), checked=0, last=None):
        super().__init__(problems)
        self.checked, self.last = checked, last


def _record_key(row):
    # One event's tie: the same day, source, pair (either way round) and kind is the same row.
    return row["date"], row["url"], frozenset((row["source"], row["target"])), row["kind"]


def check_contribution(path, as_of=None):
    """Check a contributed file of record rows (such as record-2026.csv) before it joins
    data/record.csv.

    Every row gets the loader's rules for record.csv, against data/'s actors, except that it may be
    dated after RECORD_AS_OF, up to ``as_of`` (YYYY-MM-DD; default today). Its id must be new to
    data/record.csv and to the file, and it must not repeat a row of either (same date, url, pair
    and kind). Returns a ``Contribution``: one message per broken row (its first problem), empty
    when every row passes. Raises ``DataError`` for a file that cannot be checked: missing, not
    UTF-8, empty, a wrong header, no rows. It reads and returns: it writes nothing.
    """
    path = Path(path)
    if as_of is None:
        last_day, last_day_is = date.today(), "today: the record holds events that have happened"
    else:
        try:
            last_day, last_day_is = (
                date.fromisoformat(str(as_of)),
                "the as-of date the check was given",
            )
        except ValueError:
            raise DataError(f"the as-of date {as_of!r}: expected {DATE_WORDS}.") from None
    if path.is_dir():
        raise DataError(f"{path.name}: a folder; expected a CSV file of rows for record.csv.")
    rows = _read_csv(path, columns=COLUMNS["record.csv"])
    if not rows:
        raise DataError(f"{path.name}: only a header; expected rows to add to record.csv.")

    data = load_data()  # the actors a row may name and the record it must not repeat
    actor_ids = set(data.actors["id"])
    record = data.record.assign(date=data.record["date"].dt.strftime("%Y-%m-%d")).to_dict("records")
    used = {r["id"]: "data/record.csv" for r in record}
    held = {_record_key(r): f"data/record.csv's {r['id']}" for r in record}

    problems, dates = [], []
    for row in rows:
        line = row["_line"]
        try:
            _check_record_row(path, row, actor_ids, last_day, last_day_is)
            dates.append(row["date"])
            if row["id"] in used:
                numbers = [int(i[1:]) for i in used if re.fullmatch(r"r\d+", i)] + [0]
                _fail(
                    path,
                    line,
                    "id",
                    row["id"],
                    f"the next free id, r{max(numbers) + 1:02d} "
                    f"({used[row['id']]} already uses {row['id']}; "
                    "ids are never reused or renumbered)",
                )
            if _record_key(row) in held:
                _fail(
                    path,
                    line,
                    "url",
                    row["url"],
                    f"an event not yet recorded ({held[_record_key(row)]} "
                    "has the same date, url, pair and kind)",
                )
        except DataError as err:
            problems.append(str(err))
        # A later row of the file may not reuse this row's id or repeat it, broken or not.
        used.setdefault(row["id"], f"line {line}")
        held.setdefault(_record_key(row), f"line {line}")
    return Contribution(problems, checked=len(rows), last=max(dates, default=None))


def __getattr__(name):
    # ARTICLE_URL, the CNBC article's address for chapters 1-5, is read from data/text.csv when it
    # is first used, not when the module is imported: importing reads no file.
    if name == "ARTICLE_URL":
        return _load_text(DATA_DIR)["url"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
