"""Print the handouts: for every chapter, a student handout and an answer key, as PDF.

    python -m course.print_edition [--paper a4|letter] [--book _build/html] [--student _student]

From the built pages, printed by Chromium (Debian's /usr/bin/chromium, or the browser named by the
CHROMIUM environment variable) through Playwright, with the book's print stylesheet
(_static/print.css):

* ``NN-title-handout.pdf``, from the student edition's page: no solutions, and room to write under
  every reading and discussion question;
* ``NN-title-answer-key.pdf``, from the full book's page: every solution printed open, then the
  rubrics of the chapter's reading and discussion questions (chapters/rubrics.md).

Both go into the full book's ``print/`` folder (``_build/html/print/``), which the chapter pages link
and the Pages workflow publishes; the handouts also go into the student book's. A missing build is
made first: the full book with the README's build command, the student edition with
``python -m course.student_edition``.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from .notebooks import ROOT, chapter_notebooks, exercise_cells, title

sys.path.insert(0, str(ROOT / "_ext"))
from print_links import pdf_names  # noqa: E402 (the names the chapter pages link)

PAPER = {"a4": "A4", "letter": "Letter"}
LINES_TO_WRITE = {"reading": 12, "discussion": 16}  # 9 mm apart: about 11 cm and 15 cm

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--font-render-hinting=none"]

# Run in the page before printing the student handout: room to write under each question.
MAKE_ROOM = """(spaces) => {
  for (const [label, lines] of Object.entries(spaces)) {
    const box = document.getElementById(label);
    if (!box) throw new Error("no exercise " + label + " in the page");
    const room = document.createElement("div");
    room.className = "print-answer-space";
    room.setAttribute("aria-hidden", "true");
    room.innerHTML = "<p>Your answer:</p>" + '<div class="line"></div>'.repeat(lines);
    box.after(room);
  }
}"""

# Run in the page before printing the answer key: every folded solution open, the rubrics after.
OPEN_AND_ADD_RUBRICS = """(rubrics) => {
  for (const el of document.querySelectorAll(".toggle-hidden")) el.classList.remove("toggle-hidden");
  for (const el of document.querySelectorAll("details")) el.open = true;
  for (const el of document.querySelectorAll(".dropdown")) el.classList.remove("dropdown");
  if (rubrics.length) {
    const part = document.createElement("section");
    part.className = "print-rubrics";
    part.innerHTML = "<h2>Rubrics for the written answers</h2>" + rubrics.join("\\n");
    document.querySelector("main article, article.bd-article, main").append(part);
  }
}"""

# The rubric of each label, from the rubrics page: its section, without the heading's link.
RUBRICS = """(labels) => labels.map((label) => {
  const target = document.getElementById("rubric-" + label);
  if (!target) throw new Error("no rubric for " + label + " in rubrics.html");
  const section = target.closest("section").cloneNode(true);
  for (const link of section.querySelectorAll(".headerlink")) link.remove();
  section.querySelector("h2, h3").outerHTML = "<h3>" + section.querySelector("h2, h3").textContent + "</h3>";
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
    """(stem, title, exercises) of every chapter, from its notebook."""
    found = []
    for path in chapter_notebooks():
        nb = nbformat.read(path, as_version=4)
        found.append((path.stem, title(nb), exercise_cells(nb, path.name)))
    return found


def ensure_builds(book, student_out):
    student_html = student_out / "book" / "_build" / "html"
    if not (book / "index.html").exists():
        print(f"no built book in {book}: building it")
        jb = str(Path(sys.executable).with_name("jupyter-book"))
        if subprocess.run([jb, "build", str(ROOT), "-W", "-n", "--keep-going"]).returncode:
            raise SystemExit("the book's build failed")
    if not (student_html / "index.html").exists():
        print(f"no student edition in {student_out}: making it")
        from .student_edition import main as student_edition

        if student_edition(["--out", str(student_out)]):
            raise SystemExit("the student edition's build failed")
    return student_html


def print_all(book, student_html, paper="a4", out=None):
    from playwright.sync_api import sync_playwright

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
        for stem, name, exercises in chapters():
            handout_name, key_name = pdf_names(stem)
            written_labels = [e["label"] for e in exercises if e["kind"] in LINES_TO_WRITE]

            page.goto((book / "chapters" / "rubrics.html").as_uri())
            rubrics = page.evaluate(RUBRICS, written_labels)

            page.goto((student_html / "chapters" / f"{stem}.html").as_uri())
            page.evaluate(MARK_BARE_LINKS)
            page.evaluate(
                MAKE_ROOM,
                {
                    e["label"]: LINES_TO_WRITE[e["kind"]]
                    for e in exercises
                    if e["kind"] in LINES_TO_WRITE
                },
            )
            page.pdf(path=str(out / handout_name), **options)
            if student_out:
                shutil.copyfile(out / handout_name, student_out / handout_name)

            page.goto((book / "chapters" / f"{stem}.html").as_uri())
            page.evaluate(MARK_BARE_LINKS)
            page.evaluate(OPEN_AND_ADD_RUBRICS, rubrics)
            page.pdf(path=str(out / key_name), **options)
            written += [out / handout_name, out / key_name]
            print(f"{name}: {handout_name}, {key_name}")
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
        default=str(ROOT / "_build" / "html"),
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
