"""Chapter 5's data: the record of events after the article (data/record.csv) and the claims ledger
(data/claims.csv). Both validate; broken copies fail clearly, naming file, line and column; no event
lies after the record's date; and each event is kept in one place."""

import re

import pytest

import summitkit
from summitkit import DataError, load_data
from conftest import NOTEBOOKS, load_notebook
from tools import MONTHS, broken_copy, read_rows, record_row, replace_line


# The months as chapter 5 writes a date ("28 February 2026"), typed here so that no test reads the
# locale or the command's own formatting.
def claim_row(n=0, **changes):
    row = read_rows("claims.csv")[n]
    row.update(changes)
    return ",".join(f'"{row[c]}"' for c in summitkit.COLUMNS["claims.csv"])


def test_the_record_and_the_ledger_validate():
    data = load_data()
    assert len(data.record) == len(read_rows("record.csv"))
    assert str(data.record["date"].dtype).startswith("datetime64")
    assert len(data.claims) == len(read_rows("claims.csv"))


def test_no_event_lies_after_the_records_date():
    # The loader refuses a later date (see the broken copies below); this says so of the file itself.
    as_of = summitkit.RECORD_AS_OF
    late = [r["id"] for r in read_rows("record.csv") if r["date"] > as_of]
    assert not late, f"dated after {as_of}: {late}"


def test_the_chapter_states_the_records_date():
    # "as of 28 February 2026": the chapter's words follow RECORD_AS_OF.
    year, month, day = (int(x) for x in summitkit.RECORD_AS_OF.split("-"))
    words = f"as of {day} {MONTHS[month - 1]} {year}"
    nb = load_notebook(next(p for p in NOTEBOOKS if p.name.startswith("05-")))
    text = "\n".join("".join(c.source) for c in nb.cells if c.cell_type == "markdown")
    assert words in text, f"the chapter should say {words!r}"


def test_every_event_is_in_one_place():
    # An event of data/events.csv (the days around the article) is not repeated in the record,
    # and the record starts after the article.
    events = {(r["date"], r["url"]) for r in read_rows("events.csv")}
    record = read_rows("record.csv")
    assert not events & {(r["date"], r["url"]) for r in record}
    assert min(r["date"] for r in record) > "2018-06-08"
    # Rows that share a source and a day are one event's ties between different pairs.
    seen = {}
    for r in record:
        key = (r["date"], r["url"], frozenset((r["source"], r["target"])), r["kind"])
        assert key not in seen, f"{r['id']} repeats {seen.get(key)}"
        seen[key] = r["id"]


def test_state_media_and_primary_sources_are_marked():
    # TASS and Sputnik are state media wherever they appear; the Kremlin's own transcript is primary.
    for r in read_rows("record.csv"):
        if re.match(r"(TASS|Sputnik|KCNA)\b", r["reference"]):
            assert r["state_media"] == "yes", r["id"]
        if "kremlin.ru" in r["url"]:
            assert r["primary"] == "yes", r["id"]


def test_every_ledger_row_names_events_that_exist_and_a_verdict_of_four_words():
    ids = {r["id"] for r in read_rows("record.csv")}
    for row in read_rows("claims.csv"):
        assert row["verdict"] in summitkit.VERDICTS
        # A claim the record cannot test names no event, and only then may later be empty.
        if row["later"] or row["verdict"] != "unresolved":
            assert set(row["later"].split("; ")) <= ids, row["id"]


def test_the_ledger_holds_the_claims_the_issue_lists():
    # Economy's three roles apart; the broker; the invitation; the pipeline; laborers; the port;
    # transport and telecom; sanctions and energy; the two claims of §12.
    rows = read_rows("claims.csv")
    paragraphs = [r["paragraph"] for r in rows]
    assert paragraphs.count("3") == 3 and paragraphs.count("12") == 2 and paragraphs.count("9") == 2
    assert {"4", "5", "8", "10", "11"} <= set(paragraphs)
    # §4 in two parts, "the ear of both" and past brokering; §8's goal is the source the article cites.
    assert paragraphs.count("4") == 2
    assert {r["by"] for r in rows} == {"the article", "Economy", "Lukin", "Advisor Perspectives"}


