"""Print the handouts: for every chapter, an exercise sheet, its answer key and the whole chapter, as PDF.

    python -m course.print_edition [--paper a4|letter] [--book _build/html] [--student _student]

From the built pages, printed by Chromium (Debian's /usr/bin/chromium, or the browser named by the
CHROMIUM environment variable) through Playwright, with the book's print stylesheet
(_static/print.css):

* ``NN-title-handout.pdf``, the exercise sheet a class works from on paper, at most six pages: the
  chapter's title and learning objectives, the figures and tables its exercises refer to, each
  exercise with its rubric (chapters/rubrics.md) and room to write for every written part. It is a
  page of its own, made from the student edition's chapter page (so it holds no solution), with
  none of the chapter's code or its checks' output.
* ``NN-title-answer-key.pdf``, the same sheet made from the full book's page: each exercise's model
  answer or reference code in place of the room to write.
* ``NN-title-reader.pdf``, the whole chapter to read, from the student edition's page, without
  the checks' output (on paper, no cell was run).

All three go into the full book's ``print/`` folder (``_build/html/print/``), which the chapter pages
link and the Pages workflow publishes; the sheet and the reader also go into the student book's. A
book is built first with the README's build command (only what changed), and the student edition is
made again with ``python -m course.student_edition`` if it is missing or older than the book's sources,
so that the PDFs print the book as it is now. Then both books are built again, so that their chapter
pages link the PDFs (a page links only those there when it is built).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from .notebooks import ROOT, NotebookError, cell_text, chapter_notebooks, exercise_cells, title

sys.path.insert(0, str(ROOT / "_ext"))
from print_links import pdf_names  # noqa: E402 (the names the chapter pages link)

PAPER = {"a4": "A4", "letter": "Letter"}
# Where the README's build command writes the book.
BUILT_BOOK = (ROOT / "_build" / "html").resolve()
WRITTEN_KINDS = (
    "reading",
    "discussion",
)  # their answer is written; so is a "written" part of points
LINES_PER_POINT, FEWEST_LINES, MOST_LINES = 2, 4, 8  # 7 mm apart (college ruled): 2.8 cm to 5.6 cm

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--font-render-hinting=none"]

# Run in the chapter page before printing a sheet: the page becomes the sheet, made of copies of
# the page's own title, objectives, figures, tables and exercises (and, for the key, solutions).
MAKE_SHEET = """(spec) => {
  const article = document.querySelector("main article, article.bd-article, main");
  const need = (found, what) => {
    if (!found) throw new Error("no " + what + " in the page");
    return found;
  };
  const copy = (el) => {
    const clone = el.cloneNode(true);
    for (const x of clone.querySelectorAll(".headerlink, .toggle-button, button")) x.remove();
    return clone;
  };
  // The key: every solution open.
  for (const el of document.querySelectorAll(".toggle-hidden")) el.classList.remove("toggle-hidden");
  for (const el of document.querySelectorAll("details")) el.open = true;
  const sheet = document.createElement("main");
  sheet.className = "print-sheet";
  const add = (html) => sheet.insertAdjacentHTML("beforeend", html);
  const h1 = need(article.querySelector("h1"), "title");
  add("<h1>" + h1.textContent.replace(/#$/, "").trim() + "</h1>");
  add('<p class="print-sheet-kind">' + spec.kind + "</p>");
  if (!spec.key) add('<p class="print-sheet-name">Name: <span></span> Date: <span></span></p>');
  const objectives = [...article.querySelectorAll("p > strong")].find(
    (s) => s.textContent.trim() === "Learning objectives.");
  const lead = need(objectives, "learning objectives").parentElement;
  const part = document.createElement("section");
  part.className = "print-objectives";
  part.append(copy(lead), copy(need(lead.nextElementSibling, "list of objectives")));
  sheet.append(part);
  if (spec.figures.length || spec.tables.length) {
    add("<h2>What the exercises refer to</h2>");
    for (const id of spec.figures) sheet.append(copy(need(document.getElementById(id), "figure " + id)));
    // A sheet's only figure may be larger (print.css), so that a tall one keeps its names legible.
    if (spec.figures.length === 1) sheet.classList.add("print-one-figure");
    for (const { cell: first, paragraphs } of spec.tables) {
      const cell = [...article.querySelectorAll("div.cell")].find((c) => {
        const input = c.querySelector(".cell_input pre");
        return input && input.textContent.trim().startsWith(first);
      });
      const table = need(cell && cell.querySelector(".cell_output table"), "table of the cell " + first);
      const heading = cell.closest("section").querySelector("h2, h3");
      const box = document.createElement("section");
      box.className = "print-sheet-table";
      box.innerHTML = "<h3>Table: " + heading.textContent.replace(/#$/, "").trim() + "</h3>";
      // An excerpt: a column of long prose (over 150 characters a row on average) stays in the book.
      const excerpt = copy(table);
      const rows = [...excerpt.querySelectorAll("tr")];
      const body = rows.filter((r) => r.querySelector("td"));
      const width = Math.max(...rows.map((r) => r.children.length));
      const left = [];
      for (let col = width - 1; col >= 0; col--) {
        const cells = body.map((r) => r.children[col]).filter(Boolean);
        const mean = cells.reduce((n, c) => n + c.textContent.trim().length, 0) / (cells.length || 1);
        if (mean > 150) {
          const head = rows[0].children[col];
          left.unshift(head ? head.textContent.trim() : "column " + col);
          for (const r of rows) if (r.children[col]) r.children[col].remove();
        }
      }
      if (paragraphs.length) {
        const cites = (r) => paragraphs.some((p) => new RegExp(p + "(?!\\d)").test(r.textContent));
        for (const r of body) if (!cites(r)) r.remove();
        box.insertAdjacentHTML("beforeend", '<p class="print-table-note">The rows of ' +
          paragraphs.join(", ") + " only.</p>");
      }
      box.append(excerpt);
      if (left.length) {
        box.insertAdjacentHTML("beforeend", '<p class="print-table-note">Left out here, to be read in ' +
          "the chapter: the column" + (left.length > 1 ? "s " : " ") + left.join(", ") + ".</p>");
      }
      sheet.append(box);
    }
  }
  add("<h2>Exercises</h2>");
  for (const item of spec.exercises) {
    const box = document.createElement("section");
    box.className = "print-sheet-exercise";
    const exercise = copy(need(document.getElementById(item.label), "exercise " + item.label));
    // The hints are for the code, written in the notebook, which has them.
    for (const p of exercise.querySelectorAll("p")) if (/^Hint:/.test(p.textContent.trim())) p.remove();
    box.append(exercise);
    if (item.code) {
      box.insertAdjacentHTML("beforeend", '<p class="print-code-part">The code part is done in ' +
        "the chapter's notebook, where its check marks it.</p>");
    }
    for (const file of item.files) {
      box.insertAdjacentHTML("beforeend", '<p class="print-code-part">The rows of <code>' + file +
        "</code> are printed in the whole chapter (the reader).</p>");
    }
    if (item.rubric) box.insertAdjacentHTML("beforeend", item.rubric);
    if (spec.key) {
      const solution = [...document.querySelectorAll("div.solution")].find(
        (s) => s.querySelector('.admonition-title a[href="#' + item.label + '"]'));
      const open = copy(need(solution, "solution of " + item.label));
      open.classList.remove("dropdown");
      box.append(open);
    } else if (item.lines) {
      // Titled, since it may start a page; a long answer goes on over the page.
      const label = document.createElement("p");
      label.append("Your answer to ");
      label.append(Object.assign(document.createElement("em"), { textContent: item.title }));
      label.append(item.words ? " (" + item.words + " words; go on over the page if you need more room):" : ":");
      const space = document.createElement("div");
      space.className = "print-answer-space";
      space.setAttribute("aria-hidden", "true");
      space.append(label);
      space.insertAdjacentHTML("beforeend", '<div class="line"></div>'.repeat(item.lines));
      box.append(space);
    }
    sheet.append(box);
  }
  document.body.replaceChildren(sheet);
  document.body.className = "print-sheet-page";
}"""

# Run in the chapter page before printing the reader: no check's output (on paper, no cell was
# run), and every line of code in a block of its own, so that a wrapped line keeps its indent.
MAKE_READER = """() => {
  for (const cell of document.querySelectorAll("div.cell")) {
    const input = cell.querySelector(".cell_input pre");
    if (input && /^check_\\w+\\(/.test(input.textContent.trim())) {
      for (const out of cell.querySelectorAll(".cell_output")) out.remove();
    }
  }
}"""

# Run in every page before printing: each line of code in a span of its own, indented by its own
# leading spaces, so that a line the printer wraps goes on under itself, four columns further in.
SPLIT_CODE_LINES = """() => {
  for (const pre of document.querySelectorAll("div.highlight pre, .cell_output pre")) {
    const lines = [[]];
    const wrap = (text, wrappers) => {
      let node = document.createTextNode(text);
      for (const w of [...wrappers].reverse()) {
        const outer = w.cloneNode(false);
        outer.append(node);
        node = outer;
      }
      return node;
    };
    const walk = (node, wrappers) => {
      for (const child of [...node.childNodes]) {
        if (child.nodeType === Node.TEXT_NODE) {
          child.textContent.split("\\n").forEach((piece, i) => {
            if (i) lines.push([]);
            if (piece) lines[lines.length - 1].push(wrap(piece, wrappers));
          });
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          walk(child, [...wrappers, child]);
        }
      }
    };
    walk(pre, []);
    while (lines.length > 1 && !lines[lines.length - 1].length) lines.pop();
    pre.replaceChildren(...lines.map((pieces) => {
      const line = document.createElement("span");
      line.className = "print-line";
      line.append(...pieces);
      const text = line.textContent;
      if (!text) line.textContent = " ";
      const indent = text.length - text.trimStart().length + 4;
      line.style.paddingLeft = indent + "ch";
      line.style.textIndent = -indent + "ch";
      return line;
    }));
    pre.classList.add("print-lines");
    // Code longer than a page cannot stay whole: it may break between its lines (print.css), or
    // Chromium would move it to a new page and leave its empty frame on the one before.
    if (lines.length > 40) (pre.closest("div.cell_input, div.cell_output") || pre).classList.add("print-long");
  }
}"""

# The rubric of each label, from the rubrics page: its section, without the heading's link.
RUBRICS = """(labels) => labels.map((label) => {
  const target = document.getElementById("rubric-" + label);
  if (!target) throw new Error("no rubric for " + label + " in rubrics.html");
  const section = target.closest("section").cloneNode(true);
  for (const link of section.querySelectorAll(".headerlink")) link.remove();
  section.querySelector("h2, h3").outerHTML =
    '<p class="print-rubric-title">Rubric: ' + section.querySelector("h2, h3").textContent + "</p>";
  section.className = "print-rubric";
  section.removeAttribute("id");
  return section.outerHTML;
})"""


# Run in every page before printing: a link whose text is its address gets it printed once, not twice.
MARK_BARE_LINKS = """() => {
  for (const a of document.querySelectorAll("a[href^='http']")) {
    if (a.textContent.trim() === a.getAttribute("href")) a.classList.add("print-bare");
  }
}"""


def find_browser():
    named = os.environ.get("CHROMIUM")
    if named:
        return named
    for name in BROWSERS:
        if shutil.which(name):
            return shutil.which(name)
    raise SystemExit(
        "python -m course.print_edition needs Chromium: apt-get install chromium "
        "(or set CHROMIUM to the browser's path)"
    )


def chapters():
    """(stem, title, exercises, what the sheet shows) of every chapter, from its notebook."""
    found = []
    for path in chapter_notebooks():
        nb = nbformat.read(path, as_version=4)
        items = exercise_cells(nb, path.name)
        for item in items:
            # The exercise's text after its options: what it asks students to do.
            body = cell_text(nb.cells[item["index"]]).split(":nonumber:", 1)[-1]
            item["room"] = room(item, body)
            item["files"] = files_to_read(item, body)
        found.append((path.stem, title(nb), items, sheet_contents(nb, items)))
    return found


def written_part(item):
    """Whether an exercise has a written answer: a reading or discussion question, or "written" points."""
    return item["kind"] in WRITTEN_KINDS or "written" in item["points"]


def lines_to_write(item):
    """The room a written answer gets: two lines a point (a point is five minutes' work), 4 to 8."""
    points = item["points"].get("written", 1)
    return min(MOST_LINES, max(FEWEST_LINES, LINES_PER_POINT * points))


QUESTION = re.compile(r"[^.?!\n]*\?")
WORDS = re.compile(r"\((?:about )?(\d+(?:–\d+)?) words\.?\)", re.I)


def room(item, body):
    """(lines, words) of the space to write an exercise's answer in, on the sheet: for a written part,
    lines_to_write and the words it asks for ("150–250", or None); for a code exercise that asks a
    question about its result ("Which states rise?"), three lines; none otherwise. ``body`` is the
    exercise's text."""
    if written_part(item):
        words = WORDS.search(body)
        return lines_to_write(item), words.group(1) if words else None
    if QUESTION.search(body):
        return 3, None
    return 0, None


DATA_FILE = re.compile(r"data/[\w-]+\.csv")


def files_to_read(item, body):
    """The files of data/ that a reading exercise asks students to read, such as data/record.csv:
    the sheet says that the reader prints them (the check of the print edition makes sure)."""
    if item["kind"] != "reading":
        return []
    return sorted(set(DATA_FILE.findall(body)))


# How an exercise refers to a figure ("the figure", "Fig. 1", "the worker chart") and to a table
# ("the evidence table", "the claims ledger", "the table of *Two framings*").
FIGURE_WORDS = re.compile(r"\b(figures?|fig\.|charts?)\b", re.I)
NOT_NAMES = {"a", "the", "its", "this", "that", "each", "every", "one", "same", "whole", "row"}
TABLE_NAMES = re.compile(
    r"\b(\w+)\s+table\b(?!\s+of\s+\*)|\b(ledger)\b|\btable\s+of\s+\*([^*]+)\*", re.I
)


def sheet_contents(nb, items):
    """What the exercise sheet shows besides the exercises: {"figures": ids, "tables": cells}.

    The figures: every figure of the chapter, if an exercise refers to a figure or a chart (the
    exercises say "the figure", "the figures", "Fig. 1" or "the worker chart"); none otherwise. The
    tables: for each table an exercise names ("the evidence table", "the claims ledger", "the table of
    *Two framings*"), the first code cell whose first line, or whose section's heading, has the name
    in it (a plural read as its singular, "claims" as "claim"); a cell is given by its first line,
    with the paragraphs (§9) the sentence naming the table cites, whose rows alone the sheet prints.
    """
    texts = " ".join(cell_text(nb.cells[item["index"]]) for item in items)
    names = [
        c.metadata["mystnb"]["figure"]["name"]
        for c in nb.cells
        if c.cell_type == "code" and "figure" in c.metadata.get("mystnb", {})
    ]
    # An exercise may name the figures it needs (its metadata's "figures"): the sheet then prints
    # those alone, large enough to read, instead of every figure of the chapter.
    named = [
        name
        for item in items
        for name in nb.cells[item["index"]].metadata["exercise"].get("figures", [])
    ]
    unknown = sorted(set(named) - set(names))
    if unknown:
        raise NotebookError(f"{title(nb)}: an exercise names no figure of the chapter: {unknown}")
    if named:
        figures = [name for name in names if name in named]
    elif FIGURE_WORDS.search(texts):
        figures = names
    else:
        figures = []
    tables = []
    for found in TABLE_NAMES.finditer(texts):
        word, ledger, named = found.groups()
        if (word or "").lower() in NOT_NAMES:
            continue
        name = " ".join((named or ledger or word).lower().split())
        # Paragraphs named in the same sentence ("the claims table above shows §9's channels"): the
        # excerpt keeps the rows that cite them.
        start = max(texts.rfind(". ", 0, found.start()), texts.rfind("(", 0, found.start()))
        end = min(
            i
            for i in (texts.find(". ", found.end()), texts.find(")", found.end()), len(texts))
            if i >= 0
        )
        paragraphs = sorted(set(re.findall(r"§\d+", texts[start:end])))
        name = name[:-1] if name.endswith("s") and not name.endswith("ss") else name
        heading = ""
        for cell in nb.cells:
            text = cell_text(cell)
            if cell.cell_type == "markdown" and text.startswith("## "):
                heading = text.splitlines()[0].lower()
            elif cell.cell_type == "code" and not text.startswith("# Setup"):
                first = text.splitlines()[0]
                if re.search(rf"\b{re.escape(name)}", f"{first.lower()} {heading}"):
                    if first not in [t["cell"] for t in tables]:
                        tables.append({"cell": first, "paragraphs": paragraphs})
                    break
    return {"figures": figures, "tables": tables}


def build(source, what):
    """The README's build command on ``source`` (the book's folder, or the student book's)."""
    jb = str(Path(sys.executable).with_name("jupyter-book"))
    if subprocess.run([jb, "build", str(source), "-W", "-n", "--keep-going", "-q"]).returncode:
        raise SystemExit(f"{what}'s build failed")


# What the two books are built from: a change to any of them makes the student edition again.
SOURCES = ("chapters", "data", "_static", "_ext", "_config.yml", "_toc.yml")


def newest_source():
    """The time of the newest file the books are built from (caches left out)."""
    files = [p for name in SOURCES for p in [ROOT / name, *(ROOT / name).rglob("*")] if p.is_file()]
    skip = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
    return max(p.stat().st_mtime for p in files if not skip & set(p.parts))


def ensure_builds(book, student_out):
    """The two books, up to date before they are printed: the book built again (Sphinx rebuilds
    only what changed, in seconds), and the student edition made again if the book's sources are
    newer than it. A book given with --book is printed as it is."""
    student_html = student_out / "book" / "_build" / "html"
    if book == BUILT_BOOK:
        print("building the book (only what changed since its last build)")
        build(ROOT, "the book")
    elif not (book / "index.html").exists():
        raise SystemExit(f"no built book in {book}")
    index = student_html / "index.html"
    if not index.exists() or index.stat().st_mtime < newest_source():
        print(f"making the student edition in {student_out} (missing, or older than the book)")
        from .student_edition import main as student_edition

        if student_edition(["--out", str(student_out)]):
            raise SystemExit("the student edition's build failed")
    return student_html


def print_all(book, student_html, paper="a4", out=None):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SystemExit(
            "printing needs Playwright, which the test set-up installs: "
            ".venv/bin/pip install -r requirements-dev.txt (README, Quickstart), "
            "then .venv/bin/python -m course.print_edition"
        ) from None

    # Into the two books, whose pages link them; or, with --out, into that folder alone.
    student_out = None if out else student_html / "print"
    out = out or book / "print"
    out.mkdir(parents=True, exist_ok=True)
    if student_out:
        student_out.mkdir(parents=True, exist_ok=True)
    written = []
    options = {
        "format": PAPER[paper],
        "print_background": True,
        "prefer_css_page_size": False,
        "display_header_footer": False,
    }
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(), args=BROWSER_ARGS)
        page = browser.new_page()
        for stem, name, exercises, contents in chapters():
            sheet_name, key_name, reader_name = pdf_names(stem)
            written_labels = [e["label"] for e in exercises if written_part(e)]

            page.goto((book / "chapters" / "rubrics.html").as_uri())
            rubrics = dict(zip(written_labels, page.evaluate(RUBRICS, written_labels)))

            def spec(key):
                return {
                    **contents,
                    "key": key,
                    "kind": "Answer key" if key else "Exercise sheet",
                    "exercises": [
                        {
                            "label": e["label"],
                            "code": "code" in e["points"],
                            "rubric": rubrics.get(e["label"]),
                            "title": e["title"],
                            "lines": e["room"][0],
                            "words": e["room"][1],
                            "files": e["files"],
                        }
                        for e in exercises
                    ],
                }

            student_page = (student_html / "chapters" / f"{stem}.html").as_uri()
            for pdf, url, script, arg in (
                (sheet_name, student_page, MAKE_SHEET, spec(False)),
                (key_name, (book / "chapters" / f"{stem}.html").as_uri(), MAKE_SHEET, spec(True)),
                (reader_name, student_page, MAKE_READER, None),
            ):
                page.goto(url)
                page.evaluate(MARK_BARE_LINKS)
                page.evaluate(script, arg)
                page.evaluate(SPLIT_CODE_LINES)
                page.wait_for_load_state("load")
                page.pdf(path=str(out / pdf), **options)
                written.append(out / pdf)
                if student_out and pdf != key_name:
                    shutil.copyfile(out / pdf, student_out / pdf)
            print(f"{name}: {sheet_name}, {key_name}, {reader_name}")
        browser.close()
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m course.print_edition", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--paper", choices=sorted(PAPER), default="a4", help="paper size (default: a4)"
    )
    parser.add_argument(
        "--book",
        default=str(BUILT_BOOK),
        help="the built book (default: _build/html/)",
    )
    parser.add_argument(
        "--student",
        default=str(ROOT / "_student"),
        help="the student edition's folder (default: _student/)",
    )
    parser.add_argument(
        "--out",
        help="write the PDFs into this folder only (default: the built book's "
        "print/, and the handouts into the student book's)",
    )
    args = parser.parse_args(argv)
    book = Path(args.book).resolve()
    student_html = ensure_builds(book, Path(args.student).resolve())
    written = print_all(
        book, student_html, args.paper, Path(args.out).resolve() if args.out else None
    )
    print(f"{len(written)} PDFs in {written[0].parent}")
    if not args.out and book == BUILT_BOOK:
        # A chapter page links only the PDFs there when it was built (_ext/print_links.py): the same
        # build command again rewrites the chapter pages alone, in a few seconds.
        print("linking them from the chapter pages: building both books again")
        build(ROOT, "the book")
        build(student_html.parents[1], "the student book")
    return 0


if __name__ == "__main__":
    sys.exit(main())
