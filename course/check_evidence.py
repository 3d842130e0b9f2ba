"""Check a coded folder's files, and that every excerpt is word for word in the paragraph it cites.

    python -m course.check_evidence ARTICLE.txt FOLDER

ARTICLE.txt is your copy of the text: one paragraph per block, each starting with its id and a colon
(``python -m course.new_article`` writes a template). The check first names every problem in FOLDER's
files that load_data would refuse (load_data stops at the first; this lists them all, each with its
file, line, column and what is expected) and every placeholder still in text.csv. Then it reads every
row of FOLDER's ties.csv, channels.csv and claims.csv that has a paragraph and an excerpt, and prints
each excerpt that is not verbatim, with its file, line, column and paragraph; then the count. It reads
the files and prints: it sends and stores nothing.
Exit code: 0 when there is no problem, 1 when there is one or more, 2 for bad input (a folder or an
article's copy that is missing or cannot be read).
The work is done by summitkit.evidence, which the notebooks can call too (its docstring says what
the matching ignores).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "chapters"))  # the chapters' helper

from summitkit.evidence import QUOTING_FILES, check_evidence  # noqa: E402
from summitkit.loading import DataError  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m course.check_evidence", description=__doc__.split("\n")[0]
    )
    parser.add_argument("article", help="your copy of the text, such as my-article/article.txt")
    parser.add_argument("folder", help="the coded folder, such as my-article")
    args = parser.parse_args(argv)

    try:
        report = check_evidence(args.article, args.folder)
    except DataError as err:
        print(f"check_evidence: {err}", file=sys.stderr)
        return 2
    skipped = (
        f"; {report.skipped} block(s) skipped, not starting with a paragraph id"
        if report.skipped
        else ""
    )
    print(f"Read {args.article}: {len(report.paragraphs)} paragraphs{skipped}.")
    for problem in report:
        print(problem)
    files = ", ".join(name for name in QUOTING_FILES if (Path(args.folder) / name).exists())
    in_excerpts = len(report) - report.in_files
    detail = (
        f" ({report.in_files} in the files, {in_excerpts} in the excerpts)"
        if report.in_files
        else ""
    )
    print(
        f"Checked the files of {Path(args.folder)} and {report.checked} excerpts ({files}): "
        f"{len(report)} problem{'' if len(report) == 1 else 's'}{detail}."
    )
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
