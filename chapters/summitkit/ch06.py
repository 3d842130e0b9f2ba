"""Checks for chapter 6, "Your own article": the workbench, run on the CRS text.

The exercises are about the CRS In Focus IF12760 (data/crs-if12760/, the reference coding, coder A;
data/crs-if12760-coder-b/, a second coder's) and the CNBC article (data/). Each check rebuilds its
expected answer from those folders, never from typed-in values or the student's variables. The
chapter's graphs depend on the folder a student chooses, so the checks compare none of them with
the notebook's.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Set
from numbers import Real

import networkx as nx

from .evidence import normalise
from .feedback import (
    Feedback,
    a_type,
    close,
    display_names_instead_of_ids,
    other_names,
    reference,
    rounded,
    safe,
)
from .loading import (
    DATA_DIR,
    MAX_EVIDENCE_WORDS,
    RELATIONS,
    SIGNED_RELATIONS,
    TIE_STATUSES,
    load_data,
)
from .networks import COMMENTARY, actor_graphs, state_graph
from .workbench import versions

CRS = DATA_DIR / "crs-if12760"
CRS_B = DATA_DIR / "crs-if12760-coder-b"
# The paragraph the coding exercise codes, and the two versions the change exercise compares.
CODED_PARAGRAPH = "2024-10-2"
BEFORE, AFTER = "2024-10", "2025-06"
# The version whose agreement the agreement exercise measures.
AGREEMENT_VERSION = "2024-09"
# The paragraph that Code a CRS paragraph codes, as the exercise quotes it (CRS, 30 October 2024,
# public domain; a test keeps the two the same), and the list of topics its first sentence names:
# words of the paragraph that the codebook's section 10 reads as no tie.
CODED_TEXT = (
    "The upgraded Russia-DPRK relationship has implications for issues of concern to Congress, "
    "including battlefield conditions in the war in Ukraine, the maintenance of sanctions against "
    "Russia and North Korea, and North Korea’s military capabilities. It may also have broader "
    "implications, such as Russian missile technology transfers improving North Korea’s missile "
    "capacity to strike the U.S. homeland as well as U.S. allies in East Asia. Reports of North "
    "Korean troop deployments may also prompt South Korea’s government to offer more support to "
    "Ukraine."
)
TOPIC_LIST = (
    "has implications for issues of concern to Congress, including battlefield conditions in the "
    "war in Ukraine, the maintenance of sanctions against Russia and North Korea, and North "
    "Korea’s military capabilities"
)
# What a student may type for the minus sign of a tie: the book prints U+2212 (−); a dash looks
# the same. The data write the plain hyphen-minus, '-'.
LOOKALIKE_MINUS = ("\u2212", "\u2013", "\u2014")


def _crs(which=CRS):
    return load_data(which)


def _words(text):
    """The words of an excerpt, compared as the evidence check compares them, in lower case."""
    return re.findall(r"[a-z0-9]+", normalise(text).lower())


def _version_ties(data, version):
    """The ties of one version (a dated section), as the workbench splits a text."""
    return next(v.ties for v in versions(data) if v.id == version)


# --- Code a CRS paragraph -----------------------------------------------------------------------

ROW = (
    "a list of rows, each a tuple (source, target, relation, sign, status, paragraph, evidence), "
    "such as [('russia', 'north_korea', 'military', '+', 'stated', '2024-10-2', '...'), ...]"
)
FIELDS = ("source", "target", "relation", "sign", "status", "paragraph", "evidence")


def _rows(answer):
    """(rows, None) or (None, (hint, message)) for a student's list of seven-part rows."""
    if hasattr(answer, "columns") and hasattr(answer, "itertuples"):
        return None, (
            "dataframe",
            "This is a table (a pandas DataFrame): give a list of tuples, such as "
            "list(table[['source', 'target', 'relation', 'sign', 'status', 'paragraph', "
            "'evidence']].itertuples(index=False)).",
        )
    if isinstance(answer, (str, Mapping)) or not isinstance(answer, (list, tuple, Set)):
        return None, ("not-rows", f"Expected {ROW}; this is {a_type(answer)}.")
    rows = list(answer)
    if rows and all(isinstance(v, str) for v in rows):
        return None, ("not-rows", "This is one row, not a list of rows: put it in a list, [(...)].")
    for n, row in enumerate(rows, start=1):
        if isinstance(row, (str, Mapping)) or not isinstance(row, (list, tuple)) or len(row) != 7:
            return None, (
                "row-shape",
                f"Row {n} is not a tuple of seven parts ({', '.join(FIELDS)}); write the "
                "sign as '' where the relation has none.",
            )
        if not all(isinstance(v, str) for v in row):
            return None, (
                "row-shape",
                f"Row {n}: every part is a string; write the sign as '' where the relation "
                "has none.",
            )
    if not rows:
        return None, ("empty", "The list is empty: code at least one tie of the paragraph.")
    return [tuple(v.strip() for v in row) for row in rows], None