CASES = {
    "no source": (
        "record.csv",
        replace_line(2, record_row(reference="")),
        ["record.csv", "line 2", "column 'reference'", "the source"],
    ),
    "no address": (
        "record.csv",
        replace_line(2, record_row(url="tass.com/economy/1009657")),
        ["record.csv", "line 2", "column 'url'", "http"],
    ),
    "no fact id": (
        "record.csv",
        replace_line(2, record_row(fact="")),
        ["record.csv", "line 2", "column 'fact'", "the checked fact"],
    ),
    "a fact id that is not one": (
        "record.csv",
        replace_line(2, record_row(fact="checked")),
        ["record.csv", "line 2", "column 'fact'", "'checked'"],
    ),
    "unknown actor": (
        "record.csv",
        replace_line(3, record_row(1, target="japan")),
        ["record.csv", "line 3", "column 'target'", "'japan'", "actors.csv"],
    ),
    "date that does not parse": (
        "record.csv",
        replace_line(3, record_row(1, date="19/06/2018")),
        ["record.csv", "line 3", "column 'date'", "'19/06/2018'", "YYYY-MM-DD"],
    ),
    "date after the record's date": (
        "record.csv",
        replace_line(3, record_row(1, date="2026-03-01")),
        [
            "record.csv",
            "line 3",
            "column 'date'",
            "'2026-03-01'",
            f"on or before {summitkit.RECORD_AS_OF}",
        ],
    ),
    "unknown kind": (
        "record.csv",
        replace_line(3, record_row(1, kind="friendship")),
        ["record.csv", "line 3", "column 'kind'", "'friendship'", "diplomacy"],
    ),
    "relation without a sign": (
        "record.csv",
        replace_line(3, record_row(1, sign="")),
        ["record.csv", "line 3", "column 'sign'", "+ or -"],
    ),
    "channel with a sign": (
        "record.csv",
        replace_line(5, record_row(3, sign="+")),
        ["record.csv", "line 5", "column 'sign'", "an empty value"],
    ),
    "channel with an unknown status": (
        "record.csv",
        replace_line(5, record_row(3, status="busy")),
        ["record.csv", "line 5", "column 'status'", "'busy'", "operating"],
    ),
    "state media not yes or no": (
        "record.csv",
        replace_line(2, record_row(state_media="TASS")),
        ["record.csv", "line 2", "column 'state_media'", "yes, no"],
    ),
    "an address on a repost host": (
        "record.csv",
        replace_line(3, record_row(1, url="https://www.newsmax.com/world/kim-xi/2018/06/20/")),
        ["record.csv", "line 3", "column 'url'", "newsmax.com copies other outlets' reporting"],
    ),
    "the Global Times not marked as state media": (
        "record.csv",
        replace_line(
            3, record_row(1, url="https://www.globaltimes.cn/page/201806/1.shtml", state_media="no")
        ),
        [
            "record.csv",
            "line 3",
            "column 'state_media'",
            "found 'no'",
            "globaltimes.cn is state media",
        ],
    ),
    "verdict outside the four words": (
        "claims.csv",
        replace_line(2, claim_row(verdict="mostly right")),
        [
            "claims.csv",
            "line 2",
            "column 'verdict'",
            "'mostly right'",
            "supported, qualified, contradicted, unresolved",
        ],
    ),
    "evidence id that does not exist": (
        "claims.csv",
        replace_line(2, claim_row(later="r07; r99")),
        ["claims.csv", "line 2", "column 'later'", "'r99'", "ids of record.csv"],
    ),
    "no event for a claim the record can test": (
        "claims.csv",
        replace_line(2, claim_row(later="")),
        [
            "claims.csv",
            "line 2",
            "column 'later'",
            "empty only for a claim whose verdict is unresolved",
        ],
    ),
    "claim without reasoning": (
        "claims.csv",
        replace_line(2, claim_row(reasoning="")),
        ["claims.csv", "line 2", "column 'reasoning'"],
    ),
    "claim by someone the article does not quote": (
        "claims.csv",
        replace_line(2, claim_row(by="Lavrov")),
        ["claims.csv", "line 2", "column 'by'", "'Lavrov'"],
    ),
    "excerpt from a paragraph that does not exist": (
        "claims.csv",
        replace_line(2, claim_row(paragraph="13")),
        ["claims.csv", "line 2", "column 'paragraph'", "'13'"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_broken_record_or_ledger_gives_a_clear_error(tmp_path, case):
    name, edit, expected_parts = CASES[case]
    with pytest.raises(DataError) as info:
        load_data(broken_copy(tmp_path, name, edit))
    message = str(info.value)
    for part in expected_parts:
        assert part in message, f"{part!r} not in {message!r}"
    assert info.value.__cause__ is None


def test_the_cases_break_the_row_they_name():
    # Keeps the cases above honest: line 5 is a channel row, line 3 a signed relation.
    rows = read_rows("record.csv")
    assert rows[3]["kind"] in summitkit.CHANNELS and rows[3]["tie"] == "yes"
    assert rows[1]["kind"] not in summitkit.CHANNELS and rows[1]["tie"] == "yes"


def test_the_snapshots_keep_every_state_in_its_place(monkeypatch):
    # Chapter 5's small multiples: the eye compares panels only if every state sits in the same
    # place in each. The chapter's code runs here, up to that figure, and the drawn markers are read.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from conftest import CHAPTERS

    path = next(p for p in NOTEBOOKS if p.name.startswith("05-"))
    monkeypatch.chdir(CHAPTERS)
    monkeypatch.syspath_prepend(str(CHAPTERS))
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: None)
    nb = load_notebook(path)
    namespace, figure = {}, None
    for cell in nb.cells:
        if cell.cell_type != "code" or "scaffold" in cell.metadata.get("tags", []):
            continue
        before = set(plt.get_fignums())
        exec(compile("".join(cell.source), str(path), "exec"), namespace)
        if cell.metadata.get("mystnb", {}).get("figure", {}).get("name") == "fig-snapshots":
            figure = plt.figure(max(set(plt.get_fignums()) - before))
            break
    try:
        assert figure is not None, "no figure named fig-snapshots"
        panels = [ax for ax in figure.axes if ax.collections]
        assert len(panels) == 4
        figure.canvas.draw()
        places = []
        for ax in panels:
            # Each marker's place within its panel, as a share of the panel's width and height.
            box = ax.get_window_extent()
            found = []
            for collection in ax.collections:
                for x, y in ax.transData.transform(collection.get_offsets()):
                    found.append(
                        (round((x - box.x0) / box.width, 3), round((y - box.y0) / box.height, 3))
                    )
            places.append(sorted(found))
        assert len(places[0]) == 5, places[0]
        assert all(p == places[0] for p in places), places
    finally:
        plt.close("all")
