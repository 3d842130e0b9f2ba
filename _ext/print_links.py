"""Sphinx extension: each chapter page links its printed handouts (python -m course.print_edition).

The full book links the exercise sheet, its answer key and the whole chapter as a reader; a book
that hides its solutions (hide_solutions: true, as python -m course.student_edition sets it) links
the sheet and the reader only.
The PDFs are written into the built site's print/ folder by the print command, after the build.

A page links only the PDFs that are there when it is built, so that a book built without them
(the README's build command alone) has no dead link: its chapters say how to print them instead.
Once they are printed, building the book again links them (the print command does): the chapters
whose PDFs have come or gone are rebuilt (not the other pages), even when nothing else changed.
"""

import re
from pathlib import Path

from docutils import nodes

CHAPTER = re.compile(r"^chapters/(\d\d-[\w-]+)$")


def pdf_names(stem):
    """The exercise sheet's, the answer key's and the reader's file names for a chapter (its
    stem)."""
    return f"{stem}-handout.pdf", f"{stem}-answer-key.pdf", f"{stem}-reader.pdf"


def printed(app, stem):
    """The names of a chapter's PDFs in the built site's print/ folder, now."""
    return sorted(p.name for p in (Path(app.outdir) / "print").glob(f"{stem}-*.pdf") if p.is_file())


def not_printed():
    """What a chapter says in place of its links while its PDFs are not printed."""
    command = "python -m course.print_edition"
    return [
        nodes.Text("not printed in this build of the book ("),
        nodes.literal(command, command),
        nodes.Text(" prints the PDFs and links them here)."),
    ]


def outdated_chapters(app, env, added, changed, removed):
    """Sphinx's env-get-outdated: the chapters whose PDFs have come or gone since they were
    built, to build again, so that their pages link what is there."""
    now = {}
    for docname in env.found_docs:
        found = CHAPTER.match(docname)
        if found:
            now[docname] = printed(app, found.group(1))
    before = getattr(env, "print_links_found", {})
    env.print_links_found = now
    return [doc for doc, names in now.items() if doc in before and before[doc] != names]


def add_links(app, doctree, docname):
    found = CHAPTER.match(docname)
    if not found or app.builder.format != "html":
        return
    handout, key, reader = pdf_names(found.group(1))
    links = [("Exercise sheet (PDF)", handout)]
    if not app.config.hide_solutions:
        links.append(("answer key (PDF)", key))
    links.append(("whole chapter (PDF)", reader))
    links = [(text, name) for text, name in links if name in printed(app, found.group(1))]
    para = nodes.paragraph(classes=["print-links"])
    para += nodes.Text("Print: ")
    if not links:
        para += not_printed()
    for i, (text, name) in enumerate(links):
        if i:
            para += nodes.Text(" · ")
        para += nodes.reference(text, text, refuri=f"../print/{name}", classes=["print-link"])
    if links:
        para += nodes.Text(".")
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        return
    section = title.parent
    section.insert(section.index(title) + 1, para)


def setup(app):
    app.connect("env-get-outdated", outdated_chapters)
    app.connect("doctree-resolved", add_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