def _alias_ids(data):
    """{an alias written as an id ('dprk'): the actor's id}: every other name of an actor, in id
    form."""
    found = {
        re.sub(r"[^a-z0-9]+", "_", name).strip("_"): i for name, i in other_names(data).items()
    }
    return {key: value for key, value in found.items() if key != value}


def reference_rows(paragraph=CODED_PARAGRAPH, data=None):
    """The reference coding's ties of a paragraph: {(pair, relation): (signs, statuses)}."""
    data = data if data is not None else _crs()
    found = {}
    for tie in data.ties[data.ties["paragraph"] == paragraph].itertuples():
        signs, statuses = found.setdefault(
            (frozenset((tie.source, tie.target)), tie.relation), (set(), set())
        )
        signs.add(tie.sign)
        statuses.add(tie.status)
    return found


def _known_words(paragraph):
    """Every word of the excerpts that either coding quotes from the paragraph, and its opening."""
    words = set()
    for folder in (CRS, CRS_B):
        if not folder.exists():
            continue
        data = load_data(folder)
        for frame in (data.ties, data.channels):
            for text in frame.loc[frame["paragraph"] == paragraph, "evidence"]:
                words |= set(_words(text))
        words |= {
            w
            for text in data.paragraphs.loc[data.paragraphs["id"] == paragraph, "opening"]
            for w in _words(text)
        }
    return words


def _known_phrases(a_data, b_data, paragraph):
    """The excerpts that either coding quotes from the paragraph, each as its words in order."""
    return [
        tuple(_words(text))
        for data in (a_data, b_data)
        for text in data.ties.loc[data.ties["paragraph"] == paragraph, "evidence"]
    ]


def _holds(words, phrase):
    """True if the words hold the phrase's words, in order, side by side."""
    return _where(words, phrase) is not None


def _where(words, phrase):
    """Where the words hold the phrase's words, in order, side by side: the index of its first
    word, or None."""
    words, phrase, n = list(words), tuple(phrase), len(phrase)
    return next((i for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == phrase), None)


def _in_topic_list(evidence):
    """True if an excerpt is the paragraph's own words (CODED_TEXT) and takes words from the list
    of topics its first sentence names (TOPIC_LIST)."""
    text, words = _words(CODED_TEXT), _words(evidence)
    at, topics = _where(text, words), _where(text, _words(TOPIC_LIST))
    return (
        bool(words)
        and at is not None
        and at < topics + len(_words(TOPIC_LIST))
        and at + len(words) > topics
    )


def _codings(a_data, b_data):
    """What Code a CRS paragraph compares a coding with: the reference coding's ties of the
    paragraph, the second coder's (reference_rows), every word that either coding quotes from it,
    and the excerpts they quote."""
    return (
        reference_rows(data=a_data),
        reference_rows(data=b_data),
        _known_words(CODED_PARAGRAPH),
        _known_phrases(a_data, b_data, CODED_PARAGRAPH),
    )


def _show(pair, relation):
    return f"{' – '.join(sorted(pair))} ({relation})"


