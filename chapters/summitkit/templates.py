"""Blank templates for a new article: a coded folder that loads, and a plain-text file for the
article.

``new_article(folder, title=..., publisher=..., date=..., url=..., id_pattern=..., id_example=...)``
writes the folder; ``python -m course.new_article`` calls it and prints ``next_steps()``.
"""

from __future__ import annotations

import csv
import os
import re
from datetime import date as Date
from pathlib import Path

from .loading import COLUMNS, MAX_EVIDENCE_WORDS, TIE_STATUSES, URL_PATTERN, load_data

ROOT = Path(__file__).resolve().parents[2]

# What text.csv holds until the student replaces it: values that load, and say what they stand for.
PLACEHOLDERS = {
    "title": "TITLE OF THE ARTICLE (replace)",
    "publisher": "PUBLISHER (replace)",
    "date": "2000-01-01",
    "url": "https://example.org/replace-with-the-articles-address",
}
DEFAULT_ID_PATTERN, DEFAULT_ID_EXAMPLE = r"\d+", "1"

# sections.csv's one row: a text without parts is one section. It is no placeholder: the loader
# needs a section, and this one fits any text without parts (replace it with the parts or versions).
SECTION = {"id": "main", "title": "The text", "date": "", "url": ""}

# The files written with their header only: the student fills them.
HEADER_ONLY = ("paragraphs.csv", "actors.csv", "ties.csv", "channels.csv")

# What the folder's state is once written, as new_article's command and the codebook say it.
WRITTEN = (
    "It loads with load_data as it is (the placeholders in text.csv pass the loader's checks), "
    "and check_evidence names each placeholder until you replace it."
)

ARTICLE_TEMPLATE = """\
# Your copy of the article, for the evidence check:
#     python -m course.check_evidence {folder}/article.txt {folder}
# It stays on your computer (or in a private course space), never in a public repository: the
# article's text belongs to its publisher. The check reads this file and prints; it sends nothing.
#
# The format. One paragraph per block, blocks separated by a blank line. A block starts with the
# paragraph's id and a colon, then the paragraph's text, copied exactly as published (a long
# paragraph may run over several lines: they are read as one). The ids are the ones in
# paragraphs.csv: they match text.csv's id_pattern ({id_pattern}, such as {id_example}).
# Number every paragraph of the text, in order. Lines that start with # are comments, like these:
# the check skips them, and it skips (and counts) any block that does not start with an id.
#
# For example (without the # and the spaces before the id):
#
#     {id_example}: The first paragraph, copied exactly as published, with its
#     quotation marks and its typos.
#
#     {second}: The next paragraph.
#
# Write the article below this line.
"""


def _check_fields(fields):
    """Refuse, before anything is written, values that would not load."""
    if fields["date"] != PLACEHOLDERS["date"]:
        try:
            Date.fromisoformat(fields["date"])
        except ValueError:
            raise ValueError(
                f"--date {fields['date']!r}: expected a date written YYYY-MM-DD, such as 2018-06-08"
            ) from None
    if not URL_PATTERN.match(fields["url"]):
        raise ValueError(
            f"--url {fields['url']!r}: expected the address, starting http:// or https://"
        )
    try:
        pattern = re.compile(fields["id_pattern"])
    except re.error as err:
        raise ValueError(
            f"--id-pattern {fields['id_pattern']!r}: not a regular expression ({err})"
        ) from None
    if not all(pattern.fullmatch(example) for example in fields["id_example"].split(" or ")):
        raise ValueError(
            f"--id-example {fields['id_example']!r}: expected an id that --id-pattern "
            f"{fields['id_pattern']!r} matches in full"
        )


