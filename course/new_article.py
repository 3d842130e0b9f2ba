"""Write a blank coded folder for a new article, and the template for your copy of its text.

    python -m course.new_article FOLDER [--title T] [--publisher P] [--date YYYY-MM-DD] [--url U]
                                        [--id-pattern RE --id-example EX]

FOLDER gets text.csv (placeholders for the values not given), sections.csv (one section, main),
paragraphs.csv, actors.csv, ties.csv and channels.csv (headers only) and article.txt; it loads with
load_data(FOLDER), and check_evidence names each placeholder until it is replaced. An existing folder that is not empty is refused:
nothing is overwritten. The work is done by summitkit.templates, which the notebooks can call too.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "chapters"))  # the chapters' helper

from summitkit.templates import (  # noqa: E402
    DEFAULT_ID_EXAMPLE,
    DEFAULT_ID_PATTERN,
    WRITTEN,
    new_article,
    next_steps,
)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m course.new_article", description=__doc__.split("\n")[0]
    )
    parser.add_argument("folder", help="the folder to write, such as my-article")
    parser.add_argument("--title", help="the text's title")
    parser.add_argument("--publisher", help="who published it")
    parser.add_argument("--date", help="its date, YYYY-MM-DD")
    parser.add_argument("--url", help="its address, starting http:// or https://")
    parser.add_argument(
        "--id-pattern",
        help=f"a regular expression every paragraph id matches in full "
        f"(default: {DEFAULT_ID_PATTERN}, paragraphs 1, 2, 3...)",
    )
    parser.add_argument(
        "--id-example",
        help=f"an id the pattern matches, for messages (default: {DEFAULT_ID_EXAMPLE})",
    )
    args = parser.parse_args(argv)
    if (args.id_pattern is None) != (args.id_example is None):
        parser.error("give --id-pattern and --id-example together")

    try:
        folder = new_article(
            args.folder,
            title=args.title,
            publisher=args.publisher,
            date=args.date,
            url=args.url,
            id_pattern=args.id_pattern,
            id_example=args.id_example,
        )
    except (FileExistsError, ValueError) as err:  # DataError is a ValueError
        print(f"new_article: {err}", file=sys.stderr)
        return 2
    placeholders = [
        name for name in ("title", "publisher", "date", "url") if not getattr(args, name)
    ]
    files = ", ".join(sorted(p.name for p in folder.iterdir()))
    loads = WRITTEN if placeholders else "It loads with load_data."
    print(f"Wrote {folder}: {files}. {loads}\n\nNext steps:")
    print(next_steps(folder, placeholders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
