"""Write a coded folder's figure positions to its layout.csv, for you to edit.

    python -m course.layout FOLDER [--force]

FOLDER/layout.csv gets one row per actor, ``id,x,y``: the positions chapter 6's figures use now,
that is the folder's layout.csv where it places an actor and the seeded layout for the others.
Move an actor by changing its x (left to right) and y (bottom to top), save, and run the chapter
again: every figure places it there. An existing layout.csv with rows is left as it is unless
--force is given.
"""

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "chapters"))  # the chapters' helper

from summitkit import load_data, positions  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m course.layout", description=__doc__.split("\n")[0]
    )
    parser.add_argument("folder", help="the coded folder, such as my-article")
    parser.add_argument(
        "--force", action="store_true", help="overwrite a layout.csv that has rows already"
    )
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    try:
        data = load_data(folder)
    except (FileNotFoundError, ValueError) as err:  # DataError is a ValueError
        print(f"layout: {err}", file=sys.stderr)
        return 2
    path = folder / "layout.csv"
    if len(data.layout) and not args.force:
        print(
            f"layout: {path} has positions already; it is left as it is. Edit it, or give "
            "--force to write the seeded positions over it.",
            file=sys.stderr,
        )
        return 2
    pos = positions(data)
    if not pos:
        print(f"layout: {folder}/actors.csv lists no actor yet: nothing to place.", file=sys.stderr)
        return 2
    order = [node for node in data.actors["id"] if node in pos]  # actors.csv's order
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["id", "x", "y"])
        writer.writerows([node, *(float(c) for c in pos[node])] for node in order)
    print(
        f"Wrote {path}: {len(order)} actors, at the positions the figures use now. Change an "
        "actor's x (left to right) and y (bottom to top) to move it, save, and run chapter 6 again."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
