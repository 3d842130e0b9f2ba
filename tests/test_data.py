"""The files in data/: they validate, they agree with each other, and broken copies fail clearly."""

import csv
import re
import shutil
from pathlib import Path

import pytest

import summitkit
from summitkit import DataError, load_data
from conftest import DATA
from tools import broken_copy, read_rows, replace_line


@pytest.fixture(scope="module")
def data():
    return load_data()


def test_every_file_validates(data):
    text = read_rows("text.csv")
    assert len(text) == 1 and data.text.url == text[0]["url"] == summitkit.ARTICLE_URL
    assert list(data.sections["id"]) == [r["id"] for r in read_rows("sections.csv")]
    assert str(data.sections["date"].dtype).startswith("datetime64")
    assert len(data.paragraphs) == len(read_rows("paragraphs.csv"))
    assert len(data.actors) == len(read_rows("actors.csv"))
    assert len(data.ties) == len(read_rows("ties.csv"))
    assert list(data.ties.columns) == list(summitkit.COLUMNS["ties.csv"])
    assert len(data.layout) == len(read_rows("layout.csv"))
    assert len(data.events) == len(read_rows("events.csv"))
    assert str(data.events["date"].dtype).startswith("datetime64")
    assert len(data.channels) == len(read_rows("channels.csv"))
    assert list(data.workers["count"]) == [int(r["count"]) for r in read_rows("workers.csv")]
    assert str(data.workers["date"].dtype).startswith("datetime64")


HEDGES = ("believed to", "reportedly", "allegedly", "said to", "could", "may ", "might", "possibly")


def test_hedged_cnbc_ties_are_not_stated_and_the_readme_names_them():
    # An excerpt that carries a hedge word is not coded `stated`; every row that is not `stated`
    # is named in data/README.md by its paragraph. The CNBC sections are parts of one text: no dates.
    rows = read_rows("ties.csv")
    hedged = [t for t in rows if any(h in t["evidence"] for h in HEDGES)]
    assert hedged and all(t["status"] != "stated" for t in hedged)
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    status_line = next(line for line in readme.splitlines() if line.startswith("| `status` |"))
    for t in rows:
        if t["status"] != "stated":
            assert (
                f"§{t['paragraph']}" in status_line and t["evidence"].split()[-1] in status_line
            ), t
    assert all(r["date"] == "" for r in read_rows("sections.csv"))


def test_paragraph_numbering_is_the_articles():
    # Two Key Points bullets, then twelve paragraphs, in reading order.
    rows = read_rows("paragraphs.csv")
    assert [r["id"] for r in rows] == ["K1", "K2"] + [str(i) for i in range(1, 13)]
    assert [int(r["position"]) for r in rows] == list(range(1, 15))


def test_ties_name_known_actors_and_existing_paragraphs():
    actor_ids = {r["id"] for r in read_rows("actors.csv")}
    paragraph_ids = {r["id"] for r in read_rows("paragraphs.csv")}
    for line, tie in enumerate(read_rows("ties.csv"), start=2):
        assert tie["source"] in actor_ids, f"ties.csv line {line}: unknown source {tie['source']}"
        assert tie["target"] in actor_ids, f"ties.csv line {line}: unknown target {tie['target']}"
        assert tie["paragraph"] in paragraph_ids, (
            f"ties.csv line {line}: no paragraph {tie['paragraph']}"
        )


def test_the_whole_cast_is_present():
    # The cast the article names (see the issue that set up the book).
    names = {r["name"] for r in read_rows("actors.csv")}
    cast = {
        "Russia",
        "North Korea",
        "South Korea",
        "United States",
        "China",
        "Vladimir Putin",
        "Kim Jong Un",
        "Donald Trump",
        "Sergei Lavrov",
        "Elizabeth Economy",
        "Council on Foreign Relations",
        "Artyom Lukin",
        "Far Eastern Federal University",
        "Advisor Perspectives",
        "Rajin port",
    }
    assert cast <= names, f"missing: {cast - names}"


def test_every_actor_takes_part_in_a_tie():
    tied = {t[end] for t in read_rows("ties.csv") for end in ("source", "target")}
    untied = {a["id"] for a in read_rows("actors.csv")} - tied
    assert not untied, f"actors with no tie: {untied}"


