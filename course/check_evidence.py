"""Check that every excerpt in a coded folder is word for word in the paragraph it cites.

    python -m course.check_evidence ARTICLE.txt FOLDER

ARTICLE.txt is your copy of the text: one paragraph per block, each starting with its id and a colon
(``python -m course.new_article`` writes a template). The check reads every row of FOLDER's ties.csv,
channels.csv and claims.csv that has a paragraph and an excerpt, and prints each problem with its
file, line, column and paragraph. It reads the file and prints: it sends and stores nothing.
Exit code: 0 when every excerpt is verbatim, 1 when there is a problem, 2 for bad input.
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
    print(
        f"Checked {report.checked} excerpts in {Path(args.folder)} ({files}): "
        f"{len(report)} problem{'' if len(report) == 1 else 's'}."
    )
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
