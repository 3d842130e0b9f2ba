"""The network builders that chapters 2 and 4 teach, copied from their Setup 2 cells.

Written by ``python -m course.carry_forward``; a test fails while it is out of date. Change a
function in the chapter that teaches it, then run the command, which rewrites this file and the
*Functions from earlier chapters* cells of chapters 5 and 6. The checks build the chapters' graphs
with these functions, so a chapter and its checks share one definition of each graph.
"""

import itertools

import networkx as nx

# From chapter 2 (Russia's role).
COMMENTARY = ["assessment", "affiliation"]  # ties about an actor, not between


def actor_graphs(ties, actors):
    # M keeps every tie, one edge per row (for the figures); A has one edge
    # per tied pair (chapter 1).
    M = nx.MultiGraph()
    for tie in ties.itertuples():
        M.add_edge(
            tie.source,
            tie.target,
            relation=tie.relation,
            sign=tie.sign,
            status=tie.status,
        )
    for actor in actors.itertuples():
        if actor.id in M:
            M.nodes[actor.id].update(name=actor.name, kind=actor.kind)
    A = nx.Graph()
    A.add_nodes_from(M.nodes(data=True))
    A.add_edges_from(M.edges())
    return M, A


def state_graph(ties, actors):
    # S: no commentary ties; each office holder stands in for the state
    # they serve, and only states remain.
    _, A = actor_graphs(ties[~ties["relation"].isin(COMMENTARY)], actors)
    kind = dict(A.nodes(data="kind"))
    state_of = {}
    for tie in ties[ties["relation"] == "office"].itertuples():
        person, state = tie.source, tie.target
        if kind[person] == "state":  # written state -> person
            person, state = state, person
        state_of[person] = state
    S = nx.Graph()
    for u, v in A.edges():
        a, b = state_of.get(u, u), state_of.get(v, v)
        # Putin–Russia would become Russia–Russia: a != b leaves it out.
        if a != b and kind[a] == kind[b] == "state":
            S.add_edge(a, b)
    for node in S:
        S.nodes[node].update(A.nodes[node])
    return S


# From chapter 4 (Alignment with China).
def signed_graph(ties, actors, states=None):
    # S: the signed ties among the states (every state of actors, unless
    # given). A pair whose ties carry both signs stays untied.
    if states is None:
        states = list(actors.loc[actors["kind"] == "state", "id"])
    signs = {}  # pair -> every sign its ties carry
    for tie in ties.itertuples():
        if {tie.source, tie.target} <= set(states) and tie.sign in ("+", "-"):
            pair = tuple(sorted((tie.source, tie.target)))
            signs.setdefault(pair, set()).add(tie.sign)
    S = nx.Graph()
    S.add_nodes_from(states)
    for pair, found in signs.items():
        if len(found) == 1:  # the pair's signed ties agree
            S.add_edge(*pair, sign=found.pop())
    for actor in actors.itertuples():
        if actor.id in S:
            S.nodes[actor.id].update(name=actor.name, kind=actor.kind)
    return S


def sign_product(graph, trio):
    # +1 for a balanced triangle, -1 for an unbalanced one.
    product = 1
    for a, b in itertools.combinations(trio, 2):
        sign = graph.edges[a, b]["sign"]
        if sign not in ("+", "-"):
            raise ValueError(f"{a}–{b}: sign {sign!r}; expected '+' or '-'")
        product *= 1 if sign == "+" else -1
    return product
