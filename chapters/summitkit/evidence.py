"""The evidence check: is every excerpt in a coded folder word for word in the paragraph it cites?

``check_evidence(article_path, folder)`` first checks every file of the folder as the loader does,
and names every problem the loader would refuse (``load_data`` stops at the first; this goes on),
and every value of ``text.csv`` that is still ``new_article``'s placeholder. Then it reads a
plain-text copy of the article and the folder's ``ties.csv``, ``channels.csv`` and ``claims.csv``,
and adds one ``Problem`` per excerpt that fails. The list is empty when the folder loads, its
text is described and every excerpt is verbatim. ``python -m course.check_evidence`` prints them.

The article's copy is plain text: one paragraph per block, blocks separated by a blank line, each
starting with the paragraph's id and a colon (``1: The first paragraph…``; a leading ``§`` on the id
is dropped, so ``§9:`` is paragraph ``9``). Lines that start with ``#`` are comments. A block whose
first word is not an id matching text.csv's ``id_pattern`` (a title, an address) is skipped and
counted.

What the matching ignores, and nothing else:

* curly and straight quotation marks are the same (‘ ’ as ', “ ” as ");
* a run of whitespace (spaces, line breaks, tabs) is one space, and leading or trailing spaces do
  not count.

Everything else must be exact: case, punctuation, dashes, spelling (a typo in the article is quoted
as it stands). An excerpt must also start and end at the edge of a word: "rong ties" is not an
excerpt of "strong ties".

It reads the file and returns (or prints) what it found: it never sends the text anywhere or stores
it.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .loading import DataError, validate
from .templates import PLACEHOLDERS

# The folder's files whose rows quote the text: a paragraph id and an evidence excerpt.
QUOTING_FILES = ("ties.csv", "channels.csv", "claims.csv")

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_BLOCK_ID = re.compile(r"([^:\n]+?):(?:\s+|$)")


@dataclass(frozen=True)
class Problem:
    """One excerpt that fails the check, and where it is."""

    file: str
    line: int
    column: str
    paragraph: str
    message: str

    def __str__(self):
        where = f"{self.file}, line {self.line}" if self.line else self.file
        if self.column:
            where += f", column '{self.column}'"
        if self.paragraph:
            where += f", paragraph {self.paragraph}"
        return f"{where}: {self.message}"


class Report(list):
    """The problems found (a list of ``Problem``), with what was read: ``checked``, the number of
    excerpts checked; ``paragraphs``, the article's paragraph ids in order; ``skipped``, the number
    of blocks of the article's copy that did not start with a paragraph id; ``in_files``, the number
    of problems in the files themselves (the loader's rules and text.csv's placeholders), which come
    first."""

    def __init__(self, problems=(), checked=0, paragraphs=(), skipped=0, in_files=0):
        super().__init__(problems)
        self.checked, self.paragraphs, self.skipped = checked, list(paragraphs), skipped
        self.in_files = in_files


def normalise(text):
    """The text as the check compares it: straight quotation marks, single spaces."""
    return " ".join(text.translate(_QUOTES).split())


def read_article(article_path, id_pattern, id_example="1"):
    """Read the article's copy: ({paragraph id: (text, line)}, blocks skipped, problems).

    Raises ``DataError`` if the file cannot be read or holds no paragraph.
    """
    path = Path(article_path)
    if not path.is_file():
        raise DataError(
            f"{path}: file not found; expected the article's text, one paragraph per block."
        )
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # -sig: Notepad's byte-order mark
    except UnicodeDecodeError as err:
        raise DataError(
            f"{path}: not valid UTF-8 (byte {err.start}); save it as UTF-8 (plain text)."
        ) from None
    pattern = re.compile(id_pattern)

    blocks, current = [], None  # (first line, [lines])
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("#"):
            continue  # a comment
        if not line.strip():
            current = None
        elif current is None:
            current = (number, [line])
            blocks.append(current)
        else:
            current[1].append(line)

    paragraphs, skipped, problems = {}, 0, []
    for first_line, block in blocks:
        text = " ".join(block).strip()
        match = _BLOCK_ID.match(text)
        paragraph = match.group(1).strip().removeprefix("§") if match else ""
        if not match or not pattern.fullmatch(paragraph):
            skipped += 1
            continue
        if paragraph in paragraphs:
            problems.append(
                Problem(
                    str(path),
                    first_line,
                    "",
                    paragraph,
                    f"paragraph {paragraph} appears twice in the article's text (also on line "
                    f"{paragraphs[paragraph][1]}); the check uses the first",
                )
            )
            continue
        paragraphs[paragraph] = (text[match.end() :], first_line)
    if not paragraphs:
        raise DataError(
            f"{path}: no paragraph found ({skipped} blocks skipped); expected blocks separated by "
            f"a blank line, each starting with a paragraph id that matches text.csv's id_pattern "
            f"{id_pattern} and a colon, such as "
            f"'{id_example.split(' or ')[0]}: The first paragraph'."
        )
    return paragraphs, skipped, problems


def _quoting_rows(folder, skip=()):
    """Each row of the quoting files that has a paragraph and an excerpt: (file, line, paragraph,
    excerpt). ``skip``: files not to read (those the loader could not read)."""
    for name in QUOTING_FILES:
        path = Path(folder) / name
        if not path.exists() or name in skip:
            continue  # an optional file, or one the loader's checks named already
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames is None:
                continue  # an empty file
            start = reader.line_num + 1  # the line a row starts on (a quoted value may span lines)
            for row in reader:
                paragraph = (row.get("paragraph") or "").strip().removeprefix("§")
                evidence = (row.get("evidence") or "").strip()
                if paragraph and evidence:
                    yield str(path), start, paragraph, evidence
                start = reader.line_num + 1


def _find(excerpt, text):
    """Whether the (normalised) excerpt is in the (normalised) text, starting and ending at a word's
    edge."""
    for match in re.finditer(re.escape(excerpt), text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if not (excerpt[0].isalnum() and before.isalnum()) and not (
            excerpt[-1].isalnum() and after.isalnum()
        ):
            return True
    return False


def closest_passage(excerpt, text):
    """The passage of ``text`` with as many words as ``excerpt`` that is most like it (difflib's
    ratio)."""
    words = text.split()
    size = len(excerpt.split())
    wanted = normalise(excerpt)
    best, best_ratio = " ".join(words), -1.0
    for start in range(max(1, len(words) - size + 1)):
        passage = " ".join(words[start : start + size])
        ratio = difflib.SequenceMatcher(None, wanted, normalise(passage)).ratio()
        if ratio > best_ratio:
            best, best_ratio = passage, ratio
    return best


def file_problems(folder):
    """Every problem of the folder's files, as ``Problem`` records: each one the loader would refuse
    (``validate``), then each value of text.csv that is still ``new_article``'s placeholder. Also
    returns ``validate``'s answer. Raises ``DataError`` for a folder that does not exist."""
    folder = Path(folder)
    found = validate(folder)
    problems = []
    for err in found:
        message = str(err)
        where = re.match(r"^([^,:]+)(?:, line (\d+))?(?:, column '([^']*)')?: ", message)
        file, line, column = where.groups() if where else ("", None, None)
        problems.append(
            Problem(
                str(folder / file) if file else str(folder),
                int(line or 0),
                column or "",
                "",
                message[where.end() :] if where else message,
            )
        )
    text = found.text or {}
    for column, placeholder in PLACEHOLDERS.items():
        if text.get(column) == placeholder:
            problems.append(
                Problem(
                    str(folder / "text.csv"),
                    text["_line"],
                    column,
                    "",
                    f"found {placeholder!r}, the placeholder new_article wrote; expected the "
                    f"text's own {column}: replace the placeholder.",
                )
            )
    return problems, found