def _write_csv(path, header, rows=()):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def new_article(
    folder,
    title=None,
    publisher=None,
    date=None,
    url=None,
    id_pattern=DEFAULT_ID_PATTERN,
    id_example=DEFAULT_ID_EXAMPLE,
):
    """Write a blank coded folder for a new article, and return its path.

    The folder gets text.csv (the values given, or PLACEHOLDERS), sections.csv (SECTION, one undated
    section, ``main``), paragraphs.csv, actors.csv, ties.csv and channels.csv with their headers
    only, and article.txt, the template for the student's own copy of the article. It loads with
    ``load_data(folder)``, placeholders and all; ``check_evidence`` names each placeholder. Raises
    ``FileExistsError`` if the folder exists and is not empty (nothing is overwritten), and
    ``ValueError`` for a value that would not load.
    """
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(
            f"{folder}: already exists and is not empty; nothing was written. "
            "Choose a new folder name, or empty this one first."
        )
    given = {"title": title, "publisher": publisher, "date": date, "url": url}
    fields = {name: value if value else PLACEHOLDERS[name] for name, value in given.items()}
    fields.update(
        id_pattern=id_pattern or DEFAULT_ID_PATTERN, id_example=id_example or DEFAULT_ID_EXAMPLE
    )
    _check_fields(fields)

    folder.mkdir(parents=True, exist_ok=True)
    _write_csv(folder / "text.csv", COLUMNS["text.csv"], [[fields[c] for c in COLUMNS["text.csv"]]])
    _write_csv(
        folder / "sections.csv",
        COLUMNS["sections.csv"],
        [[SECTION[c] for c in COLUMNS["sections.csv"]]],
    )
    for name in HEADER_ONLY:
        _write_csv(folder / name, COLUMNS[name])
    second = "2" if fields["id_example"] == DEFAULT_ID_EXAMPLE else "(the next id)"
    (folder / "article.txt").write_text(
        ARTICLE_TEMPLATE.format(folder=folder.as_posix(), second=second, **fields), encoding="utf-8"
    )
    load_data(folder)  # the promise: the blank folder loads
    return folder


def next_steps(folder, placeholders=()):
    """What to do after ``new_article``, as text to print. ``placeholders``: text.csv's fields still
    holding a placeholder."""
    folder = Path(folder)
    # The notebook runs in chapters/: a folder in the repository is named from there, any other in
    # full.
    if folder.resolve().is_relative_to(ROOT):
        from_chapters = Path(os.path.relpath(folder.resolve(), ROOT / "chapters")).as_posix()
    else:
        from_chapters = folder.resolve().as_posix()
    steps = []
    if placeholders:
        steps.append(
            f"Replace the placeholders in {folder / 'text.csv'}: {', '.join(placeholders)} "
            "(they only let the folder load; check_evidence names each one until you do)."
        )
    steps += [
        f"Keep the one section of {folder / 'sections.csv'}, {SECTION['id']} "
        f"({SECTION['title']!r}), if the text has no parts; otherwise replace it with one row per "
        "part (or per dated version).",
        f"Copy the article into {folder / 'article.txt'}, one paragraph per block, each starting "
        "with its id and a colon (the file's comments say how). Keep that file out of public "
        "repositories: the text belongs to its publisher.",
        f"Code it: {folder / 'paragraphs.csv'} (one row per paragraph, the same ids), "
        f"{folder / 'actors.csv'} (the first row is the text's subject) and "
        f"{folder / 'ties.csv'}, each tie with its status ({', '.join(TIE_STATUSES[:-1])} or "
        f"{TIE_STATUSES[-1]}: how firmly the text states it), its paragraph and an excerpt of at "
        f"most {MAX_EVIDENCE_WORDS} words copied word for word; "
        "channels.csv if the text describes flows. The codebook page of the book says how.",
        "Check the files and the excerpts (every problem at once): "
        f"python -m course.check_evidence {folder / 'article.txt'} {folder}",
        "Open chapter 6 (chapters/06-your-own-article.ipynb), set "
        f'FOLDER = "{from_chapters}" and run it.',
    ]
    return "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))
