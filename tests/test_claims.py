"""What the chapters' prose says about the data, recomputed from the CSV files (reference.py).

Chapter text that states a result ("Trump rises to second", "only China is cut off") is written
by hand; these tests fail when a change to data/ makes such a sentence untrue. Each test names
the chapter section or exercise whose sentence it holds.
"""

import itertools
import re
from datetime import date

import networkx as nx
import pytest

from conftest import CHAPTERS, load_notebook
from reference import (
    ARTICLE_DAY,
    CHANNEL_NAMES,
    CRS,
    CRS_B,
    END_2024,
    FIVE,
    TRADE_2024,
    as_of,
    channel_sets,
    crs_agreement,
    crs_change,
    crs_rows,
    crs_version_ties,
    framing_betweenness,
    layer_cuts,
    lost_without_state_media,
    multigraph,
    pairs_needing,
    record_betweenness,
    record_signs,
    reference_economic_graph,
    reference_repeated_ties,
    role_graphs,
    signed_pairs,
    signs_of,
    simple_graph,
    state_media_ids,
    states_graph,
    triads,
)
from tools import read_rows


def rank(values, node):
    """1 for the largest value; ties share the best rank ("a three-way tie for fourth")."""
    return 1 + sum(v > values[node] for v in values.values())


def ties_of(values, node):
    return sum(v == values[node] for v in values.values())


def test_chapter_1_the_whole_article():
    g = simple_graph()
    kinds = {r["id"]: r["kind"] for r in read_rows("actors.csv")}
    # "What the figure shows": Russia is tied to every state, three of the four politicians,
    # the three sources of analysis, and the port of Rajin.
    partners = set(g["russia"])
    states = {n for n, k in kinds.items() if k == "state"} - {"russia"}
    politicians = {"putin", "lavrov", "kim", "trump"}
    assert states <= partners and len(politicians & partners) == 3
    assert {"economy", "lukin", "advisor_perspectives", "rajin"} <= partners
    # The United States: tied to North Korea and Trump, and to Russia and China only by opposed ties.
    assert set(g["united_states"]) == {"north_korea", "trump", "russia", "china"}
    us_ties = [
        t
        for t in read_rows("ties.csv")
        if "united_states" in (t["source"], t["target"])
        and {t["source"], t["target"]} & {"russia", "china"}
    ]
    assert us_ties and all(t["sign"] == "-" for t in us_ties)
    # The economic network, solution: a Russia–North Korea economic tie in every paragraph §8–§11.
    economic = {
        t["paragraph"]
        for t in read_rows("ties.csv")
        if t["relation"] == "economic" and {t["source"], t["target"]} == {"russia", "north_korea"}
    }
    assert economic == {"8", "9", "10", "11"}
    # "A first measure": Russia far ahead, North Korea second.
    degree = dict(g.degree())
    assert rank(degree, "russia") == 1 and rank(degree, "north_korea") == 2
    # Repeated ties, solution: Russia and North Korea most, China next; South Korea and Australia none.
    repeated = reference_repeated_ties()
    top_two = sorted(repeated, key=repeated.get, reverse=True)[:3]
    assert (
        top_two[:2] in (["russia", "north_korea"], ["north_korea", "russia"])
        and top_two[2] == "china"
    )
    assert repeated["south_korea"] == repeated["australia"] == 0
    assert multigraph().number_of_edges("russia", "north_korea") > 1
    # The economic network, solution: North Korea's partners are Russia, China and Putin.
    assert set(reference_economic_graph()["north_korea"]) == {"russia", "china", "putin"}


def test_chapter_2_the_two_levels():
    # "What the figure shows" after the two-level figure.
    a, s = role_graphs()
    assert s.degree("russia") == s.number_of_nodes() - 1, "Russia is tied to every other state in S"
    assert set(s["russia"]) - set(a["russia"]) == {"united_states"}, (
        "projection gives Russia one new partner, the US"
    )
    # "Trump's brokerage vanishes" (Brokers among the states, solution; Summary).
    assert nx.betweenness_centrality(s)["united_states"] == 0


def test_chapter_2_degree_against_betweenness():
    # "The network idea: brokerage" and "What the figure shows" after the sized figure.
    a, _ = role_graphs()
    degree, betweenness = dict(a.degree()), nx.betweenness_centrality(a)
    assert rank(degree, "russia") == 1 and rank(betweenness, "russia") == 1, (
        "Russia leads on both measures"
    )
    assert rank(degree, "trump") == 4 and ties_of(degree, "trump") == 3, (
        "Trump: a three-way tie for fourth"
    )
    assert rank(betweenness, "trump") == 2, "Trump rises to second"
    assert rank(degree, "putin") == 3 and rank(betweenness, "putin") == 3, "Putin stays third"
    assert rank(degree, "north_korea") == 2 and rank(betweenness, "north_korea") == 5, (
        "North Korea: second to fifth"
    )
    assert list(a["united_states"]) == ["trump"], "Trump is the United States' only link"


def test_chapter_2_size_keys_in_the_alt_text():
    # The sized figure's keys, as its alt text gives them: each panel's smallest value, the value
    # nearest the middle of its range (the lower one if two are as near), and its largest value.
    a, _ = role_graphs()
    nb = load_notebook(CHAPTERS / "02-russias-role.ipynb")
    alt = next(
        c.metadata["mystnb"]["image"]["alt"]
        for c in nb.cells
        if c.metadata.get("mystnb", {}).get("figure", {}).get("name") == "fig-degree-betweenness"
    )
    for measure, values in (
        ("degree", dict(a.degree())),
        ("betweenness", nx.betweenness_centrality(a)),
    ):
        shown = sorted(set(values.values()))
        middle = min(shown, key=lambda v: (abs(v - (shown[0] + shown[-1]) / 2), v))
        assert f"{measure} {shown[0]:.3g}, {middle:.3g} and {shown[-1]:.3g}" in alt, measure


