"""Sources a source-criticism course can stand behind: no address anywhere in the book on a host that
reposts other outlets' reporting, and every state's outlet named as state media wherever it is cited.

The hosts the fact check found in the book's references are kept here, so that the loader's list
(REPOST_HOSTS, which also refuses them in record.csv) cannot lose one unnoticed."""

import csv
import re
import subprocess

import pytest

from conftest import DATA, NOTEBOOKS, ROOT, load_notebook
from summitkit.loading import REPOST_HOSTS, STATE_MEDIA_HOSTS, host_in

# Copies the fact check of 6 December 2026 found cited in chapters 3 and 5 and in data/record.csv.
FOUND_BY_THE_FACT_CHECK = (
    "https://www.breitbart.com/news/gazprom-mulls-gas-pipeline-through-north-korea/",
    "https://www.newsmax.com/newsfront/x/2025/12/27/id/1/",
    "https://euromaidanpress.com/2024/11/21/reuters-nearly-11000/",
    "https://www.pakistanpoint.com/en/story/1288860/x.html",
    "https://www.spacewar.com/reports/x_999.html",
    "https://dev-v4.freemalaysiatoday.com/category/world/2025/10/24/x",
    "https://static2-cdn.newser.com/story/375557/x.html",
    "https://newser.com/story/321048/x.html",
    "https://korean-vibe.com/news/x",
)
# An address ends at white space, a quote, a bracket or markup; a trailing full stop is prose.
ADDRESS = re.compile(r"https?://[^\s\"'<>()\[\]\\|`]+")


def book_files():
    """Every text file a reader or a student meets: the chapters, the pages, the data and the READMEs."""
    tracked = subprocess.run(
        ["git", "ls-files", "chapters", "data", "README.md", "CITATION.cff", "course"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        ROOT / name
        for name in tracked
        if name.endswith((".ipynb", ".md", ".csv", ".cff", ".py", ".txt"))
    ]


def addresses(path):
    text = path.read_text(encoding="utf-8")
    return {m.rstrip(".,;:") for m in ADDRESS.findall(text)}


def reposts(paths):
    """[(file, address)] for every address on a repost host."""
    return sorted(
        (p.relative_to(ROOT).as_posix() if p.is_relative_to(ROOT) else p.name, a)
        for p in paths
        for a in addresses(p)
        if host_in(a, REPOST_HOSTS)
    )


@pytest.mark.parametrize("url", FOUND_BY_THE_FACT_CHECK)
def test_the_loaders_list_holds_every_host_the_fact_check_found(url):
    assert host_in(url, REPOST_HOSTS), f"{url}: its host is missing from REPOST_HOSTS in loading.py"


def test_no_reference_anywhere_is_on_a_repost_host():
    found = reposts(book_files())
    assert not found, "cite the outlet the fact sheet names instead of: " + "; ".join(
        f"{f}: {a}" for f, a in found
    )


def test_the_scan_finds_a_planted_repost(tmp_path):
    # Keeps the test above honest: a link in markdown, in a notebook's JSON and in a CSV cell are all read.
    page = tmp_path / "page.md"
    page.write_text(
        "As reported ([UPI, 2018](https://www.breitbart.com/news/x/)).\n", encoding="utf-8"
    )
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text(
        '{"source": ["- Newser. <https://static2-cdn.newser.com/story/1/x.html>\\n"]}',
        encoding="utf-8",
    )
    table = tmp_path / "rows.csv"
    table.write_text('id,url\nr1,"https://www.spacewar.com/reports/x.html"\n', encoding="utf-8")
    assert [a for _, a in reposts([page, notebook, table])] == [
        "https://static2-cdn.newser.com/story/1/x.html",
        "https://www.breitbart.com/news/x/",
        "https://www.spacewar.com/reports/x.html",
    ]
    assert not reposts([ROOT / "LICENSE"])


def test_a_subdomain_counts_as_its_host_and_a_lookalike_does_not():
    assert host_in("https://static2-cdn.newser.com/a", ("newser.com",)) == "newser.com"
    assert host_in("https://notnewser.com/a", ("newser.com",)) is None
    assert host_in("http://WWW.TASS.COM/economy/1", STATE_MEDIA_HOSTS) == "tass.com"


def test_the_record_flags_every_state_outlet_and_only_those():
    # Both ways: a state outlet's row says yes (the loader refuses it otherwise), and a row that says yes
    # is on a host of STATE_MEDIA_HOSTS, so that the list stays complete when a row is added.
    with open(DATA / "record.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    flagged = {r["id"] for r in rows if r["state_media"] == "yes"}
    on_state_hosts = {r["id"] for r in rows if host_in(r["url"], STATE_MEDIA_HOSTS)}
    assert flagged == on_state_hosts
    # Russian, and Chinese: the Global Times (fact sheet C31).
    assert {host_in(r["url"], STATE_MEDIA_HOSTS) for r in rows if r["id"] in flagged} >= {
        "tass.com",
        "globaltimes.cn",
    }


def references(nb):
    """The entries of a chapter's References list, one string each (an entry may run over lines)."""
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and "## References" in c.source)
    listed = cell.source.split("## References", 1)[1]
    return [
        entry.replace("\n", " ")
        for entry in re.split(r"\n(?=- )", listed.strip())
        if entry.startswith("- ")
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_state_outlet_a_chapter_cites_is_named_state_media_in_its_references(path):
    nb = load_notebook(path)
    cited = {
        a
        for c in nb.cells
        if c.cell_type == "markdown"
        for a in ADDRESS.findall(c.source)
        if host_in(a, STATE_MEDIA_HOSTS)
    }
    entries = references(nb)
    for address in sorted(cited):
        entry = next((e for e in entries if address.rstrip(".,;:") in e), None)
        assert entry, f"{path.name}: {address} is cited but not in the References"
        # "state media" or "state news agency": "a state visit" does not count.
        assert re.search(r"state (media|news agency)", entry), (
            f"{path.name}: the reference for {address} should say it is state media: {entry}"
        )