def test_every_section_of_the_article_has_ties():
    sections = {p["id"]: p["section"] for p in read_rows("paragraphs.csv")}
    covered = {sections[t["paragraph"]] for t in read_rows("ties.csv")}
    assert {"russia-role", "economic-ties", "alignment-with-china"} <= covered


def test_channels_quote_only_what_ties_csv_quotes():
    # A channel the article states reuses the excerpt of an economic tie at the same paragraph,
    # so chapter 3 adds channels without quoting more of the article.
    tie_excerpts = {
        (t["paragraph"], t["evidence"])
        for t in read_rows("ties.csv")
        if t["relation"] == "economic"
    }
    for line, row in enumerate(read_rows("channels.csv"), start=2):
        if row["paragraph"]:
            assert (row["paragraph"], row["evidence"]) in tie_excerpts, f"channels.csv, line {line}"


def test_channels_resting_on_the_article_alone_are_listed_in_the_readme():
    # The chapter reads §8–§11 against later reporting: a channel with no background source
    # must be named in data/README.md, so that no one mistakes it for a checked fact.
    rows = read_rows("channels.csv")

    def key(r):
        return " – ".join(sorted((r["source"], r["target"]))) + ", " + r["channel"]

    article_only = {key(r) for r in rows if r["paragraph"]} - {key(r) for r in rows if r["url"]}
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Channels on the article's word alone", 1)[1].split("\n#", 1)[0]
    listed = set(re.findall(r"^\| `([a-z_]+ – [a-z_]+, [a-z]+)` \|", table, re.M))
    assert listed == article_only
    assert {r["channel"] for r in rows} == set(summitkit.CHANNELS)
    # Every status but possible (added for other texts; this article says no channel "could" open).
    assert {r["status"] for r in rows} == set(summitkit.STATUSES) - {"possible"}


def test_the_idle_port_names_its_source():
    # The port of Rajin is coded idle in June 2018 on every row, and some row gives the report that its
    # coal exports had stopped (data/README.md, channels.csv).
    rows = read_rows("channels.csv")
    port = [
        r
        for r in rows
        if r["channel"] == "port" and {r["source"], r["target"]} == {"russia", "north_korea"}
    ]
    assert port and {r["status"] for r in port} == {"idle"}
    assert any("stopped" in r["reference"] for r in port)
    assert all(r["status"] == "idle" for r in rows if "stopped" in r["reference"])


def test_evidence_excerpts_are_short():
    excerpts = [t["evidence"] for t in read_rows("ties.csv")]
    lengths = [len(e.split()) for e in excerpts]
    assert max(lengths) <= summitkit.MAX_EVIDENCE_WORDS
    # "A clause, rarely over 20 words": at most one excerpt in ten may pass 20.
    assert sum(n > 20 for n in lengths) <= len(lengths) // 10


def distinct_excerpt_words(excerpts):
    """Words quoted, counting an excerpt contained in another only once."""
    kept = [e for e in excerpts if not any(e != other and e in other for other in excerpts)]
    return sum(len(e.split()) for e in set(kept))


def test_excerpts_never_add_up_to_the_article():
    # The article's paragraphs run from about 15 to 40 words. The excerpts of one
    # paragraph, joined, stay at 20 words at most, and the whole data set quotes
    # fewer than 150 words of the article: short clauses, never the text.
    by_paragraph = {}
    for t in read_rows("ties.csv"):
        by_paragraph.setdefault(t["paragraph"], set()).add(t["evidence"])
    total = 0
    for paragraph, excerpts in by_paragraph.items():
        words = distinct_excerpt_words(excerpts)
        assert words <= 20, f"§{paragraph}: {words} words of excerpts"
        total += words
    assert total < 150, f"{total} words of the article quoted in ties.csv"


def test_excerpt_check_counts_contained_excerpts_once():
    # An independent check of the counting rule used above.
    assert (
        distinct_excerpt_words({"ruler Kim Jong Un", "the Kremlin invited ruler Kim Jong Un"}) == 7
    )
    assert distinct_excerpt_words({"a b", "c d e"}) == 5