def test_chapter_2_ego_network_and_structural_holes():
    a, _ = role_graphs()
    ego = nx.ego_graph(a, "russia")
    others = ego.subgraph(set(ego) - {"russia"})
    assert [n for n in others if others.degree(n) == 0] == ["china"], (
        "China: the only neighbour tied to no other"
    )
    effective, constraint = nx.effective_size(a), nx.constraint(a)
    assert max(effective, key=effective.get) == "russia", "Russia has the largest effective size"
    states = [r["id"] for r in read_rows("actors.csv") if r["kind"] == "state" and r["id"] in a]
    assert min(states, key=constraint.get) == "russia", "the lowest constraint among the states"
    assert constraint["trump"] < constraint["russia"], "Trump's constraint is lower still"


def test_chapter_2_paths_and_removal():
    a, s = role_graphs()
    assert s.has_edge("north_korea", "south_korea"), "the two Koreas are tied directly"
    routes = {path[1] for path in nx.all_shortest_paths(s, "south_korea", "united_states")}
    assert routes == {"russia", "north_korea"}, (
        "two routes, one through Russia, one through North Korea"
    )
    # Honest broker?, model answer: at the people level Putin is a necessary go-between.
    assert list(nx.all_shortest_paths(a, "south_korea", "united_states")) == [
        ["south_korea", "putin", "trump", "united_states"]
    ]
    # Remove Russia and Who needs Russia?, solutions.
    h = a.copy()
    h.remove_node("russia")
    assert [c for c in nx.connected_components(h) if len(c) == 1] == [{"china"}], (
        "only China is cut off"
    )
    assert all("china" in pair for pair in pairs_needing(s, "russia")), (
        "every pair that needs Russia includes China"
    )


def statuses_of(pair):
    """{channel: set of statuses} for one pair, from channels.csv."""
    found = {}
    for r in read_rows("channels.csv"):
        if frozenset((r["source"], r["target"])) == frozenset(pair):
            found.setdefault(r["channel"], set()).add(r["status"])
    return found


def test_chapter_3_layers_and_multiplexity():
    sets = channel_sets()
    # "What the figure shows" (layers): who is on how many layers.
    layers_of = {}
    for pair, chans in sets.items():
        for node in pair:
            layers_of.setdefault(node, set()).update(chans)
    assert {n: len(c) for n, c in layers_of.items()} == {
        "north_korea": 6,
        "russia": 6,
        "china": 3,
        "south_korea": 1,
    }
    # Russia–North Korea: six channels, two operating without restriction (transport, telecom), the
    # port idle; China–North Korea: three, one of them operating; energy has two statuses.
    russia, china = statuses_of(("russia", "north_korea")), statuses_of(("china", "north_korea"))
    assert len(russia) == 6 and len(china) == 3
    assert {c for c, st in russia.items() if st == {"operating"}} == {"transport", "telecom"}
    assert russia["port"] == {"idle"}, "the port was idle in June 2018"
    assert {c for c, st in china.items() if st == {"operating"}} == {"telecom"}, (
        "China keeps one: telecom"
    )
    assert china["transport"] == {"reported"} and china["port"] == {"reported"}
    assert russia["energy"] == {"reported", "restricted"}
    assert russia["labour"] == {"restricted"} and russia["pipeline"] == {"proposed"}
    # North Korea–South Korea: the pipeline only.
    assert sets[frozenset(("north_korea", "south_korea"))] == {"pipeline"}


def test_chapter_3_dependence():
    # "Dependence": telecom has two routes out today, one (China) before October 2017.
    cuts = layer_cuts()
    assert cuts["telecom"] == {"china", "russia"}
    before = layer_cuts(remove={(frozenset(("russia", "north_korea")), "telecom")})
    assert before["telecom"] == {"china"}
    # Who can cut North Korea off?, solution table.
    assert cuts == {
        "energy": {"russia"},
        "labour": {"russia"},
        "port": {"china", "russia"},
        "transport": {"china", "russia"},
        "telecom": {"china", "russia"},
        "pipeline": {"russia", "south_korea"},
    }
    # "The statuses" (solution): with operating channels only, four layers disappear (the port among
    # them), and the cut on transport shrinks to Russia alone; telecom keeps both routes.
    operating = {}
    for r in read_rows("channels.csv"):
        operating.setdefault((frozenset((r["source"], r["target"])), r["channel"]), set()).add(
            r["status"]
        )
    not_operating = {key for key, st in operating.items() if st != {"operating"}}
    only = layer_cuts(remove=not_operating)
    assert {c for c, v in only.items() if not v} == {"energy", "labour", "port", "pipeline"}
    assert only["transport"] == {"russia"} and only["telecom"] == {"china", "russia"}
    # The pipeline: North Korea stands between Russia and South Korea, and no one else does.
    pipeline = nx.Graph(tuple(p) for p, c in channel_sets().items() if "pipeline" in c)
    assert set(nx.articulation_points(pipeline)) == {"north_korea"}
    assert not pipeline.has_edge("russia", "south_korea")


