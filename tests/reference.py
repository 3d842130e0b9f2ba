"""Expected values computed from the CSV files in data/ independently of the package: read with csv,
dated with datetime and measured with networkx, never with summitkit's own code. The tests compare the
checks, the chapters' sentences and chapter 6's workbench with these rebuilds.
"""

import itertools
from datetime import date

import networkx as nx

import summitkit  # only for the record's date, RECORD_AS_OF
from conftest import DATA
from tools import read_rows

# --- Chapter 1: the whole article -------------------------------------------------------------


def simple_graph():
    g = nx.Graph()
    g.add_nodes_from(a["id"] for a in read_rows("actors.csv"))
    g.add_edges_from((t["source"], t["target"]) for t in read_rows("ties.csv"))
    return g


def multigraph():
    m = nx.MultiGraph()
    m.add_nodes_from(a["id"] for a in read_rows("actors.csv"))
    m.add_edges_from((t["source"], t["target"]) for t in read_rows("ties.csv"))
    return m


def states():
    return [a["id"] for a in read_rows("actors.csv") if a["kind"] == "state"]


def reference_repeated_ties():
    m, g = multigraph(), simple_graph()
    return {s: m.degree(s) - g.degree(s) for s in states()}


def reference_economic_graph():
    g = nx.Graph()
    g.add_edges_from(
        (t["source"], t["target"]) for t in read_rows("ties.csv") if t["relation"] == "economic"
    )
    return g


# --- Chapter 2: brokerage in K1 and §1–§7 -------------------------------------------------------


def states_graph(ties, kinds, people=True):
    """Chapter 2's S (people projected onto their states, states only), or with people=False the graph
    of people and states without commentary ties."""
    kept = [t for t in ties if t["relation"] not in ("assessment", "affiliation")]
    graph = nx.Graph()
    graph.add_edges_from((t["source"], t["target"]) for t in kept)
    if not people:
        return graph
    state_of = {}
    for t in kept:
        if t["relation"] == "office":
            person, state = (
                (t["source"], t["target"])
                if kinds[t["source"]] == "person"
                else (t["target"], t["source"])
            )
            state_of[person] = state
    s = nx.Graph()
    for u, v in graph.edges():
        x, y = state_of.get(u, u), state_of.get(v, v)
        if x != y and kinds[x] == kinds[y] == "state":
            s.add_edge(x, y)
    return s


def graphs_a_and_s(ties, kinds):
    """Chapter 2's two graphs from the ties given: A without commentary ties, and S, office holders
    projected onto their states, states only."""
    return states_graph(ties, kinds, people=False), states_graph(ties, kinds)


def role_ties():
    """The rows of ties.csv that chapter 2 reads: K1 and §1–§7, ties between actors."""
    paragraphs = {"K1", "1", "2", "3", "4", "5", "6", "7"}
    return [
        t
        for t in read_rows("ties.csv")
        if t["paragraph"] in paragraphs and t["relation"] not in ("assessment", "affiliation")
    ]


def role_graphs():
    """Chapter 2's A and S, from its paragraphs."""
    kinds = {r["id"]: r["kind"] for r in read_rows("actors.csv")}
    return graphs_a_and_s(role_ties(), kinds)


def pairs_needing(s, hub, every=True):
    found = set()
    for a, b in itertools.combinations(sorted(set(s) - {hub}), 2):
        through = [hub in path for path in nx.all_shortest_paths(s, a, b)]
        if (all if every else any)(through):
            found.add((a, b))
    return found


# --- Chapter 3: channels of §8–§11 ------------------------------------------------------------


CHANNEL_NAMES = ("energy", "labour", "port", "transport", "telecom", "pipeline")


def channel_sets():
    """{frozenset pair: set of channels}, straight from channels.csv."""
    found = {}
    for r in read_rows("channels.csv"):
        found.setdefault(frozenset((r["source"], r["target"])), set()).add(r["channel"])
    return found