@safe(
    "Code a CRS paragraph",
    ROW,
    "list",
    hints=(
        "dataframe",
        "not-rows",
        "row-shape",
        "empty",
        "paragraph-id",
        "alias-actor",
        "unknown-actor",
        "self-tie",
        "unknown-relation",
        "sign-on-unsigned",
        "missing-sign",
        "typographic-minus",
        "unknown-status",
        "long-evidence",
        "paraphrase",
        "longer-excerpt",
        "topic-in-list",
        "verbatim-not-coded",
        "hedged-as-stated",
        "settled-rule",
        "ties-missing",
        "ties-extra",
        "wrong-sign",
        "wrong-status",
    ),
)
def check_crs_paragraph(my_rows):
    """Feedback for my_rows, a coding of CRS paragraph 2024-10-2, against the reference coding:
    the loader's rules first, then the ties, their signs and their statuses. Where coder B's coding
    differs from the reference (coder A's), the codebook's section 10 settles the case as coder A
    decided: coder B's choice gets a hint that points there."""
    ex = "Code a CRS paragraph"
    rows, problem = _rows(my_rows)
    if problem:
        hint, message = problem
        return Feedback(ex, "wrong type", message, hint)
    data = _crs()
    ids = set(data.actors["id"])
    aliases = _alias_ids(data)
    a, b, known, phrases = reference(_codings, CRS, CRS_B)
    for n, (source, target, relation, sign, status, paragraph, evidence) in enumerate(
        rows, start=1
    ):
        if paragraph != CODED_PARAGRAPH:
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: the paragraph is {paragraph!r}; the exercise codes "
                f"{CODED_PARAGRAPH!r}, written as the folder writes its ids "
                "(version, then the paragraph's number).",
                "paragraph-id",
            )
        for end in (source, target):
            if end in ids:
                continue
            if end.lower() in aliases:
                real = aliases[end.lower()]
                return Feedback(
                    ex,
                    "incorrect",
                    f"Row {n}: {end!r} is another name for {real!r}. One actor, "
                    "one node: use its id, and list the other name in actors.csv's "
                    "aliases.",
                    "alias-actor",
                )
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: {end!r} is not an actor id of the reference coding "
                f"({', '.join(sorted(ids))}). A new actor's id is its common English "
                "name in lower case with underscores.",
                "unknown-actor",
            )
        if source == target:
            return Feedback(
                ex,
                "incorrect",
                f"Row {n} ties {source!r} to itself: a tie joins two different actors.",
                "self-tie",
            )
        if relation not in RELATIONS:
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: {relation!r} is not a relation of the codebook; use one "
                f"of {', '.join(RELATIONS)}.",
                "unknown-relation",
            )
        if relation not in SIGNED_RELATIONS and sign:
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: a {relation} tie has no sign (an empty string, ''). "
                "Only diplomacy, economic, alignment, history and military ties "
                "are signed.",
                "sign-on-unsigned",
            )
        if relation in SIGNED_RELATIONS and sign in LOOKALIKE_MINUS:
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: the sign {sign!r} is a typographic minus or dash, as the book prints "
                "it; type the plain '-' (the hyphen-minus key), as ties.csv writes it.",
                "typographic-minus",
            )
        if relation in SIGNED_RELATIONS and sign not in ("+", "-"):
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: a {relation} tie needs a sign, '+' or '-'.",
                "missing-sign",
            )
        if status not in TIE_STATUSES:
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: the status is one of {', '.join(TIE_STATUSES)}; got {status!r}.",
                "unknown-status",
            )
        if len(evidence.split()) > MAX_EVIDENCE_WORDS:
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: the excerpt has {len(evidence.split())} words. Quote the "
                f"shortest phrase that shows the tie (at most {MAX_EVIDENCE_WORDS}).",
                "long-evidence",
            )
        strange = [w for w in _words(evidence) if w not in known]
        if not evidence:
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: the excerpt is empty. Quote the shortest phrase of the "
                "paragraph that shows the tie.",
                "paraphrase",
            )
        if strange and any(_holds(_words(evidence), phrase) for phrase in phrases):
            # A coding's excerpt, word for word, with more of the paragraph around it.
            words = ", ".join(repr(w) for w in strange[:3])
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: the excerpt looks word for word, but longer than it needs to be: "
                f"its words ({words}) go beyond the phrase that shows the tie. Quote a "
                f"shorter phrase, the fewest words that show this tie (at most "
                f"{MAX_EVIDENCE_WORDS}, and fewer is better).",
                "longer-excerpt",
            )
        if strange and _in_topic_list(evidence):
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: the excerpt is a verbatim quotation of the paragraph, but the codings "
                "read it as a topic the paragraph lists ('issues of concern to Congress, "
                "including ...'), not a tie: see the codebook's section 10, \"A topic in a list is "
                'not a tie". Code only what the paragraph asserts between two actors.',
                "topic-in-list",
            )
        if strange and _holds(_words(CODED_TEXT), _words(evidence)):
            words = ", ".join(repr(w) for w in strange[:3])
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: the excerpt is a verbatim quotation of the paragraph, but neither "
                f"coding quotes its words ({words}) for a tie. Does it assert a relation "
                "between two actors? If it does, quote the fewest words that show it.",
                "verbatim-not-coded",
            )
        if strange:
            words = ", ".join(repr(w) for w in strange[:3])
            return Feedback(
                ex,
                "incorrect",
                f"Row {n}: the excerpt has words ({words}) that neither coding quotes "
                "from this paragraph. Either they are not the paragraph's own words (an "
                "excerpt is never a paraphrase: check_evidence on your saved copy of the "
                "version will tell), or the row records a tie that the codings do not. "
                "This check knows the paragraph only through the codings' excerpts.",
                "paraphrase",
            )
    mine = {}
    for source, target, relation, sign, status, *_ in rows:
        signs, statuses = mine.setdefault((frozenset((source, target)), relation), (set(), set()))
        signs.add(sign)
        statuses.add(status)
    # The reference coding is coder A's (a): where coder B (b) decided otherwise, the codebook's
    # section 10 settles the case as coder A did.
    order = sorted(a, key=lambda k: (sorted(k[0]), k[1]))
    for key in [k for k in order if k in mine]:
        if mine[key][1] == {"stated"} and "stated" not in a[key][1]:
            hedged = ", ".join(sorted(a[key][1]))
            return Feedback(
                ex,
                "incorrect",
                f"The tie {_show(*key)}: the paragraph hedges it, so its status is "
                f"{hedged}, not stated. Look for the words that hedge it (may, "
                "could, reportedly).",
                "hedged-as-stated",
            )
    for key in sorted(mine, key=lambda k: (sorted(k[0]), k[1])):
        if key in b and (
            key not in a or (not mine[key][1] <= a[key][1] and mine[key][1] <= b[key][1])
        ):
            return Feedback(
                ex,
                "incorrect",
                f"The tie {_show(*key)}: the second coder coded it this way, and the "
                "codebook's section 10, Rules settled by a second coding, now settles "
                "the case the other way. Read its rules on how far a hedge reaches and "
                "on support of an unstated kind.",
                "settled-rule",
            )
    missing = [k for k in order if k not in mine]
    if missing:
        return Feedback(
            ex,
            "incorrect",
            f"{len(missing)} tie(s) of the reference coding missing, among them "
            f"{_show(*missing[0])}. Read each sentence again: which actors does it "
            "relate?",
            "ties-missing",
        )
    extra = [key for key in mine if key not in a]
    if extra:
        return Feedback(
            ex,
            "incorrect",
            f"{len(extra)} tie(s) that the reference coding does not have: "
            f"{'; '.join(_show(*k) for k in extra[:3])}. Is each a relation the "
            "paragraph states between two actors?",
            "ties-extra",
        )
    for key in order:
        if not mine[key][0] <= a[key][0]:
            return Feedback(
                ex,
                "incorrect",
                f"The tie {_show(*key)}: the sign differs from the reference coding's. Is "
                "the relation cooperative (+) or opposed (-)?",
                "wrong-sign",
            )
        if not mine[key][1] <= a[key][1]:
            return Feedback(
                ex,
                "incorrect",
                f"The tie {_show(*key)}: the status differs from the reference coding's. "
                "Which words say how firmly the text states it?",
                "wrong-status",
            )
    return Feedback(
        ex,
        "correct",
        f"Your {len(mine)} tie(s) of paragraph {CODED_PARAGRAPH} match the reference "
        "coding, with their signs and statuses; where the two coders differed, it follows "
        "the codebook's section 10. Check your excerpts against your own copy with "
        "check_evidence.",
    )