def check_evidence(article_path, folder):
    """Check the files of ``folder``, and every excerpt against the article's copy at
    ``article_path``.

    Returns a ``Report``: a list of ``Problem`` records (file, line, column, paragraph, message),
    first every problem of the files (``file_problems``: all of them, where ``load_data`` raises the
    first), then every excerpt that is not verbatim in its paragraph; empty when there is none.
    Raises ``DataError`` (with its message) if the folder does not exist or the article's copy
    cannot be read.
    """
    in_files, found = file_problems(folder)
    text = found.text or {}
    id_pattern, id_example = text.get("id_pattern") or r"[^\s:]+", text.get("id_example") or "1"
    try:
        re.compile(id_pattern)
    except re.error:  # named among the files' problems; read the ids as words
        id_pattern, id_example = r"[^\s:]+", "1"
    paragraphs, skipped, problems = read_article(article_path, id_pattern, id_example)
    problems = in_files + problems
    texts = {paragraph: normalise(text) for paragraph, (text, _) in paragraphs.items()}
    article = Path(article_path).name

    checked = 0
    for file, line, paragraph, evidence in _quoting_rows(folder, skip=found.stopped):
        checked += 1
        excerpt = normalise(evidence)  # its length the loader has checked already
        elsewhere = [
            other for other, text in texts.items() if other != paragraph and _find(excerpt, text)
        ]
        hint = f"; it is in paragraph {elsewhere[0]}: wrong paragraph id?" if elsewhere else ""
        if paragraph not in texts:
            problems.append(
                Problem(
                    file,
                    line,
                    "paragraph",
                    paragraph,
                    f"missing paragraph: {article} has no paragraph {paragraph}{hint}",
                )
            )
        elif not _find(excerpt, texts[paragraph]):
            closest = closest_passage(evidence, paragraphs[paragraph][0])
            problems.append(
                Problem(
                    file,
                    line,
                    "evidence",
                    paragraph,
                    f"{evidence!r} is not verbatim in paragraph {paragraph}; the closest passage "
                    f"there is {closest!r}{hint}",
                )
            )
    return Report(
        problems, checked=checked, paragraphs=paragraphs, skipped=skipped, in_files=len(in_files)
    )
