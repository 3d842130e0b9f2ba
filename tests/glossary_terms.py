"""The glossary's terms, and where each chapter first uses each one in its prose.

A use counts when it is running text in a markdown cell: not in a heading, code, a link's text,
italics (where exercise titles are), a quotation from the article, or a directive's options. tests/test_notebooks.py requires the first
use in every chapter to be a {term} link to the glossary.
"""

import re
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent.parent / "chapters" / "glossary.md"
ROLE = re.compile(r"\{term\}`([^`<]*?)(?: <([^>]+)>)?`")


def glossary_terms(text=None):
    """The terms defined in chapters/glossary.md, as written there."""
    text = GLOSSARY.read_text(encoding="utf-8") if text is None else text
    terms = []
    for block in re.findall(r"^:::\{glossary\}\n(.*?)^:::", text, re.M | re.S):
        terms += [line.strip() for line in block.splitlines() if line and not line.startswith(" ")]
    return terms


def term_pattern(term):
    return re.compile(rf"\b{re.escape(term)}(?:s|es)?\b", re.I)


def _blocked(before):
    """Whether the end of a paragraph's text so far is inside code, a link's text, a quotation or
    italics (exercise titles are in italics)."""
    return (
        before.replace("**", "").count("*") % 2 == 1
        or before.count("`") % 2 == 1
        or before.count('"') % 2 == 1
        or before.count("“") > before.count("”")
        or before.rfind("[") > before.rfind("]")
    )


def first_uses(nb, terms):
    """{term: (cell index, start, end, linked)} of each term's first use in the chapter's prose."""
    found = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or "chapter-glossary" in cell.metadata.get("tags", []):
            continue  # the chapter's own copy of its glossary entries (course/chapter_glossary.py)
        text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        fence = False
        offset = 0
        paragraph = (
            0  # where the current paragraph starts: quotations can span lines, not paragraphs
        )
        for line in text.splitlines(keepends=True):
            if not line.strip():
                paragraph = offset + len(line)
            stripped = line.strip()
            if stripped.startswith("```"):
                fence = not fence if not re.match(r"^`{3,}\{", stripped) else fence
            skip = fence or stripped.startswith(
                ("#", ":", "```", "|", "%", "- Cartwright", "- Heider")
            )
            if not skip:
                roles = [
                    (m.start(), m.end(), (m.group(2) or m.group(1)).lower())
                    for m in ROLE.finditer(line)
                ]
                for term in terms:
                    if term in found:
                        continue
                    for m in term_pattern(term).finditer(line):
                        inside = next((r for r in roles if r[0] <= m.start() < r[1]), None)
                        if inside:
                            found[term] = (
                                i,
                                offset + m.start(),
                                offset + m.end(),
                                inside[2] == term.lower(),
                            )
                            break
                        if not _blocked(text[paragraph : offset + m.start()]):
                            found[term] = (i, offset + m.start(), offset + m.end(), False)
                            break
            offset += len(line)
    return found