# --- What changed between two versions ------------------------------------------------------------

CHANGES = (
    "a set of ties, each a tuple (actor, actor, relation, status), such as "
    "{('north_korea', 'russia', 'military', 'stated'), ...}"
)


def tie_set(ties):
    """{(pair, relation, status)} of some rows of ties.csv."""
    return {
        (frozenset((row.source, row.target)), row.relation, row.status) for row in ties.itertuples()
    }


def version_change(before=BEFORE, after=AFTER, data=None):
    """(gained, lost): the ties with their statuses in the later version only, and in the earlier
    only."""
    data = data if data is not None else _crs()
    old, new = tie_set(_version_ties(data, before)), tie_set(_version_ties(data, after))
    return new - old, old - new


def _exercise_change(data):
    """The exercise's (gained, lost), from October 2024 to June 2025, in a text's data."""
    return version_change(data=data)


def _tie_tuples(value):
    """{(pair, relation, status)} from a student's set of 4-tuples, or None if it is not one."""
    if isinstance(value, (str, Mapping)) or not isinstance(value, (Set, list, tuple)):
        return None
    found = set()
    for item in value:
        if (
            isinstance(item, str)
            or not isinstance(item, (list, tuple))
            or len(item) != 4
            or not all(isinstance(v, str) for v in item)
            or item[0] == item[1]
        ):
            return None
        found.add((frozenset(item[:2]), item[2], item[3]))
    return found