def test_chapter_3_worker_chart():
    # "What the chart shows": permits more than halved within 2018; a few hundred left in March 2020.
    counts = {r["when"]: int(r["count"]) for r in read_rows("workers.csv")}
    assert counts["end of 2018"] < counts["start of 2018"] / 2
    assert 100 <= counts["March 2020"] < 1000
    # The chart's introduction: three counts in 2018, one in March 2020, after the deadline of
    # 22 December 2019; the caption: the estimate of "early 2018" is drawn at the start of the year.
    dates = {r["when"]: r["date"] for r in read_rows("workers.csv")}
    assert sorted(d[:4] for d in dates.values()) == ["2018", "2018", "2018", "2020"]
    assert dates["March 2020"].startswith("2020-03") and dates["March 2020"] > "2019-12-22"
    assert dates["early 2018"] == dates["start of 2018"] == "2018-01-01"


def test_chapter_4_signed_network():
    pairs = signed_pairs()
    # "The model": no pair has ties of both signs; China–South Korea and US–South Korea stay untied.
    assert all(len(s) == 1 for s in pairs.values())
    untied = {frozenset(p) for p in itertools.combinations(FIVE, 2)} - set(pairs)
    assert untied == {
        frozenset(("china", "south_korea")),
        frozenset(("united_states", "south_korea")),
    }
    signs = signs_of()
    assert len(signs) == 8
    # "What the figure shows": both Russia and China + to each other and to North Korea, − to the US;
    # the United States' one + is to North Korea; South Korea tied only to Russia and North Korea.
    for state in ("russia", "china"):
        assert (
            signs[frozenset((state, "north_korea"))] == "+"
            and signs[frozenset((state, "united_states"))] == "-"
        )
    assert signs[frozenset(("russia", "china"))] == "+"
    assert [p for p, s in signs.items() if "united_states" in p and s == "+"] == [
        frozenset(("united_states", "north_korea"))
    ]
    assert {n for p in signs if "south_korea" in p for n in p} - {"south_korea"} == {
        "russia",
        "north_korea",
    }


def test_chapter_4_balance():
    found = triads(signs_of())
    # "Russia, China and the United States": two minuses and a plus, balanced.
    assert found[frozenset(("russia", "china", "united_states"))] == "balanced"
    # "Three triangles are balanced and two are not, and the two unbalanced ones share a tie".
    assert list(found.values()).count("balanced") == 3 and len(found) == 5
    unbalanced = [t for t, v in found.items() if v == "unbalanced"]
    assert set.intersection(*map(set, unbalanced)) == {"united_states", "north_korea"}
    # Flip one sign, solution: the US–North Korea flip balances all five; every other leaves three or fewer.
    us_nk = frozenset(("united_states", "north_korea"))
    assert list(triads(signs_of(flip=us_nk)).values()).count("balanced") == 5
    assert all(
        list(triads(signs_of(flip=p)).values()).count("balanced") <= 3
        for p in signs_of()
        if p != us_nk
    )


def test_chapter_4_neighbourhoods():
    # "Russia and China: how alike": the same rival (Jaccard 1.00), one shared partner (0.50).
    signs = signs_of()

    def neighbours(state, sign):
        return {n for p, s in signs.items() if state in p and s == sign for n in p} - {
            "russia",
            "china",
        }

    assert neighbours("russia", "+") == {"north_korea", "south_korea"} and neighbours(
        "china", "+"
    ) == {"north_korea"}
    assert neighbours("russia", "-") == neighbours("china", "-") == {"united_states"}


# --- Chapter 5: what happened next ---------------------------------------------------------------
# The chapter's sentences about its snapshots, recomputed from the CSV files (reference.py's
# rebuild, with datetime). Each takes the ids of record rows to leave out, so that the last test can
# show that deleting a key event makes a sentence untrue.


P = frozenset


def russia_nk_channels(day, drop=()):
    """{channel: statuses} of the Russia–North Korea pair on day: channels.csv, then the record's latest."""
    found = {}
    for r in read_rows("channels.csv"):
        if {r["source"], r["target"]} == {"russia", "north_korea"}:
            found.setdefault(r["channel"], set()).add(r["status"])
    for r in sorted(read_rows("record.csv"), key=lambda r: r["date"]):
        if (
            r["tie"] == "yes"
            and r["kind"] in CHANNEL_NAMES
            and r["id"] not in drop
            and {r["source"], r["target"]} == {"russia", "north_korea"}
            and date.fromisoformat(r["date"]) <= day
        ):
            found[r["kind"]] = {r["status"]}
    return found


def needs_russia(signs):
    g = nx.Graph()
    g.add_nodes_from(FIVE)
    g.add_edges_from(tuple(p) for p in signs)
    others = [s for s in FIVE if s != "russia"]
    return sum(
        nx.has_path(g, a, b) and all("russia" in path for path in nx.all_shortest_paths(g, a, b))
        for a, b in itertools.combinations(others, 2)
    )


def change_days(start, end, drop=()):
    """The days from start to end on which a snapshot can change: a report's day, or the day it lapses."""
    reported = [ARTICLE_DAY] + [
        date.fromisoformat(r["date"]) for r in read_rows("record.csv") if r["id"] not in drop
    ]
    days = {d for d in reported} | {d.replace(year=d.year + 3) for d in reported}
    return [start] + sorted(d for d in days if start < d <= end)


def steps(start, end, value, drop=()):
    """[(day, value)] at each day the value changes, from start to end."""
    found = []
    for d in change_days(start, end, drop):
        v = value(d)
        if not found or found[-1][1] != v:
            found.append((d, v))
    return found


