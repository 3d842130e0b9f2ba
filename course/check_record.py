"""Check a contributed file of events for data/record.csv before it is merged.

    python -m course.check_record FILE [--as-of YYYY-MM-DD]

FILE has record.csv's columns (a class's year of events, such as record-2026.csv). Every row gets the
loader's rules for record.csv, against data/'s actors; it may be dated after the record's date
(RECORD_AS_OF), but not after today (or --as-of); its id must be new, and it must not repeat a row of
the record. Every broken row is printed with its file, line and column. It reads and prints: it never
writes data/. Exit code: 0 when every row passes, 1 when a row is broken, 2 for bad input.
The work is done by summitkit.loading's check_contribution, which a notebook can call too;
data/README.md ("Adding a year of events") says what makes a row.
"""

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "chapters"))  # the chapters' helper

from summitkit.loading import RECORD_AS_OF, DataError, check_contribution  # noqa: E402


def in_words(day):
    """2026-02-28 as chapter 5 writes it: 28 February 2026."""
    day = date.fromisoformat(day)
    return f"{day.day} {day:%B} {day.year}"


def next_steps(last):
    """What to do with a clean contribution whose latest date is last (YYYY-MM-DD)."""
    steps = [
        "Add the rows to data/record.csv, keeping their ids: below its last row (a row older than the "
        "record's last date goes in at its date)."
    ]
    if last > RECORD_AS_OF:
        # Chapter 5 states the record's date in words; a test holds it to RECORD_AS_OF.
        steps.append(
            f"Move RECORD_AS_OF in chapters/summitkit/loading.py from {RECORD_AS_OF} to {last}, "
            f'and chapter 5\'s "as of {in_words(RECORD_AS_OF)}" to "as of {in_words(last)}".'
        )
    steps += [
        "Run the tests: .venv/bin/pytest tests/test_data.py tests/test_record.py tests/test_claims.py "
        "(a test that fails names the chapter's sentence to rewrite).",
        "Re-read the claims ledger, data/claims.csv: add the new ids to the 'later' column of the "
        "claims they bear on, and ask whether any verdict changes.",
    ]
    return "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m course.check_record", description=__doc__.split("\n")[0]
    )
    parser.add_argument("file", help="the contributed rows, such as record-2026.csv")
    parser.add_argument(
        "--as-of", help="the latest date a row may have, YYYY-MM-DD (default: today)"
    )
    args = parser.parse_args(argv)

    try:
        problems = check_contribution(args.file, as_of=args.as_of)
    except DataError as err:
        print(f"check_record: {err}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    print(
        f"{problems.checked} row{'' if problems.checked == 1 else 's'} checked; "
        f"{len(problems)} problem{'' if len(problems) == 1 else 's'}."
    )
    if problems:
        return 1
    print("\nNext steps:\n" + next_steps(problems.last))
    return 0


if __name__ == "__main__":
    sys.exit(main())