@safe(
    "What changed between versions",
    {"gained": CHANGES, "lost": CHANGES},
    {"gained": "set", "lost": "set"},
    hints=(
        "not-tie-sets",
        "dataframe",
        "pair-as-one",
        "with-sign",
        "no-status",
        "display-names",
        "swapped",
        "whole-version",
        "other-versions",
    ),
)
def check_version_change(gained, lost):
    """Feedback for gained and lost: the ties, with their statuses, that the June 2025 version has
    and the October 2024 version lacks, and the other way round."""
    ex = "What changed between versions"
    answers = {}
    for name, value in (("gained", gained), ("lost", lost)):
        if hasattr(value, "columns") and hasattr(value, "itertuples"):
            return Feedback(
                ex,
                "wrong type",
                f"Your {name} is a table (a pandas DataFrame), such as a version's ties: make a "
                "set of tuples from its rows, one (a, b, relation, status) for each row, with the "
                "pair's two ids sorted, then compare the two versions' sets.",
                "dataframe",
            )
        items = list(value) if isinstance(value, (Set, list, tuple)) else []
        if any(
            isinstance(item, (list, tuple))
            and item
            and isinstance(item[0], (Set, list, tuple))
            and len(item[0]) == 2
            for item in items
        ):
            return Feedback(
                ex,
                "wrong type",
                f"The ties of {name} hold their pair as one value, such as a frozenset: write the "
                "pair as two ids, sorted, so that each tie is (a, b, relation, status).",
                "pair-as-one",
            )
        if any(
            isinstance(item, (list, tuple)) and len(item) == 5 and item[3] in ("+", "-", "")
            for item in items
        ):
            return Feedback(
                ex,
                "wrong type",
                f"The ties of {name} have five parts: a tie here has four, (a, b, relation, "
                "status), without the sign.",
                "with-sign",
            )
        if (
            isinstance(value, (Set, list, tuple))
            and not isinstance(value, str)
            and any(isinstance(item, (list, tuple)) and len(item) == 3 for item in value)
        ):
            return Feedback(
                ex,
                "incorrect",
                f"The ties of {name} have three parts: add each tie's status, so that "
                "a change of status counts as a change.",
                "no-status",
            )
        answers[name] = _tie_tuples(value)
        if answers[name] is None:
            return Feedback(
                ex,
                "wrong type",
                f"Expected {name} as {CHANGES}; each tie joins two different actors.",
                "not-tie-sets",
            )
    data = _crs()
    ends = {end for ties in answers.values() for pair, *_ in ties for end in pair}
    message = display_names_instead_of_ids(sorted(ends), data)
    if message:
        return Feedback(ex, "incorrect", message, "display-names")
    right_gained, right_lost = reference(_exercise_change, CRS)
    got = (answers["gained"], answers["lost"])
    if got == (right_gained, right_lost):
        return Feedback(
            ex,
            "correct",
            f"June 2025 has {len(right_gained)} tie(s) with a status that October 2024 "
            f"lacks, and lacks {len(right_lost)} that October 2024 had.",
        )
    if got == (right_lost, right_gained):
        return Feedback(
            ex,
            "incorrect",
            "Your gained and lost are the wrong way round: gained holds what the later "
            "version has and the earlier lacks.",
            "swapped",
        )
    if answers["gained"] == tie_set(_version_ties(data, AFTER)):
        return Feedback(
            ex,
            "incorrect",
            "Your gained holds every tie of the June 2025 version: keep only those that "
            "October 2024 lacks (a set difference).",
            "whole-version",
        )
    for before, after in itertools.permutations(sorted(set(data.paragraphs["section"])), 2):
        if (before, after) != (BEFORE, AFTER) and got == version_change(before, after, data):
            return Feedback(
                ex,
                "incorrect",
                f"These are the changes from {before} to {after}: the exercise "
                f"compares {BEFORE} with {AFTER}.",
                "other-versions",
            )
    wrong = "gained" if answers["gained"] != right_gained else "lost"
    return Feedback(
        ex,
        "incorrect",
        f"Your {wrong} differs from the change between the versions. Build each "
        "version's set of (pair, relation, status), then take the differences.",
    )


