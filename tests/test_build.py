"""The book builds strictly, and the built pages carry what readers need."""

import csv
import html
import re

import pytest

from chapter_parts import cell_text, exercises
from conftest import CHAPTERS, DATA, NOTEBOOKS, ROOT, load_notebook


@pytest.fixture(scope="module")
def book(built_book):
    returncode, log, html_dir = built_book
    assert returncode == 0, log[-4000:]
    return log, html_dir


def page(html_dir, notebook):
    return (html_dir / "chapters" / f"{notebook.stem}.html").read_text(encoding="utf-8")


def test_build_has_no_warnings(book):
    log, html_dir = book
    # Sphinx warnings look like "file:line: WARNING: ...". (The kernel's own
    # "[IPKernelApp] WARNING | ..." notice about its transport is not a book warning.)
    warnings = [line for line in log.splitlines() if "WARNING:" in line or "ERROR:" in line]
    assert not warnings, "\n".join(warnings)
    assert "build succeeded" in log
    assert (html_dir / "index.html").exists()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_render_with_caption_and_alt_text(book, notebook):
    _, html_dir = book
    text = page(html_dir, notebook)
    nb = load_notebook(notebook)
    for cell in nb.cells:
        meta = cell.metadata.get("mystnb", {})
        if "figure" not in meta:
            continue
        name = meta["figure"]["name"]
        # The image links to itself (its width is set), so that a tap on a phone opens it to zoom.
        match = re.search(
            rf'<figure[^>]*id="{name}">\s*<a class="reference internal image-reference" '
            rf'href="[^"]+\.svg"><img alt="([^"]*)" src="([^"]+\.svg)"',
            text,
        )
        assert match, f"{name}: no SVG figure in the page"
        assert html.unescape(match.group(1)) == meta["image"]["alt"]
        figure = text[match.start() : text.index("</figure>", match.start())]
        caption = html.unescape(re.sub(r"<[^>]+>", "", figure.split("<figcaption>")[1]))
        assert meta["figure"]["caption"].replace("'", "’") in caption.replace("'", "’")
        assert (html_dir / "chapters" / match.group(2)).resolve().exists()