def test_unchecked_excerpts_are_listed_in_the_readme():
    # checked = no means "confirm against the original before quoting it in class":
    # data/README.md must say what to confirm for every such row, and nothing else.
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Rows still to confirm", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z_]+ → [a-z_]+)`, (\w+), (§\d+|K\d) \|", table, re.M))
    unchecked = {
        (
            f"{t['source']} → {t['target']}",
            t["relation"],
            t["paragraph"] if t["paragraph"].startswith("K") else f"§{t['paragraph']}",
        )
        for t in read_rows("ties.csv")
        if t["checked"] == "no"
    }
    assert listed == unchecked, f"README lists {listed}, ties.csv has {unchecked} unchecked"
    if not unchecked:
        assert "none at present" in table.lower()


def test_aliases_name_real_paragraphs_and_russia_stands_for_what_it_merges():
    # The merges the book states (chapter 1, "The actors") are in the data, not only in prose.
    russia = next(a for a in read_rows("actors.csv") if a["id"] == "russia")
    for name in (
        "Moscow",
        "the Kremlin",
        "the Soviet Union",
        "Russian businesses",
        "Russian companies",
    ):
        assert name in russia["aliases"], name


def test_layout_places_every_actor_once():
    placed = [r["id"] for r in read_rows("layout.csv")]
    assert sorted(placed) == sorted(r["id"] for r in read_rows("actors.csv"))


# --- Broken copies: each gives one clear DataError naming file, line and column ---------------


def channel_row(**changes):
    row = dict.fromkeys(summitkit.COLUMNS["channels.csv"], "")
    row.update(
        source="russia",
        target="north_korea",
        channel="telecom",
        status="operating",
        paragraph="10",
        evidence="permanent transport and telecommunications links",
    )
    row.update(changes)
    return ",".join(f'"{row[c]}"' for c in summitkit.COLUMNS["channels.csv"])


def first_tie(**changes):
    row = read_rows("ties.csv")[0]
    row.update(changes)
    return ",".join(f'"{row[c]}"' for c in summitkit.COLUMNS["ties.csv"])