def chapter_5_sentences(drop=()):
    """Every sentence of chapter 5 about its snapshots; AssertionError names the first untrue one."""
    latest, end_2019 = as_of(), date(2019, 12, 31)
    snap = {d: record_signs(d, drop=drop) for d in (ARTICLE_DAY, end_2019, END_2024, latest)}
    # "What the figure shows": 2019 as 2018, eight ties; three at the end of 2024; four on the latest date.
    assert snap[end_2019] == snap[ARTICLE_DAY] and len(snap[ARTICLE_DAY]) == 8, "2019 as 2018"
    assert snap[END_2024] == {
        P(("russia", "north_korea")): "+",
        P(("russia", "united_states")): "-",
        P(("china", "united_states")): "-",
    }, "three ties at the end of 2024"
    assert snap[latest] == {
        P(("russia", "north_korea")): "+",
        P(("russia", "china")): "+",
        P(("china", "north_korea")): "+",
        P(("russia", "united_states")): "-",
    }, "four latest"
    # "The article's eight ties all lapse together in June 2021" (three years after 8 June 2018).
    every = {r["id"] for r in read_rows("record.csv")}
    assert len(record_signs(date(2021, 6, 7), drop=every)) == 8 and not record_signs(
        date(2021, 6, 8), drop=every
    )
    # "What the changes mean": 0.167, then 0.333 at the end of 2024 and on the latest date.
    between = {d: round(record_betweenness(d, drop=drop)["russia"], 3) for d in snap}
    assert between == {ARTICLE_DAY: 0.167, end_2019: 0.167, END_2024: 0.333, latest: 0.333}, between
    assert (
        needs_russia(snap[ARTICLE_DAY]) == 0
        and needs_russia(snap[END_2024]) == needs_russia(snap[latest]) == 2
    )
    # "it falls to 0 ... from June 2021 to September 2023"; Russia and North Korea untied from April 2022
    # (three years after Vladivostok) until Kim's visit to Vostochny.
    russia = steps(
        ARTICLE_DAY, latest, lambda d: record_betweenness(d, drop=drop)["russia"] == 0, drop
    )
    assert [d for d, zero in russia if zero][:1] == [date(2021, 6, 21)] and [
        (d.year, d.month) for d, zero in russia if not zero
    ][1:2] == [(2023, 9)], russia
    tied = steps(
        date(2021, 1, 1),
        latest,
        lambda d: P(("russia", "north_korea")) in record_signs(d, drop=drop),
        drop,
    )
    assert tied[1:3] == [(date(2022, 4, 25), False), (date(2023, 9, 13), True)], tied
    # Six channels at every date; operating: two, then three from September 2018.
    for d in snap:
        assert len(russia_nk_channels(d, drop)) == 6
    operating = {
        d: sum("operating" in s for s in russia_nk_channels(d, drop).values()) for d in snap
    }
    assert operating[ARTICLE_DAY] == 2 and operating[end_2019] == operating[latest] == 3, operating
    assert sum("operating" in s for s in russia_nk_channels(date(2018, 9, 5), drop).values()) == 3
    # Triangles: three balanced and two not; none at the end of 2024; one balanced by the latest date.
    assert (
        list(triads(snap[ARTICLE_DAY]).values()).count("balanced") == 3
        and len(triads(snap[ARTICLE_DAY])) == 5
    )
    assert triads(snap[END_2024]) == {}
    assert triads(snap[latest]) == {P(("russia", "china", "north_korea")): "balanced"}


def test_chapter_5_snapshots_and_measures():
    chapter_5_sentences()