def layer_cuts(remove=()):
    """For each channel: North Korea's partners on it, which is the smallest cut once every partner
    reaches the outside directly (an independent route to the answer, without minimum_node_cut)."""
    cuts = {c: set() for c in CHANNEL_NAMES}
    for pair, chans in channel_sets().items():
        if "north_korea" in pair:
            for c in chans:
                if (pair, c) not in remove:
                    cuts[c] |= pair - {"north_korea"}
    return cuts


# --- Chapter 4: signed ties and structural balance ----------------------------------------------


FIVE = ("russia", "china", "united_states", "north_korea", "south_korea")


def signed_pairs():
    """{frozenset pair: set of signs} for the signed ties among the five states."""
    found = {}
    for t in read_rows("ties.csv"):
        if t["source"] in FIVE and t["target"] in FIVE and t["sign"] in ("+", "-"):
            found.setdefault(frozenset((t["source"], t["target"])), set()).add(t["sign"])
    return found


def signs_of(flip=None):
    """{pair: sign} for pairs with one sign; flip turns one pair's sign round."""
    signs = {p: next(iter(s)) for p, s in signed_pairs().items() if len(s) == 1}
    if flip is not None:
        signs[flip] = "+" if signs[flip] == "-" else "-"
    return signs


def triads(signs):
    """{frozenset trio: 'balanced' or 'unbalanced'}, counting minuses (an independent route)."""
    found = {}
    for trio in itertools.combinations(FIVE, 3):
        pairs = [frozenset(p) for p in itertools.combinations(trio, 2)]
        if all(p in signs for p in pairs):
            minuses = [signs[p] for p in pairs].count("-")
            found[frozenset(trio)] = "balanced" if minuses in (0, 2) else "unbalanced"
    return found


def flip_scores():
    """{tie as a sorted tuple: balanced triangles once its sign alone is flipped}, from the CSV rows."""
    return {
        tuple(sorted(p)): list(triads(signs_of(flip=p)).values()).count("balanced")
        for p in signs_of()
    }


# --- Chapter 5: the record over time ------------------------------------------------------------
# The snapshots, rebuilt here from the CSV rows with datetime (not pandas, not summitkit.ch05): a
# relation is on from the day it is reported until three years later; the article's ties are
# reported on 8 June 2018.

ARTICLE_DAY = date(2018, 6, 8)
END_2024 = date(2024, 12, 31)
# The exercise's new row: China–North Korea trade in 2024 (TimesLIVE, 20 January 2026).
TRADE_2024 = {
    "id": "r99",
    "date": "2024-12-31",
    "source": "china",
    "target": "north_korea",
    "kind": "economic",
    "sign": "+",
    "status": "",
    "tie": "yes",
}


def as_of():
    return date.fromisoformat(summitkit.RECORD_AS_OF)


def record_signs(day, extra=(), drop=(), years=3):
    """{frozenset pair: sign} of the relations among the five states that are on on day."""
    reports = [
        (ARTICLE_DAY, t["source"], t["target"], t["sign"])
        for t in read_rows("ties.csv")
        if t["source"] in FIVE and t["target"] in FIVE and t["sign"] in ("+", "-")
    ]
    reports += [
        (date.fromisoformat(r["date"]), r["source"], r["target"], r["sign"])
        for r in read_rows("record.csv") + list(extra)
        if r["tie"] == "yes" and r["kind"] not in CHANNEL_NAMES and r["id"] not in drop
    ]
    on = {}
    for when, a, b, sign in reports:
        if when <= day < when.replace(year=when.year + years):
            on.setdefault(frozenset((a, b)), set()).add(sign)
    return {pair: next(iter(s)) for pair, s in on.items() if len(s) == 1}


def record_graph(day, extra=(), drop=()):
    g = nx.Graph()
    g.add_nodes_from(FIVE)
    g.add_edges_from(tuple(p) for p in record_signs(day, extra, drop))
    return g


def record_betweenness(day, extra=(), drop=()):
    return nx.betweenness_centrality(record_graph(day, extra, drop))


def state_media_ids():
    return {r["id"] for r in read_rows("record.csv") if r["state_media"] == "yes"}