CASES = {
    "missing column": (
        "ties.csv",
        lambda t: t.replace(",checked\n", "\n", 1),
        ["ties.csv", "line 1", "'checked'", "expected a header"],
    ),
    "unknown actor": (
        "ties.csv",
        replace_line(2, first_tie(target="japan")),
        ["ties.csv", "line 2", "column 'target'", "'japan'", "actors.csv"],
    ),
    "bad paragraph number": (
        "ties.csv",
        replace_line(2, first_tie(paragraph="13")),
        ["ties.csv", "line 2", "column 'paragraph'", "'13'", "one of K1, K2, 1"],
    ),
    "empty file": ("actors.csv", lambda t: "", ["actors.csv", "empty"]),
    "unknown relation": (
        "ties.csv",
        replace_line(2, first_tie(relation="friendship")),
        ["ties.csv", "line 2", "column 'relation'", "'friendship'", "diplomacy"],
    ),
    "sign on an unsigned tie": (
        "ties.csv",
        replace_line(2, first_tie(relation="assessment", sign="+")),
        ["ties.csv", "line 2", "column 'sign'", "an empty value"],
    ),
    "overlong excerpt": (
        "ties.csv",
        replace_line(2, first_tie(evidence=" ".join(["word"] * 30))),
        ["ties.csv", "line 2", "column 'evidence'", "30 words", "at most 25"],
    ),
    "unquoted comma": (
        "actors.csv",
        replace_line(2, "russia,Russia,state,K1,,Moscow, the Kremlin"),
        ["actors.csv", "line 2", "7 fields", "expected 6"],
    ),
    "duplicate id": (
        "actors.csv",
        lambda t: t + t.splitlines()[1] + "\n",
        [
            "actors.csv",
            f"line {len(read_rows('actors.csv')) + 2}",
            "column 'id'",
            "'russia'",
            "line 2",
        ],
    ),
    "unknown actor kind": (
        "actors.csv",
        replace_line(2, "russia,Russia,country,K1,,The subject."),
        [
            "actors.csv",
            "line 2",
            "column 'kind'",
            "'country'",
            "state, person, organisation, place",
        ],
    ),
    "alias without its paragraph": (
        "actors.csv",
        replace_line(2, "russia,Russia,state,K1,Moscow,The subject."),
        ["actors.csv", "line 2", "column 'aliases'", "'Moscow'", "such as 'Moscow (K2, §1)'"],
    ),
    "alias in a paragraph that does not exist": (
        "actors.csv",
        replace_line(2, "russia,Russia,state,K1,Moscow (§13),The subject."),
        ["actors.csv", "line 2", "column 'aliases'", "§13 is not an id of paragraphs.csv"],
    ),
    "position not a number": (
        "layout.csv",
        replace_line(2, "russia,four,3.6"),
        ["layout.csv", "line 2", "column 'x'", "'four'", "a number"],
    ),
    "actor without a position": (
        "layout.csv",
        lambda t: (
            "\n".join(line for line in t.splitlines() if not line.startswith("rajin,")) + "\n"
        ),
        ["layout.csv", "rajin"],
    ),
    "date in the wrong format": (
        "events.csv",
        replace_line(2, "31/05/2018,Lavrov visits,The Moscow Times,https://example.org/a"),
        ["events.csv", "line 2", "column 'date'", "'31/05/2018'", "YYYY-MM-DD"],
    ),
    "event too long for a timeline": (
        "events.csv",
        replace_line(2, "2018-05-31," + "x" * 70 + ",The Moscow Times,https://example.org/a"),
        ["events.csv", "line 2", "column 'event'", "70 characters", "at most 60"],
    ),
    "event without a source address": (
        "events.csv",
        replace_line(2, "2018-05-31,Lavrov visits,The Moscow Times,themoscowtimes.com"),
        ["events.csv", "line 2", "column 'url'", "http"],
    ),
    "unknown channel": (
        "channels.csv",
        replace_line(2, channel_row(channel="Tourism")),
        [
            "channels.csv",
            "line 2",
            "column 'channel'",
            "'Tourism'",
            "energy, labour, port",
            "another lower-case id",
        ],
    ),
    "unknown status": (
        "channels.csv",
        replace_line(2, channel_row(status="closed")),
        [
            "channels.csv",
            "line 2",
            "column 'status'",
            "'closed'",
            "operating, idle, restricted, proposed, reported",
        ],
    ),
    "channel with no source": (
        "channels.csv",
        replace_line(2, channel_row(paragraph="", evidence="")),
        ["channels.csv", "line 2", "column 'paragraph'", "either a paragraph and an excerpt"],
    ),
    "channel with two sources": (
        "channels.csv",
        replace_line(2, channel_row(reference="Oracle", url="https://example.org/a")),
        ["channels.csv", "line 2", "column 'reference'", "one source per row"],
    ),
    "article channel without its excerpt": (
        "channels.csv",
        replace_line(2, channel_row(evidence="")),
        ["channels.csv", "line 2", "column 'evidence'", "a short excerpt"],
    ),
    "background channel without an address": (
        "channels.csv",
        replace_line(2, channel_row(paragraph="", evidence="", reference="Oracle")),
        ["channels.csv", "line 2", "column 'url'", "http"],
    ),
    "channel to an unknown actor": (
        "channels.csv",
        replace_line(2, channel_row(target="japan")),
        ["channels.csv", "line 2", "column 'target'", "'japan'", "actors.csv"],
    ),
    "the same channel twice from one source": (
        "channels.csv",
        lambda t: t + channel_row(source="north_korea", target="russia") + "\n",
        [
            "channels.csv",
            f"line {len(read_rows('channels.csv')) + 2}",
            "column 'channel'",
            "one row per channel, pair of actors (source and target, either way round) and "
            "paragraph",
        ],
    ),
    "count written with a comma": (
        "workers.csv",
        replace_line(2, '2018-01-01,"early 2018","37,000",workers,KBS,https://example.org/a'),
        ["workers.csv", "line 2", "column 'count'", "'37,000'", "without commas"],
    ),
    "count's source address not a web address": (
        "workers.csv",
        replace_line(2, "2018-01-01,early 2018,37000,workers,KBS,https://example.org/a kbs.co.kr"),
        ["workers.csv", "line 2", "column 'url'", "'kbs.co.kr'", "separated by spaces"],
    ),
    "count's date not a date": (
        "workers.csv",
        replace_line(2, "early 2018,early 2018,37000,workers,KBS,https://example.org/a"),
        ["workers.csv", "line 2", "column 'date'", "'early 2018'", "YYYY-MM-DD"],
    ),
    "count's date in another year than its 'when'": (
        "workers.csv",
        replace_line(2, "2019-01-01,early 2018,37000,workers,KBS,https://example.org/a"),
        ["workers.csv", "line 2", "column 'date'", "'2019-01-01'", "a date in 2018"],
    ),
    "a second text in text.csv": (
        "text.csv",
        lambda t: t + t.splitlines()[1] + "\n",
        ["text.csv", "line 3", "2 rows", "exactly one row"],
    ),
    "text's date in the wrong format": (
        "text.csv",
        lambda t: t.replace(",2018-06-08,", ",8 June 2018,"),
        ["text.csv", "line 2", "column 'date'", "'8 June 2018'", "YYYY-MM-DD"],
    ),
    "id pattern not a regular expression": (
        "text.csv",
        lambda t: t.replace(r",K\d|\d+,", r",K\d|(\d+,"),
        [
            "text.csv",
            "line 2",
            "column 'id_pattern'",
            r"'K\\d|(\\d+'",
            "a valid regular expression",
        ],
    ),
    "paragraph in a section that does not exist": (
        "paragraphs.csv",
        lambda t: t.replace("K1,1,key-points,", "K1,1,summary,"),
        ["paragraphs.csv", "line 2", "column 'section'", "'summary'", "key-points, russia-role"],
    ),
    "some sections dated, others not": (
        "sections.csv",
        lambda t: t.replace("russia-role,Russia's role,,", "russia-role,Russia's role,2018-06-08,"),
        [
            "sections.csv",
            "line 3",
            "column 'date'",
            "'2018-06-08'",
            "an empty value, as on line 2",
            "either every section has a date",
        ],
    ),
    "paragraph id outside the text's pattern": (
        "paragraphs.csv",
        lambda t: t.replace("K1,1,key-points,", "P1,1,key-points,"),
        ["paragraphs.csv", "line 2", "column 'id'", "'P1'", "a paragraph id such as K1 or 3"],
    ),
    "tie status outside the three": (
        "ties.csv",
        replace_line(2, first_tie(status="hedged")),
        ["ties.csv", "line 2", "column 'status'", "'hedged'", "stated, reported, possible"],
    ),
    "not UTF-8": ("actors.csv", None, ["actors.csv", "UTF-8"]),
}