def test_chapter_5_the_ledger_and_the_record():
    record, claims = read_rows("record.csv"), read_rows("claims.csv")
    # "No claim is contradicted, and one is unresolved": §4's brokering in the past, which names no later event.
    assert not [c for c in claims if c["verdict"] == "contradicted"]
    unresolved = [c for c in claims if c["verdict"] == "unresolved"]
    assert [(c["paragraph"], c["later"]) for c in unresolved] == [("4", "")]
    # §8's pipeline goal is Advisor Perspectives' (the article cites it), and the ally is judged as made.
    assert {c["by"] for c in claims if c["paragraph"] == "8"} == {"Advisor Perspectives"}
    assert [c["verdict"] for c in claims if c["evidence"] == "unholy ally"] == ["qualified"]
    # §11's verdict rests on the later reports of Russian energy deliveries, which the record holds.
    energy = {r["id"] for r in record if r["kind"] == "energy"}
    assert len(energy) >= 3 and energy <= set(
        next(c for c in claims if c["paragraph"] == "11")["later"].split("; ")
    )
    # "The record holds no China–North Korea event between June 2019 and September 2025."
    china_nk = sorted(
        r["date"] for r in record if {r["source"], r["target"]} == {"china", "north_korea"}
    )
    assert not [d for d in china_nk if "2019-07" <= d < "2025-09"]
    assert any(d.startswith("2019-06") for d in china_nk) and any(
        d.startswith("2025-09") for d in china_nk
    )
    # "The network idea": the United States met North Korea in June 2019; no tie between them after 2024.
    us_nk = [
        r["date"]
        for r in record
        if {r["source"], r["target"]} == {"united_states", "north_korea"} and r["tie"] == "yes"
    ]
    assert "2019-06-30" in us_nk and max(us_nk) < "2025"
    # Drop the state media, solution: five rows, TASS three, Sputnik one, the Global Times one; three primary,
    # the Kremlin's transcript and the UN's record of the 2022 vote (two rows);
    # one tie lost, Russia–North Korea at the end of 2023, whose only report then was TASS on Vostochny.
    outlets = [r["reference"].split(",")[0] for r in record if r["state_media"] == "yes"]
    assert sorted(outlets) == ["Global Times", "Sputnik", "TASS", "TASS", "TASS"]
    primary = sorted(r["url"].split("/")[2] for r in record if r["primary"] == "yes")
    assert primary == ["en.special.kremlin.ru", "press.un.org", "press.un.org"]
    lost = lost_without_state_media()
    assert {y: v for y, v in lost.items() if v} == {2023: {("north_korea", "russia")}}
    # Without Xi's 2019 visit (the Global Times alone), China–North Korea lapses in January 2022, not June 2022.
    global_times = [r["id"] for r in record if r["reference"].startswith("Global Times")]
    lapse = steps(
        date(2021, 12, 1),
        date(2022, 12, 31),
        lambda d: P(("china", "north_korea")) in record_signs(d, drop=global_times),
        global_times,
    )
    assert [(d.year, d.month) for d, tied in lapse if not tied] == [(2022, 1)], lapse
    lapse = steps(
        date(2021, 12, 1),
        date(2022, 12, 31),
        lambda d: P(("china", "north_korea")) in record_signs(d),
    )
    assert [(d.year, d.month) for d, tied in lapse if not tied] == [(2022, 6)], lapse
    # Add an event, solution: 0.333 without, 0.083 for each of the four tied states with it.
    assert round(record_betweenness(END_2024)["russia"], 3) == 0.333
    plus = record_betweenness(END_2024, extra=[TRADE_2024])
    assert {s: round(v, 3) for s, v in plus.items()} == {
        s: (0.0 if s == "south_korea" else 0.083) for s in FIVE
    }
    # What changed, solution: in June 2018 North Korea and Russia were the two routes from South Korea to
    # China and to the United States; at the latest date the United States is tied to Russia alone.
    g = nx.Graph(tuple(p) for p in record_signs(ARTICLE_DAY))
    for other in ("china", "united_states"):
        assert sorted(p[1] for p in nx.all_shortest_paths(g, "south_korea", other)) == [
            "north_korea",
            "russia",
        ]
    assert [set(p) - {"united_states"} for p in record_signs(as_of()) if "united_states" in p] == [
        {"russia"}
    ]
    # What changed, solution: Russia up by 0.167, North Korea down by as much, the others unchanged.
    before, after = record_betweenness(ARTICLE_DAY), record_betweenness(as_of())
    change = {s: round(after[s] - before[s], 3) for s in FIVE}
    assert change == {
        "russia": 0.167,
        "north_korea": -0.167,
        "china": 0.0,
        "united_states": 0.0,
        "south_korea": 0.0,
    }
    assert len(state_media_ids()) == 5


def series_alt_text():
    nb = load_notebook(CHAPTERS / "05-what-happened-next.ipynb")
    cell = next(
        c
        for c in nb.cells
        if c.metadata.get("mystnb", {}).get("figure", {}).get("name") == "fig-measures-over-time"
    )
    return cell.metadata["mystnb"]["image"]["alt"]


def test_chapter_5_the_chart_over_time_says_what_the_data_give():
    # Every step of the two series, recomputed day by day, is in the alt text, in order.
    alt = series_alt_text()
    ties = steps(ARTICLE_DAY, as_of(), lambda d: len(record_signs(d)))
    between = steps(ARTICLE_DAY, as_of(), lambda d: round(record_betweenness(d)["russia"], 3))
    top, bottom = alt.split("Bottom", 1)

    def said(d, value):
        return f"{value:g} from {d.day} {d:%B %Y}"

    positions = [top.index(said(d, n)) for d, n in ties]
    assert positions == sorted(positions), ties
    positions = [bottom.index(said(d, b)) for d, b in between]
    assert positions == sorted(positions), between


KEY_EVENTS = ("r04", "r14", "r16", "r22", "r15")


@pytest.mark.parametrize("event", KEY_EVENTS)
def test_deleting_a_key_event_makes_a_sentence_of_chapter_5_untrue(event):
    with pytest.raises(AssertionError):
        chapter_5_sentences(drop=(event,))


def test_chapter_5_the_snapshots_alt_text_names_every_tie_of_every_panel():
    nb = load_notebook(CHAPTERS / "05-what-happened-next.ipynb")
    cell = next(
        c
        for c in nb.cells
        if c.metadata.get("mystnb", {}).get("figure", {}).get("name") == "fig-snapshots"
    )
    alt = cell.metadata["mystnb"]["image"]["alt"]
    names = {r["name"]: r["id"] for r in read_rows("actors.csv") if r["id"] in FIVE}
    pair = re.compile("(" + "|".join(names) + ")–(" + "|".join(names) + r")(?: ([+−]))?")

    def said(text, signed=True):
        found = {}
        for a, b, sign in pair.findall(text):
            found[P((names[a], names[b]))] = {"+": "+", "−": "-"}.get(sign)
        return found if signed else set(found)

    first, rest = alt.split("End of 2024 shows", 1)
    end_2024, latest = rest.split("28 February 2026 shows", 1)
    latest = latest.split("South Korea has no tie", 1)[0]
    solid, dashed = first.split("show the same eight ties", 1)[1].split("dashed", 1)
    signs_2018 = record_signs(ARTICLE_DAY)
    assert signs_2018 == record_signs(date(2019, 12, 31))
    assert said(solid, False) == {p for p, s in signs_2018.items() if s == "+"}
    assert said(dashed, False) == {p for p, s in signs_2018.items() if s == "-"}
    assert said(end_2024) == record_signs(END_2024)
    assert said(latest) == record_signs(as_of())
    assert not any("south_korea" in p for d in (END_2024, as_of()) for p in record_signs(d))


# --- Chapter 6: the CRS text (its reference coding, coder A), coder B, and the CNBC article ----------------


