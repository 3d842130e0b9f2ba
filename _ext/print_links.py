"""Sphinx extension: each chapter page links its printed handouts (python -m course.print_edition).

The full book links the student handout and the answer key; a book that hides its solutions
(hide_solutions: true, as python -m course.student_edition sets it) links the handout only.
The PDFs are written into the built site's print/ folder by the print command, after the build.
"""

import re

from docutils import nodes

CHAPTER = re.compile(r"^chapters/(\d\d-[\w-]+)$")


def pdf_names(stem):
    """The handout's and the answer key's file names for a chapter (the notebook's stem)."""
    return f"{stem}-handout.pdf", f"{stem}-answer-key.pdf"


def add_links(app, doctree, docname):
    found = CHAPTER.match(docname)
    if not found or app.builder.format != "html":
        return
    handout, key = pdf_names(found.group(1))
    links = [("Student handout (PDF)", handout)]
    if not app.config.hide_solutions:
        links.append(("answer key (PDF)", key))
    para = nodes.paragraph(classes=["print-links"])
    para += nodes.Text("Print: ")
    for i, (text, name) in enumerate(links):
        if i:
            para += nodes.Text(" · ")
        para += nodes.reference(text, text, refuri=f"../print/{name}", classes=["print-link"])
    para += nodes.Text(".")
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        return
    section = title.parent
    section.insert(section.index(title) + 1, para)


def setup(app):
    app.connect("doctree-resolved", add_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
