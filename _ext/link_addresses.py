"""Sphinx extension: every web address links exactly as the chapter writes it.

myst-parser 3 (the version Jupyter Book 1 requires) HTML-escapes a link's address when it reads
the Markdown, and Sphinx escapes it again when it writes the page: an address with a query string,
such as ``news_view.htm?lang=e&Seq_Code=185192``, got ``&amp;amp;`` in its ``href``, a broken link
(myst-parser issue 760). The print command, which prints an address after a reference only when
the link's text is not already that address, then saw the two differ and printed it twice.
This undoes myst-parser's escaping when a page is read, so that Sphinx's is the only one.
"""

from docutils import nodes


def restore_addresses(app, doctree):
    for ref in doctree.findall(nodes.reference):
        # Only "&" needs undoing: the parser has already percent-encoded any <, > or " in an
        # address. (Not html.unescape, which would also read "&sect=2" in a query as "§=2".)
        if "&amp;" in ref.get("refuri", ""):
            ref["refuri"] = ref["refuri"].replace("&amp;", "&")


def setup(app):
    app.connect("doctree-read", restore_addresses)
    # A new env_version makes Sphinx read every page again, so no page read before keeps "&amp;".
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