CRS_VERSIONS = ("2024-09", "2024-10", "2025-06")


def crs_graphs(ties):
    m = nx.MultiGraph()
    m.add_edges_from(
        (t["source"], t["target"], {"relation": t["relation"], "sign": t["sign"]}) for t in ties
    )
    return m, nx.Graph(m)


def signed_triangles(ties, kinds):
    """{frozenset trio: number of − ties} for every triangle of the states' signed ties (chapter 4's rule)."""
    signs = {}
    for t in ties:
        if t["sign"] in "+-" and t["sign"] and kinds[t["source"]] == kinds[t["target"]] == "state":
            signs.setdefault(frozenset((t["source"], t["target"])), set()).add(t["sign"])
    agreed = {pair: s.pop() for pair, s in signs.items() if len(s) == 1}
    nodes = sorted({n for pair in agreed for n in pair})
    found = {}
    for trio in itertools.combinations(nodes, 3):
        pairs = [frozenset(p) for p in itertools.combinations(trio, 2)]
        if all(p in agreed for p in pairs):
            found[frozenset(trio)] = sum(agreed[p] == "-" for p in pairs)
    return found


def relations_by_pair(ties):
    found = {}
    for t in ties:
        found.setdefault(frozenset((t["source"], t["target"])), set()).add(t["relation"])
    return found


def test_chapter_6_the_texts_network_brokerage_and_triangles():
    kinds = {a["id"]: a["kind"] for a in crs_rows("actors.csv")}
    text = crs_version_ties("2025-06")
    m, a = crs_graphs(text)
    # "What the figure shows": seven actors; Russia and North Korea tied to five each, the others to two;
    # seven arcs between them (3 diplomacy, 3 military, 1 economic); military the commonest relation; every
    # tie with Ukraine, the United States and the UN Security Council opposed.
    assert a.number_of_nodes() == 7
    degree = dict(a.degree())
    assert degree["russia"] == degree["north_korea"] == 5 == max(degree.values())
    assert all(d == 2 for n, d in degree.items() if n not in ("russia", "north_korea"))
    between = [
        d["relation"] for u, v, d in m.edges(data=True) if {u, v} == {"russia", "north_korea"}
    ]
    assert len(between) == 7 and between.count("diplomacy") == between.count("military") == 3
    assert between.count("economic") == 1
    counts = {r: sum(t["relation"] == r for t in text) for r in {t["relation"] for t in text}}
    assert (
        max(counts, key=counts.get) == "military"
        and sorted(counts.values())[-1] > sorted(counts.values())[-2]
    )
    assert all(
        t["sign"] == "-"
        for t in text
        if {t["source"], t["target"]} & {"ukraine", "united_states", "un_security_council"}
    )
    # China is in no version of the Overview, in either coding.
    assert "china" not in {
        r["id"] for folder in (CRS, CRS_B) for r in crs_rows("actors.csv", folder)
    }
    # Brokerage: in A_between Russia and North Korea share the top, 0.333; S has four states, Russia and North
    # Korea 0.167 each; the CNBC article's S: Russia 0.5, top of six states.
    between_a = nx.betweenness_centrality(states_graph(text, kinds, people=False))
    assert round(between_a["russia"], 3) == round(between_a["north_korea"], 3) == 0.333
    assert all(v < 0.1 for n, v in between_a.items() if n not in ("russia", "north_korea"))
    s = states_graph(text, kinds)
    assert set(s) == {"russia", "north_korea", "ukraine", "united_states"}
    assert not s.has_edge("ukraine", "united_states")
    between_s = nx.betweenness_centrality(s)
    assert round(between_s["russia"], 3) == round(between_s["north_korea"], 3) == 0.167
    cnbc_kinds = {r["id"]: r["kind"] for r in read_rows("actors.csv")}
    cnbc_s = states_graph(read_rows("ties.csv"), cnbc_kinds)
    assert cnbc_s.number_of_nodes() == 6 and nx.betweenness_centrality(cnbc_s)["russia"] == 0.5
    assert rank(nx.betweenness_centrality(cnbc_s), "russia") == 1
    # The exercise's model: Australia tied to Russia alone; Russia one of two routes for South Korea–China and
    # South Korea–United States.
    assert list(cnbc_s["australia"]) == ["russia"]
    for other in ("china", "united_states"):
        paths = list(nx.all_shortest_paths(cnbc_s, "south_korea", other))
        assert len(paths) == 2 and sum("russia" in p for p in paths) == 1
    assert framing_betweenness("S", "2025-06") == (between_s["russia"], 0.5)
    # Triangles: two, both balanced, each Russia–North Korea + with a third state − to both; CNBC: five, two
    # unbalanced.
    triangles = signed_triangles(text, kinds)
    assert triangles == {
        frozenset(("russia", "north_korea", "ukraine")): 2,
        frozenset(("russia", "north_korea", "united_states")): 2,
    }
    cnbc = signed_triangles(read_rows("ties.csv"), cnbc_kinds)
    assert len(cnbc) == 5 and sum(minus % 2 == 1 for minus in cnbc.values()) == 2