# --- Agreement between the two coders ------------------------------------------------------------

SHARE = "a number between 0 and 1"
KAPPA = "a number, at most 1 (1 is perfect agreement, 0 agreement by chance)"


def decisions(data, actors, ties=None, ordered=False):
    """{(pair, relation): coded?} for every pair of the actors and every relation kind."""
    ties = data.ties if ties is None else ties
    join = (lambda a, b: (a, b)) if ordered else (lambda a, b: frozenset((a, b)))
    coded = {(join(row.source, row.target), row.relation) for row in ties.itertuples()}
    combos = itertools.permutations(actors, 2) if ordered else itertools.combinations(actors, 2)
    return {
        (join(*pair), kind): (join(*pair), kind) in coded for pair in combos for kind in RELATIONS
    }


def cohen_kappa(a, b):
    """(percent agreement, chance agreement, kappa) of two coders' yes/no decisions on the same
    items.

    p_o is the share of items on which they agree; p_e = ab + (1 - a)(1 - b), where a and b are the
    shares each coder marks yes; kappa = (p_o - p_e) / (1 - p_e), or None where p_e is 1 (both
    coders said the same of every item, so chance explains it all)."""
    a, b = list(a), list(b)
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    rate_a, rate_b = sum(a) / n, sum(b) / n  # each coder's share of yes
    chance = rate_a * rate_b + (1 - rate_a) * (1 - rate_b)
    return observed, chance, (observed - chance) / (1 - chance) if chance < 1 else None


def agreement(a_data, b_data, version=AGREEMENT_VERSION, ordered=False, tied_only=False):
    """(percent agreement, chance agreement, Cohen's kappa) of two codings of a text (the two CRS
    codings' data), on one version's ties (None: every version). With tied_only, the pairs are
    those of the actors the version's ties name, not of every actor either actors.csv lists."""
    actors = sorted(set(a_data.actors["id"]) | set(b_data.actors["id"]))
    pick = (lambda d: d.ties) if version is None else (lambda d: _version_ties(d, version))
    if tied_only:
        actors = sorted(
            {n for d in (a_data, b_data) for n in pick(d)[["source", "target"]].values.ravel()}
        )
    a = decisions(a_data, actors, pick(a_data), ordered)
    b = decisions(b_data, actors, pick(b_data), ordered)
    return cohen_kappa([a[c] for c in a], [b[c] for c in a])


def _share(name, value):
    if isinstance(value, bool) or not isinstance(value, Real):
        return f"Expected {name} as {KAPPA if name == 'kappa' else SHARE}; this is {a_type(value)}."
    return None


def _agreements(a_data, b_data):
    """What Agreement on one version compares answers with: (p_o, p_e, kappa) on the exercise's
    version, then on every version, then with each pair counted in both directions, then with the
    pairs of the version's tied actors only."""
    return (
        agreement(a_data, b_data),
        agreement(a_data, b_data, None),
        agreement(a_data, b_data, ordered=True),
        agreement(a_data, b_data, tied_only=True),
    )