@pytest.mark.parametrize("case", CASES)
def test_broken_copy_gives_a_clear_error(tmp_path, case):
    name, edit, expected_parts = CASES[case]
    if edit is None:  # raw bytes: a Latin-1 file
        folder = broken_copy(tmp_path, name, lambda t: t)
        (folder / name).write_bytes("id,name\nm\xfcnchen,M\xfcnchen\n".encode("latin-1"))
    else:
        folder = broken_copy(tmp_path, name, edit)
    with pytest.raises(DataError) as info:
        load_data(folder)
    message = str(info.value)
    for part in expected_parts:
        assert part in message, f"{part!r} not in {message!r}"
    # One clear error, not a chain from inside csv or pandas.
    assert info.value.__cause__ is None
    assert info.traceback[-1].path.name == "loading.py"


def test_header_only_ties_load(tmp_path):
    folder = broken_copy(tmp_path, "ties.csv", lambda t: t.splitlines()[0] + "\n")
    ties = load_data(folder).ties
    assert ties.empty and list(ties.columns) == list(summitkit.COLUMNS["ties.csv"])


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_a_folder_with_only_the_required_files_loads_empty(tmp_path):
    # A new text before its coding: text.csv, sections.csv and header-only paragraphs, actors, ties.
    shutil.copy(DATA / "text.csv", tmp_path)
    shutil.copy(DATA / "sections.csv", tmp_path)
    for name in ("paragraphs.csv", "actors.csv", "ties.csv"):
        write_csv(tmp_path / name, [summitkit.COLUMNS[name]])
    data = load_data(tmp_path)
    assert data.text.title == read_rows("text.csv")[0]["title"]
    assert len(data.sections) == len(read_rows("sections.csv"))
    for name in (
        "paragraphs",
        "actors",
        "ties",
        "layout",
        "events",
        "channels",
        "workers",
        "record",
        "claims",
    ):
        frame = getattr(data, name)
        assert frame.empty, name
        assert list(frame.columns) == list(summitkit.COLUMNS[f"{name}.csv"]), name
    assert list(data.ties["source"]) == []