def test_chapter_6_channels():
    channels = [c for c in crs_rows("channels.csv") if c["paragraph"].startswith("2025-06")]
    status = {}
    for c in channels:
        status.setdefault((c["source"], c["target"], c["channel"]), set()).add(c["status"])
    # Four channels, all between North Korea and Russia: munitions, troops and missiles from North Korea,
    # operating; technology from Russia, possible.
    assert status == {
        ("north_korea", "russia", "munitions"): {"operating"},
        ("north_korea", "russia", "troops"): {"operating"},
        ("north_korea", "russia", "missiles"): {"operating"},
        ("russia", "north_korea", "technology"): {"possible"},
    }
    # The CNBC folder's ten channels (pair and channel) join four states: eight from the article, two from
    # the background sources alone (rows with no paragraph).
    cnbc = {
        (frozenset((c["source"], c["target"])), c["channel"]) for c in read_rows("channels.csv")
    }
    assert len(cnbc) == 10 and len({n for pair, _ in cnbc for n in pair}) == 4
    from_article = {
        (frozenset((c["source"], c["target"])), c["channel"])
        for c in read_rows("channels.csv")
        if c["paragraph"]
    }
    assert (len(from_article), len(cnbc - from_article)) == (8, 2)
    # The versions: munitions reported, then operating; troops from October 2024; missiles in June 2025;
    # technology possible throughout.
    by_version = {v: {} for v in CRS_VERSIONS}
    for c in crs_rows("channels.csv"):
        by_version[c["paragraph"][:7]].setdefault(c["channel"], set()).add(c["status"])
    assert [by_version[v].get("munitions") for v in CRS_VERSIONS] == [
        {"reported"},
        {"operating"},
        {"operating"},
    ]
    assert [v for v in CRS_VERSIONS if "troops" in by_version[v]] == ["2024-10", "2025-06"]
    assert [v for v in CRS_VERSIONS if "missiles" in by_version[v]] == ["2025-06"]
    assert all(by_version[v]["technology"] == {"possible"} for v in CRS_VERSIONS)


def test_chapter_6_a_framing_that_moves():
    def statuses(version, pair, relation):
        return {
            t["status"]
            for t in crs_version_ties(version)
            if frozenset((t["source"], t["target"])) == frozenset(pair)
            and t["relation"] == relation
        }

    # The table: North Korea–Russia military reported only in September 2024, stated in every version;
    # Russia–Ukraine reported, then stated; North Korea–Ukraine absent, possible, stated; South Korea–Ukraine
    # in October 2024 only.
    nk_russia = [statuses(v, ("north_korea", "russia"), "military") for v in CRS_VERSIONS]
    assert ["reported" in s for s in nk_russia] == [True, False, False] and all(
        "stated" in s for s in nk_russia
    )
    assert [statuses(v, ("russia", "ukraine"), "military") for v in CRS_VERSIONS] == [
        {"reported"},
        {"stated"},
        {"stated"},
    ]
    assert [statuses(v, ("north_korea", "ukraine"), "military") for v in CRS_VERSIONS] == [
        set(),
        {"possible"},
        {"stated"},
    ]
    assert [
        bool(relations_by_pair(crs_version_ties(v)).get(frozenset(("south_korea", "ukraine"))))
        for v in CRS_VERSIONS
    ] == [False, True, False]
    # "13 ties in September 2024, 19 in each later version"; which hedged ties fall away and which enter:
    # two reported (munitions, their use in Ukraine), then three possible (troops against Ukraine, missile
    # technology, South Korean support), then only the missile technology.
    ties = {v: crs_version_ties(v) for v in CRS_VERSIONS}
    assert [len(ties[v]) for v in CRS_VERSIONS] == [13, 19, 19]

    def hedged(version, status):
        return {
            (frozenset((t["source"], t["target"])), t["relation"])
            for t in ties[version]
            if t["status"] == status
        }

    assert hedged("2024-09", "reported") == {
        (P(("north_korea", "russia")), "military"),
        (P(("russia", "ukraine")), "military"),
    }
    assert (
        not hedged("2024-09", "possible")
        and not hedged("2024-10", "reported")
        and not hedged("2025-06", "reported")
    )
    assert hedged("2024-10", "possible") == {
        (P(("north_korea", "ukraine")), "military"),
        (P(("russia", "north_korea")), "military"),
        (P(("south_korea", "ukraine")), "alignment"),
    }
    assert hedged("2025-06", "possible") == {(P(("russia", "north_korea")), "military")}
    # What changed between versions, model answer: one tie gained, two lost.
    gained, lost = crs_change()
    assert gained == {("north_korea", "ukraine", "military", "stated")}
    assert lost == {
        ("north_korea", "ukraine", "military", "possible"),
        ("south_korea", "ukraine", "alignment", "possible"),
    }


def test_chapter_6_two_framings():
    text, cnbc = crs_version_ties("2025-06"), read_rows("ties.csv")
    _, a = crs_graphs(text)
    _, b = crs_graphs(cnbc)
    assert set(a) & set(b) == {"russia", "north_korea", "united_states", "putin", "kim"}
    assert set(a) - set(b) == {"ukraine", "un_security_council"}
    only_cnbc = set(b) - set(a)
    assert len(only_cnbc) == 11
    assert {
        "china",
        "south_korea",
        "trump",
        "lavrov",
        "economy",
        "lukin",
        "advisor_perspectives",
    } <= only_cnbc
    ours, theirs = relations_by_pair(text), relations_by_pair(cnbc)
    shared = set(ours) & set(theirs)
    assert len(shared) == 5 and sum(ours[p] != theirs[p] for p in shared) == 3
    pair = frozenset(("russia", "north_korea"))
    assert theirs[pair] == {"diplomacy", "economic", "history"} and ours[pair] == {
        "diplomacy",
        "economic",
        "military",
    }
    us = frozenset(("russia", "united_states"))
    assert theirs[us] == {"alignment", "economic"} and ours[us] == {"diplomacy"}
    assert all(t["sign"] == "-" for t in text + cnbc if frozenset((t["source"], t["target"])) == us)
    assert a.degree("russia") == 5 and b.degree("russia") == 12