def test_tie_table_shows_every_excerpt(book):
    _, html_dir = book
    text = html.unescape(page(html_dir, NOTEBOOKS[0]))
    with open(DATA / "ties.csv", encoding="utf-8", newline="") as f:
        for tie in csv.DictReader(f):
            assert tie["evidence"] in text, tie["evidence"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_and_folded_solutions_render(book, notebook):
    _, html_dir = book
    text = page(html_dir, notebook)
    items = exercises(load_notebook(notebook))
    for item in items:
        assert f'<div class="exercise admonition" id="{item["label"]}">' in text
    solutions = re.findall(r'<div class="solution dropdown admonition"', text)
    assert len(solutions) == len(items)
    # No raw directive text leaks into the page.
    assert "{exercise}" not in text and "{solution}" not in text


def test_launch_buttons_point_to_the_repository(book):
    _, html_dir = book
    import yaml

    config = yaml.safe_load((DATA.parent / "_config.yml").read_text(encoding="utf-8"))
    owner_repo = config["repository"]["url"].removeprefix("https://github.com/")
    text = page(html_dir, NOTEBOOKS[0])
    assert (
        f"mybinder.org/v2/gh/{owner_repo}/main?urlpath=lab/tree/chapters/{NOTEBOOKS[0].name}"
        in text
    )


def test_references_are_links_in_the_page(book):
    _, html_dir = book
    text = page(html_dir, NOTEBOOKS[0])
    references = text.split('id="references"', 1)[1]
    for cell in load_notebook(NOTEBOOKS[0]).cells:
        if "## References" in cell_text(cell):
            for url in re.findall(
                r"<(https?://[^>]+)>", cell_text(cell).split("## References", 1)[1]
            ):
                assert f'href="{html.escape(url)}"' in references, url


# A web address as a chapter writes it: a Markdown link's target, or an autolink <...>.
WRITTEN_ADDRESS = re.compile(r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>")


def written_addresses():
    """(source, address) for every web address written in the chapters' Markdown."""
    sources = [
        (
            path.name,
            "\n".join(
                cell_text(cell)
                for cell in load_notebook(path).cells
                if cell.cell_type == "markdown"
            ),
        )
        for path in NOTEBOOKS
    ]
    sources += [
        (path.name, path.read_text(encoding="utf-8")) for path in sorted(CHAPTERS.glob("*.md"))
    ]
    return [(name, a or b) for name, text in sources for a, b in WRITTEN_ADDRESS.findall(text)]


def address_problems(html_dir, written):
    """(hrefs of a chapter page escaped twice, written addresses that no page links as written).

    An href is read as a browser reads it, unescaped once: "&amp;amp;" in the page is "&amp;"."""
    pages = [p for p in html_dir.rglob("*.html") if not {"_static", "mathjax"} & set(p.parts)]
    found = [
        (path.relative_to(html_dir).as_posix(), html.unescape(href))
        for path in sorted(pages)
        for href in re.findall(r'\shref="([^"]*)"', path.read_text(encoding="utf-8"))
    ]
    escaped = [
        (page, href) for page, href in found if page.startswith("chapters/") and "&amp;" in href
    ]
    linked = {href for _, href in found}
    return escaped, [(name, address) for name, address in written if address not in linked]


def test_every_address_links_as_written(book):
    # An address with a query string (?lang=e&Seq_Code=...) once got "&amp;amp;" in its href: a
    # broken link, which the print command also printed twice (_ext/link_addresses.py).
    _, html_dir = book
    written = written_addresses()
    assert any("?" in address for _, address in written)  # the case that broke is among them
    escaped, missing = address_problems(html_dir, written)
    assert not escaped, f"hrefs escaped twice: {escaped[:5]}"
    assert not missing, f"addresses that no page links as written: {missing[:5]}"


def test_a_twice_escaped_address_is_found(tmp_path):
    (tmp_path / "chapters").mkdir()
    page = tmp_path / "chapters" / "a.html"
    written = [("a.ipynb", "https://x.org/?a=1&b=2")]
    page.write_text('<a class="reference external" href="https://x.org/?a=1&amp;amp;b=2">x</a>')
    escaped, missing = address_problems(tmp_path, written)
    assert escaped == [("chapters/a.html", "https://x.org/?a=1&amp;b=2")] and missing == written
    page.write_text('<a class="reference external" href="https://x.org/?a=1&amp;b=2">x</a>')
    assert address_problems(tmp_path, written) == ([], [])


def internal_links(html_dir):
    """(page, href) for every link from one built page to another that does not resolve."""
    broken = []
    pages = [p for p in html_dir.rglob("*.html") if not {"_static", "mathjax"} & set(p.parts)]
    ids = {}
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for href in re.findall(r'<a [^>]*href="([^"]+)"', text):
            href = html.unescape(href)
            if re.match(r"[a-z]+:", href) or href.startswith("//"):
                continue  # another site, mail: it is not ours to resolve
            target, _, anchor = href.partition("#")
            file = (path.parent / target).resolve() if target else path
            if not file.exists():
                broken.append((path.name, href))
                continue
            if anchor and file.suffix == ".html":
                if file not in ids:
                    ids[file] = set(re.findall(r'id="([^"]+)"', file.read_text(encoding="utf-8")))
                if anchor not in ids[file]:
                    broken.append((path.name, href))
    return broken


def test_every_internal_link_and_anchor_resolves(book):
    _, html_dir = book
    broken = internal_links(html_dir)
    assert not broken, broken[:10]


def test_a_chapter_built_without_its_pdfs_says_how_to_print_them(book):
    # The build alone prints nothing: no chapter links a PDF that is not there (the internal links
    # above resolve), and each says how to print them, once, under its title.
    _, html_dir = book
    assert not (html_dir / "print").exists()
    for notebook in NOTEBOOKS:
        text = page(html_dir, notebook)
        line = re.findall(r'<p class="print-links">(.*?)</p>', text, re.S)
        assert len(line) == 1, f"{notebook.stem}: {len(line)} print lines"
        assert "../print/" not in text, notebook.stem
        said = re.sub(r"<[^>]+>", "", line[0])
        assert "<code" in line[0] and "python -m course.print_edition" in said, line[0]


def print_line(tmp_path, files, hide_solutions=False):
    """The print line that _ext/print_links.py puts under a chapter's title, in a book built into
    tmp_path whose print/ folder holds files: (its text, the addresses it links)."""
    import sys
    from types import SimpleNamespace

    from docutils import nodes
    from docutils.utils import new_document
    from docutils.frontend import get_default_settings

    sys.path.insert(0, str(ROOT / "_ext"))
    import print_links

    (tmp_path / "print").mkdir(exist_ok=True)
    for name in files:
        (tmp_path / "print" / name).write_bytes(b"%PDF-1.4\n")
    app = SimpleNamespace(
        outdir=str(tmp_path),
        builder=SimpleNamespace(format="html"),
        config=SimpleNamespace(hide_solutions=hide_solutions),
    )
    doctree = new_document("chapter", get_default_settings())
    section = nodes.section()
    section += nodes.title("Chapter", "Chapter")
    doctree += section
    print_links.add_links(app, doctree, "chapters/02-russias-role")
    (line,) = [p for p in doctree.findall(nodes.paragraph) if "print-links" in p["classes"]]
    return line.astext(), [r["refuri"] for r in line.findall(nodes.reference)], print_links, app


def test_a_chapter_links_only_the_pdfs_that_are_there(tmp_path):
    text, links, _, _ = print_line(tmp_path, [])
    assert links == [] and "python -m course.print_edition" in text, text
    names = ["02-russias-role-handout.pdf", "02-russias-role-answer-key.pdf"]
    text, links, print_links, _ = print_line(tmp_path, names)
    assert links == [f"../print/{name}" for name in names], links
    assert "course.print_edition" not in text
    # Every PDF the print command names is linked once it is there; the student book, whose
    # solutions are hidden, never links the answer key.
    all_names = print_links.pdf_names("02-russias-role")
    _, links, _, _ = print_line(tmp_path, all_names)
    assert links == [f"../print/{name}" for name in all_names]
    _, links, _, _ = print_line(tmp_path, all_names, hide_solutions=True)
    assert links and not [link for link in links if "answer-key" in link], links
    # Another chapter's PDFs are not this chapter's.
    other = tmp_path / "other"
    other.mkdir()
    _, links, _, _ = print_line(other, ["03-economic-ties-handout.pdf"])
    assert links == []


def test_printing_rebuilds_the_chapters_whose_pdfs_came(tmp_path):
    _, _, print_links, app = print_line(tmp_path, [])
    env = type("Env", (), {})()
    env.found_docs = {"index", "chapters/02-russias-role", "chapters/03-economic-ties"}
    assert print_links.outdated_chapters(app, env, set(), set(), set()) == []  # first build
    assert print_links.outdated_chapters(app, env, set(), set(), set()) == []  # nothing new
    (tmp_path / "print" / "02-russias-role-handout.pdf").write_bytes(b"%PDF-1.4\n")
    assert print_links.outdated_chapters(app, env, set(), set(), set()) == [
        "chapters/02-russias-role"
    ]
    assert print_links.outdated_chapters(app, env, set(), set(), set()) == []


def test_a_broken_link_is_found(tmp_path):
    (tmp_path / "a.html").write_text(
        '<p id="here"><a href="a.html#here">ok</a> <a href="b.html">no</a> '
        '<a href="#gone">no</a> <a href="https://example.org/x">away</a></p>'
    )
    assert internal_links(tmp_path) == [("a.html", "b.html"), ("a.html", "#gone")]


def test_every_page_carries_the_licence_and_the_article_in_its_footer(book):
    _, html_dir = book
    pages = [p for p in html_dir.rglob("*.html") if not {"_static", "mathjax"} & set(p.parts)]
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="Refresh"' in text:
            continue  # the site's root only redirects to the first page
        footer = text.split('class="bd-footer', 1)[-1]
        for needed in (
            "creativecommons.org/licenses/by/4.0",
            "MIT licence",
            "cnbc.com/2018/06/08/trump-kim-summit-russia-plays-an-important-role.html",
        ):
            assert needed in footer, f"{path.relative_to(html_dir)}: no {needed!r} in the footer"


# A figure is a download too: on a phone or a slow connection, every figure counts.
MAX_FIGURE_BYTES = 150_000


def test_every_figure_is_small(book):
    _, html_dir = book
    figures = sorted((html_dir / "_images").glob("*"))
    assert figures
    heavy = [(f.name, f.stat().st_size) for f in figures if f.stat().st_size > MAX_FIGURE_BYTES]
    assert not heavy, f"figures over {MAX_FIGURE_BYTES} bytes: {heavy}"