@safe(
    "Agreement on one version",
    {"percent": SHARE, "kappa": KAPPA},
    {"percent": "float", "kappa": "float"},
    hints=(
        "not-a-number",
        "percent-scale",
        "kappa-is-percent",
        "whole-text",
        "ordered-pairs",
        "no-denominator",
        "rounded",
        "version-actors",
    ),
)
def check_agreement(percent, kappa):
    """Feedback for percent and kappa: the two coders' percent agreement and Cohen's kappa on the
    tie decisions of the September 2024 version."""
    ex = "Agreement on one version"
    for name, value in (("percent", percent), ("kappa", kappa)):
        problem = _share(name, value)
        if problem:
            return Feedback(ex, "wrong type", problem, "not-a-number")
    (observed, chance, right), whole, ordered, tied = reference(_agreements, CRS, CRS_B)
    if close(percent, observed * 100):
        return Feedback(
            ex,
            "incorrect",
            "Your percent is on a scale of 0 to 100: give it as a share between 0 and 1, "
            "as the chapter's p_o.",
            "percent-scale",
        )
    if close(percent, observed) and close(kappa, right):
        return Feedback(
            ex,
            "correct",
            f"The coders agree on {observed:.1%} of the decisions, and chance alone "
            f"would give {chance:.1%}: kappa is {right:.2f}.",
        )
    too_rounded = rounded(
        ex,
        {"percent": percent, "kappa": kappa},
        {"percent": observed, "kappa": right},
        "percent and kappa",
    )
    if too_rounded:
        return too_rounded
    if close(kappa, observed):
        return Feedback(
            ex,
            "incorrect",
            "Your kappa is the percent agreement: subtract the agreement expected by "
            "chance, then divide by what chance leaves, (p_o - p_e) / (1 - p_e).",
            "kappa-is-percent",
        )
    # Each slip's (p_o, p_e, kappa), with what to say when the answer is that slip's.
    for values, hint, message in (
        (
            whole,
            "whole-text",
            f"These are the values for every version together: keep only the ties of "
            f"the {AGREEMENT_VERSION} version's paragraphs.",
        ),
        (
            ordered,
            "ordered-pairs",
            "These count each pair twice, once in each direction: a tie decision is "
            "about an unordered pair, as the chapter's frozenset makes it.",
        ),
        (
            tied,
            "version-actors",
            "These pair only the actors that the version's ties name: keep the chapter's pairs, "
            "every pair of the actors either coder's actors.csv lists, tied in this version "
            "or not.",
        ),
    ):
        if close(percent, values[0]) and close(kappa, values[2]):
            return Feedback(ex, "incorrect", message, hint)
    if close(kappa, observed - chance):
        return Feedback(
            ex,
            "incorrect",
            "Kappa is (p_o - p_e) divided by (1 - p_e): the division is missing.",
            "no-denominator",
        )
    if not close(percent, observed):
        return Feedback(
            ex,
            "incorrect",
            "Your percent differs from the share of decisions on which the two codings "
            "agree. Build the decisions from the version's ties only.",
        )
    return Feedback(
        ex,
        "incorrect",
        "Your percent is right, and your kappa is not. Compute chance agreement from each coder's "
        "share of decisions coded present.",
    )


# --- One measure, two framings --------------------------------------------------------------------

# The CRS version the exercise measures: the first, which the chapter's text and tables do not
# measure alone, so that a value copied from the page cannot pass.
FRAMING_VERSION = "2024-09"


def framing_values(data, ties, graph="A", normalized=True):
    """The subject's betweenness in chapter 1's A (every tie, commentary included), in chapter 2's
    A_between (graph="A_between") or in chapter 2's S (graph="S")."""
    subject = data.actors["id"].iloc[0]
    if graph == "S":
        built = state_graph(ties, data.actors)
    elif graph == "A_between":
        built = actor_graphs(ties[~ties["relation"].isin(COMMENTARY)], data.actors)[1]
    else:
        built = actor_graphs(ties, data.actors)[1]
    return nx.betweenness_centrality(built, normalized=normalized).get(subject, 0.0)


def _month(version):
    """'October 2024' for the version '2024-10'."""
    year, month = version.split("-")[:2]
    names = "January February March April May June July August September October November December"
    return f"{names.split()[int(month) - 1]} {year}"