def lost_without_state_media():
    """{year: set of sorted tuples}: ties on at the year's end that are gone without state media."""
    found = {}
    for year in range(2018, 2026):
        day = date(year, 12, 31)
        every, kept = record_signs(day), record_signs(day, drop=state_media_ids())
        found[year] = {tuple(sorted(p)) for p in set(every) - set(kept)}
    return found


# --- Chapter 6: the CRS text, its two codings, and the CNBC article ------------------------------------


CRS, CRS_B = DATA / "crs-if12760", DATA / "crs-if12760-coder-b"
RELATION_KINDS = (
    "diplomacy",
    "economic",
    "alignment",
    "history",
    "military",
    "office",
    "affiliation",
    "assessment",
)
CRS_PARAGRAPH = "2024-10-2"


def crs_rows(name, folder=CRS):
    return read_rows(name, folder)


def crs_version_ties(version, folder=CRS):
    paragraphs = {p["id"] for p in crs_rows("paragraphs.csv", folder) if p["section"] == version}
    return [t for t in crs_rows("ties.csv", folder) if t["paragraph"] in paragraphs]


def crs_tie_set(ties):
    return {(frozenset((t["source"], t["target"])), t["relation"], t["status"]) for t in ties}


def crs_change(before="2024-10", after="2025-06"):
    old, new = crs_tie_set(crs_version_ties(before)), crs_tie_set(crs_version_ties(after))
    return {(*sorted(p), r, s) for p, r, s in new - old}, {
        (*sorted(p), r, s) for p, r, s in old - new
    }


def crs_paragraph_rows(folder=CRS):
    """A coding's rows of the exercise's paragraph, as the scaffold asks for them."""
    return [
        (
            t["source"],
            t["target"],
            t["relation"],
            t["sign"],
            t["status"],
            t["paragraph"],
            t["evidence"],
        )
        for t in crs_rows("ties.csv", folder)
        if t["paragraph"] == CRS_PARAGRAPH
    ]


def crs_agreement(version="2024-09", ordered=False, tied_only=False):
    """(percent agreement, chance, kappa) of the two codings' tie decisions; with tied_only, over the
    pairs of the actors that the version's ties name (a slip: the exercise takes every actor)."""
    actors = sorted({a["id"] for a in crs_rows("actors.csv", CRS) + crs_rows("actors.csv", CRS_B)})
    if tied_only:
        actors = sorted(
            {
                t[end]
                for f in (CRS, CRS_B)
                for t in crs_version_ties(version, f)
                for end in ("source", "target")
            }
        )
    pairs = list(
        itertools.permutations(actors, 2) if ordered else itertools.combinations(actors, 2)
    )
    decided = []
    for folder in (CRS, CRS_B):
        ties = (
            crs_rows("ties.csv", folder) if version is None else crs_version_ties(version, folder)
        )
        key = (lambda a, b: (a, b)) if ordered else (lambda a, b: frozenset((a, b)))
        coded = {(key(t["source"], t["target"]), t["relation"]) for t in ties}
        decided.append([(key(*p), k) in coded for p in pairs for k in RELATION_KINDS])
    a, b = decided
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    p_e = (sum(a) / n) * (sum(b) / n) + (1 - sum(a) / n) * (1 - sum(b) / n)
    return p_o, p_e, (p_o - p_e) / (1 - p_e)


def framing_betweenness(graph="A", version="2024-09", normalized=True):
    """Russia's betweenness in each text's graph: (the CRS text's version, the CNBC article). graph
    is "A" (every tie, commentary included), "A_between" (no commentary) or "S" (chapter 2's)."""
    texts = (
        (crs_version_ties(version), {a["id"]: a["kind"] for a in crs_rows("actors.csv")}),
        (read_rows("ties.csv"), {a["id"]: a["kind"] for a in read_rows("actors.csv")}),
    )
    found = []
    for ties, kinds in texts:
        if graph == "A":
            built = nx.Graph((t["source"], t["target"]) for t in ties)
        else:
            built = states_graph(ties, kinds, people=graph == "S")
        found.append(nx.betweenness_centrality(built, normalized=normalized).get("russia", 0.0))
    return tuple(found)