def test_a_text_in_dated_versions_loads(tmp_path):
    # Another text's rules: versions as dated sections, its own id pattern, aliases without §,
    # a military tie that the text calls possible, a channel of its own.
    write_csv(
        tmp_path / "text.csv",
        [
            summitkit.COLUMNS["text.csv"],
            [
                "A report",
                "A publisher",
                "2025-06-13",
                "https://example.org/r",
                r"\d{4}-\d{2}-\d+",
                "2025-06-1",
            ],
        ],
    )
    write_csv(
        tmp_path / "sections.csv",
        [
            summitkit.COLUMNS["sections.csv"],
            ["2025-06", "Updated", "2025-06-13", "https://example.org/b"],
            ["2024-09", "First", "2024-09-10", "https://example.org/a"],
        ],
    )
    write_csv(
        tmp_path / "paragraphs.csv",
        [
            summitkit.COLUMNS["paragraphs.csv"],
            ["2024-09-1", "1", "2024-09", ""],
            ["2025-06-1", "2", "2025-06", ""],
        ],
    )
    write_csv(
        tmp_path / "actors.csv",
        [
            summitkit.COLUMNS["actors.csv"],
            [
                "russia",
                "Russia",
                "state",
                "2024-09-1",
                "Moscow (2024-09-1, §2025-06-1)",
                "The subject.",
            ],
            ["north_korea", "North Korea", "state", "2024-09-1", "", "DPRK."],
        ],
    )
    write_csv(
        tmp_path / "ties.csv",
        [
            summitkit.COLUMNS["ties.csv"],
            [
                "russia",
                "north_korea",
                "military",
                "+",
                "possible",
                "2025-06-1",
                "could transfer",
                "yes",
            ],
        ],
    )
    write_csv(
        tmp_path / "channels.csv",
        [
            summitkit.COLUMNS["channels.csv"],
            [
                "russia",
                "north_korea",
                "munitions",
                "possible",
                "2025-06-1",
                "could transfer",
                "",
                "",
            ],
        ],
    )
    data = load_data(tmp_path)
    assert list(data.sections.sort_values("date")["id"]) == ["2024-09", "2025-06"]
    assert data.text.date.year == 2025
    assert list(data.ties["status"]) == ["possible"] and list(data.channels["channel"]) == [
        "munitions"
    ]
    # The same id pattern rejects a CNBC-style id.
    with open(tmp_path / "paragraphs.csv", "a", encoding="utf-8") as f:
        f.write("K1,3,2025-06,\n")
    with pytest.raises(
        DataError,
        match=r"paragraphs\.csv, line 4, column 'id': found 'K1'; expected a paragraph "
        r"id such as 2025-06-1",
    ):
        load_data(tmp_path)


def test_missing_file_is_named(tmp_path):
    folder = broken_copy(tmp_path, "ties.csv", lambda t: t)
    (folder / "ties.csv").unlink()
    with pytest.raises(DataError, match=r"ties\.csv: file not found"):
        load_data(folder)


def test_a_missing_folder_says_where_it_was_looked_for(tmp_path, monkeypatch):
    # Chapter 6's notebook runs in chapters/: FOLDER = "my-article" is looked for there.
    (tmp_path / "chapters").mkdir()
    monkeypatch.chdir(tmp_path / "chapters")
    with pytest.raises(DataError) as info:
        load_data("my-article")
    message = str(info.value)
    assert message.startswith("my-article: folder not found.")
    assert f"current folder, {tmp_path / 'chapters'}," in message
    assert f"looked for at {tmp_path / 'chapters' / 'my-article'}." in message
    assert "one level up" not in message
    with pytest.raises(DataError, match=r"^/no/such/folder: folder not found\.$"):
        load_data("/no/such/folder")