def _framings(crs_data, cnbc_data):
    """What One measure, two framings compares answers with: {what: (CRS value, CNBC value)}, the
    subject's betweenness in A in the CRS text's first version and in the CNBC article ("right"),
    and common mistakes', by their hints ("later-version": {version: CRS value} for every version
    after the first)."""
    texts = ((crs_data, _version_ties(crs_data, FRAMING_VERSION)), (cnbc_data, cnbc_data.ties))
    return {
        "right": tuple(framing_values(data, ties) for data, ties in texts),
        "graph-S": tuple(framing_values(data, ties, "S") for data, ties in texts),
        "commentary-left-out": tuple(
            framing_values(data, ties, "A_between") for data, ties in texts
        ),
        # {version: the CRS value} for every version after the first
        "later-version": {
            v.id: framing_values(crs_data, v.ties)
            for v in versions(crs_data)
            if v.id != FRAMING_VERSION
        },
        "not-normalised": tuple(
            framing_values(data, ties, normalized=False) for data, ties in texts
        ),
    }


@safe(
    "One measure, two framings",
    {"crs": "a number", "cnbc": "a number"},
    {"crs": "float", "cnbc": "float"},
    hints=(
        "not-a-number",
        "rounded",
        "swapped",
        "graph-S",
        "commentary-left-out",
        "later-version",
        "not-normalised",
    ),
)
def check_two_framings(crs, cnbc):
    """Feedback for crs and cnbc: the subject's (Russia's) betweenness in A, chapter 1's graph of
    every tie, in the CRS text's September 2024 version and in the CNBC article."""
    ex = "One measure, two framings"
    for name, value in (("crs", crs), ("cnbc", cnbc)):
        if isinstance(value, bool) or not isinstance(value, Real):
            return Feedback(
                ex,
                "wrong type",
                f"Expected {name} as a number; this is {a_type(value)}.",
                "not-a-number",
            )
    values = reference(_framings, CRS, DATA_DIR)
    right = values["right"]
    got = (float(crs), float(cnbc))
    if all(close(g, r) for g, r in zip(got, right)):
        return Feedback(
            ex,
            "correct",
            f"Russia's betweenness in A: {right[0]:.3f} in the CRS text of September 2024, "
            f"{right[1]:.3f} in the CNBC article.",
        )
    too_rounded = rounded(ex, {"crs": got[0], "cnbc": got[1]}, {"crs": right[0], "cnbc": right[1]})
    if too_rounded:
        return too_rounded
    if all(close(g, r) for g, r in zip(got, reversed(right))):
        return Feedback(
            ex,
            "incorrect",
            "The two values are the wrong way round: crs is the CRS text's value.",
            "swapped",
        )
    for hint, message in (
        (
            "graph-S",
            "This is betweenness in S, the states alone: the exercise asks for A, chapter 1's "
            "graph of every actor and every tie.",
        ),
        (
            "commentary-left-out",
            "This is betweenness in A_between, without the commentary ties: the exercise asks "
            "for A, with every tie, commentary included.",
        ),
        ("later-version", ""),  # below: its message depends on which versions give the value
        (
            "not-normalised",
            "These count shortest paths without dividing by the number of pairs: use "
            "nx.betweenness_centrality's default, as chapter 2 does.",
        ),
    ):
        if hint == "later-version":
            # Two versions may give the same value (October 2024 and June 2025 do): name a
            # version only when no other gives the value too.
            found = [
                version
                for version, value in values[hint].items()
                if close(got[0], value) and not close(value, right[0])
            ]
            if found:
                which = f", but its {_month(found[0])} version's" if len(found) == 1 else ""
                return Feedback(
                    ex,
                    "incorrect",
                    f"Your crs is not the value of the CRS text's September 2024 version{which}: "
                    "use the first version, September 2024, the oldest of versions(...).",
                    hint,
                )
            continue
        # A value that is right for this slip (and not also right) is this slip.
        if any(close(g, s) and not close(s, r) for g, s, r in zip(got, values[hint], right)):
            return Feedback(ex, "incorrect", message, hint)
    wrong = "crs" if not close(got[0], right[0]) else "cnbc"
    return Feedback(
        ex,
        "incorrect",
        f"Your {wrong} differs from the subject's betweenness in that text's A. Build A with "
        "actor_graphs(...) from the text's ties (for the CRS text, its September 2024 "
        "version's), then take the subject's value.",
    )