def test_chapter_6_one_measure_two_framings_model_answer():
    # The exercise's model discussion: Russia's betweenness in A, every tie, in the report's first
    # version and in the article.
    crs, cnbc = framing_betweenness()
    assert (f"{crs:.3f}", f"{cnbc:.3f}") == ("0.533", "0.776")
    assert f"{framing_betweenness('A_between')[1]:.3f}" == "0.522"
    first = crs_version_ties("2024-09")
    _, a = crs_graphs(first)
    assert len(a) == 7 and not {t["relation"] for t in first} & {"assessment", "affiliation"}
    assert list(a["ukraine"]) == ["russia"]
    for other in ("united_states", "un_security_council"):
        assert all("russia" in p for p in nx.all_shortest_paths(a, "putin", other))
    _, b = crs_graphs(read_rows("ties.csv"))
    assert len(b) == 16
    assert {n for n in b if set(b[n]) == {"russia"}} == {
        "australia",
        "rajin",
        "advisor_perspectives",
    }
    # The analysts and their institutions: all five enter A by commentary ties only.
    commentary = [
        t for t in read_rows("ties.csv") if t["relation"] in ("assessment", "affiliation")
    ]
    only_commentary = {n for t in commentary for n in (t["source"], t["target"])} - {"russia"}
    assert only_commentary == {"economy", "cfr", "lukin", "fefu", "advisor_perspectives"}
    behind = b.copy()
    behind.remove_node("russia")
    reach_only_through_russia = {
        n for c in nx.connected_components(behind) if len(c) <= 2 for n in c
    }
    assert reach_only_through_russia == only_commentary | {"australia", "rajin"}


def test_chapter_6_agreement_between_coders():
    a, b = crs_rows("ties.csv", CRS), crs_rows("ties.csv", CRS_B)
    actors = {r["id"] for r in crs_rows("actors.csv", CRS) + crs_rows("actors.csv", CRS_B)}
    assert len(actors) * (len(actors) - 1) // 2 * 8 == 224
    decided_a = {(frozenset((t["source"], t["target"])), t["relation"]) for t in a}
    decided_b = {(frozenset((t["source"], t["target"])), t["relation"]) for t in b}
    assert (len(decided_a), len(decided_b), len(decided_a & decided_b)) == (14, 13, 12)
    p_o, p_e, kappa = crs_agreement(None)
    assert (f"{p_o:.1%}", f"{p_e:.1%}", f"{kappa:.2f}") == ("98.7%", "88.7%", "0.88")
    # The three cells that disagree.
    assert decided_a - decided_b == {
        (frozenset(("russia", "north_korea")), "economic"),
        (frozenset(("south_korea", "ukraine")), "alignment"),
    }
    assert decided_b - decided_a == {(frozenset(("south_korea", "ukraine")), "military")}

    # B codes the weapons transfers as a Russia–North Korea military tie in three paragraphs; A does not.
    def military_paragraphs(ties):
        return {
            t["paragraph"]
            for t in ties
            if {t["source"], t["target"]} == {"russia", "north_korea"}
            and t["relation"] == "military"
        }

    assert military_paragraphs(b) - military_paragraphs(a) == {
        "2024-09-2",
        "2024-10-3",
        "2025-06-3",
    }

    # Three rows differ in status only: North Korea–United States (A stated, B possible) twice, and
    # Russia–Ukraine in 2024-09-1 (A reported, B stated).
    def coded(ties):
        return {
            (t["paragraph"], frozenset((t["source"], t["target"])), t["relation"]): (
                t["sign"],
                t["status"],
            )
            for t in ties
        }

    rows_a, rows_b = coded(a), coded(b)
    differ = {
        k: (rows_a[k], rows_b[k]) for k in set(rows_a) & set(rows_b) if rows_a[k] != rows_b[k]
    }
    nk_us = frozenset(("north_korea", "united_states"))
    assert differ == {
        ("2024-10-2", nk_us, "military"): (("-", "stated"), ("-", "possible")),
        ("2025-06-2", nk_us, "military"): (("-", "stated"), ("-", "possible")),
        ("2024-09-1", frozenset(("russia", "ukraine")), "military"): (
            ("-", "reported"),
            ("-", "stated"),
        ),
    }
    # "One row in the same paragraph is B's alone": the listed topic of 2024-09-1, which the reference codes as no tie.
    assert set(rows_b) - set(rows_a) >= {("2024-09-1", nk_us, "military")}
    assert not [k for k in rows_a if k[0] == "2024-09-1" and k[1] == nk_us]
    # Agreement on one version, model answer: 99.1% and 0.90, higher than the whole text's 0.88; two
    # disagreements in September 2024, both in 2024-09-1: Russia-North Korea economic (A's alone)
    # and North Korea-United States military (B's alone, the listed topic).
    p_o, _, kappa = crs_agreement("2024-09")
    assert (f"{p_o:.1%}", f"{kappa:.2f}") == ("99.1%", "0.90") and round(p_o * 224) == 222
    assert f"{crs_agreement(None)[2]:.2f}" == "0.88"
    # The first version is the paragraphs 2024-09-*.
    first = {
        coder: {
            (pair, relation)
            for paragraph, pair, relation in rows
            if paragraph.startswith("2024-09-")
        }
        for coder, rows in (("a", rows_a), ("b", rows_b))
    }
    russia_nk = frozenset(("russia", "north_korea"))
    assert first["a"] - first["b"] == {(russia_nk, "economic")}
    assert first["b"] - first["a"] == {(nk_us, "military")}