def test_a_folder_one_level_up_is_named_with_its_fix(tmp_path, monkeypatch):
    shutil.copytree(DATA, tmp_path / "my-article")
    (tmp_path / "chapters").mkdir()
    monkeypatch.chdir(tmp_path / "chapters")
    with pytest.raises(DataError) as info:
        load_data("my-article")
    assert str(info.value).endswith('It is one level up: write FOLDER = "../my-article".')
    assert len(load_data("../my-article").ties) == len(read_rows("ties.csv"))


def test_a_data_error_shows_in_a_notebook_as_its_message_alone(capsys):
    # IPython (the notebook's kernel) shows what _render_traceback_ returns in place of the
    # traceback: one line, not the frames inside the loader.
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell("from summitkit import load_data\nload_data('no-such-folder')")
    shown = re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out).strip()
    assert shown.splitlines() == [
        f"DataError: no-such-folder: folder not found. A relative path starts from the current "
        f"folder, {Path.cwd()}, so it was looked for at {Path.cwd() / 'no-such-folder'}."
    ]


def test_the_real_data_are_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(load_data().actors) == len(read_rows("actors.csv"))


def test_a_folder_is_read_once_per_version_and_every_caller_gets_its_own_copy(tmp_path):
    # load_data caches what it read, keyed on the folder's files (name, size, modification time).
    folder = broken_copy(tmp_path, "record.csv", lambda text: text)
    first = load_data(folder)
    first.record.loc[0, "event"] = "changed in place by a student"
    first.text.title = "changed too"
    again = load_data(folder)
    assert again.record.loc[0, "event"] != "changed in place by a student"
    assert again.text.title != "changed too"
    # A file edited after the first read is read again: a new row, then a broken one.
    path = folder / "record.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    new_row = lines[1].replace(lines[1].split(",")[0], "r999", 1)
    path.write_text("\n".join(lines + [new_row]) + "\n", encoding="utf-8")
    assert "r999" in set(load_data(folder).record["id"])
    path.write_text(
        "\n".join(lines + [new_row.replace("r999", "r1000").replace(",yes,", ",maybe,", 1)]) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError):
        load_data(folder)


def test_a_folder_whose_files_have_not_changed_is_not_read_again(tmp_path, monkeypatch):
    import summitkit.loading as loading

    folder = broken_copy(tmp_path, "record.csv", lambda text: text)
    reads = []
    real = loading._load
    monkeypatch.setattr(loading, "_load", lambda data_dir: reads.append(data_dir) or real(data_dir))
    for _ in range(3):
        load_data(folder)
    assert len(reads) == 1
    (folder / "ties.csv").write_text(
        (folder / "ties.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    load_data(folder)
    assert len(reads) == 2


def test_the_checks_reference_values_are_computed_once_per_version_of_the_files(tmp_path):
    # What a check compares an answer with is built from a folder's data once, then reused, until
    # a file of the folder changes (feedback.reference, keyed as load_data's copies are).
    from summitkit.feedback import reference

    folder = broken_copy(tmp_path, "record.csv", lambda text: text)
    builds = []

    def record_ids(data):
        builds.append(data)
        return set(data.record["id"])

    assert reference(record_ids, folder) == {r["id"] for r in read_rows("record.csv")}
    assert reference(record_ids, folder) is reference(record_ids, folder)
    assert len(builds) == 1
    path = folder / "record.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    new_row = lines[1].replace(lines[1].split(",")[0], "r999", 1)
    path.write_text("\n".join(lines + [new_row]) + "\n", encoding="utf-8")
    assert "r999" in reference(record_ids, folder) and len(builds) == 2


def test_the_article_url_is_read_when_first_used_not_at_import(monkeypatch):
    import summitkit.loading as loading

    assert "ARTICLE_URL" not in vars(loading)  # importing the module read no file
    reads = []
    real = loading._load_text
    monkeypatch.setattr(loading, "_load_text", lambda folder: reads.append(folder) or real(folder))
    assert loading.ARTICLE_URL == read_rows("text.csv")[0]["url"] and reads == [DATA.resolve()]
